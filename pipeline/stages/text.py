"""Text stage: raw text per page from plain text, PDF text layers, or Tesseract OCR of images."""

from __future__ import annotations

import re
import time
import unicodedata
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from pipeline.errors import DocumentError, PageError, UnreadableInput
from pipeline.models import IngestedDoc, Page, PageContext, RunContext, TextDoc, Word
from pipeline.stages.ocr import check_tesseract, ocr_image

# The seeds' plain-text exports mark a page break with three or more blank lines.
BLANK_PAGE_BREAK = re.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n+")
# Control characters other than tab, newline, carriage return and form feed mean binary junk.
JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_PIXELS = 20_000 * 20_000


def read_text_pages(doc: IngestedDoc) -> TextDoc:
    """Decode a UTF-8 text file and split it into pages at form feeds or long blank runs."""
    data = doc.path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            doc.path, f"not UTF-8 text: undecodable byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc
    if len(JUNK.findall(text[:20000])) > 3:
        raise UnreadableInput(doc.path, "binary content, not text (control characters)")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise UnreadableInput(doc.path, "no text in file (only white space)")
    chunks = text.split("\f") if "\f" in text else BLANK_PAGE_BREAK.split(text)
    pages = tuple(Page(number=i + 1, text=c, source="text") for i, c in enumerate(chunks))
    return TextDoc(source=doc, pages=pages)


def is_real_text(text: str) -> bool:
    """Whether a PDF text layer reads as real Swedish text rather than empty or garbage."""
    from pipeline.repair.lexicon import is_known_word

    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < 5:
        return False
    known = sum(1 for w in words if is_known_word(w))
    odd = sum(1 for ch in text if not (ch.isalnum() or ch.isspace() or ch in ".,;:!?()-–%/&'\"*+=§"))
    return known / len(words) >= 0.5 and odd / max(1, len(text)) < 0.1


def _words_to_lines(words: list[dict]) -> tuple[str, tuple[Word, ...]]:
    """Rebuild reading order from pdfplumber word boxes: lines by top, tabs for wide gaps."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= 0.5 * (w["bottom"] - w["top"]):
            lines[-1].append(w)
        else:
            lines.append([w])
    parts: list[str] = []
    out: list[Word] = []
    pos = 0
    prev_bottom = None
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        if parts:
            gap = line[0]["top"] - (prev_bottom or 0)
            sep = "\n\n" if gap > 0.8 * (line[0]["bottom"] - line[0]["top"]) else "\n"
            parts.append(sep)
            pos += len(sep)
        for j, w in enumerate(line):
            if j:
                prev = line[j - 1]
                char_w = (prev["x1"] - prev["x0"]) / max(1, len(prev["text"]))
                sep = "\t" if w["x0"] - prev["x1"] > 2.5 * char_w else " "
                parts.append(sep)
                pos += 1
            t = unicodedata.normalize("NFC", w["text"])
            out.append(Word(pos, pos + len(t), (w["x0"], w["top"], w["x1"], w["bottom"])))
            parts.append(t)
            pos += len(t)
        prev_bottom = line[-1]["bottom"]
    return "".join(parts), tuple(out)


def _text_layer(ctx: PageContext) -> tuple[str, tuple[Word, ...], float, float]:
    """Words of a PDF page's text layer with pdfplumber, rebuilt into lines."""
    import pdfplumber

    with pdfplumber.open(ctx.source) as pdf:
        pg = pdf.pages[ctx.number - 1].dedupe_chars()
        words = pg.extract_words(keep_blank_chars=False, use_text_flow=False)
        text, boxes = _words_to_lines(words)
        return text, boxes, float(pg.width), float(pg.height)


def _pdf_page(ctx: PageContext) -> Page:
    """Text of one PDF page: its text layer when real, else OCR of the rendered page."""
    import pypdfium2

    t0 = time.perf_counter()
    pdf = pypdfium2.PdfDocument(str(ctx.source))
    try:
        page = pdf[ctx.number - 1]
        # pdfium counts characters cheaply; pdfplumber's word boxes are only worth it when some exist
        if ctx.run.ocr_mode != "force" and page.get_textpage().count_chars() > 0:
            text, words, width, height = _text_layer(ctx)
            if ctx.run.ocr_mode == "never" or is_real_text(text):
                return Page(ctx.number, text, "text_layer", width, height, words,
                            seconds=time.perf_counter() - t0)
        elif ctx.run.ocr_mode == "never":
            return Page(ctx.number, "", "none", error="no text layer and --ocr never")
        image = page.render(scale=ctx.run.dpi / 72).to_pil()
    finally:
        pdf.close()
    result = ocr_image(image, ctx.number, ctx.run.page_timeout_s)
    return replace(result, seconds=time.perf_counter() - t0)


def _safe_page(ctx: PageContext) -> Page:
    try:
        return _pdf_page(ctx)
    except PageError as exc:
        return Page(ctx.number, "", "none", error=exc.reason)


def _open_pdf_count(doc: IngestedDoc) -> int:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(doc.path))
    except pypdfium2.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise UnreadableInput(doc.path, "encrypted PDF (needs a password)") from exc
        raise UnreadableInput(doc.path, f"corrupt or truncated PDF ({msg})") from exc
    try:
        n = len(pdf)
    finally:
        pdf.close()
    if n == 0:
        raise UnreadableInput(doc.path, "PDF has zero pages")
    return n


def read_pdf_pages(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """Read every page of a PDF, OCR-ing pages without a real text layer, in parallel."""
    n = _open_pdf_count(doc)
    jobs = [PageContext(doc.path, i + 1, ctx) for i in range(n)]
    if ctx.jobs > 1 and n > 1:
        with ProcessPoolExecutor(max_workers=min(ctx.jobs, n)) as pool:
            pages = tuple(pool.map(_safe_page, jobs))
    else:
        pages = tuple(_safe_page(j) for j in jobs)
    return TextDoc(source=doc, pages=pages)


def read_image_pages(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """OCR an image file; every frame of a multi-page TIFF is a page."""
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    pages: list[Page] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(doc.path) as im:
                for i, frame in enumerate(ImageSequence.Iterator(im)):
                    try:
                        pages.append(ocr_image(frame.convert("RGB"), i + 1, ctx.page_timeout_s))
                    except PageError as exc:
                        pages.append(Page(i + 1, "", "none", error=exc.reason))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableInput(doc.path, f"image too large, refused as a decompression bomb ({exc})") from exc
    except OSError as exc:
        raise UnreadableInput(doc.path, f"unreadable image ({exc})") from exc
    return TextDoc(source=doc, pages=tuple(pages))


def read_text(doc: IngestedDoc, ctx: RunContext) -> TextDoc:
    """Text stage: dispatch on the document's kind."""
    if doc.kind == "text":
        return read_text_pages(doc)
    check_tesseract()
    if doc.kind == "pdf":
        return read_pdf_pages(doc, ctx)
    if doc.kind == "image":
        return read_image_pages(doc, ctx)
    raise DocumentError(doc.path, f"no text reader for kind {doc.kind}", stage="text")

