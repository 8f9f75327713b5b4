"""The record as a PDF, in English or Latvian, with its verification address and QR code.

Drawn by WeasyPrint from ``templates/europass/record_pdf.html``, with no base URL and a fetcher
that refuses every address (``portfolios.pdf.MediaOnlyFetcher`` allows only uploaded files, and
the record uses none), so nothing a participant wrote can make the server fetch anything. The QR
code is drawn here, by segno, as inline SVG.
"""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from europass.actions import current_data, verification_url
from europass.record import changes_since
from portfolios.pdf import MediaOnlyFetcher

TEMPLATE = "europass/record_pdf.html"


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as an inline ``<svg>`` element (no XML declaration)."""
    return segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#000", light="#fff")


def record_html(record, language: str) -> str:
    data = current_data(record)
    confirmation = record.latest_confirmation()
    url = verification_url(record)
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "language_code": language,
                "record": record,
                "data": data,
                "confirmation": confirmation,
                "changes": changes_since(confirmation.snapshot, data) if confirmation else [],
                "verification_url": url,
                "qr_svg": qr_svg(url),
                "made_at": timezone.localtime(),
            },
        )


def record_pdf(record, language: str) -> bytes:
    html = record_html(record, language)
    return HTML(string=html, base_url=None, url_fetcher=MediaOnlyFetcher()).write_pdf()
