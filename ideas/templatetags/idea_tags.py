from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

register = template.Library()

INDEX_URL_SECONDS = 300


@register.simple_tag(takes_context=True)
def toggle_filter(context, name, value):
    """The listing's query string with filter ``name=value`` switched on or off, from page 1.

    Tags add up (an idea must carry every tag chosen); any other filter takes one value.
    """
    params = context["request"].GET
    value = str(value)
    pairs = [(key, v) for key, values in params.lists() if key != "page" for v in values]
    present = (name, value) in pairs
    if name != "tag":
        pairs = [(key, v) for key, v in pairs if key != name]
    else:
        pairs = [(key, v) for key, v in pairs if (key, v) != (name, value)]
    if not present:
        pairs.append((name, value))
    return urlencode(pairs)


@register.simple_tag
def idea_add_url(index):
    """The admin's "add idea" address under ``index``.

    Shown to everyone with admin access (participants, coordinators and editors may all add
    ideas); the admin itself checks the permission, so no query is spent on it here.
    """
    return reverse("wagtailadmin_pages:add", args=("ideas", "ideapage", index.pk))


@register.simple_tag(takes_context=True)
def ideas_url(context):
    """The idea database's address in the current language, for the site header.

    Cached for a few minutes, so that the header costs no query on every page.
    """
    from ideas.models import IdeaIndexPage

    language = get_language()
    key = f"ideas:index-url:{language}"
    url = cache.get(key)
    if url is None:
        indexes = {
            index.locale.language_code: index
            for index in IdeaIndexPage.objects.live().select_related("locale")
        }
        index = indexes.get(language) or next(iter(indexes.values()), None)
        url = index.get_url(context.get("request")) if index else ""
        cache.set(key, url, INDEX_URL_SECONDS)
    return url


@register.simple_tag
def active_filter_count(filters):
    """How many facets of the listing are chosen (each tag counts), for the "Filters" toggle
    that folds them away on a phone. The search text and the order are not facets."""
    single = [filters.status, filters.programme, filters.project, filters.author, filters.year]
    return sum(1 for value in single if value) + len(filters.tags)
