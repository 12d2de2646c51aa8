"""`make bench` "Facts from scans and PDFs": each scan or PDF against the same document as text.

For every scan in `../shared/scans`, and for new renders made here (`bench/render.py`: another
typesetting with wrapped table headings, as a text-layer PDF with ruled and with unruled tables,
and as office and hard scans at 300 and 200 dpi), facts F1 against the seed's gold is divided by
the F1 of the same seed read as text, and every `warning`/`error` finding that the text version
does not have is counted as a false alarm. Targets: ratio >= 0.97 (>= 0.90 on hard scans), no
false alarm.

Run alone with `python -m bench.scanfacts --work DIR` (keeps renders and outputs in DIR, so a
second run only redoes what changed with `--force`), `--only 001` to pick seeds, `-v` for what
each variant misses or adds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.render import clean_leaders, scan, typeset
from pipeline.outputs.evaluate import score_document, totals

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCANS = ROOT.parent / "shared" / "scans"
# Seeds rendered anew: the clean seeds, and seed 000 from its hand-corrected text.
RENDER_SEEDS = ("000_7552092ec2287096", "001_90a0010f637e51a5", "002_00efcbd2948d38d0",
                "004_5d14227fc7eb9d26")
SCAN_VARIANTS = (("office", 300), ("office", 200), ("hard", 300), ("hard", 200))
TARGET = {"hard": 0.90}
DEFAULT_TARGET = 0.97


@dataclass(frozen=True)
class Variant:
    """One document to score: a seed as a scan or PDF of some kind."""

    seed: str
    path: Path
    kind: str  # 'text layer', 'text layer, unruled', 'office', 'hard', 'clean'
    origin: str  # 'shared' (../shared/scans) or 'render' (made here)
    dpi: int | None = None

    @property
    def target(self) -> float:
        """The F1 ratio this variant must reach."""
        return TARGET.get(self.kind, DEFAULT_TARGET)


def _seed_text(seed: str) -> str:
    """The text a seed's scans were made from: seed 000's hand-corrected text (its scan in
    ../shared/scans is of that text too), the others' own."""
    if seed.startswith("000_"):
        return (CORPUS / "gold" / "000_corrected.text").read_text("utf-8")
    return (CORPUS / f"{seed}.txt").read_text("utf-8")


def _text_version(work: Path, seed: str) -> Path:
    """The same document as text: the file its scans were made from."""
    if not seed.startswith("000_"):
        return CORPUS / f"{seed}.txt"
    f = work / "texts" / f"{seed}.txt"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(_seed_text(seed), "utf-8")
    return f


def make_variants(work: Path, seeds: tuple[str, ...]) -> list[Variant]:
    """The shared scans of these seeds, and new renders of them (made once into `work`)."""
    out = [Variant(p.name.split(".")[0], p, p.name.split(".")[1], "shared")
           for p in sorted(SCANS.glob("*.pdf")) if p.name.split(".")[0] in seeds]
    renders = work / "renders"
    renders.mkdir(parents=True, exist_ok=True)
    for k, seed in enumerate(seeds):
        if seed not in RENDER_SEEDS:
            continue
        short = seed[:3]
        ruled = renders / f"{seed}.typeset.pdf"
        unruled = renders / f"{seed}.typeset-unruled.pdf"
        if not ruled.exists():
            typeset(clean_leaders(_seed_text(seed)), ruled, ruled=True)
        if not unruled.exists():
            typeset(clean_leaders(_seed_text(seed)), unruled, ruled=False)
        out += [Variant(seed, ruled, "text layer", "render"),
                Variant(seed, unruled, "text layer, unruled", "render")]
        for j, (profile, dpi) in enumerate(SCAN_VARIANTS):
            dest = renders / f"{seed}.{profile}{dpi}.pdf"
            if not dest.exists():
                scan(ruled, dest, dpi, profile, seed=1000 * int(short) + 10 * k + j)
            out.append(Variant(seed, dest, profile, "render", dpi))
    return out


def _run_one(path: str) -> tuple[str, dict[str, Any], list[tuple[str, str]]]:
    """One document through every stage (in a worker): its output and its OCR word-check edits."""
    from pipeline.models import RunContext, to_json
    from pipeline.run import run_document

    out, norm = run_document(Path(path), RunContext(Path(tempfile.gettempdir()), jobs=1))
    marks = [(e.original, e.replacement) for e in norm.edits if "word check" in e.reason]
    return path, to_json(out), marks


def run_all(paths: list[Path], out: Path, force: bool) -> dict[str, list[tuple[str, str]]]:
    """Every document's output JSON into `out` (kept when there and not `force`), and the edits of
    the word check on OCR pages per document."""
    from concurrent.futures import ProcessPoolExecutor

    out.mkdir(parents=True, exist_ok=True)
    marks_file = out / "marks.json"
    marks: dict[str, list[tuple[str, str]]] = json.loads(marks_file.read_text("utf-8")) \
        if marks_file.exists() and not force else {}
    todo = [str(p) for p in paths if force or not (out / _out_name(p)).exists()]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for path, data, mk in pool.map(_run_one, todo):
            (out / _out_name(Path(path))).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            marks[Path(path).name] = mk
    marks_file.write_text(json.dumps(marks, ensure_ascii=False), "utf-8")
    return marks


def _out_name(path: Path) -> str:
    return f"{path.stem}.json" if path.suffix == ".txt" else f"{path.name}.json"


def _output(out: Path, path: Path) -> dict[str, Any]:
    f = out / _out_name(path)
    return json.loads(f.read_text("utf-8")) if f.exists() else {}


def _alarm_key(f: dict[str, Any]) -> tuple[str, tuple[float, ...]]:
    return f["rule"], tuple(sorted(round(float(v), 2) for v in f["values"]))


def _bare(f: dict[str, Any]) -> str:
    skip = {"evidence", "id", "confidence", "optional"}
    return json.dumps({k: v for k, v in f.items() if k not in skip}, ensure_ascii=False)[:230]


@dataclass
class Row:
    """One variant's scores against its seed as text."""

    variant: Variant
    f1: float
    f1_text: float
    new_alarms: list[dict[str, Any]]
    misses: list[str]
    extras: list[str]
    pages: int
    ocr_conf: float | None

    @property
    def ratio(self) -> float:
        """F1 of the variant over F1 of the text."""
        return self.f1 / self.f1_text if self.f1_text else 0.0

    @property
    def ok(self) -> bool:
        """Whether the variant meets its target and raises no alarm the text does not."""
        return self.ratio >= self.variant.target and not self.new_alarms


def score(variants: list[Variant], out: Path, work: Path) -> list[Row]:
    """Each variant scored against gold and against the same seed as text."""
    rows = []
    for v in variants:
        gold = json.loads((CORPUS / "gold" / f"{v.seed}.json").read_text("utf-8"))
        got, text = _output(out, v.path), _output(out, _text_version(work, v.seed))
        s, st = score_document(v.path.name, got, gold), score_document(v.seed, text, gold)
        text_alarms = {_alarm_key(f) for f in text.get("findings", []) if f["severity"] != "info"}
        new = [f for f in got.get("findings", []) if f["severity"] != "info"
               and _alarm_key(f) not in text_alarms]
        text_misses = {_bare(g) for g in st.misses}
        text_extras = {_bare(p) for p in st.spurious}
        confs = [p["confidence"] for p in got.get("pages", []) if p.get("confidence") is not None]
        rows.append(Row(v, totals([s])["all"].f1, totals([st])["all"].f1, new,
                        [_bare(g) for g in s.misses if _bare(g) not in text_misses],
                        [_bare(p) for p in s.spurious if _bare(p) not in text_extras],
                        len(got.get("pages", [])), sum(confs) / len(confs) if confs else None))
    return rows


def print_table(rows: list[Row], verbose: bool = False) -> None:
    """The section's table: one line per variant, then the totals by kind."""
    print(f"{'document':<34}{'kind':<21}{'dpi':>4}{'pages':>6}{'OCR conf':>9}{'F1':>7}{'text F1':>8}"
          f"{'ratio':>7}{'target':>7}{'new alarms':>11}  ok")
    for r in rows:
        v = r.variant
        conf = f"{r.ocr_conf:.1f}" if r.ocr_conf is not None else "–"
        print(f"{(v.origin + ' ' + v.seed[:3]):<34}{v.kind:<21}{v.dpi or '':>4}{r.pages:>6}{conf:>9}"
              f"{r.f1:>7.3f}{r.f1_text:>8.3f}{r.ratio:>7.3f}{v.target:>7.2f}{len(r.new_alarms):>11}"
              f"  {'yes' if r.ok else 'NO'}")
        if verbose:
            for m in r.misses:
                print(f"      miss  {m}")
            for e in r.extras:
                print(f"      extra {e}")
            for a in r.new_alarms:
                print(f"      alarm {a['severity']} {a['rule']} {a['values']} {a['message'][:160]}")
    kinds = sorted({r.variant.kind for r in rows})
    for kind in kinds:
        picked = [r for r in rows if r.variant.kind == kind]
        mean = sum(r.ratio for r in picked) / len(picked)
        print(f"{kind:<22} {len(picked):>2} documents: mean ratio {mean:.3f}, lowest "
              f"{min(r.ratio for r in picked):.3f}, new alarms {sum(len(r.new_alarms) for r in picked)}, "
              f"{sum(r.ok for r in picked)}/{len(picked)} on target")


def _truth_words(v: Variant) -> set[str]:
    """The words of the true text of a scan: its pages' true text, or the text it was rendered from."""
    pages = v.path.with_suffix(".pages.json")
    text = "\n".join(json.loads(pages.read_text("utf-8"))) if pages.exists() else _seed_text(v.seed)
    return set(re.findall(r"[^\W\d_]+", text))


def print_word_check(variants: list[Variant], marks: dict[str, list[tuple[str, str]]]) -> None:
    """What the word check on OCR pages changed: a word restored (the true text has it and not
    what OCR read), a correct word changed (the reverse: target 0), or neither."""
    restored = wrong = other = 0
    wrongs: list[str] = []
    for v in variants:
        truth = _truth_words(v)
        for orig, repl in marks.get(v.path.name, []):
            if repl in truth and orig not in truth:
                restored += 1
            elif orig in truth and repl not in truth:
                wrong += 1
                wrongs.append(f"{orig} -> {repl} ({v.path.name})")
            else:
                other += 1
    print(f"word check on OCR pages (a wrong mark over a vowel): {restored + wrong + other} edits, "
          f"{restored} restored the true word, {wrong} changed a correct word (target 0), {other} "
          f"neither" + (f": {'; '.join(wrongs[:10])}" if wrongs else ""))


ENGLISH_SOURCES = ("pdfplumber", "wordfreq", "spacy", "pytesseract", "langcodes", "rapidfuzz")


def _english_texts() -> list[tuple[str, str]]:
    """English prose at hand on any machine: the long descriptions of installed packages."""
    from importlib.metadata import PackageNotFoundError, metadata

    out = []
    for name in ENGLISH_SOURCES:
        try:
            body = metadata(name).get_payload()  # type: ignore[attr-defined]
        except PackageNotFoundError:
            continue
        if body and len(body) > 2000:
            out.append((name, body))
    return out


def bench_english(work: Path) -> None:
    """English text left unrepaired: words the normaliser changes on English documents, with the
    language check and, for comparison, with every page taken for Swedish."""
    from pipeline.stages import normalise as stage
    from pipeline.stages.ingest import ingest
    from pipeline.stages.text import read_text_pages

    folder = work / "english"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'English text':<26}{'words':>8}{'changed':>9}{'if taken for Swedish':>22}  e.g.")
    for name, body in _english_texts():
        f = folder / f"{name}.txt"
        f.write_text(body, "utf-8")
        raw = read_text_pages(ingest(f))
        ours = [e for e in stage.normalise(raw).edits if e.original.isalpha()]
        language = stage.language
        stage.language = lambda text, fallback="sv": "sv"  # type: ignore[assignment]
        try:
            blind = [e for e in stage.normalise(raw).edits if e.original.isalpha()]
        finally:
            stage.language = language
        example = ", ".join(f"{e.original}->{e.replacement}" for e in blind[:3])
        print(f"{name:<26}{len(body.split()):>8}{len(ours):>9}{len(blind):>22}  {example}")


def bench_scan_pdf_facts(work: Path, seeds: tuple[str, ...] = RENDER_SEEDS, force: bool = True,
                         verbose: bool = False) -> bool:
    """Render, extract, score and print; True when every variant is on target."""
    t0 = time.perf_counter()
    variants = make_variants(work, seeds)
    out = work / "out"
    marks = run_all([v.path for v in variants] + [_text_version(work, s) for s in seeds], out, force)
    rows = score(variants, out, work)
    print_table(rows, verbose)
    print_word_check(variants, marks)
    print(f"({len(variants)} documents in {time.perf_counter() - t0:.0f} s; outputs in {out})")
    return all(r.ok for r in rows)


def main() -> int:
    """Run the section alone."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, help="folder kept for renders and outputs (default: a temp folder)")
    ap.add_argument("--only", nargs="*", default=[], help="seed prefixes, e.g. 001 004")
    ap.add_argument("--force", action="store_true", help="extract again even when outputs are current")
    ap.add_argument("--score-only", action="store_true", help="score the outputs already in --work")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    seeds = tuple(s for s in RENDER_SEEDS if not args.only or s[:3] in args.only)
    with tempfile.TemporaryDirectory() as d:
        work = args.work or Path(d)
        if args.score_only:
            print_table(score(make_variants(work, seeds), work / "out", work), args.verbose)
            return 0
        ok = bench_scan_pdf_facts(work, seeds, force=args.force or args.work is None,
                                  verbose=args.verbose)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
