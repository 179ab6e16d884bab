"""The one function every app calls when it publishes an activity: `record_service`; `service_record_values`
checks and builds what a record holds, for callers that write many at once (ingest)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from lantern.core.models import Library

from .models import CodedBy, ServiceRecord
from .taxonomy import Category, Feature


def check_codes(categories, features) -> None:
    unknown = [c for c in categories if c not in Category.values] + [f for f in features if f not in Feature.values]
    if unknown:
        raise ValidationError(_("Unknown taxonomy codes: %(codes)s") % {"codes": ", ".join(map(str, unknown))})
    if not categories:
        raise ValidationError(_("A service record needs at least one category."))


def service_record_values(
    *, library, date, categories, features=(), title_zh="", title_en="", link="", source, coded_by
) -> dict:
    """The fields of one ServiceRecord, checked (known codes, at least one category, a title)."""
    categories, features = list(categories), list(features)
    check_codes(categories, features)
    if not (title_zh.strip() or title_en.strip()):
        raise ValidationError(_("A service record needs a title."))
    return {
        "library": library,
        "date": date,
        "title_zh_hans": title_zh.strip() or None,
        "title_en": title_en.strip() or None,
        "link": link,
        "source": source,
        "coded_by": coded_by,
        **{code: code in categories for code in Category.values},
        **{code: code in features for code in Feature.values},
    }


def record_service(
    *,
    library: Library,
    date: datetime.date,
    categories,
    features=(),
    title_zh: str = "",
    title_en: str = "",
    source_object: models.Model | None = None,
    link: str = "",
    source: str = ServiceRecord.Source.APP,
    coded_by: str = CodedBy.APP,
) -> ServiceRecord:
    """Record (or update) the ServiceRecord of one activity, titled in Chinese, English or both.

    Guarantees one record per source object: publishing the same event twice updates its record.
    """
    values = service_record_values(
        library=library,
        date=date,
        categories=categories,
        features=features,
        title_zh=title_zh,
        title_en=title_en,
        link=link,
        source=source,
        coded_by=coded_by,
    )
    with transaction.atomic():
        if source_object is None:
            return ServiceRecord.objects.create(**values)
        record, _created = ServiceRecord.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(source_object),
            object_id=str(source_object.pk),
            defaults=values,
        )
    return record


def withdraw_service(source_object: models.Model) -> int:
    """Remove the record of an activity that was unpublished; returns how many were removed."""
    deleted, _rows = ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(source_object), object_id=str(source_object.pk)
    ).delete()
    return deleted
