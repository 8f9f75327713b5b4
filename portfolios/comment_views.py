"""Coordinators' comments on entries: the form and the view that takes it.

Who may read and write comments is decided in ``portfolios.models.comments``; the comments are
shown on the entry page by the ``entry_comments`` template tag.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.notifications import notify
from portfolios.models import EntryComment, EntryPage
from portfolios.models.comments import can_comment


class EntryCommentForm(forms.ModelForm):
    class Meta:
        model = EntryComment
        fields = ["body"]
        labels = {"body": gettext_lazy("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "body": {
                "required": gettext_lazy("Write something before sending the comment."),
                "max_length": gettext_lazy(
                    "A comment can be at most %(limit_value)d characters long "
                    "(this one has %(show_value)d)."
                ),
            }
        }


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
    with transaction.atomic():
        comment = form.save(commit=False)
        comment.entry = entry
        comment.author = request.user
        comment.save()
        notify(
            "entry_comment",
            recipient=entry.portfolio.participant,
            subject=comment,
            actor=request.user,
            entry_id=entry.pk,
        )
    messages.success(request, _("Comment sent. The participant will see it under the entry."))
    return redirect(entry.get_url(request) + "#comments")
