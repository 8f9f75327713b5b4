"""The sections of a project's results page, gathered as plain data.

``build_sections(hub)`` gathers the sections as plain data (dates as ISO strings, codes rather
than labels), aggregating in SQL: each section is a handful of grouped queries whose number
depends on the number of objectives and statuses, never on the number of entries, ideas or log
rows. The PDF, the HTML bundle and the report pack can call it, or read ``ResultsPage.compiled``.
What counts is the project's public material (``dissemination.material``).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Avg, Count, Min, Q, Sum
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_countries import countries
from wagtail import hooks

from dissemination.material import (
    ITEMS_PER_LIST,
    PublicMaterial,
    entry_links,
    idea_links,
    ids_by,
    page_url,
)

# Quotes: each participant's newest public reflection, newest first, at most this many.
QUOTES_SHOWN = 6
QUOTE_CHARACTERS = 300
HIGHLIGHTS_SHOWN = 12


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
    # Sections that other apps compile from their own public material (the objectives'
    # evaluation) come through a Wagtail hook, so that the compile imports none of them.
    for compile_sections in hooks.get_hooks("compile_results_sections"):
        sections.update(compile_sections(hub, locale))
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
                # Stored as its ISO code; the page shows the name, as it did when typed.
                "country": str(countries.name(host["country"])) or host["country"],
                "kind": host["kind"],
                "entries": visited_ids.get(host["pk"], []),
            }
            for host in hosts.values("pk", "name", "city", "country", "kind")
        ],
    }


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
