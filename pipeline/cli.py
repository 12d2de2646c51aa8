"""The `finsam` command: extract, eval and show, with exit codes handled in one place."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.errors import BadArguments, ExitCode, FinsamError
from pipeline.models import PIPELINE_VERSION, RunContext
from pipeline.run import DocResult

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}

EPILOG = """exit codes:
  0  every document was processed
  1  a document failed (named on stderr and in its JSON with the reason)
  2  findings at or above --fail-on were raised (only with --fail-on)
  3  bad arguments     4  Tesseract or its Swedish data missing     5  internal error
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="finsam", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="Turn Swedish FINSAM plans and reports (text, PDF, scans) into checked facts.")
    p.add_argument("--version", action="version", version=f"finsam {PIPELINE_VERSION}")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="extract facts and findings from files and folders",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    e.add_argument("paths", nargs="+", type=Path, help="files or folders (searched recursively)")
    e.add_argument("--out", type=Path, required=True, help="folder for <name>.json outputs")
    e.add_argument("--save-text", action="store_true",
                   help="also write the normalised text as <name>.txt (pages split by form feeds)")
    e.add_argument("--ocr", choices=["auto", "force", "never"], default="auto",
                   help="PDF pages: OCR when no real text layer (auto), always, or never")
    e.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: all cores)")
    e.add_argument("--force", action="store_true", help="redo documents whose output is current")
    e.add_argument("--fail-on", choices=["error", "warning"], default=None,
                   help="exit 2 when any finding has at least this severity")
    e.add_argument("--quiet", action="store_true", help="no progress bar, only failures")
    e.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="run documents in a local process pool (default) or on a Dask cluster")
    e.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    v = sub.add_parser("eval", help="score outputs against gold facts")
    v.add_argument("out", type=Path, help="folder of outputs from `finsam extract`")
    v.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files")
    v.add_argument("--json", action="store_true", help="print scores as JSON")
    v.add_argument("--verbose", action="store_true", help="list misses, extras and false alarms")
    s = sub.add_parser("show", help="summarise one output JSON (or extract and show an input)")
    s.add_argument("file", type=Path)
    q = sub.add_parser("query", help="run a read-only SQL query on OUT/catalogue.sqlite")
    q.add_argument("out", type=Path)
    q.add_argument("sql", help='e.g. "SELECT name, status, error FROM documents"')
    x = sub.add_parser("export", help="facts and findings as CSV files and/or an Excel workbook")
    x.add_argument("out", type=Path)
    x.add_argument("--csv", type=Path, help="folder for documents.csv, facts.csv, findings.csv")
    x.add_argument("--xlsx", type=Path, help="workbook with a sheet per table")
    r = sub.add_parser("report", help="one self-contained HTML audit report")
    r.add_argument("out", type=Path)
    r.add_argument("--html", type=Path, required=True)
    return p


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_current(path: Path, out_dir: Path) -> bool:
    """Whether `path` already has an output made from the same bytes by this pipeline version."""
    out = out_dir / f"{path.stem}.json"
    if not out.exists():
        return False
    try:
        data = json.loads(out.read_text("utf-8"))
        return (data.get("pipeline_version") == PIPELINE_VERSION
                and data.get("status") != "failed" and data.get("input_sha256") == _sha(path))
    except (OSError, ValueError):
        return False


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the pipeline over every input and print one line per document and a total."""
    from pipeline.outputs.catalogue import connect, record
    from pipeline.stages.ingest import find_inputs

    if args.jobs < 1:
        raise BadArguments("--jobs must be at least 1")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise BadArguments(f"no such file or folder: {', '.join(map(str, missing))}")
    files = list(find_inputs(args.paths))
    ctx = RunContext(out_dir=args.out, ocr_mode=args.ocr, jobs=args.jobs, save_text=args.save_text)
    todo = [f for f in files if args.force or not is_current(f, args.out)]
    skipped = len(files) - len(todo)
    t0 = time.perf_counter()
    results: list[DocResult] = []
    show_bar = not args.quiet and sys.stderr.isatty()
    bar = None
    if show_bar:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="doc", file=sys.stderr)
    con = connect(args.out)
    for r in _results(todo, ctx, args):
        results.append(_report(r, args.quiet, bar))
        record(con, r.path, args.out / f"{r.path.stem}.json", r.seconds)
    con.close()
    if bar:
        bar.close()
    failed = [r for r in results if r.status == "failed"]
    print(f"total: {len(results)} processed, {len(failed)} failed, {skipped} unchanged (skipped), "
          f"{sum(r.facts for r in results)} facts, {sum(r.findings for r in results)} findings, "
          f"{time.perf_counter() - t0:.1f} s")
    if failed:
        return ExitCode.DOCUMENT_FAILED
    if args.fail_on and any(r.worst and SEVERITY_ORDER[r.worst] >= SEVERITY_ORDER[args.fail_on]
                            for r in results):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _results(todo: list[Path], ctx: RunContext, args: argparse.Namespace) -> Iterator[DocResult]:
    """Run documents where asked: one process, a local pool, or a Dask cluster; yield as done."""
    from pipeline.run import process

    if args.executor == "dask":
        from distributed import Client, as_completed

        if not args.scheduler:
            raise BadArguments("--executor dask needs --scheduler ADDRESS")
        with Client(args.scheduler) as client:
            futures = client.map(process, todo, ctx=replace(ctx, jobs=1), pure=False)
            for fut in as_completed(futures):
                yield fut.result()
    elif len(todo) > 1 and args.jobs > 1:
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(todo))) as pool:
            yield from pool.map(process, todo, [replace(ctx, jobs=1)] * len(todo))
    else:
        for f in todo:
            yield process(f, ctx)


def _report(r: DocResult, quiet: bool, bar: Any) -> DocResult:
    if r.status == "failed":
        print(f"finsam: {r.path}: {r.error}", file=sys.stderr)
    elif not quiet:
        line = (f"{r.path}: {r.status}, {r.facts} facts, {r.findings} findings, "
                f"{r.seconds:.1f} s")
        print(line) if bar is None else bar.write(line)
    if bar is not None:
        bar.update(1)
    return r


def cmd_eval(args: argparse.Namespace) -> int:
    """Print the evaluation table (or JSON)."""
    from pipeline.outputs.evaluate import as_json, evaluate, report

    if not args.out.is_dir() or not args.gold.is_dir():
        raise BadArguments("eval needs an output folder and a --gold folder")
    scores = evaluate(args.out, args.gold)
    print(json.dumps(as_json(scores), indent=2) if args.json else report(scores, args.verbose))
    return ExitCode.OK


def cmd_query(args: argparse.Namespace) -> int:
    """Print a catalogue query's rows, tab-separated, with a header."""
    import sqlite3

    from pipeline.outputs.catalogue import query

    try:
        cols, rows = query(args.out, args.sql)
    except sqlite3.Error as exc:
        raise BadArguments(f"query failed: {exc}") from exc
    print("\t".join(cols))
    for row in rows:
        print("\t".join("" if v is None else str(v) for v in row))
    return ExitCode.OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the CSV files and/or the workbook."""
    from pipeline.outputs.tables import write_csv, write_xlsx

    if not args.csv and not args.xlsx:
        raise BadArguments("export needs --csv DIR and/or --xlsx FILE")
    for p in write_csv(args.out, args.csv) if args.csv else []:
        print(p)
    if args.xlsx:
        print(write_xlsx(args.out, args.xlsx))
    return ExitCode.OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML audit report atomically."""
    from pipeline.outputs.report import render
    from pipeline.stages.export import write_atomic

    write_atomic(args.html, render(args.out))
    print(args.html)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    """A readable summary of one document's facts and findings."""
    from pipeline.outputs.show import render

    path: Path = args.file
    if path.suffix.lower() != ".json":
        import tempfile

        from pipeline.run import process

        tmp = Path(tempfile.mkdtemp(prefix="finsam-show-"))
        process(path, RunContext(out_dir=tmp, jobs=1))
        path = tmp / f"{path.stem}.json"
    if not path.exists():
        raise BadArguments(f"no such file: {path}")
    print(render(json.loads(path.read_text("utf-8"))))
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    """Entry point: every expected error becomes its exit code here and nowhere else."""
    args = _parser().parse_args(argv)
    handlers = {"extract": cmd_extract, "eval": cmd_eval, "show": cmd_show, "query": cmd_query,
                "export": cmd_export, "report": cmd_report}
    try:
        return int(handlers[args.command](args))
    except FinsamError as exc:
        print(f"finsam: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("finsam: interrupted; finished outputs are kept", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug outside any one document: say so, with the exit code for it
        print(f"finsam: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return int(ExitCode.INTERNAL)


if __name__ == "__main__":
    sys.exit(main())
