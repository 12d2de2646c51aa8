"""The `finsam` command: extract, eval, show, query, export and report; exit codes in one place."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Generator
from pathlib import Path
from typing import Any

from pipeline.errors import BadArguments, ExitCode, FinsamError
from pipeline.models import PIPELINE_VERSION, InputFile, RunContext
from pipeline.run import SEVERITY_ORDER, DocResult

log = logging.getLogger("finsam")
# Per-document lines go to the log file only: on the terminal they are already on stdout.
doc_log = logging.getLogger("finsam.documents")

EPILOG = """exit codes:
  0  every document was processed
  1  a document failed or a path could not be read (named on stderr, in its JSON and the run record)
  2  findings at or above --fail-on were raised (only with --fail-on)
  3  bad arguments     4  Tesseract or its Swedish data missing     5  internal error
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is exit 3 (bad arguments) as the README says, not 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise BadArguments(f"{message}\n{self.format_usage().strip()}")


def _logging_options(p: argparse.ArgumentParser, top: bool) -> None:
    """-v, -q and --log on the command and on every subcommand (either place works)."""
    default: Any = argparse.SUPPRESS if not top else None
    p.add_argument("-v", dest="verbose", action="count", default=argparse.SUPPRESS if not top else 0,
                   help="say more on stderr (-vv: debug)")
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS if not top else False,
                   help="only failures and the summary line")
    p.add_argument("--log", type=Path, default=default, metavar="FILE",
                   help="also write a detailed log (every document, with times) to FILE")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="finsam", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
                description="Turn Swedish FINSAM plans and reports (text, PDF, scans) into checked facts.")
    p.add_argument("-V", "--version", action="version", version=f"finsam {PIPELINE_VERSION}")
    _logging_options(p, top=True)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="extract facts and findings from files and folders",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    e.add_argument("paths", nargs="+", type=Path, help="files or folders (searched recursively)")
    e.add_argument("--out", type=Path, required=True,
                   help="folder for outputs (<name>.json, folders mirrored), catalogue, runs/")
    e.add_argument("--save-text", action="store_true",
                   help="also write the normalised text as <name>.txt (pages split by form feeds)")
    e.add_argument("--ocr", choices=["auto", "force", "never"], default="auto",
                   help="PDF pages: OCR when no real text layer (auto), always, or never")
    e.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes (default: all cores)")
    e.add_argument("--force", action="store_true", help="redo documents whose output is current")
    e.add_argument("--fail-on", choices=["error", "warning"], default=None,
                   help="exit 2 when any finding has at least this severity")
    e.add_argument("--doc-timeout", type=float, default=RunContext.doc_timeout_s, metavar="SECONDS",
                   help="stop a document after this long and record it as failed (default %(default)s)")
    e.add_argument("--max-memory", type=int, default=RunContext.max_memory_mb, metavar="MB",
                   help="memory for each worker process and the tools it runs (default %(default)s)")
    e.add_argument("--max-pixels", type=int, default=RunContext.max_pixels, metavar="N",
                   help="largest image or rendered page, in pixels: larger pages are rendered at a "
                        "lower dpi, larger images refused (default %(default)s)")
    e.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="run documents in local worker processes (default) or on a Dask cluster")
    e.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    v = sub.add_parser("eval", help="score outputs against gold facts")
    v.add_argument("out", type=Path, help="folder of outputs from `finsam extract`")
    v.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files")
    v.add_argument("--json", action="store_true", help="print scores as JSON")
    v.add_argument("--verbose", action="store_true", dest="list_misses",
                   help="list misses, extras and false alarms")
    s = sub.add_parser("show", help="summarise one output JSON (or extract and show an input)")
    s.add_argument("file", type=Path)
    q = sub.add_parser("query", help="run a read-only SQL query on OUT/catalogue.sqlite")
    q.add_argument("out", type=Path)
    q.add_argument("sql", help='e.g. "SELECT document, status, error FROM documents"')
    fmt = q.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="print CSV (a header, then rows)")
    fmt.add_argument("--json", action="store_true", help="print a JSON list of objects")
    q.add_argument("--csv-sep", choices=[",", ";", "tab"], default=",",
                   help="CSV separator; ';' also writes decimal commas, as Swedish Excel reads them")
    x = sub.add_parser("export", help="facts and findings as CSV files and/or an Excel workbook")
    x.add_argument("out", type=Path)
    x.add_argument("--csv", type=Path, help="folder for documents, facts, findings, groups and "
                                            "comparisons as .csv")
    x.add_argument("--csv-sep", choices=[",", ";", "tab"], default=",",
                   help="CSV separator; ';' also writes decimal commas, as Swedish Excel reads them")
    x.add_argument("--xlsx", type=Path, help="workbook with a sheet (an Excel table) per table")
    r = sub.add_parser("report", help="one self-contained HTML audit report")
    r.add_argument("out", type=Path)
    r.add_argument("--html", type=Path, required=True)
    for child in (e, v, s, q, x, r):
        _logging_options(child, top=False)
    return p


class _Console(logging.Filter):
    """Keeps per-document lines off stderr (they are on stdout) but in the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("finsam.documents")


def _setup_logging(args: argparse.Namespace) -> list[logging.Handler]:
    """stderr at WARNING (-q), INFO (default) or DEBUG (-v); --log FILE gets everything."""
    log.setLevel(logging.DEBUG)
    log.propagate = False
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
    console.setFormatter(logging.Formatter("finsam: %(message)s"))
    console.addFilter(_Console())
    handlers: list[logging.Handler] = [console]
    if args.log:
        try:
            args.log.parent.mkdir(parents=True, exist_ok=True)
            fh = logging.FileHandler(args.log, encoding="utf-8")
        except OSError as exc:
            raise BadArguments(f"--log {args.log}: {exc.strerror}") from exc
        fh.setLevel(logging.DEBUG)
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        handlers.append(fh)
    for h in handlers:
        log.addHandler(h)
    return handlers


class _Stdout:
    """Prints results; when the reader goes away (`| head`), later lines are dropped quietly."""

    def __init__(self) -> None:
        self.closed = False

    def say(self, text: str) -> None:
        """Print one line unless stdout's reader is gone."""
        if self.closed:
            return
        try:
            print(text, flush=True)
        except BrokenPipeError:
            self.closed = True
            try:  # as the Python docs advise: point stdout at /dev/null so exit does not complain
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def current_output(job: InputFile, out_dir: Path, save_text: bool) -> dict[str, Any] | None:
    """The output of `job` if it is current (same bytes, same version, not failed, text there)."""
    out = out_dir / f"{job.name}.json"
    if job.problem or not out.is_file() or (save_text and not (out_dir / f"{job.name}.txt").is_file()):
        return None
    try:
        data = json.loads(out.read_text("utf-8"))
        if (data.get("pipeline_version") == PIPELINE_VERSION and data.get("status") != "failed"
                and data.get("input_sha256") == _sha(job.path)):
            return data
    except (OSError, ValueError):
        pass
    return None


def _check_out(out: Path, inputs: list[Path]) -> None:
    """--out must be a folder finsam can write, apart from every input."""
    ro = out.resolve()
    for p in inputs:
        rp = p.resolve()
        if rp == ro or ro.is_relative_to(rp):
            raise BadArguments(f"--out {out} is inside the input folder {p}: outputs would be read "
                               f"as inputs and --save-text could overwrite sources")
        if rp.is_relative_to(ro):
            raise BadArguments(f"input {p} is inside --out {out}: choose an output folder apart "
                               f"from the inputs")
    if out.exists() and not out.is_dir():
        raise BadArguments(f"--out {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadArguments(f"--out {out} cannot be created: {exc.strerror}") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise BadArguments(f"--out {out} is not writable")


def _open_catalogue(out: Path) -> sqlite3.Connection:
    """The catalogue; one that is not a database any more is moved aside and rebuilt."""
    from pipeline.outputs.catalogue import CATALOGUE, connect

    try:
        return connect(out)
    except sqlite3.OperationalError as exc:  # locked, disk full, read-only: not the file's fault
        raise BadArguments(f"the catalogue in {out} cannot be opened: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        aside = out / f"{CATALOGUE}.broken-{int(time.time())}"
        (out / CATALOGUE).replace(aside)
        log.warning("catalogue was unreadable (%s): moved to %s and rebuilt from the outputs",
                    exc, aside.name)
        return connect(out)


def _validate_extract(args: argparse.Namespace) -> RunContext:
    if args.jobs < 1:
        raise BadArguments("--jobs must be at least 1")
    if args.doc_timeout <= 0 or args.max_memory < 256 or args.max_pixels < 1_000_000:
        raise BadArguments("--doc-timeout must be positive, --max-memory at least 256 (MB), "
                           "--max-pixels at least 1000000")
    if args.executor == "dask" and not args.scheduler:
        raise BadArguments("--executor dask needs --scheduler ADDRESS")
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        raise BadArguments(f"no such file or folder: {', '.join(map(str, missing))}")
    _check_out(args.out, args.paths)
    return RunContext(out_dir=args.out, ocr_mode=args.ocr, jobs=args.jobs, save_text=args.save_text,
                      doc_timeout_s=args.doc_timeout, max_memory_mb=args.max_memory,
                      max_pixels=args.max_pixels)


def cmd_extract(args: argparse.Namespace) -> int:
    """Run the pipeline over every input; one line per document, a summary, a run record."""
    from pipeline.outputs.catalogue import output_files, reconcile, record, sweep_temp_files
    from pipeline.record import RunRecord, argv_text
    from pipeline.stages.ingest import display, scan_inputs

    ctx = _validate_extract(args)
    t0 = time.perf_counter()
    scan = scan_inputs(args.paths)
    files, skipped = _unique_names(scan.files, list(scan.skipped))
    rec = RunRecord.begin(args.out, argv_text(args.argv), _arguments(args), ctx)
    rec.skip(tuple(skipped))
    for s in skipped:
        (log.error if s.counts else log.debug)("%s: %s", s.path, s.reason)
    if not files:
        log.error("no documents to read under %s (finsam reads .txt, .pdf, .png, .jpg, .tif)",
                  ", ".join(display(p) for p in args.paths))
    con = _open_catalogue(args.out)
    if swept := sweep_temp_files(args.out):  # a killed run's half-written files
        log.info("%d half-written files of an interrupted run removed", swept)
    try:
        repaired, dropped = reconcile(con, args.out, {f.name: f.display for f in files})
    except sqlite3.Error as exc:  # a full disk: the outputs stand, the next run repairs the rows
        log.error("catalogue not repaired (%s); the next run tries again", exc)
        repaired = dropped = 0
    rec.catalogue = {"rows_repaired": repaired, "rows_dropped": dropped}
    if repaired or dropped:
        log.info("catalogue repaired: %d rows from outputs, %d rows without an output dropped",
                 repaired, dropped)
    names = {f.name for f in files}
    rec.other_outputs = [n for n, _ in output_files(args.out) if n not in names]
    if rec.other_outputs:  # kept: they may be another run's; an analyst decides
        log.info("%d outputs in %s come from no input of this run (other runs, older names); "
                 "listed in the run record", len(rec.other_outputs), display(args.out))
    current: list[dict[str, Any]] = []
    todo: list[InputFile] = []
    for f in files:
        data = None if args.force else current_output(f, args.out, args.save_text)
        if data is None:
            todo.append(f)
        else:
            current.append(data)
    rec.write()
    results: list[DocResult] = []
    bar = _progress(len(todo), args.quiet)
    by_name = {f.name: f for f in files}
    running = _results(todo, ctx, args)
    try:
        for r in running:
            shown = by_name[r.name].display
            _report(r, shown, args, bar)
            results.append(r)
            rec.add(r, shown)
            if r.written:
                _record(con, record, args.out, r, shown)
        cross = _crossdoc(con, args.out)
    except KeyboardInterrupt:
        rec.interrupted()
        raise
    finally:
        running.close()  # stops the workers now, not when the generator is collected
        con.close()
    if bar:
        bar.close()
    return _finish(args, rec, results, current, skipped, bool(files), time.perf_counter() - t0, cross)


def _crossdoc(con: sqlite3.Connection, out: Path) -> list[str]:
    """The cross-document stage over every output in --out; the severities of its findings."""
    from pipeline.crossdoc.stage import run
    from pipeline.outputs.catalogue import record_crossdoc

    try:
        result = run(out)
        record_crossdoc(con, result)
    except Exception as exc:  # the outputs stand; the next run (or `report`) redoes it
        log.debug("cross-document stage", exc_info=True)
        log.error("cross-document stage not recorded (%s: %s); the next run tries again",
                  type(exc).__name__, exc)
        return []
    worst = Counter(c.severity for c in result.findings)
    log.info("across documents: %d insats groups, %d comparisons, %d findings (%s)",
             len(result.groups), len(result.comparisons), len(result.findings),
             ", ".join(f"{n} {s}" for s, n in sorted(worst.items())) or "none")
    return [c.severity for c in result.findings]


def _unique_names(files: tuple[InputFile, ...], skipped: list[Any]) -> tuple[list[InputFile], list[Any]]:
    """Backstop: two inputs must never share an output name (hashes make it all but impossible)."""
    from pipeline.models import Skipped

    seen: dict[str, str] = {}
    kept = []
    for f in files:
        if f.name in seen:
            skipped.append(Skipped(f.display, f"output name {f.name} already taken by {seen[f.name]}"))
            continue
        seen[f.name] = f.display
        kept.append(f)
    return kept, skipped


def _arguments(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline.stages.ingest import display

    return {"paths": [display(p) for p in args.paths], "out": display(args.out),
            "save_text": args.save_text, "ocr": args.ocr, "jobs": args.jobs, "force": args.force,
            "fail_on": args.fail_on, "executor": args.executor, "scheduler": args.scheduler}


def _record(con: sqlite3.Connection, record: Any, out: Path, r: DocResult, shown: str) -> None:
    """The catalogue row of a finished document; when it cannot be written the next run repairs it."""
    try:
        data = json.loads((out / f"{r.name}.json").read_text("utf-8"))
        record(con, r.name, shown, data, r.seconds)
    except (OSError, ValueError, sqlite3.Error) as exc:
        log.error("%s: catalogue row not written (%s); the next run repairs it", shown, exc)


def _finish(args: argparse.Namespace, rec: Any, results: list[DocResult], current: list[dict[str, Any]],
            skipped: list[Any], found: bool, seconds: float, cross: list[str]) -> int:
    """Summary line, exit code, and the run record closed with both (cross-document findings
    count for --fail-on as a document's do)."""
    failed = [r for r in results if r.status == "failed"]
    unreadable = [s for s in skipped if s.counts]
    worst = [r.worst for r in results if r.worst] + [
        max((c["severity"] for c in d.get("findings", [])), key=SEVERITY_ORDER.__getitem__)
        for d in current if d.get("findings")] + cross
    if any(r.missing_dependency for r in results):
        code = ExitCode.MISSING_DEPENDENCY
    elif failed or unreadable or not found:
        code = ExitCode.DOCUMENT_FAILED
    elif args.fail_on and any(SEVERITY_ORDER[w] >= SEVERITY_ORDER[args.fail_on] for w in worst):
        code = ExitCode.FINDINGS
    else:
        code = ExitCode.OK
    counts = {"inputs": len(results) + len(current), "processed": len(results),
              "ok": sum(r.status == "ok" for r in results),
              "partial": sum(r.status == "partial" for r in results), "failed": len(failed),
              "unchanged": len(current), "skipped_paths": len(skipped),
              "unreadable_paths": len(unreadable), "warnings": sum(r.warnings for r in results),
              "facts": sum(r.facts for r in results), "findings": sum(r.findings for r in results)}
    path = rec.finish("finished", counts, int(code))
    args.stdout.say(f"total: {len(results)} processed, {len(failed)} failed, {len(current)} unchanged "
            f"(skipped), {len(unreadable)} unreadable paths, {counts['facts']} facts, "
            f"{counts['findings']} findings, {seconds:.1f} s; exit {int(code)}")
    if path:
        log.info("run record: %s", path)
    else:
        log.error("run record could not be written in %s", args.out / "runs")
    return int(code)


def _progress(total: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr)


def _results(todo: list[InputFile], ctx: RunContext,
             args: argparse.Namespace) -> Generator[DocResult, None, None]:
    """Run documents where asked: local worker processes or a Dask cluster; yield as done."""
    from pipeline.batch import run_dask, run_local

    if args.executor == "dask":
        return run_dask(todo, ctx, args.scheduler)
    return run_local(todo, ctx, args.jobs)


def _report(r: DocResult, shown: str, args: argparse.Namespace, bar: Any) -> None:
    line = f"{shown}: {r.status}, {r.facts} facts, {r.findings} findings, {r.seconds:.1f} s"
    if r.warnings:
        line += f", {r.warnings} warnings"
    if r.status == "failed":
        log.error("%s: %s", shown, r.error)
    elif not args.quiet:
        args.stdout.say(line) if bar is None else bar.write(line)
    doc_log.info("%s%s", line, f" ({r.error})" if r.error else "")
    if bar is not None:
        bar.update(1)


def _outputs_folder(out: Path) -> None:
    from pipeline.outputs.catalogue import output_files

    if not out.is_dir():
        raise BadArguments(f"no such output folder: {out}")
    if next(output_files(out), None) is None:
        raise BadArguments(f"no outputs in {out}: run `finsam extract ... --out {out}` first")


def cmd_eval(args: argparse.Namespace) -> int:
    """Print the evaluation table (or JSON)."""
    from pipeline.outputs.evaluate import as_json, evaluate, report

    if not args.out.is_dir() or not args.gold.is_dir():
        raise BadArguments("eval needs an output folder and a --gold folder")
    scores = evaluate(args.out, args.gold)
    args.stdout.say(json.dumps(as_json(scores), indent=2) if args.json else report(scores, args.list_misses))
    log.info("eval: %d gold documents scored", len(scores))
    return ExitCode.OK


def cmd_query(args: argparse.Namespace) -> int:
    """Print a catalogue query's rows, tab-separated, with a header."""
    from pipeline.outputs.catalogue import query

    try:
        cols, rows = query(args.out, args.sql)
    except FileNotFoundError as exc:
        raise BadArguments(str(exc)) from exc
    except sqlite3.Error as exc:
        hint = " (finsam query only reads)" if "authorized" in str(exc) else ""
        raise BadArguments(f"query failed: {exc}{hint}") from exc
    if args.json:
        args.stdout.say(json.dumps([dict(zip(cols, row, strict=True)) for row in rows],
                                   ensure_ascii=False, indent=1))
    elif args.csv:
        from pipeline.outputs.tables import csv_lines

        for line in csv_lines([cols, *rows], _sep(args.csv_sep)):
            args.stdout.say(line)
    else:
        args.stdout.say("\t".join(cols))
        for row in rows:
            args.stdout.say("\t".join("" if v is None else str(v) for v in row))
    log.info("query: %d rows", len(rows))
    return ExitCode.OK


def _sep(choice: str) -> str:
    return "\t" if choice == "tab" else choice


def cmd_export(args: argparse.Namespace) -> int:
    """Write the CSV files and/or the workbook."""
    from pipeline.outputs.tables import write_csv, write_xlsx
    from pipeline.stages.ingest import display

    if not args.csv and not args.xlsx:
        raise BadArguments("export needs --csv DIR and/or --xlsx FILE")
    _outputs_folder(args.out)
    try:
        written = write_csv(args.out, args.csv, _sep(args.csv_sep)) if args.csv else []
        if args.xlsx:
            written.append(write_xlsx(args.out, args.xlsx))
    except OSError as exc:
        raise BadArguments(f"cannot write {exc.filename or ''}: {exc.strerror or exc}") from exc
    for p in written:
        args.stdout.say(display(p))
    log.info("export: %d files written", len(written))
    return ExitCode.OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML audit report atomically."""
    from pipeline.outputs.report import render
    from pipeline.stages.export import write_atomic
    from pipeline.stages.ingest import display

    _outputs_folder(args.out)
    html = render(args.out)
    try:
        write_atomic(args.html, html)
    except OSError as exc:
        raise BadArguments(f"cannot write {args.html}: {exc.strerror or exc}") from exc
    args.stdout.say(display(args.html))
    log.info("report: %s (%d KB)", args.html, len(html.encode("utf-8")) // 1024)
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    """A readable summary of one document's facts and findings."""
    from pipeline.outputs.show import render

    path: Path = args.file
    if not path.exists():
        raise BadArguments(f"no such file: {path}")
    if path.suffix.lower() != ".json":
        import tempfile

        from pipeline.batch import run_local
        from pipeline.stages.ingest import scan_inputs

        scan = scan_inputs([path])
        if not scan.files:
            raise BadArguments(f"{path}: {scan.skipped[0].reason if scan.skipped else 'not an input'}")
        tmp = Path(tempfile.mkdtemp(prefix="finsam-show-"))
        job = scan.files[0]
        for r in run_local([job], RunContext(out_dir=tmp, jobs=1), 1):
            if r.status == "failed":
                log.error("%s: %s", job.display, r.error)
        path = tmp / f"{job.name}.json"
        if not path.exists():
            return ExitCode.DOCUMENT_FAILED
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadArguments(f"{path}: not an output JSON ({exc})") from exc
    args.stdout.say(render(data))
    log.info("show: %s, %s, %d facts, %d findings", data.get("document", {}).get("source"),
             data.get("status"), len(data.get("facts", [])), len(data.get("findings", [])))
    return ExitCode.DOCUMENT_FAILED if data.get("status") == "failed" else ExitCode.OK


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM ends a run as Ctrl-C does: workers stopped, the run record closed."""
    raise KeyboardInterrupt


HANDLERS = {"extract": cmd_extract, "eval": cmd_eval, "show": cmd_show, "query": cmd_query,
            "export": cmd_export, "report": cmd_report}


def main(argv: list[str] | None = None) -> int:
    """Entry point: every expected error becomes its exit code here and nowhere else."""
    try:
        args = _parser().parse_args(argv)
    except BadArguments as exc:
        print(f"finsam: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    args.argv = argv
    args.stdout = _Stdout()
    handlers: list[logging.Handler] = []
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        handlers = _setup_logging(args)
        return int(HANDLERS[args.command](args))
    except FinsamError as exc:
        log.error("%s", exc) if handlers else print(f"finsam: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        log.error("interrupted; finished outputs are kept, a re-run completes the rest")
        return 130
    except BrokenPipeError:  # the reader of stdout went away (`| head`): nothing to report
        return int(ExitCode.OK)
    except Exception as exc:  # a bug outside any one document: say so, with the exit code for it
        log.debug("internal error", exc_info=True)
        log.error("internal error: %s: %s", type(exc).__name__, exc)
        return int(ExitCode.INTERNAL)
    finally:
        signal.signal(signal.SIGTERM, previous)
        for h in handlers:
            log.removeHandler(h)
            h.close()


if __name__ == "__main__":
    sys.exit(main())
