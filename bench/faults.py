"""Fault injection on whole runs: kill -9 at random moments, and a disk that fills up.

After each fault a plain re-run must leave one valid output per input, one catalogue row per
output, and no temporary files.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def make_inputs(dest: Path, copies: int = 6, seeds: str = "0") -> int:
    """Copies of the text corpus (seeds from `seeds` on) in two folders; returns the count."""
    for i in range(copies):
        sub = dest / f"batch{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        for f in sorted(CORPUS.glob("*.txt")):
            if f.name >= seeds:
                shutil.copy(f, sub / f"{i:02d}_{f.name}")
    return sum(1 for _ in dest.rglob("*.txt"))


def extract_cmd(inputs: Path, out: Path, jobs: int = 2) -> list[str]:
    """`finsam extract` as a separate process."""
    return [sys.executable, "-m", "pipeline.cli", "extract", str(inputs), "--out", str(out),
            "--jobs", str(jobs), "--quiet"]


@dataclass(frozen=True)
class Consistency:
    """Inputs, outputs and catalogue rows after a run, and what is wrong with them."""

    inputs: int
    outputs: int
    rows: int
    mismatched: int  # rows without an output plus outputs without a row
    invalid: int
    temp_files: int

    @property
    def holds(self) -> bool:
        """One valid output and one row per input, no temporary file left."""
        return (self.inputs == self.outputs == self.rows and not self.mismatched
                and not self.invalid and not self.temp_files)


def consistency(out: Path, inputs: int) -> Consistency:
    """Count valid outputs, catalogue rows and leftover temp files in an output folder."""
    from pipeline.stages.export import schema_errors

    names, invalid = set(), 0
    for p in out.rglob("*.json"):
        rel = p.relative_to(out)
        if rel.parts[0] == "runs":
            continue
        try:
            ok = not schema_errors(json.loads(p.read_text("utf-8")))
        except ValueError:
            ok = False
        invalid += not ok
        names.add(rel.with_suffix("").as_posix())
    con = sqlite3.connect(out / "catalogue.sqlite")
    try:
        rows = {n for (n,) in con.execute("SELECT name FROM documents")}
    finally:
        con.close()
    temps = sum(1 for p in out.rglob(".*.tmp"))
    return Consistency(inputs, len(names), len(rows), len(rows ^ names), invalid, temps)


def alive_in_session(sid: int) -> list[int]:
    """Processes still alive in a session (a run started with start_new_session, its workers)."""
    alive = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(d.name))
    return alive


@dataclass(frozen=True)
class KillTrial:
    """One run killed with SIGKILL, then run again."""

    delay: float
    whole_group: bool  # kill -9 of the process group, or of the main process alone
    done_before_kill: int
    left_running: int  # processes of the killed run still alive 10 s later
    rerun_exit: int
    after: Consistency


def kill_trial(inputs: Path, out: Path, n_inputs: int, delay: float, whole_group: bool,
               jobs: int = 2) -> KillTrial:
    """Start a run, kill -9 it (its group, or its main process) after `delay` s, run it again."""
    proc = subprocess.Popen(extract_cmd(inputs, out, jobs), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    (os.killpg if whole_group else os.kill)(proc.pid, signal.SIGKILL)
    proc.wait()
    done = sum(1 for p in out.rglob("*.json") if p.relative_to(out).parts[0] != "runs") \
        if out.exists() else 0
    deadline = time.time() + 10  # workers die with the run (PR_SET_PDEATHSIG), at once
    while alive_in_session(proc.pid) and time.time() < deadline:
        time.sleep(0.1)
    left = len(alive_in_session(proc.pid))
    rerun = subprocess.run(extract_cmd(inputs, out, jobs), capture_output=True, text=True, check=False)
    return KillTrial(delay, whole_group, done, left, rerun.returncode, consistency(out, n_inputs))


def _timed_run(inputs: Path, out: Path) -> tuple[float, float]:
    """Seconds to a run's first output, and to its end."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(extract_cmd(inputs, out), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    first = None
    while proc.poll() is None:
        if first is None and out.exists() and next(out.glob("batch*/*.json"), None):
            first = time.perf_counter() - t0
        time.sleep(0.02)
    full = time.perf_counter() - t0
    return (first or 0.0), full


def bench_kill(tmp: Path, trials: int = 10, seed: int = 11) -> bool:
    """kill -9 at random moments of a --jobs 2 run; print each trial; True when all held."""
    inputs = tmp / "kill-in"
    n = make_inputs(inputs, copies=10, seeds="002")
    first, full = _timed_run(inputs, tmp / "kill-full")
    print(f"{n} documents; a whole run with --jobs 2 takes {full:.1f} s, its first output after "
          f"{first:.1f} s (workers starting); kill -9 at random moments between the two (seed "
          f"{seed}), then a plain re-run:")
    rng = random.Random(seed)
    held = 0
    for i in range(trials):
        r = kill_trial(inputs, tmp / f"kill-{i}", n, rng.uniform(first, full), whole_group=i % 2 == 0)
        held += r.after.holds and r.rerun_exit == 0 and not r.left_running
        a = r.after
        print(f"  trial {i + 1:>2}: kill -9 of {'the group' if r.whole_group else 'main only'} at "
              f"{r.delay:5.1f} s, {r.done_before_kill:>2} outputs written, {r.left_running} "
              f"processes left; re-run exit {r.rerun_exit}; inputs {a.inputs} = outputs {a.outputs} = rows "
              f"{a.rows} (mismatched {a.mismatched}), invalid JSON {a.invalid}, temp files "
              f"{a.temp_files}: "
              f"{'held' if a.holds else 'BROKEN'}")
    print(f"kill -9: {held}/{trials} trials held")
    return held == trials


def can_mount() -> bool:
    """Whether this process may mount a small tmpfs (root with CAP_SYS_ADMIN)."""
    return os.geteuid() == 0 and shutil.which("mount") is not None


def full_disk_run(tmp: Path, size_kb: int = 400,
                  seeds: str = "0") -> tuple[int, str, int, Consistency] | None:
    """A run onto a tmpfs too small for its outputs, then the disk grown and a re-run.

    Returns the first run's exit code and stderr, the re-run's exit code and the consistency
    after it; None when no tmpfs can be mounted here.
    """
    inputs = tmp / "disk-in"
    n = make_inputs(inputs, seeds=seeds)
    disk = tmp / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(disk)],
                      capture_output=True, check=False).returncode != 0:
        return None
    try:
        out = disk / "out"
        first = subprocess.run(extract_cmd(inputs, out), capture_output=True, text=True, check=False)
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = subprocess.run(extract_cmd(inputs, out), capture_output=True, text=True, check=False)
        return first.returncode, first.stderr, again.returncode, consistency(out, n)
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, check=False)


def bench_full_disk(tmp: Path) -> bool:
    """Print what a full disk does to a run and to the re-run after it; True when it held."""
    if not can_mount():
        print("full disk: not measured (needs root to mount a small tmpfs)")
        return True
    res = full_disk_run(tmp)
    if res is None:
        print("full disk: not measured (mount of a tmpfs refused here)")
        return True
    code, err, again, after = res
    full = err.count("No space left on device")
    print(f"full disk (tmpfs of 400 KB): exit {code}, {full} messages naming 'No space left on "
          f"device', internal errors {err.count('internal error')}, tracebacks "
          f"{err.count('Traceback')}; after growing the disk, re-run exit {again}: inputs "
          f"{after.inputs} = outputs {after.outputs} = rows {after.rows}, invalid JSON "
          f"{after.invalid}, temp files {after.temp_files}: {'held' if after.holds else 'BROKEN'}")
    return after.holds and again == 0 and code in (1, 3) and "Traceback" not in err
