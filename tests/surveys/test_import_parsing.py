"""surveys/imports/parsing.py on its own: no app, no database."""

import contextlib
import io
import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook

from surveys.imports import parsing as imports
from surveys.imports.parsing import GoodRow, ImportFileError, Mapping, RejectedRow


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_is_read_when_utf8_has_a_byte_order_mark() -> None:
    data = "\ufeffComment,Date\nCafé was great,01/02/2026\n".encode()
    table = imports.read_table(data, "old.csv")
    assert table.headers == ["Comment", "Date"]
    assert table.rows == [["Café was great", "01/02/2026"]]


def test_csv_is_read_when_utf8_has_no_byte_order_mark() -> None:
    table = imports.read_table("Comment\nNaïve question\n".encode(), "old.csv")
    assert table.rows == [["Naïve question"]]
    assert table.encoding == "utf-8"


def test_csv_is_read_when_encoded_as_windows_1252() -> None:
    data = "Comment\n\u201cSpeech therapy\u201d costs \u00a3 we don\u2019t have\n".encode("cp1252")
    table = imports.read_table(data, "old.csv")
    assert table.rows == [["\u201cSpeech therapy\u201d costs \u00a3 we don\u2019t have"]]
    assert table.encoding == "windows-1252"


def test_semicolon_csv_is_split_when_a_european_excel_wrote_it() -> None:
    table = imports.read_table(b"Comment;Who\nToo long a wait;parent\n", "old.csv")
    assert table.headers == ["Comment", "Who"]


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "x.csv", "empty_file"),
        (b"%PDF-1.7 not a spreadsheet", "x.pdf", "wrong_type"),
        (b"\x00\x01\x02binary", "x.csv", "wrong_type"),
        (b"PK\x03\x04broken zip", "x.xlsx", "bad_xlsx"),
        (b"Comment\n", "x.csv", "no_rows"),
    ],
)
def test_file_is_refused_when_it_is_not_a_usable_spreadsheet(
    data: bytes, filename: str, code: str
) -> None:
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, filename)
    assert raised.value.code == code


def test_file_is_refused_when_it_is_bigger_than_the_limit() -> None:
    data = b"Comment\n" + b"x" * imports.MAX_FILE_BYTES
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "big.csv")
    assert raised.value.code == "too_big"
    assert raised.value.values == {"limit_mb": 20}


def test_file_is_refused_when_it_has_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(b"Comment\na\nb\nc\nd\n", "x.csv")
    assert raised.value.code == "too_many_rows"


def test_xlsx_is_read_when_cells_are_values_and_dates() -> None:
    naive = datetime(2026, 3, 1)  # noqa: DTZ001 - spreadsheets hold dates without a zone
    data = xlsx_bytes([["Comment", "Date", "Count"], ["Good", naive, 3.0]])
    table = imports.read_table(data, "old.xlsx")
    assert table.rows == [["Good", "2026-03-01", "3"]]


def test_xlsx_is_refused_when_a_cell_holds_a_formula() -> None:
    data = xlsx_bytes([["Comment", "N"], ["Fine", "=1+1"]])
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "old.xlsx")
    assert raised.value.code == "formula"
    assert raised.value.values == {"cell": "B2"}


def test_mapping_is_refused_when_a_column_is_mapped_twice() -> None:
    problems = imports.check_mapping(Mapping(text=0, date=0), column_count=2)
    assert problems == {"date": "mapped_twice"}


def test_mapping_is_refused_when_no_text_column_is_chosen() -> None:
    assert imports.check_mapping(Mapping(date=1), column_count=2) == {"text": "missing_text"}


def test_mapping_is_refused_when_a_label_column_is_also_the_text() -> None:
    problems = imports.check_mapping(Mapping(text=0, labels=[0]), column_count=2)
    assert problems == {"labels": "mapped_twice"}


@pytest.mark.parametrize(
    "written",
    [
        "2026-03-27",
        "27/03/2026",
        "27/3/26",
        "27-03-2026",
        "27.03.2026",
        "27 March 2026",
        "27 Mar 2026",
        "March 27, 2026",
        "27th March 2026",
        "2026-03-27T10:15:00",
    ],
)
def test_date_is_understood_when_written_in_a_common_format(written: str) -> None:
    assert imports.parse_date(written).date() == datetime(2026, 3, 27, tzinfo=UTC).date()


def test_rows_are_rejected_with_reasons_when_they_cannot_be_imported() -> None:
    table = imports.Table(
        headers=["Comment", "Date", "Who"],
        kind="csv",
        rows=[
            ["Fine", "01/02/2026", "Parent"],
            ["   ", "01/02/2026", "Parent"],
            ["Fine", "next Tuesday", "Parent"],
            ["Fine", "", "the mayor"],
            ["Fine", "", ""],
        ],
    )
    rows = list(imports.parse_rows(table, Mapping(text=0, date=1, audience=2)))
    assert isinstance(rows[0], GoodRow)
    assert rows[0].audience == "parent_carer"
    assert rows[1:] == [
        RejectedRow(3, "empty_text"),
        RejectedRow(4, "bad_date"),
        RejectedRow(5, "bad_audience"),
        RejectedRow(6, "no_audience"),
    ]


def test_text_is_kept_as_typed_when_it_starts_like_a_formula() -> None:
    table = imports.Table(
        headers=["Comment"],
        kind="csv",
        rows=[['=HYPERLINK("x")'], ["+44 call me"], ["-"], ["@everyone"]],
    )
    rows = list(imports.parse_rows(table, Mapping(text=0, default_audience="school")))
    assert [row.text for row in rows] == ['=HYPERLINK("x")', "+44 call me", "-", "@everyone"]


def test_labels_come_from_every_label_column_when_several_are_chosen() -> None:
    table = imports.Table(headers=["C", "L1", "L2"], kind="csv", rows=[["Hi", "ehc", "wait"]])
    (row,) = imports.parse_rows(
        table, Mapping(text=0, labels=[1, 2], default_audience="parent_carer")
    )
    assert row.labels == ("ehc", "wait")


def _with_sheet_xml(data: bytes, change: Callable[[str], str]) -> bytes:
    """The same XLSX with its first sheet's XML changed, as a hand-made file could be."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = change(body.decode()).encode()
            target.writestr(info.filename, body)
    return out.getvalue()


def _peak_memory(read: Callable[[], object]) -> int:
    tracemalloc.start()
    with contextlib.suppress(ImportFileError):
        read()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_xlsx_rows_stay_narrow_when_the_file_declares_the_whole_sheet() -> None:
    data = _with_sheet_xml(
        xlsx_bytes([["Comment", "Who"], ["Short waits please", "parent"]]),
        lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', xml),
    )
    assert len(data) < 10_000
    started = time.monotonic()
    table = imports.read_table(data, "tiny.xlsx")
    assert time.monotonic() - started < 2
    assert table.headers == ["Comment", "Who"]
    assert table.rows == [["Short waits please", "parent"]]
    assert _peak_memory(lambda: imports.read_table(data, "tiny.xlsx")) < 20_000_000


def test_xlsx_is_refused_when_a_row_has_a_value_past_the_column_limit() -> None:
    def far_cell(xml: str) -> str:
        return xml.replace("</row>", '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>', 2)

    data = _with_sheet_xml(xlsx_bytes([["Comment"], ["Fine"]]), far_cell)
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "wide.xlsx")
    assert raised.value.code == "too_many_columns"
    assert raised.value.values["limit"] == imports.MAX_COLUMNS


def test_xlsx_blank_rows_count_toward_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 100)
    blank_rows = "".join(f'<row r="{n}"/>' for n in range(3, 500))

    def add_blank_rows(xml: str) -> str:
        return xml.replace("</sheetData>", blank_rows + "</sheetData>")

    data = _with_sheet_xml(xlsx_bytes([["Comment"], ["Fine"]]), add_blank_rows)
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "blank.xlsx")
    assert raised.value.code == "too_many_rows"


def test_csv_blank_rows_count_toward_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(b"Comment\na\n\n\n\nb\n", "x.csv")
    assert raised.value.code == "too_many_rows"


def test_rows_keep_their_spreadsheet_numbers_when_blank_rows_come_between() -> None:
    table = imports.read_table(b"Comment\nfirst\n\n,\nfourth\n", "x.csv")
    rows = list(imports.parse_rows(table, Mapping(text=0, default_audience="school")))
    assert [row.row_number for row in rows] == [2, 5]


def test_csv_of_one_row_with_a_million_commas_is_refused_without_using_much_memory() -> None:
    data = b"Comment" + b"," * 1_000_000 + b"\nhello\n"
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "commas.csv")
    assert raised.value.code == "too_many_columns"
    assert _peak_memory(lambda: imports.read_table(data, "commas.csv")) < 40_000_000


def test_csv_is_refused_with_its_row_when_a_nul_comes_after_the_first_4_kb() -> None:
    data = b"Comment\n" + b"a" * 5000 + b"\nwe need help\x00 at school\n"
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "nul.csv")
    assert (raised.value.code, raised.value.values) == ("nul_byte", {"row": 3})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_csv_is_read_when_excel_saved_it_as_unicode_text(encoding: str) -> None:
    text = "Comment\tWho\nCroeso, diolch \u2013 \u0634\u0643\u0631\u0627\tparent\n"
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + text).encode(encoding)  # Excel writes the byte order mark
    table = imports.read_table(data, "unicode.txt")
    assert table.headers == ["Comment", "Who"]
    assert table.rows == [["Croeso, diolch \u2013 \u0634\u0643\u0631\u0627", "parent"]]
    assert table.encoding == "utf-16"


@pytest.mark.parametrize(
    ("limit", "value", "code"),
    [
        ("MAX_CELLS", 5, "too_many_cells"),
        ("MAX_TABLE_CHARS", 20, "too_much_text"),
        ("MAX_UNZIPPED_BYTES", 1000, "too_big_unzipped"),
    ],
)
def test_xlsx_is_refused_when_it_goes_past_a_limit(
    monkeypatch: pytest.MonkeyPatch, limit: str, value: int, code: str
) -> None:
    monkeypatch.setattr(imports, limit, value)
    data = xlsx_bytes([["Comment", "Who"], ["A longer comment", "parent"], ["More", "school"]])
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "x.xlsx")
    assert raised.value.code == code


def test_reading_stops_when_it_takes_longer_than_its_time() -> None:
    data = b"Comment\n" + b"a comment\n" * 2000
    with pytest.raises(ImportFileError) as raised:
        imports.read_table(data, "slow.csv", seconds=0)
    assert raised.value.code == "too_slow"


def test_table_reads_back_the_same_when_stored() -> None:
    table = imports.read_table(b"Comment,Who\nfirst,parent\n\nthird\n", "x.csv")
    again = imports.Table.from_bytes(table.to_bytes())
    assert again == table
    assert again.sample() == [["first", "parent"], ["third", ""]]


def test_consent_to_quote_comes_from_its_column_when_one_is_chosen() -> None:
    table = imports.Table(
        headers=["C", "Quote?"],
        kind="csv",
        rows=[["a", "Yes"], ["b", "no"], ["c", ""], ["d", "maybe"]],
    )
    mapping = Mapping(text=0, consent=1, default_audience="parent_carer")
    rows = list(imports.parse_rows(table, mapping))
    assert [getattr(row, "consent_to_quote", None) for row in rows[:3]] == [True, False, False]
    assert rows[3] == RejectedRow(5, "bad_consent")
