"""People and shifts built for the volunteers tests: `make_volunteer` (approved by default) and `make_shift`
(tomorrow, two hours, five places by default)."""

import datetime

from django.utils import timezone

from lantern.conftest import make_user
from lantern.outreach.services import shifts as shift_services
from lantern.outreach.services import volunteers as services

APPLICATION = {
    "skills": "Reading aloud, shelving",
    "languages": "Mandarin, English",
    "signs": False,
    "availability": "Weekends",
    "consent": True,
}


def make_volunteer(library, user=None, *, approve=True, name="Vera", username=None, **values):
    user = user or make_user(username or f"{name.lower()}@example.org", name)
    volunteer = services.apply(library, user, {**APPLICATION, **values})
    if approve:
        services.approve(volunteer)
    return volunteer


def make_shift(library, *, hours_from_now=24, length=2, capacity=5, **extra):
    starts = timezone.now() + datetime.timedelta(hours=hours_from_now)
    values = {
        "title_zh_hans": extra.pop("title_zh_hans", "方舱阅读站值班"),
        "title_en": extra.pop("title_en", "Reading station duty"),
        "description_zh_hans": "",
        "description_en": "",
        "place": extra.pop("place", "Shelter hall 3"),
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=length),
        "capacity": capacity,
    }
    values.update(extra)
    return shift_services.save_shift(library, values)
