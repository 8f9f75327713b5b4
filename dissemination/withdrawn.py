"""What the owners have withdrawn since the compile leaves every public results surface at once.

A results page shows the sections its editors approved (``ResultsPage.compiled``), but the
material they quote belongs to its owners, who may make it private, unpublish or delete it at any
time; the compile may never run again (it stops after the dissemination window) and a new one
waits for an editor. So when the page, its brochure or its bundle is served, ``still_public``
narrows the compiled sections to what an anonymous visitor may still open now, with the same
rule the compile used (``core.visibility.visible_to`` for an anonymous visitor, live, without a
view restriction, in a live portfolio): one query per kind (portfolios, entries, ideas, and
practice logs where the page shows practice) for the ids the sections hold, however many there
are.

What goes, and what happens to the figures:

- every linked entry, idea or participant no longer public, every quote of such a reflection,
  every labour-market highlight of such a visit;
- every count is recounted from the ids it counted (the compile stores them all, not only those
  it lists), so a count never includes what was withdrawn; a seminar, a host institution or an
  institution line that only withdrawn entries put there goes with them;
- averages cannot be recounted from ids: a competence row or the English-practice figures that
  counted a portfolio (or a practice log) no longer public are withheld until the next compile,
  and the page says so.

Sections compiled before ids were stored name their material only by address: there an item is
kept if its address is still that of a public page, and a count that may include withdrawn
material is withheld (``None``) rather than shown.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

ENTRIES = "entries"
IDEAS = "ideas"
PORTFOLIOS = "portfolios"
# Portfolios whose practice log is still public (the log has a level of its own).
PRACTICE = "practice logs"
KINDS = (PORTFOLIOS, ENTRIES, IDEAS, PRACTICE)


@dataclass(frozen=True)
class Public:
    """The ids (and, for sections without ids, the addresses) of one kind still public."""

    ids: frozenset
    urls: frozenset
    withdrawn: frozenset

    def keeps(self, item) -> bool:
        if item.get("id") is not None:
            return item["id"] in self.ids
        return item.get("url") in self.urls

    def count(self, ids, compiled_count, lost_any):
        """``ids`` still public, or for sections without ids the compiled count unless
        something of this kind was withdrawn."""
        if ids is None:
            return None if lost_any else compiled_count
        return sum(1 for pk in ids if pk in self.ids)


def referenced(compiled):
    """The ids and id-less addresses the sections hold, by kind."""
    ids = {kind: set() for kind in KINDS}
    urls = {kind: set() for kind in KINDS}

    def item(kind, value):
        if value.get("id") is not None:
            ids[kind].add(value["id"])
        elif value.get("url"):
            urls[kind].add(value["url"])

    glance = compiled.get("glance", {})
    for person in glance.get("participants", []):
        item(PORTFOLIOS, person)
    for host in glance.get("host_institutions", []):
        ids[ENTRIES].update(host.get("entries", []))
    for objective in compiled.get("objectives", []):
        ids[ENTRIES].update(objective.get("entry_ids", []))
        ids[IDEAS].update(objective.get("idea_ids", []))
        for entry in objective.get("entries", []):
            item(ENTRIES, entry)
        for idea in objective.get("ideas", []):
            item(IDEAS, idea)
    for row in compiled.get("competences", []):
        ids[PORTFOLIOS].update(row.get("portfolios", []))
    practice_logs = (compiled.get("practice") or {}).get("portfolios", [])
    ids[PORTFOLIOS].update(practice_logs)
    ids[PRACTICE].update(practice_logs)
    seminars = compiled.get("seminars", {})
    ids[ENTRIES].update(seminars.get("note_ids", []))
    for group in seminars.get("items", []):
        ids[ENTRIES].update(group.get("entries", []))
    for note in seminars.get("notes", []):
        item(ENTRIES, note)
    observations = compiled.get("observations", {})
    ids[ENTRIES].update(observations.get("entry_ids", []))
    for lesson in observations.get("items", []):
        item(ENTRIES, lesson)
    visits = compiled.get("visits", {})
    ids[ENTRIES].update(visits.get("entry_ids", []))
    ids[ENTRIES].update(visits.get("highlight_entries", []))
    for group in visits.get("institutions", []):
        ids[ENTRIES].update(group.get("entries", []))
    for visit in visits.get("items", []):
        item(ENTRIES, visit)
    for row in visits.get("highlights", []):
        if row.get("entry") is not None:
            ids[ENTRIES].add(row["entry"])
        else:
            urls[ENTRIES].add(row.get("url"))
    for row in compiled.get("ideas", {}).get("by_status", []):
        ids[IDEAS].update(row.get("idea_ids", []))
        for idea in row.get("ideas", []):
            item(IDEAS, idea)
    for quote in compiled.get("quotes", []):
        ids[ENTRIES].add(quote["entry"])
    return ids, urls


def public_rows(kind):
    """The rows of ``kind`` an anonymous visitor may open now: the compile's own rule."""
    from ideas.models import IdeaPage
    from portfolios.models import EntryPage, PortfolioPage, PracticeLogEntry

    anonymous = AnonymousUser()
    if kind == PRACTICE:
        return PracticeLogEntry.objects.visible_to(anonymous)
    if kind == PORTFOLIOS:
        rows = PortfolioPage.objects.live().public()
    elif kind == ENTRIES:
        rows = EntryPage.objects.live().public().filter(portfolio__live=True)
    else:
        rows = IdeaPage.objects.live().public()
    return rows.visible_to(anonymous)


# Beyond this many ids a project's pages are asked for by the range of their ids instead: a
# list that long would pass SQLite's limit of query parameters and slow any database down.
ID_LIST_LIMIT = 1000


def by_id(ids):
    if not ids:
        return Q(pk__in=[])
    if len(ids) > ID_LIST_LIMIT:
        return Q(id__range=(min(ids), max(ids)))
    return Q(pk__in=sorted(ids))


def public_now(ids, urls, kind) -> Public:
    from dissemination.material import page_url

    if not ids and not urls:
        return Public(frozenset(), frozenset(), frozenset())
    if kind == PRACTICE:
        found = set(
            public_rows(kind)
            .filter(portfolio_id__in=sorted(ids))
            .order_by()
            .values_list("portfolio_id", flat=True)
            .distinct()
        )
        return Public(frozenset(found), frozenset(), frozenset(ids - found))
    condition = by_id(ids)
    for url in urls:
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        if slug:
            condition |= Q(url_path__endswith=f"/{slug}/")
    found = list(public_rows(kind).filter(condition).values_list("pk", "url_path"))
    public_ids = frozenset(pk for pk, _path in found if pk in ids)
    public_urls = (
        frozenset(url for _pk, path in found if (url := page_url(path)) in urls)
        if urls
        else frozenset()
    )
    withdrawn = frozenset(ids - public_ids) | frozenset(f"url:{url}" for url in urls - public_urls)
    return Public(public_ids, public_urls, withdrawn)


def public_material(compiled) -> dict[str, Public]:
    ids, urls = referenced(compiled or {})
    return {kind: public_now(ids[kind], urls[kind], kind) for kind in KINDS}


def fingerprint(compiled) -> str:
    """A short name for what has been withdrawn from ``compiled`` ("" while nothing has), for the
    stored outputs: a file built before a withdrawal is never served after it."""
    material = public_material(compiled)
    withdrawn = sorted(
        f"{kind}:{pk}" for kind, public in material.items() for pk in public.withdrawn
    )
    if not withdrawn:
        return ""
    return hashlib.sha256("\n".join(withdrawn).encode()).hexdigest()[:12]


def still_public(compiled, material=None):
    """``compiled`` less everything no longer public, its counts recounted (see the module)."""
    if not compiled:
        return compiled
    material = material or public_material(compiled)
    if not any(public.withdrawn for public in material.values()):
        return compiled
    entries, ideas, portfolios = material[ENTRIES], material[IDEAS], material[PORTFOLIOS]
    lost_entries, lost_ideas = bool(entries.withdrawn), bool(ideas.withdrawn)

    def kept(items, public):
        return [item for item in items if public.keeps(item)]

    def recount_entries(ids):
        return [pk for pk in ids if pk in entries.ids]

    def regrouped(groups, count_key):
        """Groups with their count of entries still public; those left with none go."""
        result = []
        for group in groups:
            still = recount_entries(group["entries"])
            if still:
                result.append({**group, count_key: len(still)})
        return result

    glance = dict(compiled["glance"])
    glance["participants"] = kept(glance.get("participants", []), portfolios)
    hosts = glance.get("host_institutions", [])
    if all("entries" in host for host in hosts):
        glance["host_institutions"] = [host for host in hosts if recount_entries(host["entries"])]
    elif lost_entries:
        glance["host_institutions"] = []

    objectives = [
        {
            **objective,
            "entry_count": entries.count(
                objective.get("entry_ids"), objective["entry_count"], lost_entries
            ),
            "idea_count": ideas.count(
                objective.get("idea_ids"), objective["idea_count"], lost_ideas or lost_entries
            ),
            "entries": kept(objective["entries"], entries),
            "ideas": kept(objective["ideas"], ideas),
        }
        for objective in compiled["objectives"]
    ]

    def counted_public(portfolio_ids):
        if portfolio_ids is None:  # compiled before ids: only a withdrawn portfolio tells
            return not portfolios.withdrawn
        return all(pk in portfolios.ids for pk in portfolio_ids)

    withheld = []
    competences = [row for row in compiled["competences"] if counted_public(row.get("portfolios"))]
    if len(competences) < len(compiled["competences"]):
        withheld.append("competences")
    practice = compiled["practice"]
    if practice and not (
        counted_public(practice.get("portfolios"))
        and all(pk in material[PRACTICE].ids for pk in practice.get("portfolios", []))
    ):
        practice = None
        withheld.append("practice")

    seminars = compiled["seminars"]
    if "note_ids" in seminars:
        groups = regrouped(seminars["items"], "notes")
        seminars = {
            **seminars,
            "items": groups,
            "count": seminars["count"] - (len(seminars["items"]) - len(groups)),
            "note_count": len(recount_entries(seminars["note_ids"])),
            "notes": kept(seminars["notes"], entries),
        }
    else:
        seminars = {
            **seminars,
            "items": [] if lost_entries else seminars["items"],
            "count": None if lost_entries else seminars["count"],
            "note_count": None if lost_entries else seminars["note_count"],
            "notes": kept(seminars["notes"], entries),
        }

    observations = compiled["observations"]
    observations = {
        **observations,
        "count": entries.count(observations.get("entry_ids"), observations["count"], lost_entries),
        "items": kept(observations["items"], entries),
    }

    visits = compiled["visits"]
    highlights = [
        row
        for row in visits["highlights"]
        if (
            row["entry"] in entries.ids
            if row.get("entry") is not None
            else row["url"] in entries.urls
        )
    ]
    highlight_entries = visits.get("highlight_entries")
    visits = {
        **visits,
        "count": entries.count(visits.get("entry_ids"), visits["count"], lost_entries),
        "institutions": regrouped(visits["institutions"], "reports")
        if "entry_ids" in visits
        else ([] if lost_entries else visits["institutions"]),
        "items": kept(visits["items"], entries),
        "highlight_count": entries.count(
            highlight_entries, visits["highlight_count"], lost_entries
        ),
        "highlights": highlights,
    }

    by_status = []
    for row in compiled["ideas"]["by_status"]:
        count = ideas.count(row.get("idea_ids"), row["count"], lost_ideas)
        listed = kept(row["ideas"], ideas)
        if count == 0 or (count is None and not listed):
            continue
        by_status.append({**row, "count": count, "ideas": listed})
    counts = [row["count"] for row in by_status]
    idea_section = {
        **compiled["ideas"],
        "count": None if None in counts else sum(counts),
        "by_status": by_status,
    }

    return {
        **compiled,
        "glance": glance,
        "objectives": objectives,
        "competences": competences,
        "practice": practice,
        "seminars": seminars,
        "observations": observations,
        "visits": visits,
        "ideas": idea_section,
        "quotes": [quote for quote in compiled["quotes"] if quote["entry"] in entries.ids],
        "withheld": withheld,
    }
