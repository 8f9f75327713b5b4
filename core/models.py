"""Project membership: who takes part in which project, and how.

The visibility rule's ``project`` level and every coordinator's rights rest on these rows, so they
live in the core, which knows a project only as a page (the hubs are pages of the ``home`` app,
which the core does not import). The table kept its name, ``home_projectmembership``, from when
the model lived in ``home``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectMembership(models.Model):
    """Who takes part in a project and how: what ``project`` visibility and coordination rest on.

    A membership of a hub counts for all of its translations (matched by translation key).
    """

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        COORDINATOR = "coordinator", _("Coordinator")

    # The project hub; any page as far as the core knows. The admin offers hubs alone (see
    # ``home.wagtail_hooks``), and the database's own constraint still points at the hubs' table.
    project = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("project"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        db_table = "home_projectmembership"
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_project")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.project}"
