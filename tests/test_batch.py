"""Archive-grade batch runs: names that never collide, limits per document, workers that die,
the catalogue kept whole, read-only queries, safe spreadsheets, exit codes and run records."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest

from bench.faults import can_mount, full_disk_run
from pipeline.batch import run_local
from pipeline.cli import main
from pipeline.models import (
    DocumentInfo,
    DocumentOutput,
    Evidence,
    Fact,
    Finding,
    InputFile,
    RunContext,
)
from pipeline.stages.export import export, schema_errors, write_atomic
from pipeline.stages.ingest import output_name, scan_inputs
from tests.conftest import CORPUS, FONT, render_page

FAST = ["002_00efcbd2948d38d0.txt", "004_5d14227fc7eb9d26.txt"]


def _seed(name: str) -> str:
    return (CORPUS / name).read_text("utf-8")


def _pdf(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for ln in lines:
        pdf.cell(0, 8, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _scan(path: Path, pages: int) -> Path:
    """An image-only PDF whose pages take Tesseract a second or more each."""
    lines = ["Helårsrapport för Samverkansteamet", "Antal deltagare totalt var 27."] * 8
    imgs = [render_page(lines).convert("RGB") for _ in range(pages)]
    imgs[0].save(path, "PDF", resolution=200, save_all=True, append_images=imgs[1:])
    return path


def _names(out: Path) -> set[str]:
    return {p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.json")
            if p.relative_to(out).parts[0] != "runs"}


def _rows(out: Path) -> set[str]:
    con = sqlite3.connect(out / "catalogue.sqlite")
    try:
        return {n for (n,) in con.execute("SELECT name FROM documents")}
    finally:
        con.close()


# --- names ------------------------------------------------------------------------------------


def test_output_names_are_distinct_and_readable() -> None:
    raw = [("2019", "plan.txt"), ("2020", "plan.txt"), ("x.txt",), ("x.pdf",), ("x.pdf.txt",),
           ("X.TXT",), (os.fsdecode(b"S\xe4ter.txt"),), ("Säter.txt",), ("a" * 300 + ".txt",),
           ("a" * 300 + "b.txt",), ("runs", "plan.txt"), ("runs.txt",), ("d.json", "x.txt"),
           ("d.txt",), ("x~1.txt",), ("tab\there.txt",), ("catalogue.sqlite", "x.txt")]
    names = [output_name(p) for p in raw]
    assert len(set(names)) == len(names)
    assert names[:5] == ["2019/plan", "2020/plan", "x", "x.pdf", "x.pdf.txt"]
    assert names[6].startswith("Säter~") and names[7] == "Säter"
    assert all(len(part.encode()) <= 150 for n in names for part in n.split("/"))
    assert not names[10].startswith("runs/") and not names[16].startswith("catalogue.sqlite/")


def test_same_names_in_two_folders_and_x_txt_with_x_pdf(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    for year, seed in (("2019", FAST[0]), ("2020", FAST[1])):
        (src / year).mkdir(parents=True)
        (src / year / "plan.txt").write_text(_seed(seed), "utf-8")
    (src / "x.txt").write_text(_seed(FAST[0]), "utf-8")
    _pdf(src / "x.pdf", ["Antal deltagare totalt var 27.", "Av dessa var 12 kvinnor och 15 män."])
    out = tmp_path / "out"
    assert main(["extract", str(src), str(src / "x.txt"), "--out", str(out), "--jobs", "2"]) == 0
    assert _names(out) == {"2019/plan", "2020/plan", "x", "x.pdf"} == _rows(out)
    assert "4 processed" in capsys.readouterr().out  # x.txt given twice: read once
    first = {n: (out / f"{n}.json").read_bytes() for n in _names(out)}
    assert json.loads(first["2019/plan"])["facts"] != json.loads(first["2020/plan"])["facts"]
    assert main(["extract", str(src), "--out", str(out), "--jobs", "2"]) == 0
    assert "0 processed, 0 failed, 4 unchanged" in capsys.readouterr().out
    assert {n: (out / f"{n}.json").read_bytes() for n in _names(out)} == first


# --- limits and dying workers --------------------------------------------------------------


def _jobs(paths: list[Path]) -> list[InputFile]:
    return list(scan_inputs(paths).files)


def test_time_limit_stops_one_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow = _scan(tmp_path / "slow.pdf", 6)
    fast = [tmp_path / f"fast{i}.txt" for i in range(3)]
    for f in fast:
        f.write_text(_seed(FAST[0]), "utf-8")
    ctx = RunContext(tmp_path / "out", doc_timeout_s=2.0)
    results = {r.name: r for r in run_local(_jobs([slow, *fast]), ctx, 2)}
    assert results["slow.pdf"].status == "failed"
    assert "time limit" in (results["slow.pdf"].error or "")
    assert all(results[f"fast{i}"].status == "ok" for i in range(3))
    data = json.loads((tmp_path / "out" / "slow.pdf.json").read_text("utf-8"))
    assert data["status"] == "failed" and "--doc-timeout" in data["errors"][0]["message"]


def test_a_killed_worker_is_recorded_against_its_file_and_replaced(tmp_path: Path) -> None:
    import multiprocessing

    slow = _scan(tmp_path / "a_slow.pdf", 6)
    rest = [tmp_path / f"b{i}.txt" for i in range(3)]
    for f in rest:
        f.write_text(_seed(FAST[1]), "utf-8")

    def kill_busy_worker() -> None:
        time.sleep(2.0)
        for p in multiprocessing.active_children():
            if p.name == "finsam-worker":
                os.kill(p.pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_busy_worker)
    killer.start()
    results = {r.name: r for r in run_local(_jobs([slow, *rest]), RunContext(tmp_path / "out"), 1)}
    killer.join()
    assert results["a_slow.pdf"].status == "failed"
    assert "killed (SIGKILL)" in (results["a_slow.pdf"].error or "")
    assert [results[f"b{i}"].status for i in range(3)] == ["ok"] * 3  # a new worker took over


def test_memory_limit_fails_one_document_not_the_run(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("1", (20000, 20000), 1).save(tmp_path / "a_big.png")  # 1.2 GB once in colour
    (tmp_path / "b.txt").write_text(_seed(FAST[0]), "utf-8")
    ctx = RunContext(tmp_path / "out", max_memory_mb=1024, max_pixels=500_000_000)
    jobs = _jobs([tmp_path / "a_big.png", tmp_path / "b.txt"])
    results = {r.name: r for r in run_local(jobs, ctx, 1)}
    assert results["a_big.png"].status == "failed"
    assert "out of memory" in (results["a_big.png"].error or "")
    assert "--max-memory" in (results["a_big.png"].error or "")
    assert results["b"].status == "ok"


# --- the catalogue as one unit with the outputs --------------------------------------------


def test_rerun_repairs_catalogue_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i, seed in enumerate(FAST * 2):
        (src / f"d{i}.txt").write_text(_seed(seed), "utf-8")
    out = tmp_path / "out"
    args = ["extract", str(src), "--out", str(out), "--jobs", "2", "-q", "--save-text"]
    assert main(args) == 0
    con = sqlite3.connect(out / "catalogue.sqlite")
    with con:
        con.execute("DELETE FROM documents WHERE name IN ('d0', 'd1')")  # as after kill -9
        con.execute("DELETE FROM facts WHERE document = 'd0'")
        con.execute("INSERT INTO documents (name, status) VALUES ('gone', 'ok')")  # no output
    con.close()
    (out / "d2.txt").unlink()  # a JSON without its text is not current
    assert main(args) == 0
    assert _rows(out) == _names(out) == {"d0", "d1", "d2", "d3"}
    assert (out / "d2.txt").is_file()
    con = sqlite3.connect(out / "catalogue.sqlite")
    facts = con.execute("SELECT COUNT(*) FROM facts WHERE document = 'd0'").fetchone()[0]
    con.close()
    assert facts == len(json.loads((out / "d0.json").read_text("utf-8"))["facts"]) > 0
    record = json.loads(sorted((out / "runs").glob("*.json"))[-1].read_text("utf-8"))
    assert record["catalogue"] == {"rows_repaired": 2, "rows_dropped": 1}


def test_rerun_removes_what_a_killed_run_half_wrote(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "d0.txt").write_text(_seed(FAST[0]), "utf-8")
    out = tmp_path / "out"
    args = ["extract", str(src), "--out", str(out), "-q"]
    assert main(args) == 0
    half = out / ".d0.json.k3j2a9q1.tmp"  # as write_atomic leaves it when killed mid-write
    half.write_text('{"document": ', "utf-8")
    assert main(args) == 0
    assert not list(out.rglob(".*.tmp")) and _names(out) == {"d0"}


def test_write_atomic_on_a_full_disk_keeps_the_old_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    write_atomic(target, "old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.slow
@pytest.mark.skipif(not can_mount(), reason="needs root to mount a small tmpfs")
def test_full_disk_then_rerun_is_whole(tmp_path: Path) -> None:
    res = full_disk_run(tmp_path, seeds="002")  # the quick seeds: the disk, not the text, is tested
    if res is None:
        pytest.skip("tmpfs mount refused here")
    code, err, again, after = res
    assert code == 1 and "No space left on device" in err
    assert "Traceback" not in err and "internal error" not in err
    assert again == 0 and after.holds, after


# --- query, exports ---------------------------------------------------------------------------


@pytest.fixture
def small_run(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_seed(FAST[0]), "utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "-q"]) == 0
    return out


def test_query_is_read_only(small_run: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    evil = tmp_path / "evil.db"
    for sql in (f"ATTACH DATABASE '{evil}' AS e", f"VACUUM INTO '{evil}'", "DELETE FROM facts",
                "CREATE TABLE t(x)", "PRAGMA journal_mode=DELETE", "UPDATE documents SET status='x'"):
        assert main(["query", str(small_run), sql]) == 3, sql
    assert not evil.exists()
    assert "not authorized" in capsys.readouterr().err
    assert main(["query", str(small_run), "SELECT COUNT(*) FROM documents"]) == 0
    assert capsys.readouterr().out.splitlines() == ["COUNT(*)", "1"]
    assert main(["query", str(small_run), "PRAGMA table_info(documents)"]) == 0


def _hostile_output(out: Path) -> None:
    """An output whose text fields are spreadsheet formulas and control characters."""
    ev = Evidence(page=1, start=0, end=5, quote="=HYPERLINK(\"http://x\",\"klicka\")")
    facts = tuple(Fact(type="budget_line", value=v, unit="SEK", evidence=ev, id=f"f{i}", label=label,
                       kind="cost")
                  for i, (label, v) in enumerate([("=1+1", 5.0), ("+SUM(A1)", 6.0), ("-2+3", -7.0),
                                                  ("@cmd", 8.0), ("\tTAB", 9.0), ("\rCR", 1.0),
                                                  ("bell\x07 and\x0cfeed", 2.0)]))
    finding = Finding(rule="r", severity="warning", message="=CMD|' /C calc'!A0", values=(1.0,),
                      facts=("f0",), evidence=(ev,), id="c1")
    export(DocumentOutput(DocumentInfo(source="=evil.txt", title="@title"), facts, (finding,)),
           out, "=evil")


def test_xlsx_and_csv_hold_no_formula(tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    out = tmp_path / "out"
    _hostile_output(out)
    assert main(["export", str(out), "--csv", str(tmp_path / "csv"), "--xlsx",
                 str(tmp_path / "f.xlsx")]) == 0
    wb = load_workbook(tmp_path / "f.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=1+1" in texts and "bell andfeed" in texts
    assert -7 in [c.value for c in cells]  # numbers stay numbers
    for name in ("documents", "facts", "findings"):
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                assert not [v for v in row if v.startswith(("=", "+", "@", "\t", "\r"))], row


# --- exit codes, messages, logs, records ----------------------------------------------------


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_seed(FAST[0]), "utf-8")
    out = tmp_path / "out"
    (tmp_path / "file").write_text("x")
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(src), "--out", str(out), "--bogus"]) == 3
    assert main(["extract"]) == 3
    assert main(["extract", str(tmp_path / "nope"), "--out", str(out)]) == 3
    assert main(["extract", str(src), "--out", str(tmp_path / "file")]) == 3
    assert main(["extract", str(src), "--out", str(src / "out")]) == 3
    assert main(["extract", str(src), "--out", str(src)]) == 3
    assert not (src / "out").exists()
    assert main(["extract", str(tmp_path / "empty"), "--out", str(out)]) == 1
    assert main(["export", str(tmp_path / "nope"), "--csv", str(tmp_path / "c")]) == 3
    assert main(["report", str(tmp_path / "nope"), "--html", str(tmp_path / "r.html")]) == 3
    assert main(["report", str(tmp_path / "empty"), "--html", str(tmp_path / "r.html")]) == 3
    assert main(["query", str(tmp_path / "nope"), "SELECT 1"]) == 3
    assert not (tmp_path / "r.html").exists()
    err = capsys.readouterr().err
    for said in ("unrecognized arguments: --bogus", "no such file or folder", "is a file",
                 "inside the input folder", "no documents to read", "no such output folder",
                 "no outputs in", "no catalogue"):
        assert said in err, said
    assert main(["-V"]) == 0
    assert capsys.readouterr().out.strip() == f"finsam {metadata.version('finsam-pipeline')}"


def test_fail_on_judges_unchanged_outputs_too(corpus_copy: Path, tmp_path: Path) -> None:
    args = ["extract", str(corpus_copy / "001_90a0010f637e51a5.txt"), "--out", str(tmp_path / "o"),
            "-q", "--fail-on", "warning"]
    assert main(args) == 2
    assert main(args) == 2  # skipped as unchanged, its findings still stand


def test_log_file_run_record_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_seed(FAST[0]), "utf-8")
    (src / "bad.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    out, log = tmp_path / "out", tmp_path / "logs" / "run.log"
    assert main(["-q", "extract", str(src), "--out", str(out), "--log", str(log)]) == 1
    cap = capsys.readouterr()
    assert cap.out.startswith("total: 2 processed, 1 failed") and "a.txt: ok" not in cap.out
    assert "bad.pdf: corrupt" in cap.err and "run record" not in cap.err
    text = log.read_text("utf-8")
    assert "a.txt: ok" in text and "bad.pdf: failed" in text and "run record:" in text
    (record,) = (out / "runs").glob("*.json")
    rec = json.loads(record.read_text("utf-8"))
    assert rec["state"] == "finished" and rec["exit_code"] == 1
    assert rec["arguments"]["paths"] == [str(src)] and "--log" in rec["command"]
    assert rec["counts"]["processed"] == 2 and rec["failures"][0]["name"] == "bad.pdf"
    assert rec["versions"]["finsam"] == metadata.version("finsam-pipeline")
    assert rec["versions"]["tesseract"]["languages"]["swe"]["sha256"]
    assert main(["query", str(out), "SELECT name FROM documents", "-v"]) == 0
    assert "query: 2 rows" in capsys.readouterr().err


def test_broken_pipe_is_quiet(small_run: Path) -> None:
    sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000) SELECT x FROM c"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "query", str(small_run), sql],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"x\n"
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err and b"internal error" not in err


def test_missing_tesseract_does_not_stop_the_text_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    render_page(["Antal deltagare totalt var 27."]).save(src / "a_scan.png")
    (src / "b.txt").write_text(_seed(FAST[0]), "utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PATH": str(tmp_path / "no-bin")}
    res = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(src), "--out",
                          str(out), "--jobs", "1"], capture_output=True, text=True, env=env,
                         check=False)
    assert res.returncode == 4, res.stderr
    assert json.loads((out / "b.json").read_text("utf-8"))["status"] == "ok"
    scan = json.loads((out / "a_scan.png.json").read_text("utf-8"))
    assert scan["status"] == "failed" and "tesseract" in scan["errors"][0]["message"]


# --- numbers JSON cannot hold ------------------------------------------------------------------


def test_infinite_numbers_never_reach_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.run as run

    ev = Evidence(page=1, start=0, end=3, quote="999")
    bad = Fact(type="budget_line", value=float("inf"), unit="SEK", evidence=ev, id="f1",
               label="Personal", kind="cost")
    with pytest.raises(ValueError):
        export(DocumentOutput(DocumentInfo(source="x.txt"), (bad,), ()), tmp_path, "x")
    assert not (tmp_path / "x.json").exists()
    real = run.extract
    monkeypatch.setattr(run, "extract", lambda norm: (real(norm)[0], (bad,)))
    f = tmp_path / "doc.txt"
    f.write_text(_seed(FAST[0]), "utf-8")
    out, _ = run.run_document(f, RunContext(tmp_path))
    assert out.facts == () and any("finite" in w.message for w in out.warnings)
    path = export(out, tmp_path / "o", "doc")
    assert schema_errors(json.loads(path.read_text("utf-8"))) == []
