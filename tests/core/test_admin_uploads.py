"""Images and documents in the Wagtail admin: participants upload their own and, in choosers,
listings and edit views, meet only their own uploads and library material; bad uploads are
refused with a clear message and leave nothing behind; tags are text, shown escaped.

Uses the demo: participant1 (Anna) and participant2 (Jānis) keep portfolios in the same project.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portfolios.models import PortfolioPage, ReflectionPage

pytestmark = pytest.mark.django_db

SCRIPT_TAG = "<script>alert(1)</script>"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    return settings.MEDIA_ROOT


def user(username):
    return get_user_model().objects.get(username=username)


def login(client, username):
    client.force_login(user(username))
    return client


def refused(response):
    """Wagtail answers a refused admin request with 403, or a redirect away with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


def private_entry_of(username, title, **body_items):
    portfolio = PortfolioPage.objects.get(
        participant__username=username, locale__language_code="en"
    )
    body = []
    if "image" in body_items:
        image = {"image": body_items["image"], "alt_text": "A photo", "decorative": False}
        body.append(("image", image))
    if "document" in body_items:
        body.append(("document", body_items["document"]))
    entry = ReflectionPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=datetime.date(2010, 10, 27),
        visibility="private",
        body=body,
    )
    portfolio.add_child(instance=entry)
    entry.save_revision().publish()
    return entry


def image(title, username):
    return Image.objects.create(
        title=title,
        file=get_test_image_file(filename=f"{title.lower().replace(' ', '-')}.png"),
        uploaded_by_user=user(username),
    )


def document(title, username):
    return Document.objects.create(
        title=title,
        file=ContentFile(b"Notes", name=f"{title.lower().replace(' ', '-')}.txt"),
        uploaded_by_user=user(username),
    )


@pytest.fixture
def material(demo, media):
    """Files of every kind, by title: what participant1 should meet and what not."""
    made = {
        "Anna own": (image("Anna own", "participant1"), document("Anna own", "participant1")),
        "Library": (image("Library", "editor"), document("Library", "editor")),
        "Janis private": (
            image("Janis private", "participant2"),
            document("Janis private", "participant2"),
        ),
        "Janis unused": (
            image("Janis unused", "participant2"),
            document("Janis unused", "participant2"),
        ),
        "Editor in private entry": (
            image("Editor in private entry", "editor"),
            document("Editor in private entry", "editor"),
        ),
    }
    for title in ("Janis private", "Editor in private entry"):
        picture, file = made[title]
        private_entry_of("participant2", f"{title} entry", image=picture, document=file)
    return made


OFFERED = {"Anna own", "Library"}


def titles_in(response, made):
    html = response.content.decode()
    return {title for title in made if f"{title}<" in html or f"{title}\n" in html}


@pytest.mark.parametrize("chooser", ["wagtailimages_chooser", "wagtaildocs_chooser"])
def test_a_participant_chooses_only_their_own_uploads_and_library_material(
    client, material, chooser
):
    login(client, "participant1")
    response = client.get(reverse(f"{chooser}:choose_results"))
    assert response.status_code == 200
    assert titles_in(response, material) == OFFERED


@pytest.mark.parametrize("chooser", ["wagtailimages_chooser", "wagtaildocs_chooser"])
def test_superusers_choose_from_everything(client, material, chooser):
    login(client, "admin")
    response = client.get(reverse(f"{chooser}:choose_results"))
    assert titles_in(response, material) == set(material)


@pytest.mark.parametrize("listing", ["wagtailimages:index", "wagtaildocs:index"])
def test_a_participant_lists_only_their_own_uploads(client, material, listing):
    login(client, "participant1")
    response = client.get(reverse(listing), {"layout": "list"})
    assert response.status_code == 200
    assert titles_in(response, material) == {"Anna own"}


@pytest.mark.parametrize("kind", [0, 1], ids=["image", "document"])
def test_a_participant_cannot_open_another_participants_file_in_the_admin(client, material, kind):
    login(client, "participant1")
    app = ["wagtailimages", "wagtaildocs"][kind]
    for title in ("Janis private", "Janis unused", "Library"):
        other = material[title][kind]
        for view in ("edit", "delete"):
            response = client.get(reverse(f"{app}:{view}", args=[other.pk]))
            assert refused(response), (title, view, response.status_code)
            assert title not in response.content.decode()
    own = material["Anna own"][kind]
    assert client.get(reverse(f"{app}:edit", args=[own.pk])).status_code == 200


def test_a_participant_uploads_an_image_and_a_document(client, demo, media):
    login(client, "participant1")
    root = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Workshop",
            "file": SimpleUploadedFile(
                "workshop.png", get_test_image_file(filename="workshop.png").file.getvalue()
            ),
            "collection": root.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Image.objects.get(title="Workshop").uploaded_by_user == user("participant1")

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Lesson plan",
            "file": SimpleUploadedFile("lesson-plan.pdf", b"%PDF-1.4 plan"),
            "collection": root.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get(title="Lesson plan").uploaded_by_user == user("participant1")


def assert_refused_upload(response, model, message, media):
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get("file"), form.errors
    assert message in " ".join(form.errors["file"])
    html = response.content.decode()
    assert message in html
    assert 'value="Kept title"' in html
    assert not model.objects.filter(title="Kept title").exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_an_oversize_document_is_refused_and_nothing_is_stored(client, demo, media, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    login(client, "participant1")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Kept title", "file": SimpleUploadedFile("big.txt", b"x" * 1000)},
    )
    assert_refused_upload(response, Document, "This file is too big", media)


def test_a_document_of_a_disallowed_kind_is_refused_and_nothing_is_stored(client, demo, media):
    login(client, "participant1")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Kept title", "file": SimpleUploadedFile("setup.exe", b"MZ\x90\x00")},
    )
    assert_refused_upload(response, Document, "File extension", media)


def test_a_file_that_is_not_an_image_is_refused_as_an_image(client, demo, media):
    login(client, "participant1")
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Kept title", "file": SimpleUploadedFile("notes.png", b"not an image at all")},
    )
    assert_refused_upload(response, Image, "Upload a valid image", media)


def test_a_tag_with_markup_is_stored_as_text_and_shown_escaped(client, demo):
    login(client, "participant1")
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["portfolios", "reflectionpage", portfolio.pk]),
        nested_form_data(
            {
                "title": "Tagged",
                "slug": "tagged",
                "date": "2010-10-30",
                "visibility": "public",
                "tags": SCRIPT_TAG,
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ReflectionPage.objects.get(slug="tagged")
    assert list(entry.tags.names()) == [SCRIPT_TAG]

    client.logout()
    html = client.get(entry.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT_TAG not in html


def new_entry(client, portfolio, title, body):
    return client.post(
        reverse("wagtailadmin_pages:add", args=["portfolios", "reflectionpage", portfolio.pk]),
        nested_form_data(
            {
                "title": title,
                "slug": title.lower().replace(" ", "-"),
                "date": "2010-10-30",
                "visibility": "private",
                "body": streamfield(body),
                "action-publish": "publish",
            }
        ),
    )


def image_block(picture):
    return ("image", {"image": picture.pk, "alt_text": "A photo", "decorative": ""})


@pytest.mark.parametrize("kind", [0, 1], ids=["image", "document"])
@pytest.mark.parametrize("title", ["Janis private", "Janis unused", "Editor in private entry"])
def test_an_entry_cannot_take_a_file_its_author_may_not_choose_by_its_id(
    client, material, kind, title
):
    login(client, "participant1")
    portfolio = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    other = material[title][kind]
    block = image_block(other) if kind == 0 else ("document", other.pk)

    response = new_entry(client, portfolio, "Borrowed", [block])

    assert response.status_code == 200
    assert "You may only use your own uploads or library files" in response.content.decode()
    assert not ReflectionPage.objects.filter(slug="borrowed").exists()


def test_an_entry_takes_its_authors_own_uploads_and_library_files(client, material):
    login(client, "participant1")
    portfolio = PortfolioPage.objects.get(
        participant__username="participant1", locale__language_code="en"
    )
    body = [
        image_block(material["Anna own"][0]),
        ("document", material["Library"][1].pk),
        image_block(material["Library"][0]),
    ]

    response = new_entry(client, portfolio, "Own and library", body)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReflectionPage.objects.filter(slug="own-and-library").exists()


def test_an_entry_keeps_a_file_it_already_holds(client, material):
    """participant2 could not choose the editor's image today, but their entry already has it."""
    entry = ReflectionPage.objects.get(slug="editor-in-private-entry-entry")
    picture, _file = material["Editor in private entry"]
    login(client, "participant2")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[entry.pk]),
        nested_form_data(
            {
                "title": "Renamed",
                "slug": entry.slug,
                "date": "2010-10-27",
                "visibility": "private",
                "body": streamfield([image_block(picture)]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReflectionPage.objects.get(pk=entry.pk).title == "Renamed"


def portfolio_form(username, **data):
    from wagtail.test.utils.form_data import inline_formset

    portfolio = PortfolioPage.objects.get(
        participant__username=username, locale__language_code="en"
    )
    form_class = PortfolioPage.get_edit_handler().get_form_class()
    fields = {
        "title": portfolio.title,
        "slug": portfolio.slug,
        "participant": portfolio.participant_id,
        "visibility": "private",
        "practice_log_visibility": "private",
        "photo_alt_text": "A portrait",
        "self_assessments": inline_formset([]),
        **data,
    }
    return form_class(
        nested_form_data(fields),
        instance=portfolio,
        for_user=user(username),
        parent_page=portfolio.get_parent(),
    )


def test_the_portfolio_photo_must_be_one_the_participant_may_choose(material):
    refused_form = portfolio_form("participant1", photo=material["Janis unused"][0].pk)
    assert not refused_form.is_valid()
    assert "photo" in refused_form.errors

    own_form = portfolio_form("participant1", photo=material["Anna own"][0].pk)
    assert own_form.is_valid(), own_form.errors


def test_evidence_offers_only_the_portfolios_own_entries(client, material):
    login(client, "participant2")
    portfolio = PortfolioPage.objects.get(
        participant__username="participant2", locale__language_code="en"
    )
    form = portfolio_form("participant2")
    formset = form.formsets["self_assessments"]
    offered = set(formset.empty_form.fields["evidence"].queryset.values_list("pk", flat=True))
    assert offered == set(portfolio.get_children().values_list("pk", flat=True))
    assert offered  # participant2 has entries, so the restriction is not just "nothing"

    private_entry_of("participant1", "CANARY Anna private")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[portfolio.pk])).content.decode()
    assert "Janis private entry" in html  # participant2's own entries are offered
    assert "CANARY Anna private" not in html


@pytest.mark.parametrize("listing", ["wagtailimages:index", "wagtaildocs:index"])
def test_editors_list_library_files_and_their_own_but_no_participants(client, material, listing):
    login(client, "editor")
    response = client.get(reverse(listing), {"layout": "list"})
    assert response.status_code == 200
    assert titles_in(response, material) == {"Library", "Editor in private entry"}


@pytest.mark.parametrize("kind", [0, 1], ids=["image", "document"])
def test_editors_cannot_open_a_participants_file_in_the_admin(client, material, kind):
    login(client, "editor")
    app = ["wagtailimages", "wagtaildocs"][kind]
    for title in ("Janis private", "Janis unused", "Anna own"):
        other = material[title][kind]
        response = client.get(reverse(f"{app}:edit", args=[other.pk]))
        assert refused(response), (title, response.status_code)
        assert title not in response.content.decode()
    library = material["Library"][kind]
    assert client.get(reverse(f"{app}:edit", args=[library.pk])).status_code == 200
