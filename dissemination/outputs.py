"""The three outputs of a results page that travel: the PDF brochure, the static HTML bundle and
the coordinators' final-report pack.

The brochure and the bundle are made from the *published* page only (its row holds the live
content; ``compiled`` was built from public material) and the public entries it links, re-checked
through ``core.visibility`` for an anonymous visitor when the file is built. The pack is for the
project's coordinators: it reads the latest revision and everything of their own project,
whatever its visibility, and nothing of any other project.

Each built file lives in default storage under a private path naming the revision it was built
from (``results-outputs/<page>/<kind>-r<revision>.<ext>``), so building again with nothing
changed is skipped. The pack's tables change without a new revision, so the admin asks for it
to be rebuilt (``force``) each time.

WeasyPrint fetches nothing but files under ``MEDIA_ROOT`` (``portfolios.pdf.MediaOnlyFetcher``).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Avg, Count, F, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.languages import in_language
from core.spreadsheets import csv_text
from dissemination import funding
from dissemination.models import ResultsPage, present
from dissemination.withdrawn import still_public

logger = logging.getLogger(__name__)

ROOT = "results-outputs"
ENTRY_TYPES_IN_ACTIVITIES = ("seminarnotepage", "lessonobservationpage", "institutionvisitpage")


@dataclass(frozen=True)
class Kind:
    name: str
    extension: str
    content_type: str
    label: str
    # Built from the published revision (public), or from the latest one (coordinators only).
    public: bool


BROCHURE = Kind("brochure", "pdf", "application/pdf", _("PDF brochure"), True)
BUNDLE = Kind("bundle", "zip", "application/zip", _("Static HTML bundle"), True)
PACK = Kind("report-pack", "zip", "application/zip", _("Final-report pack"), False)
KINDS = {kind.name: kind for kind in (BROCHURE, BUNDLE, PACK)}


def source_revision_id(page, kind):
    """The revision an output is built from: the live one for public outputs, else the latest."""
    if kind.public:
        return page.live_revision_id if page.live else None
    return page.latest_revision_id


def stored_name(page, kind, revision_id):
    """The file of ``kind`` built from ``revision_id`` as the public material stands now.

    A public output leaves out what its owners have withdrawn since the compile
    (``dissemination.withdrawn``), so its name also says what that is: after a withdrawal the
    old file is never served again, and the next download or build makes a new one.
    """
    withdrawn = withdrawn_from(page) if kind.public else ""
    suffix = f"-w{withdrawn}" if withdrawn else ""
    return f"{ROOT}/{page.pk}/{kind.name}-r{revision_id}{suffix}.{kind.extension}"


def withdrawn_from(page):
    from dissemination.withdrawn import fingerprint

    return fingerprint(page.compiled)


def built_name(page, kind):
    """The stored file of ``kind`` for the page's current source revision, if it is built."""
    revision_id = source_revision_id(page, kind)
    if revision_id is None:
        return None
    name = stored_name(page, kind, revision_id)
    return name if default_storage.exists(name) else None


def latest_built(page, kind):
    """The newest stored file of ``kind`` for the page, whatever revision it was built from."""
    folder = f"{ROOT}/{page.pk}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return None
    pattern = re.compile(rf"^{re.escape(kind.name)}-r(\d+)(?:-w[0-9a-f]+)?\.{kind.extension}$")
    built = [(int(m.group(1)), m.group(0)) for m in map(pattern.match, files) if m]
    return f"{folder}/{max(built)[1]}" if built else None


def build(page_id, kind_name, force=False):
    """Build one output of a results page and store it; returns the stored name, or None when
    there is nothing to build from (no such page, or a public output of an unpublished page).

    Idempotent: with the file of the current revision already stored, nothing is done unless
    ``force``; older files of the same kind are removed once the new one is stored.
    """
    kind = KINDS[kind_name]
    page = ResultsPage.objects.filter(pk=page_id).first()
    if page is None:
        return None
    revision_id = source_revision_id(page, kind)
    if revision_id is None:
        return None
    name = stored_name(page, kind, revision_id)
    if default_storage.exists(name):
        if not force:
            return name
        default_storage.delete(name)
    maker = {BROCHURE: brochure_pdf, BUNDLE: html_bundle, PACK: report_pack}[kind]
    with translation.override(page.locale.language_code):
        content = maker(page)
    saved = default_storage.save(name, ContentFile(content))
    remove_older(page, kind, keep=saved)
    return saved


def remove_older(page, kind, keep):
    folder = f"{ROOT}/{page.pk}"
    _dirs, files = default_storage.listdir(folder)
    for file in files:
        path = f"{folder}/{file}"
        if file.startswith(f"{kind.name}-r") and path != keep:
            default_storage.delete(path)


# What the outputs show.


def site_root(page):
    """The public site's address, for links to what an output does not carry itself.

    The Site's own address, unless it is still the ``localhost`` placeholder the first migration
    wrote: then ``WAGTAILADMIN_BASE_URL``, which every deployment sets to where the site runs.
    """
    from django.conf import settings

    site = page.get_site()
    if site is None or site.hostname == "localhost":
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url


# href="/…" and src="/…" (from rich text, mostly): root-relative addresses open nothing in a file
# on disk, so the bundle points them at the public site instead.
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html, root):
    return ROOT_RELATIVE.sub(lambda match: f"{match.group(1)}{root}/", html)


def relinked(value, link):
    """``value`` (the presented sections) with every ``url`` passed through ``link``."""
    if isinstance(value, dict):
        return {
            key: link(item) if key == "url" and isinstance(item, str) else relinked(item, link)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [relinked(item, link) for item in value]
    return value


def absolute(root):
    def link(url):
        return url if url.startswith(("http://", "https://")) else f"{root}{url}"

    return link


def page_context(page, compiled, link, dissemination_log):
    return {
        "language_code": translation.get_language(),
        "page": page,
        "hub": page.project,
        "results": relinked(present(compiled, excluded_quotes=page.excluded_quotes), link),
        "dissemination_log": dissemination_log,
        "made_at": timezone.localtime(),
    }


def brochure_html(page) -> str:
    context = page_context(
        page, still_public(page.compiled), absolute(site_root(page)), page.dissemination_log.all()
    )
    context["hero_src"] = hero_file_url(page)
    context["funding"] = funding.for_print(page)
    return render_to_string("dissemination/outputs/brochure.html", context)


def hero_rendition(page):
    if page.hero_image is None:
        return None
    try:
        return page.hero_image.get_rendition("width-960")
    except Exception:  # a file gone from storage leaves the brochure without its picture
        return None


def hero_file_url(page):
    """The hero picture as a ``file://`` address under MEDIA_ROOT, the only kind WeasyPrint may
    read; None without a picture or with a storage that has no local files."""
    rendition = hero_rendition(page)
    if rendition is None:
        return None
    try:
        return PurePosixPath(rendition.file.path).as_uri()
    except (NotImplementedError, ValueError):
        return None


def brochure_pdf(page) -> bytes:
    from weasyprint import HTML

    from portfolios.pdf import MediaOnlyFetcher

    html = brochure_html(page)
    return HTML(string=html, base_url=None, url_fetcher=MediaOnlyFetcher()).write_pdf()


# The static bundle.


def public_pages_linked(pages, compiled):
    """Those of ``pages`` (public material) that the compiled page links, by URL."""
    from dissemination.material import page_url

    urls = linked_urls(compiled)
    slugs = {part for url in urls if (part := url.rstrip("/").rsplit("/", 1)[-1])}
    if not slugs:
        return {}
    condition = Q()
    for slug in slugs:
        condition |= Q(url_path__endswith=f"/{slug}/")
    return {
        url: page for page in pages.filter(condition) if (url := page_url(page.url_path)) in urls
    }


def public_ideas_linked(hub, compiled):
    """The ideas the compiled page links that an anonymous visitor may still open, by URL."""
    from dissemination.material import PublicMaterial

    return public_pages_linked(PublicMaterial(hub).ideas, compiled)


def idea_file(idea):
    return f"ideas/{idea.slug}.html"


def linked_urls(compiled):
    """Every address in the compiled sections."""
    urls = set()

    def collect(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "url" and isinstance(item, str):
                    urls.add(item)
                else:
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(compiled)
    return urls


def public_entries_linked(hub, compiled):
    """The entries the compiled page links that an anonymous visitor may still open, by URL."""
    from dissemination.material import PublicMaterial

    return public_pages_linked(PublicMaterial(hub).entries.specific(), compiled)


def entry_file(entry):
    return f"entries/{entry.portfolio.slug}-{entry.slug}.html"


ENTRY_ANCHOR = re.compile(r'href="#entry-([^"]*)"')


def sibling_link(siblings, match):
    slug = match.group(1)
    return f'href="{siblings[slug]}"' if slug in siblings else ""


def html_bundle(page) -> bytes:
    """The published page as ``index.html`` and each public entry and idea it links as a page
    of its own, with their images, all linked relatively, so the folder opens without a network.
    What the bundle does not carry (a whole portfolio, a page linked from rich text) is linked
    at its address on the public site (``site_root``)."""
    from portfolios.exports import PortfolioExport, entry_for_reading

    hub = page.project
    root = site_root(page)
    compiled = still_public(page.compiled)
    entries = public_entries_linked(hub, compiled)
    files = {
        f"entries/{entry.portfolio.slug}-{entry.slug}.html": entry for entry in entries.values()
    }
    ideas = public_ideas_linked(hub, compiled)
    by_url = {url: entry_file(entry) for url, entry in entries.items()}
    by_url.update({url: idea_file(idea) for url, idea in ideas.items()})
    outside = absolute(root)

    def link(url):
        return by_url[url] if url in by_url else outside(url)

    acknowledgement, members = funding.for_bundle(page)
    hero_src = None
    rendition = hero_rendition(page)
    if rendition is not None:
        try:
            with rendition.file.open("rb") as source:
                hero_src = f"files/hero{PurePosixPath(rendition.file.name).suffix.lower()}"
                members[hero_src] = source.read()
        except OSError:
            hero_src = None
    context = page_context(page, compiled, link, page.dissemination_log.all())
    context.update(hero_src=hero_src, entry_count=len(files), funding=acknowledgement)
    members["index.html"] = render_to_string("dissemination/outputs/bundle_index.html", context)
    for url, idea in ideas.items():
        members[idea_file(idea)] = render_to_string(
            "dissemination/outputs/bundle_idea.html",
            {
                "language_code": translation.get_language(),
                "page": page,
                "idea": idea,
                "site_url": outside(url),
                "funding": acknowledgement,
            },
        )

    exports = {}
    objective_texts = dict(hub.objectives.values_list("number", "text"))
    for path, entry in sorted(files.items()):
        siblings = {
            e.slug: f"{e.portfolio.slug}-{e.slug}.html"
            for e in files.values()
            if e.portfolio_id == entry.portfolio_id
        }
        portfolio = entry.portfolio
        if portfolio.pk not in exports:
            exports[portfolio.pk] = PortfolioExport(portfolio, AnonymousUser())
        export = exports[portfolio.pk]
        readable = entry_for_reading(export.entry(entry), export.file_details, objective_texts)
        html = render_to_string(
            "dissemination/outputs/bundle_entry.html",
            {
                "language_code": translation.get_language(),
                "page": page,
                "entry": readable,
                "portfolio": portfolio,
                "portfolio_url": outside(portfolio.get_url() or ""),
                "made_at": timezone.localtime(),
                "funding": acknowledgement,
            },
        )
        # Links between entries of one portfolio point at its export's anchors: here, at the
        # entry's own file when it travels too, and nowhere otherwise.
        members[path] = ENTRY_ANCHOR.sub(partial(sibling_link, siblings), html)
        for file_path, data in export.files.items():
            members[file_path] = data
    for name, data in members.items():
        if name.endswith(".html"):
            members[name] = absolute_links(data, root)
    return zip_of(members)


def zip_of(members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            data = members[name]
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


# The coordinators' pack.


def report_pack(page) -> bytes:
    """Everything a coordinator needs for the final report of their own project: the results
    summary (the latest revision, drafts included) and its tables as CSV."""
    draft = page.get_latest_revision_as_object()
    hub = page.project
    root = site_root(page)
    context = page_context(draft, draft.compiled, absolute(root), draft.dissemination_log.all())
    context["hero_src"] = None
    context["funding"] = funding.acknowledgement(funding.portal_settings(page))
    return zip_of(
        {
            "summary.html": render_to_string("dissemination/outputs/brochure.html", context),
            "participants.csv": participants_csv(hub),
            "competence-growth.csv": competence_growth_csv(hub),
            "activities.csv": activities_csv(hub),
            "dissemination-log.csv": dissemination_log_csv(draft),
            "ideas.csv": ideas_csv(hub),
        }
    )


def project_portfolios(hub):
    from portfolios.models import PortfolioPage

    # Each portfolio once, in the hub's language where it has been translated.
    return in_language(
        PortfolioPage.objects.filter(project__translation_key=hub.translation_key), hub.locale_id
    )


def participants_csv(hub):
    """One row per participant of the project: their portfolio, average levels before and after
    across their self-assessment, and the hours of English practice they logged."""
    from core.models import ProjectMembership
    from portfolios.models import PracticeLogEntry, SelfAssessment

    members = (
        ProjectMembership.objects.filter(
            project__translation_key=hub.translation_key,
            role=ProjectMembership.Role.PARTICIPANT,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    portfolios = {
        row["participant_id"]: row
        for row in project_portfolios(hub).values(
            "pk", "participant_id", "title", "institution", "translation_key"
        )
    }
    portfolio_ids = [row["pk"] for row in portfolios.values()]
    growth = {
        row["portfolio_id"]: row
        for row in SelfAssessment.objects.filter(portfolio_id__in=portfolio_ids)
        .order_by()
        .values("portfolio_id")
        .annotate(
            competences=Count("pk"),
            before=Avg("level_before"),
            after=Avg("level_after"),
            growth=Avg(F("level_after") - F("level_before")),
        )
    }
    # The log is kept on the portfolio it was written to, in whichever language.
    minutes = dict(
        PracticeLogEntry.objects.filter(
            portfolio__translation_key__in=[row["translation_key"] for row in portfolios.values()]
        )
        .values_list("portfolio__translation_key")
        .annotate(Sum("minutes"))
        .order_by()
    )
    rows = []
    seen = set()
    for membership in members:
        user = membership.user
        if user.pk in seen:
            continue
        seen.add(user.pk)
        portfolio = portfolios.get(user.pk, {})
        assessed = growth.get(portfolio.get("pk"), {})
        rows.append(
            [
                user.get_full_name() or user.username,
                user.email,
                portfolio.get("title", ""),
                portfolio.get("institution", ""),
                assessed.get("competences", 0),
                decimal(assessed.get("before")),
                decimal(assessed.get("after")),
                decimal(assessed.get("growth")),
                decimal(minutes.get(portfolio.get("translation_key"), 0) / 60),
            ]
        )
    header = (
        _("Participant"),
        _("Email"),
        _("Portfolio"),
        _("Institution"),
        _("Competences assessed"),
        _("Average level before"),
        _("Average level after"),
        _("Average growth"),
        _("Hours of English practice"),
    )
    return csv_text(header, rows)


def decimal(value):
    return "" if value is None else f"{value:.2f}"


def competence_growth_csv(hub):
    from portfolios.models import SelfAssessment

    rows = (
        SelfAssessment.objects.filter(portfolio__in=project_portfolios(hub))
        .order_by("portfolio__title", "competence__name", "pk")
        .values_list(
            "portfolio__title", "competence__name", "level_before", "level_after", "target_level"
        )
    )
    header = (_("Portfolio"), _("Competence"), _("Before"), _("After"), _("Target"))
    return csv_text(
        header,
        (
            [title, name, before, "" if after is None else after, "" if target is None else target]
            for title, name, before, after, target in rows
        ),
    )


def activities_csv(hub):
    """Seminars, lesson observations and institution visits of the project's portfolios, live
    ones only (a draft is not an activity yet), of every visibility."""
    from portfolios.models import EntryPage

    entries = (
        in_language(
            EntryPage.objects.live().filter(
                portfolio__project__translation_key=hub.translation_key,
                content_type__model__in=ENTRY_TYPES_IN_ACTIVITIES,
            ),
            hub.locale_id,
        )
        .select_related("portfolio", "content_type")
        .specific()
        .order_by("date", "pk")
    )
    rows = []
    for entry in entries:
        host = getattr(entry, "host_institution", None)
        rows.append(
            [
                entry.date.isoformat(),
                entry.specific_class._meta.verbose_name,
                entry.title,
                entry.portfolio.title,
                getattr(entry, "seminar_title", "") or getattr(entry, "subject", ""),
                getattr(entry, "organiser", "") or (host.name if host else ""),
                host.city if host else "",
                host.country if host else "",
                entry.get_visibility_display(),
                entry.full_url or "",
            ]
        )
    header = (
        _("Date"),
        _("Activity"),
        _("Title"),
        _("Portfolio"),
        _("Seminar or subject"),
        _("Organiser or host"),
        _("City"),
        _("Country"),
        _("Visibility"),
        _("Address"),
    )
    return csv_text(header, rows)


def dissemination_log_csv(page):
    header = (_("Date"), _("Event or channel"), _("Audience"), _("Link"))
    return csv_text(
        header,
        (
            [activity.date.isoformat(), activity.event, activity.audience, activity.link]
            for activity in page.dissemination_log.all()
        ),
    )


def ideas_csv(hub):
    from ideas.models import IdeaPage

    ideas = (
        in_language(
            IdeaPage.objects.filter(project__translation_key=hub.translation_key), hub.locale_id
        )
        .select_related("owner")
        .order_by("first_published_at", "pk")
    )
    rows = [
        [
            idea.title,
            idea.get_status_display(),
            (idea.owner.get_full_name() or idea.owner.username) if idea.owner else "",
            idea.get_visibility_display(),
            _("yes") if idea.live else _("no"),
            idea.summary,
            idea.first_published_at.date().isoformat() if idea.first_published_at else "",
        ]
        for idea in ideas
    ]
    header = (
        _("Idea"),
        _("Status"),
        _("Author"),
        _("Visibility"),
        _("Published"),
        _("Summary"),
        _("First published"),
    )
    return csv_text(header, ([str(cell) for cell in row] for row in rows))


# The admin's state of each output.


def queued_key(page_id, kind_name):
    return f"dissemination:output-queued:{page_id}:{kind_name}"


# A queued build older than this is taken for lost and may be asked for again.
QUEUED_SECONDS = 15 * 60


def queue_build(page, kind, force=False):
    """Mark the build as queued (for the admin to show) and send the task after the commit."""
    from django.core.cache import cache
    from django.db import transaction

    from dissemination.tasks import build_results_output

    key = queued_key(page.pk, kind.name)
    cache.set(key, True, QUEUED_SECONDS)

    def publish():
        try:
            build_results_output.apply_async((page.pk, kind.name, force), retry=False)
        except Exception:
            logger.warning("Could not queue the %s of results page %s.", kind.name, page.pk)
            cache.delete(key)

    transaction.on_commit(publish)


def states(page):
    """What the admin shows of each output: built for the current revision, outdated, queued,
    or not built, with what it is built from."""
    from django.core.cache import cache

    result = []
    for kind in KINDS.values():
        revision_id = source_revision_id(page, kind)
        name = built_name(page, kind)
        result.append(
            {
                "kind": kind,
                "source_revision": revision_id,
                "ready": name is not None,
                "outdated": name is None and latest_built(page, kind) is not None,
                "queued": bool(cache.get(queued_key(page.pk, kind.name))),
                "buildable": revision_id is not None,
            }
        )
    return result
