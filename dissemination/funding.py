"""The funding acknowledgement that a results page, its PDF brochure and its HTML bundle carry.

Projects funded by Erasmus+ must show the EU's acknowledgement and disclaimer wherever they
publish their results. The text (per language) and an optional emblem are site settings
(``home.PortalSettings``); each output only says where its copy of the emblem lives: a rendition
URL on the web page, a file under MEDIA_ROOT for WeasyPrint, a file inside the bundle.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

logger = logging.getLogger(__name__)

EMBLEM_RENDITION = "height-120"


@dataclass(frozen=True)
class Funding:
    text: str
    emblem_src: str = ""


def portal_settings(page, request=None):
    from home.models import PortalSettings

    if request is not None:
        return PortalSettings.for_request_cached(request)
    site = page.get_site()
    return PortalSettings.for_site(site) if site is not None else None


def emblem_rendition(settings):
    if settings is None or settings.funding_emblem_id is None:
        return None
    try:
        return settings.funding_emblem.get_rendition(EMBLEM_RENDITION)
    except Exception:  # a file gone from storage leaves the text without its emblem
        logger.warning("The funding emblem could not be rendered.", exc_info=True)
        return None


def acknowledgement(settings, emblem_src="") -> Funding | None:
    """What to show in the active language, or None when the site shows no acknowledgement."""
    text = settings.funding_acknowledgement() if settings is not None else ""
    if not text and not emblem_src:
        return None
    return Funding(text=text, emblem_src=emblem_src)


def for_web(page, request=None) -> Funding | None:
    settings = portal_settings(page, request)
    rendition = emblem_rendition(settings)
    return acknowledgement(settings, rendition.url if rendition is not None else "")


def for_print(page) -> Funding | None:
    """For WeasyPrint, which reads only ``file://`` addresses under MEDIA_ROOT."""
    settings = portal_settings(page)
    rendition = emblem_rendition(settings)
    src = ""
    if rendition is not None:
        try:
            src = PurePosixPath(rendition.file.path).as_uri()
        except (NotImplementedError, ValueError):
            src = ""
    return acknowledgement(settings, src)


def for_bundle(page) -> tuple[Funding | None, dict[str, bytes]]:
    """The acknowledgement with its emblem as a file of the bundle (``files/…``), and that file."""
    settings = portal_settings(page)
    rendition = emblem_rendition(settings)
    files = {}
    if rendition is not None:
        name = f"files/funding-emblem{PurePosixPath(rendition.file.name).suffix.lower()}"
        try:
            with rendition.file.open("rb") as source:
                files[name] = source.read()
        except OSError:
            files = {}
    return acknowledgement(settings, next(iter(files), "")), files
