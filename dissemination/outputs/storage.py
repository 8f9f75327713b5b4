"""The kinds of output, where each built file is stored, and the admin's state of each.

Each built file lives in default storage under a private path naming the revision it was built
from (``results-outputs/<page>/<kind>-r<revision>.<ext>``), so building again with nothing
changed is skipped. The pack's tables change without a new revision, so the admin asks for it
to be rebuilt (``force``) each time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dissemination.models import ResultsPage
from dissemination.outputs.brochure import brochure_pdf
from dissemination.outputs.bundle import html_bundle
from dissemination.outputs.pack import report_pack
from dissemination.withdrawn import fingerprint

ROOT = "results-outputs"


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


# The admin's state of each output.


def queued_key(page_id, kind_name):
    return f"dissemination:output-queued:{page_id}:{kind_name}"


# A queued build older than this is taken for lost and may be asked for again.
QUEUED_SECONDS = 15 * 60


def states(page):
    """What the admin shows of each output: built for the current revision, outdated, queued,
    or not built, with what it is built from."""
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
