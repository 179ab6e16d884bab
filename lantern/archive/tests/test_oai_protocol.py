"""The OAI-PMH endpoint answers each of the six verbs, and each kind of bad request with the protocol's error,
in responses that validate against OAI-PMH.xsd (and oai_dc.xsd for each record's metadata)."""

import pytest
from lxml import etree

from lantern.archive import oai

from .helpers import accepted_item, collection
from .oai_helpers import NS, OAI_DC, OAI_PMH, error_code, hidden_item, valid, withdrawn_item

pytestmark = pytest.mark.django_db

REPO = "lantern.example.org"


@pytest.fixture
def archive(library_a, library_b):
    city = collection(library_a)
    items = [accepted_item(library_a, city, title=f"照片 {n}") for n in range(3)]
    items[0].subject = "志愿者\n测温"
    items[0].save()
    items.append(accepted_item(library_b, title="乙市的信", kind="letter"))
    return {"collection": city, "items": items}


def get(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return valid(response.content)


def test_identify(client, archive, settings):
    settings.LANTERN_OAI_ADMIN_EMAIL = "oai@library.example.org"
    root = get(client, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == "oai@library.example.org"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(".//{http://www.openarchives.org/OAI/2.0/oai-identifier}repositoryIdentifier") == REPO


def test_list_records_validates_and_describes_each_item(client, archive):
    root = get(client, verb="ListRecords", metadataPrefix="oai_dc")
    records = root.findall(".//oai:record", NS)
    assert len(records) == 4
    first = archive["items"][0]
    record = next(
        r for r in records if r.findtext(".//oai:identifier", namespaces=NS) == f"oai:{REPO}:{first.reference}"
    )
    dc = record.find(".//oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == "照片 0"
    assert [s.text for s in dc.findall("dc:subject", NS)] == ["志愿者", "测温"]
    assert dc.findtext("dc:identifier", namespaces=NS) == f"http://testserver/alpha/archive/items/{first.reference}/"
    assert dc.findtext("dc:publisher", namespaces=NS) == "甲市图书馆"
    assert [s.text for s in record.findall(".//oai:setSpec", NS)] == ["alpha", "alpha:our-city"]


def test_deleted_items_are_deleted_headers(client, library_a):
    gone = withdrawn_item(library_a)
    hidden = hidden_item(library_a)
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    headers = root.findall(".//oai:header", NS)
    assert {h.findtext("oai:identifier", namespaces=NS): h.get("status") for h in headers} == {
        f"oai:{REPO}:{gone.reference}": "deleted",
        f"oai:{REPO}:{hidden.reference}": "deleted",
    }
    root = get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:{REPO}:{gone.reference}")
    assert root.find(".//oai:header", NS).get("status") == "deleted"
    assert root.find(".//oai:metadata", NS) is None


def test_list_sets_and_metadata_formats(client, archive):
    root = get(client, verb="ListSets")
    specs = [s.findtext("oai:setSpec", namespaces=NS) for s in root.findall(".//oai:set", NS)]
    assert specs == ["alpha", "alpha:our-city", "beta"]
    root = get(client, verb="ListMetadataFormats")
    assert root.findtext(".//oai:metadataPrefix", namespaces=NS) == "oai_dc"
    item = archive["items"][0]
    get(client, verb="ListMetadataFormats", identifier=f"oai:{REPO}:{item.reference}")


def test_resumption(client, archive, monkeypatch):
    monkeypatch.setattr(oai, "BATCH_SIZE", 3)
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(".//oai:resumptionToken", NS)
    assert (token.get("completeListSize"), token.get("cursor")) == ("4", "0")
    root = get(client, verb="ListIdentifiers", resumptionToken=token.text)
    assert len(root.findall(".//oai:header", NS)) == 1
    token = root.find(".//oai:resumptionToken", NS)
    assert token.text is None and token.get("cursor") == "3"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Frobnicate"}, "badVerb"),
        ({"verb": "GetMetadata", "identifier": "x", "metadataPrefix": "oai_dc"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-1-1"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2021-01-01T00:00:00Z"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-02", "until": "2021-01-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "not a set"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nowhere"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "garbage"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "cursor%3D50%26metadataPrefix%3Doai_dc"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "cursor%3D0%26from_%3Dxx"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "cursor%3D0%26what%3Dxx%26metadataPrefix%3Doai_dc"},
            "badResumptionToken",
        ),
        ({"verb": "ListSets", "resumptionToken": "cursor%3D0%26metadataPrefix%3Doai_dc"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere:A-1"}, "idDoesNotExist"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:lantern.example.org:A-2222-2222"},
            "idDoesNotExist",
        ),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "has space\x01"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:lantern.example.org:nope"}, "idDoesNotExist"),
    ],
)
def test_errors(client, archive, params, code):
    root = get(client, **params)
    assert error_code(root) == code


def test_repeated_arguments(client, archive):
    root = valid(client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc").content)
    assert error_code(root) == "badArgument"
    root = valid(client.get("/oai?verb=Identify&verb=Identify").content)
    assert error_code(root) == "badVerb"


def test_post(client, archive):
    response = client.post("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    root = valid(response.content)
    assert len(root.findall(".//oai:header", NS)) == 4


def test_an_empty_archive_answers_with_errors_that_validate(client, library_a):
    assert error_code(get(client, verb="ListSets")) == "noSetHierarchy"
    assert error_code(get(client, verb="ListRecords", metadataPrefix="oai_dc")) == "noRecordsMatch"
    assert error_code(get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")) == "noRecordsMatch"
    get(client, verb="Identify")
    get(client, verb="ListMetadataFormats")


def test_the_validator_rejects_what_the_schemas_forbid():
    # The checks above mean something only if these fail.
    bad_envelope = (
        b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2020-01-01T00:00:00Z</responseDate>'
        b"<request>http://x/oai</request><ListRecords/></OAI-PMH>"
    )
    assert not OAI_PMH.validate(etree.fromstring(bad_envelope))
    bad_dc = (
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:author>x</dc:author></oai_dc:dc>'
    )
    assert not OAI_DC.validate(etree.fromstring(bad_dc))


def test_control_characters_in_a_description_do_not_break_the_xml(client, library_a):
    item = accepted_item(library_a, files=[], title="信\x0b件", description="第一行\x01第二行")
    root = get(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:{REPO}:{item.reference}")
    assert root.findtext(".//dc:title", namespaces=NS) == "信件"


def test_other_http_methods_are_not_allowed(client):
    assert client.put("/oai").status_code == 405
