"""Tables that join: pandas reads the workbook with numbers as numbers and joins findings to facts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.contract import SHARED_COLUMNS, TABLE_COLUMNS
from tests.outputs.conftest import Desk


@pytest.fixture(scope="module")
def workbook(desk: Desk, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("xlsx") / "finsam.xlsx"
    assert main(["export", str(desk.out), "--xlsx", str(dest)]) == 0
    return dest


def test_column_names_mean_one_thing_across_sheets() -> None:
    names = Counter(c.name for cols in TABLE_COLUMNS.values() for c in cols)
    assert {n for n, k in names.items() if k > 1} <= SHARED_COLUMNS
    assert "kind" not in names and "period" not in names and "organisation" not in names


def test_pandas_reads_numbers_and_joins_findings_to_facts(workbook: Path) -> None:
    import pandas as pd

    sheets = pd.read_excel(workbook, sheet_name=None)
    assert list(sheets) == ["documents", "facts", "findings", "groups", "comparisons"]
    facts, findings, docs = sheets["facts"], sheets["findings"], sheets["documents"]
    for col in ("value", "page", "span_start", "span_end", "fact_confidence"):
        assert pd.api.types.is_numeric_dtype(facts[col]), col
    assert pd.api.types.is_numeric_dtype(findings["side_value"])
    assert pd.api.types.is_numeric_dtype(docs["n_facts"])
    assert facts["fact_id"].is_unique and facts["path"].notna().all()
    assert 1918000 in set(facts["value"])  # '1 918 000' in seed 001, a number, not text
    joined = findings.dropna(subset=["fact_id"]).merge(facts, on="fact_id", how="left",
                                                       suffixes=("", "_fact"), validate="many_to_one")
    assert len(joined) > 100 and joined["quote"].notna().all()
    assert (joined["side_value"] == joined["value"]).all() and (joined["side_page"] == joined["page"]).all()
    conflict = joined[joined["message"].str.startswith("Motstridiga uppgifter om antal deltagare:")]
    assert sorted(conflict[conflict["document"].str.endswith("001_90a0010f637e51a5")]["value"]) == [31, 33]
    cross = joined[joined["scope"] == "insats"]
    assert cross["document"].nunique() > 2 and cross.groupby("finding_id")["document"].nunique().min() == 2


def test_sheets_are_excel_tables_with_filters_and_formats(workbook: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(workbook)
    for ws in wb:
        assert list(ws.tables), ws.title  # an Excel table: a filter on every column
        assert ws.freeze_panes == "A2"
    facts = wb["facts"]
    header = [c.value for c in facts[1]]
    col = header.index("value") + 1
    unit = header.index("unit") + 1
    formats = {facts.cell(r, unit).value: facts.cell(r, col).number_format
               for r in range(2, facts.max_row + 1)}
    assert formats["SEK"] == '#,##0" kr"' and "%" in formats["percent"]


def test_csv_with_semicolons_and_decimal_commas(desk: Desk, tmp_path: Path) -> None:
    import pandas as pd

    assert main(["export", str(desk.out), "--csv", str(tmp_path), "--csv-sep", ";"]) == 0
    facts = pd.read_csv(tmp_path / "facts.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert 39.9 in set(facts["value"]) and pd.api.types.is_float_dtype(facts["value"])
    line = next(ln for ln in (tmp_path / "facts.csv").read_text("utf-8-sig").splitlines() if ";39,9;" in ln)
    assert "age_mean" in line


def test_query_as_csv_and_json(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    sql = ("SELECT f.finding_id, s.fact_id, s.side_value FROM findings f JOIN finding_sides s "
           "USING (finding_id) WHERE f.scope = 'insats' ORDER BY 1, s.side")
    capsys.readouterr()
    assert main(["query", str(desk.out), sql, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and isinstance(rows[0]["side_value"], int | float) and "#f" in rows[0]["fact_id"]
    assert main(["query", str(desk.out), "SELECT document, n_facts FROM documents ORDER BY 1 LIMIT 2",
                 "--csv", "--csv-sep", ";"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "document;n_facts" and len(lines) == 3
