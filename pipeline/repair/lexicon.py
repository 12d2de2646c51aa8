"""Swedish word knowledge: wordfreq frequencies, the genre's curated words, compound splitting."""

from __future__ import annotations

import math
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import wordfreq

DOMAIN_ZIPF = 4.0  # curated genre words count as moderately common words
MIN_PART = 3  # shortest compound part worth trusting
COMPOUND_PENALTY = 1.0  # a compound is less certain than a listed word


@cache
def frequencies() -> dict[str, float]:
    """Swedish word -> Zipf frequency, wordfreq's large list plus the curated genre words."""
    freq: dict[str, float] = {}
    raw = wordfreq.get_frequency_dict("sv", "large")
    for w, f in raw.items():
        if f > 0:
            freq[w] = round(math.log10(f) + 9, 2)
    for w in domain_words():
        freq[w] = max(freq.get(w, 0.0), DOMAIN_ZIPF)
    return freq


@cache
def domain_words() -> frozenset[str]:
    """The curated list of FINSAM vocabulary and Swedish place names."""
    text = resources.files("pipeline.repair").joinpath("data/domain_sv.txt").read_text("utf-8")
    return frozenset(
        ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


def zipf(word: str) -> float:
    """Zipf frequency of a listed word (lower-cased), 0 when unlisted."""
    return frequencies().get(word.lower(), 0.0)


@cache
def compound_zipf(word: str) -> float:
    """Best Zipf-like score of `word` as a listed word or a compound of up to three listed parts."""
    w = word.lower()
    direct = zipf(w)
    if direct > 0 or len(w) < 2 * MIN_PART:
        return direct
    best = 0.0
    for i in range(MIN_PART, len(w) - MIN_PART + 1):
        head, tail = w[:i], w[i:]
        head_z = zipf(head)
        if head.endswith("s") and len(head) > MIN_PART + 1:
            head_z = max(head_z, zipf(head[:-1]))  # the linking -s- of Swedish compounds
        if head_z < 2.5:
            continue
        tail_z = zipf(tail) if zipf(tail) >= 2.5 else compound_zipf(tail) if len(tail) >= 6 else 0
        if tail_z >= 2.0:
            best = max(best, min(head_z, tail_z) - COMPOUND_PENALTY)
    return best


def is_known_word(word: str) -> bool:
    """Whether `word` is Swedish as listed, or a compound of listed parts."""
    return compound_zipf(word) > 0


HUNSPELL_BASES = ("/usr/share/hunspell/sv_SE", "/usr/share/myspell/sv_SE")


@cache
def hunspell() -> Any | None:
    """Debian's Swedish hunspell dictionary read with spylls, or None when it is not installed."""
    from spylls.hunspell import Dictionary

    for base in HUNSPELL_BASES:
        if Path(base + ".dic").exists() and Path(base + ".aff").exists():
            return Dictionary.from_files(base)
    print("finsam: hunspell-sv not found; OCR repair uses word frequencies only", file=sys.stderr)
    return None


@cache
def is_spelled(word: str) -> bool:
    """Whether the Swedish hunspell dictionary accepts `word` (inflections and compounds too)."""
    d = hunspell()
    return bool(d is not None and word and d.lookup(word))
