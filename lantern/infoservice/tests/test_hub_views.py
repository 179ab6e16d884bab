"""The hub's pages: the readers' information page and notice page, the staff pages (notice form, topics,
submit, approve, send back, withdraw, pin, the shared "Waiting for approval" page, settings), with bad input
on every form (a clear message, nothing written, no 500) and who may see what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.models import AuditEntry, Role
from lantern.core.services import grant_role
from lantern.infoservice.models import Bulletin, Guide, Publishable, Topic
from lantern.infoservice.services import approval
from lantern.infoservice.services import hub as services

from .hub_helpers import make_check, make_notice

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {
        "title_zh_hans": "发热门诊名单",
        "title_en": "Fever clinics",
        "body_zh_hans": "<p>全市发热门诊 24 小时接诊。</p>",
        "body_en": "<p>Open all day.</p><script>alert(1)</script>",
        "authority": "Wuhan Municipal Health Commission",
        "source_url": "https://wjw.example.gov.cn/1",
        "region": "Wuhan",
        "issued_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "verification": "verified",
        "expires_at": (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(changes)
    return data


# --- readers --------------------------------------------------------------------------------------
def test_the_information_page_shows_pinned_first_and_current_notices_only(client, library_a, librarian_a):
    topic = services.create_topic(library_a, by=librarian_a, name_zh="出行", name_en="Travel")
    make_notice(library_a, librarian_a, title_en="Ordinary notice")
    make_notice(library_a, librarian_a, title_en="Pinned notice", pinned=True, topics=[topic])
    make_notice(library_a, librarian_a, title_en="A draft", publish=False)
    expired = make_notice(library_a, librarian_a, title_en="Old notice")
    Bulletin.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    page = client.get(reverse("infoservice:hub", args=[library_a.slug])).content.decode()
    assert page.index("Pinned notice") < page.index("Ordinary notice")
    assert "A draft" not in page and "Old notice" not in page
    assert "Wuhan" in page or "武汉" in page
    assert "Checked against the source" in page and "https://wjw.example.gov.cn/notice/1" in page
    assert 'type="application/rss+xml"' in page and reverse("infoservice:feed", args=[library_a.slug]) in page
    filtered = client.get(reverse("infoservice:hub", args=[library_a.slug]), {"topic": topic.slug}).content.decode()
    assert "Pinned notice" in filtered and "Ordinary notice" not in filtered
    assert client.get(reverse("infoservice:hub", args=[library_a.slug]), {"topic": "nope"}).status_code == 404


def test_the_library_home_page_advertises_the_feed(client, library_a):
    page = client.get(reverse("library_home", args=[library_a.slug])).content.decode()
    assert f'type="application/rss+xml" title="Information notices of {library_a.name}"' in page


def test_a_notice_page_shows_published_notices_and_says_when_one_expired(client, library_a, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Fever clinics" in page and "All fever clinics are open 24 hours." in page
    assert "expired" not in page
    Bulletin.objects.filter(pk=bulletin.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    assert "This notice expired" in client.get(bulletin.get_absolute_url()).content.decode()
    services.withdraw_bulletin(bulletin, by=librarian_a)
    assert client.get(bulletin.get_absolute_url()).status_code == 404
    draft = make_notice(library_a, librarian_a, publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("infoservice:bulletin", args=["beta", bulletin.pk])).status_code == 404


def test_readers_see_the_notice_in_their_language(client, library_a, librarian_a, chinese):
    bulletin = make_notice(library_a, librarian_a)
    page = client.get(bulletin.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "发热门诊名单" in page


# --- staff ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["staff_hub", "staff_approvals", "staff_settings", "staff_bulletin_new"])
def test_staff_pages_are_refused_to_readers_and_other_libraries(client_as, reader, librarian_b, library_a, name):
    url = reverse(f"infoservice:{name}", args=[library_a.slug])
    assert client_as(reader).get(url).status_code == 403
    assert client_as(librarian_b).get(url).status_code == 403


def test_a_notice_of_another_library_is_not_found_by_staff(client_as, library_a, library_b, librarian_a, librarian_b):
    theirs = make_notice(library_b, librarian_b)
    client = client_as(librarian_a)
    assert client.get(reverse("infoservice:staff_bulletin", args=[library_a.slug, theirs.pk])).status_code == 404
    response = client.post(reverse("infoservice:staff_bulletin_withdraw", args=[library_a.slug, theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Publishable.PUBLISHED


def test_staff_write_and_publish_a_notice_through_the_form(client_as, library_a, librarian_a):
    topic = services.create_topic(library_a, by=librarian_a, name_zh="", name_en="Care")
    client = client_as(librarian_a)
    assert client.get(reverse("infoservice:staff_bulletin_new", args=[library_a.slug])).status_code == 200
    response = client.post(
        reverse("infoservice:staff_bulletin_new", args=[library_a.slug]), form_data(topics=[topic.pk]), follow=True
    )
    bulletin = Bulletin.objects.get()
    assert "Draft notice saved" in response.content.decode()
    assert "<script" not in bulletin.body_en and list(bulletin.topics.all()) == [topic]
    assert bulletin.expires_at > timezone.now()
    response = client.post(
        reverse("infoservice:staff_bulletin_submit", args=[library_a.slug, bulletin.pk]), follow=True
    )
    assert "Notice published." in response.content.decode()
    assert "Counts as work with a health or government body" in response.content.decode()
    edit = reverse("infoservice:staff_bulletin_edit", args=[library_a.slug, bulletin.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, form_data(title_en="Fever clinics, updated"), follow=True)
    assert "Notice saved." in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.title_en == "Fever clinics, updated"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title_zh_hans": "", "title_en": ""}, "Give the notice a title in Chinese or English."),
        ({"authority": ""}, "This field is required."),
        ({"issued_on": "yesterday"}, "Enter a valid date."),
        ({"issued_on": "2999-01-01"}, "A notice cannot be issued in the future."),
        ({"expires_at": "2001-01-01T10:00"}, "This expiry has already passed."),
        ({"expires_at": "soon"}, "Enter a valid date/time."),
        ({"source_url": "not a link"}, "Enter a valid URL."),
        ({"verification": "sure"}, "Select a valid choice."),
        ({"topics": ["999999"]}, "Select a valid choice."),
        ({"title_en": "x" * 300}, "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_on_the_notice_form_saves_nothing(client_as, library_a, librarian_a, changes, message):
    response = client_as(librarian_a).post(
        reverse("infoservice:staff_bulletin_new", args=[library_a.slug]), form_data(**changes)
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "nothing was saved" in response.content.decode()
    assert not Bulletin.objects.exists()


def test_a_topic_of_another_library_cannot_be_posted(client_as, library_a, library_b, librarian_a, librarian_b):
    theirs = services.create_topic(library_b, by=librarian_b, name_zh="", name_en="Theirs")
    url = reverse("infoservice:staff_bulletin_new", args=[library_a.slug])
    response = client_as(librarian_a).post(url, form_data(topics=[theirs.pk]))
    assert response.status_code == 422 and not Bulletin.objects.exists()


def test_topics_through_the_pages_with_bad_input(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    add = reverse("infoservice:staff_topic_add", args=[library_a.slug])
    response = client.post(add, {"name_zh": "", "name_en": ""})
    assert response.status_code == 422 and "Give the topic a name" in response.content.decode()
    response = client.post(add, {"name_zh": "出行", "name_en": "Travel"}, follow=True)
    assert "Topic “Travel” added." in response.content.decode()
    topic = Topic.objects.get()
    response = client.post(add, {"name_zh": "", "name_en": "travel"})
    assert response.status_code == 422 and "already has a topic" in response.content.decode()
    edit = reverse("infoservice:staff_topic", args=[library_a.slug, topic.pk])
    assert client.post(edit, {"name_zh": "", "name_en": "x" * 200}).status_code == 422
    client.post(edit, {"name_zh": "出行", "name_en": "Getting around"})
    topic.refresh_from_db()
    assert topic.name_en == "Getting around"
    remove = reverse("infoservice:staff_topic_remove", args=[library_a.slug, topic.pk])
    assert "Remove the topic" in client.get(remove).content.decode()
    assert Topic.objects.exists()
    client.post(remove)
    assert not Topic.objects.exists()


def test_approval_by_a_second_person_through_the_pages(client_as, library_a, librarian_a):
    colleague = make_user("dora@example.org", "Dora")
    grant_role(colleague, Role.Kind.STAFF, library=library_a)
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    bulletin = make_notice(library_a, librarian_a)
    check = make_check(library_a, status=Publishable.PENDING)
    guide = Guide.objects.create(
        library=library_a, title="How to check a health claim", body="<p>x</p>", status="pending"
    )
    client = client_as(librarian_a)
    page = client.get(reverse("infoservice:staff_approvals", args=[library_a.slug])).content.decode()
    assert "Fever clinics" in page
    assert reverse("infoservice:staff_check", args=[library_a.slug, check.pk]) in page
    assert reverse("infoservice:staff_guide", args=[library_a.slug, guide.pk]) in page
    approve = reverse("infoservice:staff_bulletin_approve", args=[library_a.slug, bulletin.pk])
    response = client.post(approve)
    assert response.status_code == 403 and "Another staff member must approve" in response.content.decode()
    client = client_as(colleague)
    response = client.post(approve, follow=True)
    assert "Notice approved and published." in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.PUBLISHED and bulletin.approved_by == colleague
    response = client.post(approve)
    assert response.status_code == 409 and "Only something waiting for approval" in response.content.decode()


def test_send_back_withdraw_and_pin_through_the_pages(client_as, library_a, librarian_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    waiting = make_notice(library_a, librarian_a)
    client = client_as(librarian_a)
    response = client.post(
        reverse("infoservice:staff_bulletin_send_back", args=[library_a.slug, waiting.pk]), follow=True
    )
    assert "sent back to its author" in response.content.decode()
    approval.save_settings(library_a, require_approval=False, first_response_hours=24)
    bulletin = make_notice(library_a, librarian_a, title_en="Published")
    pin = reverse("infoservice:staff_bulletin_pin", args=[library_a.slug, bulletin.pk])
    assert "Notice pinned to the top." in client.post(pin, {"pinned": "yes"}, follow=True).content.decode()
    response = client.post(pin, {"pinned": "yes"})
    assert response.status_code == 409 and "already pinned" in response.content.decode()
    withdraw = reverse("infoservice:staff_bulletin_withdraw", args=[library_a.slug, bulletin.pk])
    assert "Withdraw the notice" in client.get(withdraw).content.decode()
    response = client.post(withdraw, follow=True)
    assert "Notice withdrawn" in response.content.decode()
    response = client.post(withdraw)
    assert response.status_code == 409 and "Only something published can be withdrawn" in response.content.decode()
    assert client.get(reverse("infoservice:staff_bulletin_pin", args=[library_a.slug, bulletin.pk])).status_code == 405


def test_staff_hub_lists_notices_by_status(client_as, library_a, librarian_a):
    make_notice(library_a, librarian_a, title_en="Draft one", publish=False)
    make_notice(library_a, librarian_a, title_en="Current one")
    expired = make_notice(library_a, librarian_a, title_en="Expired one")
    Bulletin.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    page = client_as(librarian_a).get(reverse("infoservice:staff_hub", args=[library_a.slug])).content.decode()
    assert page.index("Draft one") < page.index("Current one") < page.index("Expired one")


def test_settings_are_for_managers_and_bad_input_saves_nothing(client_as, library_a, librarian_a, manager_a):
    url = reverse("infoservice:staff_settings", args=[library_a.slug])
    assert client_as(librarian_a).get(url).status_code == 403
    client = client_as(manager_a)
    for bad in ({"first_response_hours": "0"}, {"first_response_hours": "many"}, {"first_response_hours": "9999"}):
        response = client.post(url, {"require_approval": "on", **bad})
        assert response.status_code == 422 and "nothing was saved" in response.content.decode()
    assert not approval.settings_for(library_a).require_approval
    response = client.post(url, {"require_approval": "on", "first_response_hours": "12"}, follow=True)
    assert "Settings saved." in response.content.decode()
    assert approval.settings_for(library_a).require_approval
    assert AuditEntry.objects.filter(action="infoservice.settings_changed", library=library_a).exists()
