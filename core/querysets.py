"""QuerySets that speak the domain: ``EntryPage.objects.of_project(hub).visible_to(user)``.

Every model that declares a ``visibility_rule`` already says, as ORM paths, where its project and
its levels live. These mixins turn that declaration into the two questions every listing asks, so
no caller spells ``project__translation_key`` or the visibility filter out by hand.
"""

from __future__ import annotations

from django.db import models
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core.visibility import rule_for, visible_to


class GovernedQuerySetMixin:
    def of_project(self, hub):
        """Rows of the project ``hub`` in any of its translations (hubs are matched by their
        translation key, as memberships are)."""
        return self.filter(**{rule_for(self.model).project_key: hub.translation_key})

    def of_projects(self, keys):
        """Rows of any of the projects whose translation keys are ``keys``."""
        return self.filter(**{f"{rule_for(self.model).project_key}__in": list(keys)})

    def visible_to(self, user):
        """The rows ``user`` may see, by the one visibility rule (``core.visibility``)."""
        return visible_to(self, user)


class GovernedQuerySet(GovernedQuerySetMixin, models.QuerySet):
    """For plain models with a visibility rule (the practice log)."""


class GovernedPageQuerySet(GovernedQuerySetMixin, PageQuerySet):
    """For page models with a visibility rule (portfolios, entries, ideas)."""


GovernedPageManager = PageManager.from_queryset(GovernedPageQuerySet)
