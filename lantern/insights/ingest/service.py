"""Taking files in: `ingest_content` (one file or fetched address), `ingest_files` (a directory), `fetch`.

Every entry read is counted once in its IngestJob: new, duplicate (same normalised address, or same
content hash — title and text folded to Simplified Chinese, case and spacing — in the same library,
whether already stored or earlier in this job), or rejected with its place and why. New posts are
written in batches: posts, their classifier `Suggestion`s and, for dated posts with a suggested category,
a machine-coded ServiceRecord (the one `record_service` would make), all of one batch in one transaction.
"""

import dataclasses
import hashlib
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

import opencc
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.models import Library

from ..models import CODES, Channel, CodedBy, IngestJob, Post, ServiceRecord, Suggestion
from ..services import service_record_values
from . import reader_for
from .base import FileRejected, Item, PostData

BATCH = 500
MAX_PROBLEMS = 1000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 20

# Query parameters that only say how a link was shared, never which page it is.
TRACKING = {
    "chksm", "scene", "subscene", "sessionid", "clicktime", "enterid", "ascene", "devicetype", "version",
    "nettype", "lang", "pass_ticket", "wx_header", "exportkey", "key", "uin", "srcid", "sharer_sharetime",
    "sharer_shareid", "mpshare", "from", "isappinstalled", "fbclid", "gclid", "spm", "share_token",
    "realreporttime", "abtest_cookie", "poc_token", "mc_cid", "mc_eid",
}  # fmt: skip
# A WeChat article is named by these four parameters; everything else on mp.weixin.qq.com/s is sharing noise.
WECHAT_KEYS = ("__biz", "mid", "idx", "sn")

_t2s = opencc.OpenCC("t2s")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_validate_url = URLValidator(schemes=["http", "https"])


def max_upload_bytes() -> int:
    fallback = getattr(settings, "LANTERN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    return getattr(settings, "LANTERN_INGEST_MAX_BYTES", fallback)


def normalise_url(url: str) -> str:
    """The address that names the page: no fragment, no tracking parameters, host in lower case.

    Raises ValueError when `url` is not an http(s) address.
    """
    url = (url or "").strip()
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not host:
        raise ValueError(url)
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    if host == "mp.weixin.qq.com":
        scheme = "https"  # old shares are http; the same article
        if parts.path.rstrip("/") == "/s" and any(k == "sn" for k, _v in query):
            query = sorted((k, v) for k, v in query if k in WECHAT_KEYS)
    query = [(k, v) for k, v in query if k.lower() not in TRACKING and not k.lower().startswith("utm_")]
    path = parts.path or "/"
    normal = urllib.parse.urlunsplit((scheme, netloc, path, urllib.parse.urlencode(query), ""))
    _validate_url(normal)
    return normal


def fold(text: str) -> str:
    """Text as compared for duplicates: Simplified Chinese, NFKC, case folded, whitespace removed."""
    return "".join(_t2s.convert(unicodedata.normalize("NFKC", text or "")).casefold().split())


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{fold(title)}\n{fold(text)}".encode()).hexdigest()


def detect_language(text: str) -> str:
    """zh when Chinese characters dominate (one character weighs about as much as a short word), else en."""
    sample = text[:5000]
    cjk = len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "zh" if cjk and cjk * 4 >= latin else "en"


def fetch(url: str, *, timeout: int = FETCH_TIMEOUT, max_bytes: int | None = None) -> bytes:
    """The body at `url` (http or https), at most `max_bytes`; FileRejected with a plain reason otherwise."""
    limit = max_bytes or max_upload_bytes()
    try:
        normalise_url(url)
    except (ValueError, ValidationError):
        raise FileRejected(_("“%(url)s” is not a web address (http or https).") % {"url": url}) from None
    agent = {"User-Agent": "Lantern service observatory (ingest)"}
    request = urllib.request.Request(url, headers=agent)  # noqa: S310 (http or https only, checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            body = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FileRejected(_("The site answered %(code)s for %(url)s.") % {"code": exc.code, "url": url}) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FileRejected(
            _(
                "%(url)s cannot be fetched (%(reason)s). Is this computer offline? "
                "Save the page or feed and ingest the file instead."
            )
            % {"url": url, "reason": reason}
        ) from None
    if len(body) > limit:
        raise FileRejected(_("%(url)s is larger than the limit of %(limit)d bytes.") % {"url": url, "limit": limit})
    return body


@dataclasses.dataclass
class _Candidate:
    data: PostData
    library: Library
    url: str
    hash: str
    where: dict


class _Run:
    """The state of one job: libraries by slug, addresses and hashes seen, the batch being gathered."""

    def __init__(self, job: IngestJob, *, channel, allowed, progress, total):
        self.job = job
        self.channel = channel
        self.allowed = allowed
        self.progress = progress
        self.total = total
        self.libraries = {job.library.slug: job.library}
        self.seen_urls: set[tuple[int, str]] = set()
        self.seen_hashes: set[tuple[int, str]] = set()
        self.batch: list[_Candidate] = []
        self.captured_at = timezone.now()
        self.classifier = None
        self.model_version = ""

    def problem(self, where: dict, message: str) -> None:
        self.job.rejected += 1
        if len(self.job.problems) < MAX_PROBLEMS:
            self.job.problems.append({**where, "message": str(message)})

    def library_for(self, slug: str):
        if not slug:
            return self.job.library
        if slug not in self.libraries:
            library = Library.objects.filter(slug=slug).first()
            if library is not None and self.allowed is not None and library.pk not in self.allowed:
                library = False
            self.libraries[slug] = library
        return self.libraries[slug]

    def take(self, item: Item, file: str, default_url: str = "") -> None:
        self.job.read += 1
        where = {"file": file, **item.where()} if file else item.where()
        if item.problem:
            self.problem(where, item.problem)
        else:
            self._candidate(item.data, where, default_url)
        if len(self.batch) >= BATCH:
            self.flush()
        if self.progress:
            self.progress(self.job.read, max(self.total, self.job.read))

    def _candidate(self, data: PostData, where: dict, default_url: str) -> None:
        library = self.library_for(data.library)
        if library is None:
            return self.problem(where, _("there is no library “%(slug)s”") % {"slug": data.library})
        if library is False:
            return self.problem(where, _("you may not add posts to the library “%(slug)s”") % {"slug": data.library})
        try:
            url = normalise_url(data.url or default_url)
        except (ValueError, ValidationError):
            return self.problem(where, _("“%(url)s” is not a web address (http or https)") % {"url": data.url[:200]})
        if len(url) > 1000:
            return self.problem(where, _("the address is longer than 1,000 characters"))
        data.title = data.title[:500]
        self.batch.append(_Candidate(data, library, url, content_hash(data.title, data.text), where))

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        library_ids = {c.library.pk for c in batch}
        urls = {c.url for c in batch if c.url}
        stored_urls = set(
            Post.objects.filter(library_id__in=library_ids, url__in=urls).values_list("library_id", "url")
        )
        stored_hashes = set(
            Post.objects.filter(library_id__in=library_ids, content_hash__in={c.hash for c in batch}).values_list(
                "library_id", "content_hash"
            )
        )
        new = []
        for c in batch:
            url_key, hash_key = (c.library.pk, c.url), (c.library.pk, c.hash)
            if (c.url and (url_key in self.seen_urls or url_key in stored_urls)) or (
                hash_key in self.seen_hashes or hash_key in stored_hashes
            ):
                self.job.duplicates += 1
                continue
            if c.url:
                self.seen_urls.add(url_key)
            self.seen_hashes.add(hash_key)
            new.append(c)
        if new:
            self._create(new)

    def _classify(self, new: list[_Candidate]):
        if self.classifier is None:
            from lantern.insights import classify

            self.classifier = classify.get_classifier()
            self.model_version = classify.model_key()
        return self.classifier.predict([{"title": c.data.title, "text": c.data.text} for c in new])

    def _create(self, new: list[_Candidate]) -> None:
        from lantern.insights.classify import extract_dates

        predictions = self._classify(new)
        posts = []
        for c in new:
            found = extract_dates(c.data.text, c.data.published_on)
            posts.append(
                Post(
                    library=c.library,
                    channel=self.channel if self.channel and self.channel.library_id == c.library.pk else None,
                    job=self.job,
                    url=c.url,
                    title=c.data.title,
                    text=c.data.text,
                    original=c.data.original,
                    content_hash=c.hash,
                    language=detect_language(f"{c.data.title}\n{c.data.text}"),
                    published_on=c.data.published_on,
                    date_source=c.data.date_source if c.data.published_on else Post.DateSource.NONE,
                    captured_at=self.captured_at,
                    closed_on=found.get("closed_on"),
                    reopens_on=found.get("reopens_on"),
                )
            )
        try:
            with transaction.atomic():
                Post.objects.bulk_create(posts)
                self._after_create(posts, predictions)
            self.job.created += len(posts)
        except IntegrityError:
            # Another job stored some of these meanwhile: one by one, the clashing ones are duplicates.
            for post, prediction in zip(posts, predictions, strict=True):
                post.pk = None
                try:
                    with transaction.atomic():
                        post.save()
                        self._after_create([post], [prediction])
                    self.job.created += 1
                except IntegrityError:
                    self.job.duplicates += 1

    def _after_create(self, posts: list[Post], predictions) -> None:
        Suggestion.objects.bulk_create(
            [
                Suggestion(
                    post=post,
                    confidence=dict(prediction.confidence),
                    model_version=self.model_version,
                    **{code: code in prediction.categories or code in prediction.features for code in CODES},
                )
                for post, prediction in zip(posts, predictions, strict=True)
            ]
        )
        records = [
            _machine_record(post, prediction)
            for post, prediction in zip(posts, predictions, strict=True)
            if post.published_on and prediction.categories
        ]
        ServiceRecord.objects.bulk_create(records)


def _machine_record(post: Post, prediction) -> ServiceRecord:
    """The ServiceRecord `record_service(..., source=OUTSIDE, coded_by=MACHINE, source_object=post)` would
    create for a post that has none yet — built here so that a batch is written in one query (record_service
    costs a lookup and an insert per post, most of the time of a 100,000-post ingest)."""
    title = post.title[:300].strip()
    values = service_record_values(
        library=post.library,
        date=post.published_on,
        categories=prediction.categories,
        features=prediction.features,
        title_zh=title if post.language == "zh" else "",
        title_en=title if post.language != "zh" else "",
        link=post.url[:500],
        source=ServiceRecord.Source.OUTSIDE,
        coded_by=CodedBy.MACHINE,
    )
    return ServiceRecord(content_type=_post_type(), object_id=str(post.pk), **values)


def _post_type():
    return ContentType.objects.get_for_model(Post)


def _start(*, library, channel, source, format, by) -> IngestJob:
    if channel is not None and not isinstance(channel, Channel):
        raise TypeError("channel must be a Channel")
    return IngestJob.objects.create(
        library=library, channel=channel, source=str(source)[:1000], format=format, started_by=by
    )


def _finish(job: IngestJob) -> IngestJob:
    job.status = IngestJob.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def _fail(job: IngestJob) -> None:
    job.status = IngestJob.Status.FAILED
    job.problems.append({"position": job.read, "message": _("The ingest stopped because of an internal error.")})
    job.finished_at = timezone.now()
    job.save()


def ingest_content(
    content: bytes,
    *,
    library: Library,
    source: str,
    format: str | None = None,
    channel: Channel | None = None,
    by=None,
    allowed_libraries=None,
    progress: Callable[[int, int], None] | None = None,
    default_url: str = "",
) -> IngestJob:
    """Take in one file (or one fetched body); return its finished IngestJob.

    A file that cannot be read at all raises FileRejected before anything is written. `allowed_libraries`
    (ids), when given, limits which libraries a row may name. `default_url` is the address a fetched
    page came from, used when the page names none.
    """
    reader = reader_for(content, format)
    job = _start(library=library, channel=channel, source=source, format=reader.NAME, by=by)
    total = reader.count(content)
    run = _Run(job, channel=channel, allowed=allowed_libraries, progress=progress, total=total)
    # A fetched page that names no address of its own is known by the address it was fetched from.
    fallback_url = default_url if total == 1 else ""
    try:
        for item in reader.read(content):
            run.take(item, "", fallback_url)
        run.flush()
    except Exception:
        _fail(job)
        raise
    return _finish(job)


def ingest_files(
    files,
    *,
    library: Library,
    source: str,
    format: str | None = None,
    channel: Channel | None = None,
    by=None,
    allowed_libraries=None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestJob:
    """Take in several files (a directory) as one job: `files` is a list of (name, read_bytes callable).

    A file that cannot be read is reported with its name (and counted as rejected); the others come in.
    """
    job = _start(library=library, channel=channel, source=source, format=format or "auto", by=by)
    run = _Run(job, channel=channel, allowed=allowed_libraries, progress=progress, total=len(files))
    try:
        for name, read_bytes in files:
            try:
                content = read_bytes()
                reader = reader_for(content, format)
            except OSError as exc:
                run.problem({"file": name}, _("the file cannot be read: %(reason)s") % {"reason": exc.strerror})
                continue
            except FileRejected as exc:
                run.problem({"file": name}, " ".join(exc.messages))
                continue
            run.total += reader.count(content) - 1
            for item in reader.read(content):
                run.take(item, name)
        run.flush()
    except Exception:
        _fail(job)
        raise
    return _finish(job)
