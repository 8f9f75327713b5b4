"""What the final report says, gathered once as plain data for both files (DOCX and PDF).

The sections follow the final report a national agency asks of a mobility project: project
identification, participants and their activities, objectives and their evaluation, results and
their dissemination, impact, budget summary and follow-up. Every piece of participants' material
is read through the one visibility rule (``core.visibility``) for the person the report is built
for, and only from this project: a coordinator's report holds what that coordinator may see of
their own project, and nothing of any other.

Texts are taken from the hub's translation in the report's language where it exists; labels are
translated by the caller's active language (``final_report.build`` sets it).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F, Sum
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.languages import in_language
from core.visibility import rule_for, visible_to


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class Partner:
    name: str
    role: str
    kind: str
    city: str
    country: str
    website: str
    contact: str


@dataclass
class Activity:
    date: datetime.date
    kind: str
    title: str


@dataclass
class Participant:
    name: str
    role: str
    institution: str
    activities: list[Activity] = field(default_factory=list)
    practice_minutes: int = 0

    @property
    def practice_hours(self) -> str:
        return hours(self.practice_minutes)


@dataclass
class Objective:
    number: int
    text: str
    kind: str
    evidence_total: int
    evidence: list[tuple[str, int]]
    status: str
    status_code: str
    summary: str
    ratings: list[tuple[str, int]]


@dataclass
class DisseminationRow:
    date: datetime.date
    event: str
    audience: str
    link: str


@dataclass
class BudgetRow:
    category: str
    planned: Decimal
    actual: Decimal | None
    note: str


@dataclass
class Idea:
    title: str
    status: str
    supports: int
    summary: str


@dataclass
class Report:
    title: str
    language: str
    generated_on: datetime.date
    identification: list[Fact]
    partners: list[Partner]
    participants: list[Participant]
    objectives: list[Objective]
    expected_results: str
    results_url: str
    dissemination: list[DisseminationRow]
    impact: list[Fact]
    budget_planned: Decimal | None
    budget_rows: list[BudgetRow]
    ideas: list[Idea]

    @property
    def participant_count(self) -> int:
        return len(self.participants)

    @property
    def budget_lines_planned(self) -> Decimal:
        return sum((row.planned for row in self.budget_rows), Decimal(0))

    @property
    def budget_actual(self) -> Decimal:
        return sum((row.actual for row in self.budget_rows if row.actual is not None), Decimal(0))

    @property
    def budget_difference(self) -> Decimal | None:
        planned = self.budget_planned if self.budget_planned is not None else None
        return None if planned is None else planned - self.budget_actual


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def money(amount) -> str:
    """An amount in euros as a national agency's form writes it: 8056.00 EUR."""
    return "" if amount is None else f"{Decimal(str(amount)):.2f} EUR"


def plain(html: str) -> str:
    """Rich text as paragraphs of plain text, for a document the coordinator will edit."""
    text = normalize_newlines(html or "")
    for tag in ("</p>", "<br>", "<br/>", "</li>", "</h2>", "</h3>", "</h4>"):
        text = text.replace(tag, tag + "\n")
    lines = [" ".join(line.split()) for line in strip_tags(text).splitlines()]
    return "\n".join(line for line in lines if line)


def of_project(queryset, hub, user):
    """``queryset`` narrowed to the project ``hub`` and to what ``user`` may see of it, in the
    hub's language where a page has been translated."""
    rule = rule_for(queryset.model)
    rows = visible_to(queryset.filter(**{rule.project_key: hub.translation_key}), user)
    if hasattr(queryset.model, "locale"):
        rows = in_language(rows, hub.locale_id)
    return rows


def hub_in(hub, language):
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or hub.locale_id == locale.pk:
        return hub
    return hub.get_translation_or_none(locale) or hub


def gather(hub, user, language) -> Report:
    """The final report of the project ``hub`` as ``user`` may see it, in ``language``."""
    hub = hub_in(hub, language)
    return Report(
        title=hub.title,
        language=language,
        generated_on=datetime.date.today(),
        identification=identification(hub),
        partners=partners(hub),
        participants=participants(hub, user),
        objectives=objectives(hub, user),
        expected_results=plain(hub.expected_results),
        results_url=results_url(hub),
        dissemination=dissemination(hub),
        impact=impact(hub, user),
        budget_planned=hub.budget_eur,
        budget_rows=budget(hub),
        ideas=ideas(hub, user),
    )


def identification(hub) -> list[Fact]:
    facts = [
        Fact(_("Programme"), hub.programme + (f" — {hub.action}" if hub.action else "")),
        Fact(_("Agreement number"), hub.agreement_number or "—"),
        Fact(_("Project title"), hub.title),
        Fact(_("Sending institution"), hub.sending_institution_name),
    ]
    if hub.sending_institution_address:
        facts.append(Fact(_("Address"), ", ".join(hub.sending_institution_address.splitlines())))
    if hub.contact_name:
        contact = hub.contact_name + (f", {hub.contact_role}" if hub.contact_role else "")
        facts.append(Fact(_("Contact person"), contact))
    days = hub.duration_days
    dates = f"{hub.start_date:%d.%m.%Y} – {hub.end_date:%d.%m.%Y}"
    if days:
        dates += " " + _("(%(days)s days)") % {"days": days}
    facts += [
        Fact(_("Dates of the mobility"), dates),
        Fact(_("Host"), f"{hub.host_city}, {hub.host_country}"),
        Fact(_("Target group"), hub.target_group or "—"),
        Fact(_("Planned budget"), money(hub.budget_eur) or "—"),
    ]
    return facts


def partners(hub) -> list[Partner]:
    rows = []
    for partner in hub.partners.select_related("organisation"):
        organisation = partner.organisation
        contact = ", ".join(
            part
            for part in (
                organisation.contact_name,
                organisation.contact_role,
                organisation.contact_email,
            )
            if part
        )
        rows.append(
            Partner(
                name=organisation.name,
                role=str(partner.get_role_display()),
                kind=str(organisation.get_kind_display()),
                city=organisation.city,
                country=str(organisation.country.name),
                website=organisation.website,
                contact=contact,
            )
        )
    return rows


def participants(hub, user) -> list[Participant]:
    """The project's participants, each with the activities of their portfolio that ``user``
    may see and the hours of English practice logged."""
    from core.models import ProjectMembership
    from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry

    members = (
        ProjectMembership.objects.filter(
            project__translation_key=hub.translation_key,
            role=ProjectMembership.Role.PARTICIPANT,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    portfolios = {
        portfolio.participant_id: portfolio
        for portfolio in of_project(PortfolioPage.objects.all(), hub, user).only(
            "id", "participant_id", "role", "institution", "translation_key"
        )
    }
    by_participant = {}
    for membership in members:
        person = membership.user
        portfolio = portfolios.get(person.pk)
        by_participant[person.pk] = Participant(
            name=person.get_full_name() or person.get_username(),
            role=portfolio.role if portfolio else "",
            institution=portfolio.institution if portfolio else "",
        )
    entries = (
        of_project(EntryPage.objects.live(), hub, user)
        .only("id", "title", "date", "content_type")
        .annotate(participant_id=F("portfolio__participant_id"))
        .order_by("date", "pk")
    )
    for entry in entries:
        participant = by_participant.get(entry.participant_id)
        if participant is not None:
            kind = entry.specific_class._meta.verbose_name
            participant.activities.append(Activity(entry.date, str(kind), entry.title))
    minutes = (
        of_project(PracticeLogEntry.objects.all(), hub, user)
        .values("portfolio__participant_id")
        .order_by()
        .annotate(total=Sum("minutes"))
    )
    for row in minutes:
        participant = by_participant.get(row["portfolio__participant_id"])
        if participant is not None:
            participant.practice_minutes = row["total"] or 0
    return list(by_participant.values())


def objectives(hub, user) -> list[Objective]:
    """Each objective with its evidence as ``user`` may see it, the coordinator's evaluation and
    how the participants rated it."""
    from evaluation.evidence import evidence_for
    from evaluation.models import EvaluationStatus, ObjectiveEvaluation, ObjectiveRating

    evidence = evidence_for(hub, user)
    ids = [item.objective.pk for item in evidence]
    evaluations = {
        evaluation.objective_id: evaluation
        for evaluation in ObjectiveEvaluation.objects.filter(objective_id__in=ids)
    }
    ratings = defaultdict(Counter)
    for row in (
        ObjectiveRating.objects.filter(objective_id__in=ids)
        .values("objective_id", "status")
        .order_by()
        .annotate(count=Count("pk"))
    ):
        ratings[row["objective_id"]][row["status"]] = row["count"]
    rows = []
    for item in evidence:
        objective = item.objective
        evaluation = evaluations.get(objective.pk)
        rows.append(
            Objective(
                number=objective.number,
                text=objective.text,
                kind=str(objective.get_kind_display()),
                evidence_total=item.total,
                evidence=[(str(label), count) for label, count in item.counts_by_source()],
                status=str(evaluation.get_status_display()) if evaluation else _("Not evaluated"),
                status_code=evaluation.status if evaluation else "",
                summary=evaluation.summary if evaluation else "",
                ratings=[
                    (str(status.label), ratings[objective.pk][status.value])
                    for status in EvaluationStatus
                    if ratings[objective.pk][status.value]
                ],
            )
        )
    return rows


def results_pages(hub):
    from dissemination.models import ResultsPage

    return ResultsPage.objects.child_of(hub)


def results_url(hub) -> str:
    page = results_pages(hub).live().public().first()
    return (page.full_url or "") if page else ""


def dissemination(hub) -> list[DisseminationRow]:
    from dissemination.models import DisseminationActivity

    return [
        DisseminationRow(row.date, row.event, row.audience, row.link)
        for row in DisseminationActivity.objects.filter(page__in=results_pages(hub)).order_by(
            "date", "sort_order"
        )
    ]


def impact(hub, user) -> list[Fact]:
    """What changed, in figures the coordinator can cite: competence growth, practice, material
    written and ideas proposed."""
    from ideas.models import IdeaPage
    from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry, SelfAssessment

    portfolios = of_project(PortfolioPage.objects.all(), hub, user)
    growth = SelfAssessment.objects.filter(portfolio__in=portfolios).aggregate(
        before=Avg("level_before"), after=Avg("level_after"), count=Count("pk")
    )
    minutes = (
        of_project(PracticeLogEntry.objects.all(), hub, user).aggregate(total=Sum("minutes"))[
            "total"
        ]
        or 0
    )
    entries = of_project(EntryPage.objects.live(), hub, user).count()
    project_ideas = of_project(IdeaPage.objects.live(), hub, user)
    idea_count = project_ideas.count()
    supports = project_ideas.aggregate(total=Sum("support_count"))["total"] or 0
    facts = []
    if growth["count"]:
        facts.append(
            Fact(
                _("Self-assessed competence (average level, before → after)"),
                f"{growth['before']:.1f} → {growth['after']:.1f}",
            )
        )
    facts += [
        Fact(_("Hours of English practice logged"), hours(minutes)),
        Fact(_("Portfolio entries written"), str(entries)),
        Fact(_("Ideas for new projects"), str(idea_count)),
        Fact(_("Supports from other teachers for those ideas"), str(supports)),
    ]
    return facts


def budget(hub) -> list[BudgetRow]:
    from final_report.models import BudgetLine, canonical_hub

    return [
        BudgetRow(str(line.get_category_display()), line.planned_eur, line.actual_eur, line.note)
        for line in BudgetLine.objects.filter(hub=canonical_hub(hub))
    ]


def ideas(hub, user) -> list[Idea]:
    from ideas.models import IdeaPage

    return [
        Idea(idea.title, str(idea.get_status_display()), idea.support_count, idea.summary)
        for idea in of_project(IdeaPage.objects.live(), hub, user)
        .only("id", "title", "status", "support_count", "summary")
        .order_by("-support_count", "title")
    ]
