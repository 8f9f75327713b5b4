"""The comments section of an entry page, drawn only for those who may read the comments."""

from django import template

from portfolios.models import EntryComment
from portfolios.models.comments import can_comment, can_read_comments

register = template.Library()


@register.inclusion_tag("portfolios/includes/entry_comments.html", takes_context=True)
def entry_comments(context, entry):
    """The comments on ``entry`` and, for its coordinators, the form to add one.

    Serving the entry has already loaded its portfolio and project and the reader's audience for
    the visibility check, so this costs one query: the comments with their authors.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    # A preview of an entry not saved yet has nothing to comment on.
    if entry.pk is None or user is None or not can_read_comments(user, entry):
        return {"show": False}
    writable = can_comment(user, entry)
    form = None
    if writable:
        from portfolios.comment_views import EntryCommentForm

        form = getattr(request, "entry_comment_form", None) or EntryCommentForm()
    return {
        "show": True,
        "entry": entry,
        "comments": EntryComment.objects.filter(entry_id=entry.pk).select_related("author"),
        "form": form,
    }
