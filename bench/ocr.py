"""OCR benchmark on the scanned seeds: error rates and seconds per page, side by side in one run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline.models import IngestedDoc, RunContext, TextDoc
from pipeline.normalise import normalise
from pipeline.text import read_pdf_pages

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


def _raw_tesseract(pdf: Path, pages: int, tmp: Path, dpi: int) -> tuple[list[str], float]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    images = []
    for i in range(pages):
        p = tmp / f"raw{i}.png"
        doc[i].render(scale=dpi / 72).to_pil().save(p)
        images.append(p)
    doc.close()
    t0 = time.perf_counter()
    procs = [subprocess.Popen(["tesseract", str(p), "stdout", "-l", "swe"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
             for p in images[: os.cpu_count() or 1]]
    texts = [p.communicate()[0].decode() for p in procs]
    for p in images[len(procs):]:
        texts.append(subprocess.run(["tesseract", str(p), "stdout", "-l", "swe"],
                                    capture_output=True, text=True).stdout)
    return texts, time.perf_counter() - t0


def _pipeline(pdf: Path, pages: int, tmp: Path, dpi: int) -> tuple[list[str], float]:
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
    return norm.text.split("\f"), time.perf_counter() - t0


def _ocrmypdf(pdf: Path, tmp: Path) -> float | None:
    if not shutil.which("ocrmypdf"):
        return None
    out = tmp / "ocrmypdf.pdf"
    t0 = time.perf_counter()
    subprocess.run(["ocrmypdf", "-l", "swe", "--rotate-pages", "--deskew", "--force-ocr",
                    "--jobs", str(os.cpu_count() or 1), str(pdf), str(out)], capture_output=True)
    subprocess.run(["pdftotext", str(out), str(tmp / "ocrmypdf.txt")], capture_output=True)
    return time.perf_counter() - t0


def bench_ocr(tmp: Path, pages: int) -> None:
    """Print CER, å/ä/ö word accuracy and seconds per page for raw Tesseract and the pipeline."""
    print(f"{'scan':<44}{'pages':>6}{'CER raw':>9}{'CER ours':>9}{'åäö raw':>9}{'åäö ours':>9}"
          f"{'s/p raw':>9}{'s/p ours':>9}{'ratio':>7}")
    for pdf in sorted(SCANS.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".pages.json").read_text("utf-8"))[:pages]
        n = len(truth)
        dpi = 300
        raw, t_raw = _raw_tesseract(pdf, n, tmp, dpi)
        ours, t_ours = _pipeline(pdf, n, tmp, dpi)
        truth_text = "\n".join(truth)
        r, o = "\n".join(raw), "\n".join(ours)
        print(f"{pdf.name:<44}{n:>6}{cer(r, truth_text):>9.3f}{cer(o, truth_text):>9.3f}"
              f"{diacritic_word_accuracy(r, truth_text):>9.3f}"
              f"{diacritic_word_accuracy(o, truth_text):>9.3f}{t_raw / n:>9.2f}{t_ours / n:>9.2f}"
              f"{t_ours / t_raw:>7.2f}")
