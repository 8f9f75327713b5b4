"""Per-user facts that every page needs, kept in the cache instead of asked of the database.

A logged-in page needs the user's permissions (for the header's Admin link) and project
memberships (for the visibility rule). Both change rarely, so each is cached under a key that
carries a *generation*: any change to the rows they are made of starts a new generation, and
every cached copy of the old one is simply never read again. Reading the generation is a cache
hit, not a query; with the cache down, everything is read from the database as before.
"""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_SECONDS = 15 * 60


def _generation(namespace):
    key = f"mobilitas:generation:{namespace}"
    generation = cache.get(key)
    if generation is None:
        generation = uuid.uuid4().hex
        # add, not set: if another process started a generation meanwhile, keep theirs.
        if not cache.add(key, generation, None):
            generation = cache.get(key, generation)
    return generation


def new_generation(namespace):
    cache.set(f"mobilitas:generation:{namespace}", uuid.uuid4().hex, None)


def cached_per_user(namespace, user_id, compute):
    key = f"mobilitas:{namespace}:{_generation(namespace)}:{user_id}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_fact(namespace, compute):
    """A site-wide fact, cached until its namespace starts a new generation."""
    return cached_per_user(namespace, "site", compute)


def any_view_restrictions() -> bool:
    from wagtail.models import PageViewRestriction

    return cached_fact("view-restrictions", lambda: PageViewRestriction.objects.exists())


class CachedViewRestrictionsMixin:
    """Skips Wagtail's two-query look for view restrictions (privacy settings, passwords) on the
    page and its ancestors while the site has none at all, which is the usual case here:
    visibility levels, not Wagtail's restrictions, keep portfolios and ideas private."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class CachedPermissionsBackend(ModelBackend):
    """Django's model backend, with each user's set of permissions kept in the cache."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super().get_all_permissions(user_obj, obj=obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = cached_per_user(
                "permissions",
                user_obj.pk,
                lambda: super(CachedPermissionsBackend, self).get_all_permissions(user_obj),
            )
        return user_obj._perm_cache


def _permissions_changed(**kwargs):
    new_generation("permissions")


def _memberships_changed(**kwargs):
    new_generation("memberships")


def _view_restrictions_changed(**kwargs):
    new_generation("view-restrictions")


def _user_changed(**kwargs):
    # A user made superuser or deactivated sees differently at once.
    new_generation("permissions")
    new_generation("memberships")


def connect_signals():
    from wagtail.models import PageViewRestriction

    from core.models import ProjectMembership

    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_permissions_changed, sender=through, dispatch_uid=f"perm-{through}")
    for model in (Group, Permission):
        post_save.connect(_permissions_changed, sender=model, dispatch_uid=f"perm-save-{model}")
        post_delete.connect(_permissions_changed, sender=model, dispatch_uid=f"perm-del-{model}")
    post_save.connect(_user_changed, sender=User, dispatch_uid="user-save")
    post_delete.connect(_user_changed, sender=User, dispatch_uid="user-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            _memberships_changed, sender=ProjectMembership, dispatch_uid=f"member-{signal}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _view_restrictions_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"view-restriction-{signal}",
        )
