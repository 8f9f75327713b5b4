"""Writing an idea in the admin: out-of-range budget and duration are form errors that save
nothing and keep what was typed; a valid idea is saved with its status left at draft."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from ideas.models import IdeaPage, IdeaStatus
from tests.factories import idea_index, make_user

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Metalworking teacher exchange",
        "slug": "metalworking-teacher-exchange",
        "summary": "Teachers swap workshops.",
        "need": "",
        "target_group": "",
        "activities": rich_text(""),
        "programme": "erasmus_ka1",
        "budget": "24000",
        "duration_months": "12",
        "visibility": "public",
        "tags": "",
        "status": "funded",  # not a form field: ignored
    }
    data.update(overrides)
    return nested_form_data(data)


def post(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=("ideas", "ideapage", index.pk))
    return client.post(url, data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget", "-1"),
        ("budget", "10000001"),
        ("duration_months", "0"),
        ("duration_months", "121"),
    ],
)
def test_out_of_range_figures_are_form_errors(field, value):
    index = idea_index()
    client = Client()
    client.force_login(make_user("root", is_superuser=True))
    response = post(client, index, form_data(**{field: value}))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form.data["title"] == "Metalworking teacher exchange"
    assert not IdeaPage.objects.exists()


def test_a_valid_idea_is_saved_as_a_draft_whatever_the_post_says():
    index = idea_index()
    client = Client()
    author = make_user("root", is_superuser=True)
    client.force_login(author)
    response = post(client, index, form_data())
    assert response.status_code == 302
    idea = IdeaPage.objects.get()
    assert idea.status == IdeaStatus.DRAFT
    assert idea.owner == author
    assert idea.effective_visibility == "private"
