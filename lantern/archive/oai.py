"""The OAI-PMH 2.0 data provider at /oai (oai_dc; sets for libraries and their published collections), so
that national and union catalogues can harvest the archive.

Built on the `oaipmh` package's server: it dispatches the six verbs, checks their arguments, parses
datestamps, writes the envelope, headers and Identify, and encodes resumption tokens. `_TreeServer` and
`_Server` fill what it leaves out: the request's arguments echoed on errors other than badVerb/badArgument,
setDescription in ListSets, completeListSize and cursor on resumption tokens (and the empty token that ends a
list), an oai_dc writer whose schemaLocation names the oai_dc namespace (the package's names the dc one), and
refusing repeated arguments, the package's unofficial GetMetadata verb and tokens it cannot decode.

What appears: only `services.common.public_items`, as records. An item that was public and is no longer
(withdrawn, or hidden while a takedown is looked at) appears as a deleted header; a preserve-only item, or an
item never accepted, never appears in any form. Records are listed in a stable order (by their row), so a
harvest through resumption tokens neither skips nor repeats an item that changes meanwhile.
"""

import datetime
import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from lxml import etree
from oaipmh import common, error
from oaipmh.datestamp import datetime_to_datestamp
from oaipmh.server import (
    NS_OAIPMH,
    NS_XSI,
    NSMAP,
    BatchingServer,
    XMLTreeServer,
    decodeResumptionToken,
    nsoai,
)

from .models import Collection, Item
from .services.common import public_items

# Records (or sets) per response; tests lower it to see resumption tokens at work.
BATCH_SIZE = 100
METADATA_PREFIX = "oai_dc"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS_DC = "http://purl.org/dc/elements/1.1/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NS_OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
VERBS = {"Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords"}
DC_ELEMENTS = [
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
]
# The protocol's forms of arguments (OAI-PMH.xsd and the oai-identifier scheme).
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$")
PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
REPOSITORY_ID = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")
# An error that names a bad verb or bad arguments echoes none of them (OAI-PMH 2.0, section 3.6).
NO_ECHO = {"badVerb", "badArgument"}


# --- Dublin Core ----------------------------------------------------------------------------------
def both_languages(obj, field: str) -> tuple[str, str]:
    """A translated field's Chinese and English values, each falling back on the other."""
    zh = getattr(obj, f"{field}_zh_hans", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    return zh or en or getattr(obj, field, ""), en or zh or getattr(obj, field, "")


def dublin_core(item: Item, *, url: str = "", identifiers: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The item's description as the fifteen Dublin Core elements (each a list, empty ones left out).

    The creator is the item's creator field, which contributors and staff fill for public display; the
    contributor's own name only where they allowed it to be shown. Contact details never appear.
    """
    values = {
        "title": [item.title],
        "creator": [item.creator],
        "subject": item.subjects,
        "description": [item.description],
        "publisher": [both_languages(item.library, "name")[0]],
        "contributor": [item.credited_name] if item.credited_name != item.creator else [],
        "date": [item.date],
        "type": [item.dc_type],
        "format": [part.strip() for part in item.dc_format.split(";")],
        "identifier": [url, *identifiers],
        "language": [item.language],
        "coverage": [item.coverage],
        "rights": [item.rights],
    }
    return {name: [v for v in values.get(name, []) if v] for name in DC_ELEMENTS if any(values.get(name, []))}


def _clean(text: str) -> str:
    # XML 1.0 cannot carry most control characters; contributors' text sometimes has them.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def oai_dc_element(parent, values: dict[str, list[str]]):
    """An oai_dc:dc element (under `parent`, or standalone when parent is None) valid under oai_dc.xsd."""
    nsmap = {"oai_dc": NS_OAI_DC, "dc": NS_DC, "xsi": NS_XSI}
    tag = f"{{{NS_OAI_DC}}}dc"
    dc = etree.Element(tag, nsmap=nsmap) if parent is None else etree.SubElement(parent, tag, nsmap=nsmap)
    dc.set(f"{{{NS_XSI}}}schemaLocation", f"{NS_OAI_DC} {OAI_DC_SCHEMA}")
    for name in DC_ELEMENTS:
        for value in values.get(name, []):
            etree.SubElement(dc, f"{{{NS_DC}}}{name}").text = _clean(str(value))
    return dc


def _oai_dc_writer(element, metadata: common.Metadata) -> None:
    oai_dc_element(element, metadata.getMap())


# --- what is harvested ----------------------------------------------------------------------------
def oai_identifier(item: Item) -> str:
    return f"oai:{settings.LANTERN_OAI_REPOSITORY_ID}:{item.reference}"


def harvestable_items() -> QuerySet[Item]:
    """Public items, and items that were public and are no longer (to be shown as deleted). Never a
    preserve-only item, nor one that was never accepted."""
    public = public_items().filter(pk=OuterRef("pk"))
    gone = (Q(status=Item.Status.WITHDRAWN) | Q(status=Item.Status.ACCEPTED, hidden_at__isnull=False)) & Q(
        accepted_at__isnull=False
    )
    published = Collection.objects.filter(status=Collection.Status.PUBLISHED).select_related("library")
    return (
        Item.objects.annotate(is_public_now=Exists(public))
        .filter(Q(is_public_now=True) | gone)
        .exclude(licence=Item.Licence.PRESERVE_ONLY)
        .select_related("library")
        .prefetch_related(Prefetch("collections", queryset=published, to_attr="published_collections"))
        .order_by("pk")
    )


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value.replace(tzinfo=datetime.UTC)


def _naive_utc(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value, datetime.UTC).replace(tzinfo=None, microsecond=0)


class Repository:
    """The archive as the `oaipmh` package's IBatchingOAI interface sees it (one instance per request)."""

    def __init__(self, request):
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("oai:endpoint"))

    # -- Identify, formats, sets --
    def identify(self) -> common.Identify:
        first = harvestable_items().order_by("updated_at").values_list("updated_at", flat=True).first()
        with translation.override(settings.LANGUAGE_CODE):
            name = str(settings.LANTERN_SITE_NAME)
        identify = common.Identify(
            repositoryName=name,
            baseURL=self.base_url,
            protocolVersion="2.0",
            adminEmails=[settings.LANTERN_OAI_ADMIN_EMAIL],
            earliestDatestamp=_naive_utc(first or timezone.now()),
            deletedRecord="transient",
            granularity="YYYY-MM-DDThh:mm:ssZ",
            compression=["identity"],
            toolkit_description=False,
        )
        repository_id = settings.LANTERN_OAI_REPOSITORY_ID
        if REPOSITORY_ID.match(repository_id):
            identify.add_description(
                f'<oai-identifier xmlns="{NS_OAI_IDENTIFIER}" xmlns:xsi="{NS_XSI}" xsi:schemaLocation='
                f'"{NS_OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
                f"<scheme>oai</scheme><repositoryIdentifier>{repository_id}</repositoryIdentifier>"
                f"<delimiter>:</delimiter><sampleIdentifier>oai:{repository_id}:A-2345-6789</sampleIdentifier>"
                "</oai-identifier>"
            )
        return identify

    def listMetadataFormats(self, identifier=None):
        if identifier is not None:
            self._item(identifier)
        return [(METADATA_PREFIX, OAI_DC_SCHEMA, NS_OAI_DC)]

    def all_sets(self) -> list[tuple[str, str, dict]]:
        sets = []
        collections = (
            Collection.objects.filter(status=Collection.Status.PUBLISHED).select_related("library").order_by("pk")
        )
        by_library: dict[int, list[Collection]] = {}
        for collection in collections:
            by_library.setdefault(collection.library_id, []).append(collection)
        libraries = {c.library_id: c.library for c in collections}
        for library in _libraries_with_items(libraries):
            zh, en = both_languages(library, "name")
            sets.append((library.slug, zh, {"title": [en]}))
            for collection in by_library.get(library.pk, []):
                title_zh, title_en = both_languages(collection, "title")
                _, description_en = both_languages(collection, "description")
                sets.append(
                    (
                        f"{library.slug}:{collection.slug}",
                        title_zh,
                        {"title": [title_en], "description": [description_en]},
                    )
                )
        return sets

    def listSets(self, cursor=0, batch_size=BATCH_SIZE, **extra):
        if extra:
            raise error.BadResumptionTokenError("The resumption token is not one this repository issued.")
        sets = self.all_sets()
        if not sets:
            # ListSets cannot answer an empty list (the schema wants one set at least) and noRecordsMatch is not
            # among its errors: an archive with nothing public yet has, for now, no set hierarchy.
            raise error.NoSetHierarchyError("This repository has no sets yet: nothing has been published.")
        found = sets[int(cursor) : int(cursor) + int(batch_size)]
        if not found:
            raise error.BadResumptionTokenError("The resumption token points past the end of the list.")
        return found

    # -- records --
    def _item(self, identifier: str) -> Item:
        prefix = f"oai:{settings.LANTERN_OAI_REPOSITORY_ID}:"
        reference = identifier[len(prefix) :] if identifier.startswith(prefix) else None
        item = harvestable_items().filter(reference=reference).first() if reference else None
        if item is None:
            raise error.IdDoesNotExistError(f"No record has the identifier {identifier}.")
        return item

    def _check_prefix(self, metadataPrefix) -> None:
        if metadataPrefix is None:
            raise error.BadResumptionTokenError("The resumption token is not one this repository issued.")
        if metadataPrefix != METADATA_PREFIX:
            raise error.CannotDisseminateFormatError(f"This repository only disseminates {METADATA_PREFIX}.")

    def selection(self, metadataPrefix=None, set=None, from_=None, until=None, **extra):
        """The items a list request asks for (before batching)."""
        if extra:
            raise error.BadResumptionTokenError("The resumption token is not one this repository issued.")
        self._check_prefix(metadataPrefix)
        if from_ is not None and until is not None and from_ > until:
            raise error.BadArgumentError("The from argument is later than the until argument.")
        items = harvestable_items()
        if from_ is not None:
            items = items.filter(updated_at__gte=_aware(from_))
        if until is not None:
            # Datestamps are to the second; an item changed at 12:00:00.5 has the datestamp 12:00:00.
            items = items.filter(updated_at__lt=_aware(until) + datetime.timedelta(seconds=1))
        if set is not None:
            library_slug, _, collection_slug = set.partition(":")
            items = items.filter(library__slug=library_slug)
            if collection_slug:
                items = items.filter(
                    collections__slug=collection_slug,
                    collections__library__slug=library_slug,
                    collections__status=Collection.Status.PUBLISHED,
                )
        return items

    def _batch(self, cursor, batch_size, **kw) -> list[Item]:
        selection = self.selection(**kw)
        # A token's cursor past the end is refused before it reaches the database as an offset it may not hold.
        if int(cursor) and int(cursor) >= selection.count():
            raise error.BadResumptionTokenError("The resumption token points past the end of the list.")
        found = list(selection[int(cursor) : int(cursor) + int(batch_size)])
        if not found:
            if int(cursor):
                raise error.BadResumptionTokenError("The resumption token points past the end of the list.")
            raise error.NoRecordsMatchError("No records match the request.")
        return found

    def header(self, item: Item) -> common.Header:
        sets = [item.library.slug]
        sets += [f"{item.library.slug}:{c.slug}" for c in item.published_collections]
        return common.Header(None, oai_identifier(item), _naive_utc(item.updated_at), sets, not item.is_public_now)

    def metadata(self, item: Item) -> common.Metadata | None:
        if not item.is_public_now:
            return None
        url = self.request.build_absolute_uri(item.get_absolute_url())
        return common.Metadata(None, dublin_core(item, url=url))

    def getRecord(self, metadataPrefix, identifier):
        item = self._item(identifier)
        self._check_prefix(metadataPrefix)
        return self.header(item), self.metadata(item), None

    def listIdentifiers(self, cursor=0, batch_size=BATCH_SIZE, **kw):
        return [self.header(item) for item in self._batch(cursor, batch_size, **kw)]

    def listRecords(self, cursor=0, batch_size=BATCH_SIZE, **kw):
        return [(self.header(item), self.metadata(item), None) for item in self._batch(cursor, batch_size, **kw)]

    def complete_size(self, verb: str, kw: dict) -> int:
        if verb == "ListSets":
            return len(self.all_sets())
        return self.selection(**kw).count()


def _libraries_with_items(known: dict):
    """Libraries that have (or had) a harvestable item or a published collection: each is a set."""
    from lantern.core.models import Library

    ids = set(harvestable_items().order_by().values_list("library_id", flat=True).distinct()) | set(known)
    return Library.objects.filter(pk__in=ids).order_by("slug")


# --- the package's server, completed --------------------------------------------------------------
class _TreeServer(XMLTreeServer):
    def __init__(self, server, registry, repository: Repository, arguments: dict):
        super().__init__(server, registry)
        self._repository = repository
        self._arguments = arguments

    def _outputBasicEnvelope(self, **kw):
        # As the package's, but echoing the arguments as the harvester sent them (the package would write a
        # day-granularity `until` as 23:59:59Z) and without asking Identify for the base URL on every response.
        e_oaipmh = etree.Element(nsoai("OAI-PMH"), nsmap=NSMAP)
        e_oaipmh.set(f"{{{NS_XSI}}}schemaLocation", f"{NS_OAIPMH} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        etree.SubElement(e_oaipmh, nsoai("responseDate")).text = datetime_to_datestamp(_naive_utc(timezone.now()))
        e_request = etree.SubElement(e_oaipmh, nsoai("request"))
        e_request.text = self._repository.base_url
        for key, value in self._arguments.items():
            # Only what the schema lets a request attribute hold (an identifier is a URI: no spaces).
            if key != "identifier" or not re.search(r"\s", value):
                e_request.set(key, _clean(value))
        return etree.ElementTree(e_oaipmh), e_oaipmh

    def listSets(self, **kw):
        envelope, e_list = self._outputEnvelope(verb="ListSets", **kw)

        def output(element, sets, token_kw):
            for spec, name, description in sets:
                e_set = etree.SubElement(e_list, nsoai("set"))
                etree.SubElement(e_set, nsoai("setSpec")).text = spec
                etree.SubElement(e_set, nsoai("setName")).text = _clean(name or spec)
                if any(any(values) for values in description.values()):
                    e_description = etree.SubElement(e_set, nsoai("setDescription"))
                    oai_dc_element(e_description, {k: [v for v in vs if v] for k, vs in description.items()})

        self._outputResuming(e_list, self._server.listSets, output, kw)
        return envelope

    def _outputResuming(self, element, input_func, output_func, kw):
        super()._outputResuming(element, input_func, output_func, kw)
        token = element.find(nsoai("resumptionToken"))
        if token is None and "resumptionToken" not in kw:
            return  # the whole list in one response: no token at all
        if token is None:
            # The last part of a list: an empty token says the list is complete.
            token = etree.SubElement(element, nsoai("resumptionToken"))
        if "resumptionToken" in kw:
            original, cursor = decodeResumptionToken(kw["resumptionToken"])
        else:
            original, cursor = kw, 0
        verb = element.tag.rpartition("}")[2]
        original = {k: v for k, v in original.items() if k not in ("cursor", "batch_size")}
        token.set("completeListSize", str(self._repository.complete_size(verb, original)))
        token.set("cursor", str(cursor))


class _Server(BatchingServer):
    def __init__(self, repository: Repository, arguments: dict):
        registry = _registry()
        super().__init__(repository, registry, resumption_batch_size=BATCH_SIZE)
        self._tree_server = _TreeServer(self._tree_server._server, registry, repository, arguments)
        self._arguments = arguments

    def handleException(self, kw, exc_info):
        exception = exc_info[1]
        if not isinstance(exception, error.ErrorBase):
            raise exception
        code = exception.oainame()
        if code in NO_ECHO:
            self._tree_server._arguments = {}
        tree = self._tree_server._outputErrors([(code, _clean(str(exception)))])
        return etree.tostring(tree.getroot(), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _registry():
    from oaipmh.metadata import MetadataRegistry

    registry = MetadataRegistry()
    registry.registerWriter(METADATA_PREFIX, _oai_dc_writer)
    return registry


def _check_arguments(arguments: dict) -> None:
    """What the package does not check: forms of values, unofficial verbs, tokens it cannot decode."""
    verb = arguments.get("verb")
    if verb is not None and verb not in VERBS:
        raise error.BadVerbError(f"Illegal verb: {verb}")
    for key in ("from", "until"):
        if key in arguments and not DATESTAMP.match(arguments[key]):
            raise error.BadArgumentError(
                f"The {key} argument must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)."
            )
    if "metadataPrefix" in arguments and not PREFIX.match(arguments["metadataPrefix"]):
        raise error.BadArgumentError("The metadataPrefix argument has characters no prefix can have.")
    if "set" in arguments and not SET_SPEC.match(arguments["set"]):
        raise error.BadArgumentError("The set argument is not a setSpec.")
    if "resumptionToken" in arguments and len(arguments) == 2:
        try:
            _, cursor = decodeResumptionToken(arguments["resumptionToken"])
        except Exception:  # the package raises several kinds (and a DatestampError) on a mangled token
            raise error.BadResumptionTokenError("The resumption token is not one this repository issued.") from None
        if cursor < 0:
            raise error.BadResumptionTokenError("The resumption token is not one this repository issued.")


@csrf_exempt
def endpoint(request):
    """OAI-PMH 2.0 over GET or POST (application/x-www-form-urlencoded); errors are HTTP 200 with the
    protocol's error element, as the protocol requires."""
    if request.method not in ("GET", "POST", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    query = request.POST if request.method == "POST" else request.GET
    repository = Repository(request)
    arguments = {key: values[-1] for key, values in query.lists()}
    server = _Server(repository, arguments)
    repeated = [key for key, values in query.lists() if len(values) > 1]
    try:
        if "verb" in repeated:
            raise error.BadVerbError("The verb argument is repeated.")
        if repeated:
            raise error.BadArgumentError(f"Repeated argument: {', '.join(repeated)}.")
        _check_arguments(arguments)
    except error.ErrorBase as exception:
        body = server.handleException(arguments, (type(exception), exception, None))
    else:
        body = server.handleRequest(dict(arguments))
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
