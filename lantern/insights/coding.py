"""Human coding of posts: who codes what, saving a coding, final codes, disagreements and settling them.

The rules (CODEBOOK.md: "at least one category"; Issue 10 part 4):

- `assign_posts` spreads a study's unassigned posts (its libraries' posts inside each library's window)
  over the study's coders, always to the least-loaded coder(s) first (round robin). A share
  `study.double_coding_percent` of each batch goes to two different coders; which posts is decided by a
  hash of the post's id, so a rerun picks the same posts.
- A post's *final* codes: single-coded → the coding (by its coder, or by a study owner standing in);
  double-coded → the two assigned coders' codings when both are saved and agree; otherwise the post stays
  open until someone settles it (`settle`). The two codings are never changed by settling: agreement is
  measured on them.
- Final codes become the post's ServiceRecord (coded_by HUMAN, source OUTSIDE), replacing the machine's
  record of the same post. A post without a publication date cannot become a ServiceRecord (reports are
  by date): a coder enters the date first (`set_post_date`).
- A coder who changes a saved coding of a double-coded post so that it now disagrees reopens the post
  (even if it was settled): its record goes back to the machine's suggestion, or away when there is none.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.services import record_audit

from .models import CODES, Assignment, CodedBy, Coding, Post, ServiceRecord, Study, Suggestion
from .services import record_service, withdraw_service
from .taxonomy import Category, Feature
from .watch import study_window

# The earliest publication date a coder may enter (the study behind Lantern starts in January 2020; this
# only catches typing errors such as 0202).
EARLIEST_DATE = datetime.date(1990, 1, 1)
TITLE_LENGTH = ServiceRecord._meta.get_field("title").max_length


# --- the study's window ---------------------------------------------------------------------------
def study_posts(study: Study, *, now=None):
    """Posts of the study's libraries inside each library's window (`watch.study_window`; an open end is
    today). Posts without a date are included, unlike `watch.posts_in_window`: their date is unknown, not
    outside the window, and the coder who reads them can enter it."""
    today = timezone.localdate(now) if now else timezone.localdate()
    query = Q(pk__in=[])
    for library in study.libraries.all():
        start, end = study_window(study, library)
        in_window = Q(published_on__gte=start, published_on__lte=end or today)
        query |= Q(library=library) & (in_window | Q(published_on__isnull=True))
    return Post.objects.filter(query)


# --- assigning ----------------------------------------------------------------------------------
def _sample_key(post_pk: int) -> str:
    return hashlib.sha256(f"post:{post_pk}".encode()).hexdigest()


def assign_posts(study: Study, *, now=None) -> tuple[int, int]:
    """Assign the study's not yet assigned posts; returns (posts assigned, of which coded twice).

    Guarantees: every post of the window gets one coder (two for the sampled share, two different coders);
    a post already assigned (in this study or another) is never assigned again; two runs at once do not both assign
    the same post (the study row is locked).
    """
    with transaction.atomic():
        study = Study.objects.select_for_update().get(pk=study.pk)
        coders = list(study.coders.filter(is_active=True).order_by("pk"))
        if not coders:
            raise Refused(_("This study has no coders yet: add coders before assigning posts."), "no_coders")
        # A coder codes a post once (one Assignment per post and coder), so a post already assigned in another
        # study keeps its coders and codings there; it is not assigned again.
        assigned_ids = Assignment.objects.values("post_id")
        post_ids = list(
            study_posts(study, now=now)
            .exclude(pk__in=assigned_ids)
            .order_by("published_on", "pk")
            .values_list("pk", flat=True)
        )
        if not post_ids:
            return 0, 0
        share = study.double_coding_percent if len(coders) >= 2 else 0
        # The exact share of this batch, the posts with the smallest hashes: deterministic and unbiased.
        n_double = round(len(post_ids) * share / 100)
        doubled = set(sorted(post_ids, key=_sample_key)[:n_double])
        load = {coder.pk: 0 for coder in coders}
        for row in Assignment.objects.filter(study=study, coder__in=coders).values("coder_id"):
            load[row["coder_id"]] += 1
        order = {coder.pk: i for i, coder in enumerate(coders)}
        rows = []
        for post_id in post_ids:
            wanted = 2 if post_id in doubled else 1
            chosen = sorted(load, key=lambda pk: (load[pk], order[pk]))[:wanted]
            for coder_id in chosen:
                load[coder_id] += 1
                rows.append(Assignment(post_id=post_id, coder_id=coder_id, study=study, double=wanted == 2))
        Assignment.objects.bulk_create(rows)
    return len(post_ids), len(doubled)


# --- who may code ---------------------------------------------------------------------------------
def owns_post_study(user, post: Post) -> bool:
    return Study.objects.filter(owner=user, assignments__post=post).exists()


def can_code(user, post: Post) -> bool:
    """An assigned coder, or the owner of a study the post is assigned in."""
    if not user.is_authenticated:
        return False
    return post.assignments.filter(coder=user).exists() or owns_post_study(user, post)


def can_settle(user, post: Post) -> bool:
    """The owner or a coder of a study in which the post is coded twice."""
    if not user.is_authenticated:
        return False
    studies = Study.objects.filter(assignments__post=post, assignments__double=True)
    return studies.filter(Q(owner=user) | Q(coders=user)).exists()


def is_double(post: Post) -> bool:
    return post.assignments.filter(double=True).exists()


def double_coders(post: Post) -> list[int]:
    """The ids of the (two) coders a double-coded post is assigned to, in order of assignment."""
    return list(post.assignments.filter(double=True).order_by("pk").values_list("coder_id", flat=True))


# --- codes ----------------------------------------------------------------------------------------
def check_coding_codes(codes) -> list[str]:
    """The codes in the taxonomy's order; a clear message for unknown codes or no category."""
    codes = [str(code) for code in codes]
    unknown = sorted(set(codes) - set(CODES))
    if unknown:
        raise ValidationError({"codes": _("Unknown codes: %(codes)s") % {"codes": ", ".join(unknown)}})
    if not set(codes) & set(Category.values):
        raise ValidationError({"codes": _("Choose at least one category: every post is some kind of service.")})
    return [code for code in CODES if code in codes]


def _codes_of(obj) -> list[str]:
    return [code for code in CODES if getattr(obj, code)]


@dataclass
class PostState:
    """Where a post stands: "final" (with codes), "waiting" (for a coding), "disagreement", "needs_date"."""

    state: str
    codes: list[str] | None = None


def _human_record(post: Post) -> ServiceRecord | None:
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id=str(post.pk), coded_by=CodedBy.HUMAN
    ).first()


def state_of(post: Post) -> PostState:
    """The post's final codes as far as they are known, without writing anything."""
    record = _human_record(post)
    if is_double(post):
        pair = [Coding.objects.filter(post=post, coder_id=coder).first() for coder in double_coders(post)]
        if len(pair) < 2 or None in pair:
            return PostState("waiting")
        first, second = (_codes_of(coding) for coding in pair[:2])
        if first == second:
            codes = first
        elif record is not None:  # settled
            return PostState("final", _codes_of(record))
        else:
            return PostState("disagreement")
    else:
        counted = Coding.objects.filter(post=post).filter(
            Q(coder__assignments__post=post) | Q(coder__studies__assignments__post=post)
        )
        latest = counted.order_by("-coded_at", "-pk").first()
        if latest is None:
            return PostState("waiting")
        codes = _codes_of(latest)
    if post.published_on is None:
        return PostState("needs_date", codes)
    return PostState("final", codes)


def _record_final(post: Post, codes: list[str], coded_by: str = CodedBy.HUMAN) -> ServiceRecord:
    title = post.title.strip()[:TITLE_LENGTH] or _("(untitled)")
    in_chinese = (post.language or "").lower().startswith("zh")
    return record_service(
        library=post.library,
        date=post.published_on,
        categories=[code for code in codes if code in Category.values],
        features=[code for code in codes if code in Feature.values],
        title_zh=title if in_chinese else "",
        title_en="" if in_chinese else title,
        source_object=post,
        link=post.url,
        source=ServiceRecord.Source.OUTSIDE,
        coded_by=coded_by,
    )


def _back_to_machine(post: Post) -> None:
    """A reopened post: its record is the machine's suggestion again, or none."""
    if _human_record(post) is None:
        return
    suggestion = Suggestion.objects.filter(post=post).first()
    codes = _codes_of(suggestion) if suggestion else []
    if post.published_on and set(codes) & set(Category.values):
        _record_final(post, codes, CodedBy.MACHINE)
    else:
        withdraw_service(post)


def finalise(post: Post) -> PostState:
    """Write the post's final codes as its ServiceRecord when they are known (inside the caller's transaction)."""
    state = state_of(post)
    if state.state == "final":
        _record_final(post, state.codes)
    return state


# --- saving ---------------------------------------------------------------------------------------
def save_coding(post: Post, coder, codes, *, suggestions_shown: bool = False, note: str = "") -> PostState:
    """Save (or replace) `coder`'s coding of `post`, then its final codes where they are known.

    Refuses anyone but an assigned coder or a study owner; at least one category; nothing is written
    when it refuses.
    """
    codes = check_coding_codes(codes)
    if not can_code(coder, post):
        raise Refused(_("This post is not assigned to you."), "not_assigned", 403)
    with transaction.atomic():
        previous = Coding.objects.select_for_update().filter(post=post, coder=coder).first()
        changed = previous is None or _codes_of(previous) != codes
        coding = previous or Coding(post=post, coder=coder)
        coding.set_codes(codes)
        coding.suggestions_shown = bool(suggestions_shown)
        coding.note = note.strip()
        coding.save()
        if not changed:
            return state_of(post)
        if is_double(post) and _pair_disagrees(post):
            _back_to_machine(post)  # reopens it, settled or not: the coding it was decided on has changed
        state = state_of(post)
        if state.state == "final":
            _record_final(post, state.codes)
    return state


def _pair_disagrees(post: Post) -> bool:
    pair = [Coding.objects.filter(post=post, coder_id=coder).first() for coder in double_coders(post)[:2]]
    return len(pair) == 2 and None not in pair and _codes_of(pair[0]) != _codes_of(pair[1])


def set_post_date(post: Post, date: datetime.date, by) -> PostState:
    """Enter a post's publication date read from its text (date_source TEXT), then finalise it if it can."""
    if not (can_code(by, post) or can_settle(by, post)):
        raise Refused(_("This post is not assigned to you."), "not_assigned", 403)
    if not isinstance(date, datetime.date):
        raise ValidationError({"date": _("Enter a date.")})
    if date > timezone.localdate() or date < EARLIEST_DATE:
        raise ValidationError({"date": _("Enter the date the post was published: not in the future, not before 1990.")})
    with transaction.atomic():
        post.published_on = date
        post.date_source = Post.DateSource.CODER
        post.save(update_fields=["published_on", "date_source"])
        record_audit(by, "insights.post_dated", post, library=post.library, summary=date.isoformat())
        state = state_of(post)
        if state.state == "final":
            _record_final(post, state.codes)
    return state


# --- disagreements --------------------------------------------------------------------------------
@dataclass
class Disagreement:
    post: Post
    first: Coding
    second: Coding

    @property
    def first_codes(self) -> list[str]:
        return _codes_of(self.first)

    @property
    def second_codes(self) -> list[str]:
        return _codes_of(self.second)


def double_coded_pairs(study: Study) -> list[tuple[Post, Coding, Coding]]:
    """Every post coded twice in `study` whose two assigned coders have both saved a coding."""
    assignments = Assignment.objects.filter(study=study, double=True).order_by("post_id", "pk")
    coders_by_post: dict[int, list[int]] = {}
    for post_id, coder_id in assignments.values_list("post_id", "coder_id"):
        coders_by_post.setdefault(post_id, []).append(coder_id)
    codings = {
        (coding.post_id, coding.coder_id): coding
        for coding in Coding.objects.filter(post_id__in=coders_by_post).select_related("post__library")
    }
    pairs = []
    for post_id, coder_ids in coders_by_post.items():
        found = [codings.get((post_id, coder_id)) for coder_id in coder_ids[:2]]
        if len(found) == 2 and None not in found:
            pairs.append((found[0].post, found[0], found[1]))
    return pairs


def disagreements(study: Study) -> list[Disagreement]:
    """Double-coded posts of the study whose two codings differ and that nobody has settled yet."""
    open_ones = [
        Disagreement(post, first, second)
        for post, first, second in double_coded_pairs(study)
        if _codes_of(first) != _codes_of(second)
    ]
    settled = set(
        ServiceRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Post),
            object_id__in=[str(item.post.pk) for item in open_ones],
            coded_by=CodedBy.HUMAN,
        ).values_list("object_id", flat=True)
    )
    return [item for item in open_ones if str(item.post.pk) not in settled]


def settle(post: Post, codes, *, by) -> ServiceRecord:
    """Decide the final codes of a post whose two codings disagree; the codings themselves stay as they are."""
    codes = check_coding_codes(codes)
    if not can_settle(by, post):
        raise Refused(_("Only the study's owner or its coders may settle a disagreement."), "not_allowed", 403)
    if post.published_on is None:
        raise Refused(
            _("This post has no publication date: enter it first, so that its codes can be counted."),
            "no_date",
        )
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post.pk).first()  # one settlement at a time
        if state_of(post).state != "disagreement":
            raise Refused(_("This post has no open disagreement to settle."), "nothing_to_settle", 409)
        record = _record_final(post, codes)
        record_audit(by, "insights.coding_settled", post, library=post.library, summary=", ".join(codes))
    return record


# --- queues and progress --------------------------------------------------------------------------
def queue_for(coder):
    """`coder`'s assignments whose post they have not coded yet, oldest first."""
    coded = Coding.objects.filter(coder=coder).values("post_id")
    return (
        Assignment.objects.filter(coder=coder)
        .exclude(post_id__in=coded)
        .select_related("post__library", "study")
        .order_by("study_id", "post__published_on", "pk")
    )


def next_assignment(coder, study: Study | None = None):
    queue = queue_for(coder)
    if study is not None:
        first = queue.filter(study=study).first()
        if first is not None:
            return first
    return queue.first()


def progress(study: Study) -> dict:
    """How far the coding of a study has got, for its owner."""
    assignments = Assignment.objects.filter(study=study)
    coded = Coding.objects.filter(post_id__in=assignments.values("post_id"))
    coded_pairs = set(coded.values_list("post_id", "coder_id"))
    rows = list(assignments.values_list("post_id", "coder_id", "double"))
    posts = {post_id for post_id, _coder, _double in rows}
    doubled = {post_id for post_id, _coder, double in rows if double}
    done = sum(1 for post_id, coder_id, _double in rows if (post_id, coder_id) in coded_pairs)
    return {
        "posts": len(posts),
        "double": len(doubled),
        "assignments": len(rows),
        "done": done,
        "both_coded": len(double_coded_pairs(study)),
        "disagreements": len(disagreements(study)),
        "not_assigned": study_posts(study).exclude(pk__in=assignments.values("post_id")).count(),
    }


# --- training data --------------------------------------------------------------------------------
def training_examples() -> list[dict]:
    """Posts with human final codes, as examples for `lantern.insights.classify.train_classifier`."""
    post_ids = set(Coding.objects.values_list("post_id", flat=True))
    examples = []
    for post in Post.objects.filter(pk__in=post_ids).order_by("pk"):
        state = state_of(post)
        if state.codes:
            examples.append(
                {
                    "title": post.title,
                    "text": post.text,
                    "categories": [code for code in state.codes if code in Category.values],
                    "features": [code for code in state.codes if code in Feature.values],
                }
            )
    return examples


@dataclass
class Retraining:
    human_examples: int
    per_code: dict


def retrain_classifier(*, by) -> Retraining:
    """Train the classifier on its bundled data plus every human-coded post, and use it in this process.

    Reports only what it knows: how many human examples went in and how often each code occurs in them.
    """
    from . import classify

    if not (by.is_staff or by.is_superuser):
        raise Refused(_("Only site staff may retrain the classifier."), "not_allowed", 403)
    examples = training_examples()
    if not examples:
        raise Refused(_("No post has human codes yet: there is nothing new to learn from."), "no_examples")
    classify.use_classifier(classify.train_classifier(examples))
    per_code = {code: sum(code in (ex["categories"] + ex["features"]) for ex in examples) for code in CODES}
    record_audit(by, "insights.classifier_retrained", summary=str(len(examples)))
    return Retraining(len(examples), per_code)


def reset_classifier(*, by) -> None:
    """Go back to the classifier trained on the bundled examples only (the undo of retraining)."""
    from . import classify

    if not (by.is_staff or by.is_superuser):
        raise Refused(_("Only site staff may retrain the classifier."), "not_allowed", 403)
    if not classify.forget_retrained():
        raise Refused(_("The classifier in use is already the one trained on the bundled examples."), "not_retrained")
    record_audit(by, "insights.classifier_reset")
