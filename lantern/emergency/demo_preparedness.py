"""Sample preparedness data for `lantern demo`: an epidemic-closure plan with its checklist and one drill,
a week of cleaning entries, supplies (one of them low), quarantine rules and trainings that leave gaps in
the competency matrix, for the demo libraries that have staff (Wuhan and Hangzhou).

Safe to run again: each piece is matched by its library and name, and only what is missing is created.
"""

import datetime

from lantern.core.models import Library

from .models import ChecklistTick, CleaningLogEntry, Plan, PlanActivation, QuarantineRule, Supply, Training
from .services import preparedness as services

PLAN_ZH = "疫情闭馆应急预案"
PLAN_EN = "Epidemic closure plan"
VERSION = {
    "risks": "病毒经飞沫和接触传播；读者和馆员聚集；归还图书可能带毒。\n"
    "The virus spreads by droplets and contact; crowds of readers and staff; returned books may carry it.",
    "contacts": "馆长 王 → 各部门主任 → 全体馆员（电话树）；区疾控中心 12320。\n"
    "Director Wang → heads of department → all staff (phone tree); district CDC 12320.",
    "roles": "馆长：决定闭馆与恢复；办公室：发布公告；技术部：线上服务；流通部：还书隔离。\n"
    "Director: decides closing and reopening; office: notices; IT: online services; lending: quarantine.",
    "procedures": "1. 接到通知两小时内闭馆；2. 发布公告；3. 延长借期；4. 开通线上服务；5. 每日消毒。\n"
    "1. Close within two hours of the order; 2. post the notice; 3. extend loans; 4. open online services; "
    "5. disinfect daily.",
    "substitutions": "到馆借阅 → 快递到家；讲座 → 线上直播；咨询台 → 在线咨询。\n"
    "Borrowing on site → home delivery; talks → live online; enquiry desk → ask a librarian online.",
}
STEPS = [
    ("发布闭馆公告（网站、微信）", "Post the closure notice (website, WeChat)", "manager"),
    ("延长所有借期并免除逾期费", "Extend all loans and waive fines", "staff"),
    ("开通电子资源免费访问", "Open e-resources free of charge", "staff"),
    ("设置还书隔离区并贴标识", "Set up the returns quarantine area with signs", "staff"),
    ("向全体馆员发送电话树通知", "Call round the staff phone tree", "manager"),
]
AREAS = [("借阅大厅", "含氯消毒液 500 mg/L"), ("还书处", "75% 酒精"), ("电梯与扶手", "含氯消毒液 500 mg/L")]
SUPPLIES = [("口罩 Masks", "个 pcs", 40, 100), ("免洗洗手液 Hand sanitiser", "瓶 bottles", 36, 10)]
TRAININGS = [
    # zh title, en title, days ago, hours, competencies, attendee roles
    ("疫情期间的线上参考咨询", "Online reference during the epidemic", 40, "3", ["information_service"], ["staff"]),
    (
        "数字资源平台与直播工具",
        "E-resource platforms and live-stream tools",
        30,
        "4",
        ["information_technology", "information_service"],
        ["staff", "manager"],
    ),
    (
        "还书隔离与馆藏管理",
        "Quarantine of returns and collection care",
        20,
        "2",
        ["resource_organisation"],
        ["manager"],
    ),
]


def _people(library: Library) -> dict:
    staff = {}
    for role in library.roles.select_related("user").filter(kind__in=["staff", "manager"]):
        staff.setdefault(role.kind, role.user)
    return staff


def _plan(library: Library, people: dict, now) -> int:
    created = 0
    plan = Plan.objects.filter(library=library, title_zh_hans=PLAN_ZH).first()
    if plan is None:
        plan = services.create_plan(
            library, title_zh=PLAN_ZH, title_en=PLAN_EN, scenario=Plan.Scenario.EPIDEMIC_CLOSURE
        )
        created += 1
    if not plan.versions.exists():
        services.write_version(plan, by=people.get("manager"), what_changed="初版 First version", **VERSION)
        created += 1
    if not plan.checklist.exists():
        for zh, en, owner in STEPS:
            services.add_checklist_item(plan, text_zh=zh, text_en=en, owner=people.get(owner) or people.get("staff"))
            created += 1
    if not plan.activations.filter(is_drill=True).exists():
        drill = PlanActivation.objects.create(
            plan=plan,
            is_drill=True,
            notes="演练顺利；电话树用时 25 分钟。 Drill went well; the phone tree took 25 minutes.",
        )
        started = now - datetime.timedelta(days=15)
        PlanActivation.objects.filter(pk=drill.pk).update(
            started_at=started, finished_at=started + datetime.timedelta(hours=2)
        )
        for item in plan.checklist.all()[:4]:
            ChecklistTick.objects.create(activation=drill, item=item, done_by=item.owner)
        created += 1
    return created


def _prevention(library: Library, people: dict, now) -> int:
    created = 0
    if not library.cleaning_log.exists():
        for days in range(5):
            for hour, (area, method) in zip((9, 13, 17), AREAS, strict=True):
                day = (now - datetime.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
                if day > now:
                    continue
                CleaningLogEntry.objects.create(
                    library=library, area=area, done_at=day, method=method, done_by=people.get("staff")
                )
                created += 1
    for name, unit, stock, low_at in SUPPLIES:
        _supply, new = Supply.objects.get_or_create(
            library=library, name=name, defaults={"unit": unit, "stock": stock, "low_at": low_at}
        )
        created += new
    if not library.quarantine_rules.exists():
        QuarantineRule.objects.create(library=library, material=QuarantineRule.Material.PAPER, hours=72)
        QuarantineRule.objects.create(library=library, material=QuarantineRule.Material.PLASTIC, hours=120)
        created += 2
    return created


def _trainings(library: Library, people: dict, now) -> int:
    created = 0
    for zh, en, days, hours, competencies, roles in TRAININGS:
        attendees = [people[role] for role in roles if role in people]
        if not attendees or Training.objects.filter(library=library, title_zh_hans=zh).exists():
            continue
        services.record_training(
            library,
            title_zh=zh,
            title_en=en,
            date=(now - datetime.timedelta(days=days)).date(),
            trainer="省图书馆学会 Provincial Library Society",
            hours=hours,
            competencies=competencies,
            attendees=attendees,
        )
        created += 1
    return created


def load(libraries: dict[str, Library], now) -> int:
    """Create what is missing for the demo libraries that have staff; return how many things were created."""
    created = 0
    for slug in ("wuhan", "hangzhou"):
        library = libraries.get(slug)
        if library is None:
            continue
        people = _people(library)
        if not people:
            continue
        created += _plan(library, people, now) + _prevention(library, people, now) + _trainings(library, people, now)
    return created
