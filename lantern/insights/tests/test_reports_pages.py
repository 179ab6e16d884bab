"""Report pages: who may open which report, what the page shows, downloads, and bad input (a message,
never a 500)."""

import pytest
from django.urls import reverse

from lantern.conftest import make_user

from ..models import Study
from .reports_helpers import D, record, researcher

pytestmark = pytest.mark.django_db
SHOW = reverse("observatory:report")


def export(fmt):
    return reverse("observatory:report_export", args=[fmt])


@pytest.fixture
def records(library_a, library_b):
    record(library_a, D(2020, 2, 3), "emergency", title="Closure notice")
    record(library_b, D(2020, 3, 5), "reading_online", "targeted_groups")


def test_researcher_reads_a_network_report(client_as, records):
    response = client_as(researcher()).get(SHOW, {"scope": "network", "key": "net", "start": "2020-01-01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Records by category" in page and "Closure and reopening of each library" in page
    assert "<svg" in page and "Emergency management" in page
    assert "2 records" in page
    for fmt in ("pdf", "xlsx", "qdpx", "png", "csv"):
        assert export(fmt) in page


def test_chooser_lists_what_the_user_may_open(client_as, records, librarian_a):
    page = client_as(librarian_a).get(reverse("observatory:reports")).content.decode()
    assert "Alpha City Library" in page and "Beta City Library" not in page


def test_reader_cannot_open_reports(client_as, reader):
    assert client_as(reader).get(reverse("observatory:reports")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(SHOW, {"scope": "network", "key": "net"})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "scope", "key", "status"),
    [
        ("librarian_a", "library", "alpha", 200),
        ("librarian_a", "library", "beta", 403),
        ("librarian_a", "network", "net", 403),
        ("coordinator", "network", "net", 200),
        ("coordinator", "library", "beta", 200),
        ("coordinator", "province", "湖北省", 403),
        ("reader", "library", "alpha", 403),
    ],
)
def test_permissions_per_scope(request, client_as, records, who, scope, key, status):
    user = request.getfixturevalue(who)
    assert client_as(user).get(SHOW, {"scope": scope, "key": key}).status_code == status
    # The downloads follow the page's rule.
    assert client_as(user).get(export("csv"), {"scope": scope, "key": key, "table": "categories"}).status_code == status


def test_study_report_is_for_researchers(client_as, records, library_a, librarian_a, coordinator):
    owner = researcher()
    study = Study.objects.create(title="Reopening study", owner=owner, starts_on=D(2020, 1, 1), ends_on=D(2020, 6, 30))
    study.libraries.set([library_a])
    query = {"scope": "study", "key": str(study.pk)}
    assert client_as(coordinator).get(SHOW, query).status_code == 403
    response = client_as(owner).get(SHOW, query)
    assert response.status_code == 200 and "1 record" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message", "status"),
    [
        ({"scope": "planet", "key": "earth"}, "Select a valid choice", 400),
        ({"scope": "network", "key": ""}, "This field is required", 400),
        ({"scope": "network", "key": "nowhere"}, "There is no network “nowhere”.", 404),
        ({"scope": "province", "key": "Atlantis"}, "No library is registered in the province", 404),
        ({"scope": "study", "key": "abc"}, "There is no study number", 404),
        ({"scope": "network", "key": "net", "start": "2020-05-01", "end": "2020-01-01"}, "comes before its start", 400),
        ({"scope": "network", "key": "net", "start": "not a date"}, "Enter a valid date", 400),
        ({"scope": "network", "key": "net", "start": "1900-01-01", "end": "2020-01-01"}, "at most ten years", 400),
    ],
)
def test_bad_input_gets_a_message(client_as, records, query, message, status):
    response = client_as(researcher()).get(SHOW, query)
    assert response.status_code == status
    assert message in response.content.decode()


def test_bad_export_names(client_as, records):
    client = client_as(researcher())
    base = {"scope": "network", "key": "net"}
    assert client.get(export("csv"), {**base, "table": "nope"}).status_code == 404
    assert client.get(export("png"), {**base, "chart": "nope"}).status_code == 404
    assert client.get(export("docx"), base).status_code == 404
    assert client.get(export("csv"), {**base, "end": "2019-01-01", "start": "2020-01-01"}).status_code == 400


def test_downloads(client_as, records):
    client = client_as(researcher())
    base = {"scope": "network", "key": "net", "start": "2020-01-01", "end": "2020-12-31"}
    csv_response = client.get(export("csv"), {**base, "table": "categories"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    assert client.get(export("png"), {**base, "chart": "months"}).content[:4] == b"\x89PNG"
    assert client.get(export("xlsx"), base).content[:2] == b"PK"
    assert client.get(export("qdpx"), base).content[:2] == b"PK"
    assert client.get(export("posts"), base).status_code == 200


def test_page_in_chinese(client_as, records, chinese):
    user = make_user("wang@example.org", "Wang")
    from lantern.core.services import grant_role

    grant_role(user, "researcher")
    response = client_as(user).get(SHOW, {"scope": "library", "key": "alpha"})
    assert response.status_code == 200
    assert "甲市图书馆" in response.content.decode()
