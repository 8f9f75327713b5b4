"""Every CSV the site produces opens in Excel with its Latvian letters intact: it starts with the
UTF-8 byte-order mark. And every one is written through ``core.spreadsheets``, so a rule for all
cells is one change there.

The exports: the results report pack's five tables, and the admin listings' "Download CSV" of
the practice log, the ideas, the competences and the host institutions.
"""

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core import spreadsheets
from dissemination import outputs
from dissemination.models import ResultsPage
from portfolios.models import Competence, HostInstitution, PracticeLogEntry

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
PACK_TABLES = (
    "participants.csv",
    "competence-growth.csv",
    "activities.csv",
    "dissemination-log.csv",
    "ideas.csv",
)


def rows(data: bytes):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def user(username):
    return get_user_model().objects.get(username=username)


def report_pack_tables():
    page = ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )
    archive = zipfile.ZipFile(io.BytesIO(outputs.report_pack(page)))
    return {name: archive.read(name) for name in PACK_TABLES}


def admin_csv(client, username, url):
    client.force_login(user(username))
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content)


def listing_exports(client):
    """Each admin CSV export, as the person who would download it."""
    HostInstitution.objects.get_or_create(
        name="Rīgas Valsts tehnikums", city="Rīga", country="Latvija"
    )
    Competence.objects.get_or_create(name="Kvalitātes vadība", defaults={"category": "Pārvaldība"})
    return {
        "practice log": admin_csv(client, "coordinator", reverse("practice_log:index")),
        "ideas": admin_csv(client, "coordinator", reverse("ideas_admin:index")),
        "competences": admin_csv(
            client, "admin", reverse("wagtailsnippets_portfolios_competence:list")
        ),
        "host institutions": admin_csv(
            client, "admin", reverse("wagtailsnippets_portfolios_hostinstitution:list")
        ),
    }


def test_the_report_pack_tables_start_with_the_byte_order_mark(demo):
    tables = report_pack_tables()
    for name, data in tables.items():
        assert data.startswith(BOM), name
        assert not data[len(BOM) :].startswith(BOM), name
    participants = rows(tables["participants.csv"])
    assert participants[0][0] == "Participant"
    assert any("Kalniņa" in row[0] for row in participants[1:])


def test_every_admin_csv_export_starts_with_the_byte_order_mark(demo, client):
    assert PracticeLogEntry.objects.exists()
    exports = listing_exports(client)
    for name, data in exports.items():
        assert data.startswith(BOM), name
        assert len(rows(data)) > 1, name
    assert "Kalniņa" in exports["practice log"].decode("utf-8-sig")
    assert "Rīgas Valsts tehnikums" in exports["host institutions"].decode("utf-8-sig")
    assert "Kvalitātes vadība" in exports["competences"].decode("utf-8-sig")


def test_every_csv_cell_passes_through_one_function(demo, client, monkeypatch):
    """A rule for every cell (against formula injection, say) is one change in core.spreadsheets."""
    monkeypatch.setattr(
        spreadsheets, "csv_cell", lambda value: f"[{'' if value is None else value}]"
    )
    written = {**report_pack_tables(), **listing_exports(client)}
    for name, data in written.items():
        body = rows(data)[1:]
        assert body, name
        for row in body:
            assert all(cell.startswith("[") and cell.endswith("]") for cell in row), (name, row)


def test_csv_text_writes_the_mark_once_and_quotes_what_needs_quoting():
    text = spreadsheets.csv_text(["Vārds", "Piezīme"], [["Pēteris Vītols", 'a, "b"'], [None, 3]])
    assert text.startswith("\ufeffVārds,Piezīme\r\n")
    assert text.count("\ufeff") == 1
    assert rows(text.encode()) == [["Vārds", "Piezīme"], ["Pēteris Vītols", 'a, "b"'], ["", "3"]]
