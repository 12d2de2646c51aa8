"""Tesseract OCR of one page image: words with boxes and confidences, rebuilt into lines."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from pipeline.errors import MissingDependency, PageError
from pipeline.models import Page, Word
from pipeline.stages.layout import Box, Line, join_tables, render, split_cells

# Tesseract's own threads fight the page pool for cores; one thread each is fastest here.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANG = "swe"
DIGIT_LANG = "eng"  # reads lone digits in table cells that the Swedish model takes for letters
TSV_CONFIG = "--psm 3"
LOW_CONFIDENCE = 70.0
SPECK_CONFIDENCE = 60.0
TALL_WORD = 3.0  # a 'word' taller than this many line heights is a misread column
TAB_GAP = 1.5  # a gap between words wider than this many line heights is a column break
# Isolated dark pixels per pixel of page above which a page is despeckled before OCR; clean and
# office scans measure 2-110 per million, noisy ones 150-310 (see bench/ocr.py and make bench).
SPECKLED = 130e-6
# A page whose columns are blank this much more often than its rows is sideways (upright scans:
# rows 0.29-0.71 blank, columns 0.09-0.36; the same turned: the reverse).
SIDEWAYS_MARGIN = 0.1
# Ink above the letters' middle band this many times less than below it: upside down (upright
# clean scans 14-82, office 1.0-4.8, hard 0.75-1.7: only a clear reversal is trusted).
UPSIDE_DOWN_RATIO = 3.0
OSD_PIXELS = 4_000_000
# Figures read with less confidence than this are read again alone, digits only (at most
# MAX_REREADS a page, in one more Tesseract run): the second reading is kept beside the first.
REREAD_BELOW = 80.0
MAX_REREADS = 40
DIGIT_LOOKALIKES = set("TtEeIlLOoSsZzBbGgAåÅ|!]")
DIGITS_CONFIG = "--psm 6 -c tessedit_char_whitelist=0123456789-−–,.%"
RULE_CONTRAST = 40  # ink of a table rule: this much darker than the paper (0-255)
# A blank line between two OCR lines: the gap exceeds the page's usual gap by this many line heights.
PARAGRAPH_GAP = 0.45  # pages larger than this are halved for OSD (a 300-dpi A4 is 8.7 million)


@dataclass(frozen=True)
class OcrResult:
    """Text and words of one OCR pass."""

    text: str
    words: tuple[Word, ...]
    confidence: float | None


def check_tesseract() -> None:
    """Raise MissingDependency unless tesseract with Swedish data is on this machine."""
    import pytesseract

    if shutil.which("tesseract") is None:
        raise MissingDependency("tesseract is not installed: run `make setup`")
    if LANG not in pytesseract.get_languages(config=""):
        raise MissingDependency("Tesseract has no Swedish data ('swe'): run `make setup`")


def _is_speck(word: str, conf: float) -> bool:
    """A low-confidence 'word' with no letter or digit is scanner noise read as punctuation."""
    return conf < SPECK_CONFIDENCE and not any(c.isalnum() for c in word)


@dataclass
class _Row:
    """Words on one visual line, possibly from several of Tesseract's blocks (table columns)."""

    words: list[int]
    top: float
    bottom: float
    blocks: set[int]


def _rows(data: dict, lines: dict[tuple[int, int, int], list[int]]) -> list[_Row]:
    """Tesseract's lines, with lines of different blocks at the same height joined into one row.

    Tesseract reads a table column by column, as separate blocks; joining them restores rows.
    """
    rows: list[_Row] = []
    for key in sorted(lines):
        ids = lines[key]
        tops = sorted(data["top"][i] for i in ids)
        bottoms = sorted(data["top"][i] + data["height"][i] for i in ids)
        rows.append(_Row(list(ids), tops[len(tops) // 2], bottoms[len(bottoms) // 2], {key[0]}))
    rows.sort(key=lambda r: r.top)
    merged: list[_Row] = []
    for r in rows:
        for m in reversed(merged[-6:]):
            overlap = min(m.bottom, r.bottom) - max(m.top, r.top)
            if not (m.blocks & r.blocks) and overlap > 0.6 * min(m.bottom - m.top, r.bottom - r.top):
                m.words += r.words
                m.blocks |= r.blocks
                break
        else:
            merged.append(r)
    return merged


NUMERIC_CELL = re.compile(r"-?\d[\d\s.,]*%?")


@cache
def _has_digit_model() -> bool:
    import pytesseract

    return DIGIT_LANG in pytesseract.get_languages()


def _numeric_cells(sub: dict) -> tuple[int, int]:
    """Cells read, and how many of them are numbers."""
    cells = [t.strip() for t in sub["text"] if t.strip()]
    return len(cells), sum(1 for t in cells if NUMERIC_CELL.fullmatch(t))


def _read_number_column(column: Image.Image, sub: dict, timeout: float) -> dict:
    """A column of numbers with a cell that is not a number ('Z' for 7), read by the digit model.

    Swedish Tesseract takes a lone digit for a letter now and then; the English model, which
    ships with Tesseract, reads such a column whole. Its reading is kept only when it has more
    numbers in as many cells.
    """
    import pytesseract

    cells, numeric = _numeric_cells(sub)
    if numeric == cells or numeric * 2 <= cells or not _has_digit_model():
        return sub  # all numbers already, or not a column of numbers
    again = pytesseract.image_to_data(column, lang=DIGIT_LANG, config="--psm 6",
                                      output_type=pytesseract.Output.DICT, timeout=timeout)
    cells2, numeric2 = _numeric_cells(again)
    return again if cells2 == cells and numeric2 > numeric else sub


def _reread_columns(image: Image.Image, data: dict, timeout: float) -> dict:
    """Re-read 'words' several lines tall: a narrow column of numbers Tesseract took as one word.

    The crop is read as one block (psm 6), so each number lands on its own line again.
    """
    import pytesseract

    heights = sorted(h for h, t in zip(data["height"], data["text"], strict=True) if t.strip())
    if not heights:
        return data
    line_h = heights[len(heights) // 2]
    tall = [i for i, t in enumerate(data["text"])
            if t.strip() and data["height"][i] > TALL_WORD * line_h]
    if not tall:
        return data
    out = {k: list(v) for k, v in data.items()}
    next_block = max(data["block_num"]) + 1
    for i in tall:
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        pad = line_h
        box = (max(0, x - pad), max(0, y - pad), min(image.width, x + w + pad),
               min(image.height, y + h + pad))
        crop = image.crop(box)
        sub = pytesseract.image_to_data(crop, lang=LANG, config="--psm 6",
                                        output_type=pytesseract.Output.DICT, timeout=timeout)
        sub = _read_number_column(crop, sub, timeout)
        for j in range(len(data["text"])):  # drop the tall 'word' and the pieces read inside it
            cx = data["left"][j] + data["width"][j] / 2
            cy = data["top"][j] + data["height"][j] / 2
            if j == i or (box[0] <= cx <= box[2] and box[1] <= cy <= box[3]):
                out["text"][j] = ""
        for j, t in enumerate(sub["text"]):
            if not t.strip():
                continue
            for k in out:
                out[k].append(sub[k][j])
            out["left"][-1] += box[0]
            out["top"][-1] += box[1]
            out["block_num"][-1] = next_block + sub["block_num"][j]
        next_block += max(sub["block_num"], default=0) + 1
    return out


def _may_be_digits(token: str) -> bool:
    """A short token of letters that digits are taken for ('TT' for 77, 'Zå' for 7, 'l' for 1)."""
    return 0 < len(token) <= 3 and all(c in DIGIT_LOOKALIKES for c in token)


def _reread_figures(image: Image.Image, data: dict, timeout: float) -> dict[int, str]:
    """Uncertain figures read again alone: each word's crop on a line of its own, digits and signs
    only, all of a page's in one sheet so Tesseract runs once more at most.

    Returns the second reading of each word index where it differs; which reading stands is for
    the normaliser to choose (the one that makes its table add up).
    """
    import pytesseract

    uncertain = [i for i, t in enumerate(data["text"]) if 0 <= float(data["conf"][i]) < REREAD_BELOW
                 and (any(c.isdigit() for c in t) or _may_be_digits(t.strip()))]
    uncertain = sorted(uncertain, key=lambda i: float(data["conf"][i]))[:MAX_REREADS]
    if not uncertain:
        return {}
    crops = []
    for i in uncertain:
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        pad = max(2, h // 2)
        crops.append(image.crop((max(0, x - pad), max(0, y - pad), min(image.width, x + w + pad),
                                 min(image.height, y + h + pad))))
    gap = max(c.height for c in crops)
    width, height = max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap
    sheet = Image.new("L", (width, height), 255)
    spans, y = [], gap
    for c in crops:
        sheet.paste(c.convert("L"), (gap, y))
        spans.append((y, y + c.height))
        y += c.height + gap
    again = pytesseract.image_to_data(sheet, lang=LANG, config=DIGITS_CONFIG,
                                      output_type=pytesseract.Output.DICT, timeout=timeout)
    read: dict[int, list[str]] = {}
    for t, top, height in zip(again["text"], again["top"], again["height"], strict=True):
        mid = top + height / 2
        k = next((k for k, (a, b) in enumerate(spans) if a <= mid <= b), None)
        if t.strip() and k is not None:
            read.setdefault(k, []).append(t.strip())
    out: dict[int, str] = {}
    for k, i in enumerate(uncertain):
        text = " ".join(read.get(k, []))
        if text and text != data["text"][i].strip() and any(c.isdigit() for c in text):
            out[i] = text
    return out


def _paragraph_rule(lines: list[Line]) -> Callable[[Line, Line], bool]:
    """A blank line where the gap between two lines is clearly wider than the page's usual gap
    between lines of a paragraph (a quarter of the gaps are at most that), and at least 0.8 of
    the line's height: pages set with wide line spacing keep their paragraphs whole."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom)
    heights = sorted(ln.bottom - ln.top for ln in lines)
    usual = gaps[len(gaps) // 4] if len(gaps) >= 4 else 0.0
    height = heights[len(heights) // 2] if heights else 0.0

    def rule(prev: Line, line: Line) -> bool:
        gap = line.top - prev.bottom
        return gap > 0.8 * (prev.bottom - prev.top) and gap > usual + PARAGRAPH_GAP * height

    return rule


def _tsv(image: Image.Image, timeout: float) -> OcrResult:
    import pytesseract

    image = erase_rules(image)
    image.format = "PPM"  # handed to tesseract uncompressed: PNG encoding costs a tenth of a page
    data = pytesseract.image_to_data(
        image, lang=LANG, config=TSV_CONFIG, output_type=pytesseract.Output.DICT, timeout=timeout
    )
    data = _reread_columns(image, data, timeout)
    alts = _reread_figures(image, data, timeout)
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, txt in enumerate(data["text"]):
        if txt and txt.strip() and not _is_speck(txt.strip(), float(data["conf"][i])):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    rows: list[Line] = []
    confs: list[float] = []
    for row in _rows(data, lines):
        boxes = []
        for i in sorted(row.words, key=lambda i: data["left"][i]):
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            conf = float(data["conf"][i])
            boxes.append(Box(data["text"][i].strip(), x, y, x + w, y + h, (x, y, x + w, y + h), conf,
                             alts.get(i)))
            if conf >= 0:
                confs.append(conf)
        gap = TAB_GAP * (row.bottom - row.top)  # a wide gap separates table cells: a tab
        rows.append(Line(split_cells(boxes, lambda a, b, gap=gap: b.x0 - a.x1 > gap),
                         row.top, row.bottom))
    text, words = render(join_tables(rows), _paragraph_rule(rows))
    mean = sum(confs) / len(confs) if confs else None
    return OcrResult(text, words, mean)


def _in_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of `mask` that lie in a vertical run of at least `length` set pixels."""
    h = mask.shape[0]
    if h < length:
        return np.zeros_like(mask)
    c = np.vstack([np.zeros((1, mask.shape[1]), np.int32), mask.astype(np.int32).cumsum(0)])
    full = (c[length:] - c[:-length]) == length  # the run of `length` starting at each row is all set
    f = np.vstack([np.zeros((1, mask.shape[1]), np.int32), full.astype(np.int32).cumsum(0)])
    rows = np.arange(h)
    return (f[np.minimum(rows, h - length) + 1] - f[np.maximum(rows - length + 1, 0)]) > 0


def erase_rules(gray: Image.Image) -> Image.Image:
    """A page with the rules of its tables painted over in the paper's colour.

    Tesseract reads a table's rules as '|', ']' or 'l' glued to the figures beside them and
    merges cells across them. A rule is a run of ink far longer than any letter: a fifth of an
    inch down the page (a sixtieth of an A4 page's height), half an inch across (a sixteenth of
    its width), allowed to drift a pixel sideways for a page scanned a little askew.
    """
    a = np.asarray(gray)
    paper = int(np.median(a))
    ink = a < paper - RULE_CONTRAST
    wide = ink.copy()
    wide[:, 1:] |= ink[:, :-1]
    wide[:, :-1] |= ink[:, 1:]
    tall = ink.copy()
    tall[1:, :] |= ink[:-1, :]
    tall[:-1, :] |= ink[1:, :]
    rules = (_in_runs(wide, max(20, a.shape[0] // 60)) & wide) | \
        (_in_runs(tall.T, max(40, a.shape[1] // 16)).T & tall)
    if not rules.any():
        return gray
    out = a.copy()
    out[rules] = paper
    return Image.fromarray(out)


def _box_sum(a: np.ndarray, r: int) -> np.ndarray:
    c = np.pad(a.astype(np.int32), ((r + 1, r), (r + 1, r))).cumsum(0).cumsum(1)
    k = 2 * r + 1
    return c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]


def speck_density(gray: Image.Image, strips: int = 12, height: int = 128) -> float:
    """Dark pixels with nothing dark around them, per pixel: salt-and-pepper scanner noise.

    Measured on full-width strips spread over the page: about half the pixels tell as much.
    """
    a = np.asarray(gray) < 128
    step = max(height, a.shape[0] // strips)
    isolated = area = 0
    for top in range(0, max(1, a.shape[0] - height), step):
        s = a[top:top + height]
        isolated += int((s & (_box_sum(s, 6) == _box_sum(s, 2))).sum())
        area += s.size
    return isolated / max(1, area)


def should_despeckle(gray: Image.Image) -> bool:
    """Despeckle only noisy pages: a median filter costs accuracy on clean ones."""
    return speck_density(gray) >= SPECKLED


def detect_rotation(image: Image.Image, timeout: float) -> int:
    """Return the clockwise rotation Tesseract's OSD says the page needs (0, 90, 180, 270)."""
    import pytesseract

    if image.width * image.height > OSD_PIXELS:  # OSD reads letter shapes: half size tells as well
        image = image.reduce(2)
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
    except pytesseract.TesseractError:
        return 0  # too little text to tell; keep the page as it is
    m = re.search(r"Rotate: (\d+)", osd)
    return int(m.group(1)) % 360 if m else 0


def _blank_share(profile: np.ndarray) -> float:
    """Share of a projection profile's rows that hold (almost) no ink."""
    return float((profile <= profile.max() * 0.02).mean()) if profile.size and profile.max() else 0.0


def orientation_hint(gray: Image.Image) -> str:
    """'turned', 'upside_down' or 'upright': what the ink's layout says, in milliseconds.

    Lines of text leave blank rows between them: a page whose blank runs go down the page is
    sideways. Upright Latin text has more ink above its letters' middle band (capitals,
    ascenders) than below it (descenders); a clear reversal is a page upside down.
    """
    small = gray.reduce(4) if gray.width > 1600 else gray.reduce(2)
    ink = np.asarray(small) < 128
    rows, cols = ink.sum(1).astype(float), ink.sum(0).astype(float)
    if _blank_share(cols) > _blank_share(rows) + SIDEWAYS_MARGIN:
        return "turned"
    above = below = 0.0
    threshold = max(1.0, rows.max() * 0.03)
    busy = np.flatnonzero(rows > threshold)
    for line in np.split(busy, np.flatnonzero(np.diff(busy) > 1) + 1):
        if 3 <= line.size <= 100:
            band = rows[line]
            core = np.flatnonzero(band > 0.5 * band.max())
            above += band[:core[0]].sum()
            below += band[core[-1] + 1:].sum()
    return "upside_down" if above * UPSIDE_DOWN_RATIO < below else "upright"


def ocr_image(image: Image.Image, number: int, timeout: float = 180.0) -> Page:
    """OCR one page image, turned first when its layout or OSD says it is sideways or upside down."""
    import pytesseract

    t0 = time.perf_counter()
    gray = ImageOps.grayscale(image)
    despeckled = should_despeckle(gray)
    if despeckled:
        gray = gray.filter(ImageFilter.MedianFilter(5))
    try:
        rotation = 0
        asked = orientation_hint(gray) != "upright"
        if asked:  # OSD before the full pass, so a turned page is read once
            rotation = detect_rotation(gray, timeout)
            gray = gray.rotate(-rotation, expand=True) if rotation else gray
        result = _tsv(gray, timeout)
        if not asked and (result.confidence is None or result.confidence < LOW_CONFIDENCE):
            rotation = detect_rotation(gray, timeout)  # an upside-down page the layout did not show
            if rotation:
                turned = gray.rotate(-rotation, expand=True)
                again = _tsv(turned, timeout)
                if (again.confidence or 0) > (result.confidence or 0):
                    result, gray = again, turned
                else:
                    rotation = 0
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependency("tesseract is not installed: run `make setup`") from exc
    except pytesseract.TesseractError as exc:  # a subclass of RuntimeError: caught first
        message = str(exc.message).strip()[:300] or "no message"
        raise PageError(number, f"Tesseract failed (exit {exc.status}): {message}") from exc
    except RuntimeError as exc:  # pytesseract's own timeout is a plain RuntimeError
        if "timeout" not in str(exc).lower():
            raise
        raise PageError(number, f"OCR timed out after {timeout:.0f} s") from exc
    return Page(
        number=number,
        text=result.text,
        source="ocr",
        width=float(gray.width),
        height=float(gray.height),
        words=result.words,
        confidence=round(result.confidence, 1) if result.confidence is not None else None,
        rotation=rotation,
        seconds=time.perf_counter() - t0,
        despeckled=despeckled,
    )
