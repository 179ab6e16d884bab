"""Each library's RSS 2.0 feed of its current notices (published, not expired), pinned first, in the
reader's language: news readers and aggregators follow the library's information page without visiting it."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from lantern.core.permissions import get_library

from .models import Bulletin

FEED_LIMIT = 50


class NoticesFeed(Feed):
    def get_object(self, request, slug):
        return get_library(slug)

    def title(self, library):
        return _("Information notices of %(library)s") % {"library": library.name}

    def link(self, library):
        return reverse("infoservice:hub", args=[library.slug])

    def feed_url(self, library):
        return reverse("infoservice:feed", args=[library.slug])

    def description(self, library):
        return _("Epidemic and health notices that %(library)s collected, with their issuing authority and source.") % {
            "library": library.name
        }

    def items(self, library):
        # Expired notices leave by themselves: `current()` compares with the time of the request.
        return (
            Bulletin.objects.current()
            .filter(library=library)
            .select_related("library")
            .prefetch_related("topics")
            .order_by("-pinned", "-issued_on", "-pk")[:FEED_LIMIT]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.body or ""]
        source = _("Issued by %(authority)s on %(date)s.") % {"authority": item.authority, "date": item.issued_on}
        parts.append(format_html("<p>{}</p>", source))
        return "".join(parts)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return item.get_absolute_url()

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.authority

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
