"""One page per translation, in the reader's language.

A portfolio, an entry, an idea or a results page may exist in several languages: the same
``translation_key``, one row per locale. A listing that filters by project (through
``project__translation_key``) gets every language's row back; shown as they come, a Latvian
page would link English pages and an English page would list each portfolio twice.

``in_language(pages, locale)`` keeps, of each translation group in ``pages``, the row in
``locale``, or the first-written row where the group has no row in that language (yet). It is a
filter on the queryset, written as subqueries, so a listing costs no extra query; pass it the
queryset already narrowed to what the reader may see, so that a translation the reader may not
open (a draft, say) gives way to one they may.
"""

from django.db.models import Min, Q


def in_language(pages, locale=None):
    """``pages`` less the rows another row of the same translation group stands for in
    ``locale`` (a ``Locale`` or its id; by default the language being spoken)."""
    here = Q(locale__language_code=active_language_code()) if locale is None else Q(locale=locale)
    unordered = pages.order_by()
    translated = unordered.filter(here).values("translation_key")
    first_of_the_rest = (
        unordered.exclude(translation_key__in=translated)
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return pages.filter(here | Q(pk__in=first_of_the_rest))


def active_language_code():
    """The content language being spoken, without a query (unlike ``Locale.get_active``)."""
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        from django.conf import settings

        return settings.LANGUAGE_CODE


def as_translations(pages, locale):
    """Each of ``pages`` (all of one model) as its translation into ``locale`` (an id), where it
    has one, else as it is: what a copy made for translation should link to."""
    pages = list(pages)
    foreign = [page for page in pages if page.locale_id != locale]
    if not foreign:
        return pages
    model = type(foreign[0])
    translated = {
        page.translation_key: page
        for page in model._default_manager.filter(
            locale_id=locale, translation_key__in=[page.translation_key for page in foreign]
        )
    }
    return [translated.get(page.translation_key, page) for page in pages]
