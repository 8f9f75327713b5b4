"""The three outputs of a results page that travel: the PDF brochure, the static HTML bundle and
the coordinators' final-report pack.

The brochure and the bundle are made from the *published* page only (its row holds the live
content; ``compiled`` was built from public material) and the public entries it links, re-checked
through ``core.visibility`` for an anonymous visitor when the file is built. The pack is for the
project's coordinators: it reads the latest revision and everything of their own project,
whatever its visibility, and nothing of any other project.

One module per output (``brochure``, ``bundle``, ``pack``), what they share (``rendering``), and
where built files are kept (``storage``). The names callers use are re-exported here; the
modules of the package import each other by their own names, never through this one.
"""

from dissemination.outputs.brochure import brochure_html, brochure_pdf
from dissemination.outputs.bundle import html_bundle
from dissemination.outputs.pack import report_pack
from dissemination.outputs.storage import (
    BROCHURE,
    BUNDLE,
    KINDS,
    PACK,
    QUEUED_SECONDS,
    Kind,
    build,
    built_name,
    latest_built,
    queued_key,
    source_revision_id,
    states,
    stored_name,
)

__all__ = [
    "BROCHURE",
    "BUNDLE",
    "KINDS",
    "PACK",
    "QUEUED_SECONDS",
    "Kind",
    "brochure_html",
    "brochure_pdf",
    "build",
    "built_name",
    "html_bundle",
    "latest_built",
    "queued_key",
    "report_pack",
    "source_revision_id",
    "states",
    "stored_name",
]
