"""The OCR confusion model: what an engine that did not know Swedish writes for each letter.

The counts are data (`data/confusions.tsv`, rebuilt by `scripts/confusions.py` from seed 000
against its hand-corrected text). The repair's channel, the context cues' folding and the
bench's damage generator all read this one table.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Protocol

from pipeline.repair import tuning

FOLD = {"ä": "a", "å": "a", "ö": "o"}  # what flattening makes of a Swedish letter
SWEDISH_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzåäö")


class PageDamage(Protocol):
    """How damaged a stretch of text looks (pipeline.repair.words.Damage)."""

    strip: float
    noise: float


@cache
def counts() -> dict[tuple[str, str, str], int]:
    """(true letter, observed string, 'in' or 'alone') -> count, as the table gives them."""
    text = resources.files("pipeline.repair").joinpath("data/confusions.tsv").read_text("utf-8")
    out: dict[tuple[str, str, str], int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            true, seen, where, n = line.split("\t")
            out[(true, seen, where)] = int(n)
    return out


@cache
def _lower_counts() -> dict[str, Counter[str]]:
    """Lower-case true letter -> Counter of lower-case readings inside words (case noise merged)."""
    out: dict[str, Counter[str]] = {}
    for (true, seen, where), n in counts().items():
        if where == "in":
            out.setdefault(true.lower(), Counter())[seen.lower()] += n
    return out


def _has_mark(seen: str) -> bool:
    return any(ch not in SWEDISH_LETTERS for ch in seen)


@cache
def _noisy_shares() -> dict[str, dict[str, float]]:
    """True letter -> {reading: share of its damaged readings other than flattening}.

    A reading made of letters turns one real word into another, so it needs MIN_CONFUSION_COUNT
    sightings; one with a mark ('é', '0') is evidence by itself. A reading attested for one of
    å/ä/ö is possible for the others too, with a pseudo-count (the engine confuses all three).
    A two-character reading with a mark is attested in either order.
    """
    low = _lower_counts()
    diacritic_total: Counter[str] = Counter()
    for t in FOLD:
        diacritic_total.update(low.get(t, Counter()))
    out: dict[str, dict[str, float]] = {}
    for true, c in low.items():
        pool = diacritic_total if true in FOLD else c
        attested = {o for o, n in pool.items() if o and o not in (true, FOLD.get(true))
                    and o not in FOLD.values() and o not in FOLD
                    and (n >= tuning.MIN_CONFUSION_COUNT or _has_mark(o))}
        # A letter read as a mark and a letter side by side: the two come in either order ('éd', 'dé').
        attested |= {o[::-1] for o in attested if len(o) == 2 and _has_mark(o)}
        if not attested:
            continue
        smooth = tuning.CONFUSION_PSEUDO_COUNT if true in FOLD else 0.0
        weights = {o: c.get(o, 0) + smooth for o in attested}
        total = sum(weights.values()) + sum(n for o, n in c.items() if o not in attested
                                            and o not in (true, FOLD.get(true)))
        out[true] = {o: w / total for o, w in weights.items() if w > 0}
    return out


@cache
def _letter_totals() -> dict[str, int]:
    return {t: sum(c.values()) for t, c in _lower_counts().items()}


@cache
def readings_of() -> dict[str, frozenset[str]]:
    """Observed string -> the true letters it may stand for (flattened letters included)."""
    out: dict[str, set[str]] = {}
    for true, shares in _noisy_shares().items():
        for seen in shares:
            out.setdefault(seen, set()).add(true)
    for true, flat in FOLD.items():
        out.setdefault(flat, set()).add(true)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def alone_readings() -> dict[str, str]:
    """What a one-letter word was read as, when that is no word or number ('i1' for 'i')."""
    return {seen: true for (true, seen, where), n in counts().items()
            if where == "alone" and seen != true and len(seen) > 1 and not seen.isdigit()
            and n >= tuning.MIN_CONFUSION_COUNT}


@cache
def sightings(seen: str) -> int:
    """How often the table saw `seen` written for a letter other than itself."""
    return sum(n for (true, o, _), n in counts().items() if o.lower() == seen and true.lower() != seen)


@cache
def units() -> tuple[str, ...]:
    """Readings longer than one character ('id' for ä), longest first: one letter read as several."""
    return tuple(sorted((u for u in readings_of() if len(u) > 1), key=len, reverse=True))


@cache
def marks() -> frozenset[str]:
    """Characters the engine writes that no Swedish word has ('é', '&', '6', '{' ...)."""
    return frozenset(ch for u in readings_of() for ch in u if ch not in SWEDISH_LETTERS)


def log_channel(seen: str, true: str, dmg: PageDamage) -> float:
    """log10 P(the engine wrote `seen` | the true letter `true`) on a page with this damage.

    Kept and flattened letters follow the page's own rates; other readings share the page's
    noise in the proportions the table gives.
    """
    t = true.lower()
    o = seen if seen == "|" else seen.lower()
    if o == t:
        return math.log10(max(1e-9, 1.0 - (dmg.strip + dmg.noise if t in FOLD else 0.0)))
    if FOLD.get(t) == o:
        return math.log10(max(1e-9, dmg.strip))
    share = _noisy_shares().get(t, {}).get(o)
    if share is None:
        return -9.0
    if t in FOLD:
        p = dmg.noise * tuning.NOISE_SCALE * share
    else:  # a letter that is mostly read right: its rate on seed 000, scaled to this page's noise
        damaged = _letter_totals()[t] - _lower_counts()[t][t]
        p = damaged / _letter_totals()[t] * share * dmg.noise / tuning.NOISE_OF_SEED_000
    return math.log10(max(1e-9, min(0.9, p)))


def fold(word: str) -> str:
    """Lower-case, and flatten diacritics and the engine's marks for them: damaged context still matches."""
    return word.lower().translate(_fold_table())


@cache
def _fold_table() -> dict[int, str]:
    """Each mark folded as the letter it most often stands for, flattened ('é' -> 'a')."""
    table = {ord(k): v for k, v in FOLD.items()}
    best: dict[str, tuple[int, str]] = {}
    for (true, seen, _), n in counts().items():
        if len(seen) == 1 and seen in marks() and true.isalpha() and n > best.get(seen, (0, ""))[0]:
            best[seen] = (n, true.lower())
    for seen, (_, true) in best.items():
        table[ord(seen)] = FOLD.get(true, true)
    return table


def damage_like_000(text: str, seed: int) -> str:
    """Damage clean text as seed 000 was damaged: each letter drawn from its readings in the table."""
    rnd = random.Random(seed)
    draws: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
    for (true, seen, where), n in counts().items():
        pool = draws.setdefault((true, where), ([], []))
        pool[0].append(seen)
        pool[1].append(n)
    out = []
    for m in re.finditer(r"[^\W\d_]+|[\W\d_]+", text):
        tok = m.group()
        where = "alone" if len(tok) == 1 else "in"
        for ch in tok:
            pool = draws.get((ch, where)) or draws.get((ch.lower(), where))
            if pool is None or not ch.isalpha():
                out.append(ch)
                continue
            seen = rnd.choices(pool[0], weights=pool[1])[0]
            out.append(seen.upper() if ch.isupper() and (ch, where) not in draws else seen)
    return "".join(out)
