"""A real harvester, Sickle, harvests the archive over HTTP as a union catalogue would: every record through
resumption tokens (deleted ones as deleted), sets, single records, selective harvesting by date and set, and
the protocol's errors for bad requests. Nothing that was never public appears, in any form."""

import datetime

import pytest
import time_machine
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator

from lantern.archive import oai

from .helpers import accepted_item, collection
from .oai_helpers import hidden_item, never_public_items, valid, withdrawn_item

pytestmark = pytest.mark.django_db(transaction=True)

REPO = "lantern.example.org"


def oai_id(item) -> str:
    return f"oai:{REPO}:{item.reference}"


def public_item(library, collection=None, **overrides):
    # No file: a written contribution (quicker to make than a photo, and as harvestable).
    return accepted_item(library, collection, files=[], **overrides)


class CheckingSickle(Sickle):
    """Sickle, checking that every response it gets validates against the schemas."""

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        assert response.http_response.headers["Content-Type"] == "text/xml; charset=utf-8"
        valid(response.http_response.content)
        return response


@pytest.fixture
def harvester(live_server):
    return CheckingSickle(live_server.url + "/oai", timeout=30)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(oai, "BATCH_SIZE", 3)


def test_sickle_harvests_every_record_through_resumption_tokens(harvester, small_batches, library_a, library_b):
    city = collection(library_a)
    public = [public_item(library_a, city, title=f"第{n}封信") for n in range(7)]
    public += [public_item(library_b, title=f"乙市日记 {n}") for n in range(3)]
    deleted = [withdrawn_item(library_a, city, files=[]), hidden_item(library_b, files=[])]
    never_public_items(library_a, city)

    records = harvester.ListRecords(metadataPrefix="oai_dc")
    harvested = list(records)
    assert len(harvested) == 12
    # Four responses of three: the last token is empty and says where the list ended.
    assert (records.resumption_token.cursor, records.resumption_token.complete_list_size) == ("9", "12")
    assert not records.resumption_token.token
    live = {r.header.identifier: r for r in harvested if not r.deleted}
    assert set(live) == {oai_id(item) for item in public}
    assert {r.header.identifier for r in harvested if r.deleted} == {oai_id(item) for item in deleted}
    assert live[oai_id(public[0])].metadata["title"] == ["第0封信"]
    assert live[oai_id(public[0])].metadata["publisher"] == ["甲市图书馆"]
    assert "contact" not in str(live[oai_id(public[0])].raw)

    headers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=True))
    assert {h.identifier for h in headers} == {oai_id(item) for item in public}

    # The same harvest by POST.
    poster = CheckingSickle(harvester.endpoint, http_method="POST", timeout=30)
    assert len(list(poster.ListIdentifiers(metadataPrefix="oai_dc"))) == 12


def test_list_sets_identify_and_get_record(harvester, small_batches, library_a, library_b):
    city = collection(library_a)
    collection(library_a, "hospitals", title_zh_hans="方舱医院", title_en="Field hospitals")
    drafts = collection(library_a, "drafts", published=False)
    item = public_item(library_a, city, title="门口的志愿者", creator="王小明")
    item.collections.add(drafts)
    public_item(library_b)

    sets = list(harvester.ListSets())
    assert [(s.setSpec, s.setName) for s in sets] == [
        ("alpha", "甲市图书馆"),
        ("alpha:our-city", "我们城市的抗疫记忆"),
        ("alpha:hospitals", "方舱医院"),
        ("beta", "乙市图书馆"),
    ]
    identify = harvester.Identify()
    assert identify.baseURL == harvester.endpoint
    assert identify.protocolVersion == "2.0"

    record = harvester.GetRecord(identifier=oai_id(item), metadataPrefix="oai_dc")
    assert record.metadata["title"] == ["门口的志愿者"]
    assert record.metadata["creator"] == ["王小明"]
    assert record.header.setSpecs == ["alpha", "alpha:our-city"]
    formats = list(harvester.ListMetadataFormats(identifier=oai_id(item)))
    assert [f.metadataPrefix for f in formats] == ["oai_dc"]


def test_bad_verbs_and_arguments_raise_the_protocols_errors(harvester, library_a):
    item = public_item(library_a)
    with pytest.raises(oaiexceptions.BadVerb):
        OAIResponseIterator(harvester, {"verb": "ListEverything"})
    with pytest.raises(oaiexceptions.BadArgument):
        harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "last week"})
    with pytest.raises(oaiexceptions.BadArgument):
        harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "2020-01-01", "until": "2020-02-01T00:00:00Z"})
    with pytest.raises(oaiexceptions.BadArgument):
        harvester.ListIdentifiers()
    with pytest.raises(oaiexceptions.BadResumptionToken):
        harvester.ListRecords(resumptionToken="not-a-token")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        harvester.ListRecords(metadataPrefix="marc21")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        harvester.GetRecord(identifier=oai_id(item), metadataPrefix="mods")
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier=f"oai:{REPO}:A-ZZZZ-ZZZZ", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        harvester.ListRecords(metadataPrefix="oai_dc", set="nowhere")
    collection(library_a, "drafts", published=False).items.add(item)
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        harvester.ListRecords(metadataPrefix="oai_dc", set="alpha:drafts")


def test_from_and_until_select_by_the_date_an_item_last_changed(harvester, library_a):
    made = {}
    for day in ("2020-02-01", "2020-03-01", "2020-04-01"):
        with time_machine.travel(datetime.datetime.fromisoformat(f"{day}T08:30:00+00:00"), tick=False):
            made[day] = public_item(library_a, title=day)

    def titles(**dates):
        return sorted(r.metadata["title"][0] for r in harvester.ListRecords(metadataPrefix="oai_dc", **dates))

    assert titles(**{"from": "2020-02-15", "until": "2020-03-15"}) == ["2020-03-01"]
    assert titles(**{"from": "2020-03-01"}) == ["2020-03-01", "2020-04-01"]
    assert titles(until="2020-03-01") == ["2020-02-01", "2020-03-01"]
    # To the second: an item changed at 08:30:00 is in "until 08:30:00Z" and not in "from 08:30:01Z".
    assert titles(until="2020-03-01T08:30:00Z") == ["2020-02-01", "2020-03-01"]
    assert titles(**{"from": "2020-03-01T08:30:01Z"}) == ["2020-04-01"]
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        titles(until="2020-01-31")


def test_a_set_restricts_the_harvest_to_a_collection(harvester, small_batches, library_a, library_b):
    city = collection(library_a)
    hospitals = collection(library_a, "hospitals", title_zh_hans="方舱医院", title_en="Field hospitals")
    in_city = [public_item(library_a, city) for _ in range(4)]
    in_hospitals = public_item(library_a, hospitals)
    loose = public_item(library_a)
    elsewhere = public_item(library_b)

    def harvested(spec):
        return {h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", set=spec)}

    assert harvested("alpha:our-city") == {oai_id(item) for item in in_city}
    assert harvested("alpha:hospitals") == {oai_id(in_hospitals)}
    assert harvested("alpha") == {oai_id(item) for item in [*in_city, in_hospitals, loose]}
    assert harvested("beta") == {oai_id(elsewhere)}


@pytest.mark.parametrize("state", ["preserve_only", "withdrawn_preserve_only", "declined", "unreviewed"])
def test_what_was_never_public_never_appears(harvester, library_a, state):
    city = collection(library_a)
    public_item(library_a, city)
    secret = never_public_items(library_a, city)[state]
    identifier = oai_id(secret)
    for verb in (harvester.ListRecords, harvester.ListIdentifiers):
        assert identifier not in {getattr(r, "header", r).identifier for r in verb(metadataPrefix="oai_dc")}
    assert identifier not in {
        h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", set="alpha:our-city")
    }
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier=identifier, metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        list(harvester.ListMetadataFormats(identifier=identifier))
