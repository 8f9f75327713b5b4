"""What every output shows of a results page: its presented sections, with links that work where
the file is read, and the zip archives the bundle and the pack travel in."""

from __future__ import annotations

import io
import re
import zipfile

from django.utils import timezone, translation

from dissemination.models import present


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


def hero_rendition(page):
    if page.hero_image is None:
        return None
    try:
        return page.hero_image.get_rendition("width-960")
    except Exception:  # a file gone from storage leaves the brochure without its picture
        return None


def zip_of(members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            data = members[name]
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()
