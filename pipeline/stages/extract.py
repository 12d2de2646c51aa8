"""Extract stage: document details, then every registered extractor, ids and de-duplication."""

from __future__ import annotations

from dataclasses import replace

from extractors import REGISTRY, ExtractionInput
from extractors.document import extract_info
from pipeline.models import DocumentInfo, Fact, NormDoc

LOW_OCR_CONFIDENCE = 80.0


def _confidence(inp: ExtractionInput, fact: Fact) -> float:
    """Lower a fact's confidence when OCR read its figures with low confidence."""
    conf = inp.ocr_confidence(fact.evidence.start, fact.evidence.end)
    if conf is None or conf >= LOW_OCR_CONFIDENCE:
        return fact.confidence
    return round(max(0.1, fact.confidence * conf / LOW_OCR_CONFIDENCE), 2)


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
    numbered = tuple(
        replace(f, id=f"f{i + 1}", confidence=_confidence(inp, f)) for i, f in enumerate(facts)
    )
    return info, numbered
