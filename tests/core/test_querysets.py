"""The portfolios app's QuerySets speak the domain: ``Model.objects.of_project(hub)`` finds the
rows of a project in every translation of its hub, and ``.visible_to(user)`` keeps those the
visibility rule lets ``user`` see, on portfolios, on entries of every type and on practice-log
rows.

The SQL filter is checked against the object check (``core.visibility.can_view``), a separate
code path, for every row and every kind of reader: the owner, a coordinator, a member of the
project, a logged-in outsider and an anonymous visitor.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale

from core.querysets import GovernedPageManager, GovernedQuerySetMixin
from core.visibility import Visibility, can_view
from portfolios.models import (
    EntryPage,
    InstitutionVisitPage,
    LessonObservationPage,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SeminarNotePage,
)
from tests.factories import (
    HostInstitutionFactory,
    InstitutionVisitPageFactory,
    LessonObservationPageFactory,
    PortfolioPageFactory,
    PracticeLogEntryFactory,
    ReflectionPageFactory,
    SeminarNotePageFactory,
    make_project,
    make_user,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2010, 10, 25)
ENTRY_TYPES = [SeminarNotePage, LessonObservationPage, InstitutionVisitPage, ReflectionPage]
MODELS = [PortfolioPage, EntryPage, *ENTRY_TYPES, PracticeLogEntry]


def add_portfolio(hub, owner, slug, visibility, practice_log_visibility=Visibility.PRIVATE):
    return PortfolioPageFactory(
        parent=hub,
        title=slug.title(),
        slug=slug,
        participant=owner,
        visibility=visibility,
        practice_log_visibility=practice_log_visibility,
    )


def add_entries(portfolio, host, levels):
    """One entry of each type, at the levels given in turn."""
    fields = {
        SeminarNotePageFactory: {"seminar_title": "Seminar"},
        LessonObservationPageFactory: {"subject": "Welding", "host_institution": host},
        InstitutionVisitPageFactory: {"host_institution": host},
        ReflectionPageFactory: {},
    }
    for number, (factory, level) in enumerate(zip(fields, levels, strict=True)):
        factory(
            parent=portfolio,
            title=f"{portfolio.slug} {number}",
            slug=f"{portfolio.slug}-{number}",
            date=DAY,
            visibility=level,
            **fields[factory],
        )


def log_practice(portfolio, minutes):
    PracticeLogEntryFactory(
        portfolio=portfolio,
        date=DAY,
        minutes=minutes,
        skill=PracticeLogEntry.Skill.READING,
        activity=PracticeLogEntry.Activity.READING,
        level=PracticeLogEntry.Level.B1,
    )


@pytest.fixture
def world():
    owner = make_user("owner")
    translator = make_user("translator")
    member = make_user("member")
    coordinator = make_user("coordinator")
    far_owner = make_user("far_owner")
    outsider = make_user("outsider")
    hub = make_project("florence", coordinator=coordinator, members=[owner, translator, member])
    latvian = hub.copy_for_translation(Locale.objects.get(language_code="lv"), copy_parents=True)
    far = make_project("elsewhere", members=[far_owner])
    host = HostInstitutionFactory(name="Scuola")

    levels = [Visibility.PRIVATE, Visibility.PROJECT, Visibility.REGISTERED, Visibility.PUBLIC]
    english_portfolio = add_portfolio(hub, owner, "owners", Visibility.PROJECT, Visibility.PROJECT)
    latvian_portfolio = add_portfolio(
        latvian, translator, "translators", Visibility.PUBLIC, Visibility.PUBLIC
    )
    far_portfolio = add_portfolio(far, far_owner, "far", Visibility.PUBLIC, Visibility.PUBLIC)
    for portfolio in (english_portfolio, latvian_portfolio, far_portfolio):
        add_entries(portfolio, host, levels)
    log_practice(english_portfolio, 30)
    log_practice(latvian_portfolio, 45)
    log_practice(far_portfolio, 60)
    return {
        "hub": hub,
        "latvian": latvian,
        "far": far,
        "portfolios": {
            "english": english_portfolio,
            "latvian": latvian_portfolio,
            "far": far_portfolio,
        },
        "readers": {
            "owner": owner,
            "coordinator": coordinator,
            "member": member,
            "outsider": outsider,
            "anonymous": AnonymousUser(),
        },
    }


def portfolio_of(row):
    if isinstance(row, PortfolioPage):
        return row.pk
    return row.portfolio_id


@pytest.mark.parametrize("model", MODELS)
def test_every_portfolio_model_has_the_governed_manager(model):
    """Wagtail's page metaclass and Django's manager inheritance hand the manager down to every
    entry type, and the practice log has it as a plain model."""
    assert isinstance(model.objects.all(), GovernedQuerySetMixin)
    if model is not PracticeLogEntry:
        assert isinstance(model.objects, GovernedPageManager)
        assert model.objects.all().live().model is model


def test_of_project_finds_the_rows_of_both_translations_of_a_hub(world):
    portfolios = world["portfolios"]
    project = {portfolios["english"].pk, portfolios["latvian"].pk}
    keys = [world["hub"].translation_key, world["far"].translation_key]
    for model in MODELS:
        for hub in (world["hub"], world["latvian"]):
            rows = list(model.objects.of_project(hub))
            assert {portfolio_of(row) for row in rows} == project, (model, hub)
        far = list(model.objects.of_project(world["far"]))
        assert {portfolio_of(row) for row in far} == {portfolios["far"].pk}, model
        assert model.objects.of_projects(keys).count() == model.objects.count(), model
        assert not model.objects.of_projects([]).exists(), model


def test_visible_to_keeps_what_the_rule_lets_each_reader_see(world):
    """For every model and every reader, alone and together with ``of_project`` in either
    order."""
    for model in MODELS:
        everything = list(model.objects.all())
        in_project = {row.pk for row in model.objects.of_project(world["hub"])}
        for reader, user in world["readers"].items():
            expected = {row.pk for row in everything if can_view(user, row)}
            where = (model.__name__, reader)
            assert {row.pk for row in model.objects.visible_to(user)} == expected, where
            of_hub = model.objects.of_project(world["hub"]).visible_to(user)
            assert {row.pk for row in of_hub} == expected & in_project, where
            of_translation = model.objects.visible_to(user).of_project(world["latvian"])
            assert {row.pk for row in of_translation} == expected & in_project, where


def test_visible_to_hides_private_material_from_those_outside(world):
    """The matrix above agrees with the object check; this says what that check answers."""
    hub = world["hub"]
    anonymous = world["readers"]["anonymous"]
    member = world["readers"]["member"]
    owners = world["portfolios"]["english"]
    # A portfolio shared with the project: its members see it, anonymous visitors do not.
    assert list(PortfolioPage.objects.of_project(hub).visible_to(anonymous)) == [
        world["portfolios"]["latvian"]
    ]
    assert set(PortfolioPage.objects.of_project(hub).visible_to(member)) == {
        owners,
        world["portfolios"]["latvian"],
    }
    # An entry is never shown wider than its portfolio; a private one only to its owner and
    # the project's coordinators.
    visible_entries = EntryPage.objects.child_of(owners).visible_to(member)
    assert {entry.visibility for entry in visible_entries} == {
        Visibility.PROJECT,
        Visibility.REGISTERED,
        Visibility.PUBLIC,
    }
    assert not EntryPage.objects.child_of(owners).visible_to(anonymous).exists()
    for reader in ("owner", "coordinator"):
        entries = EntryPage.objects.child_of(owners).visible_to(world["readers"][reader])
        assert entries.count() == len(ENTRY_TYPES)
    # The practice log has its own level, kept on the portfolio.
    assert sorted(row.minutes for row in PracticeLogEntry.objects.visible_to(anonymous)) == [45, 60]
