"""Text-layer PDFs made at test time (tests/pdfs.py): turned pages, wrapped and grouped table
headings, an English page; real PDFs read by pdfplumber, no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import IngestedDoc, RunContext
from pipeline.run import run_document
from pipeline.stages.normalise import normalise
from pipeline.stages.text import read_pdf_pages
from tests.pdfs import english_pdf, table_pdf, wide_table_pdf, wrapped_budget_pdf


def _text(pdf: Path) -> list[str]:
    doc = IngestedDoc(pdf, "pdf", "", pdf.stat().st_size)
    return [p.text for p in read_pdf_pages(doc, RunContext(pdf.parent, ocr_mode="never")).pages]


def _facts(pdf: Path) -> set[tuple]:
    out, _ = run_document(pdf, RunContext(pdf.parent))
    return {(f.type, f.value, f.measure, f.gender, f.category, f.label, f.column) for f in out.facts}


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_turned_page_reads_as_its_unturned_copy(tmp_path: Path, rotate: int) -> None:
    upright = _text(table_pdf(tmp_path / "upright.pdf"))
    turned = _text(table_pdf(tmp_path / f"turned{rotate}.pdf", rotate=rotate))
    assert turned == upright
    assert "Ankeby\t12\t15\t27" in turned[0]
    facts = _facts(tmp_path / f"turned{rotate}.pdf")
    assert facts == _facts(tmp_path / "upright.pdf")
    assert ("participants", 12, "total", "women", "Ankeby", None, None) in facts


@pytest.mark.parametrize("ruled", [True, False])
def test_wrapped_table_heading_is_one_heading(tmp_path: Path, ruled: bool) -> None:
    pdf = wrapped_budget_pdf(tmp_path / "budget.pdf", ruled)
    text = _text(pdf)[0]
    assert ("Samverkansteamet Kullby\tUtfall jan-juni 2024\tBudget jan-juni 2024\tBudget 2024\t"
            "Avvikelse 2024\n") in text
    assert "Personal\t612 400\t640 000\t1 280 000\t27 600" in text
    assert "Kullby\t2024" not in text  # the heading's second line is no budget row
    out, _ = run_document(pdf, RunContext(tmp_path))
    lines = {(f.label, f.column, f.value) for f in out.facts if f.type == "budget_line"}
    assert ("Summa", "Budget 2024", 1_420_000) in lines
    assert ("Lokaler", "Avvikelse 2024", -3250) in lines
    assert not any(f.label == "Kullby" or f.value == 2024 for f in out.facts)
    assert [c for c in out.findings if c.severity != "info"] == []


@pytest.mark.parametrize("ruled", [True, False])
def test_repeated_sub_headings_keep_their_group(tmp_path: Path, ruled: bool) -> None:
    pdf = wide_table_pdf(tmp_path / "wide.pdf", ruled)
    text = _text(pdf)[0]
    assert "Post\t2023 Budget\t2023 Utfall\t2024 Budget\t2024 Utfall\n" in text
    out, _ = run_document(pdf, RunContext(tmp_path))
    lines = {(f.label, f.column, f.value) for f in out.facts if f.type == "budget_line"}
    assert {("Personal", "2023 Budget", 410_000), ("Personal", "2024 Budget", 430_000),
            ("Summa", "2024 Utfall", 515_700)} <= lines
    # Two columns named alike are two quantities: no conflict quoting one row against itself.
    assert [c for c in out.findings if c.severity != "info"] == []


def test_english_page_is_left_as_it_is(tmp_path: Path) -> None:
    pdf = english_pdf(tmp_path / "english.pdf")
    doc = IngestedDoc(pdf, "pdf", "", pdf.stat().st_size)
    raw = read_pdf_pages(doc, RunContext(tmp_path, ocr_mode="never"))
    norm = normalise(raw)
    english, swedish = norm.text.split("\f")
    # No word of the English page is 'repaired' ('at' -> 'åt', 'far' -> 'får', 'for' -> 'för').
    assert [e for e in norm.edits if e.raw_start < len(raw.pages[0].text)
            and not e.reason.startswith(("number", "decimal"))] == []
    assert {"at", "far", "For", "man"} - set(english.split()) == {"man"}
    assert english.split()[:4] == ["The", "partnership", "at", "the"]
    # Its numbers are read as the page means them: 18,870 is eighteen thousand.
    assert "18\u00a0870 residents" in english and "2\u00a0450\u00a0000" in english
    assert "2,125 million" in english
    assert swedish.startswith("Samordningsförbundet har under året")
    out, _ = run_document(pdf, RunContext(tmp_path))
    assert not any(f.value in (18.87, 2.45) for f in out.facts)


def test_stripped_swedish_text_layer_is_still_repaired(tmp_path: Path) -> None:
    from fpdf import FPDF

    from tests.pdfs import FONTS, SWEDISH

    flat = SWEDISH.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
    pdf = FPDF(format="A4")
    pdf.add_font("sans", fname=f"{FONTS}/LiberationSans-Regular.ttf")
    pdf.set_font("sans", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, flat)
    path = tmp_path / "flat.pdf"
    pdf.output(str(path))
    doc = IngestedDoc(path, "pdf", "", path.stat().st_size)
    norm = normalise(read_pdf_pages(doc, RunContext(tmp_path, ocr_mode="never")))
    assert "Samordningsförbundet har under året" in norm.text
