"""Which `emergency` fields hold text in both languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import ChecklistItem, Plan, Training, Zone


@register(Zone)
class ZoneTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title",)


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("text",)


@register(Training)
class TrainingTranslation(TranslationOptions):
    fields = ("title",)
