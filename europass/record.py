"""The Europass Mobility record of one participant, drawn from their portfolio as plain data.

``build_record(portfolio)`` returns a dict of strings, numbers, lists and dicts only, in the
sections of the Europass Mobility document: the holder, the sending and host organisations, the
mentor at the host, the period, the project's objectives, the activities done abroad (the
participant's seminar notes, lesson observations and institution visits), and the skills acquired
by Europass category, with the competence growth the self-assessment shows and, for English, the
CEFR level reached in each skill according to the practice log.

Plain data, so that it can be stored as the snapshot a mentor confirmed, hashed canonically to
tell whether it changed since (``record_hash``), rendered on a page or a PDF in either language
(labels are codes, translated when shown), and one day issued as the ``credentialSubject`` of a
W3C Verifiable Credential (``europass.credential``). Texts the participant wrote (titles,
objectives) stay in the language of the portfolio the record is drawn from.

The record is its holder's: it lists every published activity entry whatever its visibility, and
is shown only to them, their project's coordinators and the mentor they confirm it with. What
the public verification page may show of it is decided by ``public_view``.
"""

from __future__ import annotations

import hashlib
import json

from django.db.models import Max, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PracticeLogEntry,
    SeminarNotePage,
)

SCHEMA = 1

# The Europass Mobility document's skill categories, in its order.
JOB_RELATED = "job_related"
LANGUAGE = "language"
DIGITAL = "digital"
ORGANISATIONAL = "organisational"
COMMUNICATION = "communication"
OTHER = "other"
SKILL_CATEGORIES = {
    JOB_RELATED: _("Job-related skills"),
    LANGUAGE: _("Language skills"),
    DIGITAL: _("Digital skills"),
    ORGANISATIONAL: _("Organisational and managerial skills"),
    COMMUNICATION: _("Communication skills"),
    OTHER: _("Other skills"),
}

# The competence framework names categories freely ("Quality", "Kvalitāte"); these word stems,
# English and Latvian, put a competence in a Europass category, tried in this order. A competence
# matching none is job-related: the framework is about the participants' work.
CATEGORY_STEMS = [
    (LANGUAGE, ("language", "english", "valod", "angļu")),
    (DIGITAL, ("digital", "ict", "computer", "software", "digitāl", "dator")),
    (COMMUNICATION, ("communicat", "intercultural", "cooperation", "saziņ", "sadarb", "starpkult")),
    (
        ORGANISATIONAL,
        ("project", "management", "quality", "organis", "leadership", "projekt", "vadīb", "kvalit"),
    ),
]

ACTIVITY_KINDS = {
    "seminar": _("Seminar"),
    "lesson_observation": _("Lesson observation"),
    "institution_visit": _("Institution visit"),
}
ACTIVITY_MODELS = {
    SeminarNotePage: "seminar",
    LessonObservationPage: "lesson_observation",
    InstitutionVisitPage: "institution_visit",
}


def europass_category(category: str, name: str) -> str:
    words = f"{category} {name}".lower()
    for europass, stems in CATEGORY_STEMS:
        if any(stem in words for stem in stems):
            return europass
    return JOB_RELATED


def institution_data(institution) -> dict | None:
    if institution is None:
        return None
    return {
        "name": institution.name,
        "city": institution.city,
        # The ISO code where the country is stored as one: the record must read the same in
        # every language, so names are given when it is shown.
        "country": getattr(institution.country, "code", None) or str(institution.country),
        "type": institution.kind,
        "website": institution.website,
    }


def partners_by_role(hub) -> dict:
    """The first partner organisation of ``hub`` in each role (sending, host…), as the hub lists
    them; empty where the project names no partners."""
    partners = getattr(hub, "partners", None)
    if partners is None:
        return {}
    found = {}
    for partner in partners.select_related("organisation").order_by("sort_order", "pk"):
        found.setdefault(partner.role, partner.organisation)
    return found


def build_record(portfolio, record=None) -> dict:
    """The Europass Mobility record of ``portfolio`` as plain data.

    The organisations are the project's partners in the sending and host roles, or the hub's own
    facts where it names none; ``record`` (a ``MobilityRecord``) adds the mentor and the host
    organisation they work at, which may be any of the hosts.
    """
    hub = portfolio.project
    participant = portfolio.participant
    data = {
        "type": "EuropassMobility",
        "schema": SCHEMA,
        "language": portfolio.locale.language_code,
        "holder": {
            "name": participant.get_full_name() or portfolio.title,
            "role": portfolio.role,
            "institution": portfolio.institution,
            "subject_area": portfolio.subject_area,
        },
        "project": None,
        "sending_organisation": None,
        "host_organisation": None,
        "mentor": None,
        "period": None,
        "objectives": [],
        "activities": activities(portfolio),
        "skills": skills(portfolio),
    }
    if hub is not None:
        data["project"] = {
            "title": hub.title,
            "programme": hub.programme,
            "action": hub.action,
            "agreement_number": hub.agreement_number,
        }
        partners = partners_by_role(hub)
        sending = partners.get("sending")
        data["sending_organisation"] = {
            **(
                institution_data(sending)
                if sending is not None
                else {
                    "name": hub.sending_institution_name,
                    "city": "",
                    "country": "",
                    "type": "",
                    "website": "",
                }
            ),
            "address": hub.sending_institution_address,
            "email": hub.sending_institution_email,
            "phone": hub.sending_institution_phone,
        }
        host = partners.get("host")
        data["host_organisation"] = institution_data(host) or {
            "name": "",
            "city": hub.host_city,
            "country": hub.host_country,
            "type": "",
            "website": "",
        }
        data["period"] = {
            "start": hub.start_date.isoformat(),
            "end": hub.end_date.isoformat(),
            "duration_days": hub.duration_days,
        }
        data["objectives"] = [
            {
                "number": objective.number,
                "text": objective.text,
                "kind": getattr(objective, "kind", ""),
            }
            for objective in hub.objectives.order_by("number", "pk")
        ]
    if record is not None:
        if record.host_institution is not None:
            data["host_organisation"] = institution_data(record.host_institution)
        if record.mentor_name:
            data["mentor"] = {
                "name": record.mentor_name,
                "role": record.mentor_role,
                "email": record.mentor_email,
            }
    return data


def activities(portfolio) -> list[dict]:
    entries = list(
        EntryPage.objects.live()
        .child_of(portfolio)
        .type(*ACTIVITY_MODELS)
        .specific()
        .order_by("date", "pk")
    )
    served = {}
    for pk, number in (
        EntryPage.objects.filter(pk__in=[entry.pk for entry in entries], objectives__isnull=False)
        .values_list("pk", "objectives__number")
        .order_by("objectives__number")
    ):
        served.setdefault(pk, []).append(number)
    rows = []
    for entry in entries:
        kind = ACTIVITY_MODELS[type(entry)]
        institution = getattr(entry, "host_institution", None)
        detail = ""
        if kind == "seminar":
            detail = ", ".join(part for part in (entry.seminar_title, entry.organiser) if part)
        elif kind == "lesson_observation":
            detail = entry.subject
        rows.append(
            {
                "id": f"entry-{entry.pk}",
                "kind": kind,
                "date": entry.date.isoformat(),
                "title": entry.title,
                "detail": detail,
                "place": f"{institution.name}, {institution.city}" if institution else "",
                "objectives": served.get(entry.pk, []),
            }
        )
    return rows


def skills(portfolio) -> dict:
    by_category = {category: [] for category in SKILL_CATEGORIES}
    assessed = portfolio.self_assessments.select_related("competence").order_by("sort_order", "pk")
    for row in assessed:
        competence = row.competence
        growth = row.level_after - row.level_before if row.level_after is not None else None
        by_category[europass_category(competence.category, competence.name)].append(
            {
                "id": f"competence-{competence.translation_key}",
                "name": competence.name,
                "level_before": row.level_before,
                "level_after": row.level_after,
                "target_level": row.target_level,
                "growth": growth,
                "eqf_level": competence.eqf_level,
                "esco_uri": competence.esco_uri,
            }
        )
    language = language_levels(portfolio)
    return {
        "by_category": by_category,
        "language": language,
        "competence_growth": competence_growth(by_category),
    }


def language_levels(portfolio) -> list[dict]:
    """English, skill by skill: the highest CEFR level the practice log records, and the hours.

    The log is kept once per portfolio and shown by its translations too (as on the portfolio
    page), so it is read by the portfolio's translation key.
    """
    rows = {
        skill: (level, minutes)
        for skill, level, minutes in PracticeLogEntry.objects.filter(
            portfolio__translation_key=portfolio.translation_key
        )
        .values_list("skill")
        .annotate(level=Max("level"), minutes=Sum("minutes"))
        .values_list("skill", "level", "minutes")
        .order_by()
    }
    return [
        {
            "id": f"language-en-{skill}",
            "language": "en",
            "skill": skill,
            "level": rows[skill][0],
            "hours": round(rows[skill][1] / 60, 1),
        }
        for skill in PracticeLogEntry.Skill.values
        if skill in rows
    ]


def competence_growth(by_category) -> dict:
    rows = [row for category in by_category.values() for row in category]
    grown = [row["growth"] for row in rows if row["growth"] is not None]
    return {
        "assessed": len(rows),
        "assessed_after": len(grown),
        "improved": sum(1 for growth in grown if growth > 0),
        "average_growth": round(sum(grown) / len(grown), 2) if grown else None,
    }


def canonical_json(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(data) -> str:
    """A SHA-256 of the record in canonical JSON: equal records, equal hashes, whatever the order
    their keys were written in."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def skill_rows(data) -> list[dict]:
    """Every skill the record lists, each with its ``id`` and Europass category, in order."""
    rows = []
    for category, items in data["skills"]["by_category"].items():
        rows.extend({**item, "category": category} for item in items)
    rows.extend({**item, "category": LANGUAGE} for item in data["skills"]["language"])
    return rows


def changes_since(confirmed: dict, current: dict) -> list[dict]:
    """What differs between the record a mentor confirmed and the record now, section by
    section: activities and skills added, removed or changed, and any other section changed.

    Each change is ``{"section", "change": added | removed | changed, "label"}``.
    """
    if record_hash(confirmed) == record_hash(current):
        return []
    found = []
    for section, rows_of, label_of in (
        ("activities", lambda data: data.get("activities", []), lambda row: row["title"]),
        ("skills", skill_rows_safe, skill_label),
    ):
        before = {row["id"]: row for row in rows_of(confirmed)}
        after = {row["id"]: row for row in rows_of(current)}
        for key, row in after.items():
            if key not in before:
                found.append({"section": section, "change": "added", "label": label_of(row)})
            elif canonical_json(row) != canonical_json(before[key]):
                found.append({"section": section, "change": "changed", "label": label_of(row)})
        for key, row in before.items():
            if key not in after:
                found.append({"section": section, "change": "removed", "label": label_of(row)})
    for section in sorted(set(confirmed) | set(current)):
        if section in ("activities", "skills"):
            continue
        if canonical_json(confirmed.get(section)) != canonical_json(current.get(section)):
            found.append({"section": section, "change": "changed", "label": ""})
    return found


def skill_rows_safe(data) -> list[dict]:
    try:
        return skill_rows(data)
    except (KeyError, TypeError, AttributeError):
        return []


def skill_label(row) -> str:
    if row.get("category") == LANGUAGE and "skill" in row:
        return gettext("English: %(skill)s") % {"skill": language_skill_label(row["skill"])}
    return row.get("name", "")


def language_skill_label(skill: str) -> str:
    try:
        return str(PracticeLogEntry.Skill(skill).label)
    except ValueError:
        return skill


def entry_id(activity_id: str) -> int | None:
    prefix, _sep, number = activity_id.partition("-")
    if prefix != "entry" or not number.isascii() or not number.isdigit():
        return None
    return int(number)
