"""Secret share links: a participant opens their portfolio's shared items to whoever holds one.

What such a link shows is decided in ``portfolios.sharing``; this module only keeps the links.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    # 32 random bytes (43 URL-safe characters): the token is the only thing guarding the link.
    return secrets.token_urlsafe(32)


class PortfolioShareLink(models.Model):
    portfolio = models.ForeignKey(
        "portfolios.PortfolioPage",
        on_delete=models.CASCADE,
        related_name="share_links",
        verbose_name=_("portfolio"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # Never the token: this text may end up in logs and admin listings.
        return f"{self.portfolio} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("portfolios:shared_portfolio", args=[self.token])

    @property
    def is_active(self):
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or timezone.now() < self.expires_at

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
