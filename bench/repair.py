"""Measure OCR repair on every word of the true text: damaged words restored, correct words changed."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, fields

from rapidfuzz.distance import Levenshtein

from pipeline.models import NormDoc
from pipeline.repair.model import damage_like_000
from pipeline.stages.normalise import apply_edits

WORD = re.compile(r"[^\W_]+(?:[&{|][^\W_]+)*|[&{|][^\W_]*|%")
# Edits that change the layout, not a word: a running head dropped, a hyphenated word joined, a
# dot leader (and the letters OCR made of its dots, which the hand-corrected 000 keeps) made a tab.
LAYOUT = ("header/footer", "hyphen", "dot leader")


def words(text: str) -> list[str]:
    """The words of a text as the scorer counts them (NFC, punctuation dropped)."""
    return WORD.findall(unicodedata.normalize("NFC", text))


def align(truth: list[str], other: list[str]) -> list[str | None]:
    """For each true word, the word of `other` aligned to it, or None where `other` has none.

    Exact runs anchor the alignment (difflib); between anchors, words are paired by a minimal
    edit-distance alignment over words, a substitution costing the words' normalised
    character distance, so a damaged word pairs with its truth and an extra or lost word is a gap.
    """
    out: list[str | None] = [None] * len(truth)
    sm = difflib.SequenceMatcher(a=truth, b=other, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k] = other[j1 + k]
        elif tag == "replace":
            for i, j in _dp_pairs(truth[i1:i2], other[j1:j2]):
                out[i1 + i] = other[j1 + j]
    return out


def _dp_pairs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Minimal-cost word alignment of a and b: gap 1, substitution = normalised character distance."""
    if len(a) * len(b) > 250_000:  # a huge gap: pair in order rather than square the work
        return list(zip(range(len(a)), range(len(b)), strict=False))
    n, m = len(a), len(b)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = float(i)
    for j in range(1, m + 1):
        cost[0][j] = float(j)
    sub = [[Levenshtein.normalized_distance(x.lower(), y.lower()) * 1.6 for y in b] for x in a]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + sub[i - 1][j - 1])
    pairs = []
    i, j = n, m
    while i and j:
        if cost[i][j] == cost[i - 1][j - 1] + sub[i - 1][j - 1]:
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif cost[i][j] == cost[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


@dataclass
class RepairScore:
    """Counts of one comparison of damaged, repaired and true text, every true word judged."""

    words: int = 0
    damaged: int = 0
    restored: int = 0
    correct: int = 0
    changed: int = 0
    numbers_changed: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list, compare=False)

    def add(self, other: RepairScore) -> None:
        """Accumulate another score into this one."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def restored_share(self) -> float:
        """Share of damaged words the repair restored."""
        return self.restored / self.damaged if self.damaged else 1.0

    @property
    def changed_share(self) -> float:
        """Share of correct words the repair changed."""
        return self.changed / self.correct if self.correct else 0.0

    def line(self, name: str) -> str:
        """One report line."""
        return (f"{name:<40} words {self.words:6d}  damaged {self.damaged:5d}  restored "
                f"{self.restored_share:7.2%}  changed {self.changed:3d}/{self.correct:<6d} "
                f"{self.changed_share:7.3%}  numbers changed {self.numbers_changed}")


def repaired_text(norm: NormDoc) -> str:
    """The raw text with the repair's word edits applied, layout edits left out."""
    kept = [e for e in norm.edits if not any(k in e.reason for k in LAYOUT)]
    return apply_edits(norm.raw_text, kept)[0]


def score_texts(raw: str, out: str, truth: str) -> RepairScore:
    """Judge every true word: damaged in `raw` and restored in `out`, or correct and kept."""
    t = words(truth)
    before, after = align(t, words(raw)), align(t, words(out))
    s = RepairScore(words=len(t))
    for true, r, o in zip(t, before, after, strict=True):
        if r != true:
            s.damaged += 1
            if o == true:
                s.restored += 1
            else:
                s.misses.append(("missed", r or "", o or "", true))
        else:
            s.correct += 1
            if o != true:
                s.changed += 1
                s.numbers_changed += any(c.isdigit() for c in true)
                s.misses.append(("changed", r or "", o or "", true))
    return s


def score_repair(norm: NormDoc, truth: str) -> RepairScore:
    """Score what the normaliser made of a document against its true text, every word judged."""
    return score_texts(norm.raw_text, repaired_text(norm), truth)


STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")


def strip_diacritics(text: str) -> str:
    """Damage text like seed 003: every å/ä/ö flattened."""
    return text.translate(STRIP)


def confuse(text: str, seed: int = 0) -> str:
    """Damage text like seed 000, each letter drawn from the confusion table the repair uses."""
    return damage_like_000(text, seed)


def miss_kind(raw: str, got: str, true: str) -> str:
    """Why a damaged word was not restored (or a correct one changed), in a few kinds."""
    from pipeline.repair.lexicon import is_spelled, zipf
    from pipeline.repair.model import fold

    if raw.lower() == true.lower():
        return "case only"
    if not raw:
        return "word lost or split"
    if fold(raw) == fold(true) and zipf(raw) > 0:
        return "a real word as written (context)"
    if zipf(true) == 0 and not is_spelled(true):
        return "true word unlisted (name, rare compound)"
    if len(fold(raw)) != len(fold(true)):
        return "letters lost, added or read as several"
    return "other"


def miss_table(score: RepairScore) -> str:
    """Counts of misses by kind, with examples."""
    kinds: dict[str, list[str]] = {}
    for what, raw, got, true in score.misses:
        key = f"{what}: {miss_kind(raw, got, true)}"
        kinds.setdefault(key, []).append(f"{raw or '∅'}→{got or '∅'} ({true})")
    return "\n".join(f"  {len(v):4d}  {k:<50} e.g. {', '.join(v[:4])}"
                     for k, v in sorted(kinds.items(), key=lambda kv: -len(kv[1])))
