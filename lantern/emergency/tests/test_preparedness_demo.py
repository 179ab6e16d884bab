"""The preparedness demo: a plan with a checklist and a drill, logs, a low supply and trainings that leave
gaps, for the demo staff; loading it twice creates nothing more."""

import pytest
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.emergency import demo_preparedness
from lantern.emergency.models import CleaningLogEntry, Plan, PlanActivation, Supply, Training
from lantern.emergency.services import preparedness as services

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_leaves_gaps_to_show():
    libraries = core_demo.load()["libraries"]
    now = timezone.now()
    created = demo_preparedness.load(libraries, now)
    assert created > 0
    wuhan = libraries["wuhan"]
    plan = Plan.objects.get(library=wuhan)
    assert plan.versions.count() == 1 and plan.checklist.count() == 5
    assert all(item.owner for item in plan.checklist.all())
    assert PlanActivation.objects.filter(plan=plan, is_drill=True, finished_at__isnull=False).count() == 1
    assert CleaningLogEntry.objects.filter(library=wuhan).exists()
    assert [s.name for s in Supply.objects.filter(library=wuhan) if s.is_low] == ["口罩 Masks"]
    assert services.quarantine_hours(wuhan, "plastic") == 120
    assert Training.objects.filter(library=wuhan).count() == 3
    gaps = sum(row["gaps"] for row in services.competency_matrix(wuhan))
    assert 0 < gaps < 8
    assert Plan.objects.filter(library=libraries["hangzhou"]).exists()

    assert demo_preparedness.load(libraries, timezone.now()) == 0
    assert Training.objects.count() == 3 + Training.objects.filter(library=libraries["hangzhou"]).count()
    assert Plan.objects.count() == 2
