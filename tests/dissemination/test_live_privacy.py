"""A results page drops what its owners have made non-public, at once and with no editor.

The world is ``test_results_compile.build_world``, compiled and published. Each case withdraws
one thing (an entry made private, unpublished or deleted, a portfolio made private, an idea made
private or deleted) *without* compiling again or approving anything, then reads the live page, the
public brochure PDF and the HTML bundle as anyone would get them: its canary words are gone from
all three, and what is still public stays. The brochure and the bundle were built before the
withdrawal, so a file made then is never what is served or "built again" after it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dissemination import outputs
from dissemination.models import ResultsPage
from dissemination.tasks import build_results_output
from tests.dissemination.test_outputs import read_zip, stored
from tests.dissemination.test_outputs import world as world  # the fixture
from tests.portfolios.test_downloads import pdf_text

pytestmark = pytest.mark.django_db


def page_text(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def brochure_text(client, world):
    response = client.get(f"/projects/{world['hub'].slug}/results/brochure.pdf")
    assert response.status_code == 200
    return " ".join(pdf_text(b"".join(response.streaming_content)).split())


def bundle_text(page):
    archive = read_zip(stored(build_results_output(page.pk, "bundle")))
    return " ".join(
        f"{name} {archive.read(name).decode(errors='ignore')}" for name in archive.namelist()
    )


def surfaces(client, world):
    page = ResultsPage.objects.get(pk=world["page"].pk)
    return {
        "page": page_text(client, page),
        "brochure": brochure_text(client, world),
        "bundle": bundle_text(page),
    }


def make_private(page):
    page.visibility = "private"
    page.save_revision().publish(skip_permission_checks=True)


def bob_quote(world):
    return world["entries"]["bob_quote"]


# (what to withdraw, words that must leave every surface, words that must stay)
CASES = {
    "entry made private": (
        lambda world: make_private(bob_quote(world)),
        ["Employers sit on school boards here.", "Bob reflects"],
        ["We will start a yearly self-evaluation.", "Observed lesson", "Bob Ozols"],
    ),
    "entry unpublished": (
        lambda world: world["entries"]["lesson"].unpublish(),
        ["Observed lesson", "Mechanics"],
        ["Seminar on quality", "Visit to the Istituto", "Employers sit on school boards here."],
    ),
    "entry deleted": (
        lambda world: world["entries"]["visit"].delete(),
        ["Visit to the Istituto", "Add a CAD/CAM module", "CNC operator"],
        ["Observed lesson", "Istituto Demo", "Seminar on quality"],
    ),
    "portfolio made private": (
        lambda world: make_private(world["portfolios"]["bob"]),
        ["Bob Ozols", "Employers sit on school boards here.", "Bob reflects"],
        ["Anna Kalnina", "We will start a yearly self-evaluation.", "Mechatronics pathway"],
    ),
    "idea made private": (
        lambda world: make_private(world["ideas"]["funded"]),
        ["Mechatronics pathway"],
        ["Yearly self-evaluation with employers", "Seminar on quality"],
    ),
    "idea deleted": (
        lambda world: world["ideas"]["proposed"].delete(),
        ["Yearly self-evaluation with employers"],
        ["Mechatronics pathway", "Seminar on quality"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_what_an_owner_withdraws_leaves_the_page_the_brochure_and_the_bundle(client, world, case):
    withdraw, gone, kept = CASES[case]
    page = world["page"]
    revision = page.live_revision_id
    before = surfaces(client, world)
    for words in gone + kept:
        for surface, text in before.items():
            assert words in text, (words, surface)

    withdraw(world)

    page = ResultsPage.objects.get(pk=page.pk)
    assert page.live_revision_id == revision  # no compile, no approval: the same revision
    after = surfaces(client, world)
    for surface, text in after.items():
        for words in gone:
            assert words not in text, (words, surface)
        for words in kept:
            assert words in text, (words, surface)
        assert "canary" not in text.lower()


def test_counts_never_include_withdrawn_material(client, world):
    """Objective 1 counted the seminar note and the lesson; observations counted the lesson."""
    world["entries"]["lesson"].unpublish()
    page = ResultsPage.objects.get(pk=world["page"].pk)
    results = client.get(page.url).context["results"]
    first = next(o for o in results["objectives"] if o["number"] == 1)
    assert first["entry_count"] == 1
    assert [e["title"] for e in first["entries"]] == ["Seminar on quality"]
    assert results["observations"]["count"] == 0
    assert results["observations"]["items"] == []
    # The lesson was one of two public entries at the Istituto: the visit keeps it there.
    assert [h["name"] for h in results["glance"]["host_institutions"]] == ["Istituto Demo"]


def test_averages_that_counted_a_withdrawn_portfolio_are_withheld_and_say_so(client, world):
    make_private(world["portfolios"]["bob"])
    page = ResultsPage.objects.get(pk=world["page"].pk)
    response = client.get(page.url)
    results = response.context["results"]
    # Bob's self-assessment counted in "Quality management"; only Anna's "Project design" stays.
    assert [row["competence"] for row in results["competences"]] == ["Project design"]
    assert results["withheld"] == ["competences"]
    assert "left out until the results are compiled again" in response.content.decode()
    # Bob's log was private all along, so the practice figures counted Anna's alone and stay.
    assert results["practice"]["total_minutes"] == 150


def test_practice_figures_go_when_the_log_they_counted_is_made_private(client, world):
    anna = world["portfolios"]["anna"]
    anna.practice_log_visibility = "private"
    anna.save_revision().publish(skip_permission_checks=True)
    page = ResultsPage.objects.get(pk=world["page"].pk)
    response = client.get(page.url)
    assert response.context["results"]["practice"] is None
    assert response.context["results"]["withheld"] == ["practice"]
    text = response.content.decode()
    assert "hours of English practice" not in text
    assert "left out until the results are compiled again" in text
    assert "hours of English practice" not in brochure_text(client, world)


def test_a_file_built_before_the_withdrawal_is_never_served_after_it(client, world):
    page = world["page"]
    first = build_results_output(page.pk, "brochure")
    assert outputs.built_name(page, outputs.BROCHURE) == first

    make_private(bob_quote(world))

    page = ResultsPage.objects.get(pk=page.pk)
    assert outputs.built_name(page, outputs.BROCHURE) is None  # the admin shows it outdated
    again = build_results_output(page.pk, "brochure")  # "Build again", without force
    assert again != first
    assert "Bob reflects" not in pdf_text(stored(again))
    assert outputs.built_name(page, outputs.BROCHURE) == again
    assert outputs.latest_built(page, outputs.BROCHURE) == again


def test_nothing_withdrawn_leaves_the_compiled_sections_and_file_names_as_they_were(world):
    from dissemination.withdrawn import still_public

    page = world["page"]
    assert still_public(page.compiled) is page.compiled
    assert build_results_output(page.pk, "brochure").endswith(f"-r{page.live_revision_id}.pdf")


def test_sections_compiled_before_ids_were_stored_drop_withdrawn_items_by_address(client, world):
    """A revision published before this change names its material by address only: items go by
    address, and counts that may include withdrawn material are not shown."""
    page = world["page"]
    id_lists = {"entry_ids", "idea_ids", "note_ids", "highlight_entries"}

    def without_ids(value):
        if isinstance(value, dict):
            return {
                key: without_ids(item)
                for key, item in value.items()
                if key != "id"
                and key not in id_lists
                and not (key in ("entries", "portfolios") and all(isinstance(i, int) for i in item))
            }
        if isinstance(value, list):
            return [without_ids(item) for item in value]
        return value

    ResultsPage.objects.filter(pk=page.pk).update(compiled=without_ids(page.compiled))
    world["entries"]["lesson"].unpublish()
    make_private(world["ideas"]["funded"])

    page = ResultsPage.objects.get(pk=page.pk)
    response = client.get(page.url)
    text = response.content.decode()
    assert "Observed lesson" not in text and "Mechatronics pathway" not in text
    assert "Seminar on quality" in text and "Yearly self-evaluation with employers" in text
    results = response.context["results"]
    assert all(o["entry_count"] is None for o in results["objectives"])
    assert results["observations"]["count"] is None
    # No portfolio was withdrawn, so the averages, which never counted entries, stay.
    assert results["withheld"] == [] and results["competences"] and results["practice"]
    assert "Observed lesson" not in brochure_text(client, world)


def test_a_long_list_of_ids_is_asked_for_by_range_with_the_same_answer(world, monkeypatch):
    from dissemination import withdrawn

    world["entries"]["lesson"].unpublish()
    page = ResultsPage.objects.get(pk=world["page"].pk)
    listed = withdrawn.public_material(page.compiled)
    monkeypatch.setattr(withdrawn, "ID_LIST_LIMIT", 1)
    ranged = withdrawn.public_material(page.compiled)
    assert ranged == listed
    assert world["entries"]["lesson"].pk in ranged[withdrawn.ENTRIES].withdrawn


def test_the_results_page_asks_a_fixed_number_of_queries_however_much_is_withdrawn(client, world):
    page = world["page"]
    client.get(page.url)  # caches warm

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(page.url).status_code == 200
        return len(context.captured_queries)

    nothing = queries()
    world["entries"]["lesson"].unpublish()
    make_private(bob_quote(world))
    world["entries"]["visit"].delete()
    make_private(world["ideas"]["funded"])
    make_private(world["portfolios"]["bob"])
    client.get(page.url)
    assert queries() == nothing
