"""Coordinators' comments on portfolio entries.

A comment is feedback between a participant and the project's coordinators, so it follows a rule
of its own rather than the entry's visibility: however widely an entry is shared, its comments
are read only by the entry's owner and the coordinators of its project (and superusers), and
written only by the coordinators (and superusers). ``core.visibility`` says who is who, matching
projects by translation key as everywhere.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.visibility import coordinates, owns, owns_or_coordinates

BODY_MAX_LENGTH = 2000


def can_comment(user, entry) -> bool:
    """May ``user`` write comments on ``entry``? Its project's coordinators and superusers."""
    return coordinates(user, entry)


def can_read_comments(user, entry) -> bool:
    """May ``user`` read the comments on ``entry``? Those who may write them, and its owner."""
    return owns_or_coordinates(user, entry)


class EntryComment(models.Model):
    entry = models.ForeignKey(
        "portfolios.EntryPage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("entry"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    # When the entry's owner was first shown the comment (on the entry page); empty while unread.
    read_at = models.DateTimeField(_("read by the participant"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry comment")
        verbose_name_plural = _("entry comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.entry} · {self.created_at:%Y-%m-%d %H:%M}"


def mark_read_by_owner(user, entry, comments) -> None:
    """Records that ``user``, the owner of ``entry``, has now been shown ``comments``.

    Only the owner's reading counts (coordinators write the comments; it is the participant who
    has or has not seen them), and only comments still unread are written, so a page the owner
    has already read costs no query.
    """
    unread = [comment.pk for comment in comments if comment.read_at is None]
    if not unread or not owns(user, entry):
        return
    EntryComment.objects.filter(pk__in=unread, read_at__isnull=True).update(read_at=timezone.now())
