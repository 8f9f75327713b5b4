"""Export a portfolio to a ZIP its participant can keep, open offline or bring to another project.

The archive holds three things. ``portfolio.json`` is the portable truth: every field a
participant wrote, with no database ids, so another Mobilitas site (or any other tool) can read it.
``index.html`` is a view of that same data that opens in a browser without a network. ``files/``
holds the original images and documents the entries and the profile use.

Whoever exports sees in the archive exactly what they may see on the site: the entries and the
practice log pass through ``core.visibility`` like every other surface.

Importing is the way back: the archive becomes a new portfolio, under another project hub and for
another participant if need be, all in one transaction. Exporting the imported portfolio gives
the same ``portfolio.json`` again (apart from ``exported_at`` and the project it now belongs to);
that is why files are named after their title and content rather than their storage names, which
change when a file is saved again.

Export and import are mirror images that change for different reasons, so each has its own
modules around the one format they share: ``archive`` (the format), ``export`` and ``reading``
(``index.html``) on the way out, ``manifest`` (reading and checking an archive) and
``importing`` on the way back.
"""

from portfolios.exports.export import PortfolioExport, export_portfolio
from portfolios.exports.importing import PortfolioImport, import_portfolio
from portfolios.exports.manifest import PortfolioImportError
from portfolios.exports.reading import entry_for_reading

__all__ = [
    "PortfolioExport",
    "PortfolioImport",
    "PortfolioImportError",
    "entry_for_reading",
    "export_portfolio",
    "import_portfolio",
]
