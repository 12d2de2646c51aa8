"""End to end through `finsam`: the corpus, bad files in a batch, stability, cache, eval, show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.stages.export import schema_errors
from pipeline.stages.ingest import output_name
from tests.conftest import CORPUS, REGENERATE

GOLDEN = CORPUS / "expected"


def _facts_key(data: dict) -> list[tuple]:
    return sorted(str((f["type"], f.get("measure") or f.get("label") or f.get("role") or
                       f.get("level"), f.get("value"))) for f in data["facts"])


def test_corpus_extract_validates_and_scores(corpus_copy: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["extract", str(corpus_copy), "--out", str(out), "--save-text", "--jobs", "1"]) == 0
    for p in out.glob("*.json"):
        data = json.loads(p.read_text("utf-8"))
        assert schema_errors(data) == [], p
        text = (out / f"{p.stem}.txt").read_text("utf-8")
        for f in data["facts"]:
            ev = f["evidence"]
            assert text[ev["start"]:ev["end"]].split() == ev["quote"].split()
    capsys.readouterr()
    gold = tmp_path / "gold"
    gold.mkdir()
    for g in (CORPUS / "gold").glob("*.json"):
        if json.loads(g.read_text("utf-8"))["source"].endswith(".txt"):  # the text documents'
            shutil.copy(g, gold / g.name)
    assert main(["eval", str(out), "--gold", str(gold), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["types"]["all"]["f1"] >= 0.95
    assert scores["findings"] == {"gold": 4, "found": 4, "false_alarms": 0}


def test_golden_outputs(corpus_copy: Path, tmp_path: Path) -> None:
    """Facts on the text corpus match corpus/expected/ (rewritten only with the explicit flag)."""
    out = tmp_path / "out"
    main(["extract", str(corpus_copy), "--out", str(out), "--jobs", "1", "--quiet"])
    for p in sorted(out.glob("*.json")):
        data = json.loads(p.read_text("utf-8"))
        golden = GOLDEN / p.name
        if REGENERATE:
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(p.read_text("utf-8"), "utf-8")
        assert _facts_key(json.loads(golden.read_text("utf-8"))) == _facts_key(data), p.name


def test_regeneration_flag_is_off() -> None:
    assert not REGENERATE, "FINSAM_REGENERATE_GOLDEN must not be set outside a deliberate update"


def test_bad_files_are_reported_and_the_batch_goes_on(corpus_copy: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (corpus_copy / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    out = tmp_path / "out"
    assert main(["extract", str(corpus_copy), "--out", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    for name, reason in (("junk.txt", "not UTF-8"), ("empty.txt", "empty file"),
                         ("broken.pdf", "corrupt")):
        assert name in err and reason in err
        data = json.loads((out / f"{output_name((name,))}.json").read_text("utf-8"))
        assert data["status"] == "failed" and reason in data["errors"][0]["message"]
    ok = [json.loads(p.read_text()) for p in out.glob("0*.json")]
    assert len(ok) == 5 and all(d["status"] == "ok" and d["facts"] for d in ok)


def test_second_run_is_identical_and_cached(corpus_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    main(["extract", str(corpus_copy), "--out", str(a), "--jobs", "1", "--quiet"])
    main(["extract", str(corpus_copy), "--out", str(b), "--jobs", "2", "--quiet"])
    for p in a.glob("*.json"):
        assert p.read_bytes() == (b / p.name).read_bytes()
    capsys.readouterr()
    main(["extract", str(corpus_copy), "--out", str(a), "--jobs", "1"])
    assert "0 processed, 0 failed, 5 unchanged" in capsys.readouterr().out


def test_fail_on_findings_exit_code(corpus_copy: Path, tmp_path: Path) -> None:
    args = ["extract", str(corpus_copy), "--out", str(tmp_path / "o"), "--jobs", "1", "--quiet"]
    assert main([*args, "--fail-on", "warning"]) == 2
    assert main(["extract", "/no/such/path", "--out", str(tmp_path)]) == 3


def test_show(corpus_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    main(["extract", str(corpus_copy), "--out", str(out), "--jobs", "1", "--quiet"])
    capsys.readouterr()
    assert main(["show", str(out / "001_90a0010f637e51a5.json")]) == 0
    text = capsys.readouterr().out
    assert "Motstridiga uppgifter" in text and "budget_line" in text


def test_dask_executor_matches_local_run(corpus_copy: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    local, remote = tmp_path / "local", tmp_path / "dask"
    main(["extract", str(corpus_copy), "--out", str(local), "--jobs", "1", "--quiet"])
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster:
        assert main(["extract", str(corpus_copy), "--out", str(remote), "--quiet",
                     "--executor", "dask", "--scheduler", cluster.scheduler_address]) == 0
    for p in local.glob("*.json"):
        assert p.read_bytes() == (remote / p.name).read_bytes()
    assert main(["extract", str(corpus_copy), "--out", str(remote), "--executor", "dask"]) == 3


def test_killed_run_leaves_no_half_file_and_resumes(corpus_copy: Path, tmp_path: Path) -> None:
    """kill -9 of the whole run mid-batch (--jobs 2): every output present is whole, no worker
    outlives it, and a re-run gives one output and one catalogue row per input."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from bench.faults import alive_in_session, consistency

    for i in range(30):
        for f in sorted(corpus_copy.glob("00[24]*.txt")):  # the quick seeds: many documents
            shutil.copy(f, corpus_copy / f"copy{i}_{f.name}")
    n = len(list(corpus_copy.glob("*.txt")))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(corpus_copy), "--out", str(out),
           "--jobs", "2", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)  # the main process alone: its workers must not outlive it
    proc.wait()
    done = list(out.glob("*.json"))
    assert 3 <= len(done) < n
    for p in done:
        assert schema_errors(json.loads(p.read_text("utf-8"))) == []
    deadline = time.time() + 10  # workers die with their parent (PR_SET_PDEATHSIG)
    while alive_in_session(proc.pid) and time.time() < deadline:
        time.sleep(0.1)
    assert alive_in_session(proc.pid) == []
    assert main(["extract", str(corpus_copy), "--out", str(out), "--jobs", "2", "--quiet"]) == 0
    assert consistency(out, n).holds
