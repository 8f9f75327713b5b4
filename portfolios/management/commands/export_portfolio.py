"""Write a portfolio's export archive to a file, as ``import_portfolio`` and any browser read it."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.languages import in_language
from portfolios.exports import PortfolioExport
from portfolios.management.commands import user_named
from portfolios.models import PortfolioPage


class Command(BaseCommand):
    help = (
        "Export a portfolio to a ZIP archive: portfolio.json, an index.html that opens offline, "
        "and the original images and documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("portfolio", help="The portfolio's slug or page id.")
        parser.add_argument("-o", "--output", required=True, help="The ZIP file to write.")
        parser.add_argument(
            "--as",
            dest="username",
            help="Export only what this user may see. By default, as the participant: everything.",
        )

    def handle(self, *args, portfolio, output, username=None, **options):
        portfolio = self.find_portfolio(portfolio)
        user = user_named(username) if username else portfolio.participant
        try:
            export = PortfolioExport(portfolio, user)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        archive = export.to_zip()
        try:
            Path(output).write_bytes(archive)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": error.strerror}
            ) from error
        manifest = export.manifest
        self.stdout.write(
            _("Exported “%(title)s” to %(path)s: %(entries)d entries, %(files)d files.")
            % {
                "title": portfolio.title,
                "path": output,
                "entries": len(manifest["entries"]),
                "files": len(manifest["files"]),
            }
        )
        if manifest["practice_log"] is None:
            self.stdout.write(
                _("The practice log is not shared with that user, so it is left out.")
            )
        else:
            self.stdout.write(
                _("Practice log: %(rows)d rows.") % {"rows": len(manifest["practice_log"])}
            )

    def find_portfolio(self, slug_or_id):
        if slug_or_id.isdigit():
            portfolios = PortfolioPage.objects.filter(pk=int(slug_or_id))
        else:
            # A portfolio and its translations share the address: one of them is the portfolio.
            portfolios = in_language(PortfolioPage.objects.filter(slug=slug_or_id))
        found = list(portfolios.select_related("participant")[:10])
        if not found:
            raise CommandError(_("There is no portfolio “%(key)s”.") % {"key": slug_or_id})
        if len(found) > 1:
            raise CommandError(
                _("Several portfolios have the address “%(key)s”; give its id instead: %(ids)s.")
                % {"key": slug_or_id, "ids": ", ".join(str(p.pk) for p in found)}
            )
        return found[0]
