"""Compiling a project's results page from its public material.

``build_sections(hub)`` gathers the sections as plain data (dates as ISO strings, codes rather
than labels), aggregating in SQL: each section is a handful of grouped queries whose number
depends on the number of objectives and statuses, never on the number of entries, ideas or log
rows. The PDF, the HTML bundle and the report pack can call it, or read ``ResultsPage.compiled``.

What counts as public is decided by ``core.visibility.visible_to`` for an anonymous visitor, and
narrowed further to pages that visitor can actually open: live, without a Wagtail view
restriction, in a live portfolio. A practice log counts only where its portfolio is public too.

``compile_results(page_id)`` writes the sections into a new draft revision of the page, keeping
everything editors wrote, and submits it to the page's workflow. It never publishes. With
nothing changed it writes nothing; while another compile of the same page runs, it returns at
once saying so.
"""

import datetime
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Avg, Count, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_noop
from wagtail.models import Page

from core.languages import in_language
from core.notifications import notify
from core.visibility import visible_to
from dissemination.models import RESULTS_SLUG, ResultsCompile, ResultsPage

logger = logging.getLogger(__name__)

# How many linked items each list on the page shows; counts always cover everything.
ITEMS_PER_LIST = 10
# Quotes: each participant's newest public reflection, newest first, at most this many.
QUOTES_SHOWN = 6
QUOTE_CHARACTERS = 300
HIGHLIGHTS_SHOWN = 12
# A "running" claim older than this belongs to a worker that died (the task's hard time limit
# has long passed), so another compile may take over.
STALE_AFTER = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 300) * 2)


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
        key = hub.translation_key
        locale = locale or hub.locale_id
        self.hub = hub
        self.portfolios = in_language(
            visible_to(
                PortfolioPage.objects.live().public().filter(project__translation_key=key),
                anonymous,
            ),
            locale,
        )
        self.entries = in_language(
            visible_to(
                EntryPage.objects.live()
                .public()
                .filter(portfolio__project__translation_key=key, portfolio__live=True),
                anonymous,
            ),
            locale,
        )
        self.practice = visible_to(
            PracticeLogEntry.objects.filter(
                portfolio__translation_key__in=self.portfolios.values("translation_key"),
                portfolio__project__translation_key=key,
            ),
            anonymous,
        )
        self.ideas = in_language(
            visible_to(
                IdeaPage.objects.live().public().filter(project__translation_key=key), anonymous
            ),
            locale,
        )

    def entries_of(self, model):
        return model.objects.filter(pk__in=self.entries.values("pk"))


def build_sections(hub, excluded_quotes=(), locale=None):
    """Every compiled section of ``hub``'s results page, as plain JSON-ready data."""
    material = PublicMaterial(hub, locale)
    sections = {
        "glance": glance(material),
        "objectives": objectives(material),
        "competences": competences(material, locale or hub.locale),
        "practice": practice(material),
        "seminars": seminars(material),
        "observations": observations(material),
        "visits": visits(material),
        "ideas": ideas(material),
        "quotes": quotes(material, excluded_quotes),
    }
    # Through JSON and back, so that what is compared is exactly what a revision stores.
    return json.loads(json.dumps(sections, cls=DjangoJSONEncoder))


def glance(material):
    from core.models import ProjectMembership
    from portfolios.models import HostInstitution

    hub = material.hub
    participants = [
        {
            "id": row["pk"],
            "name": row["title"],
            "role": row["role"],
            "institution": row["institution"],
            "url": page_url(row["url_path"]),
        }
        for row in material.portfolios.order_by("title", "pk").values(
            "pk", "title", "role", "institution", "url_path"
        )
    ]
    visited = material.entries.filter(
        Q(lessonobservationpage__host_institution__isnull=False)
        | Q(institutionvisitpage__host_institution__isnull=False)
    )
    hosts = HostInstitution.objects.filter(
        Q(pk__in=visited.values("lessonobservationpage__host_institution"))
        | Q(pk__in=visited.values("institutionvisitpage__host_institution"))
    ).order_by("name", "pk")
    # Which public entries put each host on the page, so that it leaves with the last of them.
    visited_ids = {}
    for pk, lesson_host, visit_host in visited.order_by("pk").values_list(
        "pk", "lessonobservationpage__host_institution", "institutionvisitpage__host_institution"
    ):
        visited_ids.setdefault(lesson_host or visit_host, []).append(pk)
    return {
        "title": hub.title,
        "programme": hub.programme,
        "action": hub.action,
        "start_date": hub.start_date,
        "end_date": hub.end_date,
        "duration_days": hub.duration_days,
        "budget_eur": hub.budget_eur,
        "sending_institution": hub.sending_institution_name,
        "host_city": hub.host_city,
        "host_country": hub.host_country,
        "host_description": hub.host_description,
        "participant_count": ProjectMembership.objects.filter(
            project__translation_key=hub.translation_key,
            role=ProjectMembership.Role.PARTICIPANT,
        ).count(),
        "participants": participants,
        "host_institutions": [
            {
                "name": host["name"],
                "city": host["city"],
                "country": host["country"],
                "kind": host["kind"],
                "entries": visited_ids.get(host["pk"], []),
            }
            for host in hosts.values("pk", "name", "city", "country", "kind")
        ],
    }


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


def objectives(material):
    """Each numbered objective with the public entries serving it and the public ideas those
    entries inspired. Objectives are matched by number, so the hub's translations agree."""
    # Every id counted, not only those listed: the page recounts what is still public when served.
    entry_ids = ids_by(
        material.entries.filter(objectives__isnull=False).values_list("objectives__number", "pk")
    )
    idea_ids = ids_by(
        material.ideas.filter(inspired_by__in=material.entries.values("pk")).values_list(
            "inspired_by__objectives__number", "pk"
        )
    )
    entry_counts = {number: len(ids) for number, ids in entry_ids.items()}
    idea_counts = {number: len(ids) for number, ids in idea_ids.items()}
    result = []
    for objective in material.hub.objectives.order_by("number", "pk"):
        serving = material.entries.filter(objectives__number=objective.number)
        inspired = material.ideas.filter(
            pk__in=material.ideas.filter(inspired_by__in=serving.values("pk")).values("pk")
        )
        result.append(
            {
                "number": objective.number,
                "text": objective.text,
                "entry_count": entry_counts.get(objective.number, 0),
                "idea_count": idea_counts.get(objective.number, 0),
                "entry_ids": entry_ids.get(objective.number, []),
                "idea_ids": idea_ids.get(objective.number, []),
                "entries": entry_links(serving) if entry_counts.get(objective.number) else [],
                "ideas": idea_links(inspired) if idea_counts.get(objective.number) else [],
            }
        )
    return result


def competences(material, locale):
    """Average levels before and after per competence, and how many stood at each level.

    Self-assessments of public portfolios only: they are shown with the portfolio.
    """
    from portfolios.models import Competence, SelfAssessment

    # Without the model's ordering, which would otherwise join every GROUP BY.
    rows = SelfAssessment.objects.filter(portfolio__in=material.portfolios.values("pk")).order_by()
    averages = list(
        rows.values("competence_id", "competence__translation_key", "competence__name")
        .annotate(
            participants=Count("portfolio", distinct=True),
            average_before=Avg("level_before"),
            average_after=Avg("level_after"),
            assessed_after=Count("level_after"),
        )
        .order_by("competence__name", "competence_id")
    )
    before = rows.values_list("competence_id", "level_before").annotate(count=Count("pk"))
    after = (
        rows.filter(level_after__isnull=False)
        .values_list("competence_id", "level_after")
        .annotate(count=Count("pk"))
    )
    distribution = {}
    for name, counts in (("before", before), ("after", after)):
        for competence_id, level, count in counts:
            distribution.setdefault(competence_id, {"before": [0] * 5, "after": [0] * 5})
            distribution[competence_id][name][level - 1] = count
    # The competence's name in the page's language, where the framework has a translation.
    translated = dict(
        Competence.objects.filter(
            locale=locale,
            translation_key__in=[row["competence__translation_key"] for row in averages],
        ).values_list("translation_key", "name")
    )
    portfolios = ids_by(rows.values_list("competence_id", "portfolio_id"))
    return [
        {
            "competence": translated.get(row["competence__translation_key"])
            or row["competence__name"],
            "participants": row["participants"],
            "portfolios": portfolios.get(row["competence_id"], []),
            "average_before": round(row["average_before"], 2),
            "average_after": (
                None if row["average_after"] is None else round(row["average_after"], 2)
            ),
            "assessed_after": row["assessed_after"],
            "distribution": distribution.get(
                row["competence_id"], {"before": [0] * 5, "after": [0] * 5}
            ),
        }
        for row in averages
    ]


def practice(material):
    """English practice of the public logs: total, per skill and per day."""
    from portfolios.models import PracticeLogEntry

    totals = material.practice.aggregate(
        minutes=Sum("minutes"), participants=Count("portfolio", distinct=True)
    )
    if not totals["minutes"]:
        return None
    by_skill = dict(
        material.practice.values_list("skill").annotate(minutes=Sum("minutes")).order_by()
    )
    by_day = material.practice.values_list("date").annotate(minutes=Sum("minutes")).order_by("date")
    return {
        "total_minutes": totals["minutes"],
        "participants": totals["participants"],
        "portfolios": sorted(set(material.practice.values_list("portfolio_id", flat=True))),
        "by_skill": [
            {"skill": skill, "minutes": by_skill.get(skill, 0)}
            for skill in PracticeLogEntry.Skill.values
        ],
        "by_day": [{"date": day, "minutes": minutes} for day, minutes in by_day],
    }


def seminars(material):
    from portfolios.models import SeminarNotePage

    notes = material.entries_of(SeminarNotePage)
    grouped = (
        notes.order_by()
        .values("seminar_title", "organiser")
        .annotate(notes=Count("pk"), first_date=Min("date"))
    )
    ids = {}
    for title, organiser, pk in notes.order_by().values_list("seminar_title", "organiser", "pk"):
        ids.setdefault((title, organiser), []).append(pk)
    return {
        "count": grouped.count(),
        "note_count": notes.count(),
        "note_ids": sorted(pk for group in ids.values() for pk in group),
        "items": [
            {**item, "entries": sorted(ids.get((item["seminar_title"], item["organiser"]), []))}
            for item in grouped.order_by("first_date", "seminar_title", "organiser")[:50]
        ],
        "notes": entry_links(notes),
    }


def observations(material):
    from portfolios.models import LessonObservationPage

    lessons = material.entries_of(LessonObservationPage)
    return {
        "count": lessons.count(),
        "entry_ids": sorted(lessons.values_list("pk", flat=True)),
        "items": [
            {
                "id": row["pk"],
                "title": row["title"],
                "url": page_url(row["url_path"]),
                "date": row["date"],
                "subject": row["subject"],
                "host": row["host_institution__name"] or "",
            }
            for row in lessons.order_by("-date", "-pk").values(
                "pk", "title", "url_path", "date", "subject", "host_institution__name"
            )[:ITEMS_PER_LIST]
        ],
    }


def visits(material):
    """Institution visits per host, the latest reports, and labour-market highlights: the
    comparison rows whose implication for our programmes the participant wrote down."""
    from portfolios.models import InstitutionVisitPage, LabourMarketComparison

    reports = material.entries_of(InstitutionVisitPage)
    rows = LabourMarketComparison.objects.filter(visit__in=reports.values("pk")).exclude(
        implication=""
    )
    by_host = {}
    for name, city, pk in reports.order_by().values_list(
        "host_institution__name", "host_institution__city", "pk"
    ):
        by_host.setdefault((name, city), []).append(pk)
    return {
        "count": reports.count(),
        "entry_ids": sorted(pk for group in by_host.values() for pk in group),
        "institutions": [
            {
                **row,
                "entries": sorted(
                    by_host.get((row["host_institution__name"], row["host_institution__city"]), [])
                ),
            }
            for row in reports.values("host_institution__name", "host_institution__city")
            .annotate(reports=Count("pk"))
            .order_by("-reports", "host_institution__name", "host_institution__city")[:50]
        ],
        "items": [
            {
                "id": row["pk"],
                "title": row["title"],
                "url": page_url(row["url_path"]),
                "date": row["date"],
                "host": row["host_institution__name"],
            }
            for row in reports.order_by("-date", "-pk").values(
                "pk", "title", "url_path", "date", "host_institution__name"
            )[:ITEMS_PER_LIST]
        ],
        "highlight_count": rows.count(),
        "highlight_entries": list(
            rows.order_by("visit_id", "pk").values_list("visit_id", flat=True)
        ),
        "highlights": [
            {
                "entry": row["visit_id"],
                "occupation": row["occupation"],
                "host_requirement": row["host_requirement"],
                "home_requirement": row["home_requirement"],
                "implication": row["implication"],
                "title": row["visit__title"],
                "url": page_url(row["visit__url_path"]),
            }
            for row in rows.order_by("-visit__date", "visit_id", "sort_order", "pk").values(
                "visit_id",
                "occupation",
                "host_requirement",
                "home_requirement",
                "implication",
                "visit__title",
                "visit__url_path",
            )[:HIGHLIGHTS_SHOWN]
        ],
    }


def ideas(material):
    from ideas.models import IdeaStatus

    ids = ids_by(material.ideas.values_list("status", "pk"))
    return {
        "count": sum(len(group) for group in ids.values()),
        "by_status": [
            {
                "status": status,
                "count": len(ids[status]),
                "idea_ids": ids[status],
                "ideas": idea_links(material.ideas.filter(status=status)),
            }
            for status in IdeaStatus.values
            if ids.get(status)
        ],
    }


def quote_text(body):
    """The first text or quote block of a reflection, as plain text, cut at a word."""
    for block in body or []:
        if block.block_type == "text":
            text = strip_tags(block.value.source)
        elif block.block_type == "quote":
            text = block.value["quote"]
        else:
            continue
        text = " ".join(text.split())
        if text:
            return Truncator(text).chars(QUOTE_CHARACTERS)
    return ""


def quotes(material, excluded=()):
    """The rule: each participant's newest public reflection (by date, then the latest written),
    newest first, at most ``QUOTES_SHOWN``; reflections editors excluded are skipped, so the
    participant's next newest takes the place. Only these few bodies are loaded."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from portfolios.models import ReflectionPage

    candidates = material.entries_of(ReflectionPage).exclude(pk__in=list(excluded))
    # One window pass numbers each portfolio's reflections newest first; a correlated
    # subquery per reflection instead grows with the square of the entries.
    ranked = candidates.annotate(
        newness=Window(
            RowNumber(),
            partition_by=[F("portfolio_id")],
            order_by=[F("date").desc(), F("pk").desc()],
        )
    )
    chosen = (
        ranked.filter(newness=1).select_related("portfolio").order_by("-date", "-pk")[:QUOTES_SHOWN]
    )
    result = []
    for reflection in chosen:
        text = quote_text(reflection.body)
        if text:
            result.append(
                {
                    "entry": reflection.pk,
                    "text": text,
                    "author": reflection.portfolio.title,
                    "title": reflection.title,
                    "url": page_url(reflection.url_path),
                    "date": reflection.date,
                }
            )
    return result


# The compile itself.


# Stored untranslated on ResultsCompile and translated where they are shown.
MESSAGES = {
    "missing": gettext_noop("There is no such results page."),
    "busy": gettext_noop("A compile of this results page is already running; try again later."),
    "failed": gettext_noop("The compile failed; the details are in the worker's log."),
    "unchanged": gettext_noop("Nothing has changed since the last compile; no new revision."),
    "compiled": gettext_noop("A new draft revision is waiting for the editors' review."),
    "unqueued": gettext_noop("The task queue did not answer; the nightly compile will try again."),
}


@dataclass(frozen=True)
class Outcome:
    state: str
    message: str
    revision_id: int | None = None


def claim(page_id, user=None) -> bool:
    """Take the page's compile lock: one conditional UPDATE, so only one compile can win."""
    ResultsCompile.objects.get_or_create(page_id=page_id)
    now = timezone.now()
    claimed = (
        ResultsCompile.objects.filter(page_id=page_id)
        .exclude(state=ResultsCompile.State.RUNNING, started_at__gt=now - STALE_AFTER)
        .update(
            state=ResultsCompile.State.RUNNING,
            started_at=now,
            finished_at=None,
            message="",
            **({"requested_by": user} if user is not None else {}),
        )
    )
    return claimed == 1


def release(page_id, outcome):
    now = timezone.now()
    fields = {"state": outcome.state, "message": outcome.message, "finished_at": now}
    if outcome.state in (ResultsCompile.State.COMPILED, ResultsCompile.State.UNCHANGED):
        fields["succeeded_at"] = now
    if outcome.revision_id is not None:
        fields["revision_id"] = outcome.revision_id
    ResultsCompile.objects.filter(page_id=page_id).update(**fields)


def compile_results(page_id, user=None) -> Outcome:
    """Compile one results page into a new draft revision and submit it for review."""
    if not ResultsPage.objects.filter(pk=page_id).exists():
        return Outcome("missing", MESSAGES["missing"])
    if not claim(page_id, user):
        return Outcome("busy", MESSAGES["busy"])
    try:
        outcome = write_revision(page_id, user)
    except Exception:
        logger.exception("Compiling results page %s failed.", page_id)
        outcome = Outcome(ResultsCompile.State.FAILED, MESSAGES["failed"])
    release(page_id, outcome)
    return outcome


def write_revision(page_id, user):
    page = ResultsPage.objects.get(pk=page_id)
    hub = page.get_parent().specific
    # The latest revision, not the live page: what editors have written since is kept.
    draft = page.get_latest_revision_as_object()
    sections = build_sections(hub, draft.excluded_quotes, locale=page.locale)
    if sections == draft.compiled:
        return Outcome(ResultsCompile.State.UNCHANGED, MESSAGES["unchanged"])
    with transaction.atomic():
        draft.compiled = sections
        revision = draft.save_revision(user=user, log_action=True)
        submit_for_review(page, user)
    return Outcome(ResultsCompile.State.COMPILED, MESSAGES["compiled"], revision.pk)


def submit_for_review(page, user):
    """Start the page's workflow on the new revision (or carry on with the one under way) and
    tell the reviewers."""
    from wagtail.models import WorkflowState

    page = ResultsPage.objects.get(pk=page.pk)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    elif state is None:
        workflow = page.get_workflow()
        if workflow is None:
            return
        state = workflow.start(page, user)
    state.refresh_from_db()
    notify_reviewers(page, state.current_task_state, user, page.latest_revision_id)


def notify_reviewers(page, task_state, user, revision_id, submitted=False):
    """Tell the reviewers of the page's current task, through the outbox, once per revision.

    ``submitted``: someone submitted the draft from the editor, rather than a compile; they are
    not told about their own submission.
    """
    from django.contrib.auth import get_user_model

    task = task_state.task.specific if task_state is not None else None
    groups = getattr(task, "groups", None)
    reviewers = (
        get_user_model().objects.filter(groups__in=groups.all(), is_active=True).distinct()
        if groups is not None
        else get_user_model().objects.filter(groups__name="Editors", is_active=True)
    )
    if submitted and user is not None:
        reviewers = reviewers.exclude(pk=user.pk)
    for reviewer in reviewers.order_by("pk"):
        notify(
            "results_review",
            reviewer,
            page,
            actor=user,
            page_id=page.pk,
            revision_id=revision_id,
            title=page.title,
            submitted=submitted,
            # Each revision is a new occasion to review; the editor reviews in the admin.
            period=f"revision-{revision_id}",
            link=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        )


# What beat runs.

COMPILE_HOUR = 2


def dissemination_weeks():
    return getattr(settings, "MOBILITAS_DISSEMINATION_WEEKS", 12)


def is_due(hub, status, now=None):
    """Is a results page due for its nightly compile?

    The dissemination window runs from the day after the project's end for
    ``MOBILITAS_DISSEMINATION_WEEKS`` weeks (12 unless set): in it, each page is compiled once
    a night, after 02:00 in the project's time zone. A project that has ended and has never been
    compiled since is due whenever it is noticed, so a compile missed while the workers were
    down still happens, however long after the window.
    """
    now = now or timezone.now()
    local = timezone.localtime(now, hub.time_zone)
    first_day = hub.end_date + datetime.timedelta(days=1)
    if local.date() < first_day or local.hour < COMPILE_HOUR:
        return False
    last = status.succeeded_at if status is not None else None
    last_local_day = timezone.localtime(last, hub.time_zone).date() if last else None
    if last_local_day is None or last_local_day < first_day:
        return True
    window_end = hub.end_date + datetime.timedelta(weeks=dissemination_weeks())
    return local.date() <= window_end and last_local_day < local.date()


def due_pages(now=None):
    """The ids of results pages due for a compile now."""
    from home.models import MobilityProjectPage

    hubs = {
        hub.path: hub
        for hub in MobilityProjectPage.objects.filter(
            end_date__lte=(now or timezone.now()).date()
        ).only("path", "end_date", "time_zone")
    }
    due = []
    pages = ResultsPage.objects.filter(depth__gt=1).select_related("compile_status")
    for page in pages:
        hub = hubs.get(page.path[: -page.steplen])
        status = getattr(page, "compile_status", None)
        if hub is not None and is_due(hub, status, now):
            due.append(page.pk)
    return due


def ensure_results_page(hub, title=None):
    """The hub's results page, made (as an unpublished draft) if it has none yet."""
    page = ResultsPage.objects.child_of(hub).first()
    if page is None:
        page = ResultsPage(title=title or "Results", slug=RESULTS_SLUG, live=False)
        hub.add_child(instance=page)
        page.save_revision()
    return page
