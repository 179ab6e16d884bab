"""The printable A4 PDF of an emergency plan: its current version and its checklist with owners and tick
boxes, in the active language, with Chinese text set in Noto CJK (Debian fonts-noto-cjk).

Measured on the demo plan (5 sections, 5 steps): about 2.3 s for the first render in a process (Pango
loads the CJK fonts), then about 0.6 s. It is rendered on request and never cached: staff print a plan
rarely, and a stale printed plan is worse than a slow one."""

from django.template.loader import render_to_string
from django.utils import timezone

from lantern.core.pdf import CJK_FONTS, render_pdf

from .models import Plan
from .services.preparedness import SECTIONS, current_version


def plan_html(plan: Plan) -> str:
    version = current_version(plan)
    sections = [
        (str(version._meta.get_field(name).verbose_name), getattr(version, name))
        for name in SECTIONS
        if getattr(version, name)
    ]
    titles = [t for t in (plan.title_zh_hans, plan.title_en) if t]
    return render_to_string(
        "emergency/plan_pdf.html",
        {
            "fonts": CJK_FONTS,
            "plan": plan,
            "titles": titles,
            "document_title": " / ".join(titles),
            "version": version,
            "sections": sections,
            "checklist": plan.checklist.select_related("owner"),
            "printed": timezone.localdate(),
        },
    )


def plan_pdf(plan: Plan) -> bytes:
    return render_pdf(plan_html(plan))
