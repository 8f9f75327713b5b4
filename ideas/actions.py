"""Everything that changes an idea after it is written: its status, supports and comments.

Each action runs in one transaction, refuses bad requests with ``ActionRefused`` (whose message is
shown to the user as it is) before changing anything, and asks ``core.notifications`` to tell the
idea's authors, inside the same transaction.

The status path (DESIGN: "allowed only along that path, by the right role")::

    draft → proposed → under review → shortlisted → in application → funded / not funded → archived

Authors take the first step (they propose); coordinators take every later one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notifications import notify
from core.visibility import Visibility, can_view, coordinates, coordinates_a_project
from ideas.models import (
    COMMENT_MAX_LENGTH,
    IdeaComment,
    IdeaPage,
    IdeaStatus,
    IdeaSupport,
    StatusChange,
)

AUTHORS = "authors"
COORDINATORS = "coordinators"

S = IdeaStatus
TRANSITIONS = {
    (S.DRAFT, S.PROPOSED): AUTHORS,
    (S.PROPOSED, S.UNDER_REVIEW): COORDINATORS,
    (S.UNDER_REVIEW, S.SHORTLISTED): COORDINATORS,
    (S.SHORTLISTED, S.IN_APPLICATION): COORDINATORS,
    (S.IN_APPLICATION, S.FUNDED): COORDINATORS,
    (S.IN_APPLICATION, S.NOT_FUNDED): COORDINATORS,
    (S.FUNDED, S.ARCHIVED): COORDINATORS,
    (S.NOT_FUNDED, S.ARCHIVED): COORDINATORS,
}


class ActionRefused(Exception):
    """The action is not allowed or its input is bad; the message says why, for the user."""


def moves_on_ideas(user, idea: IdeaPage) -> bool:
    """May ``user`` take an idea past "proposed"? Its project's coordinators do (for an idea from
    no project, any project's coordinator), and superusers."""
    if not user.is_authenticated:
        return False
    if idea.project_id is None:
        return user.is_superuser or coordinates_a_project(user)
    return coordinates(user, idea)


def may_take(user, idea: IdeaPage, role: str) -> bool:
    if role == AUTHORS:
        return user.is_superuser or idea.is_author(user)
    return moves_on_ideas(user, idea)


def next_statuses(user, idea: IdeaPage) -> list[IdeaStatus]:
    """The statuses ``user`` may move ``idea`` to now, in the order of the path."""
    return [
        target
        for (source, target), role in TRANSITIONS.items()
        if source == idea.status and may_take(user, idea, role)
    ]


def change_status(idea: IdeaPage, user, to_status: str, comment: str = "") -> StatusChange:
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ActionRefused(
            _("The comment is too long (at most %(limit)d characters).")
            % {"limit": COMMENT_MAX_LENGTH}
        )
    with transaction.atomic():
        # Locked, so that two people clicking at once cannot both move it from the same status.
        current = IdeaPage.objects.select_for_update().get(pk=idea.pk)
        if to_status not in S.values:
            raise ActionRefused(_("“%(status)s” is not a status.") % {"status": to_status})
        role = TRANSITIONS.get((current.status, to_status))
        if role is None:
            raise ActionRefused(
                _("An idea cannot go from “%(from)s” to “%(to)s”.")
                % {"from": S(current.status).label, "to": S(to_status).label}
            )
        if not may_take(user, current, role):
            if role == AUTHORS:
                raise ActionRefused(_("Only the idea's authors can propose it."))
            raise ActionRefused(_("Only the project's coordinators can move this idea on."))
        now = timezone.now()
        visibility = current.visibility_while(to_status)
        # The status is the idea's, in every language it is written in.
        IdeaPage.objects.filter(translation_key=current.translation_key).update(
            status=to_status,
            status_changed_at=now,
            effective_visibility=(
                Value(Visibility.PRIVATE) if to_status == S.DRAFT else F("visibility")
            ),
        )
        change = StatusChange.objects.create(
            idea=current,
            actor=user,
            from_status=current.status,
            to_status=to_status,
            comment=comment,
        )
        # Authors hear of every step, and so do those who said they would join the idea.
        told = {user.pk}
        for author in authors_of(current):
            if author.pk not in told:
                told.add(author.pk)
                notify("idea_status", author, change, actor=user, idea_id=current.pk)
        for supporter in supporters_of(current):
            if supporter.pk not in told:
                told.add(supporter.pk)
                notify(
                    "idea_status",
                    supporter,
                    change,
                    actor=user,
                    idea_id=current.pk,
                    role="supporter",
                )
    idea.status, idea.status_changed_at, idea.effective_visibility = to_status, now, visibility
    return change


def authors_of(idea: IdeaPage):
    authors = {user.pk: user for user in idea.co_authors.all()}
    if idea.owner is not None:
        authors[idea.owner_id] = idea.owner
    return list(authors.values())


def supporters_of(idea: IdeaPage):
    supports = IdeaSupport.objects.filter(idea__translation_key=idea.translation_key)
    return [support.user for support in supports.select_related("user").order_by("pk")]


def supported_idea(idea: IdeaPage) -> IdeaPage:
    """The row an idea's supports are kept on: its first-written translation, so that nobody
    supports the same idea twice by switching language."""
    if idea.pk is None:
        return idea
    first = IdeaPage.objects.filter(translation_key=idea.translation_key).order_by("pk").first()
    return first or idea


def _require_participation(user, idea: IdeaPage):
    if not user.is_authenticated:
        raise ActionRefused(_("Log in to support or discuss ideas."))
    if not can_view(user, idea):
        raise ActionRefused(_("This idea is not open to you."))
    if idea.status == IdeaStatus.DRAFT:
        raise ActionRefused(_("A draft cannot be supported or discussed yet."))


def support(idea: IdeaPage, user) -> bool:
    """Record that ``user`` would join ``idea``; False if they already had.

    The unique constraint, not a check beforehand, keeps a double click from counting twice.
    """
    _require_participation(user, idea)
    try:
        with transaction.atomic():
            created = IdeaSupport.objects.create(idea=supported_idea(idea), user=user)
            IdeaPage.objects.filter(translation_key=idea.translation_key).update(
                support_count=F("support_count") + 1
            )
            for author in authors_of(idea):
                if author.pk != user.pk:
                    notify("idea_support", author, created, actor=user, idea_id=idea.pk)
    except IntegrityError:
        return False
    return True


def withdraw_support(idea: IdeaPage, user) -> bool:
    """Take back ``user``'s support; False if there was none."""
    if not user.is_authenticated:
        raise ActionRefused(_("Log in to support or discuss ideas."))
    with transaction.atomic():
        deleted, _counts = IdeaSupport.objects.filter(
            idea__translation_key=idea.translation_key, user=user
        ).delete()
        if deleted:
            IdeaPage.objects.filter(
                translation_key=idea.translation_key, support_count__gt=0
            ).update(support_count=F("support_count") - 1)
    return bool(deleted)


def add_comment(idea: IdeaPage, user, body: str) -> IdeaComment:
    _require_participation(user, idea)
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write something first."))
    if len(body) > COMMENT_MAX_LENGTH:
        raise ActionRefused(
            _("The comment is too long (at most %(limit)d characters).")
            % {"limit": COMMENT_MAX_LENGTH}
        )
    with transaction.atomic():
        comment = IdeaComment.objects.create(idea=idea, author=user, body=body)
        for author in authors_of(idea):
            if author.pk != user.pk:
                notify("idea_comment", author, comment, actor=user, idea_id=idea.pk)
    return comment


def may_hide_comments(user, idea: IdeaPage) -> bool:
    return moves_on_ideas(user, idea)


def hide_comment(idea: IdeaPage, user, comment_id: int) -> IdeaComment:
    if not may_hide_comments(user, idea):
        raise ActionRefused(_("Only coordinators can hide comments."))
    with transaction.atomic():
        # Any translation of the idea shows its comments (ideas.views), so any may hide them.
        comment = (
            IdeaComment.objects.select_for_update()
            .filter(idea__translation_key=idea.translation_key, pk=comment_id)
            .first()
        )
        if comment is None:
            raise ActionRefused(_("There is no such comment on this idea."))
        if comment.hidden_at is None:
            comment.hidden_at = timezone.now()
            comment.hidden_by = user
            comment.save(update_fields=["hidden_at", "hidden_by"])
    return comment
