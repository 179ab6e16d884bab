"""The information hub for readers: a library's information page (pinned notices first, then the current
ones, by topic), one notice's page, and the RSS feed. Expired notices leave the page and the feed by
themselves; a notice's own page still answers after it expires (links to it were shared), saying so."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lantern.core.permissions import get_library

from ..feeds import NoticesFeed
from ..models import Bulletin, Publishable, Topic

feed = NoticesFeed()


def hub(request, slug):
    library = get_library(slug)
    request.library = library
    topics = Topic.objects.filter(library=library)
    chosen = None
    notices = Bulletin.objects.current().filter(library=library).prefetch_related("topics")
    wanted = request.GET.get("topic", "")
    if wanted:
        chosen = topics.filter(slug=wanted).first()
        if chosen is None:
            raise Http404
        notices = notices.filter(topics=chosen)
    notices = list(notices.order_by("-pinned", "-issued_on", "-pk"))
    return render(
        request,
        "infoservice/hub/hub.html",
        {
            "library": library,
            "topics": topics,
            "chosen": chosen,
            "pinned": [n for n in notices if n.pinned],
            "notices": [n for n in notices if not n.pinned],
        },
    )


def bulletin(request, slug, pk):
    library = get_library(slug)
    request.library = library
    found = (
        Bulletin.objects.filter(library=library, pk=pk, status=Publishable.PUBLISHED).prefetch_related("topics").first()
    )
    if found is None:
        raise Http404
    expired = found.expires_at is not None and found.expires_at <= timezone.now()
    return render(request, "infoservice/hub/bulletin.html", {"library": library, "bulletin": found, "expired": expired})
