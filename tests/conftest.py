"""Shared fixtures: the corpus, runs of the pipeline on snippets and files, rendered pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import ExtractionInput
from extractors.document import extract_info
from pipeline.models import DocumentInfo, IngestedDoc, Page, RunContext, TextDoc
from pipeline.stages.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# Golden outputs are rewritten only when this is set; a test asserts it is off.
REGENERATE = os.environ.get("FINSAM_REGENERATE_GOLDEN") == "1"


def text_input(text: str, kind: str | None = None) -> ExtractionInput:
    """An extraction input for a snippet of text (one page, normalised as a real document)."""
    src = IngestedDoc(Path("snippet.txt"), "text", "0" * 64, len(text))
    norm = normalise(TextDoc(src, (Page(1, text, "text"),)))
    inp = ExtractionInput(norm)
    fields = extract_info(inp)
    if kind:
        fields["kind"] = kind
    inp.info = DocumentInfo(source="snippet.txt", **fields)  # type: ignore[arg-type]
    return inp


@pytest.fixture
def ctx(tmp_path: Path) -> RunContext:
    """A run context writing into a temporary folder, one job."""
    return RunContext(out_dir=tmp_path / "out", jobs=1)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the text documents of the corpus."""
    dst = tmp_path / "corpus"
    dst.mkdir()
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, dst / f.name)
    return dst


def render_page(lines: list[str], size: tuple[int, int] = (1700, 2200), font_px: int = 42,
                angle: float = 0.0) -> Image.Image:
    """A white page with the given lines of black text, as a scanner at ~200 dpi would see it."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, font_px)
    y = 150
    for line in lines:
        draw.text((150, y), line, fill=0, font=font)
        y += int(font_px * 1.6)
    if angle:
        img = img.rotate(angle, expand=False, fillcolor=255)
    return img
