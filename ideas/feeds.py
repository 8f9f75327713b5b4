"""The Atom feed of public ideas at /ideas/feed/.

A feed is read by aggregators and cached anywhere, so it always shows what an anonymous visitor
may see, whoever asks for it.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ideas.listing import visible_ideas
from ideas.routes import answers

FEED_LENGTH = 50


class PlainTextSummaryAtomFeed(Atom1Feed):
    """Atom with each summary declared as text.

    Django's Atom feed declares summaries ``type="html"``, so a reader would render markup that a
    user typed into an idea's summary (``<img onerror=…>``); ours are plain text and say so.
    """

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class IdeaFeed(Feed):
    feed_type = PlainTextSummaryAtomFeed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("New ideas: %(title)s") % {"title": self.index.title}

    def subtitle(self):
        return _("Proposals for new mobility and cooperation projects in vocational education.")

    def link(self):
        return self.index.get_url(self.request)

    def items(self):
        return (
            visible_ideas(AnonymousUser())
            .select_related("owner")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, idea):
        return idea.title

    def item_description(self, idea):
        return idea.summary

    def item_link(self, idea):
        return idea.get_url(self.request)

    def item_pubdate(self, idea):
        return idea.first_published_at

    def item_updateddate(self, idea):
        return idea.last_published_at or idea.first_published_at

    def item_author_name(self, idea):
        if idea.owner is None:
            return None
        return idea.owner.get_full_name() or idea.owner.get_username()

    def item_categories(self, idea):
        return [idea.get_status_display(), idea.get_programme_display()]


@answers("feed")
def idea_feed(request, index):
    return IdeaFeed(index)(request)
