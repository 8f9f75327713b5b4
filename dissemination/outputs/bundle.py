"""The static HTML bundle: the published page and each public entry and idea it links, as files
that open without a network."""

from __future__ import annotations

import re
from functools import partial
from pathlib import PurePosixPath

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dissemination import funding
from dissemination.material import PublicMaterial, page_url
from dissemination.outputs.rendering import (
    absolute,
    absolute_links,
    hero_rendition,
    page_context,
    site_root,
    zip_of,
)
from dissemination.withdrawn import still_public


def public_pages_linked(pages, compiled):
    """Those of ``pages`` (public material) that the compiled page links, by URL."""
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
