"""``load_demo`` builds the founding project once, however often it runs."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision

from demo.home import ACCOUNTS, DEMO_PASSWORD, PROJECT_SLUG
from home.models import MobilityProjectPage, ProjectObjective

pytestmark = pytest.mark.django_db


def load_demo(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    User = get_user_model()
    return {
        "pages": Page.objects.count(),
        "projects": MobilityProjectPage.objects.count(),
        "objectives": ProjectObjective.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "groups": Group.objects.count(),
    }


def test_first_run_creates_the_project_in_both_languages_with_nine_objectives():
    load_demo(quiet_summary=True)
    projects = MobilityProjectPage.objects.filter(slug=PROJECT_SLUG)
    assert sorted(p.locale.language_code for p in projects) == ["en", "lv"]
    for project in projects:
        assert project.live
        assert project.objectives.count() == 9
        assert project.agreement_number == "2010-1-LV1-LEO03-00754"
        assert str(project.budget_eur) == "8056.00"
        assert (project.start_date.isoformat(), project.end_date.isoformat()) == (
            "2010-10-24",
            "2010-10-30",
        )
        assert str(project.time_zone) == "Europe/Riga"


def test_running_twice_changes_nothing(demo):
    first = counts()
    load_demo(quiet_summary=True)
    assert counts() == first


def test_reset_rebuilds_the_same_content(demo):
    before = counts()
    old_ids = set(MobilityProjectPage.objects.values_list("pk", flat=True))
    load_demo(quiet_summary=True, reset=True)
    after = counts()
    assert set(MobilityProjectPage.objects.values_list("pk", flat=True)).isdisjoint(old_ids)
    # Revisions of the deleted pages go with them; the new pages get one each.
    assert {k: v for k, v in after.items() if k != "revisions"} == {
        k: v for k, v in before.items() if k != "revisions"
    }


def test_every_demo_account_has_its_role_and_the_printed_password(client):
    output = load_demo()
    User = get_user_model()
    for account in ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert account.username in output
        assert user.is_superuser == account.superuser
        if account.group:
            assert list(user.groups.values_list("name", flat=True)) == [account.group]
        assert client.login(username=account.username, password=DEMO_PASSWORD)
        client.logout()
    assert DEMO_PASSWORD in output
    assert "/admin/" in output


def test_the_printed_password_works_again_after_someone_changed_it(client, demo):
    user = get_user_model().objects.get(username="participant1")
    user.set_password("something-else-entirely")
    user.save()
    load_demo(quiet_summary=True)
    assert client.login(username="participant1", password=DEMO_PASSWORD)


@override_settings(MOBILITAS_DEMO_ALLOWED=False)
def test_refuses_production_settings_unless_forced():
    with pytest.raises(CommandError, match="--force"):
        load_demo(quiet_summary=True)
    assert not MobilityProjectPage.objects.exists()
    load_demo(quiet_summary=True, force=True)
    assert MobilityProjectPage.objects.filter(slug=PROJECT_SLUG).count() == 2


def test_the_demo_site_and_its_links_name_the_address_it_is_served_from(client):
    """Sitemap, feed, API and email links said http://localhost/ while the demo served
    http://127.0.0.1:8000: the Site follows WAGTAILADMIN_BASE_URL, which MOBILITAS_PORT sets."""
    from wagtail.models import Site

    with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8123"):
        load_demo(quiet_summary=True)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"
    hub = MobilityProjectPage.objects.get(slug=PROJECT_SLUG, locale__language_code="en")
    assert hub.full_url == "http://127.0.0.1:8123/projects/latgale-florence-2010/"
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "http://127.0.0.1:8123/projects/latgale-florence-2010/" in sitemap
    assert "localhost" not in sitemap


def test_the_dev_settings_read_the_port_the_demo_runs_on():
    import os
    import subprocess
    import sys

    def base_url(**env):
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in ("MOBILITAS_PORT", "WAGTAILADMIN_BASE_URL")
        }
        environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.dev")
        return subprocess.run(
            [
                sys.executable,
                "-c",
                "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
            ],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert base_url() == "http://127.0.0.1:8000"
    assert base_url(MOBILITAS_PORT="8105") == "http://127.0.0.1:8105"
    assert (
        base_url(WAGTAILADMIN_BASE_URL="https://mobilitas.example") == "https://mobilitas.example"
    )
