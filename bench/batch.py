"""Batch benchmarks: pages per second and peak memory per worker on a long scan; report in Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

SCANS = Path(__file__).resolve().parent.parent.parent / "shared" / "scans"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


def check_report_in_chromium(tmp: Path) -> None:
    """Render the HTML report in headless Chromium: it must draw, and a planted script must not run."""
    from PIL import Image

    from pipeline.cli import main as finsam

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not installed: run `make bench` (it installs it) to check the report")
        return
    docs = tmp / "report-docs"
    docs.mkdir()
    (docs / "planted.txt").write_text(
        "Helårsrapport <script>document.body.innerHTML='<div id=\"pwned\">x</div>'</script>\n\n"
        "Antal deltagare totalt var 12. Av dessa var 5 kvinnor och 6 män.\n", "utf-8")
    out = tmp / "report-out"
    finsam(["extract", str(docs), "--out", str(out), "--quiet"])
    html = tmp / "report.html"
    finsam(["report", str(out), "--html", str(html)])
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'chromium-profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", html.as_uri()], capture_output=True,
                         text=True, timeout=120, check=False).stdout
    shot = tmp / "report.png"
    subprocess.run([chromium, *flags, "--window-size=1200,1600", f"--screenshot={shot}",
                    html.as_uri()], capture_output=True, timeout=120, check=False)
    lo, hi = Image.open(shot).convert("L").getextrema()
    ran = '<div id="pwned">' in dom
    drew = "Granskningsrapport" in dom and hi - lo > 100
    print(f"report in Chromium: rendered {'yes' if drew else 'NO'}, planted script ran: "
          f"{'YES' if ran else 'no'}")
    if ran or not drew:
        raise SystemExit("HTML report check failed")
