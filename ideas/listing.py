"""The one place that builds the list of ideas someone is looking at.

``IdeaFilters`` reads the shareable query string (``?q=&tag=&status=&programme=&project=&author=
&year=&sort=&page=``) and keeps every value it could not use as a notice for the user, so bad input
gives a clear message and no results instead of an error. ``filtered_ideas`` turns the filters into
one queryset on top of ``core.visibility.visible_to``; the page of results, the facet counts and
the exports all start from it, so none of them can show an idea the others would hide.

The cost does not grow with the number of ideas: the page of results is one query (tags
prefetched in one more), and all facets but tags come from one grouped query, whose sum is also
the result count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from taggit.models import Tag

from core.languages import in_language
from ideas.models import FundingProgramme, IdeaPage, IdeaStatus, IdeaSupport, IdeaTag

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TAGS = 10
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "supported": ("-support_count", "-first_published_at", "-pk"),
    "budget": (F("budget").desc(nulls_last=True), "-pk"),
}
DEFAULT_SORT = "newest"
NO_MATCH = Q(pk__in=[])


@dataclass
class IdeaFilters:
    q: str = ""
    tags: list[str] = field(default_factory=list)
    status: str = ""
    programme: str = ""
    project: str = ""
    author: str = ""
    year: int | None = None
    sort: str = DEFAULT_SORT
    page: str = "1"
    notices: list[str] = field(default_factory=list)
    # Set when a filter value is unknown: the listing then shows nothing but the notice.
    impossible: bool = False

    @classmethod
    def from_query(cls, params, tag: str | None = None) -> IdeaFilters:
        filters = cls()
        q = " ".join(params.get("q", "").split())
        if len(q) > MAX_QUERY_LENGTH:
            filters.notices.append(
                _("The search text was shortened to its first %(limit)d characters.")
                % {"limit": MAX_QUERY_LENGTH}
            )
            q = q[:MAX_QUERY_LENGTH]
        filters.q = q

        tags = [value.strip() for value in params.getlist("tag") if value.strip()]
        if tag:
            tags.insert(0, tag)
        filters.tags = list(dict.fromkeys(tags))[:MAX_TAGS]

        status = params.get("status", "").strip()
        if status and status not in IdeaStatus.values:
            filters.refuse(_("“%(value)s” is not a status of ideas.") % {"value": status})
        filters.status = status

        programme = params.get("programme", "").strip()
        if programme and programme not in FundingProgramme.values:
            filters.refuse(_("“%(value)s” is not a funding programme.") % {"value": programme})
        filters.programme = programme

        filters.project = params.get("project", "").strip()[:255]
        filters.author = params.get("author", "").strip()[:150]

        year = params.get("year", "").strip()
        if year:
            if year.isascii() and year.isdigit() and 1900 <= int(year) <= 2200:
                filters.year = int(year)
            else:
                filters.refuse(_("“%(value)s” is not a year.") % {"value": year[:20]})

        sort = params.get("sort", "").strip() or DEFAULT_SORT
        if sort not in SORTS:
            filters.notices.append(
                _("Ideas cannot be sorted by “%(value)s”; they are shown newest first.")
                % {"value": sort[:50]}
            )
            sort = DEFAULT_SORT
        filters.sort = sort
        filters.page = params.get("page", "1")
        return filters

    def refuse(self, notice: str):
        self.notices.append(notice)
        self.impossible = True

    def is_filtered(self) -> bool:
        return any(
            (self.q, self.tags, self.status, self.programme, self.project, self.author, self.year)
        )


def search_condition(text: str) -> Q:
    """Ideas whose title, texts or tags contain ``text``.

    PostgreSQL: full-text search on ``search_text`` with the 'simple' configuration (no stemming:
    ideas are written in English and Latvian alike), covered by the GIN index of migration 0002;
    ``websearch_to_tsquery`` takes anything users type, quotes and operators included, without a
    syntax error. Elsewhere: every word must occur, case-insensitively.
    """
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        matches = SearchVector("search_text", config="simple")
        query = SearchQuery(text, config="simple", search_type="websearch")
        return Q(pk__in=IdeaPage.objects.annotate(match=matches).filter(match=query).values("pk"))
    words = re.findall(r"\w+", text)[:MAX_TERMS]
    if not words:
        return Q()
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return condition


def tag_condition(slugs: list[str]) -> Q:
    """Ideas carrying every one of the tags: one subquery per tag, so no idea comes back twice."""
    condition = Q()
    for slug in slugs:
        tagged = IdeaTag.objects.filter(tag__slug=slug).values("content_object_id")
        condition &= Q(pk__in=tagged)
    return condition


def author_condition(username: str) -> Q:
    co_authored = IdeaPage.co_authors.through.objects.filter(user__username=username).values(
        "ideapage_id"
    )
    return Q(owner__username=username) | Q(pk__in=co_authored)


def visible_ideas(user):
    """Every live idea ``user`` may see, before any filter: each once, in the language being
    spoken where it has been translated."""
    return in_language(IdeaPage.objects.live().visible_to(user))


def filtered_ideas(user, filters: IdeaFilters):
    ideas = visible_ideas(user)
    if filters.impossible:
        return ideas.filter(NO_MATCH)
    condition = Q()
    if filters.q:
        condition &= search_condition(filters.q)
    if filters.tags:
        condition &= tag_condition(filters.tags)
    if filters.status:
        condition &= Q(status=filters.status)
    if filters.programme:
        condition &= Q(programme=filters.programme)
    if filters.project:
        condition &= Q(project__slug=filters.project)
    if filters.author:
        condition &= author_condition(filters.author)
    if filters.year:
        condition &= Q(first_published_at__year=filters.year)
    return ideas.filter(condition)


def ordered(ideas, sort: str):
    return ideas.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


@dataclass
class Facets:
    total: int
    status: list[tuple[str, str, int]]
    programme: list[tuple[str, str, int]]
    project: list[tuple[str, str, int]]
    year: list[tuple[int, int]]
    tags: list[tuple[str, str, int]]


def facets(ideas) -> Facets:
    """Counts of the ideas in ``ideas`` by status, programme, project, year and tag."""
    groups = (
        ideas.order_by()
        .annotate(year=ExtractYear("first_published_at"))
        .values_list("status", "programme", "project__slug", "project__title", "year")
        .annotate(n=Count("pk"))
    )
    status, programme, project, year = Counter(), Counter(), Counter(), Counter()
    project_titles = {}
    total = 0
    for row_status, row_programme, slug, title, row_year, n in groups:
        total += n
        status[row_status] += n
        programme[row_programme] += n
        if slug:
            project[slug] += n
            project_titles.setdefault(slug, title)
        if row_year:
            year[row_year] += n
    tag_counts = (
        Tag.objects.filter(ideas_ideatag_items__content_object__in=ideas.order_by().values("pk"))
        .annotate(n=Count("ideas_ideatag_items"))
        .order_by("-n", "name")
        .values_list("slug", "name", "n")[:30]
    )
    return Facets(
        total=total,
        status=[(s.value, s.label, status[s.value]) for s in IdeaStatus if status[s.value]],
        programme=[
            (p.value, p.label, programme[p.value]) for p in FundingProgramme if programme[p.value]
        ],
        project=sorted(
            ((slug, project_titles[slug], n) for slug, n in project.items()),
            key=lambda item: (-item[2], item[1]),
        ),
        year=sorted(year.items(), reverse=True),
        tags=list(tag_counts),
    )


class CountedPaginator(Paginator):
    """A paginator told its count, which the facets have already added up."""

    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def result_page(ideas, filters: IdeaFilters, total: int, user=None) -> PaginatorPage:
    """One page of results, each idea marked ``user_supports`` in the same query."""
    if user is not None and user.is_authenticated:
        ideas = ideas.annotate(
            user_supports=Exists(
                IdeaSupport.objects.filter(
                    idea__translation_key=OuterRef("translation_key"), user=user
                )
            )
        )
    rows = (
        ordered(ideas, filters.sort)
        .select_related("owner", "project")
        .prefetch_related("tags")
        .defer_streamfields()
    )
    paginator = CountedPaginator(rows, PER_PAGE, total)
    return paginator.get_page(filters.page)
