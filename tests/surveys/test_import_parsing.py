"""surveys/imports/parsing.py on its own: no app, no database."""

import io
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
