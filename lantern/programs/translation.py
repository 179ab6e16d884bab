"""Which `programs` fields hold text in both languages (django-modeltranslation adds _zh_hans and _en)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Campaign, Event, Exhibition, GroupSession, Item, ReadingGroup, Section, SharedResource


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ReadingGroup)
class ReadingGroupTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GroupSession)
class GroupSessionTranslation(TranslationOptions):
    fields = ("topic",)


@register(Exhibition)
class ExhibitionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("caption", "alt_text", "credit")


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title", "theme", "reader_action")


@register(SharedResource)
class SharedResourceTranslation(TranslationOptions):
    fields = ("title",)


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
