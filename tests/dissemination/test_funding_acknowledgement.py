"""Funded projects show the EU's funding acknowledgement wherever they publish results: the results
page, its PDF brochure and every page of its HTML bundle, in the page's language, with an optional
emblem. The wording is a site setting (``home.PortalSettings``) whose default is the Erasmus+ text.
"""

import io
import zipfile

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from dissemination import outputs
from dissemination.models import ResultsPage
from home.models import FUNDING_ACKNOWLEDGEMENT, PortalSettings

pytestmark = pytest.mark.django_db

ENGLISH = "Co-funded by the European Union. Views and opinions expressed are however those of"
LATVIAN = "Līdzfinansē Eiropas Savienība. Paustie viedokļi un uzskati ir tikai autora(-u)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def results_page(language="en"):
    return ResultsPage.objects.get(
        url_path__contains="/latgale-florence-2010/", locale__language_code=language
    )


def site_settings():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


def html_of(page):
    response = Client().get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def bundle_of(page):
    return zipfile.ZipFile(io.BytesIO(outputs.html_bundle(page)))


def with_emblem():
    settings = site_settings()
    settings.funding_emblem = Image.objects.create(
        title="EU emblem", file=get_test_image_file(filename="emblem.png")
    )
    settings.save()
    return settings


def test_the_default_wording_is_the_erasmus_disclaimer_in_both_languages(demo):
    settings = site_settings()
    assert settings.funding_acknowledgement("en") == FUNDING_ACKNOWLEDGEMENT["en"]
    assert settings.funding_acknowledgement("lv") == FUNDING_ACKNOWLEDGEMENT["lv"]
    assert FUNDING_ACKNOWLEDGEMENT["en"].startswith(ENGLISH)
    assert FUNDING_ACKNOWLEDGEMENT["en"].endswith("can be held responsible for them.")
    assert FUNDING_ACKNOWLEDGEMENT["lv"].startswith(LATVIAN)
    # A language left empty falls back to English.
    settings.funding_acknowledgement_lv = ""
    assert settings.funding_acknowledgement("lv") == FUNDING_ACKNOWLEDGEMENT["en"]


def test_the_results_page_shows_it_in_its_own_language(demo):
    english = html_of(results_page("en"))
    assert 'class="funding"' in english
    assert ENGLISH in english
    assert LATVIAN not in english
    latvian = html_of(results_page("lv"))
    assert LATVIAN in latvian
    assert ENGLISH not in latvian


def test_the_text_is_escaped_and_an_empty_setting_shows_nothing(demo):
    settings = site_settings()
    settings.funding_acknowledgement_en = "Funded <script>alert(1)</script> by us"
    settings.save()
    html = html_of(results_page())
    assert "Funded &lt;script&gt;alert(1)&lt;/script&gt; by us" in html
    assert "<script>alert(1)" not in html

    settings.funding_acknowledgement_en = ""
    settings.funding_acknowledgement_lv = ""
    settings.save()
    assert 'class="funding"' not in html_of(results_page())
    assert 'class="funding"' not in outputs.brochure_html(results_page())


def test_the_brochure_carries_the_text_and_the_emblem(demo):
    with_emblem()
    page = results_page()
    html = outputs.brochure_html(page)
    assert ENGLISH in html
    # WeasyPrint reads only files under MEDIA_ROOT: the emblem is a file:// address there.
    assert 'class="funding__emblem" src="file://' in html
    assert outputs.brochure_pdf(page).startswith(b"%PDF")


def test_the_brochure_in_latvian_carries_the_latvian_text(demo):
    from django.utils import translation

    with translation.override("lv"):
        assert LATVIAN in outputs.brochure_html(results_page("lv"))


def test_every_page_of_the_bundle_carries_it_with_the_emblem_inside_the_bundle(demo):
    with_emblem()
    archive = bundle_of(results_page())
    names = archive.namelist()
    emblems = [name for name in names if name.startswith("files/funding-emblem")]
    assert len(emblems) == 1
    pages = [name for name in names if name.endswith(".html")]
    assert "index.html" in pages
    assert any(name.startswith("entries/") for name in pages)
    assert any(name.startswith("ideas/") for name in pages)
    for name in pages:
        html = archive.read(name).decode()
        assert ENGLISH in html, name
        prefix = "" if name == "index.html" else "../"
        assert f'src="{prefix}{emblems[0]}"' in html, name


def test_the_web_page_shows_the_emblem_as_a_rendition(demo):
    with_emblem()
    html = html_of(results_page())
    assert 'class="funding__emblem" src="/media/images/' in html
    # Beside the text, the emblem says nothing more: it is decorative for screen readers.
    assert 'alt=""' in html.split('class="funding__emblem"', 1)[1].split(">", 1)[0]
