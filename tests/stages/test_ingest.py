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
