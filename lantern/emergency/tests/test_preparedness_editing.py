"""Correcting what was recorded: editing and deleting a training, editing a supply (its stock still moves
only through the stock form), and removing a plan step only after a confirmation page; who may do it,
and bad input that writes nothing."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.core import services as core_services
from lantern.core.models import AuditEntry, Notice
from lantern.emergency.models import ChecklistItem, Supply, Training
from lantern.emergency.services import preparedness as services
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"emergency:{name}", args=[library.slug, *args])


def training_data(**overrides):
    data = {"title_zh": "线上参考咨询", "title_en": "Online reference", "date": "2026-03-02", "trainer": "省馆",
            "hours": "3", "competencies": ["information_service"]}  # fmt: skip
    data.update(overrides)
    return data


def fields(**overrides):
    """Keyword arguments of `update_training`, as the form hands them over."""
    data = {"title_zh": "线上参考咨询", "title_en": "Online reference", "date": datetime.date(2026, 3, 2),
            "trainer": "省馆", "hours": "3", "competencies": ["information_service"], "attendees": []}  # fmt: skip
    data.update(overrides)
    return data


@pytest.fixture
def training(library_a, manager_a, librarian_a):
    return services.record_training(library_a, by=manager_a, **fields(attendees=[librarian_a]))


@pytest.fixture
def masks(library_a, manager_a):
    return services.add_supply(library_a, name="口罩", unit="个", stock=120, low_at=100, by=manager_a)


@pytest.fixture
def plan(library_a, manager_a, librarian_a):
    plan = services.create_plan(library_a, title_zh="疫情闭馆应急预案", title_en="Epidemic closure plan",
                                scenario="epidemic_closure", by=manager_a)  # fmt: skip
    services.add_checklist_item(plan, text_zh="发布闭馆公告", text_en="Post the closure notice", owner=manager_a)
    services.add_checklist_item(plan, text_zh="延长借期", text_en="Extend loans", owner=librarian_a)
    return plan


# --- trainings: the services -------------------------------------------------------------------
def test_editing_a_training_changes_it_and_its_service_record(training, library_a, manager_a, librarian_a):
    services.update_training(training, by=manager_a, **fields(title_en="Live reference", date=datetime.date(2026, 4, 1),
                             hours="4.5", competencies=["research", "information_technology"],
                             attendees=[manager_a]))  # fmt: skip
    training.refresh_from_db()
    assert training.title_en == "Live reference" and training.date == datetime.date(2026, 4, 1)
    assert training.hours == Decimal("4.5")
    assert training.competencies == ["research", "information_technology"]
    assert list(training.attendees.all()) == [manager_a]
    record = ServiceRecord.objects.get(library=library_a)  # still one record, following the training
    assert record.date == datetime.date(2026, 4, 1) and record.title_en == "Live reference"
    assert AuditEntry.objects.filter(action="training.changed", actor=manager_a, object_id=str(training.pk)).exists()
    rows = {row["person"]: row for row in services.competency_matrix(library_a)}
    assert rows[librarian_a]["gaps"] == 4  # Bob no longer attended


@pytest.mark.parametrize(
    "overrides",
    [{"hours": "0"}, {"hours": "many"}, {"title_zh": "", "title_en": ""}, {"competencies": []},
     {"competencies": ["cooking"]}, {"date": None}, {"trainer": "x" * 201}],
)  # fmt: skip
def test_editing_a_training_with_bad_input_changes_nothing(training, manager_a, overrides):
    with pytest.raises(ValidationError):
        services.update_training(training, by=manager_a, **fields(**overrides))
    training.refresh_from_db()
    assert training.hours == Decimal("3.0") and training.competencies == ["information_service"]
    assert not AuditEntry.objects.filter(action="training.changed").exists()


def test_an_attendee_who_has_left_stays_on_the_training_but_newcomers_must_be_staff(
    client_as, training, library_a, manager_a, librarian_a, librarian_b
):
    core_services.revoke_role(librarian_a.roles.get(library=library_a))
    client = client_as(manager_a)
    page = client.get(url("training_edit", library_a, training.pk)).content.decode()
    assert "Bob" in page  # still offered and ticked, so saving does not drop him
    response = client.post(url("training_edit", library_a, training.pk), training_data(hours="5",
                           attendees=[librarian_a.pk]))  # fmt: skip
    assert response.status_code == 302
    training.refresh_from_db()
    assert list(training.attendees.all()) == [librarian_a] and training.hours == 5
    with pytest.raises(ValidationError):
        services.update_training(training, by=manager_a, **fields(attendees=[librarian_a, librarian_b]))
    assert list(training.attendees.all()) == [librarian_a]


def test_deleting_a_training_removes_its_service_record_and_is_audited(training, library_a, manager_a):
    services.delete_training(training, by=manager_a)
    assert not Training.objects.exists()
    assert not ServiceRecord.objects.filter(library=library_a).exists()
    entry = AuditEntry.objects.get(action="training.deleted")
    assert entry.actor == manager_a and entry.summary == "Online reference"


# --- trainings: the pages ----------------------------------------------------------------------
def test_the_trainings_list_links_managers_to_edit_and_delete(client_as, training, library_a, manager_a, librarian_a):
    page = client_as(manager_a).get(url("trainings", library_a)).content.decode()
    assert url("training_edit", library_a, training.pk) in page
    assert url("training_delete", library_a, training.pk) in page
    page = client_as(librarian_a).get(url("trainings", library_a)).content.decode()
    assert url("training_edit", library_a, training.pk) not in page


def test_the_edit_page_is_the_training_form_prefilled(client_as, training, library_a, manager_a, librarian_a):
    response = client_as(manager_a).get(url("training_edit", library_a, training.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Edit training</h1>" in page and "Save the changes" in page
    assert 'value="线上参考咨询"' in page and 'value="2026-03-02"' in page and 'value="3.0"' in page
    assert re.findall(r'value="(\w+)" id="id_competencies_\d" checked', page) == ["information_service"]
    assert re.findall(r'value="(\d+)" id="id_attendees_\d" checked', page) == [str(librarian_a.pk)]


def test_a_manager_edits_a_training_through_the_page(client_as, training, library_a, manager_a):
    response = client_as(manager_a).post(url("training_edit", library_a, training.pk),
                                         training_data(title_en="Live reference", hours="2.5"))  # fmt: skip
    assert response.status_code == 302 and response.url == url("trainings", library_a)
    training.refresh_from_db()
    assert training.title_en == "Live reference" and training.hours == Decimal("2.5")
    assert Training.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": "0"}, "more than zero hours"),
        ({"hours": "lots"}, ""),
        ({"title_zh": "", "title_en": " "}, "Give the training a title"),
        ({"competencies": []}, ""),
        ({"date": "not a date"}, ""),
        ({"attendees": ["999999"]}, ""),
    ],
)
def test_bad_edits_show_the_form_again_and_write_nothing(client_as, training, library_a, manager_a, overrides,
                                                        message):  # fmt: skip
    response = client_as(manager_a).post(url("training_edit", library_a, training.pk), training_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<h1>Edit training</h1>" in response.content.decode()
    training.refresh_from_db()
    assert training.hours == Decimal("3.0") and training.title_en == "Online reference"
    assert not AuditEntry.objects.filter(action="training.changed").exists()


def test_an_empty_edit_is_refused_not_ignored(client_as, training, library_a, manager_a):
    response = client_as(manager_a).post(url("training_edit", library_a, training.pk), {})
    assert response.status_code == 400
    training.refresh_from_db()
    assert training.title_en == "Online reference"


def test_deleting_a_training_asks_first(client_as, training, library_a, manager_a):
    client = client_as(manager_a)
    response = client.get(url("training_delete", library_a, training.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Delete the training" in page and "Keep it" in page and "2026-03-02" in page
    assert Training.objects.filter(pk=training.pk).exists()
    response = client.post(url("training_delete", library_a, training.pk))
    assert response.status_code == 302 and response.url == url("trainings", library_a)
    assert not Training.objects.exists()
    assert "is deleted" in client.get(response.url).content.decode()


def test_only_managers_of_the_library_edit_or_delete_its_trainings(client_as, training, library_a, library_b,
                                                                    librarian_a, librarian_b, reader,
                                                                    coordinator):  # fmt: skip
    for person in (librarian_a, librarian_b, reader):
        client = client_as(person)
        for name in ("training_edit", "training_delete"):
            assert client.get(url(name, library_a, training.pk)).status_code == 403
            assert client.post(url(name, library_a, training.pk), training_data(hours="9")).status_code == 403
    training.refresh_from_db()
    assert training.hours == Decimal("3.0")
    # A training is only found under its own library's address.
    other = services.record_training(library_b, **fields())
    client = client_as(coordinator)
    assert client.get(url("training_edit", library_a, other.pk)).status_code == 404
    assert client.post(url("training_delete", library_a, other.pk)).status_code == 404
    assert Training.objects.filter(pk=other.pk).exists()
    # The network's coordinator manages every member library.
    assert client.post(url("training_edit", library_a, training.pk), training_data(hours="9")).status_code == 302


# --- supplies ----------------------------------------------------------------------------------
def test_editing_a_supply_keeps_its_stock_and_is_audited(masks, manager_a):
    services.update_supply(masks, name="医用口罩", unit="盒", low_at=50, by=manager_a)
    masks.refresh_from_db()
    assert (masks.name, masks.unit, masks.low_at, masks.stock) == ("医用口罩", "盒", 50, 120)
    entry = AuditEntry.objects.get(action="supply.changed")
    assert entry.actor == manager_a and "口罩" in entry.summary and "50" in entry.summary


def test_a_supply_keeps_its_own_name_but_cannot_take_another(library_a, manager_a, masks):
    services.add_supply(library_a, name="洗手液", unit="瓶", stock=10, low_at=2, by=manager_a)
    services.update_supply(masks, name="口罩", unit="只", low_at=100, by=manager_a)  # same name: fine
    with pytest.raises(ValidationError) as refused:
        services.update_supply(masks, name="洗手液", unit="只", low_at=100, by=manager_a)
    assert "already tracks" in str(refused.value)
    masks.refresh_from_db()
    assert masks.name == "口罩" and masks.unit == "只"


@pytest.mark.parametrize(
    "overrides", [{"name": ""}, {"name": "x" * 101}, {"unit": "x" * 31}, {"low_at": -1}, {"low_at": "some"}]
)
def test_editing_a_supply_with_bad_input_changes_nothing(masks, manager_a, overrides):
    values = {"name": "医用口罩", "unit": "盒", "low_at": 50, **overrides}
    with pytest.raises(ValidationError):
        services.update_supply(masks, by=manager_a, **values)
    masks.refresh_from_db()
    assert (masks.name, masks.unit, masks.low_at) == ("口罩", "个", 100)


def test_raising_the_alert_level_over_the_stock_tells_the_managers_once(masks, manager_a):
    services.update_supply(masks, name="口罩", unit="个", low_at=119, by=manager_a)
    assert not Notice.objects.exists()  # 120 is still above 119
    services.update_supply(masks, name="口罩", unit="个", low_at=150, by=manager_a)
    notice = Notice.objects.get()
    assert notice.recipient == manager_a and "口罩" in notice.subject
    services.update_supply(masks, name="口罩", unit="个", low_at=200, by=manager_a)  # already low: no repeat
    services.update_supply(masks, name="口罩 N95", unit="个", low_at=200, by=manager_a)
    assert Notice.objects.count() == 1


def test_the_supplies_page_links_managers_to_the_edit_page(client_as, masks, library_a, manager_a, librarian_a):
    assert (
        url("supply_edit", library_a, masks.pk) in client_as(manager_a).get(url("supplies", library_a)).content.decode()
    )
    assert (
        url("supply_edit", library_a, masks.pk)
        not in client_as(librarian_a).get(url("supplies", library_a)).content.decode()
    )


def test_a_manager_edits_a_supply_through_the_page_without_touching_the_stock(client_as, masks, library_a,
                                                                             manager_a):  # fmt: skip
    client = client_as(manager_a)
    page = client.get(url("supply_edit", library_a, masks.pk)).content.decode()
    assert 'value="口罩"' in page and 'value="100"' in page
    assert 'name="stock"' not in page
    response = client.post(url("supply_edit", library_a, masks.pk),
                           {"name": "医用口罩", "unit": "个", "low_at": "150", "stock": "0"})  # fmt: skip
    assert response.status_code == 302
    masks.refresh_from_db()
    assert masks.name == "医用口罩" and masks.low_at == 150 and masks.stock == 120  # the stock field is ignored
    assert Notice.objects.filter(recipient=manager_a).count() == 1
    assert "the managers have been told" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "unit": "个", "low_at": "5"}, ""),
        ({"name": "洗手液", "unit": "个", "low_at": "5"}, "already tracks a supply with this name"),
        ({"name": "口罩", "unit": "个", "low_at": "-5"}, ""),
        ({"name": "口罩", "unit": "个", "low_at": "lots"}, ""),
        ({"name": "口罩", "unit": "个" * 31, "low_at": "5"}, ""),
        ({}, ""),
    ],
)
def test_bad_supply_edits_show_the_form_again_and_write_nothing(client_as, masks, library_a, manager_a, data,
                                                               message):  # fmt: skip
    services.add_supply(library_a, name="洗手液", unit="瓶", stock=10, low_at=2, by=manager_a)
    response = client_as(manager_a).post(url("supply_edit", library_a, masks.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    masks.refresh_from_db()
    assert (masks.name, masks.unit, masks.low_at) == ("口罩", "个", 100)
    assert not AuditEntry.objects.filter(action="supply.changed").exists()


def test_only_managers_of_the_library_edit_its_supplies(client_as, masks, library_a, library_b, librarian_a,
                                                        librarian_b, reader, manager_a):  # fmt: skip
    data = {"name": "x", "unit": "", "low_at": "0"}
    for person in (librarian_a, librarian_b, reader):
        client = client_as(person)
        assert client.get(url("supply_edit", library_a, masks.pk)).status_code == 403
        assert client.post(url("supply_edit", library_a, masks.pk), data).status_code == 403
    other = services.add_supply(library_b, name="消毒液", stock=5)
    client = client_as(manager_a)
    assert client.get(url("supply_edit", library_a, other.pk)).status_code == 404
    assert client.post(url("supply_edit", library_a, other.pk), data).status_code == 404
    assert list(Supply.objects.order_by("pk").values_list("name", flat=True)) == ["口罩", "消毒液"]


# --- plan steps --------------------------------------------------------------------------------
def test_the_plan_page_links_to_the_confirmation_instead_of_removing_at_once(client_as, plan, library_a, manager_a):
    step = plan.checklist.first()
    page = client_as(manager_a).get(url("plan_detail", library_a, plan.pk)).content.decode()
    remove = url("plan_step_remove", library_a, plan.pk, step.pk)
    assert f'href="{remove}"' in page
    assert f'action="{remove}"' not in page


def test_removing_a_step_asks_first_then_removes_it(client_as, plan, library_a, manager_a):
    step = plan.checklist.first()
    client = client_as(manager_a)
    response = client.get(url("plan_step_remove", library_a, plan.pk, step.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Post the closure notice" in page and "Remove the step" in page and "Keep it" in page
    assert url("plan_detail", library_a, plan.pk) in page
    assert ChecklistItem.objects.filter(pk=step.pk).exists()
    response = client.post(url("plan_step_remove", library_a, plan.pk, step.pk))
    assert response.status_code == 302
    assert not ChecklistItem.objects.filter(pk=step.pk).exists()
    assert AuditEntry.objects.filter(action="plan.step_removed", actor=manager_a).exists()


def test_the_confirmation_says_past_ticks_go_with_the_step(client_as, plan, library_a, manager_a, librarian_a):
    step = plan.checklist.first()
    activation = services.start_activation(plan, is_drill=True, by=librarian_a)
    services.tick_item(activation, step, by=librarian_a)
    page = client_as(manager_a).get(url("plan_step_remove", library_a, plan.pk, step.pk)).content.decode()
    assert "ticked once" in page


def test_only_managers_remove_steps_and_only_of_their_own_plan(client_as, plan, library_a, library_b, librarian_a,
                                                               librarian_b, reader, manager_a):  # fmt: skip
    step = plan.checklist.first()
    for person in (librarian_a, librarian_b, reader):
        client = client_as(person)
        assert client.get(url("plan_step_remove", library_a, plan.pk, step.pk)).status_code == 403
        assert client.post(url("plan_step_remove", library_a, plan.pk, step.pk)).status_code == 403
    other_plan = services.create_plan(library_a, title_zh="火灾预案", title_en="", scenario="other")
    client = client_as(manager_a)
    assert client.get(url("plan_step_remove", library_a, other_plan.pk, step.pk)).status_code == 404
    assert client.post(url("plan_step_remove", library_a, other_plan.pk, step.pk)).status_code == 404
    assert ChecklistItem.objects.filter(pk=step.pk).exists()
