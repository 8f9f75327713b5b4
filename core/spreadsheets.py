"""Every CSV file the site writes, written in one place.

Excel reads a CSV file without a byte-order mark in the computer's legacy code page, so
"Kalniņa" arrives as "KalniÅ†a". Every CSV therefore starts with the UTF-8 byte-order mark, which
Excel, LibreOffice and Python's ``utf-8-sig`` all read as "this is UTF-8" and drop. Files built
whole (the results report pack) come from ``csv_text``; the admin listings' "Download CSV"
(Wagtail's ``SpreadsheetExportMixin``: practice log, ideas, competences, host institutions)
stream through ``CsvExportMixin``. Each cell passes ``csv_cell`` on its way out, so a rule that
every cell must follow (against formula injection, say) is one change, here.
"""

import csv
import io
import re
from decimal import Decimal

BYTE_ORDER_MARK = "\ufeff"


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…) sends the
# reader's data away; @SUM, +, - and the full-width forms that Excel folds to them work too, as do
# a tab or carriage return in front). Such a cell gets an apostrophe, which spreadsheets show as
# text and do not display.
# A signed number written as text ("-0.50", a growth) is a number to a spreadsheet, not a formula.
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
FORMULA_PREFIXES = tuple("=+-@\t\r＝＋－＠")


def csv_cell(value) -> str:
    """One cell as the text written to the file, never a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if PLAIN_NUMBER.match(text):
        return text
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_text(header, rows) -> str:
    """A whole CSV file: the byte-order mark, the header row, then the rows."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(column) for column in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


class CsvExportMixin:
    """For a Wagtail listing view with spreadsheet export: its CSV starts with the byte-order
    mark, says it is UTF-8, and writes each cell through ``csv_cell``. Put it before the view
    class: ``class MyIndexView(CsvExportMixin, IndexView)``."""

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK.encode()
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
