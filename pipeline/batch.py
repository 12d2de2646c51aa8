"""Many documents in worker processes: a time and memory limit per document, deaths recorded.

Each worker reads one document at a time. A worker that runs past the time limit is killed
with everything it started (Tesseract, a page pool); one that dies (the kernel's OOM killer,
kill -9, a crash in a library) is recorded against the file it had, and a fresh worker takes
its place. Workers are forked from a server that has loaded the pipeline and its word lists
once (`pipeline/warm.py`), so a new worker starts in milliseconds.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.models import InputFile, RunContext
from pipeline.run import DocResult, process, write_failed

log = logging.getLogger("finsam")
PR_SET_PDEATHSIG = 1
MAX_START_FAILURES = 3


def die_with_parent() -> None:
    """Have Linux kill this process when its parent dies, so a killed run leaves no workers."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers then end when their pipe closes
        pass


def _let_server_end() -> None:
    """Drop this worker's copy of the fork server's 'alive' pipe.

    The server ends when no process holds that pipe; a worker holding it would keep the server,
    and so itself (its PR_SET_PDEATHSIG watches the server), alive after the run is killed.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
        server._forkserver_alive_fd = None  # type: ignore[union-attr]


def _limit_memory(mb: int) -> None:
    """Cap this process's data memory (inherited by Tesseract and page workers it starts)."""
    limit = mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:  # "5" resets the peak resident size
            f.write("5")
    except OSError:
        pass


def _own_peak_mb() -> float | None:
    """Peak resident memory of this process since the last reset, in MB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _worker_main(conn: Connection, max_memory_mb: int) -> None:
    """A worker: read (job, context) pairs, answer with results, until told to stop."""
    os.setpgid(0, 0)  # its own process group, so a kill reaches Tesseract and page workers too
    die_with_parent()
    _let_server_end()
    logging.getLogger().addHandler(logging.NullHandler())  # libraries' warnings stay quiet
    logging.getLogger().setLevel(logging.ERROR)
    _limit_memory(max_memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        job, ctx = msg
        _reset_peak()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        result = process(job, ctx)
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        # a tool (Tesseract, a page worker) that ran on this document and outgrew all before it
        tool = round(after / 1024, 1) if after > before else 0.0
        peak = max(_own_peak_mb() or 0.0, tool) or None
        try:
            conn.send(replace(result, peak_mb=peak))
        except OSError:
            return
        if result.error and result.error.startswith("out of memory"):
            return  # a fresh worker rather than one whose heap is in pieces


@dataclass
class _Worker:
    """One worker process as the parent sees it."""

    proc: Any  # multiprocessing's Process
    conn: Connection
    job: InputFile | None = None
    started: float = 0.0

    def stop(self, kill: bool) -> None:
        """End the worker: politely when idle, with SIGKILL to its whole group otherwise."""
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            self.proc.join(5)
        if kill or self.proc.is_alive():
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _context() -> Any:
    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(["pipeline.warm"])
    return mp


def _start(mp: Any, ctx: RunContext) -> _Worker:
    parent, child = mp.Pipe()
    proc = mp.Process(target=_worker_main, args=(child, ctx.max_memory_mb), name="finsam-worker")
    proc.start()
    child.close()
    return _Worker(proc, parent)


def _death(w: _Worker, ctx: RunContext) -> str:
    """Why a worker ended without an answer, in words that name the likely cause."""
    w.proc.join(2)
    code = w.proc.exitcode
    if code is None:
        return "the worker process stopped answering while reading this file"
    if code < 0:
        sig = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        if -code == signal.SIGKILL:
            return ("the worker process was killed (SIGKILL) while reading this file: most likely "
                    f"out of memory (the kernel's OOM killer; limit --max-memory {ctx.max_memory_mb}"
                    " MB) or killed by hand")
        if -code == signal.SIGABRT:
            return ("the worker process aborted (SIGABRT) while reading this file: a library gave "
                    f"up, most often for lack of memory (limit --max-memory {ctx.max_memory_mb} MB)")
        return f"the worker process died of {sig} while reading this file (a crash in a library)"
    return f"the worker process exited with code {code} while reading this file"


def run_local(jobs: list[InputFile], ctx: RunContext,
              workers: int) -> Generator[DocResult, None, None]:
    """Run documents in up to `workers` worker processes; yield each result as it is done.

    With a single document and several workers, that document's pages run in parallel instead.
    """
    if not jobs:
        return
    mp = _context()
    doc_ctx = ctx if len(jobs) == 1 else replace(ctx, jobs=1)
    pending = deque(jobs)
    pool: list[_Worker] = []
    start_failures = 0
    try:
        while pending or any(w.job for w in pool):
            for w in pool:
                if w.job is None and pending:
                    _assign(w, pending.popleft(), doc_ctx)
            while pending and len(pool) < min(workers, len(jobs)):
                try:
                    w = _start(mp, ctx)
                except OSError as exc:
                    start_failures += 1
                    if start_failures > MAX_START_FAILURES:
                        raise RuntimeError(f"cannot start worker processes: {exc}") from exc
                    continue
                pool.append(w)
                _assign(w, pending.popleft(), doc_ctx)
            busy = [w for w in pool if w.job is not None]
            for w in [w for w in busy if w.started == 0.0]:  # the send failed: worker is gone
                pending.appendleft(w.job)  # type: ignore[arg-type]
                w.stop(kill=True)
                pool.remove(w)
                start_failures += 1
                if start_failures > MAX_START_FAILURES:
                    raise RuntimeError("worker processes die before they take a document")
            busy = [w for w in pool if w.job is not None]
            if not busy:
                continue
            deadline = min(w.started for w in busy) + ctx.doc_timeout_s
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                         max(0.0, deadline - time.monotonic()))
            for w in busy:
                yield from _collect(w, ready, ctx, pool)
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)


def _assign(w: _Worker, job: InputFile, ctx: RunContext) -> None:
    w.job = job
    try:
        w.conn.send((job, ctx))
        w.started = time.monotonic()
    except OSError:
        w.started = 0.0


def _collect(w: _Worker, ready: list[Any], ctx: RunContext, pool: list[_Worker]) -> Iterator[DocResult]:
    """The answer of one busy worker, its death, or its time running out; else nothing yet."""
    job = w.job
    assert job is not None
    seconds = time.monotonic() - w.started
    if w.conn in ready:
        try:
            result = w.conn.recv()
        except (EOFError, OSError):
            result = None
        if result is not None:
            w.job = None
            if not w.proc.is_alive() or result.error and result.error.startswith("out of memory"):
                w.stop(kill=False)
                pool.remove(w)
            yield result
            return
    if w.conn in ready or w.proc.sentinel in ready:
        reason = _death(w, ctx)
        log.debug("worker %s died on %s: %s", w.proc.pid, job.display, reason)
    elif seconds > ctx.doc_timeout_s:
        reason = (f"stopped after {seconds:.0f} s: longer than the time limit for one document "
                  f"(--doc-timeout {ctx.doc_timeout_s:.0f})")
    else:
        return
    w.stop(kill=True)
    pool.remove(w)
    yield write_failed(job, ctx, "pipeline", reason, seconds)


def run_dask(jobs: list[InputFile], ctx: RunContext,
             scheduler: str) -> Generator[DocResult, None, None]:
    """Run documents on a Dask cluster; a lost worker or task error is that file's failure."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = {client.submit(process, job, replace(ctx, jobs=1), pure=False): job
                   for job in jobs}
        for fut in as_completed(futures):
            job = futures[fut]
            try:
                yield fut.result()
            except Exception as exc:  # KilledWorker and the like: recorded, the batch goes on
                yield write_failed(job, ctx, "pipeline",
                                   f"Dask could not run this file: {type(exc).__name__}: {exc}", 0.0)
