"""Project hubs under the English home page, and who takes part in them."""

import datetime

import factory
from factory.django import DjangoModelFactory
from wagtail_factories import PageFactory

from core.models import ProjectMembership
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage

from .users import UserFactory


def home_page():
    return HomePage.objects.get(locale__language_code="en")


class ProjectIndexPageFactory(PageFactory):
    title = "Projects"
    slug = "projects"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = ProjectIndexPage


def project_index():
    """The site's one list of projects, made on first use."""
    return ProjectIndexPage.objects.first() or ProjectIndexPageFactory()


class MobilityProjectPageFactory(PageFactory):
    """A week in Florence in October 2010; ``coordinators`` and ``participants`` take users."""

    slug = factory.Sequence(lambda n: f"project-{n}")
    title = factory.LazyAttribute(lambda page: page.slug.title())
    parent = factory.LazyFunction(project_index)
    programme = "Leonardo da Vinci"
    sending_institution_name = "School"
    host_city = "Florence"
    host_country = "Italy"
    start_date = datetime.date(2010, 10, 24)
    end_date = datetime.date(2010, 10, 30)

    class Meta:
        model = MobilityProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def coordinators(project, create, users, **kwargs):
        for user in users if create and users else ():
            ProjectMembershipFactory(
                project=project, user=user, role=ProjectMembership.Role.COORDINATOR
            )

    @factory.post_generation
    def participants(project, create, users, **kwargs):
        for user in users if create and users else ():
            ProjectMembershipFactory(project=project, user=user)


class ProjectMembershipFactory(DjangoModelFactory):
    project = factory.SubFactory(MobilityProjectPageFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectMembership.Role.PARTICIPANT

    class Meta:
        model = ProjectMembership


def make_project(slug="florence", coordinator=None, members=()):
    return MobilityProjectPageFactory(
        slug=slug,
        coordinators=[coordinator] if coordinator is not None else [],
        participants=list(members),
    )
