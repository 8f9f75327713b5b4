from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

register = template.Library()


def _live_translations(page):
    if not isinstance(page, Page) or page.pk is None:
        return {}
    return {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }


def _navigation(context):
    """The language links and the home URL of this request, worked out once.

    Two queries in all: the page's translations and the site root's; the header asks for both
    pieces on every page.
    """
    request = context.get("request")
    cached = getattr(request, "_mobilitas_navigation", None)
    if cached is not None:
        return cached
    page = context.get("page")
    translations = _live_translations(page)
    site = Site.find_for_request(request) if request else None
    home_translations = _live_translations(site.root_page) if site else {}
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
