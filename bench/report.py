"""The HTML report in headless Chromium: corpus/ plus 100 generated documents, with screenshots.

Saves bench-out/report/report-top.png (the top of the report: summary and index),
report-finding.png (a finding of a scanned page, its sentence and its crop) and
report-crossdoc.png (a finding across two documents), and prints timings, page count and checks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "bench-out" / "report"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=300, check=False)


def _trim(png: Path) -> None:
    """Cut the white space below and right of what the page drew."""
    from PIL import Image, ImageOps

    img = Image.open(png).convert("RGB")
    box = ImageOps.invert(img).getbbox()
    if box:
        img.crop((0, 0, min(img.width, box[2] + 16), min(img.height, box[3] + 16))).save(png)


def _piece(html: str, start: int) -> str:
    """The report's head and one finding (the div opening at `start`), as a page of its own."""
    head = html[:html.index("<body>") + len("<body>")]
    depth, i = 0, start
    for m in re.finditer(r"<(/?)div\b", html[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            i = start + m.end()
            break
    return f"{head}{html[start:html.index('>', i) + 1]}</body></html>"


def _shot(html: str, dest: Path, profile: Path, height: int = 1400) -> None:
    page = dest.with_suffix(".html")
    page.write_text(html, "utf-8")
    _chromium(["--window-size=1100," + str(height), f"--screenshot={dest}", page.as_uri()], profile)
    page.unlink()
    _trim(dest)


def bench_report(tmp: Path) -> None:
    """Extract corpus/ and 100 generated documents, render the report, check it, take screenshots."""
    import pypdfium2

    from bench.generated import write_batch
    from pipeline.cli import main as finsam

    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("chromium not installed: run `make bench` (it installs it) to check the report")
        return
    inputs = tmp / "report-in"
    shutil.copytree(ROOT / "corpus", inputs / "corpus", ignore=shutil.ignore_patterns("expected", "gold"))
    write_batch(inputs / "generated", 100)
    out = tmp / "report-out"
    t0 = time.perf_counter()
    finsam(["extract", str(inputs), "--out", str(out), "--quiet"])
    t1 = time.perf_counter()
    html_path = tmp / "report.html"
    finsam(["report", str(out), "--html", str(html_path), "--quiet"])
    t2 = time.perf_counter()
    html = html_path.read_text("utf-8")
    profile = tmp / "chromium-profile"
    dom = _chromium(["--dump-dom", html_path.as_uri()], profile).stdout
    pdf = tmp / "report.pdf"
    t3 = time.perf_counter()
    _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri()], profile)
    t4 = time.perf_counter()
    doc = pypdfium2.PdfDocument(str(pdf))
    sizes = {(round(doc[i].get_width()), round(doc[i].get_height())) for i in range(len(doc))}
    pages = len(doc)
    doc.close()
    ids = set(re.findall(r'\sid="([^"]+)"', dom))
    links = re.findall(r'href="#([^"]+)"', dom)
    broken = [link for link in links if link not in ids]
    ran = 'id="pwned"' in dom
    SHOTS.mkdir(parents=True, exist_ok=True)
    _chromium(["--window-size=1280,1100", f"--screenshot={SHOTS / 'report-top.png'}", html_path.as_uri()],
              profile)
    crop = html.find('class="crop"')
    if crop >= 0:
        _shot(_piece(html, html.rfind('<div class="finding', 0, crop)), SHOTS / "report-finding.png", profile)
    pieces = [_piece(html, html.rfind('<div class="finding', 0, m.start()))
              for m in re.finditer("Samma finansiering anges", html)]
    real = [p for p in pieces if "corpus/real/" in p] or pieces  # the real texts' case, if found
    if real:
        _shot(real[0], SHOTS / "report-crossdoc.png", profile)
    print(f"extract {t1 - t0:.1f} s, report {t2 - t1:.1f} s ({len(html) // 1024} KB), print to PDF "
          f"{t4 - t3:.1f} s: {pages} pages, sizes {sorted(sizes)} (A4 is (595, 842))")
    print(f"links: {len(links)}, broken {len(broken)}; planted script ran: {'YES' if ran else 'no'}; "
          f"screenshots in {SHOTS.relative_to(ROOT)}/: "
          + ", ".join(sorted(p.name for p in SHOTS.glob("*.png"))))
    if ran or broken or sizes != {(595, 842)}:
        raise SystemExit("HTML report check failed")
