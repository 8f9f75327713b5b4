"""Supports ("I'd join this") and comments on ideas, from the idea page and through the actions:
once per user, safe under a concurrent double click, comments hidden by coordinators, authors
told of each, and bad input refused with the typed text kept."""

import threading

import pytest
from django.db import close_old_connections
from django.test import Client

from core.notifications import notification_requested
from core.visibility import Visibility
from ideas import actions
from ideas.models import IdeaComment, IdeaPage, IdeaStatus, IdeaSupport
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    messages = []

    def receiver(**kwargs):
        messages.append((kwargs["kind"], kwargs["recipient"].username, kwargs["actor"].username))

    notification_requested.connect(receiver)
    yield messages
    notification_requested.disconnect(receiver)


@pytest.fixture
def idea():
    return make_idea(make_user("author"), co_authors=[make_user("partner")], title="Shared tools")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def supports_of(idea):
    return IdeaSupport.objects.filter(idea=idea).count(), IdeaPage.objects.get(
        pk=idea.pk
    ).support_count


def test_a_user_supports_once_and_withdraws(idea, heard):
    teacher = make_user("teacher")
    assert actions.support(idea, teacher) is True
    assert actions.support(idea, teacher) is False
    assert supports_of(idea) == (1, 1)
    assert actions.withdraw_support(idea, teacher) is True
    assert actions.withdraw_support(idea, teacher) is False
    assert supports_of(idea) == (0, 0)
    assert sorted(heard) == [
        ("idea_support", "author", "teacher"),
        ("idea_support", "partner", "teacher"),
    ]


def test_supporting_from_the_idea_page(idea):
    teacher = make_user("teacher")
    client = logged_in(teacher)
    assert "I'd join this" in client.get(idea.url).content.decode()
    response = client.post(idea.url + "support/", follow=True)
    html = response.content.decode()
    assert "Withdraw my support" in html
    assert "1 person would join this." in html
    client.post(idea.url + "support/")  # a second click: still one
    assert supports_of(idea) == (1, 1)
    client.post(idea.url + "support/", {"action": "withdraw"})
    assert supports_of(idea) == (0, 0)


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_recorded(idea):
    client = Client()
    html = client.get(idea.url).content.decode()
    assert "Log in to support or discuss this idea." in html
    response = client.post(idea.url + "support/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(idea.url + "comment/", {"body": "Hello"})
    assert response.status_code == 302
    assert supports_of(idea) == (0, 0)
    assert not IdeaComment.objects.exists()


def test_drafts_and_hidden_ideas_take_no_supports_or_comments():
    owner = make_user("owner")
    draft = make_idea(owner, status=IdeaStatus.DRAFT)
    stranger = make_user("stranger")
    with pytest.raises(actions.ActionRefused):
        actions.support(draft, stranger)
    with pytest.raises(actions.ActionRefused):
        actions.support(draft, owner)  # not even by its author: nobody else can see it yet
    private = make_idea(owner, visibility=Visibility.PRIVATE)
    with pytest.raises(actions.ActionRefused):
        actions.add_comment(private, stranger, "Hi")
    # A post to a hidden idea's address is a 404, as its page is.
    assert logged_in(stranger).post(private.url + "support/").status_code == 404
    assert not IdeaSupport.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_concurrent_double_click_counts_once(postgres_db):
    """Two requests at the same moment: the unique constraint, not a check, keeps one."""
    idea = make_idea(make_user("author"))
    teacher = make_user("teacher")
    barrier = threading.Barrier(2)
    results = []

    def click():
        try:
            barrier.wait()
            results.append(actions.support(IdeaPage.objects.get(pk=idea.pk), teacher))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert supports_of(idea) == (1, 1)


def test_comments_are_added_escaped_and_authors_told(idea, heard):
    teacher = make_user("teacher")
    client = logged_in(teacher)
    response = client.post(idea.url + "comment/", {"body": "<script>alert(1)</script> Count me in"})
    assert response.status_code == 302
    html = client.get(idea.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Count me in" in html
    assert "<script>alert(1)" not in html
    assert sorted(heard) == [
        ("idea_comment", "author", "teacher"),
        ("idea_comment", "partner", "teacher"),
    ]


def test_a_bad_comment_keeps_what_was_typed_and_saves_nothing(idea):
    client = logged_in(make_user("teacher"))
    response = client.post(idea.url + "comment/", {"body": "   "})
    assert response.status_code == 400
    assert "Write something before sending the comment." in response.content.decode()
    long_text = "word " * 900
    response = client.post(idea.url + "comment/", {"body": long_text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 4000 characters" in html
    assert long_text.strip()[:200] in html
    assert not IdeaComment.objects.exists()


def test_coordinators_hide_comments_and_others_cannot():
    coordinator, owner, teacher = make_user("coord"), make_user("owner"), make_user("teacher")
    project = make_project(coordinator=coordinator, members=[owner])
    idea = make_idea(owner, project=project)
    rude = actions.add_comment(idea, teacher, "Something rude")
    kind = actions.add_comment(idea, teacher, "Something kind")

    for user in (owner, teacher):
        logged_in(user).post(f"{idea.url}comments/{rude.pk}/hide/")
        with pytest.raises(actions.ActionRefused):
            actions.hide_comment(idea, user, rude.pk)
    assert IdeaComment.objects.get(pk=rude.pk).hidden_at is None

    coordinator_client = logged_in(coordinator)
    assert "Hide this comment" in coordinator_client.get(idea.url).content.decode()
    coordinator_client.post(f"{idea.url}comments/{rude.pk}/hide/")
    hidden = IdeaComment.objects.get(pk=rude.pk)
    assert hidden.hidden_at is not None and hidden.hidden_by == coordinator

    public_html = Client().get(idea.url).content.decode()
    assert "Something rude" not in public_html
    assert "Something kind" in public_html
    assert "Something rude" in coordinator_client.get(idea.url).content.decode()  # marked hidden
    with pytest.raises(actions.ActionRefused):
        actions.hide_comment(idea, coordinator, kind.pk + 1000)
