"""Which `insights` fields hold text in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import ServiceRecord


@register(ServiceRecord)
class ServiceRecordTranslation(TranslationOptions):
    fields = ("title",)
