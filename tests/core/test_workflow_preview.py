"""Wagtail's workflow views show nobody what the visibility rule hides from them.

Personal pages (portfolios and entries) take no part in workflows, so no task state can ever
hold them; yet Wagtail's workflow preview, asked about a page that is not in moderation, used to
send the reader to the dashboard with a message naming the page's latest title. An editor
guessing ids read the titles of others' private entries (and the draft titles of others' ideas)
that way. Those views now answer 404 for such a page, while the results page, which is reviewed
through the "Results review" workflow, keeps its preview for the editors who review it.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.visibility import Visibility
from dissemination.compile import compile_results, ensure_results_page
from dissemination.models import ResultsPage
from portfolios.models import PortfolioPage, ReflectionPage
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db

TITLE = "Secret reflection title"
BODY = "Secret reflection body"
DRAFT = "Secret draft idea title"


@pytest.fixture
def world():
    editor = make_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    owner = make_user("owner")
    owner.groups.add(Group.objects.get(name="Participants"))
    hub = make_project("florence", members=[owner])
    portfolio = hub.add_child(
        instance=PortfolioPage(
            title="Portfolio", slug="portfolio", participant=owner, visibility=Visibility.PUBLIC
        )
    )
    entry = ReflectionPage(
        title=TITLE,
        slug="secret",
        date=datetime.date(2010, 10, 25),
        visibility=Visibility.PRIVATE,
        body=[("text", f"<p>{BODY}</p>")],
        owner=owner,
    )
    portfolio.add_child(instance=entry)
    entry.save_revision(user=owner).publish(skip_permission_checks=True)
    idea = make_idea(owner, title="A public idea")
    idea.title = DRAFT
    idea.save_revision(user=owner)
    results = ensure_results_page(hub)
    compile_results(results.pk)
    results = ResultsPage.objects.get(pk=results.pk)
    task = results.current_workflow_task
    assert task is not None, "the compile submits the results draft for review"
    return {
        "editor": editor,
        "owner": owner,
        "entry": entry,
        "idea": idea,
        "results": results,
        "task": task,
    }


def workflow_addresses(page, task):
    return [
        reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", 1]),
        reverse("wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "approve", 1]),
    ]


def test_personal_pages_take_no_part_in_workflows(world):
    entry = world["entry"]
    assert entry.get_workflow() is None
    assert entry.get_parent().specific.get_workflow() is None
    assert not entry.workflow_in_progress


def test_an_editor_cannot_read_a_private_entry_through_the_workflow_views(client, world):
    client.force_login(world["editor"])
    for address in workflow_addresses(world["entry"], world["task"]):
        response = client.get(address)
        assert response.status_code == 404, address
        assert TITLE not in response.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert TITLE not in dashboard and BODY not in dashboard


def test_an_editor_cannot_read_the_draft_title_of_anothers_idea(client, world):
    client.force_login(world["editor"])
    response = client.get(workflow_addresses(world["idea"], world["task"])[0])
    assert response.status_code == 404
    assert DRAFT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_owner_still_gets_wagtails_own_answer_about_their_entry(client, world):
    """The owner may see the entry: Wagtail tells them it is not in moderation, by its title."""
    client.force_login(world["owner"])
    response = client.get(workflow_addresses(world["entry"], world["task"])[0], follow=True)
    assert response.status_code == 200
    assert "is not currently awaiting moderation" in response.content.decode()


def test_the_results_page_workflow_preview_works_for_the_editor(client, world):
    results, task = world["results"], world["task"]
    client.force_login(world["editor"])
    response = client.get(workflow_addresses(results, task)[0])
    assert response.status_code == 200
    html = response.content.decode()
    assert results.title in html
    assert TITLE not in html and BODY not in html  # the results hold public material only


def test_the_results_page_workflow_preview_is_for_its_reviewers_alone(client, world):
    results, task = world["results"], world["task"]
    address = workflow_addresses(results, task)[0]
    assert client.get(address).status_code == 302  # to the login page
    client.force_login(world["owner"])
    assert client.get(address).status_code in (302, 403)
