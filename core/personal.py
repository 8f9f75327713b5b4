"""Personal material: the pages that belong to one person, as the feature apps declare them.

The core's page permission policy (``core.permissions``) and its file access (``core.files``)
treat personal material apart: its owner alone edits it, nobody else's group rights reach it,
and the files it uses are as private as it is. The core does not import the apps that keep such
material; each says what it keeps in its ``AppConfig.ready``:

- ``register_personal_pages(root, *under_root)``: ``root`` is the page model whose instances are
  *personal roots* (a participant's portfolio), each owned by whoever its visibility rule names
  as owner, who owns the whole subtree under it; ``under_root`` are the page models of that
  subtree (the entries), each owned, by its own visibility rule, by the root's owner.
- ``register_share_links(links)``: how secret share links open personal material to a browser
  session that holds none of the rights above (see ``ShareLinks``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, Q

from core.visibility import rule_for


@dataclass(frozen=True)
class PersonalPages:
    root: type
    under_root: tuple[type, ...]

    @property
    def models(self) -> tuple[type, ...]:
        return (self.root, *self.under_root)


@dataclass(frozen=True)
class ShareLinks:
    """What the core asks of the feature whose links open personal material.

    ``opened_by(request)`` gives the ids of the personal roots that the links this request's
    session opened still open; ``shows(pages, opened)`` narrows ``pages`` (a queryset of one
    personal page model) to those that links to the roots ``opened`` show.
    """

    opened_by: Callable[[object], set[int]]
    shows: Callable


_personal: list[PersonalPages] = []
_share_links: list[ShareLinks] = []


def register_personal_pages(root, *under_root) -> None:
    """Declare ``root`` a personal root and ``under_root`` the page models beneath it.

    The site keeps one kind of personal root (the portfolio): the hub lists it, and a second kind
    would need the hub to say which it lists.
    """
    for model in (root, *under_root):
        rule_for(model)  # Ownership comes from the visibility rule: a model without one fails here.
    space = PersonalPages(root, tuple(under_root))
    if _personal and _personal[0] != space:
        raise ImproperlyConfigured(
            f"{_personal[0].root.__name__} is already the personal root; "
            f"{root.__name__} cannot be one too."
        )
    _personal[:] = [space]


def register_share_links(links: ShareLinks) -> None:
    if _share_links and _share_links[0] != links:
        raise ImproperlyConfigured("Share links are already registered by another app.")
    _share_links[:] = [links]


def personal_page_models() -> tuple[type, ...]:
    """Every page model of personal material, roots included (none if no app declares any)."""
    return _personal[0].models if _personal else ()


def is_personal_root(page) -> bool:
    return bool(_personal) and isinstance(page, _personal[0].root)


def _roots():
    if not _personal:
        raise ImproperlyConfigured("No app has registered its personal pages (core.personal).")
    root = _personal[0].root
    return root, rule_for(root)


def personal_roots_of_project(hub):
    """The personal roots (portfolios) of the project ``hub``, in any of its translations."""
    root, rule = _roots()
    return root.objects.filter(**{rule.project_key: hub.translation_key})


def owned_roots(user):
    """The personal roots ``user`` owns."""
    root, rule = _roots()
    if not user.is_authenticated:
        return root.objects.none()
    return root.objects.filter(**{rule.owner: user})


def owner_of_a_personal_root(user_id) -> bool:
    """Is the user with id ``user_id`` the owner of any personal root (a participant)?"""
    if not _personal:
        return False
    root, rule = _roots()
    return root.objects.filter(**{f"{rule.owner}_id": user_id}).exists()


def owns_a_personal_root_condition(user_field: str):
    """A condition on another model: its ``user_field`` names the owner of a personal root. None
    when no app keeps personal material."""
    if not _personal:
        return None
    root, rule = _roots()
    return Exists(root.objects.filter(**{rule.owner: OuterRef(user_field)}))


def personal_pages_of_others(user) -> Q:
    """The personal pages, of every kind, that ``user`` does not own, as a condition on the id."""
    condition = Q(pk__in=[])
    for model in personal_page_models():
        others = model.objects.exclude(**{rule_for(model).owner: user})
        condition |= Q(pk__in=others.values("pk"))
    return condition


def pages_opened_by_share_links(request) -> set[int]:
    """The personal roots the share links this request's session opened still open."""
    if not _share_links:
        return set()
    return _share_links[0].opened_by(request)


def shown_by_share_links(pages, opened: set[int]):
    """Those of ``pages`` (one kind of personal page) that links to the roots ``opened`` show."""
    if not _share_links or not opened:
        return pages.none()
    return _share_links[0].shows(pages, opened)
