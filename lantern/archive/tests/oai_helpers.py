"""What the OAI-PMH tests share: the vendored schemas (no test reaches the network), a validator for whole
responses and for the oai_dc records inside them, and a small archive to harvest."""

from pathlib import Path

from django.utils import timezone
from lxml import etree

from lantern.archive.models import Item

from .helpers import accepted_item, submitted_item

SCHEMAS = Path(__file__).parent / "schemas"
LOCAL = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
}
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class LocalSchemas(etree.Resolver):
    """Each schemaLocation the schemas name, answered from tests/schemas/."""

    def resolve(self, url, public_id, context):
        name = LOCAL.get(url) or (Path(url).name if Path(url).name in LOCAL.values() else None)
        if name is None:
            raise AssertionError(f"A schema asked for {url}, which is not vendored.")
        return self.resolve_filename(str(SCHEMAS / name), context)


def _schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


OAI_PMH = _schema("OAI-PMH.xsd")
OAI_DC = _schema("oai_dc.xsd")


def valid(body: bytes) -> etree._Element:
    """The response parsed, after checking it against OAI-PMH.xsd and each oai_dc inside against oai_dc.xsd."""
    root = etree.fromstring(body)
    assert OAI_PMH.validate(root), OAI_PMH.error_log
    for dc in root.iterfind(".//oai_dc:dc", NS):
        assert OAI_DC.validate(etree.ElementTree(dc)), OAI_DC.error_log
    return root


def error_code(root) -> str | None:
    found = root.find("oai:error", NS)
    return found.get("code") if found is not None else None


def withdrawn_item(library, collection=None, **overrides) -> Item:
    item = accepted_item(library, collection, **overrides)
    item.status = Item.Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.save()
    return item


def hidden_item(library, collection=None, **overrides) -> Item:
    item = accepted_item(library, collection, **overrides)
    item.hidden_at = timezone.now()
    item.save()
    return item


def declined_item(library, **overrides) -> Item:
    item = submitted_item(library, **overrides)
    item.status = Item.Status.DECLINED
    item.decline_reason = "Not about the epidemic."
    item.save()
    return item


def never_public_items(library, collection) -> dict[str, Item]:
    """One item in each state that must never be harvested, in any form."""
    preserve_only = accepted_item(library, collection, licence="preserve_only", title="只保存的日记")
    withdrawn_preserve_only = withdrawn_item(library, collection, licence="preserve_only", title="撤回的只保存")
    return {
        "preserve_only": preserve_only,
        "withdrawn_preserve_only": withdrawn_preserve_only,
        "declined": declined_item(library, title="被拒绝的投稿"),
        "unreviewed": submitted_item(library, title="等待审核的投稿"),
    }
