"""What people write to portfolios from the site, outside Wagtail's page editor: a coordinator's
comment on an entry, and a participant's share links, made and revoked.

Each action checks first and refuses with ``ActionRefused`` before changing anything, then acts
in one transaction and asks ``core.notifications`` to tell whoever should hear of it, inside that
same transaction (as ``ideas.actions`` does). The views turn requests into these calls and
refusals into answers: here a 404, so that nobody learns by posting which entries or portfolios
exist.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from core.notifications import notify
from portfolios.dates import time_zone_of
from portfolios.models import EntryComment, PortfolioShareLink
from portfolios.models.comments import can_comment


class ActionRefused(Exception):
    """The action is not allowed; the message says why, for the user."""


def add_comment(entry, author, body: str) -> EntryComment:
    """A coordinator's comment on ``entry``, its participant told of it.

    ``body`` is what ``portfolios.forms.EntryCommentForm`` accepted.
    """
    if not can_comment(author, entry):
        raise ActionRefused(_("Only the project's coordinators can comment on this entry."))
    with transaction.atomic():
        comment = EntryComment.objects.create(entry=entry, author=author, body=body)
        notify(
            "entry_comment",
            recipient=entry.portfolio.participant,
            subject=comment,
            actor=author,
            entry_id=entry.pk,
        )
    return comment


def _require_owner(portfolio, user):
    if not user.is_authenticated or portfolio.participant_id != user.pk:
        raise ActionRefused(_("Only the participant whose portfolio it is can share it."))


def create_share_link(portfolio, user, expires_on: datetime.date | None) -> PortfolioShareLink:
    """A new secret link to ``portfolio``, working to the end of ``expires_on`` where the project
    is, or until it is revoked."""
    _require_owner(portfolio, user)
    expires_at = None
    if expires_on is not None:
        next_day = expires_on + datetime.timedelta(days=1)
        expires_at = datetime.datetime.combine(
            next_day, datetime.time.min, tzinfo=time_zone_of(portfolio)
        )
    with transaction.atomic():
        return PortfolioShareLink.objects.create(
            portfolio=portfolio, created_by=user, expires_at=expires_at
        )


def revoke_share_link(portfolio, link_pk, user) -> PortfolioShareLink:
    """Closes the link ``link_pk`` of ``portfolio`` at once, and the files of what it showed with
    it; revoking it again changes nothing."""
    _require_owner(portfolio, user)
    with transaction.atomic():
        # Locked, so that a second click cannot move the moment it was revoked.
        link = portfolio.share_links.select_for_update().filter(pk=link_pk).first()
        if link is None:
            raise ActionRefused(_("This portfolio has no such link."))
        link.revoke()
    return link
