"""The blocks an entry's body is made of: deliberately few, so entries stay easy to write."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

ENTRY_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    source = blocks.CharBlock(label=_("who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "portfolios/blocks/quote_block.html"
        preview_value = {"quote": "Quality is everyone's job.", "source": "A host teacher"}


class EntryBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=ENTRY_TEXT_FEATURES, label=_("text"), icon="pilcrow")
    image = ImageBlock(label=_("image"))
    document = DocumentChooserBlock(label=_("document"), icon="doc-full")
    quote = QuoteBlock(label=_("quote"))
    table = TableBlock(label=_("table"), icon="table")


# Handsontable, which draws a table in the editor, knows "en-US" but not the "en" that TableBlock
# reads from Django at import, and logs a console error for every table the editor opens. Set
# here rather than through ``table_options`` so that the block's definition, and so the
# migrations, stay as they are; the language only names the table's context-menu items.
EntryBodyBlock.base_blocks["table"].table_options["language"] = "en-US"
