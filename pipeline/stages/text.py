"""Text stage: raw text per page from plain text, PDF text layers, or Tesseract OCR of images."""

from __future__ import annotations

import codecs
import math
import re
import time
import unicodedata
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import DocumentError, MissingDependency, PageError, UnreadableInput
from pipeline.models import BBox, IngestedDoc, Page, PageContext, RunContext, TextDoc, Word
from pipeline.stages.layout import Box, Line, join_tables, render, ruled_table, split_cells, to_frame
from pipeline.stages.ocr import check_tesseract, ocr_image

# The seeds' plain-text exports mark a page break with three or more blank lines.
BLANK_PAGE_BREAK = re.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n+")
# Control characters other than tab, newline, carriage return and form feed mean binary junk.
JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# Old Swedish archives: Windows, ISO 8859-1, DOS and classic Mac text, tried in this order.
LEGACY = ("cp1252", "latin-1", "cp850", "mac-roman")
SAMPLE = 200_000  # bytes looked at to choose an encoding
WORD = re.compile(r"[^\W\d_]+")
TEXT_PUNCT = set("–—‘’‚“”„…•·«»§°½¼¾€£±×÷¶©®™\u00a0\u00ad")
# Glyphs a PDF font could not map to text: pdfminer's (cid:N), private-use code points, U+FFFD.
PLACEHOLDER = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
PLACEHOLDER_SHARE = 0.1  # above this share of a page's glyphs, its text layer is not text
# A scanned page is rendered at the resolution it was scanned at, within these bounds: below 200
# dpi Tesseract loses small print, above 400 it only gets slower (see `make bench`, "OCR speed").
MIN_DPI, MAX_DPI = 200, 400


def _junk_count(text: str) -> int:
    return len(JUNK.findall(text))


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return latin / len(letters) if letters else 1.0


def _swedish_score(text: str) -> int:
    """Known Swedish words with letters beyond ASCII, less characters no text would hold."""
    from pipeline.repair.lexicon import zipf

    known = sum(1 for w in WORD.findall(text) if not w.isascii() and zipf(w) > 0)
    odd = sum(1 for c in text if ord(c) > 127 and not c.isalpha() and not c.isspace()
              and c not in TEXT_PUNCT)
    return known - odd


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL, as in UTF-16 Latin text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _candidates(data: bytes) -> list[tuple[str, str, bytes]]:
    """(codec, name to record, bytes) to try, most trusted first."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return [(codec, codec.replace("-sig", ""), data)]
    out = []
    wide = _utf16_without_bom(data[:SAMPLE])
    if wide:
        out.append((wide, wide, data))
    out.append(("utf-8", "utf-8", data))
    return out


def decode_text(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode text bytes: UTF-8, UTF-16/32 with a BOM, else the legacy encoding that reads as Swedish.

    Returns the text, the encoding and warnings; raises ValueError with the reason when no
    encoding gives text.
    """
    detail = "binary content (control characters)"
    for codec, name, raw in _candidates(data):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            detail = f"undecodable byte 0x{raw[exc.start]:02x} at offset {exc.start}"
            continue
        if _junk_count(text[:20000]) <= 3 and _latin_share(text[:20000]) >= 0.8:
            return text, name, ()
        if _latin_share(text[:20000]) < 0.8:
            detail = f"decodes as {name} but is not Latin-script text"
    sample = data[:SAMPLE]
    best: tuple[int, int, str] | None = None
    for rank, codec in enumerate(("utf-8", *LEGACY)):
        text = _decoded(sample, codec)
        if text is None:
            continue
        if _junk_count(text[:20000]) > 3:
            detail = "binary content (control characters)"
            continue
        if _latin_share(text) < 0.8:
            detail = "not Latin-script text in any of them"
            continue
        score = _swedish_score(text) - (text.count("\ufffd") if codec == "utf-8" else 0)
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, codec)
    if best is None:
        raise ValueError(f"not UTF-8, UTF-16, cp1252 or Latin-1 text: {detail}")
    codec = best[2]
    if codec == "utf-8":
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, "utf-8", (f"{bad} byte sequences that are not UTF-8 were replaced by U+FFFD",)
    return data.decode(codec, errors="replace"), codec, ()


def _decoded(sample: bytes, codec: str) -> str | None:
    """The sample in `codec`; UTF-8 with bad bytes replaced, the others only when they decode."""
    if codec == "utf-8":
        return sample.decode(codec, errors="replace")
    try:
        return sample.decode(codec)
    except UnicodeDecodeError:
        return None


def read_text_pages(doc: IngestedDoc) -> TextDoc:
    """Decode a text file (encoding chosen and recorded) and split it into pages."""
    from pipeline.stages.ingest import display

    data = doc.path.read_bytes()
    try:
        text, encoding, notes = decode_text(data)
    except ValueError as exc:
        raise UnreadableInput(display(doc.path), str(exc)) from exc
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableInput(display(doc.path), "no text in file (only white space)")
    chunks = text.split("\f") if "\f" in text else BLANK_PAGE_BREAK.split(text)
    pages = tuple(Page(number=i + 1, text=c, source="text") for i, c in enumerate(chunks))
    return TextDoc(source=doc, pages=pages, encoding=encoding, warnings=notes)


def is_real_text(text: str) -> bool:
    """Whether a PDF text layer reads as real Swedish text rather than empty or garbage."""
    from pipeline.repair.lexicon import is_known_word

    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < 5:
        return False
    known = sum(1 for w in words if is_known_word(w))
    odd = sum(1 for ch in text if not (ch.isalnum() or ch.isspace() or ch in ".,;:!?()-–%/&'\"*+=§"))
    return known / len(words) >= 0.5 and odd / max(1, len(text)) < 0.1


def placeholder_share(words: list[dict]) -> float:
    """Share of a page's glyphs that are placeholders for unmapped font glyphs, (cid:N) as one."""
    glyphs = marks = 0
    for w in words:
        n = len(PLACEHOLDER.findall(w["text"]))
        marks += n
        glyphs += len(PLACEHOLDER.sub("", w["text"])) + n
    return marks / glyphs if glyphs else 0.0


def _direction(chars: list[dict]) -> str:
    """Which way most of a page's text runs as shown ('ltr', 'ttb', 'btt', 'rtl'), from each glyph's
    text matrix (pdfminer applies the page's /Rotate to it)."""
    counts = {"ltr": 0, "ttb": 0, "btt": 0, "rtl": 0}
    for c in chars:
        a, b = c.get("matrix", (1, 0))[:2]
        if abs(a) >= abs(b):
            counts["ltr" if a >= 0 else "rtl"] += 1
        else:
            counts["btt" if b > 0 else "ttb"] += 1
    return max(counts, key=lambda k: counts[k])


# pdfplumber's word settings for each direction: the order of a word's glyphs and of the lines.
WORD_DIRECTIONS = {
    "ltr": {},
    "ttb": {"char_dir_rotated": "ttb", "line_dir_rotated": "rtl"},
    "btt": {"char_dir_rotated": "btt", "line_dir_rotated": "ltr"},
    "rtl": {"char_dir": "rtl", "line_dir": "btt"},
}


def _text_layer_break(prev: Box, w: Box) -> bool:
    """A cell break in a text layer: a gap wider than two and a half of the word before's letters."""
    return w.x0 - prev.x1 > 2.5 * (prev.x1 - prev.x0) / max(1, len(prev.text))


def _text_layer_paragraph(prev: Line, line: Line) -> bool:
    """A blank line in a text layer: a gap over 0.8 of the line's height."""
    first, last = line.cells[0][0] if line.cells[0] else line.words[0], prev.words[-1]
    return first.top - last.bottom > 0.8 * first.height


def _words_to_lines(words: list[dict], width: float = 0.0, height: float = 0.0, direction: str = "ltr",
                    tables: tuple[list[list[BBox | None]], ...] = ()) -> tuple[str, tuple[Word, ...]]:
    """Rebuild reading order from word boxes: lines by top, tabs for wide gaps, tables row by row.

    Boxes are turned into the frame where the page's text runs left to right (a page with /Rotate
    90 reads as its unturned copy). Tables found by their rules give one line per row, wrapped
    headings joined; other tables are found from the lines' cells. Placeholders for unmapped
    glyphs are dropped: they are not text.
    """
    boxes = []
    for w in words:
        text = unicodedata.normalize("NFC", PLACEHOLDER.sub("", w["text"]))
        if not text.strip():
            continue
        bbox = (w["x0"], w["top"], w["x1"], w["bottom"])
        boxes.append(Box(text, *to_frame(bbox, direction, width, height), bbox=bbox))
    lines: list[Line] = []
    for grid in tables if direction == "ltr" else ():
        found, used = ruled_table(grid, boxes)
        lines += found
        boxes = [b for b in boxes if id(b) not in used]
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (round(b.top), b.x0)):
        if rows and abs(b.top - rows[-1][0].top) <= 0.5 * b.height:
            rows[-1].append(b)
        else:
            rows.append([b])
    for row in rows:
        row.sort(key=lambda b: b.x0)
        lines.append(Line(split_cells(row, _text_layer_break), row[0].top, row[-1].bottom))
    lines.sort(key=lambda ln: ln.top)
    return render(join_tables(lines), _text_layer_paragraph)


@dataclass(frozen=True)
class _Layer:
    """One page's text layer as word boxes, the page size they are measured in, the way its text
    runs, and the cell boxes of the tables drawn on it."""

    words: list[dict]
    width: float
    height: float
    direction: str = "ltr"
    tables: tuple[list[list[BBox | None]], ...] = ()


class _Readers:
    """One PDF opened once in each reader for a run of its pages (opening per page is quadratic)."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._pdfium: Any = None
        self._plumber: Any = None

    def pdfium(self) -> Any:
        """The file in pdfium."""
        import pypdfium2

        if self._pdfium is None:
            self._pdfium = pypdfium2.PdfDocument(str(self.source))
        return self._pdfium

    def plumber(self) -> Any:
        """The file in pdfplumber."""
        import pdfplumber

        if self._plumber is None:
            self._plumber = pdfplumber.open(self.source)
        return self._plumber

    def close(self) -> None:
        """Close whichever readers were opened."""
        for r in (self._pdfium, self._plumber):
            if r is not None:
                r.close()


def has_duplicate_chars(chars: list[dict], tolerance: float = 1.0) -> bool:
    """Whether two glyphs of the same text, font and size lie within `tolerance` of each other.

    Such pairs (bold faked by printing twice) are what pdfplumber's dedupe_chars removes, at a
    cost quadratic in the page's glyphs; most pages have none, found here in linear time.
    """
    cells: dict[tuple, list[dict]] = {}
    for c in chars:
        key = (c.get("upright"), c["text"], c.get("fontname"), c.get("size"))
        gx, gy = int(c["x0"] // tolerance), int(c["doctop"] // tolerance)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in cells.get((*key, gx + dx, gy + dy), ()):
                    if abs(o["x0"] - c["x0"]) <= tolerance and abs(o["doctop"] - c["doctop"]) <= tolerance:
                        return True
        cells.setdefault((*key, gx, gy), []).append(c)
    return False


def _ruled_tables(page: Any, direction: str) -> tuple[list[list[BBox | None]], ...]:
    """Cell boxes of the tables drawn with rules on a page (pdfplumber's table finder, lines only)."""
    if direction != "ltr" or not (page.objects.get("rect") or page.objects.get("line")):
        return ()  # no rules, no ruled table: the finder is not worth its time
    grids = []
    for t in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        grid = [list(r.cells) for r in t.rows]
        if len(grid) >= 2 and max(len(r) for r in grid) >= 2:
            grids.append(grid)
    return tuple(grids)


def _plumber_layer(ctx: PageContext, readers: _Readers) -> _Layer:
    """Words of a PDF page's text layer with pdfplumber, in the direction its text runs."""
    page = readers.plumber().pages[ctx.number - 1]
    try:
        pg = page.dedupe_chars() if has_duplicate_chars(page.chars) else page
        direction = _direction(pg.chars)
        words = pg.extract_words(keep_blank_chars=False, use_text_flow=False,
                                 **WORD_DIRECTIONS[direction])
        return _Layer(words, float(pg.width), float(pg.height), direction,
                      _ruled_tables(pg, direction))
    finally:
        page.close()  # drops the page's parsed objects: a long PDF would keep them all


def _lay_out(layer: _Layer) -> tuple[str, tuple[Word, ...]]:
    """The page text of a text layer, with its words' offsets and boxes."""
    return _words_to_lines(layer.words, layer.width, layer.height, layer.direction, layer.tables)


def _pdfium_layer(page: object) -> _Layer:
    """Words of a PDF page's text layer with pdfium, for files or pages pdfplumber misreads."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    tp = page.get_textpage()  # type: ignore[attr-defined]
    words: list[dict] = []
    current: dict | None = None
    for i in range(tp.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(tp.raw, i) or 32)
        if ch.isspace():
            current = None
            continue
        if ch < " ":  # pdfium's stand-in for a glyph with no text, as pdfminer's (cid:N)
            ch = "\ufffd"
        x0, y0, x1, y1 = tp.get_charbox(i)
        if current is None:
            current = {"text": "", "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0}
            words.append(current)
        current["text"] += ch
        current["x0"], current["x1"] = min(current["x0"], x0), max(current["x1"], x1)
        current["top"] = min(current["top"], height - y1)
        current["bottom"] = max(current["bottom"], height - y0)
    return _Layer(words, float(width), float(height))


def _same_size(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two readers see the same page: same size, either way round (a turned page)."""
    def close(x: tuple[float, float], y: tuple[float, float]) -> bool:
        return abs(x[0] - y[0]) <= 1 and abs(x[1] - y[1]) <= 1

    return close(a, b) or close(a, (b[1], b[0]))


def scan_dpi(page: Any) -> float | None:
    """The resolution a scanned page was scanned at: pixels per inch of its largest image.

    None when the page holds no image covering a quarter of it (a vector page, a small logo).
    """
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best: tuple[float, float] | None = None  # (area in pt², dpi)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        w_pt, h_pt = right - left, top - bottom
        if w_pt <= 0 or h_pt <= 0:
            continue
        px_w, px_h = obj.get_px_size()
        if w_pt > h_pt and px_h > px_w or w_pt < h_pt and px_w > px_h:
            px_w, px_h = px_h, px_w  # an image placed turned a quarter
        dpi = min(px_w / (w_pt / 72), px_h / (h_pt / 72))
        if best is None or w_pt * h_pt > best[0]:
            best = (w_pt * h_pt, dpi)
    if best is None or best[0] < 0.25 * width * height:
        return None
    return best[1]


def render_dpi(page: Any, run_dpi: int) -> int:
    """The dpi to render a page for OCR at: the one it was scanned at, within MIN_DPI..MAX_DPI;
    the run's dpi for a page that is no scan."""
    native = scan_dpi(page)
    if native is None:
        return run_dpi
    return round(min(MAX_DPI, max(MIN_DPI, native)))


def _render_scale(ctx: PageContext, width: float, height: float, dpi: int) -> tuple[float, str | None]:
    """Scale to render a page at: `dpi`, lowered so the image stays under the pixel cap."""
    scale = dpi / 72
    if width * height * scale * scale <= ctx.run.max_pixels:
        return scale, None
    scale = math.sqrt(ctx.run.max_pixels / (width * height)) * 0.99  # pdfium rounds sizes up
    return scale, (f"sidan är {width / 72 * 2.54:.0f}×{height / 72 * 2.54:.0f} cm: renderad i "
                   f"{scale * 72:.0f} dpi i stället för {dpi} (gräns {ctx.run.max_pixels} "
                   f"bildpunkter, --max-pixels)")


@cache
def _tesseract_ready() -> bool:
    check_tesseract()  # raises MissingDependency; a failure is not cached, so it is asked again
    return True


def _pdf_page(ctx: PageContext, readers: _Readers) -> Page:
    """Text of one PDF page: its text layer when real, else OCR of the rendered page."""
    t0 = time.perf_counter()
    if ctx.reader == "pdfplumber-only":  # pdfium refused the file: text layer or nothing
        layer = _plumber_layer(ctx, readers)
        text, words = _lay_out(layer)
        if text.strip() or ctx.run.ocr_mode == "never":
            return Page(ctx.number, text, "text_layer", layer.width, layer.height, words,
                        seconds=time.perf_counter() - t0)
        return Page(ctx.number, "", "none", error="no text layer, and pdfium cannot render the "
                                                   "page for OCR (it refused the file)")
    notes: list[str] = []
    page = readers.pdfium()[ctx.number - 1]
    try:
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return Page(ctx.number, "", "none", error=f"page has no area ({width}×{height} pt)")
        # pdfium counts characters cheaply; word boxes are only worth it when some exist
        if ctx.run.ocr_mode != "force" and page.get_textpage().count_chars() > 0:
            layer = _pdfium_layer(page) if ctx.reader == "pdfium" else _plumber_layer(ctx, readers)
            if not _same_size((layer.width, layer.height), (width, height)):
                notes.append(f"sidan har olika storlek i pdfplumber ({layer.width:.0f}×"
                             f"{layer.height:.0f} pt) och pdfium ({width:.0f}×{height:.0f} pt): "
                             f"textlagret lästes med pdfium")
                layer = _pdfium_layer(page)
            text, words = _lay_out(layer)
            garbage = placeholder_share(layer.words) > PLACEHOLDER_SHARE
            if garbage:
                notes.append("textlagret är mest platshållare för tecken utan textmotsvarighet "
                             "((cid:N), privata tecken)" + ("" if ctx.run.ocr_mode == "never"
                                                             else ": sidan OCR-lästes"))
            if ctx.run.ocr_mode == "never" or (not garbage and is_real_text(text)):
                return Page(ctx.number, text, "text_layer", layer.width, layer.height, words,
                            seconds=time.perf_counter() - t0, warning="; ".join(notes) or None)
        elif ctx.run.ocr_mode == "never":
            return Page(ctx.number, "", "none", error="no text layer and --ocr never")
        _tesseract_ready()
        scale, scaled = _render_scale(ctx, width, height, render_dpi(page, ctx.run.dpi))
        if scaled:
            notes.append(scaled)
        image = page.render(scale=scale).to_pil()
    finally:
        page.close()
    result = ocr_image(image, ctx.number, ctx.run.page_timeout_s)
    return replace(result, seconds=time.perf_counter() - t0, warning="; ".join(notes) or None)


def _safe_page(ctx: PageContext, readers: _Readers) -> Page:
    """One page; whatever goes wrong on it is that page's error, so the other pages are kept."""
    try:
        return _pdf_page(ctx, readers)
    except PageError as exc:
        return Page(ctx.number, "", "none", error=exc.reason)
    except MissingDependency:
        raise
    except MemoryError:
        return Page(ctx.number, "", "none", error="out of memory on this page")
    except Exception as exc:  # a parser error on one page must not lose the others
        return Page(ctx.number, "", "none", error=f"{type(exc).__name__}: {str(exc)[:200]}")


Reader = Literal["pdfplumber", "pdfium", "pdfplumber-only"]


def _pdfium_count(doc: IngestedDoc) -> tuple[int | None, str | None]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(doc.path))
    except pypdfium2.PdfiumError as exc:
        return None, str(exc)
    try:
        return len(pdf), None
    finally:
        pdf.close()


def _plumber_count(doc: IngestedDoc) -> tuple[int | None, str | None]:
    import pdfplumber

    try:
        with pdfplumber.open(doc.path) as pdf:
            return len(pdf.pages), None
    except Exception as exc:  # pdfminer raises many kinds (PSSyntaxError, PdfminerException...)
        return None, f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__


def pdf_plan(doc: IngestedDoc) -> tuple[int, Reader, tuple[str, ...]]:
    """Page count, which reader gives the text layers, and warnings: every reader agrees or is told.

    pdfium renders pages and pdfplumber gives the best word boxes; when they disagree on the
    page count, pdfium alone is used, so page N's text and picture are the same page.
    """
    from pipeline.stages.ingest import display

    n_ium, err_ium = _pdfium_count(doc)
    n_plb, err_plb = _plumber_count(doc)
    name = display(doc.path)
    if n_ium is None and n_plb is None:
        if "password" in f"{err_ium} {err_plb}".lower():
            raise UnreadableInput(name, "encrypted PDF (needs a password)")
        raise UnreadableInput(name, f"corrupt or truncated PDF (pdfium: {err_ium}; pdfplumber: {err_plb})")
    if not (n_ium or n_plb):
        raise UnreadableInput(name, "PDF has zero pages")
    if not n_ium:
        assert n_plb
        why = err_ium or "no pages"
        return n_plb, "pdfplumber-only", (f"pdfium kunde inte läsa filen ({why}): bara textlagret "
                                          f"lästes, med pdfplumber",)
    if not n_plb:
        why = err_plb or "no pages"
        return n_ium, "pdfium", (f"pdfplumber kunde inte läsa filen ({why}): textlagret lästes "
                                 f"med pdfium",)
    if n_plb != n_ium:
        return n_ium, "pdfium", (f"läsarna är oeniga om antalet sidor (pdfium {n_ium}, pdfplumber "
                                 f"{n_plb}): textlagret lästes med pdfium",)
    return n_ium, "pdfplumber", ()


def _page_worker_init() -> None:
    from pipeline.batch import die_with_parent

    die_with_parent()


def _page_run(ctxs: list[PageContext]) -> list[Page]:
    """Consecutive pages of one PDF, with each reader opened once."""
    readers = _Readers(ctxs[0].source)
    try:
        return [_safe_page(c, readers) for c in ctxs]
    finally:
        readers.close()


def read_pdf_pages(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """Read every page of a PDF, OCR-ing pages without a real text layer, in parallel."""
    n, reader, notes = pdf_plan(doc)
    jobs = [PageContext(doc.path, i + 1, ctx, reader) for i in range(n)]
    if ctx.jobs > 1 and n > 1:
        size = math.ceil(n / (4 * ctx.jobs))  # a few runs per worker, so a slow run is shared out
        runs = [jobs[i:i + size] for i in range(0, n, size)]
        with ProcessPoolExecutor(max_workers=min(ctx.jobs, n), initializer=_page_worker_init) as pool:
            pages = tuple(p for run in pool.map(_page_run, runs) for p in run)
    else:
        pages = tuple(_page_run(jobs))
    return TextDoc(source=doc, pages=pages, warnings=notes)


def read_image_pages(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """OCR an image file; every frame of a multi-page TIFF is a page."""
    from PIL import Image, ImageSequence

    from pipeline.stages.ingest import display

    name = display(doc.path)
    Image.MAX_IMAGE_PIXELS = ctx.max_pixels
    pages: list[Page] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(doc.path) as im:
                _tesseract_ready()
                for i, frame in enumerate(ImageSequence.Iterator(im)):
                    w, h = frame.size
                    if w * h > ctx.max_pixels:
                        pages.append(Page(i + 1, "", "none", error=f"image too large: {w}×{h} px"))
                        continue
                    try:
                        pages.append(ocr_image(frame.convert("RGB"), i + 1, ctx.page_timeout_s))
                    except PageError as exc:
                        pages.append(Page(i + 1, "", "none", error=exc.reason))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableInput(name, f"image too large, refused as a decompression bomb ({exc}; "
                                    f"limit --max-pixels {ctx.max_pixels})") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # what Pillow raises on bad files
        raise UnreadableInput(name, f"unreadable image ({type(exc).__name__}: {exc})") from exc
    return TextDoc(source=doc, pages=tuple(pages))


def read_text(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """Text stage: dispatch on the document's kind."""
    if doc.kind == "text":
        return read_text_pages(doc)
    if doc.kind == "pdf":
        return read_pdf_pages(doc, ctx)
    if doc.kind == "image":
        return read_image_pages(doc, ctx)
    raise DocumentError(doc.path, f"no text reader for kind {doc.kind}", stage="text")
