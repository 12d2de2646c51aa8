"""The whole pipeline on one screen: ingest → text → normalise → extract → cross-check → export."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import DocumentError, MissingDependency
from pipeline.models import (
    DocumentInfo,
    DocumentOutput,
    ErrorItem,
    NormDoc,
    PageInfo,
    RunContext,
    TextDoc,
)
from pipeline.stages.checks import cross_check
from pipeline.stages.export import export
from pipeline.stages.extract import extract
from pipeline.stages.ingest import ingest
from pipeline.stages.normalise import normalise
from pipeline.stages.text import read_text


@dataclass(frozen=True)
class DocResult:
    """What one document's run produced, for the summary line and the exit code."""

    path: Path
    status: str
    facts: int
    findings: int
    worst: str | None
    seconds: float
    error: str | None = None


def _pages(doc: TextDoc) -> tuple[PageInfo, ...]:
    return tuple(PageInfo(p.number, p.source, p.confidence, p.rotation, p.error, p.despeckled)
                 for p in doc.pages)


def run_document(path: Path, ctx: RunContext) -> tuple[DocumentOutput, NormDoc]:
    """Run every stage on one file and return its output (raises DocumentError if unusable)."""
    doc = ingest(path)
    text = read_text(doc, ctx)
    norm = normalise(text)
    info, facts = extract(norm)
    findings = cross_check(facts)
    errors = tuple(ErrorItem("text", p.error, p.number) for p in text.pages if p.error)
    status = "partial" if errors else "ok"
    out = DocumentOutput(info, facts, findings, status, doc.sha256, pages=_pages(text),
                         errors=errors, edits=len(norm.edits))
    return out, norm


def process(path: Path, ctx: RunContext) -> DocResult:
    """Run one document and write its output; a failure is recorded, never raised."""
    t0 = time.perf_counter()
    stem = path.stem
    try:
        out, norm = run_document(path, ctx)
        export(out, ctx.out_dir, stem, norm, ctx.save_text)
    except MissingDependency:
        raise
    except DocumentError as exc:
        failed = DocumentOutput(DocumentInfo(source=path.name), (), (), "failed",
                                errors=(ErrorItem(exc.stage, exc.reason),))
        export(failed, ctx.out_dir, stem)
        return DocResult(path, "failed", 0, 0, None, time.perf_counter() - t0, exc.reason)
    except Exception as exc:  # a bug on one document must not stop the batch
        reason = f"internal error: {type(exc).__name__}: {exc}"
        failed = DocumentOutput(DocumentInfo(source=path.name), (), (), "failed",
                                errors=(ErrorItem("pipeline", reason[:500]),))
        export(failed, ctx.out_dir, stem)
        return DocResult(path, "failed", 0, 0, None, time.perf_counter() - t0, reason)
    order = {"info": 0, "warning": 1, "error": 2}
    worst = max((f.severity for f in out.findings), key=order.__getitem__, default=None)
    return DocResult(path, out.status, len(out.facts), len(out.findings), worst,
                     time.perf_counter() - t0)
