"""Reading and checking spreadsheets of comments (CSV or XLSX). Plain Python: no Flask, no
database, so it is tested and benchmarked alone. Problems are reported as codes with values;
the views turn them into translated sentences."""

import csv
import hashlib
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_TEXT_CHARS = 10_000
MAX_LABEL_CHARS = 100
MAX_SETTING_CHARS = 200
# What a file may hold once read, whatever it says about itself (an XLSX declaring
# A1:XFD1048576 gets no more than this). Rows count blank rows too; cells count the cells up to
# the last filled one in each row; text is every cell's characters together.
MAX_COLUMNS = 100
MAX_CELLS = 2_000_000
MAX_TABLE_CHARS = 50_000_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
# A CSV line with more separators than this cannot be a row of at most MAX_COLUMNS cells, even
# with every comma inside a quoted comment; refusing it before splitting keeps memory small.
MAX_SEPARATORS_PER_LINE = MAX_COLUMNS + 5 * MAX_TEXT_CHARS
MAX_READ_SECONDS = 60.0

# The fields a column can be mapped to; "labels" may take several columns.
SINGLE_FIELDS = ("text", "date", "audience", "setting", "consent")
AUDIENCES = ("young_person", "parent_carer", "school", "professional")

# What people write in an "audience" column, lower-cased with spaces and punctuation removed.
_AUDIENCE_WORDS = {
    "youngperson": "young_person",
    "youngpeople": "young_person",
    "child": "young_person",
    "children": "young_person",
    "cyp": "young_person",
    "pupil": "young_person",
    "student": "young_person",
    "yp": "young_person",
    "parent": "parent_carer",
    "parents": "parent_carer",
    "carer": "parent_carer",
    "parentcarer": "parent_carer",
    "parentcarers": "parent_carer",
    "family": "parent_carer",
    "parentorcarer": "parent_carer",
    "carers": "parent_carer",
    "school": "school",
    "schools": "school",
    "setting": "school",
    "senco": "school",
    "college": "school",
    "nursery": "school",
    "schoolorsetting": "school",
    "professional": "professional",
    "professionals": "professional",
    "staff": "professional",
    "practitioner": "professional",
}
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)
_XLSX_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONSENT_WORDS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "agreed": True,
    "consent": True,
    "consented": True,
    "ok": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "none": False,
    "notagreed": False,
    "noconsent": False,
}


class ImportFileError(Exception):
    """The file cannot be read at all. `code` names the problem, `values` fill the message."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # every cell as text, the header row left out, blank rows too
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    # Each row's number as the spreadsheet shows it (the header is row 1 when it is first);
    # blank rows are left out of `rows` but keep their numbers.
    numbers: list[int] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        return self.numbers[index] if self.numbers else index + 2

    def to_bytes(self) -> bytes:
        """What the worker stores for the preview and the import: read once, never again."""
        body = {
            "headers": self.headers,
            "rows": self.rows,
            "kind": self.kind,
            "encoding": self.encoding,
            "numbers": self.numbers,
        }
        return zlib.compress(json.dumps(body, ensure_ascii=False).encode(), 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Table":
        body = json.loads(zlib.decompress(data))
        return cls(
            headers=body["headers"],
            rows=body["rows"],
            kind=body["kind"],
            encoding=body.get("encoding"),
            numbers=body.get("numbers") or [],
        )

    def sample(self, count: int = 5) -> list[list[str]]:
        width = len(self.headers)
        return [row + [""] * (width - len(row)) for row in self.rows[:count]]


@dataclass
class Mapping:
    """Column numbers (0-based) for each field; `labels` may hold several."""

    text: int | None = None
    date: int | None = None
    audience: int | None = None
    setting: int | None = None
    consent: int | None = None
    labels: list[int] = field(default_factory=list)
    default_audience: str | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Mapping":
        def column(name: str) -> int | None:
            value = data.get(name)
            return int(value) if value not in (None, "") else None

        return cls(
            text=column("text"),
            date=column("date"),
            audience=column("audience"),
            setting=column("setting"),
            consent=column("consent"),
            labels=[int(v) for v in data.get("labels") or []],
            default_audience=data.get("default_audience") or None,
        )

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "date": self.date,
            "audience": self.audience,
            "setting": self.setting,
            "consent": self.consent,
            "labels": list(self.labels),
            "default_audience": self.default_audience,
        }


@dataclass(frozen=True)
class GoodRow:
    row_number: int  # as a spreadsheet shows it: the header is row 1
    text: str
    given_on: datetime | None
    audience: str
    setting: str | None
    labels: tuple[str, ...]
    consent_to_quote: bool = False


@dataclass(frozen=True)
class RejectedRow:
    row_number: int
    reason: str  # empty_text, text_too_long, bad_date, bad_audience, no_audience, bad_consent


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row_key(sha256: str, row_number: int) -> str:
    """The feedback item's dedupe key: the same file imported again adds nothing twice."""
    return f"import:{sha256}:{row_number}"


def check_upload(data: bytes, filename: str) -> str:
    """What can be told at once, in the web request, without reading the file: "csv" or
    "xlsx", or ImportFileError. The worker reads the rest (read_table)."""
    if not data:
        raise ImportFileError("empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("too_big", limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    name = filename.lower()
    if data.startswith(_XLSX_MAGIC):
        if not name.endswith(".xlsx"):
            raise ImportFileError("wrong_type")
        return "xlsx"
    if name.endswith((".csv", ".txt")):
        if not data.startswith(_UTF16_BOMS) and b"\x00" in data[:4096]:
            raise ImportFileError("wrong_type")  # binary, or UTF-16 without its mark
        return "csv"
    raise ImportFileError("wrong_type")


def read_table(data: bytes, filename: str, *, seconds: float | None = None) -> Table:
    """Read a CSV or XLSX file into text cells within the limits above and `seconds` (by
    default MAX_READ_SECONDS), or raise ImportFileError."""
    kind = check_upload(data, filename)
    limits = _Limits(MAX_READ_SECONDS if seconds is None else seconds)
    table = _read_xlsx(data, limits) if kind == "xlsx" else _read_csv(data, limits)
    if not table.headers or not any(h.strip() for h in table.headers):
        raise ImportFileError("no_header")
    if not table.rows:
        raise ImportFileError("no_rows")
    return table


class _Limits:
    """Collects rows and refuses the file as soon as it goes past a limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.header: list[str] | None = None
        self.header_number = 0
        self.rows: list[list[str]] = []
        self.numbers: list[int] = []
        self.width = 0
        self.cells = 0
        self.chars = 0
        self.seen = 0

    def add(self, number: int, cells: list[str]) -> None:
        self.seen += 1
        if self.seen % 256 == 0 and time.monotonic() > self.deadline:
            raise ImportFileError("too_slow", seconds=int(self.seconds))
        if self.header is not None and number - self.header_number > MAX_ROWS:
            raise ImportFileError("too_many_rows", limit=MAX_ROWS)
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            return  # a blank row: counted above by its number, not kept
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError("too_many_columns", limit=MAX_COLUMNS, row=number)
        self.cells += len(cells)
        self.chars += sum(len(cell) for cell in cells)
        if self.cells > MAX_CELLS:
            raise ImportFileError("too_many_cells", limit=MAX_CELLS)
        if self.chars > MAX_TABLE_CHARS:
            raise ImportFileError("too_much_text", limit_mb=MAX_TABLE_CHARS // 1_000_000)
        self.width = max(self.width, len(cells))
        if self.header is None:
            self.header, self.header_number = cells, number
        else:
            self.rows.append(cells)
            self.numbers.append(number)

    def table(self, kind: str, encoding: str | None = None) -> Table:
        if self.header is None:
            raise ImportFileError("no_rows")
        headers = [cell.strip() for cell in self.header] + [""] * (self.width - len(self.header))
        return Table(headers, self.rows, kind, encoding, self.numbers)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        # What Excel writes for "Unicode text": UTF-16 with its byte order mark, tab-separated.
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ImportFileError("bad_encoding") from error
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "windows-1252"
            except UnicodeDecodeError as error:
                raise ImportFileError("bad_encoding") from error
    if (nul := text.find("\x00")) >= 0:
        # Anywhere in the file, not only its start: PostgreSQL cannot store it, and a text
        # file holding one was not saved as the text it claims to be.
        raise ImportFileError("nul_byte", row=text.count("\n", 0, nul) + 1)
    return text, encoding


def _checked_lines(lines: Iterable[str], separator: str) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        if line.count(separator) > MAX_SEPARATORS_PER_LINE:
            raise ImportFileError("too_many_columns", limit=MAX_COLUMNS, row=number)
        yield line


def _read_csv(data: bytes, limits: _Limits) -> Table:
    text, encoding = _decode(data)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = _checked_lines(io.StringIO(text, newline=""), dialect.delimiter)
    reader = csv.reader(lines, dialect)
    try:
        for number, row in enumerate(reader, start=1):
            limits.add(number, row)
    except csv.Error as error:
        raise ImportFileError("bad_csv") from error
    return limits.table("csv", encoding)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else (value.isoformat(sep=" ", timespec="seconds"))
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes, limits: _Limits) -> Table:
    # openpyxl never calculates formulas; reading with data_only=False lets us see them and
    # refuse the file, rather than import a cached result nobody typed.
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportFileError("bad_xlsx") from error
    if unzipped > MAX_UNZIPPED_BYTES:
        # zipfile stops each part at its declared size, so this bounds what is unpacked.
        raise ImportFileError("too_big_unzipped", limit_mb=MAX_UNZIPPED_BYTES // (1024 * 1024))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError("bad_xlsx") from error
    try:
        sheet = workbook.worksheets[0]
        # The sheet's own parser yields only the cells the file holds, so a declared
        # dimension (A1:XFD1048576) pads nothing; the limits decide what is too wide. The
        # parser and the attributes it needs are openpyxl's own, not in its type stubs.
        with sheet._get_source() as source:  # type: ignore[attr-defined]
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,  # type: ignore[attr-defined]
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,  # type: ignore[attr-defined]
                timedelta_formats=workbook._timedelta_formats,  # type: ignore[attr-defined]
            )
            for number, found in parser.parse():
                cells: list[str] = []
                for cell in found:
                    column = cell["column"]
                    value = cell["value"]
                    if value is None or value == "":
                        continue
                    if cell.get("data_type") == "f":
                        where = f"{get_column_letter(column)}{number}"
                        raise ImportFileError("formula", cell=where)
                    if column > MAX_COLUMNS:
                        raise ImportFileError("too_many_columns", limit=MAX_COLUMNS, row=number)
                    cells.extend([""] * (column - 1 - len(cells)))
                    cells.append(_cell_text(value))
                limits.add(number, cells)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, SyntaxError) as error:
        raise ImportFileError("bad_xlsx") from error
    finally:
        workbook.close()
    return limits.table("xlsx")


def check_mapping(mapping: Mapping, column_count: int) -> dict[str, str]:
    """Problems with the chosen columns, keyed by field: missing_text, mapped_twice, bad_column."""
    problems: dict[str, str] = {}
    if mapping.text is None:
        problems["text"] = "missing_text"
    used: dict[int, str] = {}
    for name in SINGLE_FIELDS:
        column = getattr(mapping, name)
        if column is None:
            continue
        if not 0 <= column < column_count:
            problems[name] = "bad_column"
        elif column in used:
            problems[name] = "mapped_twice"
        else:
            used[column] = name
    for column in mapping.labels:
        if column in used:
            problems["labels"] = "mapped_twice"
        elif not 0 <= column < column_count:
            problems["labels"] = "bad_column"
    if mapping.default_audience not in (None, *AUDIENCES):
        problems["default_audience"] = "bad_audience"
    return problems


def parse_date(value: str) -> datetime | None:
    """A date in any of the common formats, read day first (UK), as midnight UTC; None if blank.
    Raises ValueError when it is not a date."""
    parsed = _parse_date_text(value)
    if parsed is _NOT_A_DATE:
        raise ValueError(value)
    return parsed  # type: ignore[return-value]


_NOT_A_DATE = object()


@lru_cache(maxsize=8192)
def _parse_date_text(value: str) -> object:
    # Cached: an export repeats the same few hundred dates across thousands of rows.
    cleaned = re.sub(r"\s+", " ", value.strip().replace(",", ""))
    if not cleaned:
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    for pattern in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, pattern)  # noqa: DTZ007 - made UTC below
        except ValueError:
            continue
        return parsed.replace(tzinfo=UTC)
    return _NOT_A_DATE


def parse_audience(value: str) -> str | None:
    key = re.sub(r"[^a-z]", "", value.lower())
    return _AUDIENCE_WORDS.get(key)


def parse_consent(value: str) -> bool | None:
    """Yes or no to being quoted, as people write it; None when it says neither. A blank cell
    is no: a comment is quoted only when its author agreed."""
    return _CONSENT_WORDS.get(re.sub(r"[^a-z0-9]", "", value.lower()))


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


def parse_rows(table: Table, mapping: Mapping) -> Iterator[GoodRow | RejectedRow]:
    """Each data row, either ready to store or rejected with a reason. Text is kept exactly as
    typed (a leading = + - @ included): it is stored as text and never evaluated."""
    for index, row in enumerate(table.rows):
        row_number = table.row_number(index)
        text = _cell(row, mapping.text).strip()
        if not text:
            yield RejectedRow(row_number, "empty_text")
            continue
        if len(text) > MAX_TEXT_CHARS:
            yield RejectedRow(row_number, "text_too_long")
            continue
        try:
            given_on = parse_date(_cell(row, mapping.date))
        except ValueError:
            yield RejectedRow(row_number, "bad_date")
            continue
        audience_cell = _cell(row, mapping.audience).strip()
        if audience_cell:
            audience = parse_audience(audience_cell)
            if audience is None:
                yield RejectedRow(row_number, "bad_audience")
                continue
        elif mapping.default_audience:
            audience = mapping.default_audience
        else:
            yield RejectedRow(row_number, "no_audience")
            continue
        consent_cell = _cell(row, mapping.consent).strip()
        consent = parse_consent(consent_cell) if consent_cell else False
        if consent is None:
            yield RejectedRow(row_number, "bad_consent")
            continue
        setting = _cell(row, mapping.setting).strip()[:MAX_SETTING_CHARS] or None
        labels = tuple(
            dict.fromkeys(
                label
                for column in mapping.labels
                if (label := _cell(row, column).strip()[:MAX_LABEL_CHARS])
            )
        )
        yield GoodRow(row_number, text, given_on, audience, setting, labels, consent)


@dataclass
class Summary:
    good: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)


def summarise(table: Table, mapping: Mapping) -> Summary:
    summary = Summary()
    for row in parse_rows(table, mapping):
        if isinstance(row, GoodRow):
            summary.good += 1
        else:
            summary.rejected.append(row)
    return summary
