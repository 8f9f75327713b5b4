"""The admin's "Compile now": editors, the project's coordinators and superusers may compile a
results page; participants and other projects' coordinators may not, whatever address they try.
The request queues the task once the transaction commits and the view shows its progress.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from dissemination import tasks
from dissemination.models import ResultsCompile
from tests.dissemination.test_compile import build_world
from tests.factories import far_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    people = {
        "root": make_user("root", is_superuser=True, is_staff=True),
        "editor": make_user("editor"),
        "coordinator": world["coordinator"],
        "participant": world["users"]["anna"],
    }
    people["editor"].groups.add(Group.objects.get(name="Editors"))
    far_project()
    from django.contrib.auth import get_user_model

    people["far_coordinator"] = get_user_model().objects.get(username="far_coordinator")
    world["people"] = people
    return world


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.compile_results, "apply_async", lambda args, **kwargs: calls.append(args)
    )
    return calls


ALLOWED = ["root", "editor", "coordinator"]
REFUSED = ["participant", "far_coordinator"]


@pytest.mark.parametrize("who", ALLOWED)
def test_those_allowed_see_the_status_and_queue_a_compile(
    world, who, client, queued, django_capture_on_commit_callbacks
):
    page = world["page"]
    client.force_login(world["people"][who])
    url = reverse("dissemination_compile", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Not compiled yet" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert queued == [(page.pk, world["people"][who].pk)]
    status = ResultsCompile.objects.get(page=page)
    assert status.state == "queued"
    assert status.requested_by == world["people"][who]

    progress = client.get(url)
    assert "Compile queued" in progress.content.decode()
    assert 'http-equiv="refresh"' in progress.content.decode()


@pytest.mark.parametrize("who", REFUSED)
def test_participants_and_other_coordinators_may_not_compile(
    world, who, client, queued, django_capture_on_commit_callbacks
):
    page = world["page"]
    client.force_login(world["people"][who])
    url = reverse("dissemination_compile", args=[page.pk])
    assert client.get(url).status_code in (302, 403)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code in (302, 403)
    assert queued == []
    assert not ResultsCompile.objects.filter(page=page, state="queued").exists()


def test_anonymous_visitors_are_sent_to_log_in(world, client, queued):
    url = reverse("dissemination_compile", args=[world["page"].pk])
    response = client.post(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert queued == []


def test_a_running_compile_is_not_queued_again(world, client, queued):
    page = world["page"]
    from dissemination.compile.run import claim

    assert claim(page.pk)
    client.force_login(world["people"]["editor"])
    response = client.post(reverse("dissemination_compile", args=[page.pk]), follow=True)
    assert "already running" in response.content.decode()
    assert queued == []
    assert ResultsCompile.objects.get(page=page).state == "running"


def test_the_compile_shows_its_outcome(world, client):
    from dissemination.compile import compile_results

    page = world["page"]
    compile_results(page.pk)
    client.force_login(world["people"]["coordinator"])
    html = client.get(reverse("dissemination_compile", args=[page.pk])).content.decode()
    assert "Draft in review" in html
    assert "into a new draft" in html
    assert 'http-equiv="refresh"' not in html


def test_the_editor_finds_compile_now_on_the_page_and_in_the_listing(world, client):
    page = world["page"]
    client.force_login(world["people"]["editor"])
    compile_url = reverse("dissemination_compile", args=[page.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert compile_url in edit.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[world["hub"].pk]))
    assert listing.status_code == 200
    assert compile_url in listing.content.decode()


def test_the_editor_leaves_a_quote_out_and_keeps_the_compiled_sections(world, client):
    from dissemination.compile import compile_results
    from dissemination.models import ResultsPage

    page = world["page"]
    compile_results(page.pk)
    newest = world["entries"]["newest"]
    client.force_login(world["people"]["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url).context["form"]
    assert newest.pk in [value for value, _label in form.fields["excluded_quotes"].choices]
    data = {
        "title": "Results",
        "slug": "results",
        "introduction": rich_text("<p>Kept introduction</p>"),
        "hero_alt_text": "",
        "excluded_quotes": [str(newest.pk)],
        "dissemination_log-TOTAL_FORMS": "0",
        "dissemination_log-INITIAL_FORMS": "0",
        "dissemination_log-MIN_NUM_FORMS": "0",
        "dissemination_log-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    draft = ResultsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.excluded_quotes == [newest.pk]
    assert "Kept introduction" in draft.introduction
    assert draft.compiled["quotes"]  # saving the form kept the compiled sections
    assert compile_results(page.pk).state == "compiled"
    draft = ResultsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert newest.pk not in [quote["entry"] for quote in draft.compiled["quotes"]]
