"""Each factory in ``tests/factories`` builds a valid page, live, under the parent its model allows,
and reachable at its address; the plain builders most tests use keep their names and data."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from core.models import ProjectMembership
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from ideas.models import IdeaIndexPage, IdeaPage, IdeaStatus, StatusChange
from portfolios.models import PortfolioPage, PracticeLogEntry
from tests.factories import (
    IdeaPageFactory,
    InstitutionVisitPageFactory,
    LessonObservationPageFactory,
    MobilityProjectPageFactory,
    PortfolioPageFactory,
    PracticeLogEntryFactory,
    ReflectionPageFactory,
    SeminarNotePageFactory,
    UserFactory,
    far_project,
    make_idea,
    make_project,
    make_user,
)

ENTRY_FACTORIES = [
    ReflectionPageFactory,
    SeminarNotePageFactory,
    LessonObservationPageFactory,
    InstitutionVisitPageFactory,
]


class FactoryPagesTest(WagtailPageTestCase):
    def assert_live_in_place(self, page, parent_model):
        """Valid, live, stored under a ``parent_model`` page its type may live under, routable."""
        stored = Page.objects.get(pk=page.pk).specific
        parent = stored.get_parent().specific
        self.assertIsInstance(stored, type(page))
        self.assertIsInstance(parent, parent_model)
        self.assertTrue(type(page).can_exist_under(parent))
        self.assertTrue(stored.live)
        stored.full_clean()
        self.assertPageIsRoutable(stored)
        return stored

    def test_a_project_sits_in_the_project_list_with_its_members(self):
        coordinator, participant = UserFactory(), UserFactory()

        project = MobilityProjectPageFactory(coordinators=[coordinator], participants=[participant])

        self.assert_live_in_place(project, ProjectIndexPage)
        self.assertIsInstance(project.get_parent().get_parent().specific, HomePage)
        self.assertEqual(
            set(ProjectMembership.objects.filter(project=project).values_list("user", "role")),
            {
                (coordinator.pk, ProjectMembership.Role.COORDINATOR),
                (participant.pk, ProjectMembership.Role.PARTICIPANT),
            },
        )

    def test_two_projects_share_one_project_list(self):
        first, second = MobilityProjectPageFactory(), MobilityProjectPageFactory()

        self.assertEqual(first.get_parent().pk, second.get_parent().pk)
        self.assertNotEqual(first.slug, second.slug)

    def test_a_portfolio_belongs_to_its_project_and_participant(self):
        project = MobilityProjectPageFactory()

        portfolio = PortfolioPageFactory(parent=project)

        stored = self.assert_live_in_place(portfolio, MobilityProjectPage)
        self.assertEqual(stored.project_id, project.pk)
        self.assertIsNotNone(stored.participant_id)
        self.assertEqual(stored.visibility, "private")

    def test_a_portfolio_alone_gets_a_project_of_its_own(self):
        portfolio = PortfolioPageFactory()

        self.assert_live_in_place(portfolio, MobilityProjectPage)
        self.assertIsNone(portfolio.live_revision)

    def test_publish_leaves_a_published_revision(self):
        entry = ReflectionPageFactory(publish=True)

        stored = Page.objects.get(pk=entry.pk)
        self.assertIsNotNone(stored.live_revision)
        self.assertFalse(stored.has_unpublished_changes)

    def test_every_entry_type_lands_in_a_portfolio(self):
        portfolio = PortfolioPageFactory()

        for factory in ENTRY_FACTORIES:
            with self.subTest(factory.__name__):
                entry = factory(parent=portfolio)

                stored = self.assert_live_in_place(entry, PortfolioPage)
                self.assertEqual(stored.portfolio_id, portfolio.pk)
        self.assertEqual(portfolio.get_children().count(), len(ENTRY_FACTORIES))

    def test_a_practice_log_row_is_valid_and_in_its_portfolio(self):
        portfolio = PortfolioPageFactory()

        row = PracticeLogEntryFactory(portfolio=portfolio, minutes=45)

        row.full_clean()
        self.assertEqual(list(portfolio.practice_log.all()), [row])
        self.assertEqual(row.minutes, 45)
        self.assertEqual(row.skill, PracticeLogEntry.Skill.LISTENING)

    def test_an_idea_is_published_tagged_moved_along_and_supported(self):
        owner, supporter = UserFactory(), UserFactory()

        idea = IdeaPageFactory(
            owner=owner,
            tags=["metalwork", "quality"],
            status=IdeaStatus.SHORTLISTED,
            supporters=[supporter],
        )

        stored = self.assert_live_in_place(idea, IdeaIndexPage)
        self.assertIsNotNone(stored.live_revision)
        self.assertEqual(stored.status, IdeaStatus.SHORTLISTED)
        self.assertEqual(idea.status, IdeaStatus.SHORTLISTED)
        self.assertEqual(sorted(stored.tags.names()), ["metalwork", "quality"])
        self.assertEqual(
            list(
                StatusChange.objects.filter(idea=stored)
                .order_by("pk")
                .values_list("to_status", flat=True)
            ),
            [IdeaStatus.PROPOSED, IdeaStatus.UNDER_REVIEW, IdeaStatus.SHORTLISTED],
        )
        self.assertEqual(stored.support_count, 1)
        self.assertEqual(list(stored.supports.values_list("user", flat=True)), [supporter.pk])

    def test_a_draft_idea_stays_a_draft(self):
        idea = IdeaPageFactory(status=IdeaStatus.DRAFT)

        self.assertEqual(IdeaPage.objects.get(pk=idea.pk).status, IdeaStatus.DRAFT)
        self.assertFalse(StatusChange.objects.filter(idea=idea).exists())


class PlainBuildersTest(WagtailPageTestCase):
    """The functions most test files import, built on the factories, with the data of old."""

    def test_make_user_has_the_test_password(self):
        user = make_user("anna", email="anna@example.org")

        self.assertEqual(user.username, "anna")
        self.assertTrue(user.check_password("pw"))
        self.assertTrue(make_user().username.startswith("user"))

    def test_make_project_is_florence_with_its_coordinator_and_members(self):
        coordinator, member = make_user(), make_user()

        project = make_project("riga", coordinator=coordinator, members=[member])

        self.assertEqual((project.title, project.slug), ("Riga", "riga"))
        self.assertEqual((project.host_city, project.programme), ("Florence", "Leonardo da Vinci"))
        self.assertEqual(
            list(project.memberships.order_by("pk").values_list("user", "role")),
            [(coordinator.pk, "coordinator"), (member.pk, "participant")],
        )

    def test_make_idea_names_and_proposes_the_idea(self):
        idea = make_idea(make_user())

        self.assertEqual(idea.status, IdeaStatus.PROPOSED)
        self.assertEqual(idea.slug, f"idea-{idea.title.removeprefix('Idea ')}")
        self.assertEqual(idea.summary, f"Summary of idea {idea.title.removeprefix('Idea ')}")
        self.assertEqual(idea.visibility, "public")

    def test_far_project_is_elsewhere_with_a_private_portfolio(self):
        hub, portfolio = far_project()

        self.assertEqual((hub.slug, hub.title), ("elsewhere", "Elsewhere"))
        self.assertEqual((portfolio.slug, portfolio.title), ("far-away", "Far away"))
        self.assertEqual(portfolio.participant.username, "far_participant")
        self.assertEqual(portfolio.visibility, "private")
        self.assertTrue(portfolio.participant.groups.filter(name="Participants").exists())
        self.assertTrue(
            hub.memberships.filter(user__username="far_coordinator", role="coordinator").exists()
        )
