"""Briefs' pages: only the library's staff see them (readers and other libraries' staff get 404); the form
with bad input (nothing written, no 500); finalising and deleting ask first; the PDF renders in Chinese and
English."""

import pytest
from django.urls import reverse

from lantern.core.pdf import render_pdf
from lantern.infoservice.models import Brief
from lantern.infoservice.services import briefs as services
from lantern.infoservice.views import briefs as brief_views

from .hub_helpers import make_check, make_notice
from .test_briefs_services import brief_values

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {
        "title": "Weekly brief",
        "recipient": "City epidemic prevention office",
        "recipient_kind": "government",
        "language": "en",
        "period_start": "2020-02-01",
        "period_end": "2020-02-07",
        "summary": "<h2>Key points</h2><p>Readers ask about clinics.</p>",
        "sources": "Hubei CDC https://www.hbcdc.example.cn/",
    }
    data.update(changes)
    return data


def test_briefs_are_not_found_by_readers_or_other_libraries(
    client, client_as, library_a, librarian_a, reader, librarian_b
):
    brief = services.create_brief(library_a, by=librarian_a, **brief_values())
    urls = [
        reverse("infoservice:staff_briefs", args=[library_a.slug]),
        reverse("infoservice:staff_brief_new", args=[library_a.slug]),
        reverse("infoservice:staff_brief", args=[library_a.slug, brief.pk]),
        reverse("infoservice:staff_brief_pdf", args=[library_a.slug, brief.pk]),
        reverse("infoservice:staff_brief_delete", args=[library_a.slug, brief.pk]),
    ]
    for user in (reader, librarian_b):
        signed_in = client_as(user)
        for url in urls:
            assert signed_in.get(url).status_code == 404
        assert signed_in.post(urls[-1]).status_code == 404
    assert Brief.objects.filter(pk=brief.pk).exists()
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_staff_compile_finalise_and_download_a_brief(client_as, library_a, librarian_a):
    notice, check = make_notice(library_a, librarian_a), make_check(library_a)
    client = client_as(librarian_a)
    new = reverse("infoservice:staff_brief_new", args=[library_a.slug])
    page = client.get(new).content.decode()
    assert "Fever clinics" in page and "Drinking strong liquor prevents the virus" in page
    response = client.post(new, form_data(bulletins=[notice.pk], rumour_checks=[check.pk]), follow=True)
    assert "Draft brief saved." in response.content.decode()
    brief = Brief.objects.get()
    assert list(brief.bulletins.all()) == [notice]
    page = client.get(reverse("infoservice:staff_briefs", args=[library_a.slug])).content.decode()
    assert "Weekly brief" in page
    finalise = reverse("infoservice:staff_brief_finalise", args=[library_a.slug, brief.pk])
    assert "Finalise the brief" in client.get(finalise).content.decode()
    brief.refresh_from_db()
    assert brief.status == "draft"
    response = client.post(finalise, follow=True)
    assert "Brief finalised." in response.content.decode()
    assert "Delete the draft" not in response.content.decode()
    response = client.post(reverse("infoservice:staff_brief_delete", args=[library_a.slug, brief.pk]))
    assert response.status_code == 409 and "This brief is final" in response.content.decode()
    response = client.get(reverse("infoservice:staff_brief_edit", args=[library_a.slug, brief.pk]))
    assert response.status_code == 409
    assert Brief.objects.filter(pk=brief.pk).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"recipient": ""}, "This field is required."),
        ({"recipient_kind": "king"}, "Select a valid choice."),
        ({"language": "fr"}, "Select a valid choice."),
        ({"period_start": "last week"}, "Enter a valid date."),
        ({"period_end": "2020-01-01"}, "The period cannot end before it starts."),
        ({"summary": "<script>alert(1)</script>"}, "Write the summary"),
        ({"bulletins": ["999999"]}, "Select a valid choice."),
        ({"rumour_checks": ["abc"]}, "is not a valid value"),
        ({"sources": "x" * 600}, "Keep each source to one line"),
    ],
)
def test_bad_input_on_the_brief_form_saves_nothing(client_as, library_a, librarian_a, changes, message):
    response = client_as(librarian_a).post(
        reverse("infoservice:staff_brief_new", args=[library_a.slug]), form_data(**changes)
    )
    assert response.status_code == 422
    assert message in response.content.decode() and "nothing was saved" in response.content.decode()
    assert not Brief.objects.exists()


def test_another_librarys_notice_cannot_be_picked(client_as, library_a, library_b, librarian_a, librarian_b):
    theirs = make_notice(library_b, librarian_b)
    response = client_as(librarian_a).post(
        reverse("infoservice:staff_brief_new", args=[library_a.slug]), form_data(bulletins=[theirs.pk])
    )
    assert response.status_code == 422 and not Brief.objects.exists()


def test_a_draft_is_edited_then_deleted_after_confirmation(client_as, library_a, librarian_a):
    brief = services.create_brief(library_a, by=librarian_a, **brief_values())
    client = client_as(librarian_a)
    edit = reverse("infoservice:staff_brief_edit", args=[library_a.slug, brief.pk])
    assert client.post(edit, form_data(title="")).status_code == 422
    client.post(edit, form_data(title="Renamed brief"))
    brief.refresh_from_db()
    assert brief.title == "Renamed brief"
    delete = reverse("infoservice:staff_brief_delete", args=[library_a.slug, brief.pk])
    assert "Delete the draft" in client.get(delete).content.decode()
    assert Brief.objects.exists()
    response = client.post(delete, follow=True)
    assert "Draft brief deleted." in response.content.decode() and not Brief.objects.exists()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_pdf_renders_in_the_briefs_language(client_as, library_a, librarian_a, language, monkeypatch):
    seen = []

    def keep_html(html):
        seen.append(html)
        return render_pdf(html)

    monkeypatch.setattr(brief_views, "render_pdf", keep_html)
    notice, check = make_notice(library_a, librarian_a), make_check(library_a)
    title = "武汉市疫情信息周报" if language == "zh-hans" else "Wuhan weekly information brief"
    brief = services.create_brief(
        library_a,
        by=librarian_a,
        bulletins=[notice],
        rumour_checks=[check],
        **brief_values(language=language, title=title, summary="<h2>要点</h2><p>读者关心发热门诊。</p>"),
    )
    response = client_as(librarian_a).get(reverse("infoservice:staff_brief_pdf", args=[library_a.slug, brief.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000
    html = seen[0]
    notice_title = "发热门诊名单" if language == "zh-hans" else "Fever clinics"
    assert title in html and notice_title in html and f'lang="{language}"' in html
    assert "https://wjw.example.gov.cn/notice/1" in html and "https://www.who.example.int/myths" in html
    assert "https://www.nhc.example.gov.cn/" in html and "size: A4" in html
