"""Who may do what with ideas in the Wagtail admin.

Participants and coordinators get Wagtail's "add" permission on the idea database (see the
migration that creates it), so they may write ideas; from there, an idea belongs to its authors:
only its owner and co-authors (and superusers) edit, publish or unpublish it, whatever rights a
group has on the tree. Its status is not edited here at all: ``ideas.actions`` moves it.

Nobody meets in the admin an idea they could not see on the site: the one page permission policy
(``portfolios.permissions``) leaves every page the visibility rule hides out of what a user may
explore (the explorer, the admin search, the ideas listing), and the hooks in
``home.wagtail_hooks`` leave them out of the page chooser too.
"""

from wagtail.models import PagePermissionTester

from core.visibility import coordinates_a_project


def may_export_ideas(user) -> bool:
    """Spreadsheets of ideas are for coordinators (of any project) and superusers."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or coordinates_a_project(user)


class IdeaIndexPermissionTester(PagePermissionTester):
    """Whoever may add an idea may also publish it: visibility and status, not Wagtail's
    moderation, decide who sees an idea."""

    def can_publish_subpage(self):
        return self.can_add_subpage()


class IdeaPermissionTester(PagePermissionTester):
    def _author_or_superuser(self):
        return self.user.is_active and (self.user.is_superuser or self.page.is_author(self.user))

    def can_edit(self):
        return self._author_or_superuser()

    def can_publish(self):
        return self._author_or_superuser()

    def can_unpublish(self):
        return self.page.live and self._author_or_superuser()

    def can_delete(self, ignore_bulk=False):
        # Once proposed, an idea has a history others took part in: only an administrator
        # removes it; a draft is its owner's to throw away.
        if self.user.is_superuser:
            return True
        return self.page.status == "draft" and self.page.owner_id == self.user.pk

    def can_add_subpage(self):
        return False

    def can_publish_subpage(self):
        return False

    def can_lock(self):
        return self._author_or_superuser()

    def can_unlock(self):
        return self._author_or_superuser()

    def can_move(self):
        return self.user.is_superuser and super().can_move()

    def can_copy(self):
        return self.user.is_superuser and super().can_copy()

    def can_view_revisions(self):
        # Wagtail's history and revision views open only to those who may edit: offering anyone
        # else the link would lead them to a refusal.
        return self._author_or_superuser()

    def can_set_view_restrictions(self):
        return self.user.is_superuser

    def can_unschedule(self):
        return self._author_or_superuser()
