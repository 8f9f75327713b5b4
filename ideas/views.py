"""The idea database as people read it: the listing, an idea's page and what they do there.

The listing and tag pages are routes of ``IdeaIndexPage``; supporting, commenting, hiding comments
and moving an idea along its status path are routes of ``IdeaPage`` that take a POST, call
``ideas.actions`` and come back to the idea with a message. Who may see an idea has already been
decided by ``IdeaPage.serve`` (every route goes through it) before any of these runs. Each view
registers itself (``ideas.routes.answers``) under the route the page hands it, so the pages never
import this module.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas import actions
from ideas.listing import IdeaFilters, facets, filtered_ideas, result_page
from ideas.models import COMMENT_MAX_LENGTH, IdeaComment, IdeaStatus, IdeaSupport, StatusChange
from ideas.routes import answers


@answers("listing")
def idea_listing(request, index, tag=None):
    filters = IdeaFilters.from_query(request.GET, tag=tag)
    ideas = filtered_ideas(request.user, filters)
    counts = facets(ideas)
    results = result_page(ideas, filters, counts.total, request.user)
    context = index.get_context(request)
    context.update(
        {
            "filters": filters,
            "ideas": results,
            "facets": counts,
            "tag": tag,
            "query": _query_without(request.GET, "page"),
            "statuses": IdeaStatus.choices,
        }
    )
    response = TemplateResponse(request, "ideas/idea_index_page.html", context)
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


def _query_without(params, *names):
    return urlencode(
        [(key, value) for key, values in params.lists() if key not in names for value in values]
    )


class IdeaCommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Write something before sending the comment."),
            "max_length": gettext_lazy(
                "A comment can be at most %(limit_value)d characters long "
                "(this one has %(show_value)d)."
            ),
        },
    )


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=gettext_lazy("New status"), choices=IdeaStatus.choices)
    comment = forms.CharField(
        label=gettext_lazy("Comment (shown in the timeline)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["to_status"].choices = [(s.value, s.label) for s in choices]


@answers("idea")
def idea_context(request, idea):
    user = request.user
    # An idea's timeline and discussion are shared by its translations: each language's page
    # shows what was said and decided on any of them.
    comments = IdeaComment.objects.filter(
        idea__translation_key=idea.translation_key
    ).select_related("author")
    may_hide = actions.may_hide_comments(user, idea)
    if not may_hide:
        comments = comments.filter(hidden_at__isnull=True)
    next_statuses = actions.next_statuses(user, idea) if user.is_authenticated else []
    from portfolios.models import EntryPage

    return {
        "timeline": StatusChange.objects.filter(
            idea__translation_key=idea.translation_key
        ).select_related("actor"),
        "comments": comments,
        "may_hide_comments": may_hide,
        "comment_form": getattr(request, "idea_comment_form", None) or IdeaCommentForm(),
        "status_form": StatusChangeForm(choices=next_statuses) if next_statuses else None,
        "has_supported": user.is_authenticated
        and IdeaSupport.objects.filter(
            idea__translation_key=idea.translation_key, user=user
        ).exists(),
        "may_take_part": user.is_authenticated and idea.status != IdeaStatus.DRAFT,
        "inspired_by": EntryPage.objects.live()
        # A draft's inspirations are in memory (a revision's), not a queryset to nest.
        .filter(pk__in=[entry.pk for entry in idea.inspired_by.all()])
        .visible_to(user)
        .order_by("-date"),
        "authors": actions.authors_of(idea),
        # Dates and times in the time zone of the project the idea came from (DESIGN: "Time").
        "time_zone": idea.project.time_zone if idea.project_id else settings.TIME_ZONE,
        "is_author": idea.is_author(user),
    }


def _back_to(request, idea, anchor=""):
    return HttpResponseRedirect(idea.get_url(request) + anchor)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _login_first(request, idea):
    messages.error(request, _("Log in to support or discuss ideas."))
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(idea.get_url(request))


@answers("support")
def support_idea(request, idea):
    if refused := _post_only(request):
        return refused
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    try:
        if request.POST.get("action") == "withdraw":
            if actions.withdraw_support(idea, request.user):
                messages.success(request, _("Your support is withdrawn."))
        elif actions.support(idea, request.user):
            messages.success(request, _("Thank you: the authors will hear that you'd join."))
        else:
            messages.info(request, _("You already support this idea."))
    except actions.ActionRefused as refusal:
        messages.error(request, str(refusal))
    return _back_to(request, idea, "#support")


@answers("comment")
def comment_on_idea(request, idea):
    if refused := _post_only(request):
        return refused
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    form = IdeaCommentForm(request.POST)
    if form.is_valid():
        try:
            actions.add_comment(idea, request.user, form.cleaned_data["body"])
        except actions.ActionRefused as refusal:
            form.add_error("body", str(refusal))
    if form.errors:
        # The idea again, with the comment as it was typed and what is wrong with it.
        request.idea_comment_form = form
        response = TemplateResponse(
            request, idea.get_template(request), idea.get_context(request), status=400
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    messages.success(request, _("Comment added."))
    return _back_to(request, idea, "#comments")


@answers("hide_comment")
def hide_comment(request, idea, comment_id):
    if refused := _post_only(request):
        return refused
    try:
        actions.hide_comment(idea, request.user, comment_id)
        messages.success(request, _("The comment is hidden."))
    except actions.ActionRefused as refusal:
        messages.error(request, str(refusal))
    return _back_to(request, idea, "#comments")


@answers("change_status")
def change_status(request, idea):
    if refused := _post_only(request):
        return refused
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    try:
        change = actions.change_status(
            idea,
            request.user,
            request.POST.get("to_status", ""),
            request.POST.get("comment", ""),
        )
        messages.success(
            request,
            _("The idea is now “%(status)s”.") % {"status": change.get_to_status_display()},
        )
    except actions.ActionRefused as refusal:
        messages.error(request, str(refusal))
    return _back_to(request, idea, "#status")
