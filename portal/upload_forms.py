"""The admin's image and document forms, with a limit on tags.

Wagtail checks each tag's length but not how many there are: 2,000 tags on one upload were
accepted and took seconds to save and index. Twenty is far more than anyone files a photo under.
Named by WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

MAX_TAGS = 20


def validate_tag_count(tags):
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            ngettext(
                "Give at most %(limit)d tag.",
                "Give at most %(limit)d tags.",
                MAX_TAGS,
            )
            % {"limit": MAX_TAGS},
            code="too_many_tags",
        )


class ImageForm(BaseImageForm):
    def clean_tags(self):
        tags = super().clean_tags()
        validate_tag_count(tags)
        return tags


class DocumentForm(BaseDocumentForm):
    def clean_tags(self):
        tags = super().clean_tags()
        validate_tag_count(tags)
        return tags
