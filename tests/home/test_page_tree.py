"""The page tree only grows the way the product expects: Home → Projects → project hubs."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dissemination.models import ResultsPage
from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from ideas.models import IdeaIndexPage, IdeaPage
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PortfolioPage,
    ReflectionPage,
    SeminarNotePage,
)

ENTRY_TYPES = {SeminarNotePage, LessonObservationPage, InstitutionVisitPage, ReflectionPage}


def hub_form_data(**overrides):
    data = {
        "title": "Job shadowing in Florence",
        "slug": "job-shadowing-florence",
        "programme": "Erasmus+",
        "action": "KA1",
        "sending_institution_name": "Latgale Transport and Communications Technical School",
        "host_city": "Florence",
        "host_country": "Italy",
        "start_date": "2010-10-24",
        "end_date": "2010-10-30",
        "budget_eur": "8056",
        "time_zone": "Europe/Riga",
        "summary": rich_text("<p>One week with host teachers.</p>"),
        "expected_results": rich_text(""),
        "objectives": inline_formset(
            [
                {"number": 1, "text": "Observe lessons", "kind": "general"},
                {"number": 2, "text": "Practise English", "kind": "english"},
            ]
        ),
        "partners": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get(locale__language_code="en")
        self.index = self.home.add_child(
            instance=ProjectIndexPage(title="Projects", slug="projects")
        )
        self.login()

    def test_each_page_type_allows_exactly_its_children(self):
        self.assertAllowedSubpageTypes(HomePage, {ProjectIndexPage, IdeaIndexPage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {MobilityProjectPage})
        self.assertAllowedSubpageTypes(MobilityProjectPage, {PortfolioPage, ResultsPage})
        self.assertAllowedSubpageTypes(PortfolioPage, ENTRY_TYPES)
        for entry_type in ENTRY_TYPES:
            self.assertAllowedSubpageTypes(entry_type, set())
        self.assertAllowedSubpageTypes(IdeaIndexPage, {IdeaPage})
        self.assertAllowedSubpageTypes(IdeaPage, set())

    def test_each_page_type_allows_exactly_its_parents(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(MobilityProjectPage, {ProjectIndexPage})
        self.assertAllowedParentPageTypes(PortfolioPage, {MobilityProjectPage})
        for entry_type in ENTRY_TYPES:
            self.assertAllowedParentPageTypes(entry_type, {PortfolioPage})
        self.assertAllowedParentPageTypes(IdeaIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(IdeaPage, {IdeaIndexPage})
        self.assertAllowedParentPageTypes(ResultsPage, {MobilityProjectPage})

    def test_the_shared_entry_base_is_never_created_on_its_own(self):
        assert not EntryPage.is_creatable
        assert all(entry_type.is_creatable for entry_type in ENTRY_TYPES)

    def test_a_hub_is_created_under_the_project_index_and_nowhere_else(self):
        self.assertCanCreateAt(ProjectIndexPage, MobilityProjectPage)
        self.assertCanNotCreateAt(HomePage, MobilityProjectPage)
        self.assertCanNotCreateAt(MobilityProjectPage, MobilityProjectPage)

    def test_an_editor_can_create_a_hub_through_the_admin_form(self):
        self.assertCanCreate(self.index, MobilityProjectPage, hub_form_data())
        hub = MobilityProjectPage.objects.get(slug="job-shadowing-florence")
        assert [(o.number, o.text) for o in hub.objectives.all()] == [
            (1, "Observe lessons"),
            (2, "Practise English"),
        ]

    def test_the_admin_refuses_a_project_that_ends_before_it_starts(self):
        response = self.client.post(
            f"/admin/pages/add/home/mobilityprojectpage/{self.index.pk}/",
            hub_form_data(start_date="2010-10-30", end_date="2010-10-24"),
        )
        assert response.status_code == 200
        self.assertContains(response, "The project cannot end before it starts.")
        assert not MobilityProjectPage.objects.exists()

    def test_the_admin_refuses_two_objectives_with_the_same_number(self):
        data = hub_form_data(
            objectives=inline_formset(
                [
                    {"number": 3, "text": "One", "kind": "general"},
                    {"number": 3, "text": "Two", "kind": "general"},
                ]
            )
        )
        response = self.client.post(
            f"/admin/pages/add/home/mobilityprojectpage/{self.index.pk}/", nested_form_data(data)
        )
        assert response.status_code == 200
        self.assertContains(response, "Objective number 3 is used more than once.")
        assert not MobilityProjectPage.objects.exists()

    def test_hub_and_index_render_and_route(self):
        hub = MobilityProjectPage(
            title="Study visit",
            slug="study-visit",
            programme="Leonardo da Vinci",
            sending_institution_name="School",
            host_city="Florence",
            host_country="Italy",
            start_date=datetime.date(2010, 10, 24),
            end_date=datetime.date(2010, 10, 30),
        )
        self.index.add_child(instance=hub)
        for page in (self.home, self.index, hub):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
