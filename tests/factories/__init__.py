"""Test data, one module of factory_boy / wagtail-factories factories per app.

The plain builders (``make_user``, ``make_project``, ``make_idea``, ``far_project``,
``idea_index``, ``bulk_ideas``) are thin functions over the factories, kept because most test
files speak them; new tests may use either.
"""

from .home import (
    MobilityProjectPageFactory,
    ProjectIndexPageFactory,
    ProjectMembershipFactory,
    home_page,
    make_project,
    project_index,
)
from .ideas import (
    IdeaIndexPageFactory,
    IdeaPageFactory,
    bulk_ideas,
    idea_index,
    make_idea,
    route_to,
)
from .portfolios import (
    HostInstitutionFactory,
    InstitutionVisitPageFactory,
    LessonObservationPageFactory,
    PortfolioPageFactory,
    PracticeLogEntryFactory,
    ReflectionPageFactory,
    SeminarNotePageFactory,
    far_project,
)
from .users import UserFactory, make_user

__all__ = [
    "HostInstitutionFactory",
    "IdeaIndexPageFactory",
    "IdeaPageFactory",
    "InstitutionVisitPageFactory",
    "LessonObservationPageFactory",
    "MobilityProjectPageFactory",
    "PortfolioPageFactory",
    "PracticeLogEntryFactory",
    "ProjectIndexPageFactory",
    "ProjectMembershipFactory",
    "ReflectionPageFactory",
    "SeminarNotePageFactory",
    "UserFactory",
    "bulk_ideas",
    "far_project",
    "home_page",
    "idea_index",
    "make_idea",
    "make_project",
    "make_user",
    "project_index",
    "route_to",
]
