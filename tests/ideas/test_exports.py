"""Spreadsheets of ideas from the admin listing: CSV and XLSX with the same columns, the same
filters and the same visibility as the listing, and only for coordinators and superusers."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ideas.models import IdeaStatus
from tests.ideas.admin_support import SEEN_BY, build_world

pytestmark = pytest.mark.django_db

LISTING = reverse("ideas_admin:index")
HEADINGS = [
    "Title",
    "URL",
    "Status",
    "Funding programme",
    "Estimated budget (EUR)",
    "Duration (months)",
    "Project",
    "Tags",
    "Authors",
    "Supports",
    "First published",
]


@pytest.fixture
def world():
    return build_world()


def login(client, world, username):
    client.force_login(world[username])
    return client


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response):
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def export(client, export_format, **params):
    response = client.get(LISTING, {**params, "export": export_format})
    return csv_rows(response) if export_format == "csv" else xlsx_rows(response)


def by_title(rows):
    return {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_has_every_column_of_an_idea(client, world, export_format):
    login(client, world, "carla")
    rows = export(client, export_format)
    assert rows[0] == HEADINGS
    idea = world["alice_private"]
    row = by_title(rows)["Welding apprenticeships abroad"]
    assert row["URL"] == idea.full_url
    assert row["URL"].startswith("http")
    assert row["Status"] == "Proposed"
    assert row["Funding programme"] == "Erasmus+ KA1 (learning mobility)"
    assert float(row["Estimated budget (EUR)"]) == 25000
    assert int(row["Duration (months)"]) == 12
    assert row["Project"] == "Florence"
    assert row["Tags"] == "apprenticeship, welding"
    assert row["Authors"] == "Alice Test, Bob Test"
    assert int(row["Supports"]) == 0
    assert row["First published"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_a_coordinator_exports_what_they_may_see_and_no_private_idea_of_another_project(
    client, world, export_format
):
    login(client, world, "carla")
    titles = set(by_title(export(client, export_format)))
    assert titles == world.titles_seen_by("carla")
    assert SEEN_BY["fabio_private"][0] not in titles
    assert SEEN_BY["bob_private"][0] in titles  # her own project's private idea


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_follows_the_filters(client, world, export_format):
    from taggit.models import Tag

    login(client, world, "dario")
    welding = Tag.objects.get(name="welding").pk
    assert set(by_title(export(client, export_format, tag=welding))) == {"Rome welding masterclass"}
    assert set(by_title(export(client, export_format, status=IdeaStatus.SHORTLISTED))) == {
        "Hotel kitchen exchange"
    }
    assert set(by_title(export(client, export_format, programme="erasmus_ka1", q="bakery"))) == {
        "Rome bakery job shadowing"
    }


def test_a_superuser_exports_every_idea(client, world):
    login(client, world, "root")
    titles = set(by_title(export(client, "xlsx")))
    assert titles == {title for title, _audience in SEEN_BY.values()}


@pytest.mark.parametrize("username", ["alice", "eve", "fabio"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_others_cannot_export(client, world, username, export_format):
    login(client, world, username)
    response = client.get(LISTING, {"export": export_format})
    assert refused(response)
    assert "Welding" not in b"".join(getattr(response, "streaming_content", [])).decode()


@pytest.mark.parametrize(("username", "buttons"), [("alice", False), ("carla", True)])
def test_only_those_who_may_export_see_the_buttons(client, world, username, buttons):
    login(client, world, username)
    html = client.get(LISTING).content.decode()
    assert ("export=xlsx" in html) is buttons
    assert ("export=csv" in html) is buttons


def test_a_formula_in_a_title_is_never_run_by_a_spreadsheet_program(client, world):
    from tests.ideas.admin_support import make_idea

    formula = '=HYPERLINK("http://example.com","click")'
    make_idea(world["alice"], formula)
    login(client, world, "root")
    assert formula in [row[0] for row in export(client, "xlsx")]  # a text cell, not a formula
    assert "'" + formula in [row[0] for row in export(client, "csv")]
