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


def bench_scan_facts(tmp: Path, corpus: Path) -> None:
    """finsam eval on every scan (clean, office, hard) against the same seeds as text."""
    from pipeline.cli import main as finsam
    from pipeline.outputs.evaluate import evaluate, totals

    scans = sorted(SCANS.glob("*.pdf"))
    gold = tmp / "scan-gold"
    gold.mkdir()
    text_gold = tmp / "text-gold"
    text_gold.mkdir()
    for pdf in scans:
        seed = pdf.name.split(".")[0]
        g = json.loads((corpus / "gold" / f"{seed}.json").read_text("utf-8"))
        (text_gold / f"{seed}.json").write_text(json.dumps(g, ensure_ascii=False), "utf-8")
        g["source"] = pdf.name
        (gold / f"{pdf.stem}.json").write_text(json.dumps(g, ensure_ascii=False), "utf-8")
    seeds = sorted({p.name.split(".")[0] for p in scans})
    finsam(["extract", *map(str, scans), "--out", str(tmp / "scan-out"), "--quiet", "--force"])
    finsam(["extract", *(str(corpus / f"{s}.txt") for s in seeds),
            "--out", str(tmp / "text-out"), "--quiet", "--force"])
    scans_scored = evaluate(tmp / "scan-out", gold)
    text_scored = {s.name: s for s in evaluate(tmp / "text-out", text_gold)}
    for s in scans_scored:
        print(f"facts F1 {s.name:<38} scan {totals([s])['all'].f1:.3f}  "
              f"text {totals([text_scored[s.name.split('.')[0]]])['all'].f1:.3f}")
    for profile in ("clean", "office", "hard"):
        picked = [s for s in scans_scored if s.name.endswith(profile)]
        if not picked:
            continue
        f_scan = totals(picked)["all"].f1
        f_text = totals([text_scored[s.name.split(".")[0]] for s in picked])["all"].f1
        print(f"facts F1 {profile} scans {f_scan:.3f} vs same seeds as text {f_text:.3f} "
              f"(ratio {f_scan / f_text:.3f})")


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
