"""CSV/TSV and XLSX. Every data row becomes one line "Header: value; Header: value", so a row
that ends up alone in a chunk still says what each of its values means."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from ingestion import messages
from ingestion.errors import CorruptFileError, EmptyFileError, UnsafeArchiveError
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section
from ingestion.loaders.textcodec import decode_text

CSV_DELIMITERS = ",;\t|"
SNIFF_SAMPLE_CHARS = 64 * 1024
TAB_SEPARATED = "text/tab-separated-values"
# What openpyxl raises, lazily while rows are read, for a workbook whose parts are damaged.
DAMAGED_WORKBOOK_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    SyntaxError,
)
# Excel keeps 15 significant digits; more only shows binary floating-point noise.
EXCEL_FLOAT_FORMAT = ".15g"


@dataclass(frozen=True)
class Table:
    headers: list[str]
    lines: list[str]
    """One rendered line per non-empty data row."""


def table_from_rows(
    rows: Iterable[Sequence[str]], unnamed_column: Callable[[int], str]
) -> Table | None:
    """The first non-empty row is the header; ``unnamed_column(index)`` names a column whose
    header cell is empty. None when there is no data row."""
    headers: list[str] | None = None
    lines: list[str] = []
    for row in rows:
        if not any(row):
            continue
        if headers is None:
            headers = [cell or unnamed_column(index) for index, cell in enumerate(row)]
            continue
        lines.append(_row_line(headers, row, unnamed_column))
    if headers is None or not lines:
        return None
    return Table(headers=headers, lines=lines)


def _row_line(headers: list[str], row: Sequence[str], unnamed_column: Callable[[int], str]) -> str:
    pairs = (
        (headers[index] if index < len(headers) else unnamed_column(index), value)
        for index, value in enumerate(row)
    )
    return "; ".join(f"{header}: {value}" for header, value in pairs if value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- CSV / TSV --------------------------------------------------------------------------------


class CsvLoader(BaseLoader):
    name: ClassVar[str] = "csv"
    media_types: ClassVar[frozenset[str]] = frozenset({"text/csv", TAB_SEPARATED})
    extensions: ClassVar[frozenset[str]] = frozenset({"csv", "tsv"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        if not blob.data.strip():
            raise EmptyFileError(messages.EMPTY_TABLE_FILE)
        decoded = decode_text(blob.data)
        delimiter = _delimiter(blob, decoded.text)
        table = table_from_rows(_read_csv(decoded.text, delimiter), _numbered_column)
        if table is None:
            raise EmptyFileError(messages.TABLE_WITHOUT_ROWS)
        return LoadedDocument(
            title=blob.stem,
            sections=[Section(text="\n".join(table.lines))],
            properties={
                "sheets": [],
                "rows": len(table.lines),
                "columns": table.headers,
                "delimiter": delimiter,
                "encoding": decoded.encoding,
            },
        )


def _delimiter(blob: Blob, text: str) -> str:
    if blob.media_type == TAB_SEPARATED or blob.extension == "tsv":
        return "\t"
    sample = text[:SNIFF_SAMPLE_CHARS]
    if len(text) > SNIFF_SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut-off last line misleads the sniffer
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _read_csv(text: str, delimiter: str) -> list[list[str]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[_one_line(cell) for cell in row] for row in reader]
    except csv.Error as error:
        raise CorruptFileError(messages.csv_unreadable(error)) from error


def _numbered_column(index: int) -> str:
    return f"column {index + 1}"


# --- XLSX -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    name: str
    table: Table | None


class XlsxLoader(BaseLoader):
    name: ClassVar[str] = "xlsx"
    media_types: ClassVar[frozenset[str]] = frozenset(
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    )
    extensions: ClassVar[frozenset[str]] = frozenset({"xlsx"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        _refuse_zip_bomb(blob.data, limits)
        sheets = _read_workbook(blob.data)
        filled = [(sheet.name, sheet.table) for sheet in sheets if sheet.table is not None]
        if not filled:
            raise EmptyFileError(messages.WORKBOOK_WITHOUT_ROWS)
        return LoadedDocument(
            title=blob.stem,
            sections=[Section(text="\n".join(table.lines), label=name) for name, table in filled],
            properties={
                "sheets": [sheet.name for sheet in sheets],
                "rows": sum(len(table.lines) for _, table in filled),
                "columns": list(dict.fromkeys(h for _, table in filled for h in table.headers)),
            },
        )


def _refuse_zip_bomb(data: bytes, limits: LoadLimits) -> None:
    """An XLSX is a zip archive; its parts are checked before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _damaged_workbook(error) from error
    if expanded > limits.archive_max_total_bytes:
        raise UnsafeArchiveError(
            messages.workbook_expands_too_far(expanded, limits.archive_max_total_bytes)
        )


def _read_workbook(data: bytes) -> list[Sheet]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGED_WORKBOOK_ERRORS as error:
        raise _damaged_workbook(error) from error
    try:
        return [_read_sheet(sheet) for sheet in workbook.worksheets]
    except DAMAGED_WORKBOOK_ERRORS as error:
        raise _damaged_workbook(error) from error
    finally:
        workbook.close()


def _read_sheet(sheet: Worksheet) -> Sheet:
    if isinstance(sheet, ReadOnlyWorksheet):
        # Read-only mode trusts the size the file declares; some writers get it wrong ("A1"),
        # which would silently drop rows.
        sheet.reset_dimensions()
    rows = ([_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
    return Sheet(name=sheet.title, table=table_from_rows(rows, _lettered_column))


def _lettered_column(index: int) -> str:
    return f"column {get_column_letter(index + 1)}"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, EXCEL_FLOAT_FORMAT)
    if isinstance(value, timedelta):
        return str(value)
    return _one_line(str(value))


def _damaged_workbook(error: Exception) -> CorruptFileError:
    return CorruptFileError(messages.workbook_damaged(error))
