"""A light word check for pages our Swedish Tesseract read: a wrong mark over a vowel, nothing more.

Tesseract's Swedish model now and then puts the wrong mark on a vowel ('Försäkringskassån'). A
word that no list knows, one mark away from a word the genre list or the dictionary knows, is that
word; every other word is left as read, so a clean page is not changed at all.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.models import Edit
from pipeline.repair.lexicon import domain_words, is_known_word, is_spelled, zipf

TOKEN = re.compile(r"(?<![\w-])[^\W\d_]{4,}(?![\w-])")
# The vowels that differ only by a mark, each with what it may have been.
SWAPS = {"a": "åä", "å": "aä", "ä": "aåe", "o": "ö", "ö": "oä", "e": "éä", "é": "e",
         "A": "ÅÄ", "Å": "AÄ", "Ä": "AÅ", "O": "Ö", "Ö": "O"}
MIN_ZIPF = 1.5  # a listed word rarer than this is no safer than the word as read


@cache
def _is_word(word: str) -> bool:
    return is_known_word(word) or is_spelled(word)


def _good(word: str) -> float:
    """How sure a reading is a Swedish word: the genre list first, then frequency, then hunspell."""
    lw = word.lower()
    if lw in domain_words():
        return 9.0
    z = zipf(lw)
    if z >= MIN_ZIPF:
        return z
    return MIN_ZIPF if is_spelled(word) or is_spelled(lw) else 0.0


def best_mark(word: str) -> str | None:
    """The one reading of `word` with a mark moved, added or taken away that is a known word, when
    `word` itself is none; None when there is no such reading or more than one."""
    if _is_word(word) or _is_word(word.lower()):
        return None
    found: dict[str, float] = {}
    for i, ch in enumerate(word):
        for alt in SWAPS.get(ch, ""):
            cand = word[:i] + alt + word[i + 1:]
            score = _good(cand)
            if score > 0:
                found[cand] = score
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 1.0:
        return None  # two readings about as likely: leave it
    return ranked[0][0]


def mark_edits(page: str, base: int) -> list[Edit]:
    """Edits for the words of one OCR page whose only fault is a mark over a vowel."""
    out = []
    for m in TOKEN.finditer(page):
        word = m.group()
        if not any(c in SWAPS for c in word) or word.isupper() and len(word) < 6:
            continue
        fixed = best_mark(word)
        if fixed:
            out.append(Edit(base + m.start(), base + m.end(), word, fixed,
                            "OCR: wrong mark over a vowel (word check)", 0.8))
    return out
