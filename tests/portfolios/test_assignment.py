"""Who has a portfolio: only administrators and the project's coordinators give one to someone,
and only to one of the project's participants; nobody else is shown the site's accounts, and a
forged POST changes nothing.

Built from factories: the "Florence" project with its coordinator and two participants (Anna,
who has the portfolio, and Jānis), an account outside it, an editor, and a second project with
its own participant and coordinator.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from portfolios.models import PortfolioPage
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db

OUTSIDER = "canary_outsider"


def in_group(user, name):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def world():
    people = {
        "admin": make_user("boss", is_superuser=True, is_staff=True),
        "coordinator": in_group(make_user("inta", first_name="Inta"), "Coordinators"),
        "anna": in_group(make_user("anna", first_name="Anna", last_name="Kalniņa"), "Participants"),
        "janis": in_group(
            make_user("janis", first_name="Jānis", last_name="Ozols"), "Participants"
        ),
        "outsider": in_group(
            make_user(OUTSIDER, first_name="Canary", last_name="Outsider"), "Participants"
        ),
        "editor": in_group(make_user("daina", first_name="Daina"), "Editors"),
        "romeo": in_group(make_user("romeo_rossi", first_name="Romeo"), "Participants"),
        "far_coordinator": in_group(make_user("far_coord"), "Coordinators"),
    }
    hub = make_project(coordinator=people["coordinator"], members=[people["anna"], people["janis"]])
    make_project("rome", coordinator=people["far_coordinator"], members=[people["romeo"]])
    portfolio = hub.add_child(
        instance=PortfolioPage(title="Anna Kalniņa", slug="anna", participant=people["anna"])
    )
    return {**people, "hub": hub, "portfolio": portfolio}


def form_for(world, username, participant, **data):
    """The portfolio editor's form as the admin builds it for ``username``, with this POST."""
    portfolio = world["portfolio"]
    fields = {
        "title": portfolio.title,
        "slug": portfolio.slug,
        "participant": participant.pk if participant is not None else "",
        "visibility": "private",
        "practice_log_visibility": "private",
        "self_assessments": inline_formset([]),
        **data,
    }
    form_class = PortfolioPage.get_edit_handler().get_form_class()
    return form_class(
        nested_form_data(fields),
        instance=portfolio,
        for_user=world[username],
        parent_page=world["hub"],
    )


def offered(form):
    return set(form.fields["participant"].queryset.values_list("username", flat=True))


def post_edit(client, world, participant, **data):
    portfolio = world["portfolio"]
    fields = {
        "title": portfolio.title,
        "slug": portfolio.slug,
        "participant": participant.pk,
        "visibility": "private",
        "practice_log_visibility": "private",
        "self_assessments": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
        **data,
    }
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[portfolio.pk]), nested_form_data(fields)
    )


def participant_of(world):
    return PortfolioPage.objects.get(pk=world["portfolio"].pk).participant.username


@pytest.mark.parametrize("username", ["admin", "coordinator"])
def test_administrators_and_coordinators_choose_among_the_projects_participants(world, username):
    form = form_for(world, username, world["janis"])
    assert offered(form) == {"anna", "janis"}
    assert not form.fields["participant"].disabled
    assert form.is_valid(), form.errors
    assert form.cleaned_data["participant"] == world["janis"]


@pytest.mark.parametrize("username", ["admin", "coordinator"])
@pytest.mark.parametrize("who", ["outsider", "romeo", "editor", "coordinator"])
def test_anyone_else_is_a_form_error(world, username, who):
    form = form_for(world, username, world[who])
    assert not form.is_valid()
    assert form.errors["participant"] == ["Choose one of the project's participants."]


@pytest.mark.parametrize("username", ["anna", "janis", "editor", "far_coordinator", "outsider"])
def test_nobody_else_may_change_it_or_sees_the_accounts(world, username):
    form = form_for(world, username, world["outsider"])
    field = form.fields["participant"]
    assert field.disabled
    assert offered(form) == {"anna"}
    assert form.is_valid(), form.errors
    # A disabled field keeps the portfolio's participant, whatever was posted.
    assert form.cleaned_data["participant"] == world["anna"]


def test_a_participant_who_left_the_project_stays_a_choice_for_their_portfolio(world):
    world["hub"].memberships.filter(user=world["anna"]).delete()
    form = form_for(world, "coordinator", world["anna"])
    assert offered(form) == {"anna", "janis"}
    assert form.is_valid(), form.errors


def test_the_administrator_gives_the_portfolio_to_a_participant_in_the_editor(client, world):
    client.force_login(world["admin"])
    page = client.get(reverse("wagtailadmin_pages:edit", args=[world["portfolio"].pk])).text
    assert "Jānis Ozols (janis)" in page and "Anna Kalniņa (anna)" in page
    assert OUTSIDER not in page and "romeo_rossi" not in page and "daina" not in page

    refused = post_edit(client, world, world["outsider"])
    assert refused.status_code == 200
    assert "Choose one of the project&#x27;s participants." in refused.text
    assert participant_of(world) == "anna"

    given = post_edit(client, world, world["janis"])
    assert given.status_code == 302, given.text[:2000]
    assert participant_of(world) == "janis"


def test_the_participant_sees_only_themselves_and_a_forged_post_changes_nothing(client, world):
    client.force_login(world["anna"])
    page = client.get(reverse("wagtailadmin_pages:edit", args=[world["portfolio"].pk])).text
    assert "Anna Kalniņa (anna)" in page
    assert OUTSIDER not in page and "janis" not in page and "boss" not in page

    response = post_edit(client, world, world["outsider"], title="Anna's renamed portfolio")
    assert response.status_code == 302, response.text[:2000]
    portfolio = PortfolioPage.objects.get(pk=world["portfolio"].pk)
    assert portfolio.title == "Anna's renamed portfolio"
    assert portfolio.participant == world["anna"]


def test_an_editor_never_gets_the_accounts_and_gives_no_portfolio(client, world):
    client.force_login(world["editor"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world["portfolio"].pk]))
    assert OUTSIDER not in edit.text and "janis" not in edit.text

    add_url = reverse(
        "wagtailadmin_pages:add", args=["portfolios", "portfoliopage", world["hub"].pk]
    )
    add = client.get(add_url)
    assert OUTSIDER not in add.text and "janis" not in add.text and "boss" not in add.text
    forged = client.post(
        add_url,
        nested_form_data(
            {
                "title": "Forged",
                "slug": "forged",
                "participant": world["outsider"].pk,
                "visibility": "private",
                "practice_log_visibility": "private",
                "self_assessments": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert forged.status_code in (200, 302, 403)
    assert not PortfolioPage.objects.filter(slug="forged").exists()
    assert participant_of(world) == "anna"
