"""The reading-list API: published lists as JSON, errors as JSON."""

from lantern.catalogue.services import lists as services

from .test_lists_views import books, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them


def test_published_lists_of_a_library(client, published_list, library_a, library_b, librarian_a):
    services.create_list(library_a, by=librarian_a, title_zh="草稿", title_en="", theme_zh="", theme_en="",
                         audience="general", purpose="other")  # fmt: skip
    response = client.get("/api/v1/lists?library=alpha")
    assert response.status_code == 200
    [item] = response.json()
    assert item["title_zh"] == "居家读经典" and item["title_en"] == "Classics at home"
    assert item["entry_count"] == 3 and item["audience"] == "families"
    assert item["url"] == f"http://testserver/alpha/lists/{published_list.pk}/"
    assert item["qr_png"].endswith("/qr.png") and item["poster"].endswith("/poster.pdf")
    assert client.get("/api/v1/lists?library=beta").json() == []
    assert client.get("/api/v1/lists?audience=elderly").json() == []


def test_one_list_with_its_entries_in_order(client, published_list, books):
    data = client.get(f"/api/v1/lists/{published_list.pk}", headers={"accept-language": "en"}).json()
    assert [e["title"] for e in data["entries"]] == ["红楼梦", "The Plague", "国家数字图书馆"]
    assert [e["kind"] for e in data["entries"]] == ["record", "record", "outside"]
    assert data["entries"][0]["note_zh"] == "四大名著之一" and data["entries"][0]["record_id"] == books[0].pk
    assert data["entries"][2]["url"] == "https://www.nlc.cn/"


def test_errors_are_json(client, published_list, librarian_a):
    missing = client.get("/api/v1/lists?library=nowhere")
    assert missing.status_code == 404 and "detail" in missing.json()
    bad = client.get("/api/v1/lists?audience=aliens", headers={"accept-language": "en"})
    assert bad.status_code == 422 and "Unknown audience" in bad.json()["detail"]
    assert client.get("/api/v1/lists/abc").status_code == 422
    assert client.get("/api/v1/lists?limit=0").status_code == 422
    services.unpublish_list(published_list, by=librarian_a)
    hidden = client.get(f"/api/v1/lists/{published_list.pk}")
    assert hidden.status_code == 404 and hidden["Content-Type"].startswith("application/json")
