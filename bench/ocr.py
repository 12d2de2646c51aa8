"""OCR benchmark on the scanned seeds: error rates and seconds per page, side by side in one run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.models import IngestedDoc, RunContext, TextDoc
from pipeline.stages.normalise import normalise
from pipeline.stages.text import read_pdf_pages

SCANS = Path(__file__).resolve().parent.parent.parent / "shared" / "scans"  # read in place: 30 MB


def _squash(text: str) -> str:
    return " ".join(text.replace("\f", " ").split())


def cer(got: str, truth: str) -> float:
    """Character error rate over white-space-normalised text."""
    t = _squash(truth)
    return Levenshtein.distance(_squash(got), t) / max(1, len(t))


def diacritic_word_accuracy(got: str, truth: str) -> float:
    """Share of true words with å/ä/ö that the output has (as a bag of words)."""
    want = Counter(w for w in re.findall(r"\w+", truth) if re.search("[åäöÅÄÖ]", w))
    have = Counter(re.findall(r"\w+", got))
    return sum(min(n, have[w]) for w, n in want.items()) / max(1, sum(want.values()))


def _raw_tesseract(pdf: Path, pages: int, tmp: Path, dpi: int, lang: str = "swe"
                   ) -> tuple[list[str], float]:
    import pypdfium2

    t0 = time.perf_counter()  # both sides start from the PDF: rendering counts for each
    doc = pypdfium2.PdfDocument(str(pdf))
    images = []
    for i in range(pages):
        p = tmp / f"raw{i}.ppm"
        doc[i].render(scale=dpi / 72).to_pil().save(p)
        images.append(p)
    doc.close()

    def one(p: Path) -> str:
        return subprocess.run(["tesseract", str(p), "stdout", "-l", lang], capture_output=True,
                              text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        texts = list(pool.map(one, images))
    return texts, time.perf_counter() - t0


def _pipeline(pdf: Path, pages: int, tmp: Path, dpi: int) -> tuple[list[str], list[str], float]:
    import pypdfium2

    src = pypdfium2.PdfDocument(str(pdf))
    cut = pypdfium2.PdfDocument.new()
    cut.import_pages(src, list(range(pages)))
    part = tmp / f"{pdf.stem}.part.pdf"
    cut.save(str(part))
    src.close()
    t0 = time.perf_counter()
    doc = IngestedDoc(part, "pdf", "", part.stat().st_size)
    text = read_pdf_pages(doc, RunContext(tmp, jobs=os.cpu_count() or 1, dpi=dpi))
    norm = normalise(TextDoc(doc, text.pages))
    return [p.text for p in text.pages], norm.text.split("\f"), time.perf_counter() - t0


def _ocrmypdf(pdf: Path, pages: int, tmp: Path) -> tuple[str, float] | None:
    """OCRmyPDF with rotation and deskew, then pdftotext, on the same pages."""
    if not shutil.which("ocrmypdf"):
        return None
    out = tmp / "ocrmypdf.pdf"
    t0 = time.perf_counter()
    subprocess.run(["ocrmypdf", "-l", "swe", "--rotate-pages", "--deskew", "--force-ocr",
                    "--pages", f"1-{pages}", "--jobs", str(os.cpu_count() or 1), str(pdf),
                    str(out)], capture_output=True, check=False)
    subprocess.run(["pdftotext", "-l", str(pages), str(out), str(tmp / "ocrmypdf.txt")],
                   capture_output=True, check=False)
    txt = tmp / "ocrmypdf.txt"
    return (txt.read_text("utf-8") if txt.exists() else ""), time.perf_counter() - t0


def bench_ocr(tmp: Path, pages: int) -> None:
    """Print CER, å/ä/ö word accuracy and seconds per page for raw Tesseract and the pipeline."""
    print("CER: character error rate vs the true page text; åäö: share of true words with å/ä/ö\n"
          "found; s/p: wall seconds per page on all cores, from PDF to text (tess: pypdfium2 render at\n"
          "300 dpi, then `tesseract -l swe` per page, pages in parallel); 'ours OCR' is the text before\n"
          "normalisation, 'ours' after it (which also drops repeated logos and running heads).")
    print(f"{'scan':<34}{'pages':>5}{'CER tess':>9}{'ours OCR':>9}{'ours':>7}{'åäö tess':>9}"
          f"{'ours':>6}{'s/p tess':>9}{'ours':>6}{'ratio':>6}{'s/p ocrmypdf':>13}{'CER':>6}")
    for pdf in sorted(SCANS.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".pages.json").read_text("utf-8"))[:pages]
        n = len(truth)
        dpi = 300
        raw, t_raw = _raw_tesseract(pdf, n, tmp, dpi)
        ocr, ours, t_ours = _pipeline(pdf, n, tmp, dpi)
        omp = _ocrmypdf(pdf, n, tmp)
        truth_text = "\n".join(truth)
        r, q, o = "\n".join(raw), "\n".join(ocr), "\n".join(ours)
        omp_cols = f"{omp[1] / n:>13.2f}{cer(omp[0], truth_text):>6.3f}" if omp else "  not installed"
        print(f"{pdf.name[:33]:<34}{n:>5}{cer(r, truth_text):>9.3f}{cer(q, truth_text):>9.3f}"
              f"{cer(o, truth_text):>7.3f}{diacritic_word_accuracy(r, truth_text):>9.3f}"
              f"{diacritic_word_accuracy(o, truth_text):>6.3f}{t_raw / n:>9.2f}{t_ours / n:>6.2f}"
              f"{t_ours / t_raw:>6.2f}{omp_cols}")


def bench_foreign_engine(tmp: Path, corpus: Path) -> None:
    """OCR repair on text from a real engine that does not know Swedish: Tesseract's English model.

    Each scan of a clean seed is read with `-l eng` (å/ä/ö come out as a, o, é, 6, 'Ar' ...), then
    normalised as a plain text file would be. Repair is scored against the scan's true page text,
    and facts against the seed's gold.
    """
    from bench.repair import RepairScore, score_repair
    from pipeline.cli import main as finsam
    from pipeline.outputs.evaluate import evaluate, totals
    from pipeline.stages.ingest import ingest
    from pipeline.stages.normalise import normalise
    from pipeline.stages.text import read_text_pages

    docs = tmp / "foreign"
    docs.mkdir()
    gold = tmp / "foreign-gold"
    gold.mkdir()
    total = RepairScore()
    for seed in ("001_90a0010f637e51a5.clean", "002_00efcbd2948d38d0.office",
                 "004_5d14227fc7eb9d26.office"):
        pdf = SCANS / f"{seed}.pdf"
        if not pdf.exists():
            continue
        truth = json.loads(pdf.with_suffix(".pages.json").read_text("utf-8"))
        texts, _ = _raw_tesseract(pdf, len(truth), tmp, 300, lang="eng")
        f = docs / f"{seed.split('.')[0]}.eng.txt"
        f.write_text("\f".join(texts), "utf-8")
        s = score_repair(normalise(read_text_pages(ingest(f))), "\n".join(truth))
        print(s.line(f"{seed[:3]} read by tesseract -l eng"))
        total.add(s)
        g = json.loads((corpus / "gold" / f"{seed.split('.')[0]}.json").read_text("utf-8"))
        g["source"] = f.name
        (gold / f"{f.stem}.json").write_text(json.dumps(g, ensure_ascii=False), "utf-8")
    print(total.line("all, tesseract -l eng"))
    finsam(["extract", str(docs), "--out", str(tmp / "foreign-out"), "--quiet", "--force"])
    print(f"facts F1 on the English-model text: {totals(evaluate(tmp / 'foreign-out', gold))['all'].f1:.3f}")


# --- "OCR speed": the pipeline against pdftoppm + `tesseract -l swe` on the same pages and cores ---

SPEED_PAGES = (("001_90a0010f637e51a5.office", 2), ("002_00efcbd2948d38d0.office", 2))


def image_pdf(images: list, dpi: int, dest: Path) -> Path:
    """An image-only PDF of these page images, each page sized so its image is `dpi` dots per inch."""
    first, *rest = [im.convert("L") for im in images]
    first.save(dest, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return dest


def _scan_images(dpi: int, turn: int = 0) -> list:
    """The speed pages rendered from the scans at `dpi`, turned `turn` degrees clockwise."""
    import pypdfium2

    out = []
    for stem, n in SPEED_PAGES:
        pdf = pypdfium2.PdfDocument(str(SCANS / f"{stem}.pdf"))
        for i in range(n):
            im = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
            out.append(im.rotate(-turn, expand=True) if turn else im)
        pdf.close()
    return out


def _truth_pages() -> list[str]:
    out = []
    for stem, n in SPEED_PAGES:
        out += json.loads((SCANS / f"{stem}.pages.json").read_text("utf-8"))[:n]
    return out


def _tesseract_alone(pdf: Path, dpi: int, tmp: Path) -> tuple[str, float]:
    """pdftoppm at `dpi`, then `tesseract -l swe` per page, pages in parallel on every core."""
    out = tmp / "ppm"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    t0 = time.perf_counter()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(out / "p")], check=True)

    def one(p: Path) -> str:
        return subprocess.run(["tesseract", str(p), "stdout", "-l", "swe"], capture_output=True,
                              text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        texts = list(pool.map(one, sorted(out.iterdir())))
    return "\n".join(texts), time.perf_counter() - t0


def _ours(pdf: Path, tmp: Path, dpi: int | None = None) -> tuple[str, float]:
    """The pipeline's text stage on the same file, all cores; `dpi` forces one render resolution."""
    from pipeline.stages import text as text_stage

    bounds = text_stage.MIN_DPI, text_stage.MAX_DPI
    if dpi:
        text_stage.MIN_DPI = text_stage.MAX_DPI = dpi
    try:
        t0 = time.perf_counter()
        doc = IngestedDoc(pdf, "pdf", "", pdf.stat().st_size)
        got = read_pdf_pages(doc, RunContext(tmp, jobs=os.cpu_count() or 1))
        return "\n".join(p.text for p in got.pages), time.perf_counter() - t0
    finally:
        text_stage.MIN_DPI, text_stage.MAX_DPI = bounds


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def bench_ocr_speed(tmp: Path, runs: int = 3) -> None:
    """Wall time of the pipeline over Tesseract alone, median of paired runs, on upright, turned,
    upside-down and 200-dpi pages; native resolution against always 300 dpi."""
    if not shutil.which("pdftoppm") or not SCANS.exists():
        print("pdftoppm or ../shared/scans missing: OCR speed not measured")
        return
    truth = "\n".join(_truth_pages())
    cases = [("upright, 300 dpi", 300, 0), ("sideways, 300 dpi", 300, 90),
             ("upside down, 300 dpi", 300, 180), ("200-dpi scans", 200, 0)]
    n = sum(k for _, k in SPEED_PAGES)
    print(f"{n} pages ({', '.join(s for s, _ in SPEED_PAGES)}), {os.cpu_count()} cores; tess = pdftoppm "
          f"at the scan's dpi + `tesseract -l swe` per page in parallel; ratio = ours / tess, median of "
          f"{runs} paired runs (target <= 1.05)")
    print(f"{'pages':<22}{'tess s':>8}{'ours s':>8}{'ratio':>7}{'CER tess':>9}{'ours':>7}")
    for name, dpi, turn in cases:
        pdf = image_pdf(_scan_images(dpi, turn), dpi, tmp / f"speed-{dpi}-{turn}.pdf")
        ratios, t_tess, t_ours = [], [], []
        for _ in range(runs):
            raw, a = _tesseract_alone(pdf, dpi, tmp)
            ours, b = _ours(pdf, tmp)
            ratios.append(b / a)
            t_tess.append(a)
            t_ours.append(b)
        print(f"{name:<22}{_median(t_tess):>8.1f}{_median(t_ours):>8.1f}{_median(ratios):>7.2f}"
              f"{cer(raw, truth):>9.3f}{cer(ours, truth):>7.3f}")
    print("\nNative resolution (each page rendered at the dpi it was scanned at) against always 300 dpi:")
    print(f"{'scans':<22}{'native s':>9}{'300 s':>7}{'ratio':>7}{'CER native':>11}{'300':>7}")
    hard = sorted(SCANS.glob("*.hard.pdf"))
    sets = [("200-dpi renders", image_pdf(_scan_images(200), 200, tmp / "native-200.pdf"), truth)]
    if hard:
        pages = json.loads(hard[0].with_suffix(".pages.json").read_text("utf-8"))
        sets.append((f"{hard[0].name[:3]} hard (200 dpi)", hard[0], "\n".join(pages)))
    for name, pdf, want in sets:
        ratios, t_native, t_300 = [], [], []
        for _ in range(runs):
            native, a = _ours(pdf, tmp)
            at300, b = _ours(pdf, tmp, dpi=300)
            ratios.append(a / b)
            t_native.append(a)
            t_300.append(b)
        print(f"{name:<22}{_median(t_native):>9.1f}{_median(t_300):>7.1f}{_median(ratios):>7.2f}"
              f"{cer(native, want):>11.3f}{cer(at300, want):>7.3f}")


def bench_startup(tmp: Path) -> None:
    """Seconds for a fresh process to import the pipeline and load its word lists, cold and cached."""
    import sys

    code = ("import time; t = time.perf_counter(); import pipeline.run as r; "
            "from pipeline.repair.lexicon import warm_cache; t1 = time.perf_counter(); warm_cache(); "
            "t2 = time.perf_counter(); r.warm_up(); t3 = time.perf_counter(); "
            "print(f'{t1 - t:.2f} {t2 - t1:.2f} {t3 - t2:.2f}')")
    env = {**os.environ, "FINSAM_CACHE": str(tmp / "startup-cache")}
    for label in ("no cache (first run: builds it)", "cache built"):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                             check=False).stdout.split()
        wall = time.perf_counter() - t0
        if len(out) == 3:
            print(f"worker start-up, {label}: {wall:.2f} s in all (import {out[0]} s, word lists "
                  f"{out[1]} s, rest of warm-up: spaCy, schema {out[2]} s; target <= 1 s)")


def text_layer_pdf(dest: Path, pages: int) -> Path:
    """A PDF of `pages` pages with a real text layer, made from the clean seeds' text."""
    from fpdf import FPDF

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    lines = [ln for f in sorted(corpus.glob("00[124]_*.txt"))
             for ln in f.read_text("utf-8").splitlines() if ln.strip()]
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("dejavu", size=10)
    k = 0
    for _ in range(pages):
        pdf.add_page()
        for _ in range(55):
            pdf.cell(0, 4.8, lines[k % len(lines)][:110], new_x="LMARGIN", new_y="NEXT")
            k += 1
    pdf.output(str(dest))
    return dest


def bench_text_layer(tmp: Path, pages: int = 50, runs: int = 3) -> None:
    """Pages per second on a text-layer PDF, one process: de-duplicating every page (before) and
    only pages that have duplicate glyphs (after), paired runs."""
    from pipeline.stages import text as text_stage

    pdf = text_layer_pdf(tmp / "text-layer.pdf", pages)
    doc = IngestedDoc(pdf, "pdf", "", pdf.stat().st_size)
    ctx = RunContext(tmp, jobs=1)
    read_pdf_pages(doc, ctx)  # word lists loaded before either is timed
    check = text_stage.has_duplicate_chars
    before, after = [], []
    for _ in range(runs):
        text_stage.has_duplicate_chars = lambda chars, tolerance=1.0: True  # the old way: always
        t0 = time.perf_counter()
        read_pdf_pages(doc, ctx)
        before.append(time.perf_counter() - t0)
        text_stage.has_duplicate_chars = check
        t0 = time.perf_counter()
        read_pdf_pages(doc, ctx)
        after.append(time.perf_counter() - t0)
    b, a = _median(before), _median(after)
    print(f"{pages}-page text-layer PDF, one process: before (dedupe every page) {pages / b:.1f} pages/s, "
          f"after (only pages with duplicate glyphs) {pages / a:.1f} pages/s (x{b / a:.1f})")
