"""Which `lending` fields hold text in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import DeliveryZone, PickupPoint


@register(DeliveryZone)
class DeliveryZoneTranslation(TranslationOptions):
    fields = ("name",)


@register(PickupPoint)
class PickupPointTranslation(TranslationOptions):
    fields = ("name", "instructions")
