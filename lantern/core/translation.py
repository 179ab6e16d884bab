"""Which `core` fields hold text in both languages (django-modeltranslation adds _zh_hans and _en)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Library, Network, Partner, ServiceModeChange


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name",)


@register(Library)
class LibraryTranslation(TranslationOptions):
    fields = ("name", "mode_message")


@register(ServiceModeChange)
class ServiceModeChangeTranslation(TranslationOptions):
    fields = ("message",)


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name",)
