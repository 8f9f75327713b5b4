"""A participant's Europass Mobility record and the host mentor's confirmations of it.

The record itself is not stored: ``europass.record.build_record`` draws it from the portfolio
whenever it is shown, so it always says what the portfolio says now. What is stored is what
cannot be drawn: who the mentor at the host is, the unguessable code of the public verification
page, and each confirmation request with, once the mentor has confirmed, the record exactly as
they read it (a JSON snapshot and its canonical hash). Comparing that hash with the hash of the
record drawn now tells whether anything changed since the confirmation.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_verification_code() -> str:
    return secrets.token_urlsafe(18)


def new_link_key() -> str:
    return secrets.token_urlsafe(12)


class MobilityRecord(models.Model):
    """One participant's record for one project, and its mentor at the host."""

    portfolio = models.OneToOneField(
        "portfolios.PortfolioPage",
        on_delete=models.CASCADE,
        related_name="mobility_record",
        verbose_name=_("portfolio"),
    )
    # Printed on the PDF and in its QR code; the only way to the verification page.
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=new_verification_code
    )
    host_institution = models.ForeignKey(
        "portfolios.HostInstitution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host organisation"),
    )
    mentor_name = models.CharField(_("mentor's name"), max_length=200, blank=True)
    mentor_role = models.CharField(_("mentor's role"), max_length=200, blank=True)
    mentor_email = models.EmailField(_("mentor's email"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Europass Mobility record")
        verbose_name_plural = _("Europass Mobility records")
        ordering = ["portfolio__title", "pk"]

    def __str__(self):
        return str(self.portfolio)

    @property
    def project(self):
        return self.portfolio.project

    def pending_request(self):
        """The link still waiting for the mentor, if any (a new link replaces the one before)."""
        return self.confirmation_requests.filter(status=ConfirmationRequest.Status.PENDING).first()

    def latest_confirmation(self):
        return (
            self.confirmation_requests.filter(status=ConfirmationRequest.Status.CONFIRMED)
            .order_by("-confirmed_at", "-pk")
            .first()
        )


class ConfirmationRequest(models.Model):
    """A signed link sent to the host mentor, and what they confirmed through it.

    The link carries this row's id and ``link_key``; it works while the row is pending, so a
    link used once, or replaced by a newer one, opens nothing.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the mentor")
        CONFIRMED = "confirmed", _("Confirmed")
        REPLACED = "replaced", _("Replaced by a newer link")

    record = models.ForeignKey(
        MobilityRecord,
        on_delete=models.CASCADE,
        related_name="confirmation_requests",
        verbose_name=_("record"),
    )
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    mentor_email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("email sent"), null=True, blank=True)
    send_error = models.TextField(_("sending failed"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )

    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by_name = models.CharField(_("confirmed by"), max_length=200, blank=True)
    confirmed_by_role = models.CharField(
        _("role of the person confirming"), max_length=200, blank=True
    )
    comment = models.TextField(_("mentor's comment"), blank=True)
    # {"activities": {id: {"confirmed": bool, "note": str}}, "skills": {id: {...}}}
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    snapshot = models.JSONField(_("record as confirmed"), default=dict, blank=True)
    snapshot_hash = models.CharField(
        _("hash of the record as confirmed"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("confirmation request")
        verbose_name_plural = _("confirmation requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.record} → {self.mentor_email}"

    @property
    def project(self):
        return self.record.portfolio.project
