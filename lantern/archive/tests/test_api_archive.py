"""The archive API, as a mini-program or a union catalogue would use it: public items with search and filters,
one item, published collections with counts; clear JSON answers to bad input; in the OpenAPI document."""

import pytest
from openapi_spec_validator import validate

from .collections_helpers import CONTACT_EMAIL, small_archive
from .helpers import accepted_item, collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(library_a):
    return small_archive(library_a)


def test_the_list_gives_public_items_with_their_description_and_links(client, archive):
    body = client.get("/api/v1/archive/items", {"library": "alpha"}).json()
    assert body["count"] == 4 and body["page"] == 1 and body["pages"] == 1
    by_reference = {item["reference"]: item for item in body["items"]}
    photo = by_reference[archive["photo"].reference]
    assert photo["title"] == "小区门口的志愿者" and photo["kind"] == "photo" and photo["type"] == "StillImage"
    assert photo["place"] == "武汉市江岸区" and photo["date"] == "2020-02" and photo["creator"] == "王小明"
    assert photo["collections"] == ["our-city"] and photo["rights"] == "CC BY 4.0"
    assert photo["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert photo["url"] == f"http://testserver/alpha/archive/items/{archive['photo'].reference}/"
    assert client.get(photo["thumbnail"]).status_code == 200
    assert by_reference[archive["letter"].reference]["thumbnail"] is None
    # The draft collection is nobody's business.
    assert by_reference[archive["draft_only"].reference]["collections"] == []


def test_search_and_filters(client, archive):
    def references(**params):
        return {item["reference"] for item in client.get("/api/v1/archive/items", params).json()["items"]}

    assert references(q="紅樓") == {archive["letter"].reference}
    assert references(q="红楼") == {archive["letter"].reference}
    assert references(q="武汉 春天") == {archive["poem"].reference}
    assert references(kind="poem_story") == {archive["poem"].reference}
    assert references(library="alpha", collection="our-city") == {
        archive[key].reference for key in ("photo", "letter", "poem")
    }


def test_pages_of_twenty(client, library_a, archive):
    for n in range(20):
        accepted_item(library_a, files=[], kind="diary", title=f"日记 {n}", description="居家。")
    first = client.get("/api/v1/archive/items").json()
    assert first["count"] == 24 and first["pages"] == 2 and len(first["items"]) == 20
    second = client.get("/api/v1/archive/items", {"page": 2}).json()
    assert len(second["items"]) == 4
    assert client.get("/api/v1/archive/items", {"page": 9}).json()["items"] == []


def test_one_item_in_full(client, archive):
    body = client.get(f"/api/v1/archive/items/{archive['poem'].reference}").json()
    assert body["description"] == "一首写给武汉的小诗。" and body["contributor"] == "张小雨"
    assert body["language"] == "zh" and body["images"] == []
    assert len(body["files"]) == 1
    assert b"".join(client.get(body["files"][0]).streaming_content).decode() == "春天会来\n樱花会开"

    letter = client.get(f"/api/v1/archive/items/{archive['letter'].reference}").json()
    assert letter["contributor"] is None


def test_photo_detail_links_only_the_web_size(client, archive):
    body = client.get(f"/api/v1/archive/items/{archive['photo'].reference}").json()
    assert [url.rsplit("/", 2)[-2] for url in body["images"]] == ["web"]
    assert body["files"] == []


def test_no_contact_detail_or_kept_back_name_in_any_answer(client, archive):
    answers = [client.get("/api/v1/archive/items").content.decode()]
    answers += [client.get(f"/api/v1/archive/items/{archive[key].reference}").content.decode() for key in archive
                if key not in ("city", "draft")]  # fmt: skip
    answers.append(client.get("/api/v1/archive/collections").content.decode())
    for text in answers:
        assert CONTACT_EMAIL not in text and "李华的妈妈" not in text


def test_published_collections_with_their_counts(client, library_a, library_b, archive):
    accepted_item(library_b, collection(library_b, "their-city", title_en="Their city"))
    body = client.get("/api/v1/archive/collections", {"library": "alpha"}, headers={"accept-language": "en"}).json()
    assert [(c["slug"], c["title"], c["item_count"]) for c in body] == [("our-city", "Our city in the epidemic", 3)]
    assert body[0]["url"] == "http://testserver/alpha/archive/collections/our-city/"
    everywhere = client.get("/api/v1/archive/collections").json()
    assert {(c["library"], c["slug"]) for c in everywhere} == {("alpha", "our-city"), ("beta", "their-city")}
    chinese = client.get("/api/v1/archive/collections", {"library": "alpha"}, headers={"accept-language": "zh-hans"})
    assert chinese.json()[0]["title"] == "我们城市的抗疫记忆"


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/api/v1/archive/items", {"page": "abc"}, 422),
        ("/api/v1/archive/items", {"page": "0"}, 422),
        ("/api/v1/archive/items", {"page": "-3"}, 422),
        ("/api/v1/archive/items", {"kind": "<script>"}, 422),
        ("/api/v1/archive/items", {"library": "nowhere"}, 404),
        ("/api/v1/archive/items", {"library": "alpha", "collection": "draft-shelf"}, 404),
        ("/api/v1/archive/items", {"collection": "nothing"}, 404),
        ("/api/v1/archive/items/A-XXXX-XXXX", {}, 404),
        ("/api/v1/archive/collections", {"library": "nowhere"}, 404),
    ],
)
def test_bad_input_gets_a_clear_json_answer(client, archive, url, params, status):
    response = client.get(url, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_long_odd_query_is_no_trouble(client, archive):
    response = client.get("/api/v1/archive/items", {"q": "%_\\'\"" * 500})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_the_openapi_document_lists_the_archive_and_stays_valid(client):
    document = client.get("/api/v1/openapi.json").json()
    validate(document)
    for path in ("/api/v1/archive/items", "/api/v1/archive/items/{reference}", "/api/v1/archive/collections"):
        assert path in document["paths"]
