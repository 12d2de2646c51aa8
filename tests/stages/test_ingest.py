"""Ingest and the text stage on real files: kinds by content, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.errors import UnreadableInput
from pipeline.models import RunContext
from pipeline.stages.ingest import find_inputs, ingest
from pipeline.stages.text import read_text, read_text_pages
from tests.conftest import FONT


def _pdf(path: Path, lines: list[str], password: str | None = None) -> Path:
    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for ln in lines:
        pdf.cell(0, 8, ln, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))
    return path


SWEDISH = ["Helårsrapport för Samverkansteamet", "Antal deltagare totalt var 27.",
           "Av dessa var 12 kvinnor och 15 män.", "Försäkringskassan och Arbetsförmedlingen",
           "Personal\t412 000"]


def test_text_file_pages(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Sida ett\n\n\n\nSida två\fSida tre", "utf-8")
    doc = read_text_pages(ingest(f))
    assert [p.text for p in doc.pages] == ["Sida ett\n\n\n\nSida två", "Sida tre"]
    f.write_text("Sida ett\n\n\n\n\nSida två", "utf-8")
    assert [p.text for p in read_text_pages(ingest(f)).pages] == ["Sida ett", "Sida två"]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("junk.txt", bytes(range(256)) * 4, "not UTF-8"),
    ("nul.txt", b"abc\x00\x01\x02\x03\x04def" * 10, "binary content"),
    ("fake.pdf", b"hello, I am not a pdf", "not a PDF"),
    ("fake.png", b"GIF89a....", "not an image"),
])
def test_bad_input_names_file_and_reason(tmp_path: Path, name: str, data: bytes,
                                         reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(UnreadableInput) as exc:
        read_text(ingest(f), RunContext(tmp_path))
    assert name in str(exc.value) and reason in str(exc.value)


def test_kind_by_content_when_the_name_lies(tmp_path: Path) -> None:
    f = _pdf(tmp_path / "really_a_pdf.txt", SWEDISH)
    assert ingest(f).kind == "pdf"


def test_find_inputs_recurses_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "d" / ".hidden").mkdir(parents=True)
    for p in ("d/a.txt", "d/b.pdf", "d/c.doc", "d/.hidden/x.txt"):
        (tmp_path / p).write_text("x")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "b.pdf"]


def test_pdf_text_layer_read_with_positions(tmp_path: Path) -> None:
    f = _pdf(tmp_path / "report.pdf", SWEDISH)
    doc = read_text(ingest(f), RunContext(tmp_path, ocr_mode="auto"))
    (page,) = doc.pages
    assert page.source == "text_layer"
    assert "Antal deltagare totalt var 27." in page.text
    assert "Försäkringskassan och Arbetsförmedlingen" in page.text
    word = next(w for w in page.words if page.text[w.start:w.end] == "27.")
    assert 0 < word.bbox[0] < word.bbox[2] <= (page.width or 0)


def test_encrypted_pdf_is_reported(tmp_path: Path) -> None:
    f = _pdf(tmp_path / "locked.pdf", SWEDISH, password="hemligt")
    with pytest.raises(UnreadableInput, match="locked.pdf.*encrypted"):
        read_text(ingest(f), RunContext(tmp_path))


def test_truncated_pdf_is_reported(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "good.pdf", SWEDISH).read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(good[: len(good) // 3])
    with pytest.raises(UnreadableInput, match="cut.pdf.*(corrupt|truncated)"):
        read_text(ingest(f), RunContext(tmp_path))


def test_decompression_bomb_is_reported(tmp_path: Path) -> None:
    from PIL import Image

    f = tmp_path / "bomb.png"
    Image.new("1", (21_000, 21_000), 1).save(f)
    with pytest.raises(UnreadableInput, match="bomb.png.*decompression bomb"):
        read_text(ingest(f), RunContext(tmp_path))


# --- encodings ---------------------------------------------------------------------------------

SV = "Försäkringskassan och Arbetsförmedlingen: 12 kvinnor och 15 män deltog i år, ”bra” – säger Åsa.\n"


@pytest.mark.parametrize("data, encoding", [
    (SV.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SV.encode("utf-8"), "utf-8"),
    (SV.encode("utf-16"), "utf-16"),
    (SV.encode("utf-16-le"), "utf-16-le"),
    (SV.encode("utf-16-be"), "utf-16-be"),
    (SV.encode("cp1252"), "cp1252"),
    (SV.replace("”", '"').replace("–", "-").encode("latin-1"), "cp1252"),  # the same bytes
    (SV.replace("”", '"').replace("–", "-").encode("cp850"), "cp850"),
    (SV.replace("”", '"').replace("–", "-").encode("mac-roman"), "mac-roman"),
])
def test_text_encodings_are_read_and_recorded(tmp_path: Path, data: bytes, encoding: str) -> None:
    f = tmp_path / "old.txt"
    f.write_bytes(data)
    doc = read_text_pages(ingest(f))
    assert doc.encoding == encoding
    assert "Försäkringskassan" in doc.pages[0].text and "Åsa" in doc.pages[0].text


def test_mostly_utf8_with_a_stray_byte_is_utf8_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "mixed.txt"
    f.write_bytes(SV.encode() + b"S\xe4ter\n" + SV.encode())
    doc = read_text_pages(ingest(f))
    assert doc.encoding == "utf-8" and "män" in doc.pages[0].text
    assert doc.warnings and "replaced" in doc.warnings[0]


# --- PDFs: readers agree, fall back, placeholders, pixel cap, Tesseract's own errors ----------


def test_pdf_junk_before_header_is_read_by_pdfplumber(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "good.pdf", SWEDISH).read_bytes()
    f = tmp_path / "wrapped.pdf"
    f.write_bytes(b"From: arkiv\n" * 200 + good)  # pdfium wants the header in the first 1 KB
    doc = read_text(ingest(f), RunContext(tmp_path))
    assert "Antal deltagare totalt var 27." in doc.pages[0].text
    assert doc.warnings and "pdfium" in doc.warnings[0]


def test_pdf_that_pdfplumber_refuses_is_read_by_pdfium(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "good.pdf", SWEDISH).read_bytes()
    f = tmp_path / "tree.pdf"
    f.write_bytes(good.replace(b"/Type /Pages", b"/Type /Pagex"))
    doc = read_text(ingest(f), RunContext(tmp_path))
    assert doc.pages[0].source == "text_layer"
    assert "Försäkringskassan och Arbetsförmedlingen" in doc.pages[0].text
    assert "pdfplumber" in doc.warnings[0]


def test_readers_disagreeing_on_page_count_use_one_reader(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    for i in range(3):
        pdf.add_page()
        pdf.cell(0, 8, f"Sida {i + 1}: Antal deltagare totalt var {20 + i} personer i Falun.")
    f = tmp_path / "count.pdf"
    f.write_bytes(bytes(pdf.output()).replace(b"/Count 3", b"/Count 5"))
    doc = read_text(ingest(f), RunContext(tmp_path))
    assert "oeniga om antalet sidor" in doc.warnings[0]
    for i in range(3):  # page N's text is page N's
        assert f"Sida {i + 1}:" in doc.pages[i].text
    assert all(p.error for p in doc.pages[3:])  # the pages the page tree claims are errors, not lost


def test_placeholder_text_is_not_a_text_layer() -> None:
    from pipeline.stages.text import placeholder_share

    cid = [{"text": "(cid:1)(cid:2)(cid:3)"}, {"text": "357:AHA"}, {"text": "Falun"}]
    assert placeholder_share(cid) > 0.1  # above the share where a text layer is not text
    bullets = [{"text": "(cid:127)"}] + [{"text": w} for w in SWEDISH[1].split()] * 3
    assert placeholder_share(bullets) < 0.1  # a bullet glyph in real text is not garbage


@pytest.mark.slow
def test_cid_text_layer_is_ocred(tmp_path: Path) -> None:
    import re

    good = _pdf(tmp_path / "good.pdf", SWEDISH).read_bytes()
    f = tmp_path / "cid.pdf"
    f.write_bytes(re.sub(rb"/ToUnicode \d+ 0 R", b"", good))
    (page,) = read_text(ingest(f), RunContext(tmp_path)).pages
    assert page.source == "ocr" and "cid" in (page.warning or "")
    assert "Försäkringskassan" in page.text and "(cid:" not in page.text


@pytest.mark.slow
def test_huge_page_is_rendered_under_the_pixel_cap(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(14400, 14400))  # 200 inches square: 3.6 gigapixels at 300 dpi
    pdf.add_page()
    f = tmp_path / "wall.pdf"
    pdf.output(str(f))
    (page,) = read_text(ingest(f), RunContext(tmp_path, max_pixels=2_000_000)).pages
    assert page.source == "ocr" and page.width is not None and page.height is not None
    assert page.width * page.height <= 2_000_000
    assert "dpi" in (page.warning or "") and "--max-pixels" in (page.warning or "")


def test_tesseract_failure_is_reported_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.errors import PageError
    from pipeline.stages.ocr import ocr_image
    from tests.conftest import render_page

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # no language data there
    with pytest.raises(PageError) as exc:
        ocr_image(render_page(["Antal deltagare totalt var 27."]), 1, timeout=60)
    assert "Tesseract failed" in exc.value.reason and "timed out" not in exc.value.reason
    assert "swe" in exc.value.reason or "data" in exc.value.reason.lower()
