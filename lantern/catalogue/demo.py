"""Sample catalogue for `lantern demo`: 500 generated records per demo library (about 3,000 in all), with
copies in mixed statuses and e-resource access, some of it free during the closure. Safe to run again:
records are matched by control number and only missing ones are created (and indexed)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library

from . import sample, search
from .models import Copy, EResource, Format, Isbn, Record

PER_LIBRARY = 500
ONLINE_FORMATS = {Format.EBOOK, Format.AUDIOBOOK, Format.VIDEO, Format.DATABASE}
PLATFORMS = ["超星电子书 Chaoxing", "知网 CNKI", "云图有声 Yuntu Audio", "OverDrive", "喜马拉雅 Ximalaya"]
STATUSES = [Copy.Status.AVAILABLE] * 5 + [
    Copy.Status.ON_LOAN,
    Copy.Status.ON_LOAN,
    Copy.Status.REQUESTED,
    Copy.Status.IN_TRANSIT,
    Copy.Status.IN_QUARANTINE,
    Copy.Status.LOST,
]
NOTES = [
    ("闭馆期间免费开放", "Free during the closure"),
    ("需要读者证登录", "Library card needed"),
    ("馆外访问需经图书馆网站登录", "Sign in through the library's website from home"),
]
LOCATIONS = ["一楼 中文图书借阅区", "二楼 少儿阅览室", "三楼 外文图书区", "总馆 保存本库"]


def _records_for(library: Library, seed: int, rng: random.Random) -> list[int]:
    rows = list(sample.generate(PER_LIBRARY, seed=seed))
    existing = set(library.records.values_list("control_number", flat=True))
    rows = [row for row in rows if row["control_number"] not in existing]
    if not rows:
        return []
    fields = ("title", "authors", "language", "publisher", "subjects", "classification", "summary", "format", "year")
    records = Record.objects.bulk_create(
        [
            Record(
                library=library,
                control_number=row["control_number"],
                source_format="demo",
                **{name: row[name] for name in fields},
            )
            for row in rows
        ]
    )
    Isbn.objects.bulk_create(
        [Isbn(record=record, value=value) for record, row in zip(records, rows, strict=True) for value in row["isbns"]]
    )
    today = timezone.localdate()
    copies, access = [], []
    for record in records:
        if record.format in ONLINE_FORMATS:
            note_zh, note_en = rng.choice(NOTES)
            free = note_en == "Free during the closure"
            access.append(
                EResource(
                    record=record,
                    library=library,
                    platform=rng.choice(PLATFORMS),
                    url=f"https://ebooks.example.org/{library.slug}/{record.control_number}",
                    access_note=note_zh,
                    access_note_zh_hans=note_zh,
                    access_note_en=note_en,
                    starts_on=today - datetime.timedelta(days=30) if free else None,
                    # Some free access has ended already: those records are not "available now".
                    ends_on=today + datetime.timedelta(days=rng.choice((-5, 60, 90))) if free else None,
                )
            )
        else:
            for number in range(rng.randint(1, 3)):
                copies.append(
                    Copy(
                        record=record,
                        library=library,
                        barcode=f"{record.control_number}-{number + 1}",
                        location=rng.choice(LOCATIONS),
                        shelf_mark=record.classification,
                        status=rng.choice(STATUSES),
                    )
                )
    Copy.objects.bulk_create(copies)
    EResource.objects.bulk_create(access)
    return [record.pk for record in records]


def load(libraries: dict[str, Library]) -> int:
    """Create the missing sample records of each demo library and index them; return how many were created."""
    created = []
    with transaction.atomic():
        for position, (slug, library) in enumerate(sorted(libraries.items())):
            rng = random.Random(f"demo-copies-{slug}")
            created += _records_for(library, seed=2020 + position, rng=rng)
        search.index_records(created)
    return len(created)
