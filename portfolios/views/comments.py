"""Coordinators' comments on entries: the view that takes one.

Who may read and write comments is decided in ``portfolios.models.comments``; the form is
``portfolios.forms.EntryCommentForm``, the writing ``portfolios.actions.add_comment``, and the
comments are shown on the entry page by the ``entry_comments`` template tag.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portfolios import actions
from portfolios.forms import EntryCommentForm
from portfolios.models import EntryPage
from portfolios.models.comments import can_comment


@login_required
@require_POST
def add_entry_comment(request, entry_pk):
    entry = get_object_or_404(
        EntryPage.objects.live().select_related("portfolio__project"), pk=entry_pk
    )
    # A 404 rather than a 403, as for pages: nobody learns which entries exist by posting here.
    if not can_comment(request.user, entry):
        raise Http404
    form = EntryCommentForm(request.POST)
    if not form.is_valid():
        # The entry page again, with the form as it was typed and what is wrong with it.
        request.entry_comment_form = form
        response = entry.specific.serve(request)
        patch_cache_control(response, private=True, no_store=True)
        return response
    try:
        actions.add_comment(entry, request.user, form.cleaned_data["body"])
    except actions.ActionRefused as refusal:
        raise Http404 from refusal
    messages.success(request, _("Comment sent. The participant will see it under the entry."))
    return redirect(entry.get_url(request) + "#comments")
