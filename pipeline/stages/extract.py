"""Extract stage: document details, then every registered extractor, ids and de-duplication.

Each fact then gets what it rests on from the page it was read from, through the offset map back
to the raw text: the source of the page (text, text layer, OCR), the OCR confidence of the words
of its figure, and the OCR repair that produced the figure, if one did. Extractors need not know.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from extractors import REGISTRY, ExtractionInput
from extractors.base import raw_page_starts
from extractors.document import extract_info
from extractors.numbers import NUMERAL, parse_number
from pipeline.models import DocumentInfo, Edit, Fact, NormDoc

FIGURE = re.compile(rf"{NUMERAL}\s*%?")
SCALES = (1.0, 1e3, 1e6, 1e9)  # a figure may be written in tkr or mkr and stated in kronor


def _figure(text: str, fact: Fact) -> tuple[int, int] | None:
    """The span of the figure a fact's value was read from, inside its evidence; None if not found."""
    if fact.value is None:
        return None
    start, end = fact.evidence.start, fact.evidence.end
    for m in FIGURE.finditer(text, start, end):
        v = parse_number(m.group().rstrip(" %"))
        if v is not None and any(abs(v * s - abs(fact.value)) < 0.5 or abs(v * s - fact.value) < 0.5
                                 for s in SCALES):
            return m.start(), m.end()
    return None


class Support:
    """What the facts of one document rest on: pages, OCR words and repairs, looked up by span."""

    def __init__(self, norm: NormDoc) -> None:
        self.norm = norm
        self.starts = raw_page_starts(norm)
        self.edits = sorted((e for e in norm.edits if re.search(r"[\d%]", e.original + e.replacement)),
                            key=lambda e: e.raw_start)
        self.edit_starts = [e.raw_start for e in self.edits]

    def of(self, fact: Fact) -> tuple[str, float | None, Edit | None]:
        """The fact's page source, the lowest OCR confidence of its figure's words, and the edit that
        made its figure (None where OCR read it as it stands)."""
        norm = self.norm
        page_no = norm.page_of(fact.evidence.start)
        if not 1 <= page_no <= len(norm.raw.pages):
            return "text", None, None
        page = norm.raw.pages[page_no - 1]
        start, end = _figure(norm.text, fact) or (fact.evidence.start, fact.evidence.end)
        r0, r1 = norm.offsets.to_raw(start), norm.offsets.to_raw(end)
        k = bisect.bisect_right(self.edit_starts, r1)
        edit = next((e for e in reversed(self.edits[max(0, k - 50):k])
                     if e.raw_start <= r1 and e.raw_end >= r0 and (r0 < r1 or e.raw_start == r0)), None)
        if page.source != "ocr":
            return page.source, None, edit
        base = self.starts[page_no - 1]
        words = [w for w in page.words if w.end > r0 - base and w.start < r1 - base]
        figures = [w for w in words if any(c.isdigit() for c in page.text[w.start:w.end])] or words
        confs = [w.conf for w in figures if w.conf is not None and w.conf >= 0]
        return "ocr", min(confs) if confs else None, edit


def _with_support(support: Support, fact: Fact) -> Fact:
    """The fact with its evidence's source, OCR confidence and repair, and its confidence lowered to
    its figure's OCR confidence (and a repair's own confidence)."""
    source, conf, edit = support.of(fact)
    confidence = fact.confidence
    if conf is not None:
        confidence = min(confidence, conf / 100)
    if edit is not None and (source == "ocr" or "OCR" in edit.reason or "percent" in edit.reason):
        confidence = min(confidence, edit.confidence)
    else:
        edit = None
    ev = replace(fact.evidence, source=source if source in ("ocr", "text_layer") else None,
                 ocr_confidence=round(conf, 1) if conf is not None else fact.evidence.ocr_confidence,
                 ocr_repair=f"{edit.original} → {edit.replacement} ({edit.reason})" if edit else None)
    return replace(fact, evidence=ev, confidence=round(max(0.05, confidence), 2))


def extract(norm: NormDoc) -> tuple[DocumentInfo, tuple[Fact, ...]]:
    """Run the document extractor and every fact extractor over a normalised document."""
    inp = ExtractionInput(norm)
    fields = extract_info(inp)
    info = DocumentInfo(source=norm.source.path.name, **fields)  # type: ignore[arg-type]
    inp.info = info
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for name in sorted(REGISTRY):
        for fact in REGISTRY[name](inp):
            key = (*fact.key(), fact.evidence.start)
            if key in seen:
                continue
            seen.add(key)
            facts.append(fact)
    facts.sort(key=lambda f: (f.evidence.start, f.type, f.evidence.end))
    support = Support(norm)
    numbered = tuple(_with_support(support, replace(f, id=f"f{i + 1}")) for i, f in enumerate(facts))
    return info, numbered
