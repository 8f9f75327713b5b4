"""Portfolio export and import: the archive's contents, who sees what in it, the round trip through
another project, the refusals that leave nothing behind, and the two management commands."""

import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from core.models import ProjectMembership
from home.models import (
    MobilityProjectPage,
    ProjectIndexPage,
    ProjectObjective,
)
from portfolios.blocks import EntryBodyBlock
from portfolios.exports import PortfolioImportError, export_portfolio, import_portfolio
from portfolios.exports.archive import (
    ENTRY_TYPES,
    FORMAT_VERSION,
    HOST_FIELDS,
    LABOUR_MARKET_FIELDS,
    PRACTICE_FIELDS,
    PROFILE_FIELDS,
)
from portfolios.models import (
    Competence,
    EntryPage,
    HostInstitution,
    LabourMarketComparison,
    PortfolioPage,
    PracticeLogEntry,
    ReflectionPage,
    SelfAssessment,
)

pytestmark = pytest.mark.django_db

USER_LINK = "https://example.org/regional-vet-plan"
SCRIPT_TITLE = "<script>alert('x')</script>"


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and imported files go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def publish(page):
    page.save_revision(user=page.owner).publish(user=page.owner, skip_permission_checks=True)


@pytest.fixture
def anna(demo, media):
    """Anna's demo portfolio with a photo, an entry that uses every kind of body block and links
    to another entry, evidence for a competence, and a private canary entry."""
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    seminar = EntryPage.objects.child_of(portfolio).get(slug="seminar-quality-assurance")
    picture = Image.objects.create(
        title="The CNC workshop",
        description="Students at a CNC machine",
        file=get_test_image_file(filename="workshop.png", colour="blue"),
    )
    handout = Document.objects.create(
        title="Seminar handout", file=ContentFile(b"Quality goals, yearly.\n", name="handout.txt")
    )
    hub = portfolio.get_parent()
    text = (
        f'<p data-block-key="a1b2c">See <a linktype="page" id="{seminar.pk}">the seminar</a>, '
        f'<a href="{USER_LINK}">the regional plan</a>, '
        f'<a linktype="page" id="{hub.pk}">our project</a> and '
        '<a href="javascript:alert(1)">this</a> &amp; <b>that</b>.</p>'
        "<script>alert('body')</script>"
    )
    entry = ReflectionPage(
        title="What I bring home",
        slug="what-i-bring-home",
        date=datetime.date(2010, 10, 30),
        visibility="public",
        owner=portfolio.participant,
        objectives=list(hub.specific.objectives.filter(number__in=[1, 9])),
        body=[
            {"type": "text", "value": text},
            {
                "type": "image",
                "value": {"image": picture.pk, "alt_text": "A CNC lesson", "decorative": False},
            },
            {"type": "document", "value": handout.pk},
            {"type": "quote", "value": {"quote": "Quality is everyone's job.", "source": "Marco"}},
            {
                "type": "table",
                "value": {
                    "data": [["Skill", "Florence"], ["CAD/CAM", "required"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "What employers ask",
                },
            },
        ],
    )
    entry.tags.add("transfer", "quality")
    portfolio.add_child(instance=entry)
    publish(entry)
    for title, slug, visibility in [
        ("Canary: private notes", "canary-private", "private"),
        ("Canary: project only", "canary-project", "project"),
        (SCRIPT_TITLE, "script-title", "public"),
    ]:
        canary = ReflectionPage(
            title=title,
            slug=slug,
            date=datetime.date(2010, 10, 29),
            visibility=visibility,
            owner=portfolio.participant,
        )
        portfolio.add_child(instance=canary)
        publish(canary)

    portfolio.photo = Image.objects.create(
        title="Anna Kalniņa", file=get_test_image_file(filename="anna.png", colour="red")
    )
    portfolio.photo_alt_text = "Anna in the school's workshop"
    publish(portfolio)
    assessment = portfolio.self_assessments.order_by("sort_order").first()
    assessment.reflection = "Writing the visit report <b>taught</b> me most."
    assessment.save()
    assessment.evidence.set([entry, seminar, EntryPage.objects.get(slug="canary-private")])
    assessment.evidence.commit()
    return PortfolioPage.objects.get(pk=portfolio.pk)


@pytest.fixture
def second_hub(demo):
    """Another project, with objectives numbered like the founding one's."""
    index = ProjectIndexPage.objects.get(locale__language_code="en")
    hub = MobilityProjectPage(
        title="Job shadowing in Tampere",
        slug="tampere-2012",
        programme="Leonardo da Vinci",
        sending_institution_name="Latgale Transport and Communications Technical School",
        host_city="Tampere",
        host_country="Finland",
        start_date=datetime.date(2012, 3, 5),
        end_date=datetime.date(2012, 3, 9),
        objectives=[
            ProjectObjective(number=number, text=f"Objective {number}", sort_order=number)
            for number in range(1, 10)
        ],
    )
    index.add_child(instance=hub)
    return hub


@pytest.fixture
def newcomer(db):
    return get_user_model().objects.create_user("newcomer", first_name="Ilze", last_name="Bērziņa")


def user(username):
    return get_user_model().objects.get(username=username)


def unzip(archive):
    return zipfile.ZipFile(io.BytesIO(archive))


def manifest_of(archive):
    return json.loads(unzip(archive).read("portfolio.json"))


def comparable(manifest):
    return {key: value for key, value in manifest.items() if key not in ("exported_at", "project")}


def titles(manifest):
    return {entry["title"] for entry in manifest["entries"]}


def everything():
    """How many rows an import can touch, so a refused import can be shown to have left none."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Image,
            Document,
            PracticeLogEntry,
            SelfAssessment,
            SelfAssessment.evidence.through,
            LabourMarketComparison,
            Competence,
            HostInstitution,
            Tag,
            ProjectMembership,
        )
    }


def files_in(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def test_the_archive_holds_the_whole_portfolio_for_its_participant(anna):
    archive = export_portfolio(anna, anna.participant)
    names = set(unzip(archive).namelist())
    manifest = manifest_of(archive)

    assert {"portfolio.json", "index.html"} <= names
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["project"]["agreement_number"] == "2010-1-LV1-LEO03-00754"
    assert manifest["portfolio"]["slug"] == "anna-kalnina"
    assert manifest["portfolio"]["photo"] in names
    assert len(manifest["entries"]) == 8
    assert [(e["date"], e["slug"]) for e in manifest["entries"]] == sorted(
        (e["date"], e["slug"]) for e in manifest["entries"]
    )
    assert len(manifest["practice_log"]) == 7
    assert set(manifest["files"]) <= names
    assert {details["kind"] for details in manifest["files"].values()} == {"image", "document"}

    entry = next(e for e in manifest["entries"] if e["slug"] == "what-i-bring-home")
    assert entry["objectives"] == [1, 9]
    assert entry["tags"] == ["quality", "transfer"]
    assert [block["type"] for block in entry["body"]] == [
        "text",
        "image",
        "document",
        "quote",
        "table",
    ]
    text = entry["body"][0]["value"]
    assert '<a data-entry="seminar-quality-assurance">the seminar</a>' in text
    assert f'<a href="{USER_LINK}">' in text
    assert "javascript" not in text and "<script" not in text and "linktype" not in text
    assert entry["body"][1]["value"]["image"].startswith("files/images/the-cnc-workshop-")
    assert entry["body"][2]["value"].startswith("files/documents/seminar-handout-")

    visit = next(e for e in manifest["entries"] if e["type"] == "institution_visit")
    assert visit["fields"]["host_institution"]["city"] == "Florence"
    assert len(visit["fields"]["labour_market_rows"]) == 2

    first = manifest["self_assessment"][0]
    assert first["competence"]["name"] == "Project design and management"
    assert first["competence"]["eqf_level"] == 6
    assert first["evidence"] == ["canary-private", "seminar-quality-assurance", "what-i-bring-home"]
    # No database id travels: every number left is a level, a minute count or an objective.
    assert not re.search(
        r'"(id|pk|page_id|image_id)"', unzip(archive).read("portfolio.json").decode()
    )


def test_the_exported_json_is_the_same_after_an_import_into_another_project(
    anna, second_hub, newcomer
):
    first = export_portfolio(anna, anna.participant)

    imported = import_portfolio(first, second_hub, newcomer)

    assert imported.participant == newcomer
    assert imported.get_parent().specific == second_hub
    assert imported.project == second_hub
    assert imported.live and imported.photo is not None
    entries = EntryPage.objects.child_of(imported)
    assert entries.count() == 8
    assert all(entry.live and entry.portfolio_id == imported.pk for entry in entries)
    bring_home = entries.get(slug="what-i-bring-home").specific
    seminar = entries.get(slug="seminar-quality-assurance")
    assert f'<a linktype="page" id="{seminar.pk}">' in bring_home.body.raw_data[0]["value"]
    assert bring_home.body[1].value.uploaded_by_user == newcomer
    assert imported.self_assessments.first().evidence.count() == 3

    second = export_portfolio(imported, newcomer)

    assert comparable(manifest_of(second)) == comparable(manifest_of(first))
    assert manifest_of(second)["project"]["slug"] == "tampere-2012"
    assert sorted(unzip(second).namelist()) == sorted(unzip(first).namelist())
    for name in unzip(first).namelist():
        if name.startswith("files/"):
            assert unzip(second).read(name) == unzip(first).read(name)


def test_index_html_opens_offline_and_escapes_what_users_typed(anna):
    # 20:00 UTC is 23:00 in Riga, the project's time zone, on the last day of the visit.
    with time_machine.travel(datetime.datetime(2010, 10, 30, 20, 0, tzinfo=datetime.UTC)):
        archive = unzip(export_portfolio(anna, anna.participant))
    html = archive.read("index.html").decode()

    assert "<title>Anna Kalniņa</title>" in html
    assert "Exported on 30 October 2010, 23:00." in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "Writing the visit report &lt;b&gt;taught&lt;/b&gt; me most." in html
    assert "What I bring home" in html and "Quality is everyone&#x27;s job." in html
    assert "Project design and management" in html
    assert '<a href="#entry-seminar-quality-assurance">the seminar</a>' in html

    sources = re.findall(r'\ssrc="([^"]*)"', html)
    links = re.findall(r'\shref="([^"]*)"', html)
    assert sources and all(source.startswith("files/") for source in sources)
    assert all(source in archive.namelist() for source in sources)
    hub_url = anna.get_parent().full_url
    for link in links:
        assert link.startswith(("#entry-", "files/")) or link in (USER_LINK, hub_url), link
    assert not re.search(r"<link\b|@import|url\(", html)


def test_someone_else_gets_only_what_they_may_see(anna):
    anna.practice_log_visibility = "private"
    publish(anna)

    as_teacher = manifest_of(export_portfolio(anna, user("teacher")))
    as_colleague = manifest_of(export_portfolio(anna, user("participant2")))
    as_coordinator = manifest_of(export_portfolio(anna, user("coordinator")))

    assert "Canary: private notes" not in titles(as_teacher)
    assert "Canary: project only" not in titles(as_teacher)
    assert "What I bring home" in titles(as_teacher)
    assert as_teacher["practice_log"] is None
    assert as_teacher["self_assessment"][0]["evidence"] == [
        "seminar-quality-assurance",
        "what-i-bring-home",
    ]

    assert "Canary: private notes" not in titles(as_colleague)
    assert "Canary: project only" in titles(as_colleague)
    assert as_colleague["practice_log"] is None

    assert {"Canary: private notes", "Canary: project only"} <= titles(as_coordinator)
    assert len(as_coordinator["entries"]) == 8
    assert len(as_coordinator["practice_log"]) == 7


def test_private_entries_leave_no_trace_in_the_html_or_the_files(anna):
    private = ReflectionPage.objects.get(slug="canary-private")
    secret = Document.objects.create(
        title="Secret plan", file=ContentFile(b"secret\n", name="secret.txt")
    )
    private.body = [{"type": "document", "value": secret.pk}]
    publish(private)

    archive = unzip(export_portfolio(anna, user("teacher")))

    assert "Canary" not in archive.read("index.html").decode()
    assert not any("secret" in name for name in archive.namelist())


def test_a_portfolio_its_reader_may_not_see_cannot_be_exported(demo):
    private = PortfolioPage.objects.get(slug="peteris-vitols", locale__language_code="en")
    with pytest.raises(PermissionDenied):
        export_portfolio(private, user("teacher"))
    assert export_portfolio(private, user("coordinator"))


def test_every_field_of_the_models_is_exported_or_set_by_the_target():
    def own_fields(model):
        return {
            f.name
            for f in model._meta.get_fields()
            if f.concrete and not f.auto_created and f.model is model and f.name != "id"
        }

    assert own_fields(PortfolioPage) - set(PROFILE_FIELDS) == {"participant", "project", "photo"}
    assert own_fields(EntryPage) == {
        "portfolio",
        "date",
        "body",
        "tags",
        "objectives",
        "visibility",
    }
    for entry_type in ENTRY_TYPES.values():
        exported = set(entry_type.text_fields)
        if entry_type.host_institution:
            exported.add("host_institution")
        assert own_fields(entry_type.model) == exported
    assert own_fields(LabourMarketComparison) == {*LABOUR_MARKET_FIELDS, "visit", "sort_order"}
    assert own_fields(HostInstitution) == set(HOST_FIELDS)
    assert own_fields(PracticeLogEntry) == {*PRACTICE_FIELDS, "portfolio", "created_at"}
    # A new kind of body block may hold a database id: the export must learn it first.
    assert set(EntryBodyBlock.base_blocks) == {"text", "image", "document", "quote", "table"}


def archive_with(manifest=None, raw=None, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if raw is not None:
            archive.writestr("portfolio.json", raw)
        elif manifest is not None:
            archive.writestr("portfolio.json", json.dumps(manifest))
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def with_changes(archive, change):
    """The archive with its portfolio.json changed by ``change`` and its files kept."""
    source = unzip(archive)
    manifest = json.loads(source.read("portfolio.json"))
    change(manifest)
    files = [(name, source.read(name)) for name in source.namelist() if name.startswith("files/")]
    return archive_with(manifest, extra=files)


def set_version(manifest):
    manifest["format_version"] = 99


def spoil_last_practice_row(manifest):
    manifest["practice_log"][-1]["minutes"] = 0


def unknown_entry_type(manifest):
    manifest["entries"][-1]["type"] = "podcast"


def level_as_text(manifest):
    manifest["self_assessment"][-1]["level_before"] = "high"


def missing_file(manifest):
    manifest["portfolio"]["photo"] = "files/images/nowhere.png"


@pytest.mark.parametrize(
    ("make_archive", "message"),
    [
        (lambda good: b"this is not a zip at all", "not a ZIP archive"),
        (lambda good: archive_with(extra=[("notes.txt", "hello")]), "no portfolio.json"),
        (lambda good: archive_with(raw="{not json"), "not valid JSON"),
        (lambda good: archive_with({"format": "something else"}), "not a Mobilitas portfolio"),
        (lambda good: with_changes(good, set_version), "format version 99"),
        (lambda good: with_changes(good, unknown_entry_type), "unknown type “podcast”"),
        (lambda good: with_changes(good, level_as_text), "“level_before”"),
        (lambda good: with_changes(good, missing_file), "files/images/nowhere.png"),
        # Fails on the very last row, after pages, images and documents were made.
        (lambda good: with_changes(good, spoil_last_practice_row), "Practice log row 7: minutes"),
    ],
)
def test_a_bad_archive_is_refused_with_a_message_and_nothing_is_made(
    anna, second_hub, newcomer, media, make_archive, message
):
    archive = make_archive(export_portfolio(anna, anna.participant))
    before, files_before = everything(), files_in(media)

    with pytest.raises(PortfolioImportError) as error:
        import_portfolio(archive, second_hub, newcomer)

    assert message in str(error.value)
    assert everything() == before
    assert files_in(media) == files_before


def test_a_participant_with_a_portfolio_in_the_project_is_refused(anna, media):
    archive = export_portfolio(anna, anna.participant)
    hub = anna.get_parent().specific
    someone = get_user_model().objects.create_user("someone")
    before, files_before = everything(), files_in(media)

    with pytest.raises(PortfolioImportError, match="already has a portfolio in this project"):
        import_portfolio(archive, hub, user("participant1"))
    with pytest.raises(PortfolioImportError, match="already has a page with the address"):
        import_portfolio(archive, hub, someone)

    assert everything() == before
    assert files_in(media) == files_before


def test_the_commands_export_and_import_a_portfolio(anna, second_hub, newcomer, tmp_path):
    archive = tmp_path / "anna.zip"
    out = io.StringIO()

    call_command("export_portfolio", "anna-kalnina", "-o", str(archive), stdout=out)

    assert "8 entries" in out.getvalue() and "Practice log: 7 rows" in out.getvalue()
    assert zipfile.is_zipfile(archive)

    out = io.StringIO()
    call_command(
        "import_portfolio",
        str(archive),
        "--project",
        "tampere-2012",
        "--participant",
        "newcomer",
        stdout=out,
    )

    assert "8 entries" in out.getvalue()
    assert "3 self-assessment rows" in out.getvalue()
    assert "7 practice log rows" in out.getvalue()
    assert "2 images" in out.getvalue() and "1 document" in out.getvalue()
    assert PortfolioPage.objects.get(participant=newcomer).project == second_hub


def test_the_export_command_exports_what_another_user_may_see(anna, tmp_path):
    archive = tmp_path / "anna-for-teacher.zip"
    out = io.StringIO()

    call_command(
        "export_portfolio", str(anna.pk), "-o", str(archive), "--as", "teacher", stdout=out
    )

    assert "Canary: project only" not in titles(manifest_of(archive.read_bytes()))


IMPORT = "import_portfolio {tmp}/%s --project %s --participant %s"


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("export_portfolio nobody-here -o {tmp}/x.zip", "no portfolio “nobody-here”"),
        ("export_portfolio 999999 -o {tmp}/x.zip", "no portfolio “999999”"),
        ("export_portfolio anna-kalnina -o {tmp}/x.zip --as ghost", "no user “ghost”"),
        ("export_portfolio peteris-vitols -o {tmp}/x.zip --as teacher", "You may not see"),
        ("export_portfolio anna-kalnina -o {tmp}/no/such/dir/x.zip", "Cannot write"),
        (IMPORT % ("missing.zip", "tampere-2012", "newcomer"), "no file"),
        (IMPORT % ("garbage.zip", "tampere-2012", "newcomer"), "not a ZIP archive"),
        (IMPORT % ("garbage.zip", "nowhere", "newcomer"), "no project “nowhere”"),
        (IMPORT % ("garbage.zip", "tampere-2012", "ghost"), "no user “ghost”"),
    ],
)
def test_the_commands_refuse_bad_input_in_one_line(
    demo, second_hub, newcomer, tmp_path, command, message
):
    (tmp_path / "garbage.zip").write_bytes(b"garbage")
    before = everything()

    with pytest.raises(CommandError) as error:
        call_command(*command.replace("{tmp}", str(tmp_path)).split())

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert everything() == before
