"""Project members in the admin (home.wagtail_hooks): core's ProjectMembership names a page, and
the admin offers project hubs alone, in its form and in its filter, at the address it always had."""

import pytest
from django.contrib.auth import get_user_model

from core.models import ProjectMembership
from home.models import HomePage
from tests.factories import make_project, make_user

LISTING = "/admin/snippets/home/projectmembership/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    return client


def test_the_form_offers_project_hubs_only(admin_client):
    hub = make_project("florence")
    response = admin_client.get(LISTING + "add/")
    assert response.status_code == 200
    offered = response.context["form"].fields["project"].queryset
    assert list(offered) == [hub]


def test_a_member_is_added_to_a_hub(admin_client):
    hub = make_project("florence")
    participant = make_user("anna")
    response = admin_client.post(
        LISTING + "add/", {"project": hub.pk, "user": participant.pk, "role": "participant"}
    )
    assert response.status_code == 302
    membership = ProjectMembership.objects.get(user=participant)
    assert membership.project.specific == hub
    assert list(hub.memberships.all()) == [membership]


def test_a_page_that_is_not_a_hub_is_refused(admin_client):
    make_project("florence")
    home = HomePage.objects.get(locale__language_code="en")
    response = admin_client.post(
        LISTING + "add/", {"project": home.pk, "user": make_user("anna").pk, "role": "participant"}
    )
    assert response.status_code == 200
    assert "project" in response.context["form"].errors
    assert not ProjectMembership.objects.exists()


def test_the_listing_filters_by_hub(admin_client):
    florence = make_project("florence", members=[make_user("anna")])
    make_project("riga", members=[make_user("berta")])
    response = admin_client.get(LISTING, {"project": florence.pk})
    assert response.status_code == 200
    filter_choices = response.context["filters"].form.fields["project"].queryset
    assert {page.slug for page in filter_choices} == {"florence", "riga"}
    assert [str(row.user) for row in response.context["object_list"]] == ["anna"]
