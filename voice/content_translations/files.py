"""Translation files for a translation service: a spreadsheet (key, English, the language's
column) or a PO file (msgctxt the key, msgid the English, msgstr the translation). Plain Python:
bytes in, rows out."""

import io
import zipfile
from dataclasses import dataclass
from typing import Any, cast

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_TEXT = 10000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Row:
    key: str  # "action/12/title"
    english: str
    translation: str
    about: str = ""  # what the text is, for the translator


class TranslationFileError(Exception):
    """The file cannot be read; code names the problem for the page to explain."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def xlsx_bytes(language: str, rows: list[Row]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook holds one worksheet, active
    sheet.title = f"English to {language}"
    sheet.append(["key", "English", language])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # A leading "=" would make the cell a formula in the translator's spreadsheet program.
        sheet.append([row.key, _as_text(row.english), _as_text(row.translation)])
    for column, width in (("A", 24), ("B", 70), ("C", 70)):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _as_text(value: str) -> str:
    return "'" + value if value[:1] in {"=", "+", "-", "@"} else value


def _from_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text[1:] if text[:2] in {"'=", "'+", "'-", "'@"} else text


def _open_workbook(data: bytes) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TranslationFileError("unreadable") from error
    if unzipped > MAX_UNZIPPED_BYTES:
        raise TranslationFileError("too_big")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TranslationFileError("unreadable") from error


def _columns(header: tuple[object, ...], language: str) -> tuple[int, int, int]:
    names = [str(cell or "").strip().lower() for cell in header]
    if "key" not in names or "english" not in names:
        raise TranslationFileError("no_header")
    if language not in names:
        raise TranslationFileError("wrong_language")
    return names.index("key"), names.index("english"), names.index(language)


def read_xlsx(data: bytes, language: str) -> list[Row]:
    workbook = _open_workbook(data)
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        key_at, english_at, text_at = _columns(next(lines, ()), language)
        rows = []
        for number, line in enumerate(lines, start=2):
            if number > MAX_ROWS + 1:
                raise TranslationFileError("too_many_rows", limit=MAX_ROWS)
            cells = [*line, None, None, None]
            if isinstance(cells[text_at], str) and cells[text_at].startswith("="):
                raise TranslationFileError("formula", row=number)
            key = _from_cell(cells[key_at]).strip()
            if key:
                rows.append(Row(key, _from_cell(cells[english_at]), _from_cell(cells[text_at])))
        return rows
    finally:
        workbook.close()


def po_bytes(language: str, rows: list[Row]) -> bytes:
    catalog = Catalog(locale=language, project="Voice", fuzzy=False)
    for row in rows:
        catalog.add(
            row.english,
            row.translation,
            context=row.key,
            auto_comments=[row.about] if row.about else (),
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False)
    return buffer.getvalue()


def read_po_file(data: bytes, language: str) -> list[Row]:
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as error:  # babel raises its own errors and ValueError alike
        raise TranslationFileError("unreadable") from error
    if catalog.locale is not None and str(catalog.locale) != language:
        raise TranslationFileError("wrong_language")
    rows: list[Row] = []
    for message in catalog:
        if not message.id or not message.context:
            continue
        if len(rows) >= MAX_ROWS:
            raise TranslationFileError("too_many_rows", limit=MAX_ROWS)
        english = message.id if isinstance(message.id, str) else message.id[0]
        text = message.string if isinstance(message.string, str) else (message.string or [""])[0]
        # A translator's tool marks uncertain work fuzzy: it is not applied.
        rows.append(Row(message.context, english, "" if message.fuzzy else text or ""))
    return rows


def read_file(data: bytes, file_name: str, language: str) -> list[Row]:
    if not data:
        raise TranslationFileError("empty")
    if len(data) > MAX_FILE_BYTES:
        raise TranslationFileError("too_big")
    name = file_name.lower()
    if name.endswith(".xlsx"):
        return read_xlsx(data, language)
    if name.endswith(".po"):
        return read_po_file(data, language)
    raise TranslationFileError("wrong_type")
