"""Helpers of the information-literacy tests: a draft guide with a quiz, and a published one."""

from lantern.infoservice.models import Guide
from lantern.infoservice.services import literacy as services

# (English question, [English answers], index of the right one)
QUIZ = [
    ("Who said it?", ["A forwarded screenshot", "The health commission", "A stranger"], 1),
    ("Is there evidence?", ["Check the study", "Trust it"], 0),
    ("Forward it?", ["At once", "Not before checking"], 1),
    ("Experts unnamed?", ["Be careful", "It must be true"], 0),
]


def make_guide(library, by=None, *, questions=4, audience="", **fields) -> Guide:
    values = {
        "title_zh_hans": "如何核实健康说法",
        "title_en": "How to check a health claim",
        "summary_en": "Three steps.",
        "body_en": "<h2>Step 1</h2><p>Find the source.</p>",
        "body_zh_hans": "<h2>第一步</h2><p>找到来源。</p>",
        "audience": audience,
        **fields,
    }
    guide = services.create_guide(library, by=by, **values)
    for text, answers, right in QUIZ[:questions]:
        services.add_question(
            guide,
            by=by,
            text_en=text,
            text_zh_hans=f"问：{text}",
            explanation_en=f"Because of {text.lower()}",
            answers=[(f"答：{a}", a) for a in answers],
            correct=right,
        )
    return guide


def make_published(library, by=None, **kwargs) -> Guide:
    guide = make_guide(library, by, **kwargs)
    services.submit_guide(guide, by=by)
    return guide


def answers(guide, *, wrong=()) -> dict:
    """{question id: answer id}: the right answers, except a wrong one for the question numbers (from 1) in
    `wrong`."""
    chosen = {}
    for number, question in enumerate(services.quiz_of(guide), start=1):
        choices = list(question.choices.all())
        pick = next(c for c in choices if c.correct == (number not in wrong))
        chosen[question.pk] = pick.pk
    return chosen
