"""PDF text layers: pdfplumber's costly de-duplication only on pages that need it."""

from __future__ import annotations

from pipeline.stages.text import has_duplicate_chars


def test_duplicate_glyphs_are_found_only_where_they_are() -> None:
    def glyph(text: str, x: float, y: float) -> dict:
        return {"text": text, "x0": x, "doctop": y, "upright": True, "fontname": "F", "size": 10}

    line = [glyph(c, 10 + 6 * i, 100) for i, c in enumerate("Samordning")]
    assert not has_duplicate_chars(line)
    assert has_duplicate_chars([*line, glyph("m", 22.4, 100.6)])  # bold faked by printing twice
    assert not has_duplicate_chars([*line, glyph("x", 22.4, 100.6)])
