"""Which `archive` fields hold text in both languages (django-modeltranslation adds _zh_hans and _en).
Items are not translated: they stay in the language their contributor wrote them in."""

from modeltranslation.translator import TranslationOptions, register

from .models import Collection


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "description", "call_text")
