"""Who may see what: the one place that decides, for every surface.

Every portfolio, entry, practice log and idea has a visibility level. A model says once, in a
``VisibilityRule``, where its levels, its owner and its project live (as ORM paths); from that one
declaration come both the per-object answer (``can_view``) and the queryset filter
(``visible_to``), so a page, a listing, a feed or an export can never disagree about an object.

The rule: owners and the coordinators of the object's project always see it; superusers see
everything; otherwise the *narrowest* of the object's levels decides (an entry marked public in a
private portfolio is private):

- ``public``: everyone;
- ``registered``: any logged-in user;
- ``project``: members of the object's project (participants and coordinators);
- ``private``: nobody else.

Projects are matched by their Wagtail ``translation_key``, so a member of the English hub is a
member of its Latvian translation too.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: only me and the project's coordinators")
    PROJECT = "project", _("Project: members of this project")
    REGISTERED = "registered", _("Registered: anyone who is logged in")
    PUBLIC = "public", _("Public: everyone")


# Widest last: a level reaches everyone a narrower level reaches, and more.
ORDER = [Visibility.PRIVATE, Visibility.PROJECT, Visibility.REGISTERED, Visibility.PUBLIC]
RANK = {level.value: rank for rank, level in enumerate(ORDER)}


def narrowest(*levels: str) -> Visibility:
    return Visibility(min(levels, key=RANK.__getitem__))


def at_least(level: Visibility) -> list[str]:
    """Every level that reaches at least as far as ``level``."""
    return [value.value for value in ORDER[RANK[level] :]]


@dataclass(frozen=True)
class VisibilityRule:
    """Where a model keeps what visibility depends on, as ORM paths from the model."""

    levels: tuple[str, ...]
    owner: str
    project_key: str
    # A many-to-many path to further users who count as owners (an idea's co-authors), if any.
    co_owners: str | None = None

    def resolve(self, obj, path):
        value = obj
        for part in path.split("__"):
            if value is None:
                return None
            value = getattr(value, part)
        return value


@dataclass(frozen=True)
class Audience:
    """What the rule needs to know about a user, read once per user object."""

    user_id: int | None
    authenticated: bool
    superuser: bool
    member_of: frozenset
    coordinator_of: frozenset

    @classmethod
    def of(cls, user) -> Audience:
        cached = getattr(user, "_mobilitas_audience", None)
        if cached is not None:
            return cached
        # A deactivated account counts as nobody, so that background work (reminders, digests)
        # never treats it as a member or a coordinator.
        if user is None or not user.is_authenticated or not user.is_active:
            audience = cls(None, False, False, frozenset(), frozenset())
        else:
            from core.caching import cached_per_user
            from core.models import ProjectMembership

            rows = cached_per_user(
                "memberships",
                user.pk,
                lambda: list(
                    ProjectMembership.objects.filter(user=user).values_list(
                        "project__translation_key", "role"
                    )
                ),
            )
            member_of = frozenset(key for key, _role in rows)
            coordinator_of = frozenset(
                key for key, role in rows if role == ProjectMembership.Role.COORDINATOR
            )
            audience = cls(user.pk, True, user.is_superuser, member_of, coordinator_of)
        if user is not None:
            user._mobilitas_audience = audience
        return audience


def rule_for(obj_or_model) -> VisibilityRule:
    rule = getattr(obj_or_model, "visibility_rule", None)
    if rule is None:
        raise TypeError(f"{obj_or_model!r} declares no visibility_rule")
    return rule


def coordinates_project(user, hub) -> bool:
    """Is ``user`` a coordinator of the project ``hub`` (in any of its translations)? The one
    answer to that question; superusers are not coordinators by it (callers that admit them say
    so)."""
    return hub is not None and hub.translation_key in Audience.of(user).coordinator_of


def coordinates_a_project(user) -> bool:
    """Does ``user`` coordinate any project at all?"""
    return bool(Audience.of(user).coordinator_of)


def coordinates(user, obj) -> bool:
    """Is ``user`` a coordinator of ``obj``'s project (or a superuser)?"""
    rule = rule_for(obj)
    audience = Audience.of(user)
    return audience.superuser or rule.resolve(obj, rule.project_key) in audience.coordinator_of


def owns_or_coordinates(user, obj) -> bool:
    """Is ``user`` the owner of ``obj``, a coordinator of its project, or a superuser?

    These always see an object whatever its level, and they alone may download or discuss it.
    """
    return owns(user, obj) or coordinates(user, obj)


def owns(user, obj) -> bool:
    """Is ``user`` the owner of ``obj`` or, where the model has them, one of its co-owners?"""
    rule = rule_for(obj)
    audience = Audience.of(user)
    if audience.user_id is None:
        return False
    if rule.resolve(obj, rule.owner + "_id") == audience.user_id:
        return True
    if rule.co_owners is None:
        return False
    # Through .all(), so that an unsaved object being previewed answers from its form data.
    return any(co_owner.pk == audience.user_id for co_owner in getattr(obj, rule.co_owners).all())


def can_view(user, obj) -> bool:
    """May ``user`` see ``obj``? Every surface that shows user material asks this."""
    if owns_or_coordinates(user, obj):
        return True
    rule = rule_for(obj)
    audience = Audience.of(user)
    project_key = rule.resolve(obj, rule.project_key)
    level = narrowest(*(rule.resolve(obj, path) for path in rule.levels))
    if level == Visibility.PUBLIC:
        return True
    if level == Visibility.REGISTERED:
        return audience.authenticated
    if level == Visibility.PROJECT:
        return project_key in audience.member_of
    return False


def owned_or_coordinated(model, audience) -> Q:
    """The rows ``audience`` owns, co-owns or coordinates, as a condition on ``model``."""
    rule = rule_for(model)
    if not audience.authenticated:
        return Q(pk__in=[])
    condition = Q(**{rule.owner: audience.user_id})
    if rule.co_owners is not None:
        # A subquery rather than a join, so that no row comes back twice.
        co_owned = model._base_manager.filter(**{rule.co_owners: audience.user_id})
        condition |= Q(pk__in=co_owned.values("pk"))
    if audience.coordinator_of:
        condition |= Q(**{f"{rule.project_key}__in": audience.coordinator_of})
    return condition


def visible_to(queryset, user):
    """``queryset`` narrowed to what ``user`` may see: the same rule as ``can_view``, in SQL."""
    rule = rule_for(queryset.model)
    audience = Audience.of(user)
    if audience.superuser:
        return queryset

    def reaching(level):
        allowed = at_least(level)
        return reduce(operator.and_, (Q(**{f"{path}__in": allowed}) for path in rule.levels))

    condition = reaching(Visibility.PUBLIC) | owned_or_coordinated(queryset.model, audience)
    if audience.authenticated:
        condition |= reaching(Visibility.REGISTERED)
        if audience.member_of:
            condition |= reaching(Visibility.PROJECT) & Q(
                **{f"{rule.project_key}__in": audience.member_of}
            )
    return queryset.filter(condition)


def governed_page_models() -> list:
    """Every page model a visibility rule governs, each table once.

    A subclass that inherits its rule from a concrete parent (every entry type from ``EntryPage``)
    has its rows in the parent's table already, so asking the parent covers it.
    """
    from wagtail.models import get_page_models

    governed = []
    for model in get_page_models():
        rule = getattr(model, "visibility_rule", None)
        if rule is None:
            continue
        if any(
            getattr(parent, "visibility_rule", None) is rule
            for parent in model._meta.get_parent_list()
        ):
            continue
        governed.append(model)
    return governed


def hidden_pages(user) -> Q:
    """The pages ``user`` may not see, as a condition on the page id for any page queryset.

    For surfaces that list pages of every type at once (the API, the admin): ``exclude(
    hidden_pages(user))`` drops every portfolio, entry and idea the rule hides, and every
    unpublished one the user neither owns nor coordinates, with the rule's own SQL
    (``visible_to``) and one subquery per governed table, however many pages there are.
    """
    audience = Audience.of(user)
    conditions = []
    for model in governed_page_models():
        rows = model._base_manager.all()
        visible = visible_to(rows, user)
        if not audience.superuser:
            # An unpublished page is its author's draft, whatever level it had when it was live.
            visible = visible.filter(Q(live=True) | owned_or_coordinated(model, audience))
        conditions.append(Q(pk__in=rows.exclude(pk__in=visible.values("pk")).values("pk")))
    return reduce(operator.or_, conditions, Q(pk__in=[]))


def without_hidden_pages(pages, user):
    """``pages`` less every portfolio, entry and idea the rule hides from ``user``."""
    if user.is_superuser:
        return pages
    return pages.exclude(hidden_pages(user))


def is_hidden_page(page, user) -> bool:
    """Is ``page`` one the visibility rule hides from ``user``? (Ungoverned pages never are.)"""
    if user.is_superuser or not isinstance(page.specific_class, type):
        return False
    if not any(issubclass(page.specific_class, model) for model in governed_page_models()):
        return False
    from wagtail.models import Page

    return Page.objects.filter(pk=page.pk).filter(hidden_pages(user)).exists()


def anonymous_can_view(obj, request=None) -> bool:
    """``can_view`` for a visitor who is not logged in, answerable in bulk.

    A surface that asks about every page in turn (the sitemap) passes its request: the answer then
    comes from one query per governed table for the whole request, instead of loading each page's
    portfolio and project to resolve the rule page by page.
    """
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    model = next((model for model in governed_page_models() if isinstance(obj, model)), None)
    if request is None or model is None or obj.pk is None:
        return can_view(anonymous, obj)
    public_ids = request.__dict__.setdefault("_mobilitas_public_page_ids", {})
    if model not in public_ids:
        rows = visible_to(model._base_manager.all(), anonymous)
        public_ids[model] = frozenset(rows.values_list("pk", flat=True))
    return obj.pk in public_ids[model]


class VisibilityCheckedMixin:
    """For a page model with a visibility rule: served only to those the rule lets see it, and
    listed in the sitemap only if an anonymous visitor may open it.

    Others get a 404 rather than a 403, so that guessing addresses does not reveal what exists.
    """

    def serve(self, request, *args, **kwargs):
        from django.http import Http404

        if not can_view(request.user, self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # The sitemap is for everyone: only what an anonymous visitor may open belongs in it.
        if not anonymous_can_view(self, request):
            return []
        return super().get_sitemap_urls(request)
