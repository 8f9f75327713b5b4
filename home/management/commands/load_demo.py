"""Load the founding project and the demo accounts, in English and Latvian.

Each installed app may have a ``demo`` module with ``load(command)`` and ``reset(command)``; they
run in the order of INSTALLED_APPS (reset in reverse), so an app brings its own demo content.
Loading is idempotent: what exists already is left as it is.
"""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import notifications


def demo_modules():
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


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
        modules = demo_modules()
        # The founding project's history is loaded, not happening now: nobody is emailed about it.
        with transaction.atomic(), notifications.muted():
            if reset:
                for module in reversed(modules):
                    module.reset(self)
            for module in modules:
                module.load(self)
        if not quiet_summary:
            self.print_summary()

    def print_summary(self):
        from home.demo import ACCOUNTS, DEMO_PASSWORD

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
