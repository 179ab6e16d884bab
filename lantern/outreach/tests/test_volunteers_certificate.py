"""The certificate of volunteer hours: a PDF with both languages on one page, approved hours only, an optional
period, a verification code that the public page confirms (name, hours, library and nothing else); nobody
downloads someone else's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.outreach import certificate
from lantern.outreach.services import shifts as shift_services

from .volunteers_helpers import make_shift, make_volunteer

pytestmark = pytest.mark.django_db


def absolute(path):
    return f"https://lantern.example.org{path}"


def volunteer_with_hours(library, librarian):
    volunteer = make_volunteer(library, name="Vera")
    shift = make_shift(library, hours_from_now=0.5, length=3)
    shift_services.check_in(shift_services.sign_up(shift, volunteer.user), by=librarian)
    today = timezone.localdate()
    pending = {"worked_on": today, "hours": 5, "description": "Phone calls"}
    shift_services.log_hours(library, volunteer.user, pending)  # pending: not on the certificate
    old = shift_services.log_hours(
        library, volunteer.user, {"worked_on": today - datetime.timedelta(days=40), "hours": 2, "description": "Old"}
    )
    shift_services.approve_hours(old)
    return volunteer


def test_certificate_html_holds_both_languages_and_approved_hours_only(library_a, librarian_a):
    volunteer = volunteer_with_hours(library_a, librarian_a)
    html = certificate.certificate_html(volunteer, absolute)
    assert "甲市图书馆" in html and "Alpha City Library" in html
    assert "方舱阅读站值班" in html and "Reading station duty" in html
    assert "Certificate of volunteer hours" in html and 'lang="zh-Hans"' in html
    assert "Vera" in html and "<strong>5</strong>" in html  # 3 + 2 approved, not the 5 pending
    assert "<svg" in html and "/alpha/volunteer/certificates/" in html
    since = timezone.localdate() - datetime.timedelta(days=7)
    recent = certificate.certificate_html(volunteer, absolute, since)
    assert "<strong>3</strong>" in recent and "Old" not in recent


def test_certificate_fits_on_one_page(library_a, librarian_a):
    from weasyprint import HTML

    html = certificate.certificate_html(volunteer_with_hours(library_a, librarian_a), absolute)
    assert len(HTML(string=html).render().pages) == 1


def test_certificate_pdf_downloads_and_verifies(client, client_as, library_a, librarian_a):
    volunteer = volunteer_with_hours(library_a, librarian_a)
    client_as(volunteer.user)
    answer = client.get(reverse("outreach:certificate", args=["alpha"]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    bad = client.get(reverse("outreach:certificate", args=["alpha"]), {"start": "2026-05-01", "end": "2026-01-01"})
    assert bad.status_code == 422 and b"The period must end after it starts." in bad.content
    nothing = client.get(reverse("outreach:certificate", args=["alpha"]), {"start": "2001-01-01", "end": "2001-02-01"})
    assert nothing.status_code == 409 and b"no approved hours" in nothing.content

    html = certificate.certificate_html(volunteer, absolute)
    code = html.split("/alpha/volunteer/certificates/")[1].split("/")[0]
    client.logout()
    check = client.get(reverse("outreach:certificate_check", args=["alpha", code])).content.decode()
    assert "This certificate is genuine." in check and "Vera" in check and "Alpha City Library" in check
    assert "vera@example.org" not in check and "Phone calls" not in check
    forged = client.get(reverse("outreach:certificate_check", args=["alpha", code[:-3] + "abc"]))
    assert forged.status_code == 404
    elsewhere = client.get(reverse("outreach:certificate_check", args=["beta", code]))
    assert elsewhere.status_code == 404


def test_nobody_downloads_someone_elses_certificate(client, client_as, library_a, library_b, librarian_a):
    volunteer_with_hours(library_a, librarian_a)
    stranger = make_volunteer(library_b, name="Sam")
    client_as(stranger.user)
    answer = client.get(reverse("outreach:certificate", args=["alpha"]))
    assert answer.status_code == 403 and not answer.content.startswith(b"%PDF")
    own = client.get(reverse("outreach:certificate", args=["beta"]))
    assert own.status_code == 409  # their own, with no hours: a page that says so, not Vera's
    assert b"Vera" not in own.content
