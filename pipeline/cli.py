"""The `finsam` command: extract, eval and show, with exit codes handled in one place."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from pipeline.errors import BadArguments, ExitCode, FinsamError
from pipeline.models import PIPELINE_VERSION, RunContext

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
    v = sub.add_parser("eval", help="score outputs against gold facts")
    v.add_argument("out", type=Path, help="folder of outputs from `finsam extract`")
    v.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files")
    v.add_argument("--json", action="store_true", help="print scores as JSON")
    v.add_argument("--verbose", action="store_true", help="list misses, extras and false alarms")
    s = sub.add_parser("show", help="summarise one output JSON (or extract and show an input)")
    s.add_argument("file", type=Path)
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
    from pipeline.ingest import find_inputs
    from pipeline.run import DocResult, process

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
    if len(todo) > 1 and args.jobs > 1:
        doc_ctx = replace(ctx, jobs=1)
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(todo))) as pool:
            for r in pool.map(process, todo, [doc_ctx] * len(todo)):
                results.append(_report(r, args.quiet, bar))
    else:
        for f in todo:
            results.append(_report(process(f, ctx), args.quiet, bar))
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


def _report(r, quiet: bool, bar) -> object:  # noqa: ANN001
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
    from pipeline.evaluate import as_json, evaluate, report

    if not args.out.is_dir() or not args.gold.is_dir():
        raise BadArguments("eval needs an output folder and a --gold folder")
    scores = evaluate(args.out, args.gold)
    print(json.dumps(as_json(scores), indent=2) if args.json else report(scores, args.verbose))
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    """A readable summary of one document's facts and findings."""
    from pipeline.show import render

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
    handlers = {"extract": cmd_extract, "eval": cmd_eval, "show": cmd_show}
    try:
        return int(handlers[args.command](args))
    except FinsamError as exc:
        print(f"finsam: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("finsam: interrupted; finished outputs are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
