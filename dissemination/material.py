"""A project's public material: what the results page may count, link and quote, and how
its rows are linked.

What counts as public is decided by the visibility rule (``core.visibility``, asked through each
model's ``.visible_to``) for an anonymous visitor, and
narrowed further to pages that visitor can actually open: live, without a Wagtail view
restriction, in a live portfolio. A practice log counts only where its portfolio is public too.
The compile (``dissemination.compile``), what is withdrawn since (``dissemination.withdrawn``) and
the HTML bundle (``dissemination.outputs``) all ask it here.
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page

from core.languages import in_language

# How many linked items each list on the page shows; counts always cover everything.
ITEMS_PER_LIST = 10


def page_url(url_path):
    """The address of a page from its ``url_path`` alone, without loading the page."""
    return Page(url_path=url_path).get_url()


class PublicMaterial:
    """The querysets of a project's public material, each built once from the visibility rule.

    Each portfolio, entry and idea counts once, in ``locale`` (the results page's language)
    where it has been translated and in its own language where not (``core.languages``); the
    practice log belongs to a portfolio in all its languages.
    """

    def __init__(self, hub, locale=None):
        from ideas.models import IdeaPage
        from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry

        anonymous = AnonymousUser()
        locale = locale or hub.locale_id
        self.hub = hub
        self.portfolios = in_language(
            PortfolioPage.objects.live().public().of_project(hub).visible_to(anonymous), locale
        )
        self.entries = in_language(
            EntryPage.objects.live()
            .public()
            .of_project(hub)
            .filter(portfolio__live=True)
            .visible_to(anonymous),
            locale,
        )
        self.practice = (
            PracticeLogEntry.objects.filter(
                portfolio__translation_key__in=self.portfolios.values("translation_key")
            )
            .of_project(hub)
            .visible_to(anonymous)
        )
        self.ideas = in_language(
            IdeaPage.objects.live().public().of_project(hub).visible_to(anonymous), locale
        )

    def entries_of(self, model):
        return model.objects.filter(pk__in=self.entries.values("pk"))


def entry_links(queryset):
    return [
        {
            "id": row["pk"],
            "title": row["title"],
            "url": page_url(row["url_path"]),
            "date": row["date"],
            "type": row["content_type__model"],
        }
        for row in queryset.order_by("-date", "-pk").values(
            "pk", "title", "url_path", "date", "content_type__model"
        )[:ITEMS_PER_LIST]
    ]


def idea_links(queryset):
    return [
        {
            "id": row["pk"],
            "title": row["title"],
            "url": page_url(row["url_path"]),
            "status": row["status"],
        }
        for row in queryset.order_by("-first_published_at", "-pk").values(
            "pk", "title", "url_path", "status"
        )[:ITEMS_PER_LIST]
    ]


def ids_by(pairs):
    """``(group, id)`` rows as each group's sorted, distinct ids."""
    grouped = {}
    for group, pk in pairs.order_by():
        grouped.setdefault(group, set()).add(pk)
    return {group: sorted(ids) for group, ids in grouped.items()}
