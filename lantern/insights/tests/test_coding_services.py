"""Human coding services: assigning posts (shares, two different coders), saving codings (validation,
permissions), final codes becoming the post's ServiceRecord, disagreements and settling, dates, training data."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.insights import coding
from lantern.insights.agreement import study_agreement
from lantern.insights.models import Assignment, CodedBy, Coding, Post, ServiceRecord
from lantern.insights.services import record_service

from . import coding_helpers as h


@pytest.fixture
def team(db, library_a, library_b):
    owner = h.researcher("olive@example.org", "Olive")
    ann = h.researcher("ann@example.org", "Ann")
    ben = h.researcher("ben@example.org", "Ben")
    cai = h.researcher("cai@example.org", "Cai")
    return {"owner": owner, "ann": ann, "ben": ben, "cai": cai}


def records_of(post):
    return ServiceRecord.objects.filter(object_id=str(post.pk), content_type__model="post")


# --- assigning ----------------------------------------------------------------------------------
def test_posts_are_spread_evenly_and_the_share_goes_to_two_different_coders(team, library_a, library_b):
    posts = [h.post(library_a if i % 2 else library_b) for i in range(50)]
    study = h.study(team["owner"], [library_a, library_b], [team["ann"], team["ben"], team["cai"]], percent=20)
    assigned, doubled = coding.assign_posts(study)
    assert (assigned, doubled) == (50, 10)  # 20 % of 50
    by_post = Counter(Assignment.objects.filter(study=study).values_list("post_id", flat=True))
    assert set(by_post) == {p.pk for p in posts}
    assert sorted(Counter(by_post.values()).items()) == [(1, 40), (2, 10)]
    for post_id, n in by_post.items():
        if n == 2:
            coders = list(Assignment.objects.filter(post_id=post_id).values_list("coder_id", flat=True))
            assert len(set(coders)) == 2
            assert Assignment.objects.filter(post_id=post_id, double=True).count() == 2
    loads = Counter(Assignment.objects.filter(study=study).values_list("coder_id", flat=True))
    assert max(loads.values()) - min(loads.values()) <= 1  # 60 assignments, 20 each


def test_the_doubled_sample_is_the_same_on_a_rerun_and_nothing_is_assigned_twice(team, library_a):
    posts = [h.post(library_a) for _ in range(20)]
    study = h.study(team["owner"], [library_a], [team["ann"], team["ben"]], percent=25)
    coding.assign_posts(study)
    first = set(Assignment.objects.filter(double=True).values_list("post_id", flat=True))
    assert coding.assign_posts(study) == (0, 0)
    Assignment.objects.all().delete()
    coding.assign_posts(study)
    assert set(Assignment.objects.filter(double=True).values_list("post_id", flat=True)) == first
    assert len(first) == 5
    assert {p.pk for p in posts} >= first


def test_only_posts_inside_the_window_are_assigned_and_undated_ones_too(team, library_a, library_b):
    inside = h.post(library_a, published_on=datetime.date(2020, 3, 1))
    undated = h.post(library_a, published_on=None)
    h.post(library_a, published_on=datetime.date(2019, 12, 1))  # before the study
    h.post(library_a, published_on=datetime.date(2020, 9, 1))  # after it
    h.post(library_b)  # not in the sample
    study = h.study(team["owner"], [library_a], [team["ann"]])
    assert coding.assign_posts(study) == (2, 0)
    assert set(Assignment.objects.values_list("post_id", flat=True)) == {inside.pk, undated.pk}


def test_one_coder_gets_everything_once_and_no_coders_is_refused(team, library_a):
    h.post(library_a)
    h.post(library_a)
    lonely = h.study(team["owner"], [library_a], [team["ann"]], percent=100)
    assert coding.assign_posts(lonely) == (2, 0)
    empty = h.study(team["owner"], [library_a], [], title="No coders")
    with pytest.raises(Refused, match="no coders"):
        coding.assign_posts(empty)
    assert Assignment.objects.filter(study=empty).count() == 0


# --- saving ---------------------------------------------------------------------------------------
@pytest.fixture
def single(team, library_a):
    post = h.post(library_a, "Curbside pickup starts Monday")
    study = h.study(team["owner"], [library_a], [team["ann"]], percent=0)
    coding.assign_posts(study)
    return post, study


@pytest.fixture
def double(team, library_a):
    post = h.post(library_a, "We reopen with masks and reservations")
    study = h.study(team["owner"], [library_a], [team["ann"], team["ben"]], percent=100)
    coding.assign_posts(study)
    return post, study


def test_a_coding_without_a_category_is_refused_and_nothing_is_written(team, single):
    post, _study = single
    with pytest.raises(ValidationError) as exc:
        coding.save_coding(post, team["ann"], ["targeted_groups"])
    assert "at least one category" in str(exc.value.message_dict["codes"])
    with pytest.raises(ValidationError, match="Unknown codes"):
        coding.save_coding(post, team["ann"], ["reading_offline", "curbside"])
    assert Coding.objects.count() == 0
    assert not records_of(post).exists()


def test_only_an_assigned_coder_or_the_owner_may_code(team, single, library_a):
    post, _study = single
    with pytest.raises(Refused, match="not assigned to you"):
        coding.save_coding(post, team["ben"], ["reading_offline"])
    assert Coding.objects.count() == 0
    coding.save_coding(post, team["owner"], ["reading_offline"])  # the owner stands in
    assert records_of(post).get().codes == ["reading_offline"]


def test_single_coded_post_becomes_a_human_record_replacing_the_machine(team, single):
    post, _study = single
    record_service(
        library=post.library,
        date=post.published_on,
        categories=["emergency"],
        title_en=post.title,
        source_object=post,
        source=ServiceRecord.Source.OUTSIDE,
        coded_by=CodedBy.MACHINE,
    )
    state = coding.save_coding(post, team["ann"], ["reading_offline", "targeted_groups"], suggestions_shown=True)
    assert state.state == "final"
    record = records_of(post).get()
    assert (record.coded_by, record.source) == (CodedBy.HUMAN, ServiceRecord.Source.OUTSIDE)
    assert record.codes == ["reading_offline", "targeted_groups"]
    assert record.date == post.published_on and record.title == post.title
    # Saving again replaces the coder's own coding, and the record follows.
    coding.save_coding(post, team["ann"], ["reading_offline"], note="not only for a group")
    assert Coding.objects.get(post=post).note == "not only for a group"
    assert Coding.objects.count() == 1
    assert records_of(post).get().codes == ["reading_offline"]


def test_double_coded_post_is_final_only_when_both_agree(team, double):
    post, _study = double
    assert coding.save_coding(post, team["ann"], ["emergency"]).state == "waiting"
    assert not records_of(post).exists()
    assert coding.save_coding(post, team["ben"], ["emergency"]).state == "final"
    assert records_of(post).get().coded_by == CodedBy.HUMAN


def test_disagreement_stays_open_until_settled_and_the_codings_stay(team, double, library_a):
    post, study = double
    coding.save_coding(post, team["ann"], ["emergency"])
    coding.save_coding(post, team["ben"], ["emergency", "information"])
    assert not records_of(post).exists()
    [item] = coding.disagreements(study)
    assert (item.first_codes, item.second_codes) == (["emergency"], ["information", "emergency"])
    coding.settle(post, ["emergency", "information"], by=team["owner"])
    assert records_of(post).get().codes == ["information", "emergency"]
    assert records_of(post).get().coded_by == CodedBy.HUMAN
    assert coding.disagreements(study) == []
    # The codings are untouched, so the agreement figures still see the disagreement.
    assert Coding.objects.get(post=post, coder=team["ann"]).codes == ["emergency"]
    assert study_agreement(study).rows[2].percent_agreement == 0.0  # information
    with pytest.raises(Refused, match="no open disagreement"):
        coding.settle(post, ["emergency"], by=team["owner"])


def test_settling_needs_codes_and_the_right_person(team, double):
    post, _study = double
    coding.save_coding(post, team["ann"], ["emergency"])
    coding.save_coding(post, team["ben"], ["social"])
    with pytest.raises(Refused, match="owner or its coders"):
        coding.settle(post, ["emergency"], by=team["cai"])
    with pytest.raises(ValidationError, match="at least one category"):
        coding.settle(post, ["cross_industry"], by=team["ann"])
    assert not records_of(post).exists()
    coding.settle(post, ["social"], by=team["ben"])  # a coder may settle too
    assert records_of(post).get().codes == ["social"]


def test_changing_a_coding_after_settling_reopens_the_post(team, double):
    post, study = double
    h.suggestion(post, ["emergency"])
    coding.save_coding(post, team["ann"], ["emergency"])
    coding.save_coding(post, team["ben"], ["social"])
    coding.settle(post, ["social"], by=team["owner"])
    coding.save_coding(post, team["ann"], ["emergency", "information"])
    assert len(coding.disagreements(study)) == 1
    record = records_of(post).get()  # back to the machine's codes until someone settles again
    assert (record.coded_by, record.codes) == (CodedBy.MACHINE, ["emergency"])


def test_an_undated_post_waits_for_its_date(team, library_a):
    post = h.post(library_a, published_on=None)
    study = h.study(team["owner"], [library_a], [team["ann"]], percent=0)
    coding.assign_posts(study)
    assert coding.save_coding(post, team["ann"], ["information"]).state == "needs_date"
    assert not records_of(post).exists()
    with pytest.raises(ValidationError, match="not in the future"):
        coding.set_post_date(post, datetime.date(2999, 1, 1), team["ann"])
    with pytest.raises(Refused):
        coding.set_post_date(post, datetime.date(2020, 3, 1), team["cai"])
    assert coding.set_post_date(post, datetime.date(2020, 3, 1), team["ann"]).state == "final"
    post.refresh_from_db()
    assert (post.published_on, post.date_source) == (datetime.date(2020, 3, 1), Post.DateSource.CODER)
    assert records_of(post).get().date == datetime.date(2020, 3, 1)


def test_settling_an_undated_post_asks_for_its_date_first(team, library_a):
    post = h.post(library_a, published_on=None)
    study = h.study(team["owner"], [library_a], [team["ann"], team["ben"]], percent=100)
    coding.assign_posts(study)
    coding.save_coding(post, team["ann"], ["emergency"])
    coding.save_coding(post, team["ben"], ["social"])
    with pytest.raises(Refused, match="no publication date"):
        coding.settle(post, ["social"], by=team["owner"])


# --- training data and agreement over a study ----------------------------------------------------
def test_human_final_codes_are_training_examples(team, double, single, library_a):
    (doubled, _), (alone, _) = double, single
    coding.save_coding(alone, team["ann"], ["reading_offline", "cross_industry"])
    coding.save_coding(doubled, team["ann"], ["emergency"])
    coding.save_coding(doubled, team["ben"], ["social"])  # open disagreement: not an example yet
    examples = coding.training_examples()
    assert examples == [
        {"title": alone.title, "text": alone.text, "categories": ["reading_offline"], "features": ["cross_industry"]}
    ]


def test_retraining_reports_how_many_examples(team, single, monkeypatch, django_user_model):
    from lantern.insights import classify

    post, _ = single
    coding.save_coding(post, team["ann"], ["reading_offline"])
    seen = {}
    monkeypatch.setattr(classify, "train_classifier", lambda examples: seen.setdefault("examples", examples))
    monkeypatch.setattr(classify, "_cached", None)
    with pytest.raises(Refused, match="site staff"):
        coding.retrain_classifier(by=team["ann"])
    team["ann"].is_staff = True
    result = coding.retrain_classifier(by=team["ann"])
    assert result.human_examples == 1 and len(seen["examples"]) == 1
    assert result.per_code["reading_offline"] == 1 and result.per_code["emergency"] == 0


def test_study_agreement_counts_only_posts_both_coders_finished(team, library_a):
    posts = [h.post(library_a) for _ in range(3)]
    study = h.study(team["owner"], [library_a], [team["ann"], team["ben"]], percent=100)
    coding.assign_posts(study)
    for post in posts:
        coding.save_coding(post, team["ann"], ["emergency"])
    coding.save_coding(posts[0], team["ben"], ["emergency"])
    coding.save_coding(posts[1], team["ben"], ["emergency", "targeted_groups"])
    table = study_agreement(study)
    assert table.n_posts == 2
    rows = {row.code: row for row in table.rows}
    assert rows["emergency"].undefined_reason == "undefined, because every post has this code"
    assert rows["targeted_groups"].percent_agreement == 50.0
    assert rows["targeted_groups"].used == 25.0
