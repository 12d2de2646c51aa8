"""OCR repair model: a noisy channel over Swedish words, tuned per page to how damaged it is."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import product

from pipeline.repair.context import Context, is_preposition_i, prefer
from pipeline.repair.lexicon import compound_zipf, domain_words, frequencies, hunspell, is_spelled

# Share of letters that are å, ä or ö in ordinary Swedish prose.
EXPECTED_DIACRITICS = 0.04
# What an engine that did not know Swedish writes for each Swedish letter (besides flattening).
NOISY_FOR: dict[str, str] = {
    "ä": "d&4éèei",
    "å": "déiè&4",
    "ö": "60éOd",
    "i": "1|",
    "l": "1",
    "f": "{",
    "I": "|",
}
FOLD = {"ä": "a", "å": "a", "ö": "o", "Ä": "A", "Å": "A", "Ö": "O", "é": "e"}
# Observed character -> the true skeleton classes it may stand for.
SKELETON_OF_OBSERVED: dict[str, str] = {"d": "dAO", "&": "A", "4": "A", "é": "eAO", "è": "A",
                                        "i": "iA", "1": "il", "|": "i", "{": "f", "6": "O",
                                        "0": "O", "e": "eA"}
# Observed character -> the true characters it may stand for, for spelling out whole variants.
TRUE_FOR_OBSERVED: dict[str, str] = {"a": "äå", "o": "ö", "d": "ä", "&": "ä", "4": "ä", "é": "äöå",
                                     "è": "ä", "i": "ä", "e": "ä", "6": "ö", "0": "ö", "1": "il",
                                     "|": "i", "{": "f"}
SPELLED_ZIPF = 2.0  # a variant hunspell accepts counts as a rare but real word
SPELL_CHECKS = 4  # hunspell look-ups per token: each costs milliseconds
DOUBLE_MARK = re.compile(r"[aoed]é|é[ae]")
DOUBLE_COST = 1.5  # reading two marks as one letter is a rarer confusion than one for one
TOKEN = re.compile(r"[^\W_]+(?:[&{|][^\W_]+)*|[&{|][^\W_]+|\|")
MAX_VARIANTS = 512
UNSPELLED_ORIG = 0.5  # an unlisted word hunspell rejects scores at most this
NONWORD_ORIG = -0.5  # ... and less when no listed parts make it up either
MARKED_PENALTY = 1.5  # ... and less again when foreign-engine marks sit inside it ('arbetstrdningsplatsén')
MARKS_INSIDE = re.compile(r"[^\W\d_][é&{|4601è]|[é&{|4601è][^\W\d_]")
SPELLED_ORIG = 1.0  # how much a word hunspell accepts as written may lose by and still be kept
COMPOUND_COST = 1.0  # a compound reading is less certain than a listed word
GENRE_BONUS = 0.7  # words of the FINSAM genre are likelier than their look-alikes
MARGIN = 1.0  # a candidate must beat the original by this much (log10 units) to replace it
LISTED_ZIPF, LISTED_MARGIN = 2.4, 0.4  # ... and by more when the original is a real, common word


def skeleton_of_true(word: str) -> str:
    """Map a lexicon word to its damage-invariant skeleton (a/ä/å -> A, o/ö -> O)."""
    out = []
    for ch in word.lower():
        out.append("A" if ch in "aäå" else "O" if ch in "oö" else ch)
    return "".join(out)


@cache
def skeleton_index() -> dict[str, tuple[str, ...]]:
    """Skeleton -> lexicon words that share it."""
    idx: dict[str, list[str]] = {}
    for w in frequencies():
        if w.isalpha():
            idx.setdefault(skeleton_of_true(w), []).append(w)
    return {k: tuple(v) for k, v in idx.items()}


@dataclass(frozen=True)
class Damage:
    """How damaged a stretch of text looks: diacritics flattened, and foreign-engine confusions."""

    strip: float  # chance a Swedish å/ä/ö was flattened to a/o
    noise: float  # chance it became a foreign symbol (d, &, 4, é, 6, 0, ...)

    @property
    def is_clean(self) -> bool:
        """True when the text needs no word repair."""
        return self.strip < 0.05 and self.noise < 0.005


CONFUSION_MARKS = re.compile(
    r"(?<![\w-])(?:dr|&r|4r)(?=\s+[a-zåäö])|[a-zåäö][&{}|][a-zåäö]|[a-zåäö][60][a-zåäö]|é", re.I
)


def measure_damage(text: str) -> Damage:
    """Estimate the damage of a text from its diacritic rate and typical confusion marks."""
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 80:
        return Damage(0.0, 0.0)
    rate = sum(1 for ch in text if ch in "åäöÅÄÖ") / letters
    ratio = rate / EXPECTED_DIACRITICS
    strip = 0.0 if ratio >= 0.6 else min(0.95, 1.0 - ratio)
    words = max(1, len(re.findall(r"\w+", text)))
    marks = len(CONFUSION_MARKS.findall(text)) / words
    noise = 0.0 if marks < 0.004 else min(0.3, marks * 3)
    return Damage(round(strip, 3), round(noise, 4))


def _channel(observed: str, true: str, dmg: Damage) -> float:
    """log10 P(observed character | true character) under this damage."""
    o, t = observed.lower() if observed not in "|" else observed, true
    tl = t.lower()
    if o == tl or observed == true:
        return math.log10(max(1e-9, 1.0 - (dmg.strip + dmg.noise if tl in "åäö" else 0.0)))
    if FOLD.get(tl) == o:
        return math.log10(max(1e-9, dmg.strip))
    if observed in NOISY_FOR.get(tl, "") or o in NOISY_FOR.get(tl, ""):
        return math.log10(max(1e-9, dmg.noise / 2))
    return -9.0


def _observed_keys(token: str) -> list[str]:
    """Every skeleton the observed token may stand for, capped in number."""
    choices = []
    for ch in token.lower():
        opts = SKELETON_OF_OBSERVED.get(ch)
        if opts is None:
            opts = skeleton_of_true(ch)
        choices.append(opts)
    n = 1
    for c in choices:
        n *= len(c)
        if n > MAX_VARIANTS:
            return [skeleton_of_true(token)]
    return ["".join(p) for p in product(*choices)]


def _score(observed: str, cand: str, dmg: Damage, zipf: float) -> float:
    return zipf + sum(_channel(o, t, dmg) for o, t in zip(observed, cand, strict=True))


def keep_case(original: str, word: str, mid_sentence: bool = False) -> str:
    """Give `word` the case pattern of `original`.

    Mid-sentence, a capital A or O that stands for å/ä/ö is the foreign engine's reading of a
    small letter ('Aven' for 'även'), so the word stays small.
    """
    if mid_sentence and original[:1] in "AO" and word[:1] in "åäö" and original[1:].islower():
        return word
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if original[:1] == "I" and original[1:2].islower() and word[:1] == "l":
        return word  # 'Iedningen': the capital I was a lower-case l
    if original[:1].isupper() or original[:1] == "|":
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True)
class Repair:
    """A proposed replacement for one token."""

    replacement: str
    confidence: float
    reason: str


def is_number(token: str) -> bool:
    """Whether a token is clearly a number (never repaired as a word)."""
    return bool(re.fullmatch(r"[\d.,:/-]+", token))


def _is_genre(word: str, genre: frozenset[str]) -> bool:
    """A genre word, or an inflection or compound built on one ('målgruppens' on 'målgrupp')."""
    return word in genre or any(word[:n] in genre for n in range(6, len(word)))


def _best_listed(obs: str, dmg: Damage, seen: Counter[str], prefer: dict[str, float] | None = None,
                 exclude: str = "") -> tuple[float, str] | None:
    """Best listed word (other than `exclude`) the observed string may stand for, with its score."""
    best: tuple[float, str] | None = None
    idx = skeleton_index()
    freq = frequencies()
    genre = domain_words()
    for key in _observed_keys(obs):
        for cand in idx.get(key, ()):
            if cand == exclude:
                continue
            s = _score(obs, cand, dmg, freq[cand]) + (0.7 if seen.get(cand) else 0.0)
            s += (GENRE_BONUS if _is_genre(cand, genre) else 0.0) + (prefer or {}).get(cand, 0.0)
            if best is None or s > best[0]:
                best = (s, cand)
    return best


def _best_compound(obs: str, dmg: Damage, seen: Counter[str]) -> tuple[float, str] | None:
    """Best reading of an unlisted observed word as two listed parts (head may end in -s-)."""
    found: list[tuple[float, str, bool]] = []
    for i in range(4, len(obs) - 3):
        head = _best_listed(obs[:i], dmg, seen)
        linked = False
        if obs[i - 1] == "s" and (head is None or head[0] < 2.0):
            stem = _best_listed(obs[:i - 1], dmg, seen)  # the linking -s- of compounds
            head, linked = ((stem[0], stem[1] + "s") if stem else None), True
        if head is None or head[0] < 2.0:
            continue
        tail = _best_listed(obs[i:], dmg, seen)
        if tail is None or tail[0] < (1.0 if linked else 2.0):
            continue
        found.append((min(head[0], tail[0]) - COMPOUND_COST, head[1] + tail[1], linked))
    # A linking -s- marks a noun compound; other readings must pass hunspell (slow: best few).
    for score, word, linked in sorted(found, reverse=True)[:3]:
        if linked or _is_valid(word):
            return score, word
    return None


def _spelled_variants(obs: str, dmg: Damage) -> list[tuple[float, str]]:
    """Whole-word variants of an observed token, best channel score first, at most three edits."""
    beams: list[tuple[float, str, int]] = [(0.0, "", 0)]
    for ch in obs:
        nxt = []
        for score, word, edits in beams:
            nxt.append((score + _channel(ch, ch, dmg), word + ch, edits))
            if edits < 3 and not (ch in "ie" and dmg.noise < 0.01):
                for t in TRUE_FOR_OBSERVED.get(ch, ""):
                    nxt.append((score + _channel(ch, t, dmg), word + t, edits + 1))
        beams = sorted(nxt, reverse=True)[:MAX_VARIANTS]
    return [(score, word) for score, word, edits in beams if edits]


def _best_spelled(obs: str, dmg: Damage, seen: Counter[str], marked: bool) -> tuple[float, str] | None:
    """Best variant that Swedish hunspell accepts, for words no list knows (compounds, inflections)."""
    if hunspell() is None:
        return None
    ranked = []
    for channel, word in _spelled_variants(obs, dmg):
        if channel < -4.0:
            continue
        z = compound_zipf(word) + (0.7 if seen.get(word) else 0.0)
        ranked.append((z > 0, z + channel, channel, word))
    ranked.sort(reverse=True)
    found = [(max(r[1], SPELLED_ZIPF + r[2]), r[3]) for r in ranked[:SPELL_CHECKS] if is_spelled(r[3])]
    # Hunspell lacks many genre compounds ('medfinansiärsmöte'): when the token carries foreign marks,
    # well-attested parts may stand in.
    if marked and ranked and ranked[0][0] and ranked[0][1] - ranked[0][2] >= 1.5:
        found.append((ranked[0][1] - COMPOUND_COST, ranked[0][3]))
    return max(found, default=None)


def _is_valid(word: str) -> bool:
    """A made-up reading must be a word hunspell accepts (when its dictionary is installed)."""
    return hunspell() is None or is_spelled(word)


def _is_marked(token: str) -> bool:
    """Whether a token carries marks a Swedish word never has: é, &, {, | or digits among letters."""
    return bool(MARKS_INSIDE.search(token))


def _is_in_caps_line(ctx: Context) -> bool:
    """Whether a neighbour is an upper-case word too: a heading, where 'FOR' is the word 'för'."""
    return any(len(w) >= 4 and w.isalpha() and w.isupper() for w in (ctx.prev, ctx.next))


def _is_case_noise(token: str) -> bool:
    """'LoKaler', 'tOtalt': capitals inside a lower-case word, never an acronym."""
    rest = token[1:]
    if (token[:1].islower() and rest[:1].isupper() and rest[1:].islower()
            and token.lower() not in frequencies() and rest.lower() in frequencies()):
        return False  # 'xUnder': a speck before a capitalised word ('sTödet' is case noise)
    return token.isalpha() and any(c.isupper() for c in rest) and any(c.islower() for c in rest)


def _is_preposition_i(ctx: Context, dmg: Damage) -> bool:
    """Whether a lone '1' between words stands for the preposition i on this damaged page."""
    if dmg.noise <= 0.01:
        return False
    read = _best_listed(ctx.next.lower(), dmg, Counter())  # the next word may be damaged: 'vdcka'
    return is_preposition_i(ctx, read[1] if read else "")


NO_CONTEXT = Context()


def repair_token(token: str, dmg: Damage, seen: Counter[str], ctx: Context = NO_CONTEXT,
                 bonus: dict[str, float] | None = None) -> Repair | None:
    """Best repair of one token under the page's damage, or None to keep it."""
    if dmg.is_clean or len(token) > 40:
        return None
    if _is_case_noise(token):
        fixed = token[0] + token[1:].lower()
        rep = _repair_word(fixed, dmg, seen, ctx, bonus)
        return rep or Repair(fixed, 0.8, "mixed case inside a word is OCR noise")
    return _repair_word(token, dmg, seen, ctx, bonus)


def _repair_word(token: str, dmg: Damage, seen: Counter[str], ctx: Context,
                 bonus: dict[str, float] | None) -> Repair | None:
    lower = token.lower()
    if token == "1":
        return Repair("i", 0.7, "lone 1 between words read as i") if _is_preposition_i(ctx, dmg) else None
    if is_number(token) or (token.isupper() and len(token) <= 3 and not _is_in_caps_line(ctx)):
        return None  # numbers and acronyms are never words to repair
    listed = frequencies().get(lower, 0.0)
    if listed:
        orig_score = listed
    elif lower.isalpha():
        orig_score = max(0.5, compound_zipf(lower) - dmg.strip)
    else:
        orig_score = -2.0
    if seen.get(lower, 0) >= 2:
        orig_score += 0.5
    variants = {lower: 0.0}  # observed readings of the token, with what assuming them costs
    if "oo" in lower and ("oO" in token or "Oo" in token):
        variants[lower.replace("oo", "ö", 1)] = 0.0  # 'ö' read as 'oO'
    if not listed and token[:1] == "I" and token[1:2].islower():
        variants["l" + lower[1:]] = 0.0  # 'Iedningen': capital I read for l
    if not listed and "é" in lower:
        # 'foérslag', 'méal', 'dévrigt': one letter read as two
        variants.setdefault(DOUBLE_MARK.sub("é", lower), DOUBLE_COST)
    best: tuple[float, str] | None = None
    for obs, cost in variants.items():
        found = _best_listed(obs, dmg, seen, prefer(ctx), exclude=lower)
        if found and found[1] != lower and (best is None or found[0] - cost > best[0]):
            best = (found[0] - cost, found[1])
    if not listed and len(lower) >= 8 and (best is None or best[0] < max(orig_score, 1.5)):
        found = _best_compound(lower, dmg, seen)
        if found and found[1] != lower and (best is None or found[0] > best[0]):
            best = found
            orig_score = max(orig_score, compound_zipf(lower))
    if not listed and lower.isalpha() and len(lower) >= 5 and not is_spelled(lower):
        floor = UNSPELLED_ORIG if compound_zipf(lower) else NONWORD_ORIG
        orig_score = min(orig_score, floor - (MARKED_PENALTY if _is_marked(token) else 0.0))
        if best is None or best[0] - orig_score < MARGIN:
            found = _best_spelled(lower, dmg, seen, _is_marked(token))
            if found and (best is None or found[0] > best[0]):
                best = found
    if best is None:
        return None
    score = best[0] + (bonus or {}).get(best[1], 0.0)
    margin = MARGIN * (1.0 - 0.7 * dmg.strip)
    if listed >= LISTED_ZIPF:
        margin += LISTED_MARGIN
    if score - orig_score < margin:
        return None
    if not listed and score - orig_score < margin + SPELLED_ORIG and lower.isalpha() \
            and is_spelled(lower):
        return None  # a close call, and hunspell knows the word as written (an inflection)
    conf = round(min(0.99, 0.5 + (score - orig_score) / 10), 2)
    mid_sentence = ctx.prev[:1].islower() and ctx.prev[-1:].isalpha()  # not after a name either
    return Repair(keep_case(token, best[1], mid_sentence), conf,
                  "word repaired by Swedish noisy-channel model")


def variant_bonus(tokens: list[str], dmg: Damage, seen: Counter[str]) -> dict[str, float]:
    """Words that several different damaged spellings in the document point to get a bonus."""
    if dmg.is_clean:
        return {}
    forms: dict[str, set[str]] = {}
    for tok in set(tokens):
        low = tok.lower()
        if len(low) < 3 or not any(c.isalpha() for c in low) or is_number(low):
            continue
        found = _best_listed(low, dmg, seen)
        if found and found[1] != low:
            forms.setdefault(found[1], set()).add(low)
    # Each further spelling is more evidence: 'Vérnamo', 'Vdrnamo' and 'Värnamos' point to 'Värnamo'.
    return {w: min(2.0, 0.5 * len(f)) for w, f in forms.items() if len(f) >= 2}
