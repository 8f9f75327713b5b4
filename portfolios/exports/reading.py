"""``index.html``: the offline page of an export, drawn from the same data as
``portfolio.json`` (also the way the results bundle shows a public entry)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.visibility import Visibility
from portfolios.exports.archive import ENTRY_LINK, ENTRY_TYPES
from portfolios.models import PracticeLogEntry


def rich_text_for_reading(html):
    """Portable rich text as ``index.html`` shows it: links between entries become anchors."""
    return mark_safe(ENTRY_LINK.sub(r'<a href="#entry-\1">', html))  # noqa: S308 - cleaned on export


def render_index(manifest, project) -> str:
    """The offline page of an export, drawn from the same data as ``portfolio.json``.

    ``project`` (the portfolio's hub, if it has one) lends the words of its objectives and its
    time zone.
    """
    objective_texts = {}
    time_zone = datetime.UTC
    if project is not None:
        objective_texts = dict(project.objectives.values_list("number", "text"))
        time_zone = project.time_zone
    entries = [
        entry_for_reading(entry, manifest["files"], objective_texts)
        for entry in manifest["entries"]
    ]
    titles = {entry["slug"]: entry["title"] for entry in manifest["entries"]}
    rows = manifest["self_assessment"]
    context = {
        "language_code": get_language() or settings.LANGUAGE_CODE,
        "portfolio": manifest["portfolio"],
        "project": manifest["project"],
        "exported_at": datetime.datetime.fromisoformat(manifest["exported_at"]),
        "time_zone": time_zone,
        "self_assessment": [
            {**row, "evidence": [(slug, titles[slug]) for slug in row["evidence"]]} for row in rows
        ],
        "entries": entries,
        "practice": practice_for_reading(manifest["practice_log"]),
    }
    return render_to_string("portfolios/export/index.html", context)


def entry_for_reading(entry, files, objective_texts):
    entry_type = ENTRY_TYPES[entry["type"]]
    fields = entry["fields"]
    details = []
    for name in entry_type.text_fields:
        rich = name in entry_type.rich_text_fields
        value = rich_text_for_reading(fields[name]) if rich else fields[name]
        if value:
            details.append((entry_type.model._meta.get_field(name).verbose_name, value, rich))
    body = []
    for block in entry["body"]:
        value = block["value"]
        if block["type"] == "text":
            value = rich_text_for_reading(value)
        elif block["type"] == "document":
            value = {"path": value, "title": files[value]["title"]}
        body.append({"type": block["type"], "value": value})
    return {
        **entry,
        "type_label": entry_type.model._meta.verbose_name,
        "visibility_label": Visibility(entry["visibility"]).label,
        "date": datetime.date.fromisoformat(entry["date"]),
        "details": details,
        "host_institution": fields.get("host_institution"),
        "labour_market_rows": fields.get("labour_market_rows", []),
        "objectives": [(number, objective_texts.get(number, "")) for number in entry["objectives"]],
        "body": body,
    }


def practice_for_reading(rows):
    if rows is None:
        return None
    minutes = Counter()
    sessions = Counter()
    for row in rows:
        minutes[row["skill"]] += row["minutes"]
        sessions[row["skill"]] += 1
    return {
        "sessions": len(rows),
        "minutes": sum(minutes.values()),
        "by_skill": [
            {
                "label": skill.label,
                "sessions": sessions[skill.value],
                "minutes": minutes[skill.value],
            }
            for skill in PracticeLogEntry.Skill
            if sessions[skill.value]
        ],
        "rows": [
            {
                **row,
                "date": datetime.date.fromisoformat(row["date"]),
                "skill": PracticeLogEntry.Skill(row["skill"]).label,
                "activity": PracticeLogEntry.Activity(row["activity"]).label,
            }
            for row in rows
        ],
    }
