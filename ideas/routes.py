"""Which view answers each route of the idea pages.

``IdeaIndexPage`` and ``IdeaPage`` (``ideas.models``) declare their addresses with
``RoutablePageMixin``, as Wagtail pages do, and hand each request to the view registered here
under the route's name. The views (``ideas.views``, ``ideas.feeds``) import the models and
register themselves with ``@answers``; the models never import the views. ``IdeasConfig.ready``
imports the views, so every route has its view before the first request.
"""

from collections.abc import Callable

_views: dict[str, Callable] = {}


def answers(*routes: str):
    """Register the decorated view as the one that answers ``routes``."""

    def register(view):
        for route in routes:
            _views[route] = view
        return view

    return register


def view(route: str) -> Callable:
    return _views[route]
