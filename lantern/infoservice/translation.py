"""Which `infoservice` fields hold text in both languages (django-modeltranslation adds _zh_hans and _en).

Questions, messages, canned answers and briefs are written in one language, the one they are read in."""

from modeltranslation.translator import TranslationOptions, register

from .models import Bulletin, Evidence, Guide, QuizChoice, QuizQuestion, RumourCheck, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)


@register(Bulletin)
class BulletinTranslation(TranslationOptions):
    fields = ("title", "body")


@register(RumourCheck)
class RumourCheckTranslation(TranslationOptions):
    fields = ("claim", "summary", "explanation")


@register(Evidence)
class EvidenceTranslation(TranslationOptions):
    fields = ("note",)


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(QuizQuestion)
class QuizQuestionTranslation(TranslationOptions):
    fields = ("text", "explanation")


@register(QuizChoice)
class QuizChoiceTranslation(TranslationOptions):
    fields = ("text",)
