"""Batch benchmarks: pages per second and peak memory per worker on a long scan."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

SCANS = Path(__file__).resolve().parent.parent.parent / "shared" / "scans"


def long_scan(dest: Path, pages: int) -> Path:
    """A scanned PDF of `pages` pages, made by repeating the seed scans' pages."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    sources = [pypdfium2.PdfDocument(str(p)) for p in sorted(SCANS.glob("*.office.pdf"))]
    while len(out) < pages:
        for src in sources:
            n = min(len(src), pages - len(out))
            if n > 0:
                out.import_pages(src, list(range(n)))
    out.save(str(dest))
    return dest


def _timed_extract(pdf: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Seconds for `finsam extract` and the peak resident memory (KiB) of its largest process."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False, "
            "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(pdf), "--out", str(out),
           "--jobs", str(jobs), "--quiet", "--force"]
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True,
                         check=False)
    return time.perf_counter() - t0, int(res.stdout.strip().splitlines()[-1])


def bench_pages(tmp: Path, pages: int = 50, sample: int = 12) -> None:
    """Pages per second with 1 and 2 workers, and peak memory per worker on a long scan."""
    long = long_scan(tmp / "long.pdf", pages)
    short = long_scan(tmp / "short.pdf", sample)
    t1, _ = _timed_extract(short, tmp / "p1", 1)
    t2, _ = _timed_extract(short, tmp / "p2", 2)
    tl, rss = _timed_extract(long, tmp / "pl", 2)
    print(f"{sample}-page scan: --jobs 1 {sample / t1:.2f} pages/s, --jobs 2 {sample / t2:.2f} "
          f"pages/s (speed-up x{t1 / t2:.2f})")
    print(f"{pages}-page scan, --jobs 2: {pages / tl:.2f} pages/s; peak memory of the largest "
          f"process {rss / 1024:.0f} MB (target <= 500 MB per worker)")
