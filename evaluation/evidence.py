"""What serves each objective of a project, counted and linked, as one reader may see it.

Evidence comes from two places. Entries name the objectives they serve (``EntryPage.objectives``).
Other material serves an objective by its nature, which the objective's kind says: the English
practice log serves the English objective, the project's ideas the ideas-database objective, and
institution-visit reports the quality-management and labour-market objectives.

Everything is asked through the one visibility rule (``core.visibility``) for the reader given;
``user=None`` asks as an anonymous visitor, so public surfaces (the hub, the results page, the
API) count public material only. Only published pages count, each once in the hub's language.

The cost is a fixed handful of queries for the whole project, however many objectives, entries
or ideas it has: the objectives, the entries with the objectives they serve, and, only when an
objective of that kind exists, the practice log with its portfolios and the ideas.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.languages import in_language
from core.visibility import rule_for, visible_to
from home.models import ObjectiveKind


class EvidenceSource(models.TextChoices):
    ENTRY = "entry", _("entries")
    INSTITUTION_VISIT = "institution_visit", _("institution visit reports")
    PRACTICE = "practice", _("English practice sessions")
    IDEA = "idea", _("ideas")


def counted(source: str, count: int) -> str:
    """The name of ``count`` pieces of one source, singular or plural as the count needs
    ("1 entry", "2 entries")."""
    forms = {
        EvidenceSource.ENTRY: lambda: ngettext("entry", "entries", count),
        EvidenceSource.INSTITUTION_VISIT: lambda: ngettext(
            "institution visit report", "institution visit reports", count
        ),
        EvidenceSource.PRACTICE: lambda: ngettext(
            "English practice session", "English practice sessions", count
        ),
        EvidenceSource.IDEA: lambda: ngettext("idea", "ideas", count),
    }
    return forms[source]()


# Which material serves an objective of each kind by nature, beside the entries naming it.
SERVES_BY_KIND = {
    ObjectiveKind.ENGLISH: EvidenceSource.PRACTICE,
    ObjectiveKind.IDEAS_DATABASE: EvidenceSource.IDEA,
    ObjectiveKind.QUALITY_MANAGEMENT: EvidenceSource.INSTITUTION_VISIT,
    ObjectiveKind.LABOUR_MARKET: EvidenceSource.INSTITUTION_VISIT,
}


@dataclass(frozen=True)
class EvidenceLink:
    """One piece of evidence: a page (an entry, an idea, or the portfolio whose practice log it
    is) and the anchor on it, if any."""

    source: str
    title: str
    page: object
    anchor: str = ""
    # The portfolio an entry is in (its participant's name), to tell the coordinator's copies
    # of one entry type apart; public pages leave it out.
    portfolio_title: str = ""

    def url(self, request=None):
        url = self.page.get_url(request)
        return f"{url}{self.anchor}" if url else None


@dataclass
class ObjectiveEvidence:
    objective: object
    counts: dict = field(default_factory=dict)
    links: list = field(default_factory=list)
    practice_minutes: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def practice_hours(self) -> float:
        return self.practice_minutes / 60

    def counts_by_source(self):
        """(label, count) of each source with anything to count, in a stable order; the label
        is singular or plural as its count needs."""
        return [
            (counted(source, self.counts[source.value]), self.counts[source.value])
            for source in EvidenceSource
            if self.counts.get(source.value)
        ]


def _of_project(queryset, hub, user):
    """``queryset`` narrowed to the project ``hub`` (any translation) and to what ``user`` may
    see, by the model's own visibility rule: ``of_project(hub).visible_to(user)`` for a model
    whose manager does not speak it (ideas)."""
    rule = rule_for(queryset.model)
    return visible_to(queryset.filter(**{rule.project_key: hub.translation_key}), user)


def evidence_for(hub, user=None) -> list[ObjectiveEvidence]:
    """The evidence of each objective of ``hub``, in the objectives' order, as ``user`` (or an
    anonymous visitor, for ``None``) may see it."""
    from portfolios.models import EntryPage, InstitutionVisitPage

    objectives = list(hub.objectives.order_by("number"))
    evidence = [ObjectiveEvidence(objective) for objective in objectives]
    by_number = defaultdict(list)
    for item in evidence:
        by_number[item.objective.number].append(item)
    kinds = {objective.kind for objective in objectives}

    served_by_entries = EntryPage.objectives.through.objects.filter(
        projectobjective__page__translation_key=hub.translation_key
    )
    wants_visits = any(
        SERVES_BY_KIND.get(kind) == EvidenceSource.INSTITUTION_VISIT for kind in kinds
    )
    entry_condition = Q(pk__in=served_by_entries.values("entrypage_id"))
    if wants_visits:
        entry_condition |= Q(pk__in=InstitutionVisitPage.objects.values("pk"))
    entries = in_language(
        EntryPage.objects.live().of_project(hub).visible_to(user).filter(entry_condition),
        hub.locale_id,
    )
    entries = list(
        entries.annotate(
            portfolio_title=models.F("portfolio__title"),
            is_visit=models.Exists(InstitutionVisitPage.objects.filter(pk=models.OuterRef("pk"))),
        )
        .only("id", "title", "url_path", "path", "depth", "locale_id", "date")
        .order_by("date", "pk")
    )
    # The objectives an entry serves, by number, whichever translation of the hub they are of.
    served = defaultdict(set)
    for entry_id, number in served_by_entries.filter(
        entrypage_id__in=[entry.pk for entry in entries]
    ).values_list("entrypage_id", "projectobjective__number"):
        served[entry_id].add(number)

    for entry in entries:
        for number in served[entry.pk]:
            for item in by_number[number]:
                _add(item, EvidenceSource.ENTRY, entry.title, entry, owner=entry.portfolio_title)
        if entry.is_visit:
            for item in evidence:
                wanted = SERVES_BY_KIND.get(item.objective.kind) == EvidenceSource.INSTITUTION_VISIT
                if wanted and item.objective.number not in served[entry.pk]:
                    _add(
                        item,
                        EvidenceSource.INSTITUTION_VISIT,
                        entry.title,
                        entry,
                        owner=entry.portfolio_title,
                    )

    if ObjectiveKind.ENGLISH in kinds:
        _add_practice(evidence, hub, user)
    if ObjectiveKind.IDEAS_DATABASE in kinds:
        from ideas.models import IdeaPage

        ideas = in_language(_of_project(IdeaPage.objects.live(), hub, user), hub.locale_id)
        for idea in ideas.only("id", "title", "url_path", "path", "depth", "locale_id").order_by(
            "title"
        ):
            for item in evidence:
                if item.objective.kind == ObjectiveKind.IDEAS_DATABASE:
                    _add(item, EvidenceSource.IDEA, idea.title, idea)
    return evidence


def _add(item, source, title, page, anchor="", owner=""):
    item.counts[source.value] = item.counts.get(source.value, 0) + 1
    item.links.append(EvidenceLink(source.value, title, page, anchor, owner or ""))


def _add_practice(evidence, hub, user):
    """Practice sessions the reader may see, counted per participant and linked to the
    participant's portfolio. Only the logs of live portfolios the reader may open count, as on
    the results page: a log shared more widely than its portfolio is not shown anywhere."""
    from portfolios.models import PortfolioPage, PracticeLogEntry

    visible_portfolios = PortfolioPage.objects.live().of_project(hub).visible_to(user)
    logs = (
        PracticeLogEntry.objects.of_project(hub)
        .visible_to(user)
        .filter(portfolio__in=visible_portfolios.values("pk"))
        .values("portfolio__translation_key")
        .annotate(sessions=Count("pk"), minutes=Sum("minutes"))
        .order_by("portfolio__translation_key")
    )
    logs = list(logs)
    if not logs:
        return
    portfolios = {
        portfolio.translation_key: portfolio
        for portfolio in in_language(visible_portfolios, hub.locale_id).only(
            "id", "title", "url_path", "path", "depth", "locale_id", "translation_key"
        )
    }
    english = [item for item in evidence if item.objective.kind == ObjectiveKind.ENGLISH]
    for row in logs:
        portfolio = portfolios.get(row["portfolio__translation_key"])
        for item in english:
            item.counts[EvidenceSource.PRACTICE.value] = (
                item.counts.get(EvidenceSource.PRACTICE.value, 0) + row["sessions"]
            )
            item.practice_minutes += row["minutes"]
            if portfolio is not None:
                item.links.append(
                    EvidenceLink(
                        EvidenceSource.PRACTICE.value,
                        portfolio.title,
                        portfolio,
                        "#practice-heading",
                    )
                )


def objectives_without_evidence(hub, user) -> list:
    """The objectives of ``hub`` that nothing ``user`` may see serves yet: what a coordinator's
    overview and digest warn of during the mobility."""
    return [item.objective for item in evidence_for(hub, user) if not item.total]
