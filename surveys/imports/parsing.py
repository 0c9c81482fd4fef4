"""Reading and checking spreadsheets of comments (CSV or XLSX). Plain Python: no Flask, no
database, so it is tested and benchmarked alone. Problems are reported as codes with values;
the views turn them into translated sentences."""

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_TEXT_CHARS = 10_000
MAX_LABEL_CHARS = 100
MAX_SETTING_CHARS = 200

# The fields a column can be mapped to; "labels" may take several columns.
SINGLE_FIELDS = ("text", "date", "audience", "setting")
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


class ImportFileError(Exception):
    """The file cannot be read at all. `code` names the problem, `values` fill the message."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # every cell as text, the header row left out
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None


@dataclass
class Mapping:
    """Column numbers (0-based) for each field; `labels` may hold several."""

    text: int | None = None
    date: int | None = None
    audience: int | None = None
    setting: int | None = None
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
            labels=[int(v) for v in data.get("labels") or []],
            default_audience=data.get("default_audience") or None,
        )

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "date": self.date,
            "audience": self.audience,
            "setting": self.setting,
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


@dataclass(frozen=True)
class RejectedRow:
    row_number: int
    reason: str  # empty_text, text_too_long, bad_date, bad_audience, no_audience


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def row_key(sha256: str, row_number: int) -> str:
    """The feedback item's dedupe key: the same file imported again adds nothing twice."""
    return f"import:{sha256}:{row_number}"


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV or XLSX file into text cells, or raise ImportFileError."""
    if not data:
        raise ImportFileError("empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("too_big", limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    name = filename.lower()
    if data.startswith(_XLSX_MAGIC):
        if not name.endswith(".xlsx"):
            raise ImportFileError("wrong_type")
        table = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data)
    else:
        raise ImportFileError("wrong_type")
    if not table.headers or not any(h.strip() for h in table.headers):
        raise ImportFileError("no_header")
    if not table.rows:
        raise ImportFileError("no_rows")
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError("too_many_rows", limit=MAX_ROWS)
    return table


def _decode(data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise ImportFileError("wrong_type")  # binary, or UTF-16 which old tools rarely write
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as error:
        raise ImportFileError("bad_encoding") from error


def _read_csv(data: bytes) -> Table:
    text, encoding = _decode(data)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise ImportFileError("bad_csv") from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError("no_rows")
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    headers = [cell.strip() for cell in padded[0]]
    return Table(headers=headers, rows=padded[1:], kind="csv", encoding=encoding)


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


def _read_xlsx(data: bytes) -> Table:
    # openpyxl never calculates formulas; reading with data_only=False lets us see them and
    # refuse the file, rather than import a cached result nobody typed.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError("bad_xlsx") from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for row_number, row in enumerate(sheet.iter_rows(), start=1):
            cells = []
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    raise ImportFileError(
                        "formula", cell=f"{getattr(cell, 'column_letter', '')}{row_number}"
                    )
                cells.append(_cell_text(cell.value))
            if any(c.strip() for c in cells):
                rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError("too_many_rows", limit=MAX_ROWS)
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError("no_rows")
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    return Table(headers=[c.strip() for c in padded[0]], rows=padded[1:], kind="xlsx")


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


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


def parse_rows(table: Table, mapping: Mapping) -> Iterator[GoodRow | RejectedRow]:
    """Each data row, either ready to store or rejected with a reason. Text is kept exactly as
    typed (a leading = + - @ included): it is stored as text and never evaluated."""
    for index, row in enumerate(table.rows):
        row_number = index + 2
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
        setting = _cell(row, mapping.setting).strip()[:MAX_SETTING_CHARS] or None
        labels = tuple(
            dict.fromkeys(
                label
                for column in mapping.labels
                if (label := _cell(row, column).strip()[:MAX_LABEL_CHARS])
            )
        )
        yield GoodRow(row_number, text, given_on, audience, setting, labels)


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
