"""The comments section of an entry page, drawn only for those who may read the comments."""

from django import template

from core.visibility import owns
from portfolios.forms import EntryCommentForm
from portfolios.models import EntryComment
from portfolios.models.comments import can_comment, can_read_comments, mark_read_by_owner

register = template.Library()


@register.inclusion_tag("portfolios/includes/entry_comments.html", takes_context=True)
def entry_comments(context, entry):
    """The comments on ``entry`` and, for its coordinators, the form to add one.

    Serving the entry has already loaded its portfolio and project and the reader's audience for
    the visibility check, so this costs one query: the comments with their authors (and, when
    the owner reads comments new to them, one more to mark them read).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    # A preview of an entry not saved yet has nothing to comment on.
    if entry.pk is None or user is None or not can_read_comments(user, entry):
        return {"show": False}
    writable = can_comment(user, entry)
    form = None
    if writable:
        form = getattr(request, "entry_comment_form", None) or EntryCommentForm()
    comments = list(EntryComment.objects.filter(entry_id=entry.pk).select_related("author"))
    # Shown to the owner now: what they have not seen before is marked read (the coordinators'
    # overview counts the rest), and shown as new this once.
    mark_read_by_owner(user, entry, comments)
    return {
        "show": True,
        "entry": entry,
        "comments": comments,
        "form": form,
        "reader_is_owner": owns(user, entry),
    }
