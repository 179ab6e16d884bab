"""Sample volunteers at the Wuhan demo library, in Chinese and English: six accounts (volunteer1@example.org ...
with the demo password), one of them a librarian who volunteers and one who uses sign language, one still
waiting for approval; past shifts with check-ins and a no-show, upcoming shifts (one full), and hours both
approved and waiting. Everything goes through the services (ServiceRecords are real); running it again
creates nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lantern.core.demo import DEMO_PASSWORD
from lantern.core.models import Library, Role
from lantern.core.services import grant_role, issue_card, notices_kept_not_sent

from .models import Shift, ShiftSignup, Volunteer
from .services import shifts as shift_services
from .services import volunteers as services

SLUG = "wuhan"
# email, name, skills, languages, signs, availability, approved
PEOPLE = [
    (
        "volunteer1@example.org",
        "孙馆员 Librarian Sun",
        "馆员：阅读指导、图书消毒 / Librarian: reading guidance, disinfecting books",
        "普通话、英语 / Mandarin, English",
        False,
        "周末 / Weekends",
        True,
    ),
    (
        "volunteer2@example.org",
        "张静 Zhang Jing",
        "手语翻译、录制微课 / Sign-language interpreting, recording short lessons",
        "普通话、中国手语 / Mandarin, Chinese Sign Language",
        True,
        "工作日晚上 / Weekday evenings",
        True,
    ),
    (
        "volunteer3@example.org",
        "王强 Wang Qiang",
        "驾驶、搬运图书 / Driving, carrying boxes of books",
        "普通话、武汉话 / Mandarin, Wuhan dialect",
        False,
        "随时 / Any time",
        True,
    ),
    (
        "volunteer4@example.org",
        "陈晨 Chen Chen",
        "给孩子讲故事 / Reading aloud to children",
        "普通话 / Mandarin",
        False,
        "周六上午 / Saturday mornings",
        True,
    ),
    (
        "volunteer5@example.org",
        "刘洋 Liu Yang",
        "电话陪伴老人 / Phone calls with elderly readers",
        "普通话、英语 / Mandarin, English",
        False,
        "工作日下午 / Weekday afternoons",
        True,
    ),
    (
        "volunteer6@example.org",
        "赵蕾 Zhao Lei",
        "图书整理、海报设计 / Sorting books, designing posters",
        "普通话 / Mandarin",
        False,
        "周日 / Sundays",
        False,
    ),
]
# zh title, en title, zh description, en description, place, days from now, hour, hours long, places,
# who signs up (numbers of PEOPLE, from 1), who did not come
SHIFTS = [
    (
        "方舱医院阅读站整理图书",
        "Sorting books at the shelter-hospital reading station",
        "整理、消毒并上架捐赠图书，登记借阅。",
        "Sort, disinfect and shelve donated books; record what is borrowed.",
        "武汉客厅方舱医院 / Wuhan Living Room shelter hospital",
        -7,
        9,
        3,
        4,
        [1, 2, 3],
        [],
    ),
    (
        "录制防疫手语微课",
        "Recording sign-language micro-lessons on epidemic prevention",
        "为听障读者录制洗手、戴口罩等防疫知识手语短视频。",
        "Short sign-language videos for deaf readers: washing hands, wearing masks.",
        "图书馆多媒体室 / Library media room",
        -3,
        14,
        2,
        2,
        [2, 4],
        [4],
    ),
    (
        "为隔离酒店送书（已满）",
        "Delivering books to quarantine hotels (full)",
        "把消毒后的图书送到隔离酒店前台，每人一个区。",
        "Take disinfected books to the front desks of quarantine hotels; one district each.",
        "图书馆后门装卸区 / Library back-door loading bay",
        2,
        9,
        4,
        2,
        [3, 5],
        [],
    ),
    (
        "电话读书陪伴：为独居老人读报",
        "Reading by phone: newspapers for elderly readers living alone",
        "按名单给老人打电话，读报、聊天、登记需要的书。",
        "Call elderly readers on the list, read them the news, note the books they want.",
        "线上（电话） / By phone",
        4,
        15,
        2,
        6,
        [1],
        [],
    ),
]
# person, days ago, hours, what was done, approved
LOGGED = [
    (1, 5, 2, "线上咨询值班 / Online reference desk", True),
    (5, 2, 1.5, "整理老人读者电话名单 / Prepared the phone list of elderly readers", True),
    (4, 1, 3, "为孩子录制绘本朗读 / Recorded picture-book readings for children", False),
]


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample volunteers, shifts, sign-ups and hours; return how many objects were made."""
    library = libraries.get(SLUG)
    if library is None or Volunteer.objects.filter(library=library, is_demo=True).exists():
        return 0
    now = now or timezone.now()
    made = 0
    with transaction.atomic(), notices_kept_not_sent():
        volunteers = []
        for email, name, skills, languages, signs, availability, approved in PEOPLE:
            user = _account(email, name, library)
            values = {
                "skills": skills,
                "languages": languages,
                "signs": signs,
                "availability": availability,
                "consent": True,
            }
            volunteer = services.apply(library, user, values)
            Volunteer.objects.filter(pk=volunteer.pk).update(is_demo=True)
            if approved:
                services.approve(volunteer)
            volunteers.append(volunteer)
            made += 1
        if not Role.objects.filter(user=volunteers[0].user, kind=Role.Kind.STAFF, library=library).exists():
            grant_role(volunteers[0].user, Role.Kind.STAFF, library=library)  # the librarian who volunteers
        for row in SHIFTS:
            made += _shift(library, row, volunteers, now)
        for person, days_ago, hours, what, approved in LOGGED:
            values = {
                "worked_on": timezone.localdate(now) - datetime.timedelta(days=days_ago),
                "hours": hours,
                "description": what,
            }
            entry = shift_services.log_hours(library, volunteers[person - 1].user, values)
            if approved:
                shift_services.approve_hours(entry)
            made += 1
    return made


def _account(email: str, name: str, library: Library):
    users = get_user_model().objects
    user = users.filter(username=email).first()
    if user is None:
        user = users.model(username=email, email=email, name=name)
        user.set_password(DEMO_PASSWORD)
        user.save()
        issue_card(user, library)
    return user


def _shift(library: Library, row, volunteers, now: datetime.datetime) -> int:
    zh, en, about_zh, about_en, place, days, hour, length, places, signed, absent = row
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    values = {
        "title_zh_hans": zh,
        "title_en": en,
        "description_zh_hans": about_zh,
        "description_en": about_en,
        "place": place,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=length),
        "capacity": places,
    }
    shift = shift_services.save_shift(library, values)
    Shift.objects.filter(pk=shift.pk).update(is_demo=True)
    made = 1
    for number in signed:
        user = volunteers[number - 1].user
        if starts > now:
            shift_services.sign_up(shift, user)
            made += 1
            continue
        # A past shift: signed up while it was upcoming, then held.
        Shift.objects.filter(pk=shift.pk, taken__lt=F("capacity")).update(taken=F("taken") + 1)
        signup = ShiftSignup.objects.create(shift=shift, volunteer=volunteers[number - 1])
        if number in absent:
            shift_services.mark_no_show(signup)
        else:
            shift_services.check_in(signup)
        made += 2
    return made
