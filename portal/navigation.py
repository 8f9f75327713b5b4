"""How people find their way: what the site header offers each user, and where a project hub
points for its results and its ideas.

The header is on every page, so what it needs to know about a user (do they keep a portfolio,
which projects do they coordinate) is worked out once and kept in the cache under the
"navigation" generation, which starts afresh whenever a portfolio, a hub or a membership changes
(``connect_signals``). A warm header costs no query.
"""

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from core.caching import any_view_restrictions, cached_per_user, new_generation

NAMESPACE = "navigation"
PROJECTS_URL_SECONDS = 300


def optional_url(name, *args):
    """The URL named ``name``, or None while no such route exists (a feature not installed)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _user_facts(user) -> dict:
    from core.models import ProjectMembership
    from home.models import MobilityProjectPage
    from portfolios.models import PortfolioPage

    coordinated = ProjectMembership.objects.filter(
        user=user, role=ProjectMembership.Role.COORDINATOR
    ).values("project__translation_key")
    hubs = {}
    for key, language, pk, title in (
        MobilityProjectPage.objects.filter(translation_key__in=coordinated)
        .order_by("-start_date", "title")
        .values_list("translation_key", "locale__language_code", "pk", "title")
    ):
        hubs.setdefault(str(key), {})[language] = (pk, title)
    return {
        "has_portfolio": PortfolioPage.objects.filter(participant=user).exists(),
        "coordinated_hubs": list(hubs.values()),
    }


def user_facts(user) -> dict:
    """``has_portfolio`` (a participant's own links make sense) and ``coordinated_hubs`` (per
    project, its translations by language: pk and title)."""
    if not user.is_authenticated:
        return {"has_portfolio": False, "coordinated_hubs": []}
    return cached_per_user(NAMESPACE, user.pk, lambda: _user_facts(user))


def project_overviews(user) -> list[dict]:
    """The overview page of each project ``user`` coordinates, in the language being spoken
    where the hub has been translated; none until the overview's route exists."""
    language = get_language()
    overviews = []
    for translations in user_facts(user)["coordinated_hubs"]:
        pk, title = translations.get(language) or next(iter(translations.values()))
        url = optional_url("portfolios:project_overview", pk)
        if url is None:
            return []
        overviews.append({"title": title, "url": url})
    return overviews


def projects_url(request) -> str:
    """The project list's address in the language being spoken (else in any), cached briefly as
    the idea database's is."""
    from home.models import ProjectIndexPage

    language = get_language()
    key = f"navigation:projects-url:{language}"
    url = cache.get(key)
    if url is None:
        indexes = {
            index.locale.language_code: index
            for index in ProjectIndexPage.objects.live().select_related("locale")
        }
        index = indexes.get(language) or next(iter(indexes.values()), None)
        url = (index.get_url(request) if index else "") or ""
        cache.set(key, url, PROJECTS_URL_SECONDS)
    return url


def results_page_of(hub):
    """The hub's live, public results page, else that of one of its translations: results are
    often compiled in one language only, and a reader of the other still wants them."""
    from dissemination.models import ResultsPage
    from home.models import MobilityProjectPage

    steplen = ResultsPage.steplen
    parent_is_a_translation = MobilityProjectPage.objects.filter(
        translation_key=hub.translation_key,
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen),
    )
    pages = ResultsPage.objects.live().filter(Exists(parent_is_a_translation))
    if any_view_restrictions():
        pages = pages.public()
    pages = list(pages.select_related("locale"))
    own = [page for page in pages if page.locale_id == hub.locale_id]
    return (own or pages or [None])[0]


def project_ideas_query(hub, user) -> str | None:
    """The idea database's filter for the ideas that came from ``hub``, if ``user`` may see any."""
    from ideas.listing import visible_ideas

    slug = (
        visible_ideas(user)
        .filter(project__translation_key=hub.translation_key)
        .values_list("project__slug", flat=True)
        .first()
    )
    return f"project={slug}" if slug else None


def _navigation_changed(**kwargs):
    new_generation(NAMESPACE)


def connect_signals():
    from core.models import ProjectMembership
    from home.models import MobilityProjectPage
    from portfolios.models import PortfolioPage

    for model in (PortfolioPage, MobilityProjectPage, ProjectMembership):
        for signal in (post_save, post_delete):
            signal.connect(
                _navigation_changed, sender=model, dispatch_uid=f"navigation-{signal}-{model}"
            )
