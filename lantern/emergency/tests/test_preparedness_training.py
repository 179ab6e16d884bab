"""Trainings and the competency matrix: recording a training, its service record, gaps marked in words,
bad input, and who may do what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lantern.emergency.models import Training
from lantern.emergency.services import preparedness as services
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def url(name, library, *args):
    return reverse(f"emergency:{name}", args=[library.slug, *args])


def form_data(**overrides):
    data = {"title_zh": "线上参考咨询", "title_en": "Online reference", "date": "2026-03-02", "trainer": "省馆",
            "hours": "3", "competencies": ["information_service"]}  # fmt: skip
    data.update(overrides)
    return data


def test_manager_records_a_training_and_it_counts_as_a_service(client_as, library_a, manager_a, librarian_a):
    response = client_as(manager_a).post(url("training_create", library_a), form_data(attendees=[librarian_a.pk]))
    assert response.status_code == 302
    training = Training.objects.get()
    assert list(training.attendees.all()) == [librarian_a]
    assert training.competencies == ["information_service"]
    record = ServiceRecord.objects.get(library=library_a)
    assert record.emergency and record.date == datetime.date(2026, 3, 2)
    assert record.title_zh_hans == "线上参考咨询"


def test_the_form_offers_the_competencies_and_this_librarys_staff(client_as, library_a, manager_a, librarian_a,
                                                                    librarian_b):  # fmt: skip
    page = client_as(manager_a).get(url("training_create", library_a)).content.decode()
    assert 'value="information_technology"' in page
    assert "Bob" in page and "Charlie" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": "0"}, "more than zero hours"),
        ({"title_zh": "", "title_en": " "}, "Give the training a title"),
        ({"competencies": []}, ""),
        ({"date": "not a date"}, ""),
    ],
)
def test_bad_trainings_are_refused_and_nothing_is_written(client_as, library_a, manager_a, overrides, message):
    response = client_as(manager_a).post(url("training_create", library_a), form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Training.objects.exists()
    assert not ServiceRecord.objects.exists()


def test_an_attendee_from_another_library_is_refused(client_as, library_a, manager_a, librarian_b):
    response = client_as(manager_a).post(url("training_create", library_a), form_data(attendees=[librarian_b.pk]))
    assert response.status_code == 400
    assert "must be members of this library" in response.content.decode()
    assert not Training.objects.exists()
    with pytest.raises(ValidationError):
        services.record_training(library_a, title_zh="x", title_en="", date=datetime.date(2026, 1, 1), trainer="",
                                 hours="1", competencies=["research"], attendees=[librarian_b])  # fmt: skip


def test_the_matrix_shows_hours_and_marks_gaps_in_words(client_as, library_a, manager_a, librarian_a):
    services.record_training(library_a, title_zh="直播工具", title_en="", date=datetime.date(2026, 3, 1), trainer="",
                             hours="4", competencies=["information_technology", "information_service"],
                             attendees=[librarian_a, manager_a])  # fmt: skip
    services.record_training(library_a, title_zh="参考咨询", title_en="", date=datetime.date(2026, 3, 2), trainer="",
                             hours="1.5", competencies=["information_service"], attendees=[librarian_a])  # fmt: skip
    rows = {row["person"]: row for row in services.competency_matrix(library_a)}
    bob = {cell["code"]: cell["hours"] for cell in rows[librarian_a]["cells"]}
    assert bob["information_service"] == 5.5 and bob["information_technology"] == 4
    assert bob["research"] is None and rows[librarian_a]["gaps"] == 2
    page = client_as(librarian_a).get(url("training_matrix", library_a)).content.decode()
    assert '<th scope="col">' in page and '<th scope="row">Bob</th>' in page
    assert page.count('class="gap"') == 4  # Bob: 2 gaps, Mia: 2 gaps
    assert "✗" in page  # not only colour


def test_other_libraries_staff_and_readers_cannot_see_or_add_trainings(client_as, library_a, librarian_b, reader,
                                                                         librarian_a):  # fmt: skip
    for person in (librarian_b, reader, librarian_a):
        client = client_as(person)
        assert client.post(url("training_create", library_a), form_data()).status_code == 403
    for person in (librarian_b, reader):
        for name in ("trainings", "training_matrix", "preparedness"):
            assert client_as(person).get(url(name, library_a)).status_code == 403
    assert not Training.objects.exists()
