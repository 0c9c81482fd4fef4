"""Comment exports that stream (CSV, XLSX) and are safe to open in a spreadsheet.

A row is a list of values: the date is a real date, everything else text. CSV writes the date
as YYYY-MM-DD and puts a quote before text a spreadsheet would read as a formula; XLSX stores
the date as a date with a number format, and marks such text with the quote-prefix style (what
Excel does when you type an apostrophe first): the cell is text, the apostrophe is not part of
it and is not shown."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from voice.dashboards.services import Comment
from voice.i18n import _

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


Value = str | date
DATE_FORMAT = "yyyy-mm-dd"


def risky(value: str) -> bool:
    return value.startswith(RISKY_STARTS)


def neutralise(value: str) -> str:
    """Stop a spreadsheet reading CSV text as a formula: a leading quote makes it plain text."""
    return "'" + value if risky(value) else value


def header() -> list[str]:
    return [
        _("Date"),
        _("Audience"),
        _("Channel"),
        _("Language"),
        _("Sentiment"),
        _("Themes"),
        _("Comment (redacted)"),
        _("How answered"),
    ]


def row(comment: Comment, labels: dict[str, str]) -> list[Value]:
    how = comment.how_answered.value if comment.how_answered else "not_recorded"
    return [
        comment.created_at.date(),
        labels.get(comment.source_group.value, comment.source_group.value),
        labels.get(comment.channel.value, comment.channel.value),
        comment.language,
        labels.get(comment.sentiment, comment.sentiment),
        "; ".join(comment.themes),
        comment.text,
        labels.get(how, how),
    ]


def _csv_values(values: Sequence[Value]) -> list[str]:
    return [v.isoformat() if isinstance(v, date) else neutralise(v) for v in values]


def csv_chunks(
    head: list[str], rows: Iterable[Sequence[Value]], *, every: int = 200
) -> Iterator[str]:
    """CSV text in chunks, the header first so the download starts at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer.writerow([neutralise(name) for name in head])
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for count, values in enumerate(rows, start=1):
        writer.writerow(_csv_values(values))
        if count % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx_cells(sheet: WriteOnlyWorksheet, values: Sequence[Value]) -> list[Cell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        cell.value = value  # as WriteOnlyCell would; its stub leaves out the dates Cell takes
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif risky(value):
            cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            cell.quotePrefix = True
        cells.append(cell)
    return cells


def xlsx_chunks(head: list[str], rows: Iterable[Sequence[Value]], *, title: str) -> Iterator[bytes]:
    """An XLSX file written row by row (openpyxl's write-only mode keeps only one row in
    memory) to a temporary file, then sent in pieces and deleted."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(_xlsx_cells(sheet, head))
    for values in rows:
        sheet.append(_xlsx_cells(sheet, values))
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook.save(path)
        with open(path, "rb") as saved:
            while piece := saved.read(64 * 1024):
                yield piece
    finally:
        os.unlink(path)
