"""Forms of information-literacy guides: the staff's guide form and quiz-question form (both languages), and
the readers' audience filter. The readers' quiz is built by hand in its template (one fieldset per question)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.audience import Audience
from lantern.core.forms import NoColonMixin

from .models import Guide, QuizQuestion
from .services.literacy import ANSWER_MAX, EXPLANATION_MAX, MAX_ANSWERS, QUESTION_MAX, SUMMARY_MAX, TITLE_MAX

BODY_HELP = _(
    "Plain text: a blank line starts a new paragraph. You may also use a little HTML: headings (h2, h3), "
    "lists, bold, links."
)


class GuideForm(NoColonMixin, forms.Form):
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=TITLE_MAX, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=TITLE_MAX, required=False)
    summary_zh_hans = forms.CharField(
        label=_("In one sentence (Chinese)"), max_length=SUMMARY_MAX, required=False, help_text=_("Shown in the list.")
    )
    summary_en = forms.CharField(label=_("In one sentence (English)"), max_length=SUMMARY_MAX, required=False)
    body_zh_hans = forms.CharField(
        label=_("Guide (Chinese)"), widget=forms.Textarea, required=False, help_text=BODY_HELP
    )
    body_en = forms.CharField(label=_("Guide (English)"), widget=forms.Textarea, required=False)
    audience = forms.ChoiceField(
        label=_("Written for"),
        required=False,
        choices=[("", _("Everyone")), *Audience.choices],
        help_text=_("A guide for a group counts as a service aimed at that group."),
    )

    @classmethod
    def initial_for(cls, guide: Guide) -> dict:
        return {field: getattr(guide, field) for field in cls.base_fields}


def _answer_fields() -> dict:
    fields = {}
    for n in range(1, MAX_ANSWERS + 1):
        fields[f"answer_{n}_zh_hans"] = forms.CharField(
            label=_("Answer %(n)s (Chinese)") % {"n": n}, max_length=ANSWER_MAX, required=False
        )
        fields[f"answer_{n}_en"] = forms.CharField(
            label=_("Answer %(n)s (English)") % {"n": n}, max_length=ANSWER_MAX, required=False
        )
    return fields


class QuestionForm(NoColonMixin, forms.Form):
    """A question with up to five answer slots (fill two to five) and which one is right."""

    text_zh_hans = forms.CharField(label=_("Question (Chinese)"), max_length=QUESTION_MAX, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=QUESTION_MAX, required=False)
    explanation_zh_hans = forms.CharField(
        label=_("Why (Chinese)"),
        max_length=EXPLANATION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown after answering: why the right answer is right."),
    )
    explanation_en = forms.CharField(
        label=_("Why (English)"), max_length=EXPLANATION_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    locals().update(_answer_fields())
    correct = forms.TypedChoiceField(
        label=_("The right answer"),
        choices=[(str(n), _("Answer %(n)s") % {"n": n}) for n in range(1, MAX_ANSWERS + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which of the answers you gave is the right one.")},
    )

    def service_fields(self) -> dict:
        """The cleaned data as `check_question` takes it (answer slots as pairs, the right one from 0)."""
        data = self.cleaned_data
        return {
            "text_zh_hans": data["text_zh_hans"],
            "text_en": data["text_en"],
            "explanation_zh_hans": data["explanation_zh_hans"],
            "explanation_en": data["explanation_en"],
            "answers": [(data[f"answer_{n}_zh_hans"], data[f"answer_{n}_en"]) for n in range(1, MAX_ANSWERS + 1)],
            "correct": data["correct"] - 1,
        }

    @classmethod
    def initial_for(cls, question: QuizQuestion | None) -> dict:
        if question is None:
            return {}
        initial = {
            field: getattr(question, field)
            for field in ("text_zh_hans", "text_en", "explanation_zh_hans", "explanation_en")
        }
        for n, choice in enumerate(question.choices.all(), start=1):
            initial[f"answer_{n}_zh_hans"] = choice.text_zh_hans
            initial[f"answer_{n}_en"] = choice.text_en
            if choice.correct:
                initial["correct"] = str(n)
        return initial


class AudienceFilter(forms.Form):
    audience = forms.ChoiceField(
        label=_("Guides for"), required=False, choices=[("", _("Everyone")), *Audience.choices]
    )
