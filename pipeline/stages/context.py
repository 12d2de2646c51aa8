"""Evidence in context: the sentence around each quote, and the OCR confidence of its figures."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Evidence, Fact, NormDoc

REACH = 320  # characters of context at most on either side of a quote
# Where a sentence ends: a full stop before a capital, a blank line, a page break, or a line
# break before a line that opens like a new one (a capital, a digit, a bullet, a dash).
BOUNDARY = re.compile(r"[.!?…](?=[\s\"”»)]*\s+[A-ZÅÄÖ\"”»(])|\n[ \t]*\n|\f"
                      r"|\n(?=[ \t]*[A-ZÅÄÖ0-9•·*–\-])")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or table row) around text[start:end], at most REACH either side."""
    lo = max(0, start - REACH)
    a = lo
    for m in BOUNDARY.finditer(text, lo, min(len(text), start + 2)):
        if m.end() <= start:
            a = m.end()
    if a == lo and lo > 0:  # no boundary in reach: cut at a word
        space = text.find(" ", lo, start)
        a = space + 1 if space >= 0 else lo
    hi = min(len(text), end + REACH)
    m = BOUNDARY.search(text, end, hi)
    b = m.start() + (1 if m and text[m.start()] in ".!?…" else 0) if m else hi
    if not m and hi < len(text):
        space = text.rfind(" ", end, hi)
        b = space if space >= 0 else hi
    while a < start and text[a].isspace():
        a += 1
    while b > end and text[b - 1].isspace():
        b -= 1
    return a, b


def in_context(ev: Evidence, text: str, ocr_confidence: float | None = None) -> Evidence:
    """The evidence with its sentence (and the OCR confidence of its figures) filled in."""
    if not text or ev.end > len(text) or ev.start > ev.end:
        return ev
    a, b = sentence_span(text, ev.start, ev.end)
    context = text[a:b].replace("\f", " ")
    return replace(ev, context=context, context_start=a,
                   ocr_confidence=ocr_confidence if ocr_confidence is not None else ev.ocr_confidence)


def add_context(facts: tuple[Fact, ...], norm: NormDoc) -> tuple[Fact, ...]:
    """Every fact's evidence with its sentence and, on OCR pages, its figures' OCR confidence."""
    from extractors.base import ExtractionInput

    inp = ExtractionInput(norm)
    ocr = any(p.source == "ocr" for p in norm.raw.pages)
    out = []
    for f in facts:
        conf = inp.ocr_confidence(f.evidence.start, f.evidence.end) if ocr else None
        out.append(replace(f, evidence=in_context(f.evidence, norm.text, conf)))
    return tuple(out)
