"""Rebuild pipeline/repair/data/confusions.tsv: what a foreign OCR engine wrote for each letter.

The counts come from seed 000 (OCR by an engine that did not know Swedish) aligned with its
hand-corrected text, word by word (bench/repair.py's alignment), then letter by letter. Run
`.venv/bin/python scripts/confusions.py` to rewrite the table, `--check` to verify it is current.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from bench.repair import align, words  # noqa: E402

TABLE = ROOT / "pipeline/repair/data/confusions.tsv"
RAW = next((ROOT / "corpus").glob("000_*.txt"))
TRUE = ROOT / "corpus/gold/000_corrected.text"
HEADER = ("# What an OCR engine that did not know Swedish wrote for each true letter, counted on seed\n"
          "# 000 against its hand-corrected text (corpus/gold/000_corrected.text).\n"
          "# Rebuilt by scripts/confusions.py; read by pipeline/repair/model.py.\n"
          "# true\tobserved\twhere\tcount   (observed '' = the letter was lost; observed = true: kept;\n"
          "# where: 'alone' = a one-letter word, 'in' = inside a longer word)\n")


def letter_pairs(true: str, seen: str) -> list[tuple[str, str]]:
    """(true letter, what was written for it) for one aligned word pair, by a minimal edit script.

    An extra mark joins the neighbouring letter that was misread ('ä' -> 'éd' in 'Handlédggare'),
    else the letter before it ('m' -> 'mb').
    """
    pairs: list[list[str]] = []  # [true letter, observed]
    extra: list[tuple[int, str]] = []  # (index of the letter after it, inserted marks)
    for op in Levenshtein.opcodes(true, seen):
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == op.dest_end - op.dest_start:
            pairs += [[true[op.src_start + k], seen[op.dest_start + k]]
                      for k in range(op.src_end - op.src_start)]
        elif op.tag == "delete":
            pairs += [[c, ""] for c in true[op.src_start:op.src_end]]
        elif op.tag == "insert":
            extra.append((len(pairs), seen[op.dest_start:op.dest_end]))
    for at, marks in reversed(extra):
        after = pairs[at] if at < len(pairs) else None
        before = pairs[at - 1] if at else None
        if after is not None and after[0] != after[1] and (before is None or before[0] == before[1]):
            after[1] = marks + after[1]
        elif before is not None:
            before[1] += marks
        elif after is not None:
            after[1] = marks + after[1]
    return [(t, o) for t, o in pairs]


def estimate(raw: str, truth: str) -> Counter[tuple[str, str, str]]:
    """Counts of (true letter, observed string, where) over every aligned word of the two texts;
    `where` is 'alone' for a one-letter word (the word 'i' read as '1'), else 'in'."""
    t = words(truth)
    counts: Counter[tuple[str, str, str]] = Counter()
    for true, seen in zip(t, align(t, words(raw)), strict=True):
        if seen is None or not true.isalpha():
            continue
        where = "alone" if len(true) == 1 else "in"
        counts.update((a, b, where) for a, b in letter_pairs(true, seen))
    return counts


def render(counts: Counter[tuple[str, str, str]]) -> str:
    """The table as text: letters in order, each letter's readings most frequent first."""
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0].lower(), kv[0][0], kv[0][2], -kv[1], kv[0][1]))
    return HEADER + "".join(f"{t}\t{o}\t{w}\t{n}\n" for (t, o, w), n in rows)


def main() -> int:
    """Rewrite the table, or with --check exit 1 when it differs from what the data give."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render(estimate(RAW.read_text("utf-8"), TRUE.read_text("utf-8")))
    if args.check:
        return 0 if TABLE.exists() and TABLE.read_text("utf-8") == text else 1
    TABLE.write_text(text, "utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
