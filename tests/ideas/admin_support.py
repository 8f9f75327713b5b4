"""People, projects and ideas for the tests of the ideas' admin, exports and suggestions.

Two projects: Florence (coordinator Carla, participants Alice and Bob) and Rome (coordinator
Dario, participant Fabio). Eve is an editor in no project; Root is a superuser. Users are put in
the groups the migrations create, so the admin rights are the real ones.
"""

import itertools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.visibility import Visibility
from ideas import actions
from ideas.models import IdeaIndexPage, IdeaPage, IdeaStatus
from tests.factories import make_project

_numbers = itertools.count(1)
ROUTE = [
    IdeaStatus.PROPOSED,
    IdeaStatus.UNDER_REVIEW,
    IdeaStatus.SHORTLISTED,
    IdeaStatus.IN_APPLICATION,
]


def make_user(username, group=None, **extra):
    first_name = extra.pop("first_name", username.title())
    user = get_user_model().objects.create_user(
        username, password="pw", first_name=first_name, last_name="Test", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_idea(owner, title, status=IdeaStatus.PROPOSED, tags=(), co_authors=(), **fields):
    """A published idea, moved along its path to ``status`` (a superuser takes the steps that
    need a coordinator)."""
    number = next(_numbers)
    fields.setdefault("summary", f"Summary of {title}")
    fields.setdefault("visibility", Visibility.PUBLIC)
    idea = IdeaPage(title=title, slug=f"idea-{number}", owner=owner, **fields)
    idea.co_authors = list(co_authors)
    IdeaIndexPage.objects.filter(locale__language_code="en").first().add_child(instance=idea)
    for tag in tags:
        idea.tags.add(tag)
    idea.save_revision(user=owner).publish()
    idea = IdeaPage.objects.get(pk=idea.pk)
    if status != IdeaStatus.DRAFT:
        referee = get_user_model().objects.filter(is_superuser=True).first()
        path = ROUTE[: ROUTE.index(status) + 1] if status in ROUTE else [*ROUTE, status]
        for target in path:
            actions.change_status(idea, owner if target == IdeaStatus.PROPOSED else referee, target)
    idea.refresh_from_db()
    return idea


@dataclass
class World:
    users: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    ideas: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.users.get(name) or self.ideas[name]

    def titles_seen_by(self, username):
        """Every idea title ``username`` may see, worked out by hand from the table below."""
        return {SEEN_BY[name][0] for name in SEEN_BY if username in SEEN_BY[name][1]} | {
            title for title, audience in SEEN_BY.values() if audience == EVERYONE
        }


EVERYONE = "everyone"
# idea: (title, who may see it besides superusers)
SEEN_BY = {
    "alice_private": ("Welding apprenticeships abroad", {"alice", "bob", "carla"}),
    "alice_public": ("Hotel kitchen exchange", EVERYONE),
    "bob_private": ("Secret welding workshop plan", {"bob", "carla"}),
    "bob_project": ("Carpentry teachers visit Florence", {"alice", "bob", "carla"}),
    "fabio_private": ("Rome welding masterclass", {"fabio", "dario"}),
    "fabio_registered": ("Rome bakery job shadowing", EVERYONE),
}


def build_world():
    """Users in their groups, two projects and six ideas of every visibility."""
    world = World()
    users = world.users
    users["root"] = make_user("root", is_superuser=True, is_staff=True)
    users["alice"] = make_user("alice", "Participants")
    users["bob"] = make_user("bob", "Participants")
    users["carla"] = make_user("carla", "Coordinators")
    users["dario"] = make_user("dario", "Coordinators")
    users["fabio"] = make_user("fabio", "Participants")
    users["eve"] = make_user("eve", "Editors")
    florence = make_project("florence", users["carla"], [users["alice"], users["bob"]])
    rome = make_project("rome", users["dario"], [users["fabio"]])
    world.projects.update(florence=florence, rome=rome)
    ideas = world.ideas
    ideas["alice_private"] = make_idea(
        users["alice"],
        SEEN_BY["alice_private"][0],
        visibility=Visibility.PRIVATE,
        project=florence,
        co_authors=[users["bob"]],
        programme="erasmus_ka1",
        budget=25000,
        duration_months=12,
        tags=["welding", "apprenticeship"],
    )
    ideas["alice_public"] = make_idea(
        users["alice"],
        SEEN_BY["alice_public"][0],
        status=IdeaStatus.SHORTLISTED,
        project=florence,
        programme="erasmus_ka2",
        budget=40000,
        tags=["catering"],
    )
    ideas["bob_private"] = make_idea(
        users["bob"],
        SEEN_BY["bob_private"][0],
        visibility=Visibility.PRIVATE,
        project=florence,
        programme="national",
        tags=["welding"],
    )
    ideas["bob_project"] = make_idea(
        users["bob"],
        SEEN_BY["bob_project"][0],
        visibility=Visibility.PROJECT,
        project=florence,
        programme="esf",
        tags=["carpentry"],
    )
    ideas["fabio_private"] = make_idea(
        users["fabio"],
        SEEN_BY["fabio_private"][0],
        visibility=Visibility.PRIVATE,
        project=rome,
        programme="national",
        tags=["welding", "apprenticeship"],
    )
    ideas["fabio_registered"] = make_idea(
        users["fabio"],
        SEEN_BY["fabio_registered"][0],
        status=IdeaStatus.UNDER_REVIEW,
        visibility=Visibility.REGISTERED,
        project=rome,
        programme="erasmus_ka1",
        tags=["catering", "apprenticeship"],
    )
    return world
