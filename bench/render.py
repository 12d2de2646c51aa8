"""New renders of a seed text for `make bench`: another typesetting, as a text-layer PDF and as scans.

The typesetting differs from the scans in `../shared/scans` on purpose: another font and size,
paragraphs re-wrapped to another measure, and every table set as a real table whose columns are
too narrow for their headings, so a heading such as 'Budget 2023' wraps over two lines. The
text-layer PDF is then rasterised at 300 or 200 dpi and degraded as an office or a hard scan
(skew, blur, noise, specks, JPEG), with a seeded random draw, and saved as an image-only PDF.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

FONTS = "/usr/share/fonts/truetype/liberation"
PAGE_BREAK = re.compile(r"\f|\n[ \t]*\n[ \t]*\n[ \t]*\n+")
LEADER = re.compile(r"\.{4,}|…{2,}|\d\s*%?\s*$")  # a dot leader or a figure at the line's end
NUMBER_CELL = re.compile(r"[-−]?\d[\d  .,]*%?")


def clean_leaders(text: str) -> str:
    """Dot leaders as a page shows them: the letters OCR made of the dots ('....ccooee') back to dots."""
    from pipeline.stages.normalise import _leader_edits

    out, pos = [], 0
    for e in sorted(_leader_edits(text), key=lambda e: e.raw_start):
        out += [text[pos:e.raw_start], " " + "." * 12 + " "]
        pos = e.raw_end
    return "".join(out) + text[pos:]


def _plain(line: str) -> tuple[str, bool]:
    """A line without markdown marks, and whether it is a heading ('## Mål', '**Budget**')."""
    heading = line.lstrip().startswith("#") or bool(re.fullmatch(r"\s*\*\*[^*]+\*\*\s*", line))
    return re.sub(r"\*\*|__", "", line.lstrip("# ")).strip(), heading


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """('table', rows) for runs of tab-separated lines; ('heading', [line]) and ('par', [text]) for
    the rest, a paragraph's lines joined (list items and numbered headings stand alone)."""
    out: list[tuple[str, list[str]]] = []
    for page in PAGE_BREAK.split(text):
        joined = ""
        for line in page.split("\n"):
            if not line.strip():
                joined = ""
                continue
            if "\t" in line:
                if joined == "table":
                    out[-1][1].append(line)
                else:
                    out.append(("table", [line]))
                joined = "table"
                continue
            plain, heading = _plain(line)
            item = re.match(r"\s*(?:[-•*]\s|\d+\.?\s+[A-ZÅÄÖ])", line) or LEADER.search(line)
            if heading or (len(plain) < 60 and not plain.endswith((".", ",", ":", "?"))
                           and plain[:1].isupper() and joined != "par"):
                out.append(("heading", [plain]))
                joined = ""
            elif joined == "par" and not item and not LEADER.search(out[-1][1][0]):
                out[-1][1][0] += " " + plain
            else:
                out.append(("par", [plain]))
                joined = "par"
    return out


def _col_widths(rows: list[list[str]], pdf, usable: float) -> list[float]:
    """Column widths in mm: each number column as wide as its widest number, the headings left to
    wrap; the first column takes what is left."""
    n = max(len(r) for r in rows)
    widths = [0.0] * n
    for r in rows[1:] or rows:
        for k, c in enumerate(r):
            widths[k] = max(widths[k], pdf.get_string_width(c) + 4)
    for k in range(1, n):
        longest_word = max((pdf.get_string_width(w) * 1.12 + 5 for w in rows[0][k].split()),
                           default=0.0) if k < len(rows[0]) else 0.0
        widths[k] = max(widths[k], longest_word, 16.0)
    style = pdf.font_style
    pdf.set_font(style="B")  # headings are bold: no word of theirs may be cut
    longest = max(pdf.get_string_width(w) + 5 for r in rows for w in r[0].split() or [""])
    pdf.set_font(style=style)
    widths[0] = max(max(pdf.get_string_width(r[0]) for r in rows[1:] or rows) + 4, 25.0, longest)
    widths[0] = min(widths[0], usable - sum(widths[1:]))
    scale = min(1.0, usable / sum(widths))
    return [w * scale for w in widths]


def typeset(text: str, dest: Path, ruled: bool = True) -> Path:
    """The text set anew as a PDF with a text layer: Liberation Sans, tables as tables."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("sans", fname=f"{FONTS}/LiberationSans-Regular.ttf")
    pdf.add_font("sans", style="B", fname=f"{FONTS}/LiberationSans-Bold.ttf")
    pdf.add_page()
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, lines in _blocks(text):
        if kind != "table":
            heading = kind == "heading"
            pdf.set_font("sans", "B" if heading else "", 11.5 if heading else 10)
            pdf.multi_cell(0, 5.2, lines[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.8)
            continue
        rows = [[c.strip() for c in ln.split("\t")] for ln in lines]
        n = max(len(r) for r in rows)
        rows = [r + [""] * (n - len(r)) for r in rows]
        pdf.set_font("sans", "", 9.5)
        numeric = sum(bool(NUMBER_CELL.fullmatch(c)) for r in rows[1:] for c in r[1:])
        with pdf.table(col_widths=_col_widths(rows, pdf, usable), width=min(usable, sum(
                _col_widths(rows, pdf, usable))), text_align=["LEFT"] + ["RIGHT"] * (n - 1),
                borders_layout="ALL" if ruled and n > 2 else "HORIZONTAL_LINES" if ruled else "NONE",
                first_row_as_headings=n > 2 and numeric > 0, line_height=4.6,
                headings_style=FontFace(emphasis="BOLD"), align="LEFT", v_align="TOP",
                padding=(0.8, 1.2)) as table:
            for r in rows:
                row = table.row()
                for c in r:
                    row.cell(c)
        pdf.ln(3)
    pdf.output(str(dest))
    return dest


PROFILES = {
    # skew (degrees), blur radius (px at 300 dpi), noise sd, specks per page, ink, paper, JPEG quality
    "office": (0.5, 0.45, 5.0, 180, 25, 246, 80),
    "hard": (1.2, 0.9, 14.0, 1400, 60, 228, 45),
}


def degrade(page: Image.Image, profile: str, dpi: int, rng: np.random.Generator) -> Image.Image:
    """One rendered page as a scanner would give it: turned a little, blurred, noisy, specked."""
    skew, blur, noise, specks, ink, paper, _ = PROFILES[profile]
    gray = page.convert("L")
    gray = gray.rotate(float(rng.uniform(-skew, skew)), resample=Image.BICUBIC, fillcolor=255)
    if blur:
        gray = gray.filter(ImageFilter.GaussianBlur(blur * dpi / 300))
    a = np.asarray(gray, dtype=np.float32) / 255.0
    a = ink + (paper - ink) * a  # paper not quite white, ink not quite black
    a += rng.normal(0.0, noise, a.shape)
    h, w = a.shape
    r = max(1, round(dpi / 150))
    for y, x in zip(rng.integers(0, h - r, specks), rng.integers(0, w - r, specks), strict=True):
        a[y:y + r, x:x + r] = ink
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def scan(pdf: Path, dest: Path, dpi: int, profile: str, seed: int) -> Path:
    """An image-only PDF of every page of `pdf`, rendered at `dpi` and degraded as `profile`."""
    import pypdfium2

    rng = np.random.default_rng(seed)
    quality = PROFILES[profile][-1]
    doc = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for i in range(len(doc)):
        img = degrade(doc[i].render(scale=dpi / 72).to_pil(), profile, dpi, rng)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    doc.close()
    first, *rest = pages
    first.save(dest, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return dest
