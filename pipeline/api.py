"""From Python, for notebooks: read a document into its typed output; load an output folder as pandas.

    from pipeline import api
    doc = api.extract("rapport.pdf")            # or api.extract("Antal deltagare totalt var 31. ...")
    doc.facts[0].value, doc.facts[0].evidence.quote
    t = api.load("out")                          # DataFrames: documents, facts, findings, groups, comparisons
    t.findings.merge(t.facts, on="fact_id")      # each side of a finding beside the fact it rests on
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.contract import TABLE_COLUMNS
from pipeline.models import DocumentOutput, OcrMode, RunContext
from pipeline.run import run_document

__all__ = ["Tables", "extract", "load"]


def extract(source: str | Path, ocr: OcrMode = "auto") -> DocumentOutput:
    """Run the pipeline on one document and return its typed output (nothing is written).

    `source` is a path (a `Path`, or a string naming an existing file: .txt, .pdf, an image), or
    else the text of a document itself. A file that cannot be read raises
    `pipeline.errors.DocumentError` with the reason.
    """
    with tempfile.TemporaryDirectory(prefix="finsam-") as tmp:
        ctx = RunContext(out_dir=Path(tmp), ocr_mode=ocr)
        if isinstance(source, Path) or _is_file(source):
            return run_document(Path(source), ctx)[0]
        path = Path(tmp) / "dokument.txt"
        path.write_text(source, "utf-8")
        return run_document(path, ctx)[0]


def _is_file(s: str) -> bool:
    try:
        return "\n" not in s and len(s) < 4096 and Path(s).is_file()
    except OSError:
        return False


@dataclass(frozen=True)
class Tables:
    """An output folder as pandas DataFrames, with the columns of `pipeline/contract.py`."""

    documents: Any
    facts: Any
    findings: Any  # one row per side of a finding, with the fact_id it rests on
    groups: Any
    comparisons: Any


def _frame(name: str, rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    cols = TABLE_COLUMNS[name]
    df = pd.DataFrame(rows, columns=[c.name for c in cols])
    for c in cols:
        if c.type == "int":
            df[c.name] = pd.to_numeric(df[c.name]).astype("Int64")
        elif c.type == "real":
            df[c.name] = pd.to_numeric(df[c.name]).astype("float64")
        elif c.type == "date":
            df[c.name] = pd.to_datetime(df[c.name], errors="coerce")
    return df


def load(out_dir: str | Path) -> Tables:
    """Load the outputs of `finsam extract --out DIR` (documents, facts, findings, groups,
    comparisons) as DataFrames that join on `document` and `fact_id`."""
    from pipeline.outputs.tables import tables

    out = Path(out_dir)
    if not out.is_dir():
        raise FileNotFoundError(f"no such output folder: {out}")
    rows = tables(out)
    return Tables(**{name: _frame(name, rows[name]) for name in TABLE_COLUMNS})
