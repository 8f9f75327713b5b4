"""The coordinator builds the project's final report in the admin, watches its progress while
the demo's worker makes it, and downloads the DOCX to finish it."""

import io
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def test_the_coordinator_builds_and_downloads_the_final_report(journey):
    page = journey.page
    journey.login("coordinator")
    page.goto("/admin/")
    page.get_by_role("link", name="Final reports").first.click()
    expect(page.get_by_role("heading", level=1, name="Final reports")).to_be_visible()
    journey.shot("final-reports")

    page.get_by_role("link", name=re.compile("Developing the capacity of human resources")).click()
    expect(page.get_by_role("heading", level=1, name="Final report", exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Developing the capacity of human resources")
    budget = page.locator("[data-budget-table]")
    expect(budget.locator("tfoot")).to_contain_text("8056.00")
    journey.shot("report-page")

    english = page.locator("[data-final-report-builds] tr[data-language='en']")
    english.get_by_role("button", name=re.compile("^Build")).click()
    message = "The report is being built. This page follows its progress."
    expect(page.get_by_text(message)).to_be_visible()
    expect(english.locator("progress")).to_be_attached()
    journey.shot("building")

    download_link = english.get_by_role("link", name="Download DOCX")
    expect(download_link).to_be_visible(timeout=120_000)
    expect(english.locator("[data-state]")).to_have_attribute("data-state", "done")
    journey.shot("ready")

    with page.expect_download() as caught:
        download_link.click()
    download = caught.value
    assert download.suggested_filename == "latgale-florence-2010-final-report-en.docx"
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])
    assert "2010-1-LV1-LEO03-00754" in text
    assert "8056.00 EUR" in text
