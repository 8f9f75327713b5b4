"""How a person works Wagtail's page editor, step by step, for the journeys.

Each helper does what a person does with the mouse and keyboard: the "+" inserter, typing into
Draftail, the image chooser's upload tab, the table's cells, the footer's action menu.
"""

import re

from playwright.sync_api import Page, expect


def field(scope, label: str):
    """A form field by its label, with or without the required marker."""
    labelled = scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$", re.I))
    return labelled.and_(scope.locator("input, select, textarea"))


def add_tags(page: Page, *tags: str):
    """Type tags into the tag widget, each closed by a comma as a person does."""
    box = page.locator("[data-contentpath=tags] .tagit-new input, [data-contentpath=tags] ul input")
    box.first.click()
    for tag in tags:
        page.keyboard.type(tag + ",")
    for tag in tags:
        expect(page.locator("[data-contentpath=tags] .tagit-label", has_text=tag)).to_be_visible()


def body_field(page: Page):
    return page.locator("[data-contentpath=body]").first


def insert_block(page: Page, label: str):
    """Add a block at the end of the body through the last "+" inserter."""
    settle(page)
    body = body_field(page)
    body.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=re.compile(f"^{label}$", re.I)).click()


def add_paragraph(page: Page, text: str):
    insert_block(page, "text")
    editor = body_field(page).locator(".Draftail-Editor [contenteditable=true]").last
    editor.click()
    editor.type(text)
    expect(editor).to_contain_text(text)


def add_image(page: Page, image_path, title: str, alt: str):
    """An image block, the image uploaded through the chooser's Upload tab."""
    insert_block(page, "image")
    body_field(page).get_by_role("button", name="Choose an image").last.click()
    modal = page.get_by_role("dialog")
    modal.get_by_role("tab", name=re.compile("^Upload")).click()
    modal.locator("input[type=file]").set_input_files(str(image_path))
    field(modal, "Title").fill(title)
    modal.get_by_role("button", name=re.compile("^Upload")).click()
    expect(modal).to_have_count(0)
    expect(body_field(page).get_by_text(title)).to_be_visible()
    alt_input = body_field(page).locator("input[name$='-alt_text']").last
    if alt_input.count():
        alt_input.fill(alt)


def add_table(page: Page, caption: str, rows: list[list[str]]):
    """A table block with a caption and a header row, typed cell by cell as in a spreadsheet."""
    insert_block(page, "table")
    block = (
        body_field(page)
        .locator(".ht_master .htCore")
        .last.locator("xpath=ancestor::*[.//select][1]")
    )
    block.locator("select").select_option("row")
    field(block, "Table caption").fill(caption)
    table = block.locator(".ht_master .htCore")
    expect(table).to_be_visible()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.locator("tbody tr").nth(r).locator("td").nth(c).click()
            page.keyboard.type(value)
            page.keyboard.press("Enter")
    # Leave the grid so that its last edit is written to the form.
    page.keyboard.press("Escape")
    for value in rows[-1]:
        expect(table.get_by_role("cell", name=value, exact=True)).to_be_visible()


def choose_in_footer(page: Page, action: str):
    """Run one of the footer's actions (Publish, Save draft, Delete…), opening its menu first
    when the action is not the main button."""
    footer = page.locator("footer [aria-label='Actions (footer)'], footer").first
    main = footer.get_by_role("button", name=re.compile(f"^{action}", re.I))
    if not main.first.is_visible():
        footer.locator(".w-dropdown__toggle").last.click()
    footer.get_by_role("button", name=re.compile(f"^{action}", re.I)).first.click()


def header_action(page: Page, action: str):
    """Run an action from the "⋯" menu in the editor's header (Delete, Unpublish, History…)."""
    page.get_by_role("button", name="Actions", exact=True).first.click()
    page.get_by_role("link", name=action, exact=True).first.click()


def settle(page: Page):
    """Give the editor's autosave (half a second after the last keystroke) time to finish, as a
    person does by looking over the form before pressing a button; a save still in flight
    when the page moves on is answered 400 for a revision that is no longer the latest."""
    page.wait_for_timeout(800)
    page.wait_for_load_state("networkidle")


def publish(page: Page):
    """Publish from the footer and wait for Wagtail's confirmation."""
    settle(page)
    with page.expect_navigation():
        choose_in_footer(page, "Publish")
    expect(page.locator(".messages").first).to_contain_text(re.compile("published", re.I))


def choose_snippet(page: Page, field_name: str, choice: str):
    """Pick a snippet (a host institution…) through its chooser, by the text of its link."""
    page.locator(f"[data-contentpath={field_name}]").get_by_role(
        "button", name=re.compile("^Choose")
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=re.compile(re.escape(choice))).first.click()
    expect(dialog).to_have_count(0)
    expect(page.locator(f"[data-contentpath={field_name}]")).to_contain_text(choice)
