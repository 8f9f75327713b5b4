"""Only public material reaches a results page. The world of ``test_results_compile`` plants
"canary" material in every model (a private portfolio and what is inside it, a private entry in
a public portfolio, project and registered entries, a draft entry, private, draft and
project-level ideas, a private practice log, the private portfolio's self-assessment, a host
institution only private entries name); none of it may appear in the compiled data, the
published page, any revision's rendered page or the search index.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from wagtail.models import Page

from dissemination.compile import build_sections, compile_results
from dissemination.models import ResultsPage
from tests.dissemination.test_compile import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    from django.contrib.auth.models import Group

    from tests.factories import make_user

    world = build_world()
    editor = make_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    page = world["page"]
    compile_results(page.pk)
    page = ResultsPage.objects.get(pk=page.pk)
    page.current_workflow_task.on_action(page.current_workflow_task_state, editor, "approve")
    world["page"] = ResultsPage.objects.get(pk=page.pk)
    return world


def test_the_world_really_has_canaries_of_every_kind(published):
    # The canaries exist and are live where they should be, so their absence below means
    # something: the private ones are simply not public.
    assert Page.objects.filter(title__icontains="canary", live=True).count() >= 8
    assert Page.objects.filter(title__icontains="canary", live=False).count() == 1


def test_no_canary_in_the_compiled_data(published):
    data = json.dumps(build_sections(published["hub"])).lower()
    assert "canary" not in data
    assert "siena" not in data  # the host only private entries name
    stored = json.dumps(published["page"].compiled).lower()
    assert "canary" not in stored
    assert "600" not in json.dumps(published["page"].compiled["practice"])


def test_no_canary_on_the_published_page(published):
    for client in (Client(),):
        response = client.get("/projects/florence/results/")
        assert response.status_code == 200
        assert "canary" not in response.content.decode().lower()


def test_no_canary_in_any_revision_rendered(published):
    page = published["page"]
    revisions = list(page.revisions.all())
    assert len(revisions) >= 2
    for revision in revisions:
        request = RequestFactory().get("/projects/florence/results/")
        request.user = AnonymousUser()
        html = revision.as_object().serve(request).render().content.decode().lower()
        assert "canary" not in html


def test_a_logged_in_coordinator_compiles_no_more_than_an_anonymous_visitor(published):
    """However the compile is triggered (here by the coordinator, who may see everything),
    what it gathers is what an anonymous visitor may see."""
    page = published["page"]
    outcome = compile_results(page.pk, user=published["coordinator"])
    assert outcome.state == "unchanged"


def test_no_canary_in_the_search_index(published):
    assert ResultsPage.objects.search("canary").count() == 0
    results_ids = set(ResultsPage.objects.values_list("pk", flat=True))
    found = {page.pk for page in Page.objects.search("canary")}
    assert not found & results_ids
    # The page itself is found by what editors wrote and published.
    page = published["page"]
    draft = page.get_latest_revision_as_object()
    draft.introduction = "<p>Findable introduction about quality</p>"
    draft.save_revision().publish()
    assert ResultsPage.objects.search("findable").count() == 1
