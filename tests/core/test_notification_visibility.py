"""Every notification asks the visibility rule for its recipient when it is sent.

Between what caused a reminder and its sending, an idea may become private, an entry change hands
or be deleted, a comment be hidden: a row whose recipient may no longer see what it is about is
cancelled, with the reason shown in the admin's outbox, and nothing of it (title, comment) goes
out. ``delivery.deliver`` and ``delivery.send_digest`` are called directly, as the tasks do.
"""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import ProjectMembership
from core.visibility import Visibility
from ideas import actions
from ideas.models import IdeaPage, IdeaStatus
from portfolios.models import PortfolioPage, ReflectionPage
from reminders import delivery, tasks
from reminders.models import Delivery, Kind, Reminder, ReminderPreference
from reminders.outbox import enqueue_many
from reminders.rules import due_rows
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db

TITLE = "Canary idea: welding with robots"
COMMENT = "Canary comment: the board liked the budget"
ENTRY_TITLE = "Canary entry: a day at the workshop"


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks.send_reminder, "apply_async", lambda *a, **kw: None)
    monkeypatch.setattr(tasks.send_batch, "apply_async", lambda *a, **kw: None)


def send_everything():
    """Send every row now, digests included, as the worker would once each falls due."""
    later = timezone.now() + datetime.timedelta(days=2)
    individual = Reminder.objects.filter(status=Reminder.Status.PENDING).exclude(
        context__has_key="digest"
    )
    delivery.deliver(list(individual.values_list("pk", flat=True)))
    for user_id in delivery.users_with_due_digests(later):
        delivery.send_digest(user_id, now=later)


def everything_sent():
    return "\n".join(f"{email.subject}\n{email.body}" for email in mail.outbox)


def emails_to(user):
    return [email for email in mail.outbox if user.email in email.to]


@pytest.fixture
def idea_world():
    author = make_user("author", email="author@example.org", first_name="Aija")
    coordinator = make_user("coord", email="coord@example.org")
    supporter = make_user("supporter", email="supporter@example.org", first_name="Sandra")
    project = make_project(coordinator=coordinator, members=[author])
    idea = make_idea(author, title=TITLE, project=project)
    assert actions.support(idea, supporter)
    mail.outbox.clear()
    Reminder.objects.all().delete()
    return {
        "author": author,
        "coordinator": coordinator,
        "supporter": supporter,
        "project": project,
        "idea": idea,
    }


def make_private(idea):
    """As its author would in the editor: a new revision, published."""
    idea = IdeaPage.objects.get(pk=idea.pk)
    idea.visibility = Visibility.PRIVATE
    idea.save_revision(user=idea.owner).publish()
    idea.refresh_from_db()
    assert idea.effective_visibility == Visibility.PRIVATE
    return idea


def move_on(world, comment=COMMENT):
    idea = IdeaPage.objects.get(pk=world["idea"].pk)
    return actions.change_status(idea, world["coordinator"], IdeaStatus.UNDER_REVIEW, comment)


@pytest.mark.parametrize("when", ["before the change", "after it was queued"])
def test_a_supporter_hears_nothing_of_an_idea_made_private_and_its_author_does(idea_world, when):
    world = idea_world
    if when == "before the change":
        make_private(world["idea"])
        move_on(world)
    else:
        move_on(world)
        make_private(world["idea"])

    send_everything()

    assert emails_to(world["supporter"]) == []
    [to_author] = emails_to(world["author"])
    assert TITLE in to_author.body and COMMENT in to_author.body
    # The title and the comment went to the author alone.
    assert all(
        TITLE not in email.subject + email.body and COMMENT not in email.body
        for email in mail.outbox
        if email is not to_author
    )
    withheld = Reminder.objects.get(recipient=world["supporter"])
    assert withheld.status == Reminder.Status.CANCELLED
    assert withheld.last_error == delivery.OUT_OF_SIGHT


def test_a_supporter_still_hears_of_an_idea_they_may_see(idea_world):
    move_on(idea_world)
    send_everything()
    [email] = emails_to(idea_world["supporter"])
    assert TITLE in email.body and COMMENT in email.body


def test_an_idea_unpublished_before_sending_reaches_its_author_only(idea_world):
    move_on(idea_world)
    IdeaPage.objects.get(pk=idea_world["idea"].pk).unpublish()
    send_everything()
    assert emails_to(idea_world["supporter"]) == []
    assert len(emails_to(idea_world["author"])) == 1


def test_each_item_of_a_digest_is_checked_on_its_own(idea_world):
    world = idea_world
    supporter = world["supporter"]
    ReminderPreference.objects.create(user=supporter, delivery={Kind.IDEA_STATUS: Delivery.DIGEST})
    other = make_idea(world["author"], title="Open idea: bread for the canteen")
    assert actions.support(other, supporter)
    move_on(world)
    actions.change_status(
        IdeaPage.objects.get(pk=other.pk), world["coordinator"], IdeaStatus.UNDER_REVIEW
    )
    make_private(world["idea"])
    Reminder.objects.update(due_at=timezone.now())

    send_everything()

    [digest] = emails_to(supporter)
    assert "Open idea: bread for the canteen" in digest.body
    assert TITLE not in digest.subject + digest.body and COMMENT not in digest.body
    statuses = dict(
        Reminder.objects.filter(recipient=supporter).values_list("subject_id", "status")
    )
    assert sorted(statuses.values()) == ["cancelled", "sent"]


def test_a_digest_of_nothing_visible_is_not_sent(idea_world):
    supporter = idea_world["supporter"]
    ReminderPreference.objects.create(user=supporter, delivery={Kind.IDEA_STATUS: Delivery.DIGEST})
    move_on(idea_world)
    make_private(idea_world["idea"])
    send_everything()
    assert emails_to(supporter) == []
    assert Reminder.objects.get(recipient=supporter).status == Reminder.Status.CANCELLED


def test_a_comment_hidden_before_sending_is_not_emailed(idea_world):
    world = idea_world
    comment = actions.add_comment(world["idea"], world["supporter"], COMMENT)
    actions.hide_comment(world["idea"], world["coordinator"], comment.pk)
    send_everything()
    assert COMMENT not in everything_sent()
    row = Reminder.objects.get(kind=Kind.IDEA_COMMENT)
    assert (row.status, row.last_error) == ("cancelled", delivery.COMMENT_HIDDEN)


def test_a_row_about_a_deleted_idea_is_skipped_cleanly(idea_world):
    world = idea_world
    actions.add_comment(world["idea"], world["supporter"], COMMENT)
    move_on(world)
    IdeaPage.objects.get(pk=world["idea"].pk).delete()
    rows = list(Reminder.objects.values_list("pk", flat=True))
    assert len(rows) == 3

    # As the worker runs it: a task per row, none raising.
    outcomes = [tasks.send_reminder(pk) for pk in rows]

    assert mail.outbox == []
    assert outcomes == [{"cancelled": 1}] * 3
    assert set(Reminder.objects.values_list("status", "last_error")) == {
        ("cancelled", delivery.GONE)
    }


def test_a_check_that_fails_puts_the_row_back_for_later(idea_world, monkeypatch):
    move_on(idea_world)

    def broken(reminder):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(delivery, "_out_of_sight", broken)
    outcome = delivery.deliver(list(Reminder.objects.values_list("pk", flat=True)))
    assert outcome == {"retry": 2}
    assert mail.outbox == []
    assert set(Reminder.objects.values_list("status", flat=True)) == {"pending"}


def test_the_outbox_shows_why_a_row_was_not_sent(idea_world, client):
    move_on(idea_world)
    make_private(idea_world["idea"])
    send_everything()
    client.force_login(make_user("boss", is_superuser=True))
    listing = client.get(reverse("reminder_outbox:index"), {"status": "cancelled"})
    assert listing.status_code == 200
    assert delivery.OUT_OF_SIGHT in listing.text
    row = Reminder.objects.get(recipient=idea_world["supporter"])
    inspect = client.get(reverse("reminder_outbox:inspect", args=[row.pk]))
    assert inspect.status_code == 200
    assert delivery.OUT_OF_SIGHT in inspect.text


# Entries


@pytest.fixture
def entry_world():
    participant = make_user("anna", email="anna@example.org", first_name="Anna")
    coordinator = make_user("inta", email="inta@example.org")
    project = make_project(coordinator=coordinator, members=[participant])
    portfolio = project.add_child(
        instance=PortfolioPage(
            title="Anna", slug="anna", participant=participant, visibility=Visibility.PUBLIC
        )
    )
    entry = portfolio.add_child(
        instance=ReflectionPage(
            title=ENTRY_TITLE,
            slug="workshop",
            date=datetime.date(2010, 10, 26),
            visibility=Visibility.PUBLIC,
        )
    )
    return {
        "participant": participant,
        "coordinator": coordinator,
        "project": project,
        "portfolio": portfolio,
        "entry": entry,
    }


def comment_on(entry, coordinator, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/my/entries/{entry.pk}/comments/", {"body": COMMENT})
    assert response.status_code == 302
    assert Reminder.objects.filter(kind=Kind.ENTRY_COMMENT).count() == 1


def test_the_owner_hears_of_a_comment_on_an_entry_made_private_since(
    entry_world, django_capture_on_commit_callbacks
):
    entry = entry_world["entry"]
    comment_on(entry, entry_world["coordinator"], django_capture_on_commit_callbacks)
    entry.visibility = Visibility.PRIVATE
    entry.save_revision(user=entry_world["participant"]).publish()

    send_everything()

    [email] = emails_to(entry_world["participant"])
    assert ENTRY_TITLE in email.body and COMMENT in email.body


def test_a_comment_on_a_portfolio_given_to_someone_else_stays_with_the_portfolio(
    entry_world, django_capture_on_commit_callbacks
):
    """The participant the comment was written for no longer owns the private entry: they are
    told nothing of it."""
    world = entry_world
    comment_on(world["entry"], world["coordinator"], django_capture_on_commit_callbacks)
    successor = make_user("successor", email="successor@example.org")
    PortfolioPage.objects.filter(pk=world["portfolio"].pk).update(
        participant=successor, visibility=Visibility.PRIVATE
    )

    send_everything()

    assert mail.outbox == []
    row = Reminder.objects.get(kind=Kind.ENTRY_COMMENT)
    assert (row.status, row.last_error) == ("cancelled", delivery.OUT_OF_SIGHT)


# Scheduled reminders


def test_a_weekly_digest_goes_to_coordinators_still_coordinating(entry_world):
    world = entry_world
    project = world["project"]
    former = make_user("former", email="former@example.org")
    ProjectMembership.objects.create(
        project=project, user=former, role=ProjectMembership.Role.COORDINATOR
    )
    rule = project.reminder_rules.create(kind=Kind.COORDINATOR_DIGEST)
    assert enqueue_many(due_rows(rule, project, timezone.now(), forced=True)) == 2
    ProjectMembership.objects.filter(user=former).delete()

    send_everything()

    assert [email.to for email in mail.outbox] == [["inta@example.org"]]
    row = Reminder.objects.get(recipient=former)
    assert (row.status, row.last_error) == ("cancelled", delivery.NOT_COORDINATOR)


def test_a_participant_is_still_nudged_about_their_own_private_portfolio(entry_world):
    world = entry_world
    PortfolioPage.objects.filter(pk=world["portfolio"].pk).update(visibility=Visibility.PRIVATE)
    rule = world["project"].reminder_rules.create(kind=Kind.PRACTICE_NUDGE)
    assert enqueue_many(due_rows(rule, world["project"], timezone.now(), forced=True)) == 1
    send_everything()
    assert [email.to for email in mail.outbox] == [["anna@example.org"]]


# Results pages


def test_a_results_draft_reaches_only_those_who_still_review_it():
    from django.contrib.auth.models import Group

    from dissemination.compile import compile_results
    from tests.dissemination.test_compile import build_world

    world = build_world()
    editors = Group.objects.get(name="Editors")
    reviewer = make_user("daina", email="daina@example.org")
    former = make_user("former_editor", email="former@example.org")
    for user in (reviewer, former):
        user.groups.add(editors)
    compile_results(world["page"].pk)
    assert Reminder.objects.filter(kind=Kind.RESULTS_REVIEW).count() == 2
    former.groups.remove(editors)

    send_everything()

    assert [email.to for email in mail.outbox] == [["daina@example.org"]]
    row = Reminder.objects.get(recipient=former)
    assert (row.status, row.last_error) == ("cancelled", delivery.NOT_REVIEWER)
