"""Which `catalogue` fields hold text in both languages: what librarians write, not what MARC brings."""

from modeltranslation.translator import TranslationOptions, register

from .models import EResource, ReadingList, ReadingListEntry


@register(ReadingList)
class ReadingListTranslation(TranslationOptions):
    fields = ("title", "theme")


@register(ReadingListEntry)
class ReadingListEntryTranslation(TranslationOptions):
    fields = ("note",)


@register(EResource)
class EResourceTranslation(TranslationOptions):
    fields = ("access_note",)
