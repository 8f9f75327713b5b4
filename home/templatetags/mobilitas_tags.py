import html

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import strip_tags
from django.utils.translation import get_language, get_language_info, gettext
from wagtail.models import Page, Site

register = template.Library()


def _live_translations(*pages):
    """Every live translation of each of ``pages``, by page and language, in one query."""
    keys = {page.translation_key for page in pages if isinstance(page, Page) and page.pk}
    found = {key: {} for key in keys}
    if keys:
        for translation in (
            Page.objects.live().filter(translation_key__in=keys).select_related("locale")
        ):
            found[translation.translation_key][translation.locale.language_code] = translation
    return [found.get(page.translation_key, {}) if isinstance(page, Page) else {} for page in pages]


def _navigation(context):
    """The language links and the home URL of this request, worked out once.

    One query in all, for the translations of both the page and the site root; the header asks
    for both on every page.
    """
    request = context.get("request")
    cached = getattr(request, "_mobilitas_navigation", None)
    if cached is not None:
        return cached
    page = context.get("page")
    site = Site.find_for_request(request) if request else None
    translations, home_translations = _live_translations(page, site.root_page if site else None)
    current = get_language()

    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
        elif page is not None and code in home_translations:
            url = home_translations[code].get_url(request)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = "/"
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    home = home_translations.get(current) or (site.root_page if site else None)
    navigation = {"links": links, "home_url": (home.get_url(request) if home else None) or "/"}
    if request is not None:
        request._mobilitas_navigation = navigation
    return navigation


@register.inclusion_tag("home/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language, or to that language's home page when the page
    has no translation yet, so switching language never ends on a 404."""
    return {"links": _navigation(context)["links"]}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the site's home page in the current language."""
    return _navigation(context)["home_url"]


@register.simple_tag(takes_context=True)
def portal_settings(context):
    """The site's ``PortalSettings``, from the cache (see ``PortalSettings.for_request_cached``)."""
    from home.models import PortalSettings

    request = context.get("request")
    return PortalSettings.for_request_cached(request) if request is not None else None


# Where a page keeps its own short description, best first: what the editor wrote for search
# engines, then the page's summary or introduction under whichever name its type gives it.
DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "introduction", "bio")
DESCRIPTION_LENGTH = 160


def site_description():
    return gettext(
        "Mobilitas: portfolios and results of mobility projects in vocational education."
    )


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description for search results and link previews, as plain text.

    The page's search description, else its summary or introduction (rich text made plain and
    shortened), else what the site is. Never empty: every page gets a description.
    """
    page = context.get("page")
    if isinstance(page, Page):
        for name in DESCRIPTION_FIELDS:
            value = getattr(page, name, None)
            if not isinstance(value, str):
                continue
            text = " ".join(html.unescape(strip_tags(value)).split())
            if len(text) > DESCRIPTION_LENGTH:
                # Cut at a word, as search engines show a description.
                text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
            if text:
                return text
    return site_description()
