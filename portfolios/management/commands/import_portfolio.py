"""Make a new portfolio from an export archive, under a project hub, for one participant."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from home.models import MobilityProjectPage
from portfolios.exports import PortfolioImport, PortfolioImportError
from portfolios.management.commands import user_named

CREATED = {
    "entries": lambda n: ngettext("%(count)d entry", "%(count)d entries", n),
    "self_assessment_rows": lambda n: ngettext(
        "%(count)d self-assessment row", "%(count)d self-assessment rows", n
    ),
    "practice_log_rows": lambda n: ngettext(
        "%(count)d practice log row", "%(count)d practice log rows", n
    ),
    "images": lambda n: ngettext("%(count)d image", "%(count)d images", n),
    "documents": lambda n: ngettext("%(count)d document", "%(count)d documents", n),
    "competences": lambda n: ngettext("%(count)d new competence", "%(count)d new competences", n),
    "host_institutions": lambda n: ngettext(
        "%(count)d new host institution", "%(count)d new host institutions", n
    ),
}


class Command(BaseCommand):
    help = "Import a portfolio export (ZIP) as a new, published portfolio in a project."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The ZIP file made by export_portfolio.")
        parser.add_argument("--project", required=True, help="The slug of the project hub.")
        parser.add_argument(
            "--participant", required=True, help="The username of the portfolio's participant."
        )

    def handle(self, *args, archive, project, participant, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": archive})
        hub = self.find_project(project)
        user = user_named(participant)
        importer = PortfolioImport(path, hub, user)
        try:
            portfolio = importer.run()
        except PortfolioImportError as error:
            raise CommandError(str(error)) from error
        made = ", ".join(
            describe(importer.created[key]) % {"count": importer.created[key]}
            for key, describe in CREATED.items()
        )
        self.stdout.write(
            _("Imported “%(title)s” into “%(project)s” for %(user)s: %(made)s.")
            % {
                "title": portfolio.title,
                "project": hub.title,
                "user": user.get_username(),
                "made": made,
            }
        )
        if importer.unmatched_objectives:
            self.stdout.write(
                self.style.WARNING(
                    _("This project has no objectives numbered %(numbers)s; entries lost those.")
                    % {"numbers": ", ".join(map(str, sorted(importer.unmatched_objectives)))}
                )
            )

    def find_project(self, slug):
        hubs = list(MobilityProjectPage.objects.filter(slug=slug).select_related("locale"))
        # A hub and its translations share a slug; the one in the default language stands for all.
        if len(hubs) > 1:
            hubs = [hub for hub in hubs if hub.locale_id == Locale.get_default().pk] or hubs
        if not hubs:
            raise CommandError(_("There is no project “%(slug)s”.") % {"slug": slug})
        if len(hubs) > 1:
            raise CommandError(_("Several projects have the address “%(slug)s”.") % {"slug": slug})
        return hubs[0]
