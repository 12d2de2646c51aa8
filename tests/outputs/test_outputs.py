"""Catalogue, CSV/Excel exports and the HTML report, on a real run over the corpus."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.cli import main


@pytest.fixture
def run(corpus_copy: Path, tmp_path: Path) -> Path:
    """The text corpus plus one broken file and one with a planted script, extracted."""
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe\x00junk" * 50)
    (corpus_copy / "evil.txt").write_text(
        "Helårsrapport <script>document.body.innerHTML='<div id=\"pwned\"></div>'</script>\n\n"
        "Antal deltagare totalt var 12. Av dessa var 5 kvinnor och 6 män.\n", "utf-8")
    out = tmp_path / "out"
    main(["extract", str(corpus_copy), "--out", str(out), "--jobs", "1", "--quiet"])
    return out


def test_catalogue_records_documents_facts_findings(run: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["query", str(run), "SELECT name, status, error FROM documents "
                                    "WHERE status = 'failed'"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "name\tstatus\terror" and lines[1].startswith("broken\tfailed\tnot UTF-8")
    main(["query", str(run), "SELECT COUNT(*) FROM findings WHERE document LIKE '001%'"])
    assert capsys.readouterr().out.splitlines()[1] == "4"
    assert main(["query", str(run), "DELETE FROM facts"]) == 3  # read-only


def test_csv_and_xlsx(run: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert main(["export", str(run), "--csv", str(tmp_path / "csv"),
                 "--xlsx", str(tmp_path / "a.xlsx")]) == 0
    with (tmp_path / "csv" / "facts.csv").open(encoding="utf-8-sig") as f:
        facts = list(csv.DictReader(f))
    assert any(r["document"].startswith("001") and r["value"] == "31" for r in facts)
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["documents", "facts", "findings"]
    values = [r[17] for r in wb["facts"].iter_rows(min_row=2, values_only=True)]
    assert 743087 in values and all(v is None or isinstance(v, int | float) for v in values)
    findings = list(wb["findings"].iter_rows(min_row=2, values_only=True))
    assert len([f for f in findings if f[0].startswith("001")]) == 4


def test_html_report_escapes_and_shows_both_sides(run: Path, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    assert main(["report", str(run), "--html", str(html)]) == 0
    text = html.read_text("utf-8")
    assert "<script" not in text and "&lt;script&gt;" in text
    conflict = text[text.index("Motstridiga uppgifter om antal deltagare:"):]
    conflict = conflict[:conflict.index("</div></div>")]
    assert conflict.count('<div class="side">s. ') == 2 and "var 31" in conflict
    assert "broken" in text and "Misslyckade dokument" in text
    assert "http://" not in text.replace("http://www.w3", "") and "src=\"http" not in text
    data = json.loads((run / "evil.json").read_text("utf-8"))
    assert data["findings"] and data["findings"][0]["rule"] == "gender_sum"
