"""An idea's status path: every allowed move by the right role, every other move refused with
nothing changed, each change recorded and shown, and the status immune to later edits."""

import itertools

import pytest
from django.test import Client

from core.notifications import notification_requested
from core.visibility import Visibility, can_view
from ideas import actions
from ideas.models import IdeaPage, IdeaStatus, StatusChange
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db

S = IdeaStatus
ALLOWED = {
    (S.DRAFT, S.PROPOSED): "author",
    (S.PROPOSED, S.UNDER_REVIEW): "coordinator",
    (S.UNDER_REVIEW, S.SHORTLISTED): "coordinator",
    (S.SHORTLISTED, S.IN_APPLICATION): "coordinator",
    (S.IN_APPLICATION, S.FUNDED): "coordinator",
    (S.IN_APPLICATION, S.NOT_FUNDED): "coordinator",
    (S.FUNDED, S.ARCHIVED): "coordinator",
    (S.NOT_FUNDED, S.ARCHIVED): "coordinator",
}
REFUSED = [pair for pair in itertools.product(S.values, S.values) if pair not in ALLOWED]


@pytest.fixture
def people():
    owner, co_author, coordinator, stranger, member = (
        make_user(name) for name in ("owner", "coauthor", "coord", "stranger", "member")
    )
    project = make_project(coordinator=coordinator, members=[owner, member])
    other_coordinator = make_user("othercoord")
    make_project("rome", coordinator=other_coordinator)
    return {
        "owner": owner,
        "co_author": co_author,
        "coordinator": coordinator,
        "stranger": stranger,
        "member": member,
        "other_coordinator": other_coordinator,
        "project": project,
    }


def idea_at(status, people):
    idea = make_idea(
        people["owner"],
        status=S.DRAFT,
        co_authors=[people["co_author"]],
        project=people["project"],
    )
    IdeaPage.objects.filter(pk=idea.pk).update(status=status)
    idea.refresh_from_db()
    return idea


def test_the_transition_table_is_the_documented_path():
    roles = {"author": actions.AUTHORS, "coordinator": actions.COORDINATORS}
    expected = {pair: roles[role] for pair, role in ALLOWED.items()}
    assert expected == actions.TRANSITIONS


@pytest.mark.parametrize(("source", "target"), list(ALLOWED))
def test_every_allowed_move_is_taken_by_its_role_and_recorded(people, source, target):
    idea = idea_at(source, people)
    before = StatusChange.objects.filter(idea=idea).count()
    actor = people["owner"] if ALLOWED[source, target] == "author" else people["coordinator"]
    change = actions.change_status(idea, actor, target, "  Looks ready.  ")
    idea.refresh_from_db()
    assert idea.status == target
    assert idea.status_changed_at is not None
    assert StatusChange.objects.filter(idea=idea).count() == before + 1
    assert (change.actor, change.from_status, change.to_status, change.comment) == (
        actor,
        source,
        target,
        "Looks ready.",
    )


@pytest.mark.parametrize(("source", "target"), list(ALLOWED))
def test_every_allowed_move_is_refused_to_the_wrong_role(people, source, target):
    idea = idea_at(source, people)
    if ALLOWED[source, target] == "author":
        wrong = [people["coordinator"], people["stranger"], people["member"]]
    else:
        # Authors cannot move their own idea on; nor can another project's coordinator.
        wrong = [
            people["owner"],
            people["co_author"],
            people["member"],
            people["other_coordinator"],
        ]
    for user in wrong:
        with pytest.raises(actions.ActionRefused):
            actions.change_status(idea, user, target)
        idea.refresh_from_db()
        assert idea.status == source
    assert not StatusChange.objects.filter(idea=idea, to_status=target).exists()


def test_a_co_author_may_propose(people):
    idea = idea_at(S.DRAFT, people)
    actions.change_status(idea, people["co_author"], S.PROPOSED)
    assert IdeaPage.objects.get(pk=idea.pk).status == S.PROPOSED


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused_even_to_a_superuser(people, source, target):
    idea = idea_at(source, people)
    admin = make_user("root", is_superuser=True)
    with pytest.raises(actions.ActionRefused, match="cannot go from"):
        actions.change_status(idea, admin, target)
    idea.refresh_from_db()
    assert idea.status == source
    assert not StatusChange.objects.filter(idea=idea, to_status=target).exists()


def test_an_unknown_status_or_an_overlong_comment_changes_nothing(people):
    idea = idea_at(S.PROPOSED, people)
    with pytest.raises(actions.ActionRefused, match="not a status"):
        actions.change_status(idea, people["coordinator"], "approved")
    with pytest.raises(actions.ActionRefused, match="too long"):
        actions.change_status(idea, people["coordinator"], S.UNDER_REVIEW, "x" * 4001)
    assert IdeaPage.objects.get(pk=idea.pk).status == S.PROPOSED


def test_coordinators_of_any_project_move_on_ideas_that_came_from_no_project(people):
    idea = make_idea(people["owner"], project=None)
    actions.change_status(idea, people["other_coordinator"], S.UNDER_REVIEW)
    with pytest.raises(actions.ActionRefused):
        actions.change_status(idea, people["stranger"], S.SHORTLISTED)


def test_next_statuses_offers_each_user_only_their_moves(people):
    idea = idea_at(S.IN_APPLICATION, people)
    assert actions.next_statuses(people["coordinator"], idea) == [S.FUNDED, S.NOT_FUNDED]
    assert actions.next_statuses(people["owner"], idea) == []
    draft = idea_at(S.DRAFT, people)
    assert actions.next_statuses(people["owner"], draft) == [S.PROPOSED]
    assert actions.next_statuses(people["coordinator"], draft) == []


def test_a_draft_is_private_until_proposed_then_as_visible_as_chosen(people):
    idea = idea_at(S.DRAFT, people)
    idea.save()  # the effective visibility follows the status on every save
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC
    assert idea.effective_visibility == Visibility.PRIVATE
    assert not can_view(people["stranger"], idea)
    assert can_view(people["co_author"], idea)
    assert can_view(people["coordinator"], idea)
    actions.change_status(idea, people["owner"], S.PROPOSED)
    idea.refresh_from_db()
    assert idea.effective_visibility == Visibility.PUBLIC
    assert can_view(people["stranger"], idea)


def test_publishing_an_edit_keeps_the_status_the_coordinator_set(people):
    idea = idea_at(S.PROPOSED, people)
    stale = IdeaPage.objects.get(pk=idea.pk).save_revision(user=people["owner"])
    actions.change_status(idea, people["coordinator"], S.UNDER_REVIEW)
    stale.publish()
    edited = IdeaPage.objects.get(pk=idea.pk).get_latest_revision_as_object()
    edited.summary = "A better summary"
    edited.save_revision(user=people["owner"]).publish()
    idea.refresh_from_db()
    assert idea.summary == "A better summary"
    assert idea.status == S.UNDER_REVIEW
    assert idea.effective_visibility == Visibility.PUBLIC


def test_authors_are_notified_of_status_changes_but_not_of_their_own(people):
    heard = []

    def receiver(**kwargs):
        heard.append((kwargs["kind"], kwargs["recipient"].username))

    notification_requested.connect(receiver)
    try:
        idea = idea_at(S.DRAFT, people)
        actions.change_status(idea, people["owner"], S.PROPOSED)
        actions.change_status(idea, people["coordinator"], S.UNDER_REVIEW)
    finally:
        notification_requested.disconnect(receiver)
    assert heard == [
        ("idea_status", "coauthor"),
        ("idea_status", "coauthor"),
        ("idea_status", "owner"),
    ]


def test_the_timeline_and_the_status_form_on_the_idea_page(people):
    idea = idea_at(S.PROPOSED, people)
    actions.change_status(idea, people["coordinator"], S.UNDER_REVIEW, "We <b>like</b> it")
    client = Client()
    client.force_login(people["coordinator"])
    html = client.get(idea.url).content.decode()
    assert "Proposed → Under review" in html
    assert "We &lt;b&gt;like&lt;/b&gt; it" in html
    assert 'value="shortlisted"' in html
    response = client.post(idea.url + "status/", {"to_status": "shortlisted", "comment": ""})
    assert response.status_code == 302
    assert IdeaPage.objects.get(pk=idea.pk).status == S.SHORTLISTED

    client.force_login(people["owner"])
    html = client.get(idea.url).content.decode()
    assert 'name="to_status"' not in html
    response = client.post(idea.url + "status/", {"to_status": "in_application"}, follow=True)
    assert "Only the project" in response.content.decode()
    assert IdeaPage.objects.get(pk=idea.pk).status == S.SHORTLISTED
    assert client.get(idea.url + "status/").status_code == 405


def test_the_timeline_shows_times_in_the_projects_time_zone(people):
    import datetime

    from ideas.models import StatusChange

    idea = idea_at(S.PROPOSED, people)
    people["project"].time_zone = "Europe/Riga"
    people["project"].save()
    change = actions.change_status(idea, people["coordinator"], S.UNDER_REVIEW)
    noon_utc = datetime.datetime(2010, 10, 27, 12, 0, tzinfo=datetime.UTC)
    StatusChange.objects.filter(pk=change.pk).update(created_at=noon_utc)
    html = Client().get(idea.url).content.decode()
    assert "27 October 2010, 15:00" in html or "Oct. 27, 2010, 3 p.m." in html, html[-3000:]
