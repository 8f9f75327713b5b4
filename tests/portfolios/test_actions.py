"""``portfolios.actions``: each write checks first and refuses with ``ActionRefused`` before
changing anything; a comment and its notification are written in one transaction, so that a
failing notification leaves no comment behind.

The views on top of these are tested where a person meets them (test_entry_comments.py,
test_share_links.py); this file holds the actions to their own promise, called directly.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from core.notifications import notification_requested
from portfolios import actions
from portfolios.models import EntryComment, PortfolioPage, PortfolioShareLink, ReflectionPage
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_user("owner")
    member = make_user("member")
    coordinator = make_user("coordinator")
    hub = make_project("florence", coordinator=coordinator, members=[owner, member])
    portfolio = hub.add_child(
        instance=PortfolioPage(title="Owner's", slug="owners", participant=owner)
    )
    entry = portfolio.add_child(
        instance=ReflectionPage(title="Day one", slug="day-one", date=datetime.date(2010, 10, 25))
    )
    return {
        "owner": owner,
        "member": member,
        "coordinator": coordinator,
        "portfolio": portfolio,
        "entry": entry,
    }


@pytest.fixture
def notifications():
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    notification_requested.connect(receiver)
    yield received
    notification_requested.disconnect(receiver)


def test_a_coordinator_comments_and_the_participant_is_told(world, notifications):
    comment = actions.add_comment(world["entry"], world["coordinator"], "Well observed.")

    assert EntryComment.objects.get() == comment
    assert comment.author == world["coordinator"]
    assert [(n["kind"], n["recipient"], n["subject"]) for n in notifications] == [
        ("entry_comment", world["owner"], comment)
    ]


@pytest.mark.parametrize("who", ["owner", "member", "anonymous"])
def test_only_coordinators_comment_and_a_refusal_writes_nothing(world, notifications, who):
    user = AnonymousUser() if who == "anonymous" else world[who]

    with pytest.raises(actions.ActionRefused):
        actions.add_comment(world["entry"], user, "Hello")

    assert not EntryComment.objects.exists()
    assert notifications == []


def test_a_failing_notification_leaves_no_comment(world):
    def failing(**kwargs):
        raise RuntimeError("the outbox is down")

    notification_requested.connect(failing)
    try:
        with pytest.raises(RuntimeError):
            actions.add_comment(world["entry"], world["coordinator"], "Lost with its notice")
    finally:
        notification_requested.disconnect(failing)

    assert not EntryComment.objects.exists()


def test_the_owner_makes_a_link_that_works_to_the_end_of_the_chosen_day(world):
    last_day = datetime.date(2010, 10, 30)
    link = actions.create_share_link(world["portfolio"], world["owner"], last_day)

    assert link.created_by == world["owner"]
    # The end of the day where the project happens, whatever the server's time zone.
    local = link.expires_at.astimezone(world["portfolio"].project.time_zone)
    assert (local.date(), local.time()) == (datetime.date(2010, 10, 31), datetime.time.min)
    assert actions.create_share_link(world["portfolio"], world["owner"], None).expires_at is None


@pytest.mark.parametrize("who", ["coordinator", "member", "anonymous"])
def test_only_the_owner_shares_and_revokes(world, who):
    user = AnonymousUser() if who == "anonymous" else world[who]
    link = actions.create_share_link(world["portfolio"], world["owner"], None)

    with pytest.raises(actions.ActionRefused):
        actions.create_share_link(world["portfolio"], user, None)
    with pytest.raises(actions.ActionRefused):
        actions.revoke_share_link(world["portfolio"], link.pk, user)

    assert list(PortfolioShareLink.objects.all()) == [link]
    link.refresh_from_db()
    assert link.revoked_at is None


def test_revoking_closes_the_link_once_and_only_a_link_of_that_portfolio(world):
    link = actions.create_share_link(world["portfolio"], world["owner"], None)
    other = make_project("elsewhere", members=[world["owner"]]).add_child(
        instance=PortfolioPage(title="Other", slug="other", participant=world["owner"])
    )

    with pytest.raises(actions.ActionRefused):
        actions.revoke_share_link(other, link.pk, world["owner"])
    link.refresh_from_db()
    assert link.is_active

    revoked = actions.revoke_share_link(world["portfolio"], link.pk, world["owner"])
    assert not revoked.is_active
    again = actions.revoke_share_link(world["portfolio"], link.pk, world["owner"])
    assert again.revoked_at == revoked.revoked_at
