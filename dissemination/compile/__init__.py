"""Compiling a project's results page from its public material.

``sections`` gathers what the page shows, ``run`` writes it into a draft revision for review and
``schedule`` says which pages beat compiles tonight. The names callers use are re-exported here;
the modules of the package import each other by their own names, never through this one.
"""

from dissemination.compile.run import (
    MESSAGES,
    Outcome,
    compile_results,
    ensure_results_page,
    notify_reviewers,
    submit_for_review,
)
from dissemination.compile.schedule import due_pages, is_due
from dissemination.compile.sections import build_sections

__all__ = [
    "MESSAGES",
    "Outcome",
    "build_sections",
    "compile_results",
    "due_pages",
    "ensure_results_page",
    "is_due",
    "notify_reviewers",
    "submit_for_review",
]
