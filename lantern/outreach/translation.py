"""Which `outreach` fields hold text in both languages (django-modeltranslation adds _zh_hans and _en)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AccessibleService, Lesson, Shift, Station


@register(Station)
class StationTranslation(TranslationOptions):
    fields = ("name",)


@register(Shift)
class ShiftTranslation(TranslationOptions):
    fields = ("title", "description")


@register(AccessibleService)
class AccessibleServiceTranslation(TranslationOptions):
    fields = ("title", "description", "who", "how")


@register(Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title",)
