"""Analyst exports: documents, facts, findings (a row per side), groups, comparisons as CSV or Excel.

The columns are those of `pipeline/contract.py`; the same rows fill the catalogue. Every fact row
carries its `fact_id`, and every side of a finding the `fact_id` it rests on, so the two join.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.contract import TABLE_COLUMNS, Column
from pipeline.outputs.rows import Row, crossdoc_rows, document_row, fact_rows, finding_rows, sheet_findings

# OWASP's CSV injection advice: a cell starting with one of these is read as a formula by
# spreadsheets, so it gets a leading apostrophe; control characters are dropped (Excel's XML
# cannot hold them, and one would stop the workbook being written).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Excel number formats: the unit is part of the format, the cell stays a number.
UNIT_FORMAT = {"SEK": '#,##0" kr"', "percent": '0.0" %"', "persons": "#,##0", "years": "0.0",
               "months": "0.0", "days": "#,##0", "hours_per_month": "0.0", "fte": "0.00"}
COLUMN_FORMAT = {"int": "0", "real": "#,##0.0", "date": "yyyy-mm-dd"}
SPECIAL_FORMAT = {"ratio": "0%", "fact_confidence": "0.00"}
VALUE_UNIT = {"value": "unit", "value_max": "unit", "side_value": "side_unit", "plan_value": "unit",
              "report_value": "unit"}
TABLE_STYLE = "TableStyleMedium2"


def safe_cell(value: Any) -> Any:
    """A value that a spreadsheet shows as it is: numbers as numbers, text never as a formula."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_START) else text


def load_outputs(out_dir: Path) -> list[dict[str, Any]]:
    """Every output JSON under a folder, sorted by name, each with its name under '_name'."""
    from pipeline.outputs.catalogue import output_files

    outs = []
    for name, p in output_files(out_dir):
        try:
            data = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "document" in data:
            data["_name"] = name
            outs.append(data)
    return outs


def tables(out_dir: Path) -> dict[str, list[Row]]:
    """The five tables of an output folder, as rows keyed by the contract's column names."""
    from pipeline.crossdoc.stage import analyse
    from pipeline.outputs.catalogue import sources

    outs = load_outputs(out_dir)
    paths = sources(out_dir)
    cross = crossdoc_rows(analyse([(d["_name"], d) for d in outs]))
    group_of = {g["document"]: g["insats_group"] for g in cross["groups"]}
    docs, facts, findings, sides = [], [], [], []
    for d in outs:
        name = d["_name"]
        path = paths.get(name, d["document"].get("source"))
        docs.append(document_row(name, path, d, group_of.get(name)))
        facts += fact_rows(name, path, d)
        f, s = finding_rows(name, d)
        findings += f
        sides += s
    return {"documents": docs, "facts": facts,
            "findings": sheet_findings(findings + cross["findings"], sides + cross["finding_sides"]),
            "groups": cross["groups"], "comparisons": cross["comparisons"]}


def _cells(table: str, rows: list[Row]) -> Iterator[list[Any]]:
    cols = TABLE_COLUMNS[table]
    yield [c.name for c in cols]
    for r in rows:
        yield [safe_cell(r.get(c.name)) for c in cols]


def _csv_value(v: Any, decimal_comma: bool) -> Any:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if decimal_comma and isinstance(v, float):
        return repr(v).replace(".", ",")
    return "" if v is None else v


def csv_lines(rows: Iterable[Iterable[Any]], sep: str = ",") -> Iterator[str]:
    """Rows as CSV lines (';' as separator also gives decimal commas, as Swedish Excel reads them)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_value(safe_cell(v), sep == ";") for v in row])
        yield buf.getvalue().rstrip("\n")
        buf.seek(0)
        buf.truncate()


def write_csv(out_dir: Path, dest: Path, sep: str = ",") -> list[Path]:
    """documents.csv, facts.csv, findings.csv, groups.csv, comparisons.csv (UTF-8 with BOM)."""
    written = []
    dest.mkdir(parents=True, exist_ok=True)
    for name, rows in tables(out_dir).items():
        path = dest / f"{name}.csv"
        tmp = dest / f".{name}.csv.tmp"
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            for line in csv_lines(_cells(name, rows), sep):
                f.write(line + "\r\n")
        tmp.replace(path)
        written.append(path)
    return written


def _excel_value(col: Column, v: Any) -> Any:
    if col.type == "date" and isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def _number_format(col: Column, row: Row, v: Any) -> str | None:
    if not isinstance(v, int | float | dt.date):
        return None
    if col.name in SPECIAL_FORMAT:
        return SPECIAL_FORMAT[col.name]
    if col.name in VALUE_UNIT:
        fmt = UNIT_FORMAT.get(row.get(VALUE_UNIT[col.name]) or "", "#,##0.##")
        return fmt.replace("0.0", "0") if float(v).is_integer() and "0.0" in fmt else fmt
    return COLUMN_FORMAT.get(col.type)


def write_xlsx(out_dir: Path, dest: Path) -> Path:
    """One workbook, a sheet per table, each an Excel table with a filter; numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables(out_dir).items():
        ws = wb.create_sheet(name)
        cols = TABLE_COLUMNS[name]
        ws.append([c.name for c in cols])
        widths = [len(c.name) for c in cols]
        for n, r in enumerate(rows, 2):
            ws.append([_excel_value(c, safe_cell(r.get(c.name))) for c in cols])
            for i, c in enumerate(cols):
                cell = ws.cell(row=n, column=i + 1)
                fmt = _number_format(c, r, cell.value)
                if fmt:
                    cell.number_format = fmt
                widths[i] = max(widths[i], min(60, len(str(cell.value or ""))))
        ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"
        if rows:
            table = Table(displayName=f"finsam_{name}", ref=ref)
            table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
            ws.add_table(table)
        else:  # Excel wants a data row in a table: an empty sheet gets a plain filter
            ws.auto_filter.ref = ref
        for i, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = w + 2
        ws.freeze_panes = "A2"
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    wb.save(tmp)
    tmp.replace(dest)
    return dest
