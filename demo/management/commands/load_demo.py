"""Load the founding project and the demo accounts, in English and Latvian.

The content comes in steps, each a module with ``load(command)`` and ``reset(command)``, run in
the order ``demo.steps.STEPS`` lists them (reset in reverse); a new step is appended there (its
docstring says how). Loading is idempotent: what exists already is left as it is.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import notifications
from demo.home import ACCOUNTS, DEMO_PASSWORD
from demo.steps import STEPS
from portal import tasks


class Command(BaseCommand):
    help = "Create the founding mobility project, its pages in English and Latvian, and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo content and accounts first, then load them again.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the settings say demo data is not allowed (production).",
        )
        parser.add_argument(
            "--quiet-summary",
            action="store_true",
            help="Do not print the URLs and demo accounts at the end.",
        )

    def handle(self, *args, reset=False, force=False, quiet_summary=False, **options):
        if not settings.MOBILITAS_DEMO_ALLOWED and not force:
            raise CommandError(
                "These settings do not allow demo data (production). Demo accounts have a "
                "published password: run with --force only on a site nobody relies on."
            )
        # The founding project's history is loaded, not happening now: nobody is emailed about it.
        # Wagtail's index updates for its hundreds of pages are done here, not left to a worker.
        with transaction.atomic(), notifications.muted(), tasks.run_here():
            if reset:
                for step in reversed(STEPS):
                    step.reset(self)
            for step in STEPS:
                step.load(self)
        if not quiet_summary:
            self.print_summary()

    def print_summary(self):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS("Mobilitas demo is loaded."))
        write(f"  Site:   {base}/")
        write(f"  Hub:    {base}/projects/latgale-florence-2010/  (Latvian: {base}/lv/)")
        write(f"  Ideas:  {base}/ideas/  (Latvian: {base}/lv/ideas/)")
        write(f"  Admin:  {base}/admin/")
        write(f"  Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in ACCOUNTS:
            write(f"    {account.username:<14} {account.role:<18} {account.full_name}")
        write("")
