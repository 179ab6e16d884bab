"""Reading-station pages: staff of the library (and nobody else) create, open, send, take back, report lost,
rotate, answer and close; the site contact's token page takes requests and reports. Bad input on every form
gets a clear message, changes nothing and is never a 500; a wrong or replaced token is a plain 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.outreach.models import Station, StationRequest, UsageReport
from lantern.outreach.services import stations as services

from .stations_helpers import barcodes, clear_rate_limit, make_copies, make_partner, make_station

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    clear_rate_limit()


def staff_url(name, station, *extra):
    return reverse(f"outreach:{name}", args=[station.library.slug, station.pk, *extra])


def text(response) -> str:
    return response.content.decode()


FORM = {
    "name_zh_hans": "方舱医院阅读角",
    "name_en": "Shelter hospital reading corner",
    "site": "hospital",
    "address": "武汉客厅 A 馆",
    "contact_name": "刘护士长",
    "contact_phone": "13900000001",
    "opens_on": "2020-02-10",
    "closes_on": "",
}


# --- who may ---------------------------------------------------------------------------------------
def test_staff_of_another_library_and_readers_are_refused(client_as, library_a, librarian_b, reader):
    station = make_station(library_a)
    for person in (librarian_b, reader):
        client = client_as(person)
        assert client.get(reverse("outreach:staff_stations", args=["alpha"])).status_code == 403
        assert client.get(staff_url("staff_station", station)).status_code == 403
        assert client.post(staff_url("staff_station_close", station), {"confirm": "yes"}).status_code == 403
    station.refresh_from_db()
    assert station.status == "open"


def test_a_station_of_another_library_is_not_found_under_mine(client_as, library_a, library_b, librarian_a):
    theirs = make_station(library_b)
    url = reverse("outreach:staff_station", args=["alpha", theirs.pk])
    assert client_as(librarian_a).get(url).status_code == 404


# --- staff -----------------------------------------------------------------------------------------
def test_staff_create_open_and_see_the_station(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    host = make_partner(library_a, name="Hospital")
    response = client.post(reverse("outreach:staff_station_new", args=["alpha"]), {**FORM, "host": host.pk})
    station = Station.objects.get()
    assert response.status_code == 302 and response.url == staff_url("staff_station", station)
    response = client.post(staff_url("staff_station_open", station), follow=True)
    assert "The station is open" in text(response)
    station.refresh_from_db()
    assert station.status == "open" and station.host == host
    page = text(client.get(reverse("outreach:staff_stations", args=["alpha"])))
    assert "Shelter hospital reading corner" in page and "No open request." in page


@pytest.mark.parametrize(
    "change",
    [
        {"name_zh_hans": "", "name_en": ""},
        {"site": "moon"},
        {"address": ""},
        {"opens_on": "not a date"},
        {"closes_on": "2020-01-01"},
        {"host": "999999"},
        {"contact_phone": "1" * 41},
    ],
)
def test_a_bad_station_form_saves_nothing(client_as, library_a, librarian_a, change):
    response = client_as(librarian_a).post(reverse("outreach:staff_station_new", args=["alpha"]), {**FORM, **change})
    assert response.status_code == 422 and "nothing was saved" in text(response)
    assert not Station.objects.exists()


def test_a_partner_of_another_library_is_not_offered(client_as, library_a, library_b, librarian_a):
    theirs = make_partner(library_b, name="Their hotel")
    response = client_as(librarian_a).post(
        reverse("outreach:staff_station_new", args=["alpha"]), {**FORM, "host": theirs.pk}
    )
    assert response.status_code == 422 and not Station.objects.exists()


def test_editing_keeps_the_link(client_as, library_a, librarian_a):
    station = make_station(library_a)
    token = station.token
    client = client_as(librarian_a)
    assert client.get(staff_url("staff_station_edit", station)).status_code == 200
    response = client.post(staff_url("staff_station_edit", station), {**FORM, "name_en": "New name"})
    station.refresh_from_db()
    assert response.status_code == 302 and station.name_en == "New name" and station.token == token


def test_send_by_barcodes_reports_bad_lines_and_sends_the_rest(client_as, library_a, librarian_a):
    station = make_station(library_a)
    copies = make_copies(library_a, 2)
    response = client_as(librarian_a).post(
        staff_url("staff_station_send", station), {"barcodes": f"{copies[0].barcode}\nNOPE\n{copies[1].barcode}"}
    )
    page = text(response)
    assert response.status_code == 200 and "2 copies were checked out to the station." in page
    assert "no copy of this library has this barcode" in page and "<td>2</td>" in page
    assert Copy.objects.filter(status="on_loan").count() == 2


@pytest.mark.parametrize("posted", [{}, {"barcodes": "   "}, {"barcodes": "\n".join(f"B{i}" for i in range(501))}])
def test_a_bad_barcode_form_sends_nothing(client_as, library_a, librarian_a, posted):
    station = make_station(library_a)
    response = client_as(librarian_a).post(staff_url("staff_station_send", station), posted)
    assert response.status_code == 422 and 'class="errorlist' in text(response)
    assert not station.deposits.exists()


@pytest.mark.parametrize(
    "posted", [{}, {"count": "0"}, {"count": "x"}, {"count": "501"}, {"count": "3", "search": "x" * 101}]
)
def test_a_bad_choose_form_sends_nothing(client_as, library_a, librarian_a, posted):
    station = make_station(library_a)
    make_copies(library_a, 3)
    response = client_as(librarian_a).post(staff_url("staff_station_send_available", station), posted)
    assert response.status_code == 422 and not station.deposits.exists()


def test_nothing_on_the_shelf_says_so(client_as, library_a, librarian_a):
    station = make_station(library_a)
    response = client_as(librarian_a).post(staff_url("staff_station_send_available", station), {"count": "3"})
    assert response.status_code == 409 and "No copy matching this is on the shelf." in text(response)


def test_take_back_and_report_lost_after_a_confirmation(client_as, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 3)))
    first, second, third = station.deposits.order_by("pk")
    client = client_as(librarian_a)
    url = staff_url("staff_station_deposits", station)
    response = client.post(url, {"action": "return", "deposits": [first.pk]}, follow=True)
    assert "1 copies are back on the shelf" in text(response)
    confirm = client.post(url, {"action": "lost", "deposits": [second.pk, third.pk]})
    assert "Nothing has changed yet." in text(confirm) and second.copy.barcode in text(confirm)
    assert station.deposits.filter(status="lost").count() == 0
    client.post(url, {"action": "lost", "deposits": [second.pk, third.pk], "confirm": "yes"})
    assert station.deposits.filter(status="lost").count() == 2
    assert Copy.objects.filter(status="lost").count() == 2


@pytest.mark.parametrize(
    "posted",
    [
        {"action": "return"},
        {"action": "burn", "deposits": ["1"]},
        {"action": "return", "deposits": ["x"]},
        {"action": "return", "deposits": ["999999"]},
    ],
)
def test_bad_copy_choices_change_nothing(client_as, library_a, librarian_a, posted):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 1)))
    response = client_as(librarian_a).post(staff_url("staff_station_deposits", station), posted)
    assert response.status_code == 422 and 'role="alert"' in text(response)
    assert station.deposits.get().status == "at_station"


def test_rotate_in_one_step(client_as, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 4)))
    new = make_copies(library_a, 2, title="新")
    client = client_as(librarian_a)
    assert client.get(staff_url("staff_station_rotate", station)).status_code == 200
    chosen = list(station.deposits.values_list("pk", flat=True)[:3])
    response = client.post(staff_url("staff_station_rotate", station), {"deposits": chosen, "barcodes": barcodes(new)})
    assert response.status_code == 200 and "Rotation done" in text(response)
    assert services.counts(station)["at_station"] == 3


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"return_all": "on"},
        {"barcodes": "B1"},
        {"return_all": "on", "count": "0"},
        {"deposits": ["999"], "count": "2"},
    ],
)
def test_a_bad_rotation_changes_nothing(client_as, library_a, librarian_a, posted):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 2)))
    response = client_as(librarian_a).post(staff_url("staff_station_rotate", station), posted)
    assert response.status_code == 422 and "nothing was changed" in text(response)
    assert station.deposits.filter(status="at_station").count() == 2


def test_answer_a_request_and_bad_answers(client_as, library_a, librarian_a):
    station = make_station(library_a)
    asked = services.ask_for_books(station, 10)
    client = client_as(librarian_a)
    url = staff_url("staff_station_request_answer", station, asked.pk)
    for posted in (
        {},
        {"status": "declined", "answer": ""},
        {"status": "maybe"},
        {"status": "done", "answer": "x" * 301},
    ):
        response = client.post(url, posted)
        assert response.status_code == 422 and 'role="alert"' in text(response)
    asked.refresh_from_db()
    assert asked.status == "open"
    client.post(url, {"status": "done", "answer": "10 books on Friday."})
    assert client.post(url, {"status": "done"}).status_code == 409
    assert client.post(staff_url("staff_station_request_answer", station, 99999), {"status": "done"}).status_code == 404


def test_close_after_a_confirmation_returns_every_copy(client_as, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 2)))
    client = client_as(librarian_a)
    page = client.get(staff_url("staff_station_close", station))
    assert "The 2 copies there are taken back to the shelf." in text(page)
    client.post(staff_url("staff_station_close", station))  # no confirmation: nothing happens
    station.refresh_from_db()
    assert station.status == "open"
    response = client.post(staff_url("staff_station_close", station), {"confirm": "yes"}, follow=True)
    assert "2 copies are back on the shelf" in text(response)
    assert client.get(staff_url("staff_station_edit", station)).status_code == 409
    assert client.get(staff_url("staff_station_close", station)).status_code == 409
    assert client.post(staff_url("staff_station_open", station)).status_code == 409


def test_the_link_page_shows_a_qr_code_and_replacing_it_kills_the_old_one(client, client_as, library_a, librarian_a):
    station = make_station(library_a)
    old = reverse("station:home", args=[station.token])
    staff = client_as(librarian_a)
    page = text(staff.get(staff_url("staff_station_link", station)))
    assert "<svg" in page and old in page
    assert "Nothing has changed yet." in text(staff.get(staff_url("staff_station_link_rotate", station)))
    staff.post(staff_url("staff_station_link_rotate", station), {"confirm": "yes"})
    station.refresh_from_db()
    staff.logout()
    assert client.get(old).status_code == 404
    assert client.get(reverse("station:home", args=[station.token])).status_code == 200


# --- the site contact ------------------------------------------------------------------------------
def test_a_wrong_or_overlong_token_is_a_plain_404(client, library_a):
    make_station(library_a)
    assert client.get("/station/guess/").status_code == 404
    assert client.get("/station/" + "x" * 200 + "/").status_code == 404
    assert client.post("/station/guess/more/", {"quantity": "3"}).status_code == 404
    assert not StationRequest.objects.exists()


def test_the_site_sees_what_it_holds_and_asks_for_more(client, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 2, title="围城")))
    home = reverse("station:home", args=[station.token])
    page = text(client.get(home))
    assert "Quarantine hotel reading corner" in page and "围城" in page and "027-1234" in page
    response = client.post(
        reverse("station:ask_more", args=[station.token]), {"quantity": "12", "message": "绘本"}, follow=True
    )
    assert "The library has your request for more books" in text(response)
    services.answer_request(StationRequest.objects.get(), "done", "Coming Friday.", by=librarian_a)
    assert "Coming Friday." in text(client.get(home))
    response = client.post(reverse("station:ask_rotation", args=[station.token]), {"message": ""}, follow=True)
    assert "new selection" in text(response)
    again = client.post(reverse("station:ask_rotation", args=[station.token]), {"message": ""})
    assert again.status_code == 409 and "already asked for" in text(again)


@pytest.mark.parametrize(
    "posted",
    [{}, {"quantity": "0"}, {"quantity": "lots"}, {"quantity": "501"}, {"quantity": "3", "message": "x" * 1001}],
)
def test_a_bad_request_for_books_saves_nothing(client, library_a, posted):
    station = make_station(library_a)
    response = client.post(reverse("station:ask_more", args=[station.token]), posted)
    assert response.status_code == 422 and 'class="errorlist' in text(response)
    assert not StationRequest.objects.exists()


def test_the_site_reports_usage(client, library_a):
    station = make_station(library_a)
    posted = {
        "period_start": str(TODAY - datetime.timedelta(days=3)),
        "period_end": str(TODAY),
        "readers": "25",
        "books_used": "40",
    }
    response = client.post(reverse("station:report", args=[station.token]), posted, follow=True)
    assert "Your report is saved." in text(response)
    assert UsageReport.objects.get().readers == 25


@pytest.mark.parametrize(
    "change",
    [
        {"period_end": str(TODAY + datetime.timedelta(days=1))},
        {"period_start": str(TODAY), "period_end": str(TODAY - datetime.timedelta(days=1))},
        {"period_start": "2001-01-01"},
        {"period_start": "yesterday"},
        {"readers": "-3"},
        {"books_used": "1000000"},
        {"readers": ""},
        {"note": "x" * 501},
    ],
)
def test_a_bad_report_saves_nothing(client, library_a, change):
    station = make_station(library_a)
    posted = {
        "period_start": str(TODAY - datetime.timedelta(days=3)),
        "period_end": str(TODAY),
        "readers": "25",
        "books_used": "40",
        **change,
    }
    response = client.post(reverse("station:report", args=[station.token]), posted)
    assert response.status_code == 422 and 'class="errorlist' in text(response)
    assert not UsageReport.objects.exists()


def test_a_closed_station_takes_no_more_requests_and_the_limit_answers_429(client, library_a):
    station = make_station(library_a)
    url = reverse("station:ask_more", args=[station.token])
    for _n in range(services.POSTS_PER_HOUR):
        client.post(url, {"quantity": "1"})
    limited = client.post(url, {"quantity": "1"})
    assert limited.status_code == 429 and "Too many requests" in text(limited)
    services.close_station(station)
    closed = client.post(url, {"quantity": "1"})
    assert closed.status_code == 409 and "not open" in text(closed)
    assert "This station is closed." in text(client.get(reverse("station:home", args=[station.token])))


def test_the_site_page_speaks_chinese(client, library_a, chinese):
    station = make_station(library_a)
    page = text(client.get(reverse("station:home", args=[station.token])))
    assert 'lang="zh-Hans"' in page and "隔离酒店阅读角" in page


def test_acceptance_a_quarantine_hotel_station_asks_for_more_is_rotated_and_the_counts_add_up(
    client, client_as, library_a, librarian_a
):
    hotel = make_partner(library_a, name="Harbour Quarantine Hotel")
    staff = client_as(librarian_a)
    staff.post(
        reverse("outreach:staff_station_new", args=["alpha"]),
        {**FORM, "site": "quarantine_hotel", "host": hotel.pk, "opens_on": str(TODAY - datetime.timedelta(days=7))},
    )
    station = Station.objects.get()
    staff.post(staff_url("staff_station_open", station))
    staff.post(staff_url("staff_station_send", station), {"barcodes": barcodes(make_copies(library_a, 40))})
    staff.logout()

    client.post(reverse("station:ask_more", args=[station.token]), {"quantity": "15", "message": "More novels"})
    staff = client_as(librarian_a)
    overview = text(staff.get(reverse("outreach:staff_stations", args=["alpha"])))
    assert "More novels" in overview and "40 at the station now · 40 sent · 0 returned · 0 lost" in overview

    back = list(station.deposits.order_by("pk").values_list("pk", flat=True)[:10])
    new = make_copies(library_a, 15, title="New")
    staff.post(staff_url("staff_station_rotate", station), {"deposits": back, "barcodes": barcodes(new)})
    asked = StationRequest.objects.get()
    staff.post(staff_url("staff_station_request_answer", station, asked.pk), {"status": "done", "answer": "15 sent"})

    page = text(staff.get(staff_url("staff_station", station)))
    for key, value in {"at_station": 45, "sent": 55, "returned": 10, "lost": 0}.items():
        assert f'data-count="{key}">{value}<' in page
    assert "45 at the station now · 55 sent · 10 returned · 0 lost" in text(
        staff.get(reverse("outreach:staff_stations", args=["alpha"]))
    )
    staff.logout()
    site = text(client.get(reverse("station:home", args=[station.token])))
    assert 'data-count="at_station">45<' in site and "15 sent" in site
    assert Copy.objects.filter(status="on_loan").count() == 45 and Copy.objects.filter(status="available").count() == 10
