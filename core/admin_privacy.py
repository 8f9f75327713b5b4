"""The Wagtail admin shows each user only what the visibility rule lets them see.

Wagtail's admin screens list pages, files and tags from their own queries, several of which ask
nobody's permission: the bulk-action confirmation pages list every id in the address, the reports
name the last edited page of each type and every logged action, the tag autocomplete and the
popular-tags filters draw on every tag, and every listing shows a page's draft title. Here each of
those surfaces is narrowed through ``core.visibility`` (pages) and ``core.files`` (images and
documents), with Wagtail's extension points where it has them (``register_bulk_action``,
``construct_reports_menu``; ``core.wagtail_hooks`` imports this module so that they register) and
views in the admin's own addresses where it has none (``url_overrides``, included by
``portal.urls`` ahead of Wagtail's admin).

A page's draft (its unpublished title included) is its authors' and its coordinators' alone, as
``core.visibility.hidden_pages`` already says for pages that were never published; everyone else
meets a page of portfolio material or an idea under its published title.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, Q, When
from django.db.models.functions import Cast
from django.http import Http404, JsonResponse
from django.urls import path
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from core.files import choosable_files
from core.visibility import (
    Audience,
    governed_page_models,
    hidden_pages,
    is_hidden_page,
    owned_or_coordinated,
)


def drafts_hidden(user) -> Q:
    """The pages whose unpublished changes ``user`` may not see, as a condition on the page id."""
    audience = Audience.of(user)
    if audience.superuser:
        return Q(pk__in=[])
    condition = Q(pk__in=[])
    for model in governed_page_models():
        rows = model._base_manager.exclude(owned_or_coordinated(model, audience))
        condition |= Q(pk__in=rows.values("pk"))
    return condition


def with_published_titles(pages, user):
    """``pages`` with the draft title of each page whose draft ``user`` may not see replaced by
    its published title, so that listings built on ``get_admin_display_title`` show that."""
    if user.is_superuser or not hasattr(pages, "_chain"):
        # Search results are no queryset to annotate; the admin API searches only after
        # get_queryset, whose pages already carry the published titles.
        return pages
    pages = pages._chain()
    # Under the field's own name, so that Wagtail's specific() (which carries annotations over)
    # and every template read it; annotate() refuses a field's name, the query itself does not.
    pages.query.add_annotation(
        Case(When(drafts_hidden(user), then=F("title")), default=F("draft_title")),
        "draft_title",
        select=True,
    )
    return pages


def published_title_of(page, user):
    """``page`` itself, its draft title put back to the published one if ``user`` may not see it."""
    if not user.is_superuser and Page.objects.filter(drafts_hidden(user), pk=page.pk).exists():
        page.draft_title = page.title
    return page


def visible_pages(user):
    pages = Page.objects.all()
    return pages if user.is_superuser else pages.exclude(hidden_pages(user))


def visible_files(files, user):
    return choosable_files(files, user)


def visible_tags(user):
    """The tags ``user`` may meet: those on a page or file they may see.

    A tag that only private material carries names something about that material, so it stays
    out of every list of tags (the autocomplete, the ideas' tag filter, the popular tags). Each
    page model the visibility rule governs brings its tags through its own ``tags`` field (an
    idea's, an entry's), whichever app declares it.
    """
    tags = Tag.objects.all()
    if user.is_superuser:
        return tags
    condition = Q(pk__in=[])
    for model in governed_page_models():
        through = getattr(getattr(model, "tags", None), "through", None)
        if through is None:
            continue
        seen = visible_pages(user).filter(pk__in=model._base_manager.values("pk"))
        condition |= Q(
            pk__in=through.objects.filter(content_object__in=seen.values("pk")).values("tag_id")
        )
    for file_model in (get_image_model(), get_document_model()):
        seen = visible_files(file_model.objects.all(), user)
        condition |= Q(
            pk__in=file_model.tags.through.objects.filter(
                object_id__in=seen.values("pk"),
                content_type__app_label=file_model._meta.app_label,
                content_type__model=file_model._meta.model_name,
            ).values("tag_id")
        )
    return tags.filter(condition)


# Bulk actions ------------------------------------------------------------------------------


class SeenObjectsOnly:
    """A bulk action that lists and acts on only the objects its user may see: an id in the
    address that names a hidden page or file is dropped, as if it did not exist."""

    def seen_ids(self, ids):
        user = self.request.user
        if issubclass(self.model, Page):
            return set(visible_pages(user).filter(pk__in=ids).values_list("pk", flat=True))
        return set(
            visible_files(self.model.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        without_access = extra["items_with_no_access"]
        seen = self.seen_ids([obj.pk for obj in [*objects, *without_access]])
        extra["items_with_no_access"] = [obj for obj in without_access if obj.pk in seen]
        objects = [obj for obj in objects if obj.pk in seen]
        if not objects and not extra["items_with_no_access"]:
            # As Wagtail answers ids that name nothing at all.
            raise Http404
        return objects, extra

    def object_context(self, obj):
        context = super().object_context(obj)
        if isinstance(context["item"], Page):
            published_title_of(context["item"], self.request.user)
        return context

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for row in context.get("items_with_no_access", []):
            page = row.get("item") if isinstance(row, dict) else row
            if isinstance(page, Page):
                published_title_of(page, self.request.user)
        return context


def seen_objects_bulk_actions():
    """Wagtail's bulk actions on pages, images and documents, each seeing only what may be seen."""
    from wagtail.admin.views.pages.bulk_actions import (
        delete,
        move,
        publish,
        unpublish,
    )
    from wagtail.documents.views.bulk_actions import (
        add_tags as document_tags,
    )
    from wagtail.documents.views.bulk_actions import (
        add_to_collection as document_collection,
    )
    from wagtail.documents.views.bulk_actions import (
        delete as document_delete,
    )
    from wagtail.images.views.bulk_actions import (
        add_tags as image_tags,
    )
    from wagtail.images.views.bulk_actions import (
        add_to_collection as image_collection,
    )
    from wagtail.images.views.bulk_actions import (
        delete as image_delete,
    )

    originals = [
        delete.DeleteBulkAction,
        move.MoveBulkAction,
        publish.PublishBulkAction,
        unpublish.UnpublishBulkAction,
        image_tags.AddTagsBulkAction,
        image_collection.AddToCollectionBulkAction,
        image_delete.DeleteBulkAction,
        document_tags.AddTagsBulkAction,
        document_collection.AddToCollectionBulkAction,
        document_delete.DeleteBulkAction,
    ]
    return [
        type(original.__name__, (SeenObjectsOnly, original), {"__module__": __name__})
        for original in originals
    ]


# Tags --------------------------------------------------------------------------------------


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, suggesting only tags ``visible_tags`` lets the user meet."""
    from wagtail.admin.views.tags import autocomplete

    if app_name or model_name:
        # Validates the model as Wagtail does (404 for a model that is not a tag model).
        autocomplete(request, app_name, model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        visible_tags(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


def popular_seen_tags(model, user, count=10):
    """``wagtail.admin.models.popular_tags_for_model`` narrowed to files ``user`` may see."""
    from django.db.models import Count

    seen = visible_files(model.objects.all(), user).values("pk")
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type__app_label=model._meta.app_label,
            taggit_taggeditem_items__content_type__model=model._meta.model_name,
            taggit_taggeditem_items__object_id__in=seen,
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


def narrow_popular_tags(filterset):
    """Give a file listing's tag filter the popular tags of files its user may see (or none)."""
    tag_filter = filterset.filters.get("tag")
    if tag_filter is None:
        return
    tags = popular_seen_tags(filterset._meta.model, filterset.request.user)
    if tags:
        tag_filter.extra["choices"] = [(tag.name, tag.name) for tag in tags]
    else:
        del filterset.filters["tag"]


# Reports -----------------------------------------------------------------------------------


class AdministratorsPageTypesUsageView(PageTypesUsageReportView):
    """The page types report names the last edited page of every type: administrators' alone."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            # Wagtail's own refusal: to the dashboard, with its message in the admin's language.
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


PAGE_WORKFLOW_VIEWS = [
    ("action/<int:page_id>/<slug:action_name>/<int:task_state_id>/", "workflow_action"),
    (
        "collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "collect_workflow_action_data",
    ),
    ("confirm_cancellation/<int:page_id>/", "confirm_workflow_cancellation"),
    ("preview/<int:page_id>/<int:task_id>/", "workflow_preview"),
]


def page_workflow_view(name):
    """Wagtail's workflow view ``name``, answering 404 for a page the user may not see, or whose
    drafts they may not see while it is in no workflow: Wagtail's own refusal names the page's
    latest (draft) title, so a guessed id would read a private entry's title there."""
    from django.shortcuts import get_object_or_404
    from wagtail.admin.viewsets.pages import page_viewset_registry

    view = page_viewset_registry.as_view(name, page_id_kwarg="page_id")

    def workflow_view(request, page_id, **kwargs):
        page = get_object_or_404(Page, pk=page_id)
        user = request.user
        drafts_unseen = not page.workflow_in_progress and (
            Page.objects.filter(drafts_hidden(user), pk=page.pk).exists()
        )
        if is_hidden_page(page, user) or drafts_unseen:
            raise Http404
        return view(request, page_id=page_id, **kwargs)

    return workflow_view


class AdministratorsAgingPagesView(AgingPagesView):
    """The aging pages report lists every page under its draft title: administrators' alone."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SeenLogEntriesView(LogEntriesView):
    """Site history without the actions on pages or files the user may not see.

    A log entry keeps the title an object had then (a draft's, or that of a page since deleted),
    so a page's history is read only by those who may see its drafts (and a deleted page's by
    whoever deleted it), a file's by those who may see the file; superusers read everything.
    """

    def get_filtered_queryset(self):
        if self.request.user.is_superuser:
            return super().get_filtered_queryset()
        # As Wagtail's own view builds it, with each log model's entries narrowed first.
        from django.db.models import IntegerField, Value
        from wagtail.log_actions import registry as log_action_registry

        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            entries = (
                self.seen_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            entries = self.filter_queryset(entries).order_by()
            queryset = entries if queryset is None else queryset.union(entries, all=True)
        return queryset.order_by("-timestamp")

    def seen_entries(self, log_model, user):
        entries = log_model.objects.viewable_by_user(user)
        if issubclass(log_model, PageLogEntry):
            # Pages since deleted are not among the visible ones: their titles stay hidden too.
            seen = visible_pages(user).exclude(drafts_hidden(user)).values("pk")
            return entries.filter(Q(page_id__in=seen) | Q(user=user))
        for file_model in (get_image_model(), get_document_model()):
            seen = (
                visible_files(file_model.objects.all(), user)
                .annotate(key=Cast("pk", CharField()))
                .values("key")
            )
            entries = entries.exclude(
                Q(content_type=ContentType.objects.get_for_model(file_model))
                & ~Q(object_id__in=seen)
            )
        return entries


def url_overrides():
    """Admin addresses answered here instead of by Wagtail (``portal.urls`` puts them first)."""
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.documents.views import documents
    from wagtail.images.views import chooser as image_chooser
    from wagtail.images.views import images

    class SeenImagesFilterSet(images.ImagesFilterSet):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            narrow_popular_tags(self)

    class SeenDocumentsFilterSet(documents.DocumentsFilterSet):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            narrow_popular_tags(self)

    class SeenSearchView(SearchView):
        """The admin's page search, others' pages under their published titles."""

        def annotate_queryset(self, pages):
            return with_published_titles(super().annotate_queryset(pages), self.request.user)

    class SeenImageChooseView(image_chooser.ImageChooseView):
        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            context["popular_tags"] = popular_seen_tags(self.model, self.request.user)
            return context

    chooser = image_chooser.viewset
    image_choose_view = chooser.construct_view(
        chooser.inject_view_methods(SeenImageChooseView, ["get_object_list"]),
        icon=chooser.icon,
        page_title=chooser.page_title,
        search_tab_label=chooser.search_tab_label,
        creation_tab_label=chooser.creation_tab_label,
    )

    class ImageIndexView(images.IndexView):
        filterset_class = SeenImagesFilterSet

    class DocumentIndexView(documents.IndexView):
        filterset_class = SeenDocumentsFilterSet

    # Behind the admin's own door, as Wagtail's urls put every admin view: without it, an
    # anonymous visitor reached these views themselves instead of the login page.
    return decorate_urlpatterns(
        [
            path("tag-autocomplete/", tag_autocomplete),
            path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete),
            path("reports/page-types-usage/", AdministratorsPageTypesUsageView.as_view()),
            path(
                "reports/page-types-usage/results/",
                AdministratorsPageTypesUsageView.as_view(results_only=True),
            ),
            path("reports/site-history/", SeenLogEntriesView.as_view()),
            path("reports/site-history/results/", SeenLogEntriesView.as_view(results_only=True)),
            path("pages/search/", SeenSearchView.as_view()),
            path("pages/search/results/", SeenSearchView.as_view(results_only=True)),
            path("images/chooser/", image_choose_view),
            path("images/", ImageIndexView.as_view()),
            path("images/results/", ImageIndexView.as_view(results_only=True)),
            path("documents/", DocumentIndexView.as_view()),
            path("documents/results/", DocumentIndexView.as_view(results_only=True)),
            *[
                path(f"pages/workflow/{address}", page_workflow_view(name))
                for address, name in PAGE_WORKFLOW_VIEWS
            ],
            path("reports/aging-pages/", AdministratorsAgingPagesView.as_view()),
            path(
                "reports/aging-pages/results/",
                AdministratorsAgingPagesView.as_view(results_only=True),
            ),
        ],
        require_admin_access,
    )


# Hooks -------------------------------------------------------------------------------------

for _action in seen_objects_bulk_actions():
    # Registered after Wagtail's own (order), so each replaces the action it extends.
    hooks.register("register_bulk_action", _action, order=100)


@hooks.register("construct_reports_menu")
def offer_only_open_reports(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [
            item for item in menu_items if item.name not in ("page-types-usage", "aging-pages")
        ]


@hooks.register("construct_explorer_page_queryset", order=100)
def published_titles_in_explorer(parent_page, pages, request):
    return with_published_titles(pages, request.user)


@hooks.register("construct_page_chooser_queryset", order=100)
def published_titles_in_chooser(pages, request):
    return with_published_titles(pages, request.user)


@hooks.register("construct_admin_api")
def published_titles_in_admin_api(router):
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    class SeenPagesAdminAPIViewSet(PagesAdminAPIViewSet):
        def get_queryset(self):
            return with_published_titles(super().get_queryset(), self.request.user)

        def filter_queryset(self, queryset):
            # The explorer's filter intersects the queryset with another, losing the titles.
            return with_published_titles(super().filter_queryset(queryset), self.request.user)

    router.register_endpoint("pages", SeenPagesAdminAPIViewSet)


@hooks.register("construct_admin_api", order=100)
def seen_files_in_admin_api(router):
    """The images and documents endpoints listed every file to anyone with admin access; they
    list those the user may choose. After Wagtail's own (order), so that these replace them."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class SeenImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return visible_files(super().get_queryset(), self.request.user)

    class SeenDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return visible_files(super().get_queryset(), self.request.user)

    router.register_endpoint("images", SeenImagesAdminAPIViewSet)
    router.register_endpoint("documents", SeenDocumentsAdminAPIViewSet)
