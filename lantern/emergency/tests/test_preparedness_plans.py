"""Emergency plans: creating, versioning with a yearly review, checklists with owners, activations and
drills with ticks, the PDF, the review reminder command, and who may do what."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from lantern.core.models import AuditEntry, Notice
from lantern.emergency.models import ChecklistItem, ChecklistTick, Plan, PlanActivation, PlanVersion
from lantern.emergency.services import preparedness as services
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"emergency:{name}", args=[library.slug, *args])


@pytest.fixture
def plan(library_a, manager_a, librarian_a):
    plan = services.create_plan(library_a, title_zh="疫情闭馆应急预案", title_en="Epidemic closure plan",
                                scenario="epidemic_closure", by=manager_a)  # fmt: skip
    services.write_version(plan, by=manager_a, procedures="两小时内闭馆", contacts="王馆长 027-1234")
    services.add_checklist_item(plan, text_zh="发布闭馆公告", text_en="Post the closure notice", owner=manager_a)
    services.add_checklist_item(plan, text_zh="延长借期", text_en="Extend loans", owner=librarian_a)
    return plan


# --- plans page and creating -------------------------------------------------------------------
def test_manager_creates_a_plan_then_writes_its_first_version(client_as, library_a, manager_a, chinese):
    client = client_as(manager_a)
    data = {"title_zh": "恢复开放预案", "title_en": "Reopening plan", "scenario": "reopening"}
    response = client.post(url("plan_create", library_a), data)
    plan = Plan.objects.get(library=library_a)
    assert response.status_code == 302
    assert response["Location"] == url("plan_version_new", library_a, plan.pk)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        response = client.post(url("plan_version_new", library_a, plan.pk),
                               {"risks": "人群聚集", "procedures": "预约入馆", "what_changed": "初版"})  # fmt: skip
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.review_due == datetime.date(2027, 3, 1)
    record = ServiceRecord.objects.get(library=library_a, emergency=True)
    assert record.title_zh_hans == "恢复开放预案"
    page = client.get(url("plans", library_a)).content.decode()
    assert "恢复开放预案" in page and "2027-03-01" in page


def test_empty_plan_title_is_refused_and_nothing_is_written(client_as, library_a, manager_a):
    response = client_as(manager_a).post(url("plan_create", library_a),
                                         {"title_zh": " ", "title_en": "", "scenario": "reopening"})  # fmt: skip
    assert response.status_code == 400
    assert "Give the plan a title" in response.content.decode()
    assert not Plan.objects.exists()


def test_plans_page_flags_an_overdue_review(client_as, plan, library_a, librarian_a):
    Plan.objects.filter(pk=plan.pk).update(review_due=datetime.date(2020, 1, 1))
    page = client_as(librarian_a).get(url("plans", library_a)).content.decode()
    assert 'class="overdue"' in page
    assert "2020-01-01" in page


def test_a_new_version_keeps_the_old_one_readable_and_shows_what_changed(client_as, plan, library_a, manager_a):
    client = client_as(manager_a)
    data = {"procedures": "一小时内闭馆", "contacts": "王馆长 027-1234", "what_changed": "提速"}
    response = client.post(url("plan_version_new", library_a, plan.pk), data)
    assert response.status_code == 302
    assert list(plan.versions.values_list("number", flat=True)) == [2, 1]
    old = client.get(url("plan_version", library_a, plan.pk, 1)).content.decode()
    assert "两小时内闭馆" in old
    detail = client.get(url("plan_detail", library_a, plan.pk)).content.decode()
    assert "一小时内闭馆" in detail
    assert "提速" in detail  # the "what changed" note, in the version history
    assert AuditEntry.objects.filter(action="plan.version_written", summary__contains="提速").exists()
    # Only the first version records the plan's service record.
    assert ServiceRecord.objects.filter(library=library_a).count() == 1


def test_an_empty_version_is_refused(client_as, plan, library_a, manager_a):
    response = client_as(manager_a).post(url("plan_version_new", library_a, plan.pk), {"procedures": "  "})
    assert response.status_code == 400
    assert plan.versions.count() == 1


# --- checklist ---------------------------------------------------------------------------------
def test_checklist_steps_have_owners_and_an_order(client_as, plan, library_a, manager_a, librarian_a, chinese):
    client = client_as(manager_a)
    response = client.post(url("plan_step_add", library_a, plan.pk),
                           {"text_zh": "开通线上服务", "owner": librarian_a.pk})  # fmt: skip
    assert response.status_code == 302
    last = plan.checklist.last()
    assert last.text == "开通线上服务" and last.owner == librarian_a
    client.post(url("plan_step_move", library_a, plan.pk, last.pk), {"direction": "up"})
    assert [i.text for i in plan.checklist.all()] == ["发布闭馆公告", "开通线上服务", "延长借期"]


def test_a_step_owner_from_another_library_is_refused(client_as, plan, library_a, manager_a, librarian_b):
    response = client_as(manager_a).post(url("plan_step_add", library_a, plan.pk),
                                         {"text_zh": "开通线上服务", "owner": librarian_b.pk})  # fmt: skip
    assert response.status_code == 400
    assert "must be a member of this library" in response.content.decode()
    assert plan.checklist.count() == 2
    with pytest.raises(ValidationError):
        services.add_checklist_item(plan, text_zh="x", owner=librarian_b)


def test_an_empty_step_is_refused(client_as, plan, library_a, manager_a):
    response = client_as(manager_a).post(url("plan_step_add", library_a, plan.pk), {"text_zh": "", "text_en": ""})
    assert response.status_code == 400
    assert plan.checklist.count() == 2


# --- activations and drills --------------------------------------------------------------------
def test_staff_run_a_drill_ticking_steps_and_finishing_with_notes(client_as, plan, library_a, librarian_a):
    client = client_as(librarian_a)
    response = client.post(url("plan_activate", library_a, plan.pk), {"kind": "drill"})
    drill = PlanActivation.objects.get(plan=plan)
    assert response.status_code == 302 and drill.is_drill
    step = plan.checklist.first()
    client.post(url("activation_tick", library_a, plan.pk, drill.pk, step.pk), {"action": "tick"})
    tick = ChecklistTick.objects.get(activation=drill, item=step)
    assert tick.done_by == librarian_a
    page = client.get(url("activation", library_a, plan.pk, drill.pk)).content.decode()
    assert "Bob" in page and "1" in page
    response = client.post(url("activation_finish", library_a, plan.pk, drill.pk), {"notes": "电话树 25 分钟"})
    assert response.status_code == 302
    drill.refresh_from_db()
    assert drill.finished_at is not None and drill.notes == "电话树 25 分钟"
    log = client.get(url("drills", library_a)).content.decode()
    assert "电话树 25 分钟" in log
    # A finished drill's checklist no longer changes.
    other = plan.checklist.last()
    response = client.post(url("activation_tick", library_a, plan.pk, drill.pk, other.pk), {"action": "tick"})
    assert response.status_code == 400
    assert not ChecklistTick.objects.filter(item=other).exists()


def test_a_second_running_activation_is_refused(client_as, plan, library_a, librarian_a):
    services.start_activation(plan, is_drill=False, by=librarian_a)
    response = client_as(librarian_a).post(url("plan_activate", library_a, plan.pk), {"kind": "drill"})
    assert response.status_code == 400
    assert PlanActivation.objects.count() == 1


def test_ticking_a_step_of_another_plan_is_refused(plan, library_a, manager_a, librarian_a):
    other = services.create_plan(library_a, title_zh="另一个", title_en="", scenario="other")
    foreign = services.add_checklist_item(other, text_zh="别的步骤")
    activation = services.start_activation(plan, is_drill=True)
    with pytest.raises(ValidationError):
        services.tick_item(activation, foreign, by=librarian_a)


# --- the PDF -----------------------------------------------------------------------------------
def test_the_plan_pdf_renders_with_its_title_and_checklist(client_as, plan, library_a, librarian_a, chinese):
    response = client_as(librarian_a).get(url("plan_pdf", library_a, plan.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from weasyprint import HTML

    from lantern.emergency import plan_pdf

    document = HTML(string=plan_pdf.plan_html(plan)).render()
    text = "".join(box.text for page in document.pages for box in _boxes(page._page_box) if getattr(box, "text", None))
    assert "疫情闭馆应急预案" in text
    assert "延长借期" in text
    assert document.metadata.title == "疫情闭馆应急预案 / Epidemic closure plan"


def _boxes(box):
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


# --- review reminders --------------------------------------------------------------------------
def test_review_reminders_go_to_managers_for_plans_due_within_30_days(plan, library_a, manager_a, librarian_a):
    Plan.objects.filter(pk=plan.pk).update(review_due=datetime.date(2026, 6, 20))
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False):
        call_command("plan_reviews", stdout=out)
    assert not Notice.objects.exists()  # 50 days ahead: not yet
    with time_machine.travel(datetime.datetime(2026, 5, 25, 9, tzinfo=datetime.UTC), tick=False):
        call_command("plan_reviews", stdout=out)
        call_command("plan_reviews", stdout=out)  # the same day again: no second notice
    notice = Notice.objects.get()
    assert notice.recipient == manager_a
    assert "疫情闭馆应急预案" in notice.subject
    assert notice.link == reverse("emergency:plan_detail", args=[library_a.slug, plan.pk])
    with time_machine.travel(datetime.datetime(2026, 7, 2, 9, tzinfo=datetime.UTC), tick=False):
        call_command("plan_reviews", stdout=out)
    overdue = Notice.objects.order_by("-pk").first()
    assert Notice.objects.count() == 2
    assert "逾期" in overdue.subject or "overdue" in overdue.subject


def test_the_review_command_states_its_rule():
    from lantern.emergency.management.commands.plan_reviews import Command

    assert "one year" in Command.help and "30 days" in Command.help


# --- permissions -------------------------------------------------------------------------------
def test_staff_of_another_library_and_readers_cannot_see_or_change_plans(client_as, plan, library_a, librarian_b,
                                                                            reader):  # fmt: skip
    step = plan.checklist.first()
    for person in (librarian_b, reader):
        client = client_as(person)
        for name, args in (("plans", []), ("plan_detail", [plan.pk]), ("plan_pdf", [plan.pk]), ("drills", [])):
            assert client.get(url(name, library_a, *args)).status_code == 403
        assert client.post(url("plan_activate", library_a, plan.pk), {"kind": "drill"}).status_code == 403
        assert client.post(url("plan_step_remove", library_a, plan.pk, step.pk)).status_code == 403
    assert not PlanActivation.objects.exists()
    assert ChecklistItem.objects.filter(pk=step.pk).exists()


def test_plain_staff_run_plans_but_only_managers_write_them(client_as, plan, library_a, librarian_a):
    client = client_as(librarian_a)
    assert client.post(url("plan_create", library_a), {"title_zh": "x", "scenario": "other"}).status_code == 403
    assert client.post(url("plan_version_new", library_a, plan.pk), {"procedures": "x"}).status_code == 403
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert client.get(url("plan_detail", library_a, plan.pk)).status_code == 200
