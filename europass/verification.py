"""What the public verification page shows of a confirmed record.

Anyone holding the PDF can open the page, so it shows only what an anonymous visitor may see on
the site (``core.visibility``), asked now rather than when the mentor confirmed: the facts of the
mobility (holder, project, organisations, period) and the confirmation itself, which the
participant shares by handing the document on; an activity's title only while its entry is
public, otherwise just how many such activities were confirmed; the self-assessment and the
mentor's comment only while the portfolio is public; the English levels only while the practice
log is public.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from core.visibility import can_view, visible_to
from europass.actions import current_data
from europass.record import entry_id, record_hash, skill_rows_safe
from portfolios.models import EntryPage, PracticeLogEntry


def public_view(record) -> dict:
    """The verification page's content for ``record``: ``confirmation`` is None while no mentor
    has confirmed it."""
    anonymous = AnonymousUser()
    confirmation = record.latest_confirmation()
    if confirmation is None:
        return {"confirmation": None}
    snapshot = confirmation.snapshot
    portfolio = record.portfolio
    portfolio_public = can_view(anonymous, portfolio)
    log_public = can_view(anonymous, PracticeLogEntry(portfolio=portfolio))
    ids = {entry_id(row["id"]) for row in snapshot.get("activities", [])} - {None}
    public_ids = set(
        visible_to(EntryPage.objects.live().filter(pk__in=ids), anonymous).values_list(
            "pk", flat=True
        )
    )
    corrections = confirmation.corrections or {}
    activity_notes = corrections.get("activities", {})
    skill_notes = corrections.get("skills", {})
    activities, hidden = [], 0
    for row in snapshot.get("activities", []):
        if entry_id(row["id"]) in public_ids:
            activities.append({**row, "review": activity_notes.get(row["id"], {})})
        else:
            hidden += 1
    skills = []
    for row in skill_rows_safe(snapshot):
        language = row["category"] == "language" and "skill" in row
        if (language and log_public) or (not language and portfolio_public):
            skills.append({**row, "review": skill_notes.get(row["id"], {})})
    return {
        "confirmation": confirmation,
        "holder": snapshot.get("holder", {}).get("name", ""),
        "project": snapshot.get("project"),
        "sending_organisation": snapshot.get("sending_organisation"),
        "host_organisation": snapshot.get("host_organisation"),
        "period": snapshot.get("period"),
        "activities": activities,
        "hidden_activities": hidden,
        "skills": skills,
        "skills_hidden": not portfolio_public,
        "comment": confirmation.comment if portfolio_public else "",
        "changed": record_hash(current_data(record)) != confirmation.snapshot_hash,
    }
