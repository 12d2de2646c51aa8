"""Tesseract OCR of one page image: words with boxes and confidences, rebuilt into lines."""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from pipeline.errors import MissingDependency, PageError
from pipeline.models import Page, Word

# Tesseract's own threads fight the page pool for cores; one thread each is fastest here.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANG = "swe"
TSV_CONFIG = "--psm 3"
LOW_CONFIDENCE = 70.0
SPECK_CONFIDENCE = 60.0
# Isolated dark pixels per pixel of page above which a page is despeckled before OCR; clean and
# office scans measure 2-110 per million, noisy ones 150-310 (see bench/ocr.py and make bench).
SPECKLED = 130e-6


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


def _tsv(image: Image.Image, timeout: float) -> OcrResult:
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=LANG, config=TSV_CONFIG, output_type=pytesseract.Output.DICT, timeout=timeout
    )
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, txt in enumerate(data["text"]):
        if txt and txt.strip() and not _is_speck(txt.strip(), float(data["conf"][i])):
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    parts: list[str] = []
    words: list[Word] = []
    confs: list[float] = []
    pos = 0
    last_block: tuple[int, int] | None = None
    for key in sorted(lines):
        if parts:
            sep = "\n\n" if last_block is not None and key[:2] != last_block else "\n"
            parts.append(sep)
            pos += len(sep)
        last_block = key[:2]
        line_words = sorted(lines[key], key=lambda i: data["left"][i])
        for j, i in enumerate(line_words):
            if j:
                parts.append(" ")
                pos += 1
            txt = data["text"][i].strip()
            conf = float(data["conf"][i])
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            words.append(Word(pos, pos + len(txt), (x, y, x + w, y + h), conf))
            if conf >= 0:
                confs.append(conf)
            parts.append(txt)
            pos += len(txt)
    mean = sum(confs) / len(confs) if confs else None
    return OcrResult("".join(parts), tuple(words), mean)


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

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
    except pytesseract.TesseractError:
        return 0  # too little text to tell; keep the page as it is
    m = re.search(r"Rotate: (\d+)", osd)
    return int(m.group(1)) % 360 if m else 0


def ocr_image(image: Image.Image, number: int, timeout: float = 180.0) -> Page:
    """OCR one page image; turn it when OSD says it is sideways or upside down."""
    import pytesseract

    t0 = time.perf_counter()
    gray = ImageOps.grayscale(image)
    despeckled = should_despeckle(gray)
    if despeckled:
        gray = gray.filter(ImageFilter.MedianFilter(5))
    try:
        result = _tsv(gray, timeout)
        rotation = 0
        if result.confidence is None or result.confidence < LOW_CONFIDENCE:
            rotation = detect_rotation(gray, timeout)
            if rotation:
                turned = gray.rotate(-rotation, expand=True)
                again = _tsv(turned, timeout)
                if (again.confidence or 0) > (result.confidence or 0):
                    result, gray = again, turned
                else:
                    rotation = 0
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
        raise PageError(number, f"OCR timed out after {timeout:.0f} s") from exc
    except pytesseract.TesseractError as exc:
        raise PageError(number, f"Tesseract failed: {exc.message.strip()[:200]}") from exc
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
