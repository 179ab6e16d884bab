"""The sample questions: in the demo network's joint queue, answered (one rated, one published to Wuhan's
knowledge base with its reader's details masked), an open one and an overdue one, canned answers at Wuhan and
Hangzhou, in both languages; loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.core.models import Notice
from lantern.infoservice import demo_ask
from lantern.infoservice.models import CannedAnswer, KnowledgeEntry, Question
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_questions_load_once_and_show_what_a_visitor_and_staff_would_see(client):
    core = core_demo.load()
    libraries = core["libraries"]
    # 2 canned answers + 4 questions + 2 answers + 1 knowledge-base entry
    assert demo_ask.load(libraries, timezone.now()) == 9
    assert demo_ask.load(libraries, timezone.now()) == 0
    assert Question.objects.filter(network=core["network"]).count() == 4
    assert CannedAnswer.objects.count() == 2
    assert {q.language for q in Question.objects.all()} == {"zh-hans", "en"}
    rated = Question.objects.get(rating=5)
    assert rated.library.slug == "wuhan" and rated.answered_by_library.slug == "hangzhou"
    assert not Notice.objects.filter(emailed=True).exists()

    entry = KnowledgeEntry.objects.get()
    assert entry.is_demo and entry.library.slug == "wuhan"
    assert "Emma" not in entry.question and "138 0013 8000" not in entry.question
    assert ServiceRecord.objects.filter(object_id=str(entry.pk), information=True).exists()
    public = client.get(reverse("infoservice:knowledge_base", args=["wuhan"])).text
    assert "health rumour" in public and "emma.brown" not in public

    staff = get_user_model().objects.get(username="staff.hangzhou@example.org")
    client.force_login(staff, backend="lantern.core.auth.EmailOrPhoneBackend")
    queue = client.get(reverse("joint_queue:queue", args=["demo-network"]), {"show": "overdue"}).text
    assert "老年人如何预约进馆？" in queue and "Overdue" in queue
    open_ones = client.get(reverse("joint_queue:queue", args=["demo-network"])).text
    assert "Where can I find the latest reopening rules?" in open_ones
