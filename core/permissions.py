"""Who may do what with pages and files in the Wagtail admin: the policy for the whole tree.

Wagtail grants page permissions to groups on subtrees, and its explorer, search and dashboards
list every page a group may explore. Personal material (``core.personal``: a participant's
portfolio and its entries) needs two things groups cannot say:

- its owner edits and publishes their own personal root and everything under it, and nothing else;
- nobody else, editors and moderators with rights on the whole tree included, reaches a
  personal page the visibility rule hides from them (nor any portfolio, entry or idea it hides) —
  not in the explorer, the admin search, the choosers, nor through the edit, preview, revision,
  history or usage views.

So personal pages answer ``permissions_for_user`` with ``PersonalPagePermissionTester``, and the
page permission policy adds each owner's personal roots to what they may explore and edit while
removing what ``core.visibility`` hides. Superusers keep every right. Wagtail keeps one page
policy for the whole tree, so this is it; ``portal.apps`` registers it once every app is ready.

Coordinators follow their projects from the explorer: the policy lets them explore each project
hub they coordinate (in every language) with everything under it, private portfolios and entries
included, as the visibility rule allows. Exploring grants no right to change anything: the hub
answers from group permissions as usual and personal pages from ``PersonalPagePermissionTester``.
"""

from django.db.models import Q
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.files import choosable_files
from core.personal import is_personal_root, owned_roots, personal_pages_of_others
from core.visibility import Audience, without_hidden_pages

EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
OWNER_ACTIONS = {"add", "change", "publish"}


def coordinated_hubs(user):
    """The pages of the project hubs ``user`` coordinates, in every language they are translated
    into (a membership names a hub; its translations share its translation key)."""
    keys = Audience.of(user).coordinator_of
    if not keys:
        return Page.objects.none()
    return Page.objects.filter(translation_key__in=keys)


def subtrees_of(pages):
    """The given pages and everything under them, as a Page queryset."""
    paths = [page.path for page in pages]
    if not paths:
        return Page.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Page.objects.filter(condition)


def own_personal_pages(user):
    """The user's personal roots and everything under them, as a Page queryset."""
    return subtrees_of(owned_roots(user).only("path"))


class SitePagePermissionPolicy(PagePermissionPolicy):
    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        if not user.is_active:
            return False
        actions = set(actions)
        if actions & OWNER_ACTIONS and owned_roots(user).exists():
            return True
        # Wagtail asks for any of all these actions when it decides whether someone may use the
        # page explorer at all (the menu, the explorer, the admin search); coordinators may, to
        # read their projects, though they hold none of these rights on any page.
        return actions.issuperset(EXPLORE_ACTIONS) and coordinated_hubs(user).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and not user.is_superuser:
            if set(actions) & OWNER_ACTIONS:
                pages = pages | own_personal_pages(user)
            pages = without_hidden_pages(pages, user)
            # Editing rights inherited from a group never reach someone else's personal pages.
            pages = pages.exclude(personal_pages_of_others(user))
        return pages

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if user.is_superuser:
            return pages
        return [*pages, *self._own_and_coordinated(user)]

    def explorable_instances(self, user):
        base = self._base_queryset_for_user(user)
        if base is not None:
            return base
        if self.get_cached_permissions_for_user(user):
            pages = super().explorable_instances(user)
        else:
            pages = Page.objects.none()
        anchors = self._own_and_coordinated(user)
        if anchors:
            pages = pages | subtrees_of(anchors)
            # The way down to each of them, so the explorer can open it from the common root.
            for anchor in anchors:
                pages = pages | Page.objects.ancestor_of(anchor).filter(depth__gt=1)
        return without_hidden_pages(pages, user)

    def _own_and_coordinated(self, user):
        """The user's personal roots and the hubs of the projects they coordinate."""
        return [
            *owned_roots(user).only("path", "depth"),
            *coordinated_hubs(user).only("path", "depth"),
        ]


class PersonalPagePermissionTester(PagePermissionTester):
    """Only the owner (and superusers) may change a personal root (a portfolio) or the pages
    under it (its entries); ``owner_id`` is the root's owner (the participant)."""

    def __init__(self, user, page, owner_id):
        # Not PagePermissionTester.__init__: it loads the user's group page permissions, which
        # decide nothing here; only ownership and superuser status do.
        from wagtail.permissions import policy_registry

        self.user = user
        self.page = page
        self.permission_policy = policy_registry.get(page)
        self.page_is_root = page.depth == 1
        self.permissions = set()
        self.is_owner = user.is_authenticated and owner_id == user.pk
        self.is_root = page.depth is not None and is_personal_root(page)

    def _owner_or_superuser(self):
        return self.user.is_active and (self.user.is_superuser or self.is_owner)

    def can_edit(self):
        return self._owner_or_superuser()

    def can_publish(self):
        return self._owner_or_superuser()

    def can_unpublish(self):
        return self.page.live and self._owner_or_superuser()

    def can_delete(self, ignore_bulk=False):
        # A portfolio holds a participant's whole record: only an administrator removes it.
        if self.is_root:
            return self.user.is_superuser
        return self._owner_or_superuser()

    def can_add_subpage(self):
        return self.is_root and self._owner_or_superuser()

    def can_publish_subpage(self):
        return self.can_add_subpage()

    def can_reorder_children(self):
        return self.user.is_superuser

    def can_move(self):
        return self.user.is_superuser and super().can_move()

    def can_copy(self):
        return self.user.is_superuser and super().can_copy()

    def can_lock(self):
        return self._owner_or_superuser()

    def can_unlock(self):
        return self._owner_or_superuser()

    def can_view_revisions(self):
        # Wagtail's history and revision views open only to those who may edit; offering others
        # the link would lead them to a refusal.
        return self._owner_or_superuser()

    def can_set_view_restrictions(self):
        # Visibility is the portfolio's own setting; Wagtail's view restrictions would bypass it.
        return self.user.is_superuser

    def can_unschedule(self):
        return self._owner_or_superuser()


class PersonalFilesPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection-and-ownership policy for images and documents, narrowed so that a
    participant's uploads and the files of personal material stay out of everyone else's reach.

    Editors hold "change" on the root collection, which by itself would let them list and edit
    every file, a participant's private photos included. Here, as in the choosers, a user meets
    only their own uploads and library material (``core.files.choosable_files``).
    """

    def instances_user_has_any_permission_for(self, user, actions):
        return choosable_files(super().instances_user_has_any_permission_for(user, actions), user)

    def instances_user_has_permission_for(self, user, action):
        return choosable_files(super().instances_user_has_permission_for(user, action), user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        files = self.model.objects.filter(pk=instance.pk)
        return user.is_superuser or choosable_files(files, user).exists()


def register_policies():
    """Make these policies the ones the admin looks up (called from ``portal.apps``)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import AbstractPage
    from wagtail.permissions import register_permission_policy

    register_permission_policy(AbstractPage, SitePagePermissionPolicy())
    for model, auth_model in [
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ]:
        policy = PersonalFilesPermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy)
