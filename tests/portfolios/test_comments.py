"""Coordinators' comments on entries: only they write them, only the owner and they read them,
bad input saves nothing, and the owner is notified through ``core.notifications`` after commit."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.notifications import notification_requested
from portfolios.models import EntryComment, EntryPage

pytestmark = pytest.mark.django_db

PORTFOLIO = "/projects/latgale-florence-2010/anna-kalnina/"
CANARY = "Canary: only Anna and the coordinator may read this."


def entry(slug):
    return EntryPage.objects.get(
        slug=slug, portfolio__slug="anna-kalnina", locale__language_code="en"
    )


def comments_url(page):
    return f"/my/entries/{page.pk}/comments/"


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def notifications():
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    notification_requested.connect(receiver)
    yield received
    notification_requested.disconnect(receiver)


def post_comment(client, page, body, capture):
    with capture(execute=True):
        return client.post(comments_url(page), {"body": body})


def test_a_coordinator_comments_and_the_owner_sees_it_and_is_notified(
    demo, client, django_capture_on_commit_callbacks, notifications
):
    page = entry("observed-lesson")
    login(client, "coordinator")
    response = post_comment(
        client, page, CANARY + "\nSecond line.", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response["Location"] == PORTFOLIO + "observed-lesson/#comments"
    comment = EntryComment.objects.get()
    assert comment.entry_id == page.pk
    assert comment.author.username == "coordinator"
    owner = get_user_model().objects.get(username="participant1")
    assert len(notifications) == 1
    assert notifications[0]["kind"] == "entry_comment"
    assert notifications[0]["recipient"] == owner
    assert notifications[0]["subject"] == comment
    assert notifications[0]["actor"].username == "coordinator"
    assert notifications[0]["context"] == {"entry_id": page.pk}

    coordinator_view = client.get(PORTFOLIO + "observed-lesson/")
    assert CANARY in coordinator_view.text
    assert "Comment sent" in coordinator_view.text

    owner_view = login(client, "participant1").get(PORTFOLIO + "observed-lesson/")
    assert CANARY in owner_view.text
    assert "<br>Second line." in owner_view.text
    assert comments_url(page) not in owner_view.text, "the owner reads comments, not writes them"


@pytest.mark.parametrize("slug", ["observed-lesson", "seminar-quality-assurance"])
@pytest.mark.parametrize("username", ["participant2", "editor", "teacher", None])
def test_nobody_else_sees_comments_even_on_public_entries(demo, client, slug, username):
    page = entry(slug)
    EntryComment.objects.create(
        entry=page, author=get_user_model().objects.get(username="coordinator"), body=CANARY
    )
    if username:
        login(client, username)
    response = client.get(PORTFOLIO + slug + "/")
    assert response.status_code in (200, 404)
    assert CANARY not in response.text
    assert comments_url(page) not in response.text
    if slug == "seminar-quality-assurance":
        assert response.status_code == 200, "the public entry itself stays readable"


@pytest.mark.parametrize("username", ["participant1", "participant2", "editor", "teacher"])
def test_only_coordinators_may_post_comments(
    demo, client, username, django_capture_on_commit_callbacks, notifications
):
    page = entry("seminar-quality-assurance")
    login(client, username)
    response = post_comment(client, page, CANARY, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    assert not EntryComment.objects.exists()
    assert notifications == []


def test_anonymous_posting_is_sent_to_log_in(demo, client, django_capture_on_commit_callbacks):
    response = post_comment(
        client, entry("seminar-quality-assurance"), CANARY, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not EntryComment.objects.exists()


def test_posting_needs_a_post(demo, client):
    login(client, "coordinator")
    assert client.get(comments_url(entry("observed-lesson"))).status_code == 405


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   ", "Write something before sending the comment."),
        ("x" * 2001, "A comment can be at most 2000 characters long (this one has 2001)."),
    ],
)
def test_an_empty_or_too_long_comment_is_refused_with_a_message(
    demo, client, body, error, django_capture_on_commit_callbacks, notifications
):
    page = entry("observed-lesson")
    login(client, "coordinator")
    response = post_comment(client, page, body, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert error in response.text
    assert page.title in response.text, "the entry page again, not a bare error"
    if body.strip():
        assert body in response.text, "what was typed is kept"
    assert not EntryComment.objects.exists()
    assert notifications == []


def test_comment_bodies_are_escaped(demo, client):
    page = entry("observed-lesson")
    EntryComment.objects.create(
        entry=page,
        author=get_user_model().objects.get(username="coordinator"),
        body="<script>alert('x')</script>",
    )
    response = login(client, "participant1").get(PORTFOLIO + "observed-lesson/")
    assert "<script>alert(" not in response.text
    assert "&lt;script&gt;alert(" in response.text


def test_comments_cost_one_query_however_many_there_are(demo, client):
    page = entry("observed-lesson")
    coordinator = get_user_model().objects.get(username="coordinator")
    login(client, "coordinator")

    def entry_page_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(PORTFOLIO + "observed-lesson/")
        assert response.status_code == 200
        return [q["sql"] for q in queries.captured_queries], response

    entry_page_queries()  # first visit: per-user rows Wagtail creates once
    EntryComment.objects.create(entry=page, author=coordinator, body="Comment 0")
    few, _response = entry_page_queries()
    EntryComment.objects.bulk_create(
        EntryComment(entry=page, author=coordinator, body=f"More {n}") for n in range(20)
    )
    many, response = entry_page_queries()
    assert "More 19" in response.text
    assert len(many) == len(few)
    assert sum("portfolios_entrycomment" in sql for sql in many) == 1


def test_the_admin_lists_comments_to_superusers_only_and_changes_none(demo, client):
    comment = EntryComment.objects.create(
        entry=entry("observed-lesson"),
        author=get_user_model().objects.get(username="coordinator"),
        body=CANARY,
    )
    login(client, "coordinator")
    assert client.get(reverse("entry_comments:index")).status_code in (302, 403)
    assert CANARY not in client.get(reverse("entry_comments:inspect", args=[comment.pk])).text

    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(superuser)
    assert client.get(reverse("entry_comments:index")).status_code == 200
    assert CANARY in client.get(reverse("entry_comments:inspect", args=[comment.pk])).text
    edit = client.post(reverse("entry_comments:edit", args=[comment.pk]), {"body": "changed"})
    assert edit.status_code in (302, 403)
    delete = client.post(reverse("entry_comments:delete", args=[comment.pk]))
    assert delete.status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.body == CANARY
