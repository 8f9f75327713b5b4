"""The outputs of a results page that travel: the PDF brochure, the static HTML bundle and the
coordinators' final-report pack, built by a task from the right revision, and who may get each.

The world is ``test_results_compile.build_world``: anything not public carries "canary".
"""

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from dissemination import outputs
from dissemination.compile import compile_results
from dissemination.models import DisseminationActivity, ResultsPage
from dissemination.tasks import build_results_output
from tests.dissemination.test_compile import DAY, build_world, log
from tests.factories import make_project, make_user
from tests.portfolios.test_downloads import pdf_text

pytestmark = pytest.mark.django_db


def publish_compiled(page):
    compile_results(page.pk)
    page = ResultsPage.objects.get(pk=page.pk)
    page.get_latest_revision().publish(skip_permission_checks=True)
    return ResultsPage.objects.get(pk=page.pk)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    log(world["portfolios"]["anna"], 2, 15, "speaking")
    page = world["page"]
    page = page.get_latest_revision_as_object()
    page.dissemination_log.add(
        DisseminationActivity(date=DAY, event="Teachers' day in Riga", audience="120 VET teachers")
    )
    page.save_revision()
    world["page"] = publish_compiled(page)
    return world


def read_zip(content):
    return zipfile.ZipFile(io.BytesIO(content))


def csv_rows(archive, name):
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def stored(name):
    with default_storage.open(name, "rb") as file:
        return file.read()


def test_the_brochure_shows_the_published_figures_and_title(world):
    name = build_results_output(world["page"].pk, "brochure")
    text = pdf_text(stored(name))
    # Anna: 30 + 60 + 45 + 15 minutes, Bob: 600 (a private log, so not counted); 2.5 hours.
    assert "Results" in text
    assert "florence" in text.lower()
    assert "2.5 hours of English practice" in text
    assert "Quality management" in text
    assert "23,450" in text or "23450" in text
    assert "Teachers' day in Riga" in text
    assert "canary" not in text.lower()


def test_a_build_is_skipped_until_a_new_revision_is_published(world):
    page = world["page"]
    first = build_results_output(page.pk, "brochure")
    modified = default_storage.get_modified_time(first)
    assert build_results_output(page.pk, "brochure") == first
    assert default_storage.get_modified_time(first) == modified
    assert first.endswith(f"brochure-r{page.live_revision_id}.pdf")

    page.title = "Results of Florence"
    page.save_revision().publish(skip_permission_checks=True)
    page = ResultsPage.objects.get(pk=page.pk)
    second = build_results_output(page.pk, "brochure")
    assert second != first and second.endswith(f"-r{page.live_revision_id}.pdf")
    assert not default_storage.exists(first)
    assert "Results of Florence" in pdf_text(stored(second))


def test_the_brochure_is_in_the_pages_language_whoever_asks(world):
    page = world["page"]
    with translation.override("lv"):
        assert "Kompetenču pieaugums" in outputs.brochure_html(page)
        name = outputs.build(page.pk, "brochure")
    text = pdf_text(stored(name))
    assert "Competence growth" in text
    assert "Kompetenču pieaugums" not in text


def test_the_bundle_holds_the_page_and_its_public_entries_only(world):
    name = build_results_output(world["page"].pk, "bundle")
    archive = read_zip(stored(name))
    names = archive.namelist()
    entries = world["entries"]
    expected = {
        f"entries/{entry.portfolio.slug}-{entry.slug}.html"
        for entry in (
            entries["seminar"],
            entries["lesson"],
            entries["visit"],
            entries["newest"],
            entries["bob_quote"],
        )
    }
    assert "index.html" in names
    assert expected <= set(names)
    index = archive.read("index.html").decode()
    for path in expected:
        assert f'href="{path}"' in index
        assert 'href="../index.html"' in archive.read(path).decode()
    assert "<svg" in index
    everything = " ".join(archive.read(member).decode(errors="ignore") for member in names)
    assert "canary" not in everything.lower()
    assert not any("canary" in member for member in names)


def test_the_bundle_leaves_out_an_entry_made_private_since_the_compile(world):
    lesson = world["entries"]["lesson"]
    lesson.visibility = "private"
    lesson.save_revision().publish(skip_permission_checks=True)
    archive = read_zip(stored(build_results_output(world["page"].pk, "bundle")))
    assert f"entries/anna-{lesson.slug}.html" not in archive.namelist()
    assert "entries/anna-seminar-on-quality.html" in archive.namelist()


def test_the_pack_has_the_projects_tables(world):
    name = build_results_output(world["page"].pk, "report-pack")
    archive = read_zip(stored(name))
    assert sorted(archive.namelist()) == [
        "activities.csv",
        "competence-growth.csv",
        "dissemination-log.csv",
        "ideas.csv",
        "participants.csv",
        "summary.html",
    ]
    participants = csv_rows(archive, "participants.csv")
    assert participants[0] == [
        "Participant",
        "Email",
        "Portfolio",
        "Institution",
        "Competences assessed",
        "Average level before",
        "Average level after",
        "Average growth",
        "Hours of English practice",
    ]
    by_portfolio = {row[2]: row for row in participants[1:]}
    assert set(by_portfolio) == {"Anna Kalnina", "Bob Ozols", "Carl Canary"}
    # Anna: (2→4) and (3→?): before 2.5, after 4, growth 2; 150 minutes.
    assert by_portfolio["Anna Kalnina"][4:] == ["2", "2.50", "4.00", "2.00", "2.50"]
    # The pack is the coordinators' report: Carl's private portfolio and log count too.
    assert by_portfolio["Carl Canary"][8] == "8.33"
    assert by_portfolio["Bob Ozols"][8] == "10.00"

    activities = csv_rows(archive, "activities.csv")
    assert activities[0][:4] == ["Date", "Activity", "Title", "Portfolio"]
    titles = {row[2] for row in activities[1:]}
    assert {"Seminar on quality", "Observed lesson", "Visit to the Istituto"} <= titles
    assert "Canary private entry" in titles
    assert "Canary draft entry" not in titles
    assert "First day" not in titles  # a reflection is not an activity

    log_rows = csv_rows(archive, "dissemination-log.csv")
    assert log_rows == [
        ["Date", "Event or channel", "Audience", "Link"],
        [DAY.isoformat(), "Teachers' day in Riga", "120 VET teachers", ""],
    ]
    ideas = csv_rows(archive, "ideas.csv")
    assert ideas[0][:3] == ["Idea", "Status", "Author"]
    idea_titles = {row[0] for row in ideas[1:]}
    assert {"Yearly self-evaluation with employers", "Mechatronics pathway"} <= idea_titles
    assert "Canary private idea" in idea_titles
    assert "Canary idea of another project" not in idea_titles
    assert "Competence growth" in archive.read("summary.html").decode()


def test_public_outputs_of_an_unpublished_page_are_not_built(world):
    hub = make_project("riga")
    from dissemination.compile import ensure_results_page

    draft = ensure_results_page(hub)
    assert build_results_output(draft.pk, "brochure") is None
    assert build_results_output(draft.pk, "bundle") is None


# Who may get what.


def user_in(username, group=None):
    user = make_user(username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(world):
    editor = user_in("editor-1", "Editors")
    other = user_in("coordinator-lyon", "Coordinators")
    make_project("lyon-2", coordinator=other)
    superuser = make_user("root")
    superuser.is_superuser = True
    superuser.is_staff = True
    superuser.save()
    return {
        "anonymous": None,
        "participant": world["users"]["anna"],
        "editor": editor,
        "other coordinator": other,
        "coordinator": world["coordinator"],
        "superuser": superuser,
    }


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("participant", False),
        ("editor", False),
        ("other coordinator", False),
        ("coordinator", True),
        ("superuser", True),
    ],
)
def test_only_the_projects_coordinators_download_the_pack(client, world, people, who, allowed):
    page = world["page"]
    build_results_output(page.pk, "report-pack")
    if people[who] is not None:
        client.force_login(people[who])
    response = client.get(f"/admin/results/{page.pk}/downloads/report-pack/")
    if allowed:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "no-store" in response["Cache-Control"]
        assert "participants.csv" in read_zip(b"".join(response.streaming_content)).namelist()
    else:
        assert response.status_code in (302, 403, 404)
        assert response.get("Content-Type") != "application/zip"
        downloads = client.get(f"/admin/results/{page.pk}/downloads/")
        assert b"Final-report pack" not in downloads.content


def test_the_coordinator_builds_the_pack_from_the_admin(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    """The view queues the task after the commit; here the "worker" runs it at once."""
    monkeypatch.setattr(
        build_results_output, "apply_async", lambda args, **kwargs: build_results_output(*args)
    )
    page = world["page"]
    client.force_login(world["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/results/{page.pk}/downloads/", {"kind": "report-pack"})
    assert response.status_code == 302
    listing = client.get(f"/admin/results/{page.pk}/downloads/")
    assert listing.status_code == 200
    assert f"/admin/results/{page.pk}/downloads/report-pack/".encode() in listing.content


def test_an_editor_builds_the_brochure_but_may_not_ask_for_the_pack(client, world, people):
    page = world["page"]
    client.force_login(people["editor"])
    assert (
        client.post(f"/admin/results/{page.pk}/downloads/", {"kind": "report-pack"}).status_code
        == 404
    )
    assert client.get(f"/admin/results/{page.pk}/downloads/").status_code == 200


def test_anyone_gets_the_brochure_of_a_live_page(client, world):
    hub = world["hub"]
    response = client.get(f"/projects/{hub.slug}/results/brochure.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "2.5 hours of English practice" in pdf_text(b"".join(response.streaming_content))
    # The public page links it relatively, beside itself (and so in its own language).
    assert world["page"].url == f"/projects/{hub.slug}/results/"
    assert 'href="brochure.pdf"' in client.get(world["page"].url).content.decode()


def test_nobody_gets_the_brochure_of_an_unpublished_page(client, world, people):
    page = world["page"]
    page.unpublish()
    client.force_login(people["superuser"])
    assert client.get(f"/projects/{world['hub'].slug}/results/brochure.pdf").status_code == 404
    assert client.get("/projects/nowhere/results/brochure.pdf").status_code == 404


def test_images_travel_in_the_bundle_and_print_in_the_brochure(world):
    page = world["page"]
    hero = Image.objects.create(
        title="Our group", file=get_test_image_file(filename="group.png", colour="red")
    )
    picture = Image.objects.create(
        title="The CNC workshop", file=get_test_image_file(filename="workshop.png")
    )
    page.hero_image = hero
    page.hero_alt_text = "The group in Florence"
    page.save_revision().publish(skip_permission_checks=True)
    lesson = world["entries"]["lesson"]
    lesson.body = [
        {"type": "text", "value": "<p>Pupils at the machines.</p>"},
        {
            "type": "image",
            "value": {"image": picture.pk, "alt_text": "A lathe", "decorative": False},
        },
    ]
    lesson.save_revision().publish(skip_permission_checks=True)

    archive = read_zip(stored(build_results_output(page.pk, "bundle")))
    images = [name for name in archive.namelist() if name.endswith(".png")]
    assert "files/hero.png" in images
    lesson_html = archive.read(f"entries/anna-{lesson.slug}.html").decode()
    (entry_image,) = (name for name in images if name.startswith("files/images/"))
    assert f'src="../{entry_image}"' in lesson_html
    assert 'src="files/hero.png"' in archive.read("index.html").decode()

    html = outputs.brochure_html(ResultsPage.objects.get(pk=page.pk))
    assert 'src="file://' in html
    assert stored(build_results_output(page.pk, "brochure")).startswith(b"%PDF")


# On the demo's published results page ----------------------------------------------------------


def demo_results_page():
    return ResultsPage.objects.get(
        url_path__endswith="/latgale-florence-2010/results/", locale__language_code="en"
    )


def addresses(html):
    import re

    return re.findall(r'\s(?:href|src)="([^"]*)"', html)


def test_the_bundle_links_its_own_files_or_the_public_site_and_never_localhost(demo):
    """Ideas were linked as http://localhost/…: now what the bundle carries is linked relatively
    and what it does not (a whole portfolio, a page in rich text) at the public site."""
    import posixpath

    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_url
    ResultsPage.objects.filter(pk=demo_results_page().pk).update(
        introduction='<p>See <a href="/ideas/">all our ideas</a>.</p>'
    )
    archive = read_zip(outputs.html_bundle(demo_results_page()))
    names = set(archive.namelist())
    index = archive.read("index.html").decode()
    assert f'href="{root}/ideas/"' in index
    linked_ideas = [url for url in addresses(index) if url.startswith("ideas/")]
    assert linked_ideas and all(url in names for url in linked_ideas)
    for name in names:
        if not name.endswith(".html"):
            continue
        html = archive.read(name).decode()
        assert "localhost" not in html, name
        for url in addresses(html):
            if url.startswith(("http://", "https://")):
                assert url.startswith(f"{root}/") or root not in url, (name, url)
            elif not url.startswith(("#", "mailto:")):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), url))
                assert target in names, (name, url)
    idea = archive.read(linked_ideas[0]).decode()
    assert 'href="../index.html"' in idea
    assert f'href="{root}/ideas/' in idea  # its page on the site, for supports and comments


def test_a_site_still_named_localhost_links_to_the_configured_base_url(demo, settings):
    from wagtail.models import Site

    settings.WAGTAILADMIN_BASE_URL = "https://mobilitas.example"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    archive = read_zip(outputs.html_bundle(demo_results_page()))
    index = archive.read("index.html").decode()
    assert "localhost" not in index
    assert "https://mobilitas.example/projects/latgale-florence-2010/" in index
    assert "localhost" not in outputs.brochure_html(demo_results_page())


def test_the_brochure_charts_read_at_text_size_and_no_page_holds_only_its_last_line(demo, tmp_path):
    """Chart labels printed three times the body size, and the last page held only the footer."""
    import re
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "brochure.pdf"
    pdf.write_bytes(outputs.brochure_pdf(demo_results_page()))
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = layout.split("<page ")[1:]
    word = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')

    def height(text):
        for top, bottom, found in word.findall(layout):
            if found == text:
                return float(bottom) - float(top)
        raise AssertionError(f"{text!r} is not in the brochure")

    body = height("logged")  # "… hours of English practice, logged by 1 participant"
    assert height("Listening") <= body * 1.3  # a label of the minutes-per-skill chart
    assert height("Listening") >= body * 0.7

    from home.models import FUNDING_ACKNOWLEDGEMENT

    closing = {"Made", "on", "from", "the", "published", "results", "page.", "/"}
    closing |= set(FUNDING_ACKNOWLEDGEMENT["en"].split())
    closing |= set(timezone.localdate().strftime("%d %B %Y").lstrip("0").split())
    last_page = {found for _top, _bottom, found in word.findall(pages[-1])}
    assert last_page - closing - {str(n) for n in range(len(pages) + 1)}, last_page
