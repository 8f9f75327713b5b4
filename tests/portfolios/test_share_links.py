"""Secret share links: the owner creates and revokes them at /my/portfolio/<pk>/share/; the link
opens the portfolio's shared items to anyone, never its private ones, and stops at once when
revoked or expired. Nobody else can see or revoke a participant's links."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from portfolios.models import EntryPage, PortfolioPage, PortfolioShareLink, ReflectionPage
from portfolios.sharing import shared_entries
from tests.factories import ReflectionPageFactory

CANARIES = {level: f"CANARY-{level}" for level in ("private", "project", "registered", "public")}


def log_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def manage_url(portfolio):
    return f"/my/portfolio/{portfolio.pk}/share/"


def revoke_url(link):
    return f"/my/portfolio/{link.portfolio_id}/share/{link.pk}/revoke/"


@pytest.fixture
def peteris(demo):
    """The demo's private portfolio, private practice log included, with one canary per level."""
    portfolio = PortfolioPage.objects.get(
        participant__username="participant4", locale__language_code="en"
    )
    for level, title in CANARIES.items():
        ReflectionPageFactory(
            parent=portfolio,
            title=title,
            slug=title.lower(),
            date=datetime.date(2010, 10, 28),
            visibility=level,
        )
    return portfolio


def create_link(client, portfolio, **data):
    log_in(client, portfolio.participant.username)
    response = client.post(manage_url(portfolio), data)
    assert response.status_code == 302
    client.logout()
    return PortfolioShareLink.objects.filter(portfolio=portfolio).latest("pk")


def test_the_owner_creates_a_link_that_opens_the_shared_entries_to_anyone(client, peteris):
    link = create_link(client, peteris)

    response = client.get(f"/share/{link.token}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert peteris.title in html
    for level in ("project", "registered", "public"):
        assert CANARIES[level] in html
    assert CANARIES["private"] not in html
    assert "Thoughts after the first day" not in html  # the demo's private reflection
    assert link.created_by == peteris.participant
    assert link.expires_at is None


def test_shared_entries_open_through_the_link_and_private_ones_do_not(client, peteris):
    link = create_link(client, peteris)
    entries = {entry.title: entry for entry in ReflectionPage.objects.child_of(peteris)}

    shared = client.get(f"/share/{link.token}/{entries[CANARIES['public']].pk}/")
    assert shared.status_code == 200
    assert CANARIES["public"] in shared.content.decode()
    assert f'href="/share/{link.token}/"' in shared.content.decode()

    private = client.get(f"/share/{link.token}/{entries[CANARIES['private']].pk}/")
    assert private.status_code == 404
    assert CANARIES["private"] not in private.content.decode()

    elsewhere = EntryPage.objects.exclude(portfolio=peteris).filter(visibility="public").first()
    assert client.get(f"/share/{link.token}/{elsewhere.pk}/").status_code == 404


def test_drafts_never_appear_even_if_marked_shared(client, peteris):
    ReflectionPageFactory(
        parent=peteris,
        title="CANARY-draft",
        slug="canary-draft",
        date=datetime.date(2010, 10, 29),
        visibility="public",
        live=False,
    )
    link = create_link(client, peteris)

    assert "CANARY-draft" not in client.get(f"/share/{link.token}/").content.decode()
    assert "CANARY-draft" not in set(shared_entries(peteris).values_list("title", flat=True))


def test_practice_totals_appear_only_when_the_log_is_shared(client, peteris):
    link = create_link(client, peteris)
    assert client.get(f"/share/{link.token}/").context["practice_totals"] is None
    assert "English practice" not in client.get(f"/share/{link.token}/").content.decode()

    PortfolioPage.objects.filter(pk=peteris.pk).update(practice_log_visibility="project")
    response = client.get(f"/share/{link.token}/")

    totals = response.context["practice_totals"]
    log = peteris.practice_log.all()
    assert totals.sessions == log.count() == 7
    assert totals.minutes == sum(row.minutes for row in log)
    assert f"{totals.minutes} minutes in 7 sessions" in response.content.decode()


def test_a_revoked_link_is_a_404_at_once(client, peteris):
    link = create_link(client, peteris)
    assert client.get(f"/share/{link.token}/").status_code == 200

    log_in(client, "participant4")
    response = client.post(revoke_url(link))
    client.logout()

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(f"/share/{link.token}/").status_code == 404
    public_entry = ReflectionPage.objects.get(title=CANARIES["public"])
    assert client.get(f"/share/{link.token}/{public_entry.pk}/").status_code == 404


def test_revoking_needs_a_post(client, peteris):
    link = create_link(client, peteris)
    log_in(client, "participant4")

    assert client.get(revoke_url(link)).status_code == 405
    link.refresh_from_db()
    assert link.is_active


def test_an_expired_link_is_a_404(client, peteris):
    link = PortfolioShareLink.objects.create(
        portfolio=peteris, expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert client.get(f"/share/{link.token}/").status_code == 404


def test_a_link_works_to_the_end_of_its_last_day_where_the_project_is(client, peteris):
    # The founding project is in Riga (UTC+3 in summer): 1 July ends there at 21:00 UTC.
    with time_machine.travel(datetime.datetime(2030, 7, 1, 9, 0, tzinfo=datetime.UTC)):
        link = create_link(client, peteris, expires_on="2030-07-01")
    url = f"/share/{link.token}/"

    with time_machine.travel(datetime.datetime(2030, 7, 1, 20, 59, tzinfo=datetime.UTC)):
        assert client.get(url).status_code == 200
    with time_machine.travel(datetime.datetime(2030, 7, 1, 21, 0, tzinfo=datetime.UTC)):
        assert client.get(url).status_code == 404


def test_an_expiry_date_in_the_past_is_refused(client, peteris):
    log_in(client, "participant4")
    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)

    response = client.post(manage_url(peteris), {"expires_on": two_days_ago.isoformat()})

    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"] == ["Choose today or a later date."]
    assert "Choose today or a later date." in response.content.decode()
    assert not PortfolioShareLink.objects.exists()


def test_the_owner_sees_active_and_past_links_with_their_addresses(client, peteris):
    active = PortfolioShareLink.objects.create(portfolio=peteris)
    revoked = PortfolioShareLink.objects.create(portfolio=peteris, revoked_at=timezone.now())
    log_in(client, "participant4")

    response = client.get(manage_url(peteris))

    assert response.context["active_links"] == [active]
    assert response.context["past_links"] == [revoked]
    html = response.content.decode()
    assert f"http://testserver/share/{active.token}/" in html
    assert f"http://testserver/share/{revoked.token}/" in html
    assert revoke_url(active) in html
    assert revoke_url(revoked) not in html


@pytest.mark.parametrize("username", ["participant1", "coordinator", "teacher"])
def test_nobody_else_can_see_create_or_revoke_someones_links(client, peteris, username):
    link = PortfolioShareLink.objects.create(portfolio=peteris)
    log_in(client, username)

    assert client.get(manage_url(peteris)).status_code == 404
    assert client.post(manage_url(peteris), {}).status_code == 404
    assert client.post(revoke_url(link)).status_code == 404
    # Nor through their own portfolio's address with someone else's link.
    own = PortfolioPage.objects.filter(participant__username=username).first()
    if own is not None:
        response = client.post(f"/my/portfolio/{own.pk}/share/{link.pk}/revoke/")
        assert response.status_code == 404

    link.refresh_from_db()
    assert link.is_active
    assert PortfolioShareLink.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, peteris):
    response = client.get(manage_url(peteris))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_tokens_are_long_random_and_url_safe(peteris):
    first = PortfolioShareLink.objects.create(portfolio=peteris)
    second = PortfolioShareLink.objects.create(portfolio=peteris)

    assert first.token != second.token
    for token in (first.token, second.token):
        assert len(token) >= 40
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)


def test_unknown_tokens_are_a_404(client, peteris):
    PortfolioShareLink.objects.create(portfolio=peteris)

    assert client.get("/share/not-a-real-token/").status_code == 404


def test_an_unpublished_portfolio_opens_nothing(client, peteris):
    link = PortfolioShareLink.objects.create(portfolio=peteris)
    peteris.unpublish()

    assert client.get(f"/share/{link.token}/").status_code == 404


def test_shared_pages_keep_the_token_out_of_indexes_caches_and_referrers(client, peteris):
    link = PortfolioShareLink.objects.create(portfolio=peteris)
    entry = ReflectionPage.objects.get(title=CANARIES["public"])

    for url in (f"/share/{link.token}/", f"/share/{link.token}/{entry.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "noindex" in response["X-Robots-Tag"]
        assert response["Referrer-Policy"] == "no-referrer"
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control


@pytest.fixture
def attachments(peteris, settings, tmp_path):
    """An image and a document in the project-level entry of Pēteris's private portfolio, and
    another pair in its private entry."""
    from django.core.cache import caches
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    files = {}
    for level in ("project", "private"):
        picture = Image.objects.create(
            title=f"Photo {level}",
            file=get_test_image_file(filename=f"photo-{level}.png"),
            uploaded_by_user=peteris.participant,
        )
        notes = Document.objects.create(
            title=f"Notes {level}",
            file=ContentFile(b"Notes", name=f"notes-{level}.txt"),
            uploaded_by_user=peteris.participant,
        )
        entry = ReflectionPage.objects.get(title=CANARIES[level])
        entry.body = [
            ("image", {"image": picture, "alt_text": "A lesson", "decorative": False}),
            ("document", notes),
        ]
        entry.save_revision().publish()
        files[level] = [picture.get_rendition("fill-80x60").url, picture.file.url, notes.url]
    return files


def opens(client, url):
    return client.get(url).status_code == 200


def test_the_files_of_shared_entries_open_for_whoever_opened_the_link(client, peteris, attachments):
    link = create_link(client, peteris)
    for url in attachments["project"]:
        assert not opens(client, url), url

    assert client.get(f"/share/{link.token}/").status_code == 200

    for url in attachments["project"]:
        assert opens(client, url), url
    for url in attachments["private"]:
        assert not opens(client, url), url


def test_revoking_a_link_closes_its_files_at_once(client, peteris, attachments):
    link = create_link(client, peteris)
    client.get(f"/share/{link.token}/")
    link.revoke()
    for url in attachments["project"]:
        assert not opens(client, url), url


def test_another_browser_without_the_link_gets_no_files(client, peteris, attachments):
    from django.test import Client

    link = create_link(client, peteris)
    client.get(f"/share/{link.token}/")
    for url in attachments["project"]:
        assert not opens(Client(), url), url
