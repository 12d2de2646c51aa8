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
        "Antal deltagare totalt var 12. Av dessa var 5 kvinnor och 6 män.\n"
        "\nKostnader\n<b>Personal</b> & lön\t500 000\n<i>Lokaler</i>\t60 000\nSumma kostnader\t560 000\n",
        "utf-8")
    (corpus_copy / "<img src=x onerror=alert(1)>.txt").write_text(
        "Antal deltagare totalt var 9. Av dessa var 4 kvinnor och 4 män.\n", "utf-8")
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
    assert all(r["fact_id"] == f"{r['document']}#f{r['fact_id'].rsplit('#f', 1)[1]}" for r in facts)
    wb = load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["documents", "facts", "findings", "groups", "comparisons"]
    header = [c.value for c in wb["facts"][1]]
    values = [r[header.index("value")] for r in wb["facts"].iter_rows(min_row=2, values_only=True)]
    assert 743087 in values and all(v is None or isinstance(v, int | float) for v in values)
    head = [c.value for c in wb["findings"][1]]
    sides = [dict(zip(head, r, strict=True)) for r in wb["findings"].iter_rows(min_row=2, values_only=True)]
    of_001 = [s for s in sides if s["scope"] == "document" and s["document"].startswith("001")]
    assert len({s["finding_id"] for s in of_001}) == 4 and len(of_001) == 8  # two sides each
    assert {s["side_value"] for s in of_001 if s["finding_id"].endswith("#c1")} == {31, 33}


def test_html_report_escapes_and_shows_both_sides(run: Path, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    assert main(["report", str(run), "--html", str(html)]) == 0
    text = html.read_text("utf-8")
    assert "<script" not in text and "&lt;script&gt;" in text
    # a file name and labels from the text (an outcome's category) are text, not markup
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<b>personal</b>" not in text and "&lt;b&gt;personal&lt;/b&gt; &amp; lön" in text  # a label
    assert "<i>Lokaler" not in text and "&lt;i&gt;Lokaler&lt;/i&gt;" in text
    conflict = text[text.index("Motstridiga uppgifter om antal deltagare:"):]
    conflict = conflict[:conflict.index('<div class="finding')]
    assert conflict.count('<figure class="side">') == 2 and "var <mark>31</mark>" not in conflict
    assert "<mark>Antal deltagare totalt för perioden 20220701–20230630 var 31</mark>" in conflict
    assert "broken" in text and "Misslyckade dokument" in text
    assert "http://" not in text.replace("http://www.w3", "") and "src=\"http" not in text
    data = json.loads((run / "evil.json").read_text("utf-8"))
    assert data["findings"] and data["findings"][0]["rule"] == "gender_sum"
