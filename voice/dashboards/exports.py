"""Comment exports that stream (CSV, XLSX) and are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from voice.dashboards.services import Comment
from voice.i18n import _

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Stop a spreadsheet reading a cell as a formula: a leading quote makes it plain text."""
    return "'" + value if value.startswith(RISKY_STARTS) else value


def header() -> list[str]:
    return [
        _("Date"),
        _("Audience"),
        _("Channel"),
        _("Language"),
        _("Sentiment"),
        _("Themes"),
        _("Comment (redacted)"),
    ]


def row(comment: Comment, labels: dict[str, str]) -> list[str]:
    return [
        neutralise(value)
        for value in (
            comment.created_at.date().isoformat(),
            labels.get(comment.source_group.value, comment.source_group.value),
            labels.get(comment.channel.value, comment.channel.value),
            comment.language,
            labels.get(comment.sentiment, comment.sentiment),
            "; ".join(comment.themes),
            comment.text,
        )
    ]


def csv_chunks(head: list[str], rows: Iterable[list[str]], *, every: int = 200) -> Iterator[str]:
    """CSV text in chunks, the header first so the download starts at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer.writerow([neutralise(name) for name in head])
    yield buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for count, values in enumerate(rows, start=1):
        writer.writerow(values)
        if count % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_chunks(head: list[str], rows: Iterable[list[str]], *, title: str) -> Iterator[bytes]:
    """An XLSX file written row by row (openpyxl's write-only mode keeps only one row in
    memory) to a temporary file, then sent in pieces and deleted."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(name) for name in head])
    for values in rows:
        sheet.append(values)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook.save(path)
        with open(path, "rb") as saved:
            while piece := saved.read(64 * 1024):
                yield piece
    finally:
        os.unlink(path)
