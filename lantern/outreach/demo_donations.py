"""Sample donations at the Wuhan demo library, in Chinese and English: gifts of books from a publisher, of
money from a member of the public who agreed to be named, and of supplies from a donor who did not; and
donations given to the shelter hospital partner (passing on books of the publisher's gift) and to a
community. Everything goes through the services (numbers and ServiceRecords are real); running it again
creates nothing."""

import datetime
import decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library, Partner
from lantern.core.services import normalize_identifier

from .models import IncomingDonation, OutgoingDonation
from .services import donations as services

SLUG = "wuhan"
STAFF = "staff.wuhan@example.org"
PUBLISHER = "长江少年儿童出版社（示例） Changjiang Children's Press (sample)"
HOSPITAL_PARTNER = "方舱医院阅读角（示例）"
COMMUNITY = "民族街社区（示例） Minzu Street Community (sample)"

# donor name, kind of donor, may be named, what, description, quantity, amount, days ago, email
GIFTS = [
    (PUBLISHER, "company", True, "books", "儿童绘本与科普读物 / Picture books and popular science for children",
     300, None, 40, "gifts@press.example.org"),
    ("陈静 Chen Jing", "person", True, "money", "支持方舱医院阅读角 / For the shelter hospital reading corner",
     None, decimal.Decimal("2000.00"), 35, "chen.jing@example.org"),
    ("周先生 Mr Zhou", "person", False, "supplies", "口罩与消毒液 / Masks and disinfectant",
     500, None, 30, ""),
]  # fmt: skip


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample gifts and donations; return how many objects were made."""
    library = libraries.get(SLUG)
    if library is None:
        return 0
    today = timezone.localdate(now or timezone.now())
    staff = get_user_model().objects.filter(username=normalize_identifier(STAFF)[1]).first()
    made = 0
    with transaction.atomic():
        for donor, donor_kind, may_name, kind, description, quantity, amount, days, email in GIFTS:
            if IncomingDonation.objects.filter(library=library, is_demo=True, donor_name=donor).exists():
                continue
            values = {
                "kind": kind,
                "donor_name": donor,
                "donor_kind": donor_kind,
                "donor_email": email,
                "donor_phone": "",
                "may_name": may_name,
                "description": description,
                "quantity": quantity,
                "amount": amount,
                "currency": "CNY" if amount else "",
                "received_on": today - datetime.timedelta(days=days),
            }
            services.save_gift(library, values, by=staff, is_demo=True)
            made += 1
        made += _donations(library, today, staff)
    return made


def _donations(library: Library, today: datetime.date, staff) -> int:
    made = 0
    books = IncomingDonation.objects.filter(library=library, is_demo=True, donor_name=PUBLISHER).first()
    hospital = Partner.objects.filter(name_zh_hans=HOSPITAL_PARTNER, libraries=library).first()
    plans = [
        (
            {
                "recipient": "方舱医院阅读角（示例） Shelter Hospital Reading Corner (sample)",
                "recipient_kind": OutgoingDonation.RecipientKind.HOSPITAL,
                "recipient_partner": hospital,
                "station": None,
                "given_on": today - datetime.timedelta(days=20),
                "note": "供患者与医护人员阅读 / For patients and medical staff to read",
            },
            [
                {"description": "儿童绘本 / Picture books", "quantity": 120, "from_incoming": books},
                {"description": "文学与心理读物 / Novels and books on mental health", "quantity": 80},
            ],
        ),
        (
            {
                "recipient": COMMUNITY,
                "recipient_kind": OutgoingDonation.RecipientKind.COMMUNITY,
                "recipient_partner": None,
                "station": None,
                "given_on": today - datetime.timedelta(days=10),
                "note": "社区居家隔离家庭 / For families isolating at home",
            },
            [
                {"description": "科普读物 / Popular science", "quantity": 60, "from_incoming": books},
                {"description": "防疫知识手册 / Epidemic prevention leaflets", "quantity": 200},
            ],
        ),
    ]
    for values, lines in plans:
        demo = OutgoingDonation.objects.filter(library=library, is_demo=True)
        if demo.filter(recipient_kind=values["recipient_kind"]).exists():
            continue
        if books is None:
            lines = [{**line, "from_incoming": None} for line in lines]
        donation = services.record_donation(library, values, lines, by=staff, is_demo=True)
        made += 1 + donation.lines.count()
    return made
