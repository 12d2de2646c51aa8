"""The whole pipeline on one screen: ingest → text → normalise → extract → cross-check → export."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.crossdoc.identity import names
from pipeline.errors import DocumentError, MissingDependency
from pipeline.models import (
    DocumentInfo,
    DocumentOutput,
    ErrorItem,
    InputFile,
    NormDoc,
    PageInfo,
    RunContext,
    TextDoc,
    is_finite_fact,
)
from pipeline.stages.checks import cross_check
from pipeline.stages.context import add_context
from pipeline.stages.export import export
from pipeline.stages.extract import extract
from pipeline.stages.ingest import display, ingest
from pipeline.stages.normalise import normalise
from pipeline.stages.text import read_text

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class DocResult:
    """What one document's run produced, for the summary line, the run record and the exit code."""

    path: Path
    name: str
    status: str
    facts: int
    findings: int
    worst: str | None
    seconds: float
    error: str | None = None
    warnings: int = 0
    missing_dependency: bool = False  # failed because Tesseract or its Swedish data is missing
    written: bool = True  # whether its output JSON is on disk (a full disk can stop that)
    peak_mb: float | None = None  # peak resident memory of the worker while on this document


def _pages(doc: TextDoc) -> tuple[PageInfo, ...]:
    return tuple(PageInfo(p.number, p.source, p.confidence, p.rotation, p.error, p.despeckled)
                 for p in doc.pages)


def _warnings(text: TextDoc, dropped: int) -> tuple[ErrorItem, ...]:
    """What an analyst should know about a document that still was read."""
    out = [ErrorItem("text", w) for w in text.warnings]
    out += [ErrorItem("text", p.warning, p.number) for p in text.pages if p.warning]
    if not any(p.text.strip() for p in text.pages):
        out.append(ErrorItem("text", "ingen text hittades i dokumentet (no text found)"))
    if dropped:
        out.append(ErrorItem("extract", f"{dropped} uppgifter med för stora tal togs bort "
                                        f"(facts whose number is not finite were dropped)"))
    return tuple(out)


def run_document(path: Path, ctx: RunContext) -> tuple[DocumentOutput, NormDoc]:
    """Run every stage on one file and return its output (raises DocumentError if unusable)."""
    doc = ingest(path)
    text = read_text(doc, ctx)
    norm = normalise(text)
    info, facts = extract(norm)
    info = replace(info, source=display(path.name))
    finite = add_context(tuple(f for f in facts if is_finite_fact(f)), norm)
    info = replace(info, names=names(norm.text, info.insats))
    findings = tuple(c for c in cross_check(finite, norm.text) if all(math.isfinite(v) for v in c.values))
    errors = tuple(ErrorItem("text", p.error, p.number) for p in text.pages if p.error)
    status = "partial" if errors else "ok"
    out = DocumentOutput(info, finite, findings, status, doc.sha256, pages=_pages(text),
                         errors=errors, edits=len(norm.edits), encoding=text.encoding,
                         warnings=_warnings(text, len(facts) - len(finite)))
    return out, norm


def failed_output(job: InputFile, stage: str, reason: str, sha256: str = "") -> DocumentOutput:
    """The output recorded for a document that could not be processed."""
    return DocumentOutput(DocumentInfo(source=display(job.path.name)), (), (), "failed",
                          input_sha256=sha256, errors=(ErrorItem(stage, reason[:1000]),))


def write_failed(job: InputFile, ctx: RunContext, stage: str, reason: str, seconds: float,
                 missing: bool = False) -> DocResult:
    """Write a `failed` output; a failure to write it (disk full) is said in the result, not raised."""
    try:
        export(failed_output(job, stage, reason), ctx.out_dir, job.name)
        written = True
    except OSError as exc:
        reason = f"{reason}; output not written: {exc.strerror or exc}"
        written = False
    return DocResult(job.path, job.name, "failed", 0, 0, None, seconds, reason,
                     missing_dependency=missing, written=written)


def process(job: InputFile | Path, ctx: RunContext) -> DocResult:
    """Run one document and write its output; a failure is recorded, never raised."""
    if isinstance(job, Path):
        from pipeline.stages.ingest import scan_inputs

        job = scan_inputs([job]).files[0]
    t0 = time.perf_counter()
    try:
        if job.problem:
            raise DocumentError(job.display, job.problem)
        out, norm = run_document(job.path, ctx)
        export(out, ctx.out_dir, job.name, norm, ctx.save_text)
    except MissingDependency as exc:
        return write_failed(job, ctx, "text", str(exc), time.perf_counter() - t0, missing=True)
    except DocumentError as exc:
        return write_failed(job, ctx, exc.stage, exc.reason, time.perf_counter() - t0)
    except MemoryError:
        reason = (f"out of memory: the document needs more than {ctx.max_memory_mb} MB "
                  f"(--max-memory)")
        return write_failed(job, ctx, "pipeline", reason, time.perf_counter() - t0)
    except RecursionError:
        return write_failed(job, ctx, "pipeline", "internal error: RecursionError (nesting too deep)",
                            time.perf_counter() - t0)
    except OSError as exc:  # reading the input or writing the output: permissions, full disk
        where = display(exc.filename) if exc.filename else job.display
        reason = f"{where}: {exc.strerror or exc}"
        return write_failed(job, ctx, "pipeline", reason, time.perf_counter() - t0)
    except Exception as exc:  # a bug on one document must not stop the batch
        reason = f"internal error: {type(exc).__name__}: {str(exc)[:400]}"
        return write_failed(job, ctx, "pipeline", reason, time.perf_counter() - t0)
    worst = max((f.severity for f in out.findings), key=SEVERITY_ORDER.__getitem__, default=None)
    return DocResult(job.path, job.name, out.status, len(out.facts), len(out.findings), worst,
                     time.perf_counter() - t0, warnings=len(out.warnings))


WARM_TEXT = ("Helårsrapport 2023 för Samverkansteamet. Antal deltagare totalt var 27, av dessa var "
             "12 kvinnor och 15 män.\n\nBudget\tUtfall\nPersonal\t412 000\nSumma kostnader\t412 000\n"
             "Målet är att 40 procent ska gå till arbete eller studier. Handläggare 50 procent.\n")


def warm_up() -> None:
    """Run the stages once on a short Swedish text, so models and word lists are loaded."""
    from pipeline.models import IngestedDoc, Page
    from pipeline.repair.lexicon import hunspell
    from pipeline.repair.words import skeleton_index
    from pipeline.stages.export import validator

    src = IngestedDoc(Path("warm.txt"), "text", "", len(WARM_TEXT))
    try:
        hunspell()  # the word lists OCR repair loads on first use: seconds each
        skeleton_index()
        validator()
        norm = normalise(TextDoc(src, (Page(1, WARM_TEXT, "text"),)))
        _, facts = extract(norm)
        cross_check(tuple(f for f in facts if is_finite_fact(f)))
    except Exception:  # warming is an optimisation: a worker that starts cold still works
        pass
