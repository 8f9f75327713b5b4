"""Portfolios, their entries of each type, and the English-practice log.

Each page is added under its parent with ``add_child``, live as Wagtail makes it; pass
``publish=True`` for a published revision as well, as the editor's "Publish" leaves one. Left to
themselves the factories make the parents too: an entry gets a portfolio, a portfolio a project.
"""

import datetime

import factory
from factory.django import DjangoModelFactory
from wagtail_factories import PageFactory

from portfolios.models import (
    HostInstitution,
    InstitutionVisitPage,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SeminarNotePage,
)

from .home import MobilityProjectPageFactory
from .users import UserFactory

# Inside the projects' week in Florence (``MobilityProjectPageFactory``).
DAY = datetime.date(2010, 10, 27)


def publish(page, create, extracted, **kwargs):
    if create and extracted:
        page.save_revision(user=kwargs.get("user")).publish()


class PortfolioPageFactory(PageFactory):
    """A participant's portfolio in a project, private as every portfolio starts."""

    title = factory.Sequence(lambda n: f"Portfolio {n}")
    participant = factory.SubFactory(UserFactory)
    parent = factory.SubFactory(MobilityProjectPageFactory)
    publish = factory.PostGeneration(publish)

    class Meta:
        model = PortfolioPage
        skip_postgeneration_save = True


class HostInstitutionFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Host school {n}")
    city = "Florence"
    country = "IT"

    class Meta:
        model = HostInstitution


class EntryPageFactory(PageFactory):
    """What every entry type's factory shares; use one of those, as the admin offers no other."""

    title = factory.Sequence(lambda n: f"Entry {n}")
    date = DAY
    parent = factory.SubFactory(PortfolioPageFactory)
    publish = factory.PostGeneration(publish)

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class ReflectionPageFactory(EntryPageFactory):
    class Meta:
        model = ReflectionPage


class SeminarNotePageFactory(EntryPageFactory):
    seminar_title = "Quality assurance in VET"

    class Meta:
        model = SeminarNotePage


class LessonObservationPageFactory(EntryPageFactory):
    subject = "CNC machining"

    class Meta:
        model = LessonObservationPage


class InstitutionVisitPageFactory(EntryPageFactory):
    host_institution = factory.SubFactory(HostInstitutionFactory)

    class Meta:
        model = InstitutionVisitPage


class PracticeLogEntryFactory(DjangoModelFactory):
    """Half an hour of listening at a seminar, at B1."""

    portfolio = factory.SubFactory(PortfolioPageFactory)
    date = DAY
    minutes = 30
    skill = PracticeLogEntry.Skill.LISTENING
    activity = PracticeLogEntry.Activity.SEMINAR
    level = PracticeLogEntry.Level.B1

    class Meta:
        model = PracticeLogEntry


def far_project():
    """A second project beside the demo's, "Elsewhere": a participant and a coordinator (each in
    their group) and the participant's portfolio, private as every portfolio starts."""
    participant = UserFactory(username="far_participant", groups=["Participants"])
    coordinator = UserFactory(username="far_coordinator", groups=["Coordinators"])
    hub = MobilityProjectPageFactory(
        slug="elsewhere", coordinators=[coordinator], participants=[participant]
    )
    portfolio = PortfolioPageFactory(
        parent=hub, title="Far away", slug="far-away", participant=participant
    )
    return hub, portfolio
