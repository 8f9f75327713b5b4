"""Reminders: the rules coordinators set per project, each user's preferences, and the outbox.

The outbox is the heart of delivery. Whatever makes a reminder due (a coordinator's comment, an
idea's new status, beat's evaluation of the rules) writes a ``Reminder`` row in the same
transaction as its cause; the row's unique key (kind, recipient, subject, period) makes a second
write for the same occasion a no-op, and a sender claims, sends and marks each row. So a reminder
is never lost with a message on the broker, and never sent twice for the same period.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class Kind(models.TextChoices):
    PRACTICE_NUDGE = "practice_nudge", _("English-practice nudge")
    PORTFOLIO_UPDATE = "portfolio_update", _("Weekly portfolio update")
    SELF_ASSESSMENT_DUE = "self_assessment_due", _("Final self-assessment due")
    IDEA_STATUS = "idea_status", _("Idea status changed")
    IDEA_COMMENT = "idea_comment", _("New comment on an idea")
    IDEA_SUPPORT = "idea_support", _("New support for an idea")
    ENTRY_COMMENT = "entry_comment", _("Coordinator's comment on an entry")
    COORDINATOR_DIGEST = "coordinator_digest", _("Coordinator's weekly digest")
    RESULTS_REVIEW = "results_review", _("Results page to review")
    OBJECTIVES_RATING = "objectives_rating", _("Objectives to rate")


# Kinds that beat's rule evaluation makes due; the others follow from something a person did.
SCHEDULED_KINDS = (
    Kind.PRACTICE_NUDGE,
    Kind.PORTFOLIO_UPDATE,
    Kind.SELF_ASSESSMENT_DUE,
    Kind.COORDINATOR_DIGEST,
    Kind.OBJECTIVES_RATING,
)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("In a daily digest")
    OFF = "off", _("Never")


class ReminderRule(ClusterableModel):
    """How one kind of reminder works for one project; coordinators edit these in the admin.

    Times are wall-clock times in the project's time zone, so "18:00" stays 18:00 in Riga across
    a daylight-saving change. Texts are optional per language: without one, the text that ships
    with the app, translated, is used.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    project = models.ForeignKey(
        "home.MobilityProjectPage",
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    enabled = models.BooleanField(_("on"), default=True)
    send_time = models.TimeField(
        _("send at"),
        default="18:00",
        help_text=_("Local time in the project's time zone (scheduled reminders only)."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        choices=Weekday.choices,
        default=Weekday.FRIDAY,
        help_text=_("For weekly reminders and digests."),
    )
    days_after_end = models.PositiveSmallIntegerField(
        _("days after the mobility"),
        default=7,
        validators=[MaxValueValidator(365)],
        help_text=_("When the final self-assessment first falls due."),
    )
    follow_up_weeks = models.PositiveSmallIntegerField(
        _("follow-up weeks"),
        default=8,
        validators=[MaxValueValidator(104)],
        help_text=_("How long after the mobility weekly reminders go on."),
    )

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="one_rule_per_project_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.project}"


class ReminderText(models.Model):
    """A rule's own subject and body in one language, overriding the text the app ships."""

    rule = ParentalKey(ReminderRule, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # "subject" alone is a school subject elsewhere in the interface.
    subject = models.CharField(pgettext_lazy("email", "subject"), max_length=200)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("reminder text")
        verbose_name_plural = _("reminder texts")
        constraints = [
            models.UniqueConstraint(fields=["rule", "language"], name="one_text_per_language")
        ]

    def __str__(self):
        return f"{self.rule} ({self.language})"


class ReminderPreference(models.Model):
    """One user's choices: how each kind reaches them, and in which language.

    ``delivery`` maps a kind to a ``Delivery`` value; a kind not in it is delivered at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("email language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to get emails in the language of your account."),
    )
    delivery = models.JSONField(_("delivery"), default=dict, blank=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return str(self.user)

    def delivery_of(self, kind) -> str:
        return self.delivery.get(str(kind), Delivery.IMMEDIATE)


class Reminder(models.Model):
    """One email owed to one person: a row of the transactional outbox."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    # What the reminder is about (a portfolio, a comment, a project); with the period, it says
    # which occasion this is, so the same occasion is never written twice.
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    period = models.CharField(
        _("period"),
        max_length=32,
        help_text=_("The day or week this reminder is for; empty for one-off events."),
        blank=True,
    )
    project = models.ForeignKey(
        "home.MobilityProjectPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    context = models.JSONField(default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject_type", "subject_id", "period"],
                name="reminder_once_per_occasion",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="reminder_due")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
