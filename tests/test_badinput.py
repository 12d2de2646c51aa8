"""The fast bad-input cases (bench/badinput.py) in one batch: each file gets its own output with
its reason, nothing crashes the run, and outputs, catalogue rows and inputs agree."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from bench.badinput import CASES, Case, CorpusRun, build, privileged, run
from pipeline.stages.export import schema_errors

FAST = [c for c in CASES if not c.slow]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    """One `finsam extract` over every fast case, as a separate process, as in production."""
    tmp = tmp_path_factory.mktemp("badinput")
    cases = build(tmp / "in", slow=False)
    return run(tmp / "in", tmp / "out", cases, ["--jobs", "2", "--doc-timeout", "60"], timeout=600)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40 and len(FAST) >= 40


def test_the_run_ends_with_failures_counted_not_a_crash(corpus_run: CorpusRun) -> None:
    assert corpus_run.exit_code == 1, corpus_run.stderr[-2000:]
    assert "Traceback" not in corpus_run.stderr
    rec = corpus_run.record
    assert rec["state"] == "finished" and rec["exit_code"] == 1
    assert rec["counts"]["failed"] == len(rec["failures"]) > 10
    assert rec["versions"]["finsam"] and rec["limits"]["doc_timeout_s"] == 60


@pytest.mark.parametrize("case", FAST, ids=[c.name for c in FAST])
def test_case(corpus_run: CorpusRun, case: Case) -> None:
    if case.unprivileged and privileged() and not shutil.which("setpriv"):
        pytest.skip("root without setpriv: file permissions do not bind")
    assert corpus_run.results[case.name].problems() == []


def test_outputs_valid_and_one_catalogue_row_each(corpus_run: CorpusRun) -> None:
    out = Path(corpus_run.record["out_dir"])
    names = set()
    for p in out.rglob("*.json"):
        if p.relative_to(out).parts[0] == "runs":
            continue
        assert schema_errors(json.loads(p.read_text("utf-8"))) == [], p
        names.add(p.relative_to(out).with_suffix("").as_posix())
    con = sqlite3.connect(out / "catalogue.sqlite")
    rows = {n for (n,) in con.execute("SELECT name FROM documents")}
    con.close()
    assert rows == names
    assert len(names) == sum(c.outputs for c in FAST)
