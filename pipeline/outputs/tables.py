"""Analyst exports: one row per fact and per finding, as CSV files or an Excel workbook."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from pipeline.contract import LABEL_FIELDS

FACT_FIELDS = ["document", "page", "type", *LABEL_FIELDS, "text", "value", "value_max", "unit",
               "confidence", "quote"]
FINDING_FIELDS = ["document", "rule", "severity", "message", "values", "pages", "quotes"]
DOCUMENT_FIELDS = ["document", "kind", "title", "insats", "organisation", "period", "status",
                   "errors", "facts", "findings"]


# OWASP's CSV injection advice: a cell starting with one of these is read as a formula by
# spreadsheets, so it gets a leading apostrophe; control characters are dropped (Excel's XML
# cannot hold them, and one would stop the workbook being written).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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


def rows(outs: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    """The three tables (documents, facts, findings) as lists of rows, numbers kept as numbers."""
    docs, facts, findings = [], [], []
    for d in outs:
        name, info = d["_name"], d["document"]
        docs.append([name, info.get("kind"), info.get("title"), info.get("insats"),
                     info.get("organisation"), info.get("period"), d.get("status"),
                     "; ".join(e["message"] for e in d.get("errors", [])), len(d["facts"]),
                     len(d["findings"])])
        for f in d["facts"]:
            row = {**f, "document": name, "page": f["evidence"]["page"],
                   "quote": f["evidence"]["quote"]}
            facts.append([row.get(k) for k in FACT_FIELDS])
        for c in d["findings"]:
            findings.append([name, c["rule"], c["severity"], c["message"],
                             ", ".join(str(v) for v in c["values"]),
                             ", ".join(str(e["page"]) for e in c["evidence"]),
                             " | ".join(e["quote"] for e in c["evidence"])])
    tables = {"documents": [DOCUMENT_FIELDS, *docs], "facts": [FACT_FIELDS, *facts],
              "findings": [FINDING_FIELDS, *findings]}
    return {name: [[safe_cell(v) for v in row] for row in table] for name, table in tables.items()}


def write_csv(out_dir: Path, dest: Path) -> list[Path]:
    """documents.csv, facts.csv and findings.csv in `dest` (UTF-8 with BOM, for Excel)."""
    written = []
    for name, table in rows(load_outputs(out_dir)).items():
        path = dest / f"{name}.csv"
        tmp = dest / f".{name}.csv.tmp"
        dest.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(table)
        tmp.replace(path)
        written.append(path)
    return written


def write_xlsx(out_dir: Path, dest: Path) -> Path:
    """One workbook with a sheet per table; numbers stay numbers."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, table in rows(load_outputs(out_dir)).items():
        ws = wb.create_sheet(name)
        for r in table:
            ws.append(r)
        ws.freeze_panes = "A2"
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    wb.save(tmp)
    tmp.replace(dest)
    return dest

