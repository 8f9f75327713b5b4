"""The final report as files: a DOCX for the coordinator to finish in a word processor, and a
PDF of the same draft. Both are written from one ``final_report.content.Report`` in the language
active when they are made.

The DOCX leaves a marked place under "Impact" and "Follow-up" for the coordinator's own words;
the PDF is drawn from ``templates/final_report/report.html`` by WeasyPrint, without a base URL and
with a fetcher that refuses every address, so nothing a participant wrote can make the server
fetch anything.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from final_report.content import Report, money

SECTIONS = (
    "identification",
    "participants",
    "objectives",
    "results",
    "impact",
    "budget",
    "follow_up",
)


def section_titles():
    """The numbered headings, shared by both files."""
    return {
        "identification": _("1. Project identification"),
        "participants": _("2. Participants and their activities"),
        "objectives": _("3. Objectives and their evaluation"),
        "results": _("4. Results and their dissemination"),
        "impact": _("5. Impact"),
        "budget": _("6. Budget summary"),
        "follow_up": _("7. Follow-up"),
    }


def to_complete():
    return _("[To be completed by the coordinator.]")


def date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def table(document, header, rows):
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    return grid


def docx_bytes(report: Report) -> bytes:
    titles = section_titles()
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = report.title
    document.core_properties.language = report.language
    heading = document.add_heading(_("Final report"), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.add_paragraph(report.title)
    document.add_paragraph(
        _("Draft made by Mobilitas on %(date)s for the coordinator to complete.")
        % {"date": date(report.generated_on)}
    ).italic = True

    document.add_heading(titles["identification"], level=1)
    table(document, (_("Field"), _("Value")), [(f.label, f.value) for f in report.identification])
    document.add_heading(_("Partner organisations"), level=2)
    if report.partners:
        table(
            document,
            (_("Organisation"), _("Role"), _("Type"), _("City and country"), _("Contact")),
            [
                (p.name, p.role, p.kind, f"{p.city}, {p.country}", p.contact)
                for p in report.partners
            ],
        )
    else:
        document.add_paragraph(_("No partner organisations are recorded."))

    document.add_heading(titles["participants"], level=1)
    document.add_paragraph(
        _("Number of participants: %(count)s") % {"count": report.participant_count}
    )
    for participant in report.participants:
        document.add_heading(participant.name, level=2)
        details = ", ".join(part for part in (participant.role, participant.institution) if part)
        if details:
            document.add_paragraph(details)
        document.add_paragraph(
            _("English practice logged: %(hours)s hours") % {"hours": participant.practice_hours}
        )
        if participant.activities:
            table(
                document,
                (_("Date"), _("Activity"), _("Title")),
                [(date(a.date), a.kind, a.title) for a in participant.activities],
            )
        else:
            document.add_paragraph(_("No activities recorded in the portfolio."))

    document.add_heading(titles["objectives"], level=1)
    for objective in report.objectives:
        document.add_heading(f"{objective.number}. {objective.text}", level=2)
        document.add_paragraph(_("Evaluation: %(status)s") % {"status": objective.status}).runs[
            0
        ].bold = True
        if objective.summary:
            document.add_paragraph(objective.summary)
        evidence = "; ".join(f"{label}: {count}" for label, count in objective.evidence)
        document.add_paragraph(
            _("Evidence: %(total)s items") % {"total": objective.evidence_total}
            + (f" ({evidence})" if evidence else "")
        )
        if objective.ratings:
            ratings = "; ".join(f"{label}: {count}" for label, count in objective.ratings)
            document.add_paragraph(_("Participants' ratings: %(ratings)s") % {"ratings": ratings})

    document.add_heading(titles["results"], level=1)
    if report.expected_results:
        document.add_heading(_("Results"), level=2)
        for line in report.expected_results.splitlines():
            document.add_paragraph(line)
    if report.results_url:
        document.add_paragraph(_("The results page: %(url)s") % {"url": report.results_url})
    document.add_heading(_("Dissemination"), level=2)
    if report.dissemination:
        table(
            document,
            (_("Date"), _("Event or channel"), _("Audience"), _("Link")),
            [(date(r.date), r.event, r.audience, r.link) for r in report.dissemination],
        )
    else:
        document.add_paragraph(_("No dissemination activities are recorded yet."))

    document.add_heading(titles["impact"], level=1)
    table(document, (_("Indicator"), _("Value")), [(f.label, f.value) for f in report.impact])
    document.add_paragraph(to_complete())

    document.add_heading(titles["budget"], level=1)
    document.add_paragraph(
        _("Planned budget (grant agreement): %(amount)s")
        % {"amount": money(report.budget_planned) or "—"}
    )
    rows = [
        (r.category, money(r.planned), money(r.actual) or "—", r.note) for r in report.budget_rows
    ]
    rows.append((_("Total"), money(report.budget_lines_planned), money(report.budget_actual), ""))
    table(document, (_("Category"), _("Planned"), _("Actual"), _("Note")), rows)
    if report.budget_difference is not None:
        document.add_paragraph(
            _("Planned budget less actual costs: %(amount)s")
            % {"amount": money(report.budget_difference)}
        )

    document.add_heading(titles["follow_up"], level=1)
    if report.ideas:
        table(
            document,
            (_("Idea"), _("Status"), _("Supports"), _("Summary")),
            [(i.title, i.status, i.supports, i.summary) for i in report.ideas],
        )
    else:
        document.add_paragraph(_("No ideas for new projects are recorded."))
    document.add_paragraph(to_complete())

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class NothingFetcher(URLFetcher):
    """The report links to nothing it would need to fetch."""

    def fetch(self, url, headers=None):
        raise ValueError(f"The final report fetches nothing from {url!r}.")


def pdf_bytes(report: Report) -> bytes:
    html = render_to_string(
        "final_report/report.html",
        {
            "report": report,
            "titles": section_titles(),
            "to_complete": to_complete(),
            "budget_planned": money(report.budget_planned),
            "budget_rows": [
                (r.category, money(r.planned), money(r.actual) or "—", r.note)
                for r in report.budget_rows
            ],
            "budget_lines_planned": money(report.budget_lines_planned),
            "budget_actual": money(report.budget_actual),
            "budget_difference": money(report.budget_difference),
        },
    )
    return HTML(string=html, base_url=None, url_fetcher=NothingFetcher()).write_pdf()
