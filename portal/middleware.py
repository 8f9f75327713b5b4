"""Bounds on what a query string may ask of the database, for every view at once.

Free text in ``?q=`` and ``?search=`` goes to full-text search, whose query parsers recurse once
per word and pass quotes and operators on to the database's own syntax; numbers in ``?offset=``
and ``?page=`` become OFFSET clauses, which overflow past 2⁶³. Our views, Wagtail's admin search
and choosers and its API all read these parameters, so they are bounded here, before any view
sees them, rather than in each view that might forget.
"""

from django.http import QueryDict

SEARCH_PARAMETERS = ("q", "search")
MAX_SEARCH_WORDS = 32
MAX_SEARCH_CHARACTERS = 1000
NUMBER_PARAMETERS = ("offset", "limit", "p", "page")
MAX_NUMBER = 1_000_000


def bounded_search(text: str) -> str:
    """At most 32 words and 1,000 characters (a view may keep fewer, and say so), and no unpaired
    double quote (an unfinished phrase is a syntax error to SQLite's full-text search)."""
    text = " ".join(text.split()[:MAX_SEARCH_WORDS])[:MAX_SEARCH_CHARACTERS]
    if text.count('"') % 2:
        text = text.replace('"', " ").strip()
    return text


def bounded_number(value: str) -> str:
    """A whole number past a million becomes a million; anything else is left for the view to
    refuse or understand (``page=last``)."""
    digits = value.isascii() and value.isdigit()
    if digits and (len(value) > len(str(MAX_NUMBER)) or int(value) > MAX_NUMBER):
        return str(MAX_NUMBER)
    return value


def bounded_query(query: QueryDict) -> QueryDict:
    bounded = query.copy()
    # PostgreSQL refuses a NUL character in any string it is sent, and none is ever meant.
    for name, values in list(bounded.lists()):
        if any("\x00" in value for value in values):
            bounded.setlist(name, [value.replace("\x00", "") for value in values])
    for name in SEARCH_PARAMETERS:
        if name in bounded:
            bounded.setlist(name, [bounded_search(value) for value in bounded.getlist(name)])
    for name in NUMBER_PARAMETERS:
        if name in bounded:
            bounded.setlist(name, [bounded_number(value) for value in bounded.getlist(name)])
    bounded._mutable = False
    return bounded


class BoundedQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET:
            request.GET = bounded_query(request.GET)
        return self.get_response(request)
