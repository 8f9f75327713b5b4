"""``load_demo`` fills the idea database with the founding project's ideas, in both languages."""

import html
import io
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from core.visibility import Visibility
from demo.home import PROJECT_SLUG
from ideas.models import (
    IdeaComment,
    IdeaIndexPage,
    IdeaPage,
    IdeaStatus,
    IdeaSupport,
    IdeaTag,
    StatusChange,
)

pytestmark = pytest.mark.django_db


def load_demo(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "ideas": IdeaPage.objects.count(),
        "indexes": IdeaIndexPage.objects.count(),
        "supports": IdeaSupport.objects.count(),
        "comments": IdeaComment.objects.count(),
        "hidden comments": IdeaComment.objects.filter(hidden_at__isnull=False).count(),
        "status changes": StatusChange.objects.count(),
        "tags": IdeaTag.objects.count(),
        "partners": IdeaPage.partners.through.objects.count(),
        "inspirations": IdeaPage.inspired_by.through.objects.count(),
        "co-authors": IdeaPage.co_authors.through.objects.count(),
    }


def shown_to_everyone(idea):
    return idea.status != IdeaStatus.DRAFT and idea.visibility == Visibility.PUBLIC


def test_the_ideas_come_from_the_founding_project_at_every_step_of_their_path(demo):
    # The English ideas: each Latvian one is its translation, sharing its status and history.
    ideas = list(
        IdeaPage.objects.live()
        .filter(locale__language_code="en")
        .select_related("project", "owner")
    )
    assert len(ideas) >= 12
    statuses = {idea.status for idea in ideas}
    assert len(statuses) >= 5
    assert IdeaStatus.DRAFT in statuses
    assert statuses & {IdeaStatus.FUNDED, IdeaStatus.SHORTLISTED}
    assert len({idea.programme for idea in ideas}) >= 3
    assert {idea.visibility for idea in ideas} >= {Visibility.PUBLIC, Visibility.PRIVATE}
    assert {idea.first_published_at.year for idea in ideas} == {2010, 2011}
    for idea in ideas:
        assert (idea.project.slug, idea.project.locale.language_code) == (PROJECT_SLUG, "en")
        assert idea.owner.username.startswith("participant")
        assert 2 <= idea.tags.count() <= 4
        assert idea.summary and idea.need and idea.activities and idea.budget
        assert idea.support_count == idea.supports.count()
    assert IdeaPage.objects.filter(inspired_by__isnull=False).distinct().count() >= 10
    assert IdeaPage.objects.filter(partners__isnull=False).distinct().exists()
    assert IdeaPage.objects.filter(co_authors__isnull=False).distinct().exists()


def test_statuses_were_reached_along_the_path_by_the_right_people(demo):
    for idea in IdeaPage.objects.filter(locale__language_code="en"):
        changes = list(idea.status_changes.select_related("actor"))
        if idea.status == IdeaStatus.DRAFT:
            assert changes == []
            continue
        assert changes[0].from_status == IdeaStatus.DRAFT
        assert changes[-1].to_status == idea.status
        assert changes[0].actor == idea.owner
        assert {change.actor.username for change in changes[1:]} <= {"coordinator"}
        for before, after in itertools.pairwise(changes):
            assert before.to_status == after.from_status
            assert before.created_at <= after.created_at
        assert idea.status_changed_at == changes[-1].created_at


def test_supports_and_comments_come_from_several_people_and_one_comment_is_hidden(demo):
    supporters = set(IdeaSupport.objects.values_list("user__username", flat=True))
    assert {"teacher", "coordinator"} <= supporters
    assert len(supporters) >= 4
    assert IdeaComment.objects.values("author").distinct().count() >= 3
    hidden = IdeaComment.objects.get(hidden_at__isnull=False)
    assert hidden.hidden_by.username == "coordinator"
    assert hidden.idea.visibility == Visibility.PUBLIC


def test_the_idea_database_answers_anonymously_in_both_languages_with_public_ideas_only(
    client, demo
):
    ideas = list(IdeaPage.objects.all())
    assert any(
        idea.status == IdeaStatus.DRAFT and idea.visibility == Visibility.PUBLIC for idea in ideas
    )
    for url, title, language in (("/ideas/", "Ideas", "en"), ("/lv/ideas/", "Idejas", "lv")):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert f"<h1>{title}</h1>" in content
        for idea in IdeaPage.objects.filter(locale__language_code=language):
            assert (html.escape(idea.title) in content) == shown_to_everyone(idea), (url, idea)


def test_authors_see_their_draft_in_the_listing(client, demo):
    draft = IdeaPage.objects.filter(status=IdeaStatus.DRAFT).select_related("owner").first()
    client.force_login(draft.owner)
    assert html.escape(draft.title) in client.get("/ideas/").content.decode()


def test_a_hidden_comment_is_not_shown_to_readers(client, demo):
    hidden = IdeaComment.objects.select_related("idea").get(hidden_at__isnull=False)
    shown = hidden.idea.comments.filter(hidden_at__isnull=True).first()
    content = client.get(hidden.idea.url).content.decode()
    assert html.escape(shown.body) in content
    assert html.escape(hidden.body) not in content


def test_the_latvian_idea_database_is_a_published_translation(demo):
    english = IdeaIndexPage.objects.get(locale__language_code="en")
    latvian = IdeaIndexPage.objects.get(locale__language_code="lv")
    assert latvian.translation_key == english.translation_key
    assert latvian.live and latvian.title == "Idejas" and latvian.intro
    assert english.intro
    assert latvian.get_parent().specific.locale.language_code == "lv"


def test_participants_propose_ideas_from_the_latvian_idea_database_too(client, demo):
    from django.urls import reverse

    latvian = IdeaIndexPage.objects.get(locale__language_code="lv")
    client.force_login(get_user_model().objects.get(username="participant1"))
    page = client.get("/lv/ideas/").content.decode()
    add_url = reverse("wagtailadmin_pages:add", args=("ideas", "ideapage", latvian.pk))
    assert add_url in page
    assert client.get(add_url).status_code == 200


def test_running_twice_changes_nothing(demo):
    first = counts()
    load_demo(quiet_summary=True)
    assert counts() == first


def test_reset_recreates_the_ideas_and_the_latvian_idea_database(demo):
    before = counts()
    old_ids = set(IdeaPage.objects.values_list("pk", flat=True))
    old_lv = IdeaIndexPage.objects.get(locale__language_code="lv").pk
    load_demo(quiet_summary=True, reset=True)
    assert counts() == before
    assert set(IdeaPage.objects.values_list("pk", flat=True)).isdisjoint(old_ids)
    assert IdeaIndexPage.objects.get(locale__language_code="lv").pk != old_lv


def test_reset_keeps_a_latvian_idea_database_that_holds_someone_elses_idea(demo):
    latvian = IdeaIndexPage.objects.get(locale__language_code="lv")
    author = get_user_model().objects.create_user("someone-else")
    latvian.add_child(
        instance=IdeaPage(title="Mana ideja", slug="mana-ideja", summary="…", owner=author)
    )
    load_demo(quiet_summary=True, reset=True)
    assert IdeaIndexPage.objects.filter(pk=latvian.pk).exists()
    assert IdeaPage.objects.filter(slug="mana-ideja").exists()


def test_the_summary_points_to_the_idea_database():
    output = load_demo()
    assert "/ideas/" in output
    assert "/lv/ideas/" in output
