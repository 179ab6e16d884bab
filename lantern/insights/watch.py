"""Libraries and channels a researcher watches, and studies: a sample of libraries over a time window.

A watched library is a core `Library` with `observed_only=True`: it does not run Lantern, it is only read.
It gets a slug like any library (from its English name, else the pinyin of its Chinese name), but it never
appears among the libraries readers choose from (core lists `Library.objects.serving()`).

A study's window for one library (`study_window`):
- it always starts on the study's `starts_on`;
- with a fixed end (`until_reopening` off), it ends on `ends_on`;
- "until each library reopens": it ends on that library's reopening, taken
  1. from its status history (core `ServiceModeChange`): the first return to a visitable mode (open or by
     appointment, emergency's `VISITABLE_MODES`) after a closure that is in force on the start date or
     begins after it — the same rule as the network's reopening chart (`emergency.status.closure_dates`),
     so an open → by-appointment change is not mistaken for a reopening;
  2. else from its announcements: the latest `Post.reopens_on` on or after the start (a reopening that was
     postponed is announced again, so the latest date is the one that held);
  3. else the window is open-ended (end None): the library has not reopened, as far as Lantern knows.
  If the study also has `ends_on`, it caps the window: no library's window ends after it.
"""

import dataclasses
import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from lantern.core.errors import Refused
from lantern.core.models import RESERVED_SLUGS, Library
from lantern.core.permissions import is_researcher
from lantern.core.services import record_audit
from lantern.core.status_history import closure_dates, history_of

from .models import Channel, Post, Study

# Path segments taken by site-wide pages that core's RESERVED_SLUGS does not list (yet).
TAKEN_SLUGS = RESERVED_SLUGS | {"observatory"}
SLUG_MAX = 50
URL_CHECK = URLValidator(schemes=["http", "https"])


# --- watched libraries ---------------------------------------------------------------------------
def slug_base(name_zh: str, name_en: str) -> str:
    """An ASCII slug from the English name, else from the pinyin of the Chinese name ("library" at worst)."""
    base = slugify(name_en or "")
    if not base and name_zh:
        # lazy_pinyin gives one toneless syllable per character and passes other text through.
        base = slugify("".join(lazy_pinyin(name_zh)))
    base = base[: SLUG_MAX - 4].strip("-")
    return base or "library"


def unique_slug(name_zh: str, name_en: str) -> str:
    """A slug no library has and the site does not use for itself: the base, then base-2, base-3, ..."""
    base = slug_base(name_zh, name_en)
    taken = set(Library.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | TAKEN_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_library_fields(*, name_zh, name_en, province, city, level, website, exclude_pk=None) -> dict:
    """The cleaned fields of a watched library, or ValidationError by field (nothing written)."""
    values = {
        "name_zh": (name_zh or "").strip(),
        "name_en": (name_en or "").strip(),
        "province": (province or "").strip(),
        "city": (city or "").strip(),
        "level": level or Library.Level.MUNICIPAL,
        "website": (website or "").strip(),
    }
    errors: dict[str, list] = {}
    if not (values["name_zh"] or values["name_en"]):
        errors["name_zh"] = [_("Give the library's name in Chinese, in English or both.")]
    for field, limit in (("name_zh", 200), ("name_en", 200), ("province", 100), ("city", 100)):
        if len(values[field]) > limit:
            errors[field] = [_("At most %(limit)d characters.") % {"limit": limit}]
    if values["level"] not in Library.Level.values:
        errors["level"] = [_("Choose the library's level from the list.")]
    if values["website"]:
        try:
            URL_CHECK(values["website"])
        except ValidationError:
            errors["website"] = [_("Enter the full address of the website, starting with http:// or https://.")]
    if not errors:
        same_name = Q()
        if values["name_zh"]:
            same_name |= Q(name_zh_hans__iexact=values["name_zh"])
        if values["name_en"]:
            same_name |= Q(name_en__iexact=values["name_en"])
        twin = Library.objects.filter(same_name, city__iexact=values["city"]).exclude(pk=exclude_pk).first()
        if twin is not None:
            raise Refused(
                _("“%(name)s” in %(city)s is already registered, at /%(slug)s/. Use that one.")
                % {"name": twin.name, "city": twin.city or _("(no city)"), "slug": twin.slug},
                "library_exists",
                409,
            )
    if errors:
        raise ValidationError(errors)
    return values


def watch_library(*, name_zh="", name_en="", province="", city="", level="", website="", by) -> Library:
    """Register a library that does not run Lantern. Guarantees a unique, non-reserved slug and no second
    library of the same name in the same city (Refused with reason "library_exists")."""
    values = _check_library_fields(
        name_zh=name_zh, name_en=name_en, province=province, city=city, level=level, website=website
    )
    slug = unique_slug(values["name_zh"], values["name_en"])
    try:
        with transaction.atomic():
            library = Library.objects.create(
                slug=slug,
                name_zh_hans=values["name_zh"] or None,
                name_en=values["name_en"] or None,
                province=values["province"],
                city=values["city"],
                level=values["level"],
                website=values["website"],
                observed_only=True,
            )
            record_audit(by, "watch.library_added", library, library=library, summary=library.name)
    except IntegrityError as exc:  # another researcher took the same slug a moment ago
        raise Refused(_("Someone registered a library at the same moment; please try again."), "slug_taken") from exc
    return library


def update_watched_library(
    library: Library, *, name_zh="", name_en="", province="", city="", level="", website="", by
) -> Library:
    """Change a watched library's details; its slug stays, so addresses already shared keep working.
    Libraries that run Lantern are changed by their own staff, never here."""
    if not library.observed_only:
        raise Refused(_("This library runs Lantern: its own staff keep its details."), "not_watched", 403)
    values = _check_library_fields(
        name_zh=name_zh,
        name_en=name_en,
        province=province,
        city=city,
        level=level,
        website=website,
        exclude_pk=library.pk,
    )
    library.name_zh_hans = values["name_zh"] or None
    library.name_en = values["name_en"] or None
    for field in ("province", "city", "level", "website"):
        setattr(library, field, values[field])
    with transaction.atomic():
        library.save(update_fields=["name_zh_hans", "name_en", "province", "city", "level", "website"])
        record_audit(by, "watch.library_changed", library, library=library, summary=library.name)
    return library


# --- channels ------------------------------------------------------------------------------------
def _check_url(value: str) -> bool:
    try:
        URL_CHECK(value)
    except ValidationError:
        return False
    return True


def check_channel(library: Library, kind: str, name: str, url: str, page_urls: str, account: str) -> dict:
    """The cleaned fields of a channel, or ValidationError by field. Each kind needs what it is read from."""
    name, url, account = (name or "").strip(), (url or "").strip(), (account or "").strip()
    errors: dict[str, list] = {}
    if kind not in Channel.Kind.values:
        raise ValidationError({"kind": [_("Choose the kind of channel from the list.")]})
    if len(name) > 200:
        errors["name"] = [_("At most %(limit)d characters.") % {"limit": 200}]
    if url and not _check_url(url):
        errors["url"] = [_("Enter a full address starting with http:// or https://.")]
    pages: list[str] = []
    if kind == Channel.Kind.PAGES:
        bad = []
        for number, line in enumerate((page_urls or "").splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            if _check_url(line):
                if line not in pages:
                    pages.append(line)
            else:
                bad.append(str(number))
        if bad:
            errors["page_urls"] = [
                _("Line %(lines)s is not a full http:// or https:// address.") % {"lines": ", ".join(bad)}
            ]
        elif not pages:
            errors["page_urls"] = [_("Give at least one page address, one per line.")]
    elif kind == Channel.Kind.FEED and not url and "url" not in errors:
        errors["url"] = [_("A feed needs its address (the RSS or Atom link).")]
    elif kind == Channel.Kind.WECHAT and not account:
        errors["account"] = [_("Give the WeChat account's name or ID.")]
    elif kind == Channel.Kind.OTHER and not (url or account):
        errors["url"] = [_("Say where to find it: an address or an account name.")]
    if len(account) > 200:
        errors["account"] = [_("At most %(limit)d characters.") % {"limit": 200}]
    if errors:
        raise ValidationError(errors)
    values = {
        "kind": kind,
        "name": name or str(Channel.Kind(kind).label),
        "url": url,
        "page_urls": "\n".join(pages),
        "account": account if kind in (Channel.Kind.WECHAT, Channel.Kind.OTHER) else "",
    }
    same = Channel.objects.filter(library=library, kind=kind)
    duplicate = (
        (kind == Channel.Kind.FEED and same.filter(url=url).exists())
        or (kind == Channel.Kind.WECHAT and same.filter(account__iexact=account).exists())
        or (kind == Channel.Kind.PAGES and same.filter(page_urls=values["page_urls"]).exists())
    )
    if duplicate:
        raise Refused(_("This channel is already registered for the library."), "channel_exists", 409)
    return values


def add_channel(library: Library, kind: str, name="", url="", page_urls="", account="", *, by) -> Channel:
    """Register where `library` publishes. A feed needs its address, pages at least one valid address per
    line, a WeChat account its name or ID; the same feed or account is not registered twice."""
    values = check_channel(library, kind, name, url, page_urls, account)
    with transaction.atomic():
        channel = Channel.objects.create(library=library, **values)
        record_audit(by, "watch.channel_added", channel, library=library, summary=f"{channel.kind}: {channel.name}")
    return channel


def remove_channel(channel: Channel, *, by) -> None:
    """Forget a channel. Its posts stay (their channel becomes empty): what was read remains evidence."""
    with transaction.atomic():
        record_audit(
            by, "watch.channel_removed", channel, library=channel.library, summary=f"{channel.kind}: {channel.name}"
        )
        channel.delete()


# --- studies -------------------------------------------------------------------------------------
def _check_study(*, title, starts_on, ends_on, until_reopening, double_coding_percent, libraries, coders) -> dict:
    errors: dict[str, list] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the study a title.")]
    elif len(title) > 300:
        errors["title"] = [_("At most %(limit)d characters.") % {"limit": 300}]
    if not isinstance(starts_on, datetime.date):
        errors["starts_on"] = [_("Give the date the study starts from.")]
    if ends_on is None and not until_reopening:
        errors["ends_on"] = [_("Give an end date, or choose “until each library reopens”.")]
    elif ends_on is not None and isinstance(starts_on, datetime.date) and ends_on < starts_on:
        errors["ends_on"] = [_("The end date cannot be before the start date.")]
    try:
        percent = int(double_coding_percent)
    except (TypeError, ValueError):
        percent = -1
    if not 0 <= percent <= 100:
        errors["double_coding_percent"] = [_("Give a share between 0 and 100 per cent.")]
    libraries = list(libraries or [])
    if not libraries:
        errors["libraries"] = [_("Choose at least one library for the sample.")]
    coders = list(coders or [])
    outsiders = [str(coder) for coder in coders if not is_researcher(coder)]
    if outsiders:
        errors["coders"] = [
            _("Only researchers can code; not: %(names)s.") % {"names": ", ".join(outsiders)},
        ]
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "until_reopening": bool(until_reopening),
        "double_coding_percent": percent,
        "libraries": libraries,
        "coders": coders,
    }


def can_edit_study(user, study: Study) -> bool:
    return user.is_superuser or study.owner_id == user.pk


def create_study(
    *,
    title,
    description="",
    owner,
    starts_on,
    ends_on=None,
    until_reopening=False,
    double_coding_percent=20,
    libraries=(),
    coders=(),
) -> Study:
    """Start a study. Its window has a fixed end or runs until each library reopens (or both: the end date
    then caps it); the sample has at least one library; every coder is a researcher."""
    if not is_researcher(owner):
        raise Refused(_("Only researchers can run studies."), "not_researcher", 403)
    values = _check_study(
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        until_reopening=until_reopening,
        double_coding_percent=double_coding_percent,
        libraries=libraries,
        coders=coders,
    )
    libraries, coders = values.pop("libraries"), values.pop("coders")
    with transaction.atomic():
        study = Study.objects.create(owner=owner, description=(description or "").strip(), **values)
        study.libraries.set(libraries)
        study.coders.set(coders)
        record_audit(owner, "study.created", study, summary=study.title)
    return study


def update_study(
    study: Study,
    *,
    title,
    description="",
    starts_on,
    ends_on=None,
    until_reopening=False,
    double_coding_percent=20,
    libraries=(),
    coders=(),
    by,
) -> Study:
    """Change a study (its owner only); the same checks as `create_study`."""
    if not can_edit_study(by, study):
        raise Refused(_("Only the study's owner can change it."), "not_owner", 403)
    values = _check_study(
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        until_reopening=until_reopening,
        double_coding_percent=double_coding_percent,
        libraries=libraries,
        coders=coders,
    )
    libraries, coders = values.pop("libraries"), values.pop("coders")
    for field, value in values.items():
        setattr(study, field, value)
    study.description = (description or "").strip()
    with transaction.atomic():
        study.save()
        study.libraries.set(libraries)
        study.coders.set(coders)
        record_audit(by, "study.changed", study, summary=study.title)
    return study


def add_libraries(study: Study, libraries, *, by) -> int:
    """Add libraries (watched or Lantern's own) to the sample; returns how many were new to it."""
    if not can_edit_study(by, study):
        raise Refused(_("Only the study's owner can change it."), "not_owner", 403)
    libraries = list(libraries)
    present = set(study.libraries.values_list("pk", flat=True))
    new = [library for library in libraries if library.pk not in present]
    if new:
        with transaction.atomic():
            study.libraries.add(*new)
            record_audit(by, "study.libraries_added", study, summary=", ".join(library.slug for library in new)[:500])
    return len(new)


# --- windows -------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date | None
    # Where the end comes from: "fixed", "status" (status history), "posts" (an announcement), "open".
    source: str

    def contains(self, day: datetime.date) -> bool:
        return day >= self.start and (self.end is None or day <= self.end)


def _reopening_from_status(library: Library, start: datetime.date) -> datetime.date | None:
    tz = timezone.get_current_timezone()
    start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    end_at = datetime.datetime(datetime.MAXYEAR, 1, 1, tzinfo=datetime.UTC)
    _closed_on, reopened_on = closure_dates(history_of(library), start_at, end_at)
    return reopened_on


def _window(study: Study, library: Library, reopens_from_posts: datetime.date | None) -> Window:
    start = study.starts_on
    if not study.until_reopening:
        return Window(start, study.ends_on, "fixed")
    end, source = _reopening_from_status(library, start), "status"
    if end is None and reopens_from_posts is not None:
        end, source = reopens_from_posts, "posts"
    if end is None:
        end, source = None, "open"
    if study.ends_on is not None and (end is None or end > study.ends_on):
        end, source = study.ends_on, "fixed"
    return Window(start, end, source)


def window_of(study: Study, library: Library) -> Window:
    """`library`'s window in `study`, with where its end comes from (see the module's docstring)."""
    latest = None
    if study.until_reopening:
        latest = Post.objects.filter(library=library, reopens_on__gte=study.starts_on).aggregate(
            latest=Max("reopens_on")
        )["latest"]
    return _window(study, library, latest)


def study_window(study: Study, library: Library) -> tuple[datetime.date, datetime.date | None]:
    """(start, end) of `library`'s window in `study`; end None means open-ended (not reopened yet)."""
    window = window_of(study, library)
    return window.start, window.end


def study_windows(study: Study, libraries=None) -> dict[int, Window]:
    """Every sampled library's window, by library id, in a few queries (for the study page and reports)."""
    libraries = list(libraries if libraries is not None else study.libraries.prefetch_related("mode_changes"))
    latest: dict[int, datetime.date] = {}
    if study.until_reopening:
        rows = (
            Post.objects.filter(library__in=libraries, reopens_on__gte=study.starts_on)
            .values("library")
            .annotate(latest=Max("reopens_on"))
        )
        latest = {row["library"]: row["latest"] for row in rows}
    return {library.pk: _window(study, library, latest.get(library.pk)) for library in libraries}


def posts_in_window(window: Window, library: Library):
    """The library's dated posts published within the window (undated posts cannot be placed in it)."""
    posts = Post.objects.filter(library=library, published_on__gte=window.start)
    if window.end is not None:
        posts = posts.filter(published_on__lte=window.end)
    return posts


# Letters, digits and CJK: what a search term keeps (a stray % or _ would otherwise widen a LIKE).
SEARCH_CLEAN = re.compile(r"[^\w\s-]", re.UNICODE)


def search_libraries(queryset, text: str):
    """Libraries whose name (either language), city, province or slug contains each word of `text`."""
    for word in SEARCH_CLEAN.sub(" ", text or "").split()[:5]:
        queryset = queryset.filter(
            Q(name_zh_hans__icontains=word)
            | Q(name_en__icontains=word)
            | Q(city__icontains=word)
            | Q(province__icontains=word)
            | Q(slug__icontains=word)
        )
    return queryset
