"""Coding pages as a coder, a study owner and outsiders see them: the public codebook, the queue, blind
coding of a post, saving with bad input, agreement, disagreements and settling, retraining."""

import re

import pytest
from django.urls import reverse

from lantern.core.models import AuditEntry
from lantern.insights import coding
from lantern.insights.models import Coding, ServiceRecord

from . import coding_helpers as h


@pytest.fixture
def team(db, library_a):
    people = {
        "owner": h.researcher("olive@example.org", "Olive"),
        "ann": h.researcher("ann@example.org", "Ann"),
        "ben": h.researcher("ben@example.org", "Ben"),
    }
    doubled = h.post(library_a, "Reopening with masks", text="We reopen on 8 June; masks are required.")
    h.suggestion(doubled, ["emergency"], {"emergency": 0.93, "social": 0.12})
    study = h.study(people["owner"], [library_a], [people["ann"], people["ben"]], percent=100)
    coding.assign_posts(study)
    alone = h.post(library_a, "Curbside pickup", text="Holds can be picked up at the side door.")
    h.suggestion(alone, ["reading_offline"], {"reading_offline": 0.87})
    solo = h.study(people["owner"], [library_a], [people["ann"]], percent=0, title="Solo study")
    coding.assign_posts(solo)
    return {**people, "doubled": doubled, "alone": alone, "study": study, "solo": solo}


def checked_codes(html: str) -> set[str]:
    return set(re.findall(r'value="([a-z_]+)"[^>]*checked', html))


# --- the codebook ---------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_codebook_is_public_with_an_anchor_per_code(client):
    response = client.get(reverse("observatory:codebook"))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("reading_online", "emergency", "cross_industry", "targeted_groups", "research"):
        assert f'id="code-{code}"' in html and f'href="#code-{code}"' in html
    assert "Curbside pickup starts Monday" in html
    assert "CODEBOOK.md" in html


@pytest.mark.django_db
def test_the_codebook_shows_chinese_examples_in_chinese(client, chinese):
    html = client.get(reverse("observatory:codebook")).content.decode()
    assert "“网借到家”服务上线" in html
    assert "Curbside pickup starts Monday" not in html


# --- who may see what ------------------------------------------------------------------------------
def test_coding_pages_are_for_researchers_and_posts_for_their_coders(client, client_as, team, reader, library_b):
    url = reverse("observatory:code_post", args=[team["doubled"].pk])
    assert client.get(reverse("observatory:coding")).status_code == 302  # to sign in
    assert client.get(url).status_code == 302
    assert client_as(reader).get(reverse("observatory:coding")).status_code == 403
    outsider = h.researcher("otto@example.org", "Otto")
    client_as(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"categories": ["emergency"]}).status_code == 404
    assert client.get(reverse("observatory:agreement", args=[team["study"].pk])).status_code == 404
    assert client.get(reverse("observatory:disagreements", args=[team["study"].pk])).status_code == 404
    assert client.post(reverse("observatory:coding_assign", args=[team["study"].pk])).status_code == 404
    assert Coding.objects.count() == 0


def test_the_queue_lists_my_posts_and_the_owner_sees_progress(client_as, team):
    html = client_as(team["ann"]).get(reverse("observatory:coding")).content.decode()
    assert "Reopening with masks" in html and "Curbside pickup" in html
    assert "progress" not in html.lower()
    html = client_as(team["owner"]).get(reverse("observatory:coding")).content.decode()
    assert "Your studies: progress" in html and "Closures of 2020" in html


def test_the_owner_assigns_new_posts_from_the_queue_page(client_as, team, library_a):
    h.post(library_a, "A new announcement")
    response = client_as(team["owner"]).post(reverse("observatory:coding_assign", args=[team["study"].pk]), follow=True)
    assert "1 posts assigned, 1 of them to two coders." in response.content.decode()
    response = client_as(team["ann"]).post(reverse("observatory:coding_assign", args=[team["study"].pk]))
    assert response.status_code == 404  # a coder is not the owner


# --- coding one post --------------------------------------------------------------------------------
def test_a_double_coded_post_hides_suggestions_by_default_and_a_single_one_shows_them(client_as, team):
    client = client_as(team["ann"])
    html = client.get(reverse("observatory:code_post", args=[team["doubled"].pk])).content.decode()
    assert "We reopen on 8 June" in html and "Alpha City Library" in html
    assert "93%" not in html and "Show suggestions" in html
    html = client.get(reverse("observatory:code_post", args=[team["alone"].pk])).content.decode()
    assert "87%" in html
    client.post(reverse("observatory:coding_suggestions", args=[team["doubled"].pk]), {"show": "1"})
    html = client.get(reverse("observatory:code_post", args=[team["doubled"].pk])).content.decode()
    assert "93%" in html


def test_coder_b_never_sees_coder_a_codes(client_as, team):
    url = reverse("observatory:code_post", args=[team["doubled"].pk])
    response = client_as(team["ann"]).post(
        url, {"categories": ["social", "information"], "features": ["targeted_groups"], "note": "ANN-SECRET-NOTE"}
    )
    assert response.status_code == 302
    html = client_as(team["ben"]).get(url).content.decode()
    assert checked_codes(html) == set()
    assert "ANN-SECRET-NOTE" not in html
    # Ann sees her own codes when she comes back.
    assert checked_codes(client_as(team["ann"]).get(url).content.decode()) == {
        "social",
        "information",
        "targeted_groups",
    }


def test_saving_without_a_category_says_so_and_writes_nothing(client_as, team):
    url = reverse("observatory:code_post", args=[team["alone"].pk])
    response = client_as(team["ann"]).post(url, {"features": ["targeted_groups"]})
    assert response.status_code == 200
    assert "Choose at least one category" in response.content.decode()
    response = client_as(team["ann"]).post(url, {"categories": ["nonsense"]})
    assert response.status_code == 200
    assert Coding.objects.count() == 0


def test_saving_records_whether_suggestions_were_shown_and_goes_to_the_next_post(client_as, team):
    client = client_as(team["ann"])
    response = client.post(
        reverse("observatory:code_post", args=[team["alone"].pk]),
        {"categories": ["reading_offline"], "study": team["solo"].pk},
    )
    assert response.status_code == 302
    assert response.url == reverse("observatory:code_post", args=[team["doubled"].pk])
    coding_ = Coding.objects.get(post=team["alone"])
    assert coding_.suggestions_shown is True
    assert ServiceRecord.objects.get(object_id=str(team["alone"].pk)).coded_by == "human"
    response = client.post(reverse("observatory:code_post", args=[team["doubled"].pk]), {"categories": ["emergency"]})
    assert response.url == reverse("observatory:coding")
    assert Coding.objects.get(post=team["doubled"]).suggestions_shown is False


def test_an_undated_post_asks_for_its_date(client_as, team, library_a):
    post = h.post(library_a, "Undated notice", published_on=None)
    coding.assign_posts(h.study(team["owner"], [library_a], [team["ann"]], percent=0, title="Undated"))
    client = client_as(team["ann"])
    url = reverse("observatory:code_post", args=[post.pk])
    assert "This post has no publication date" in client.get(url).content.decode()
    date_url = reverse("observatory:coding_post_date", args=[post.pk])
    response = client.post(date_url, {"date": "not a date"}, follow=True)
    assert "Enter a valid date." in response.content.decode()
    client.post(url, {"categories": ["emergency"]})
    client.post(date_url, {"date": "2020-02-20"})
    assert ServiceRecord.objects.get(object_id=str(post.pk)).date.isoformat() == "2020-02-20"


# --- agreement, disagreements, settling --------------------------------------------------------------
def test_agreement_page_shows_n_and_undefined_reasons(client_as, team):
    coding.save_coding(team["doubled"], team["ann"], ["emergency"])
    coding.save_coding(team["doubled"], team["ben"], ["emergency"])
    html = client_as(team["ben"]).get(reverse("observatory:agreement", args=[team["study"].pk])).content.decode()
    assert "undefined, because every post has this code" in html
    assert "undefined, because no coder used this code" in html
    assert "Over 1 post coded by two coders" in html


def test_disagreements_show_both_codings_only_once_both_are_done_and_can_be_settled(client_as, team):
    post = team["doubled"]
    coding.save_coding(post, team["ann"], ["emergency"], note="ANN-NOTE")
    url = reverse("observatory:disagreements", args=[team["study"].pk])
    assert "ANN-NOTE" not in client_as(team["ben"]).get(url).content.decode()
    coding.save_coding(post, team["ben"], ["emergency", "social"])
    html = client_as(team["owner"]).get(url).content.decode()
    assert "ANN-NOTE" in html and "Coder 1: Ann" in html and "Coder 2: Ben" in html
    settle_url = reverse("observatory:settle", args=[team["study"].pk, post.pk])
    response = client_as(team["owner"]).post(settle_url, {f"p{post.pk}-features": ["cross_industry"]}, follow=True)
    assert "Choose at least one category" in response.content.decode()
    assert not ServiceRecord.objects.filter(object_id=str(post.pk)).exists()
    response = client_as(team["owner"]).post(settle_url, {f"p{post.pk}-categories": ["social"]}, follow=True)
    assert "is settled" in response.content.decode()
    assert "No open disagreements." in response.content.decode()
    assert ServiceRecord.objects.get(object_id=str(post.pk)).codes == ["social"]


# --- retraining ---------------------------------------------------------------------------------------
def test_retraining_is_for_site_staff_and_asks_for_confirmation(client_as, team, monkeypatch):
    from lantern.insights import classify

    coding.save_coding(team["alone"], team["ann"], ["reading_offline"])
    url = reverse("observatory:retrain")
    assert client_as(team["ann"]).get(url).status_code == 403
    team["owner"].is_staff = True
    team["owner"].save()
    client = client_as(team["owner"])
    assert "1 post has human final codes." in client.get(url).content.decode()
    calls = []
    monkeypatch.setattr(classify, "train_classifier", lambda examples: calls.append(examples))
    monkeypatch.setattr(classify, "_cached", None)
    html = client.post(url, {}).content.decode()
    assert "Tick the box" in html and calls == []
    html = client.post(url, {"confirm": "yes"}).content.decode()
    assert "plus 1 post with human codes" in html and "No accuracy is claimed" in html
    assert len(calls) == 1


def test_going_back_to_the_bundled_classifier_undoes_a_retraining(client_as, team):
    coding.save_coding(team["alone"], team["ann"], ["reading_offline"])
    url = reverse("observatory:retrain")
    team["owner"].is_staff = True
    team["owner"].save()
    client = client_as(team["owner"])
    assert "Use the bundled classifier again" not in client.get(url).content.decode()
    html = client.post(url, {"action": "reset"}, follow=True).content.decode()
    assert "already the one trained on the bundled examples" in html
    client.post(url, {"confirm": "yes"})
    assert "Use the bundled classifier again" in client.get(url).content.decode()
    html = client.post(url, {"action": "reset"}, follow=True).content.decode()
    assert "The classifier trained on the bundled examples is in use again." in html
    assert "Use the bundled classifier again" not in html
    assert AuditEntry.objects.filter(action="insights.classifier_reset").count() == 1
    assert client_as(team["ann"]).post(url, {"action": "reset"}).status_code == 403
