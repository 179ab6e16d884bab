"""Reading-station services: a station's life (create, open, close), its secret link, the deposit collection
(send by barcode list or chosen by the system, take back, report lost, rotate), the site's requests and
reports, staff answers, the ServiceRecord it counts as, and every refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.catalogue.models import Copy, Format, Record
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Partner
from lantern.insights.models import ServiceRecord
from lantern.outreach.models import Deposit, Station, StationRequest
from lantern.outreach.services import stations as services

from .stations_helpers import barcodes, clear_rate_limit, make_copies, make_partner, make_station, station_values

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    clear_rate_limit()


def record_of(station):
    return ServiceRecord.objects.get(object_id=str(station.pk), content_type__model="station")


# --- a station's life ----------------------------------------------------------------------------
def test_a_new_station_has_a_long_secret_link_and_is_only_counted_once_open(library_a, librarian_a):
    station = make_station(library_a, open_it=False, by=librarian_a)
    assert station.status == "planned" and len(station.token) >= 40
    assert not ServiceRecord.objects.filter(object_id=str(station.pk)).exists()
    services.open_station(station, by=librarian_a)
    record = record_of(station)
    assert record.reading_offline and record.social and record.targeted_groups and not record.cross_industry
    assert record.date == station.opens_on and record.title_en == "Reading station: Quarantine hotel reading corner"
    actions = list(
        AuditEntry.objects.filter(action__startswith="outreach.").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["outreach.station_created", "outreach.station_opened"]


def test_a_hosted_hospital_station_is_cross_industry_and_a_community_one_is_not_targeted(library_a):
    hospital = make_partner(library_a, kind=Partner.Kind.HOSPITAL, name="方舱医院")
    ward = make_station(library_a, site=Station.Site.HOSPITAL, host=hospital)
    assert record_of(ward).cross_industry and record_of(ward).targeted_groups
    community = make_station(library_a, site=Station.Site.COMMUNITY, name_en="Block 7")
    assert not record_of(community).targeted_groups and not record_of(community).cross_industry


def test_changing_an_open_station_updates_its_record(library_a):
    station = make_station(library_a)
    host = make_partner(library_a)
    services.save_station(library_a, station_values(host=host, name_en="Renamed"), station=station)
    assert record_of(station).cross_industry and record_of(station).title_en == "Reading station: Renamed"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name_zh_hans": "", "name_en": " "}, "name_zh_hans"),
        ({"site": "moon"}, "site"),
        ({"address": ""}, "address"),
        ({"contact_name": "  "}, "contact_name"),
        ({"opens_on": None}, "opens_on"),
        ({"closes_on": TODAY - datetime.timedelta(days=30)}, "closes_on"),
    ],
)
def test_a_station_form_with_a_gap_is_refused_by_field(library_a, values, field):
    with pytest.raises(ValidationError) as caught:
        services.save_station(library_a, station_values(**values))
    assert field in caught.value.message_dict
    assert not Station.objects.exists()


def test_a_partner_of_another_library_cannot_host(library_a, library_b):
    other = make_partner(library_b)
    with pytest.raises(ValidationError) as caught:
        services.save_station(library_a, station_values(host=other))
    assert caught.value.message_dict["host"] == ["Choose a partner of this library."]


def test_a_closed_station_cannot_be_changed_opened_or_closed_again(library_a):
    station = make_station(library_a)
    services.close_station(station)
    with pytest.raises(Refused, match="closed station cannot be changed"):
        services.save_station(library_a, station_values(), station=station)
    with pytest.raises(Refused) as caught:
        services.open_station(station)
    assert caught.value.reason == "wrong_status"
    with pytest.raises(Refused):
        services.close_station(station)
    with pytest.raises(Refused):
        services.open_station(make_station(library_a))  # already open


def test_closing_brings_every_copy_home_and_keeps_the_record(library_a, librarian_a):
    station = make_station(library_a)
    copies = make_copies(library_a, 3)
    services.send_copies(station, barcodes(copies))
    assert services.close_station(station, by=librarian_a) == 3
    assert set(Copy.objects.values_list("status", flat=True)) == {"available"}
    station.refresh_from_db()
    assert station.status == "closed" and station.closes_on == TODAY
    assert services.counts(station) == {**services.counts(station), "at_station": 0, "returned": 3, "sent": 3}
    assert record_of(station)  # the service was given


def test_replacing_the_link_kills_the_old_one(library_a, librarian_a):
    station = make_station(library_a)
    old = station.token
    services.rotate_token(station, by=librarian_a)
    assert station.token != old and not Station.objects.filter(token=old).exists()
    assert AuditEntry.objects.filter(action="outreach.station_link_rotated").count() == 1


# --- the deposit collection ----------------------------------------------------------------------
def test_a_barcode_list_sends_what_it_can_and_reports_each_other_line(library_a, library_b):
    station = make_station(library_a)
    good = make_copies(library_a, 3)
    on_loan = make_copies(library_a, 1)[0]
    Copy.objects.filter(pk=on_loan.pk).update(status="on_loan")
    theirs = make_copies(library_b, 1, prefix="B")[0]
    ebook = Record.objects.create(library=library_a, title="E", format=Format.EBOOK)
    Copy.objects.create(record=ebook, library=library_a, barcode="EBOOK1")
    text = "\n".join(
        [
            good[0].barcode,
            "",
            "NOPE",
            good[1].barcode,
            good[0].barcode,
            on_loan.barcode,
            theirs.barcode,
            "X" * 70,
            "EBOOK1",
            good[2].barcode,
        ]
    )
    sent = services.send_copies(station, text)
    assert [c.barcode for c in sent.copies] == [good[0].barcode, good[1].barcode, good[2].barcode]
    assert [(line, why) for line, _b, why in sent.problems] == [
        (3, "no copy of this library has this barcode"),
        (5, "listed twice"),
        (6, "not on the shelf (On loan)"),
        (7, "no copy of this library has this barcode"),
        (8, "not a barcode: too long"),
        (9, "not a physical item"),
    ]
    assert Copy.objects.filter(status="on_loan").count() == 4
    assert services.counts(station)["at_station"] == 3


def test_a_copy_at_another_station_is_named(library_a):
    first, second = make_station(library_a, name_en="First"), make_station(library_a, name_en="Second")
    copy = make_copies(library_a, 1)[0]
    services.send_copies(first, copy.barcode)
    sent = services.send_copies(second, copy.barcode)
    assert sent.copies == [] and sent.problems[0][2] == "already at the station “First”"


def test_an_empty_or_huge_list_and_a_closed_station_are_refused(library_a):
    station = make_station(library_a)
    with pytest.raises(ValidationError):
        services.send_copies(station, " \n \n")
    with pytest.raises(ValidationError):
        services.send_copies(station, "\n".join(f"B{i}" for i in range(501)))
    services.close_station(station)
    with pytest.raises(Refused, match="closed"):
        services.send_copies(station, "B1")
    with pytest.raises(Refused, match="closed"):
        services.send_available(station, 3)


def test_the_system_chooses_one_copy_of_each_title_first(library_a, librarian_a):
    station = make_station(library_a)
    first = make_copies(library_a, 1, title="Alpha")[0]
    Copy.objects.create(record=first.record, library=library_a, barcode="SECOND-ALPHA")
    make_copies(library_a, 2, title="Beta")
    sent = services.send_available(station, 3, by=librarian_a)
    assert len({c.record_id for c in sent.copies}) == 3
    matching = services.send_available(station, 5, "Alpha")
    assert [c.barcode for c in matching.copies] == ["SECOND-ALPHA"]  # fewer when fewer are on the shelf
    with pytest.raises(Refused) as caught:
        services.send_available(station, 2, "Alpha")
    assert caught.value.reason == "none_available"
    for bad in (0, 501, "3"):
        with pytest.raises(ValidationError):
            services.send_available(station, bad)


def test_returning_and_losing_copies_keep_the_counts_adding_up(library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 5)))
    deposits = list(station.deposits.order_by("pk"))
    assert services.return_copies(station, [deposits[0].pk, deposits[1].pk], by=librarian_a) == 2
    assert services.report_lost(station, [deposits[2].pk], by=librarian_a) == 1
    assert deposits[2].copy.__class__.objects.get(pk=deposits[2].copy_id).status == "lost"
    assert Copy.objects.filter(status="available").count() == 2
    counted = services.counts(station)
    assert (counted["sent"], counted["at_station"], counted["returned"], counted["lost"]) == (5, 2, 2, 1)
    with pytest.raises(Refused) as caught:  # already back
        services.return_copies(station, [deposits[0].pk])
    assert caught.value.reason == "not_at_station"
    with pytest.raises(Refused):
        services.report_lost(station, [deposits[2].pk])
    with pytest.raises(ValidationError):
        services.return_copies(station, [])


def test_a_copy_of_another_station_cannot_be_returned_through_this_one(library_a):
    mine, other = make_station(library_a), make_station(library_a, name_en="Other")
    services.send_copies(other, barcodes(make_copies(library_a, 1)))
    with pytest.raises(Refused):
        services.return_copies(mine, [other.deposits.get().pk])


def test_a_rotation_returns_and_sends_in_one_step_and_answers_the_site(library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 40)))
    asked = services.ask_for_rotation(station, "读完了")
    back_ids = list(station.deposits.order_by("pk").values_list("pk", flat=True)[:10])
    new = make_copies(library_a, 15, title="新书")
    back, sent = services.rotate(station, deposit_ids=back_ids, barcodes_text=barcodes(new), by=librarian_a)
    assert back == 10 and len(sent.copies) == 15
    counted = services.counts(station)
    assert (counted["sent"], counted["returned"], counted["at_station"], counted["lost"]) == (55, 10, 45, 0)
    asked.refresh_from_db()
    assert asked.status == "done" and asked.answer.endswith("Rotated: 10 books taken back, 15 new books sent.")
    rotation = AuditEntry.objects.get(action="outreach.station_rotated")
    assert rotation.summary == "rotation: 10 returned, 15 sent" and rotation.actor == librarian_a


def test_a_rotation_of_everything_by_count_and_its_refusals(library_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 4)))
    make_copies(library_a, 3, title="Next")
    with pytest.raises(ValidationError):
        services.rotate(station, return_all=True)  # nothing new named
    back, sent = services.rotate(station, return_all=True, count=5)
    assert back == 4 and len(sent.copies) == 3  # only the new ones: the copies taken back stay home
    assert all(copy.record.title.startswith("Next") for copy in sent.copies)
    planned = make_station(library_a, open_it=False)
    with pytest.raises(Refused, match="Only an open station"):
        services.rotate(planned, return_all=True, count=1)


# --- the site ------------------------------------------------------------------------------------
def test_the_site_asks_for_books_and_a_rotation_once(library_a):
    station = make_station(library_a)
    asked = services.ask_for_books(station, 20, " 儿童绘本 ")
    assert (asked.kind, asked.quantity, asked.message, asked.status) == ("more_books", 20, "儿童绘本", "open")
    services.ask_for_rotation(station)
    with pytest.raises(Refused) as caught:
        services.ask_for_rotation(station)
    assert caught.value.reason == "already_asked"


@pytest.mark.parametrize("quantity", [0, -1, 501, None, "5"])
def test_a_request_for_an_impossible_number_of_books_is_refused(library_a, quantity):
    station = make_station(library_a)
    with pytest.raises(ValidationError) as caught:
        services.ask_for_books(station, quantity)
    assert "quantity" in caught.value.message_dict and not StationRequest.objects.exists()


def test_a_long_message_and_a_station_not_open_are_refused(library_a):
    station = make_station(library_a)
    with pytest.raises(ValidationError):
        services.ask_for_books(station, 3, "x" * 1001)
    planned = make_station(library_a, open_it=False)
    for ask in (lambda: services.ask_for_books(planned, 3), lambda: services.ask_for_rotation(planned)):
        with pytest.raises(Refused) as caught:
            ask()
        assert caught.value.reason == "wrong_status"
    with pytest.raises(Refused, match="not opened yet"):
        services.report_usage(planned, {})


def test_posts_through_one_link_are_rate_limited(library_a):
    station = make_station(library_a)
    for _n in range(services.POSTS_PER_HOUR):
        services.ask_for_books(station, 1)
    with pytest.raises(Refused) as caught:
        services.ask_for_books(station, 1)
    assert caught.value.status == 429
    other = make_station(library_a, name_en="Other")
    services.ask_for_books(other, 1)  # another link has its own count


def report(**values):
    return {
        "period_start": TODAY - datetime.timedelta(days=7),
        "period_end": TODAY - datetime.timedelta(days=1),
        "readers": 30,
        "books_used": 55,
        "note": "",
        **values,
    }


def test_usage_reports_add_up_also_after_closing(library_a):
    station = make_station(library_a)
    services.report_usage(station, report())
    services.close_station(station)
    services.report_usage(station, report(readers=10, books_used=5, period_end=TODAY))
    counted = services.counts(station)
    assert (counted["readers"], counted["books_used"], counted["reports"]) == (40, 60, 2)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"period_end": TODAY - datetime.timedelta(days=9)}, "period_end"),  # before the start
        ({"period_end": TODAY + datetime.timedelta(days=1)}, "period_end"),  # the future
        ({"period_start": TODAY - datetime.timedelta(days=11)}, "period_start"),  # before the station opened
        ({"period_start": None}, "period_start"),
        ({"readers": -1}, "readers"),
        ({"readers": 100_001}, "readers"),
        ({"books_used": "many"}, "books_used"),
        ({"note": "x" * 501}, "note"),
    ],
)
def test_a_report_out_of_bounds_is_refused_by_field(library_a, values, field):
    station = make_station(library_a)
    with pytest.raises(ValidationError) as caught:
        services.report_usage(station, report(**values))
    assert field in caught.value.message_dict and not station.reports.exists()


def test_a_report_of_more_than_a_year_is_refused(library_a):
    station = make_station(library_a, opens_on=TODAY - datetime.timedelta(days=800))
    with pytest.raises(ValidationError, match="at most a year"):
        services.report_usage(station, report(period_start=TODAY - datetime.timedelta(days=700)))


# --- staff answers -------------------------------------------------------------------------------
def test_staff_answer_a_request_once_and_must_say_why_they_decline(library_a, librarian_a):
    station = make_station(library_a)
    asked = services.ask_for_books(station, 10)
    with pytest.raises(ValidationError) as caught:
        services.answer_request(asked, "declined", " ")
    assert "answer" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.answer_request(asked, "open")
    with pytest.raises(ValidationError):
        services.answer_request(asked, "done", "x" * 301)
    services.answer_request(asked, "declined", "No copies left this week.", by=librarian_a)
    assert (asked.status, asked.handled_by) == ("declined", librarian_a)
    with pytest.raises(Refused) as refused:
        services.answer_request(asked, "done")
    assert refused.value.reason == "already_answered"
    assert AuditEntry.objects.filter(action="outreach.station_request_answered").count() == 1


def test_counts_on_the_overview_match_the_station(library_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 3)))
    services.return_copies(station, [station.deposits.first().pk])
    services.ask_for_books(station, 5)
    counted = services.with_counts(Station.objects.filter(pk=station.pk)).get()
    assert (counted.sent, counted.at_station, counted.returned, counted.lost, counted.open_requests) == (3, 2, 1, 0, 1)
    assert Deposit.objects.filter(station=station, status="at_station").count() == 2
