"""The PDF brochure: the published page, printed.

WeasyPrint fetches nothing but files under ``MEDIA_ROOT`` (``portfolios.pdf.MediaOnlyFetcher``),
so the hero picture is passed as a ``file://`` address there."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.template.loader import render_to_string

from dissemination import funding
from dissemination.outputs.rendering import absolute, hero_rendition, page_context, site_root
from dissemination.withdrawn import still_public


def brochure_html(page) -> str:
    context = page_context(
        page, still_public(page.compiled), absolute(site_root(page)), page.dissemination_log.all()
    )
    context["hero_src"] = hero_file_url(page)
    context["funding"] = funding.for_print(page)
    return render_to_string("dissemination/outputs/brochure.html", context)


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
