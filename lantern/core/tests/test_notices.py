"""Notices reach a person in their own language, on their account page and by email."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core import services
from lantern.core.services import after_commit, notify


@pytest.mark.django_db
def test_a_notice_is_kept_and_emailed_in_the_recipients_language(client_as, reader):
    reader.language = "zh-hans"
    reader.save()
    notify(reader, _("Service mode changed"), link="/alpha/")
    assert mail.outbox[0].subject == "服务模式已变更"
    assert mail.outbox[0].to == ["alice@example.org"]
    page = client_as(reader).get(reverse("account"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "服务模式已变更" in page and 'class="unread"' in page


@pytest.mark.django_db
def test_a_reader_without_email_still_gets_the_notice_on_their_page(client_as, other_reader):
    notice = notify(other_reader, "Your booking moved")
    assert not notice.emailed and not mail.outbox
    client = client_as(other_reader)
    client.post(reverse("read_notices"))
    assert "Your booking moved" in client.get(reverse("account")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None


@pytest.mark.django_db
def test_a_mail_server_failure_keeps_the_notice(reader, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("lantern.core.services.send_mail", down)
    notice = notify(reader, "Your booking moved")
    notice.refresh_from_db()
    assert not notice.emailed
    assert reader.notices.get().subject == "Your booking moved"


def test_the_email_waits_until_the_change_it_reports_is_committed(
    reader, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "after_commit", after_commit)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(reader, "Your order is on its way")
        assert mailoutbox == [] and reader.notices.count() == 1
    assert [mail.subject for mail in mailoutbox] == ["Your order is on its way"]
