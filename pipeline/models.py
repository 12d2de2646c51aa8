"""Typed models passed between the pipeline's stages, and the output contract's shapes."""

from __future__ import annotations

import bisect
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from pipeline import __version__

PIPELINE_VERSION = __version__

OcrMode = Literal["auto", "force", "never"]
Status = Literal["ok", "partial", "failed"]
Severity = Literal["error", "warning", "info"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class RunContext:
    """Settings for one run over many documents."""

    out_dir: Path
    ocr_mode: OcrMode = "auto"
    jobs: int = 1
    save_text: bool = False
    page_timeout_s: float = 180.0
    dpi: int = 300
    doc_timeout_s: float = 900.0  # wall time for one document in its worker, then it is stopped
    max_memory_mb: int = 2048  # data memory of each worker process (and the tools it runs)
    max_pixels: int = 40_000_000  # an image or rendered page larger than this is refused or scaled


@dataclass(frozen=True)
class InputFile:
    """One input found for a run: where it is, the output name it gets, and how to print it."""

    path: Path
    name: str  # output name relative to --out, '/'-separated, without .json/.txt
    display: str  # the path as printable text (bytes that are not UTF-8 shown as \xNN)
    problem: str | None = None  # why it cannot be read, found while looking for inputs


@dataclass(frozen=True)
class Skipped:
    """A path that is not processed, with the reason, for the run record."""

    path: str
    reason: str
    counts: bool = True  # whether it makes the run exit 1 (unreadable) or is only noted (hidden)


@dataclass(frozen=True)
class InputScan:
    """Everything found under the paths of a run."""

    files: tuple[InputFile, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class PageContext:
    """What one page's text stage needs to know: which page, of which file, under which run."""

    source: Path
    number: int
    run: RunContext
    reader: Literal["pdfplumber", "pdfium", "pdfplumber-only"] = "pdfplumber"  # text layer from


@dataclass(frozen=True)
class IngestedDoc:
    """A file accepted for processing: its path, detected kind and content hash."""

    path: Path
    kind: Literal["text", "pdf", "image"]
    sha256: str
    size: int


@dataclass(frozen=True)
class Word:
    """A word on a page with its offsets into the page text and its box on the page."""

    start: int
    end: int
    bbox: BBox
    conf: float | None = None
    alt: str | None = None  # OCR's second reading of an uncertain figure (a cell read again alone)


@dataclass(frozen=True)
class Page:
    """The raw text of one page, where it came from and how sure we are of it."""

    number: int
    text: str
    source: Literal["text", "text_layer", "ocr", "none"]
    width: float | None = None
    height: float | None = None
    words: tuple[Word, ...] = ()
    confidence: float | None = None
    rotation: int = 0
    seconds: float = 0.0
    error: str | None = None
    despeckled: bool = False
    warning: str | None = None  # something to note that did not stop the page (scaled render)


@dataclass(frozen=True)
class TextDoc:
    """A document as raw text, page by page."""

    source: IngestedDoc
    pages: tuple[Page, ...]
    encoding: str | None = None  # for text files: the encoding the bytes were read in
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """One change the normaliser made to the raw text, with why and how sure."""

    raw_start: int
    raw_end: int
    original: str
    replacement: str
    reason: str
    confidence: float = 1.0


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in normalised text back to raw text, built from the sorted edits."""

    # (norm_start, norm_end, raw_start, raw_end) for every edit, in order.
    spans: tuple[tuple[int, int, int, int], ...] = ()

    def to_raw(self, pos: int) -> int:
        """Return the raw-text offset of a normalised-text offset."""
        i = bisect.bisect_right([s[0] for s in self.spans], pos) - 1
        if i < 0:
            return pos
        n0, n1, r0, r1 = self.spans[i]
        if pos < n1:
            return r0 if pos == n0 else min(r1, r0 + (pos - n0))
        return r1 + (pos - n1)


@dataclass(frozen=True)
class NormDoc:
    """A document's normalised text (pages joined by form feeds) with the way back to the raw."""

    source: IngestedDoc
    raw: TextDoc
    text: str
    raw_text: str
    page_starts: tuple[int, ...]
    edits: tuple[Edit, ...]
    offsets: OffsetMap
    damage: float = 0.0

    def page_of(self, pos: int) -> int:
        """Return the 1-based page number holding normalised offset `pos`."""
        return bisect.bisect_right(self.page_starts, pos)


@dataclass(frozen=True)
class Evidence:
    """Where a fact or finding stands: page, span in the normalised text, quote, box."""

    page: int
    start: int
    end: int
    quote: str
    bbox: BBox | None = None
    page_size: tuple[float, float] | None = None
    context: str | None = None  # the sentence around the quote, for reading it in place
    context_start: int | None = None  # where `context` starts in the normalised text
    ocr_confidence: float | None = None  # lowest OCR confidence of the quoted figures (0-100)
    source: str | None = None  # 'ocr' or 'text_layer' for a PDF or image page (None for text files)
    ocr_repair: str | None = None  # the OCR repair that produced the figure ('324 → 3%' and why)


@dataclass(frozen=True)
class Fact:
    """One extracted fact in the shape of the output contract."""

    type: str
    value: float | None
    unit: str | None
    evidence: Evidence
    id: str = ""
    value_max: float | None = None
    measure: str | None = None
    gender: str | None = None
    category: str | None = None
    subject: str | None = None
    role: str | None = None
    organisation: str | None = None
    person: str | None = None
    label: str | None = None
    kind: str | None = None
    column: str | None = None
    parent: str | None = None
    period: str | None = None
    text: str | None = None
    level: str | None = None
    confidence: float = 1.0

    def key(self) -> tuple[Any, ...]:
        """Identity of the fact for de-duplication: every field but id, evidence and confidence."""
        skip = {"id", "evidence", "confidence"}
        return tuple(getattr(self, f.name) for f in fields(self) if f.name not in skip)


@dataclass(frozen=True)
class Finding:
    """A cross-check that failed, with the facts and evidence it rests on."""

    rule: str
    severity: Severity
    message: str
    values: tuple[float, ...]
    facts: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    id: str = ""
    about: str | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """The `document` block of an output: what the document is."""

    source: str
    kind: str | None = None
    title: str | None = None
    insats: str | None = None
    organisation: str | None = None
    period: str | None = None
    date: str | None = None
    start_date: str | None = None
    parties: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # names the text gives its insats or project (for grouping)


@dataclass(frozen=True)
class PageInfo:
    """Per-page provenance recorded in the output."""

    number: int
    source: str
    confidence: float | None = None
    rotation: int = 0
    error: str | None = None
    despeckled: bool = False


@dataclass(frozen=True)
class ErrorItem:
    """A recorded failure of a page or a whole document."""

    stage: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class DocumentOutput:
    """Everything written for one document."""

    document: DocumentInfo
    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...]
    status: Status = "ok"
    input_sha256: str = ""
    pipeline_version: str = PIPELINE_VERSION
    pages: tuple[PageInfo, ...] = ()
    errors: tuple[ErrorItem, ...] = ()
    edits: int = 0
    encoding: str | None = None
    warnings: tuple[ErrorItem, ...] = ()


# Fields kept in the JSON even when null: the contract says staffing value/unit are null, not absent.
ALWAYS_KEPT = {"value", "unit"}


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in ALWAYS_KEPT}


def _evidence_json(e: Evidence) -> dict[str, Any]:
    out = {k: v for k, v in asdict(e).items() if v is not None}
    for k in ("bbox", "page_size"):
        if k in out:
            out[k] = [round(x, 1) for x in out[k]]
    if "ocr_confidence" in out:
        out["ocr_confidence"] = round(out["ocr_confidence"], 1)
    return out


def _number_json(v: float | None) -> float | int | None:
    if v is None:
        return None
    if not math.isfinite(float(v)):  # JSON has no Infinity or NaN; run.py drops such facts first
        raise ValueError(f"not a finite number: {v}")
    return int(v) if float(v).is_integer() else round(float(v), 4)


def is_finite_fact(f: Fact) -> bool:
    """Whether a fact's numbers can be written as JSON (a 400-digit amount overflows to inf)."""
    return all(v is None or math.isfinite(float(v)) for v in (f.value, f.value_max))


def to_json(out: DocumentOutput) -> dict[str, Any]:
    """Turn a document output into the contract's JSON shape (deterministic, no timings)."""
    facts = []
    for f in out.facts:
        d = _drop_none({k: v for k, v in asdict(f).items() if k != "evidence"})
        d["value"] = _number_json(f.value)
        if f.value_max is not None:
            d["value_max"] = _number_json(f.value_max)
        d["evidence"] = _evidence_json(f.evidence)
        facts.append(d)
    findings = []
    for c in out.findings:
        d = _drop_none({k: v for k, v in asdict(c).items() if k != "evidence"})
        d["values"] = [_number_json(v) for v in c.values]
        d["facts"] = list(c.facts)
        d["evidence"] = [_evidence_json(e) for e in c.evidence]
        findings.append(d)
    doc = _drop_none(asdict(out.document))
    doc["parties"] = list(out.document.parties)
    doc["names"] = list(out.document.names)
    data: dict[str, Any] = {
        "document": doc,
        "facts": facts,
        "findings": findings,
        "status": out.status,
        "input_sha256": out.input_sha256,
        "pipeline_version": out.pipeline_version,
        "pages": [_drop_none(asdict(p)) for p in out.pages],
        "errors": [_drop_none(asdict(e)) for e in out.errors],
        "warnings": [_drop_none(asdict(w)) for w in out.warnings],
        "edits": out.edits,
    }
    if out.encoding:
        data["encoding"] = out.encoding
    return data
