"""An image is as private as the material using it: originals and renditions are served through
Django (``portfolios.media_views``), which looks each file up by name and asks portfolios.files
who may open it. Nothing else under MEDIA_ROOT is reachable by URL.

Uses the demo: participant1 (Anna) has a public portfolio; participant4 (Pēteris) a private one;
participant2 is in the same project, the coordinator coordinates it.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from portfolios.models import PortfolioPage, ReflectionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """A folder of this test's own, and no renditions remembered from an earlier test's images
    (Wagtail caches them by image id, and ids come round again after each rollback)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for cache in caches.all():
        cache.clear()
    return settings.MEDIA_ROOT


@pytest.fixture
def picture(demo, media):
    return Image.objects.create(
        title="Workshop",
        file=get_test_image_file(filename="workshop.png", colour="blue"),
        uploaded_by_user=get_user_model().objects.get(username="participant1"),
    )


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def attach(portfolio, title, visibility, image):
    entry = ReflectionPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=datetime.date(2010, 10, 26),
        visibility=visibility,
        body=[("image", {"image": image, "alt_text": "A CNC lesson", "decorative": False})],
    )
    portfolio.add_child(instance=entry)
    entry.save_revision().publish()
    return entry


def addresses(image):
    return [image.get_rendition("fill-80x60").url, image.file.url]


def body(response):
    return b"".join(response.streaming_content)


def test_an_image_of_a_private_entry_opens_only_for_those_who_may_see_the_entry(client, picture):
    attach(
        PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en"),
        "Private workshop",
        "private",
        picture,
    )
    rendition_url, original_url = addresses(picture)
    assert rendition_url.startswith("/media/images/")
    assert original_url.startswith("/media/original_images/")

    for url in (rendition_url, original_url):
        client.logout()
        assert client.get(url).status_code == 404, url
        login(client, "participant2")
        assert client.get(url).status_code == 404, url
        for username in ("participant1", "coordinator"):
            login(client, username)
            response = client.get(url)
            assert response.status_code == 200, (username, url)
            assert response["Content-Type"] == "image/png"
            assert body(response).startswith(b"\x89PNG")
            assert "private" in response["Cache-Control"]
            assert "public" not in response["Cache-Control"]


def test_an_image_of_a_public_entry_opens_for_everyone_and_may_be_cached(client, picture):
    attach(
        PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en"),
        "Private workshop",
        "private",
        picture,
    )
    attach(
        PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en"),
        "Shared workshop",
        "public",
        picture,
    )
    for url in addresses(picture):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "public" in response["Cache-Control"]
        assert "Cookie" not in response.get("Vary", "")


@pytest.fixture
def library_picture(demo, media):
    """An image an editor uploaded for the site: library material, not anyone's portfolio."""
    return Image.objects.create(
        title="Florence",
        file=get_test_image_file(filename="florence.png", colour="green"),
        uploaded_by_user=get_user_model().objects.get(username="editor"),
    )


def test_an_image_used_nowhere_is_library_material_if_no_participant_uploaded_it(
    client, library_picture
):
    for url in addresses(library_picture):
        assert client.get(url).status_code == 200, url


def test_a_participants_unused_upload_opens_only_for_them(client, picture):
    """Uploaded but not yet used: not library material, but the participant's alone."""
    for url in addresses(picture):
        client.logout()
        assert client.get(url).status_code == 404, url
        for username in ("participant2", "coordinator", "editor"):
            login(client, username)
            assert client.get(url).status_code == 404, (username, url)
        login(client, "participant1")
        assert client.get(url).status_code == 200, url
        login(client, "admin")
        assert client.get(url).status_code == 200, url


def test_the_photo_of_a_private_portfolio_is_private(client, picture):
    portfolio = PortfolioPage.objects.get(
        participant__username="participant4", locale__language_code="en"
    )
    portfolio.photo = picture
    portfolio.photo_alt_text = "Pēteris"
    portfolio.save_revision().publish()
    url = picture.get_rendition("fill-160x160").url

    assert client.get(url).status_code == 404
    login(client, "participant4")
    assert client.get(url).status_code == 200


def image_sources(response):
    return re.findall(r'<img[^>]* src="(/media/[^"]+)"', response.content.decode())


def test_image_tags_on_pages_point_at_the_checked_view(client, picture):
    portfolio = PortfolioPage.objects.get(slug="anna-kalnina", locale__language_code="en")
    portfolio.photo = picture
    portfolio.photo_alt_text = "Anna at the workshop"
    portfolio.save_revision().publish()
    entry = attach(portfolio, "Shared workshop", "public", picture)

    for page in (portfolio, entry):
        sources = image_sources(client.get(page.url))
        assert sources, page.url
        for source in sources:
            assert client.get(source).status_code == 200, source


@pytest.mark.parametrize(
    "url",
    [
        "/media/images/../secret.txt",
        "/media/images/../../secret.txt",
        "/media/original_images/../secret.txt",
        "/media/images/%2e%2e/secret.txt",
        "/media/images/..%2fsecret.txt",
        "/media/original_images//etc/passwd",
        "/media/images/./secret.txt",
        "/media/images/..\\secret.txt",
        "/media/secret.txt",
        "/media/documents/secret.txt",
    ],
)
def test_no_address_leaves_the_image_folders(client, picture, media, url):
    (media / "secret.txt").write_text("CANARY")
    (media / "documents").mkdir(exist_ok=True)
    (media / "documents" / "secret.txt").write_text("CANARY")
    login(client, "admin")
    assert client.get(url).status_code == 404


def test_a_file_the_database_does_not_know_is_not_served(client, picture, media):
    (media / "images").mkdir(exist_ok=True)
    (media / "images" / "stray.png").write_bytes(b"\x89PNG stray")
    login(client, "admin")
    assert client.get("/media/images/stray.png").status_code == 404
    assert client.get("/media/original_images/unknown.png").status_code == 404


def test_a_known_file_missing_from_storage_is_a_404_not_an_error(client, picture):
    rendition = picture.get_rendition("fill-80x60")
    rendition.file.storage.delete(rendition.file.name)
    assert client.get(rendition.url).status_code == 404


def test_images_are_only_read(client, library_picture):
    rendition_url, original_url = addresses(library_picture)
    assert client.post(original_url).status_code == 405
    assert client.head(rendition_url).status_code == 200
