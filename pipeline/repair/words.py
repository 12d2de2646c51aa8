"""OCR repair model: a noisy channel over Swedish words, tuned per page to how damaged it is."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import combinations, product

from pipeline.repair import model
from pipeline.repair.context import Context, is_preposition_i, prefer
from pipeline.repair.lexicon import cached, compound_zipf, domain_words, frequencies, hunspell, is_spelled
from pipeline.repair.tuning import (
    CLEAN_NOISE,
    CLEAN_STRIP,
    COMPOUND_COST,
    COMPOUND_PART,
    EXPECTED_DIACRITICS,
    FUNCTION_WORD_ZIPF,
    GENRE_BONUS,
    LISTED_MARGIN,
    LISTED_ZIPF,
    MARGIN,
    MARKED_COMPOUND_GAP,
    MARKED_PENALTY,
    MAX_EDITS,
    MAX_NOISE,
    MAX_STRIP,
    MAX_UNITS,
    MAX_VARIANTS,
    MIN_MARKS,
    NOISE_FROM_MARKS,
    NONWORD_ORIG,
    RARE_ZIPF,
    SEEN_BONUS,
    SEEN_TWICE_BONUS,
    SPELL_CHANNEL_FLOOR,
    SPELL_CHECKS,
    SPELLED_ORIG,
    SPELLED_ZIPF,
    STRIP_FROM_RATIO,
    STRIP_MARGIN_CUT,
    UNKNOWN_ORIG,
    UNSPELLED_ORIG,
    VARIANT_BONUS_MAX,
    VARIANT_BONUS_STEP,
)

VOWEL = re.compile("[aeiouyåäöé]")
TOKEN = re.compile(r"[^\W_]+(?:[&{|][^\W_]+)*|[&{|][^\W_]+|\|")


def skeleton_of_true(word: str) -> str:
    """Map a lexicon word to its damage-invariant skeleton (a/ä/å -> A, o/ö -> O)."""
    out = []
    for ch in word.lower():
        out.append("A" if ch in "aäå" else "O" if ch in "oö" else ch)
    return "".join(out)


def _build_skeleton_index() -> dict[str, str]:
    idx: dict[str, list[str]] = {}
    for w in frequencies():
        if w.isalpha():
            idx.setdefault(skeleton_of_true(w), []).append(w)
    return {k: " ".join(v) for k, v in idx.items()}


@cache
def skeleton_index() -> dict[str, str]:
    """Skeleton -> the lexicon words that share it, space-separated (a cache file loads it fast)."""
    return cached("skeleton", _build_skeleton_index)


@dataclass(frozen=True)
class Damage:
    """How damaged a stretch of text looks: diacritics flattened, and foreign-engine confusions."""

    strip: float  # chance a Swedish å/ä/ö was flattened to a/o
    noise: float  # chance it became a foreign symbol (d, &, 4, é, 6, 0, ...)

    @property
    def is_clean(self) -> bool:
        """True when the text needs no word repair."""
        return self.strip < CLEAN_STRIP and self.noise < CLEAN_NOISE


@cache
def _confusion_marks() -> re.Pattern[str]:
    """Signs of a foreign engine: its marks between letters, its readings of the word 'är' ('dr')."""
    marks = re.escape("".join(sorted(model.marks())))
    ar = "|".join(re.escape(u + "r") for u, t in model.readings_of().items() if "ä" in t and len(u) == 1
                  and u != model.FOLD["ä"])
    return re.compile(rf"(?<![\w-])(?:{ar})(?=\s+[a-zåäö])|[a-zåäö][{marks}][a-zåäö]|é", re.I)


def measure_damage(text: str) -> Damage:
    """Estimate the damage of a text from its diacritic rate and typical confusion marks."""
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 80:
        return Damage(0.0, 0.0)
    rate = sum(1 for ch in text if ch in "åäöÅÄÖ") / letters
    ratio = rate / EXPECTED_DIACRITICS
    strip = 0.0 if ratio >= STRIP_FROM_RATIO else min(MAX_STRIP, 1.0 - ratio)
    words = max(1, len(re.findall(r"\w+", text)))
    marks = len(_confusion_marks().findall(text)) / words
    noise = 0.0 if marks < MIN_MARKS else min(MAX_NOISE, marks * NOISE_FROM_MARKS)
    return Damage(round(strip, 3), round(noise, 4))


Units = tuple[str, ...]


def segmentations(token: str, several: bool) -> list[Units]:
    """Ways to read a token as units, one per true letter: its characters, and (when `several`)
    up to MAX_UNITS runs that the table knows as one letter read as several ('kridva': 'id')."""
    chars = tuple(token)
    out = [chars]
    if not several:
        return out
    low = token.lower()
    spots = sorted({(m.start(), len(u)) for u in model.units()
                    for m in re.finditer(f"(?={re.escape(u)})", low)})
    for k in range(1, MAX_UNITS + 1):
        for picked in combinations(spots, k):
            if any(a[0] + a[1] > b[0] for a, b in zip(picked, picked[1:], strict=False)):
                continue  # overlapping runs
            seg: list[str] = []
            pos = 0
            for start, n in picked:
                seg += chars[pos:start]
                seg.append(token[start:start + n])
                pos = start + n
            out.append((*seg, *chars[pos:]))
    return out


def _observed_keys(units: Units) -> list[str]:
    """Every skeleton the observed units may stand for, capped in number."""
    readings = model.readings_of()
    choices = []
    for u in units:
        low = u if u == "|" else u.lower()
        opts = {skeleton_of_true(t) for t in readings.get(low, ())}
        if len(u) == 1:
            opts.add(skeleton_of_true(low))
        choices.append(sorted(opts))
    n = 1
    for c in choices:
        n *= len(c)
        if n > MAX_VARIANTS or not n:
            return [skeleton_of_true("".join(units))] if len(units) == sum(map(len, units)) else []
    return ["".join(p) for p in product(*choices)]


def _score(units: Units, cand: str, dmg: Damage, zipf: float) -> float:
    return zipf + sum(model.log_channel(o, t, dmg) for o, t in zip(units, cand, strict=True))


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
                 exclude: str = "", several: bool = False) -> tuple[float, str] | None:
    """Best listed word (other than `exclude`) the observed string may stand for, with its score.

    With `several`, a letter may also have been read as several characters ('kridva').
    """
    best: tuple[float, str] | None = None
    idx = skeleton_index()
    freq = frequencies()
    genre = domain_words()
    for units in segmentations(obs, several):
        for key in _observed_keys(units):
            for cand in idx.get(key, "").split():
                if cand == exclude:
                    continue
                s = _score(units, cand, dmg, freq[cand]) + (SEEN_BONUS if seen.get(cand) else 0.0)
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
        if obs[i - 1] == "s" and (head is None or head[0] < COMPOUND_PART):
            stem = _best_listed(obs[:i - 1], dmg, seen)  # the linking -s- of compounds
            head, linked = ((stem[0], stem[1] + "s") if stem else None), True
        if head is None or head[0] < COMPOUND_PART:
            continue
        tail = _best_listed(obs[i:], dmg, seen)
        if tail is None or tail[0] < (COMPOUND_PART / 2 if linked else COMPOUND_PART):
            continue
        found.append((min(head[0], tail[0]) - COMPOUND_COST, head[1] + tail[1], linked))
    # A linking -s- marks a noun compound; other readings must pass hunspell (slow: best few).
    for score, word, linked in sorted(found, reverse=True)[:3]:
        if linked or _is_valid(word):
            return score, word
    return None


def _spelled_variants(obs: str, dmg: Damage) -> list[tuple[float, str]]:
    """Whole-word variants of an observed token, best channel score first, at most MAX_EDITS edits."""
    readings = model.readings_of()
    found: list[tuple[float, str]] = []
    for units in segmentations(obs, True):
        beams: list[tuple[float, str, int]] = [(0.0, "", 0)]
        for u in units:
            nxt = []
            for score, word, edits in beams:
                if len(u) == 1:
                    nxt.append((score + model.log_channel(u, u, dmg), word + u, edits))
                if edits < MAX_EDITS:
                    for t in readings.get(u, ()):
                        p = model.log_channel(u, t, dmg)
                        if p > SPELL_CHANNEL_FLOOR:
                            nxt.append((score + p, word + t, edits + 1))
            beams = sorted(nxt, reverse=True)[:MAX_VARIANTS]
        found += [(score, word) for score, word, edits in beams if edits]
    return sorted(found, reverse=True)


def _best_spelled(obs: str, dmg: Damage, seen: Counter[str], marked: bool) -> tuple[float, str] | None:
    """Best variant that Swedish hunspell accepts, for words no list knows (compounds, inflections)."""
    if hunspell() is None:
        return None
    ranked = []
    for channel, word in _spelled_variants(obs, dmg):
        if channel < SPELL_CHANNEL_FLOOR:
            continue
        z = compound_zipf(word) + (SEEN_BONUS if seen.get(word) else 0.0)
        ranked.append((z > 0, z + channel, channel, word))
    ranked.sort(reverse=True)
    found = [(max(r[1], SPELLED_ZIPF + r[2]), r[3]) for r in ranked[:SPELL_CHECKS] if is_spelled(r[3])]
    # Hunspell lacks many genre compounds ('medfinansiärsmöte'): when the token carries foreign marks,
    # well-attested parts may stand in.
    if marked and ranked and ranked[0][0] and ranked[0][1] - ranked[0][2] >= MARKED_COMPOUND_GAP:
        found.append((ranked[0][1] - COMPOUND_COST, ranked[0][3]))
    return max(found, default=None)


def _is_valid(word: str) -> bool:
    """A made-up reading must be a word hunspell accepts (when its dictionary is installed)."""
    return hunspell() is None or is_spelled(word)


@cache
def _marks_inside() -> re.Pattern[str]:
    marks = re.escape("".join(sorted(model.marks())) + "|")
    return re.compile(rf"[^\W\d_][{marks}]|[{marks}][^\W\d_]")


def _is_marked(token: str) -> bool:
    """Whether a token carries marks a Swedish word never has (the table's é, &, 6 ...) among letters."""
    return bool(_marks_inside().search(token))


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
    read = _best_listed(ctx.next.lower(), dmg, Counter(), several=True)  # damaged: 'vdcka', 'géang'
    return is_preposition_i(ctx, read[1] if read else "")


NO_CONTEXT = Context()


def repair_token(token: str, dmg: Damage, seen: Counter[str], ctx: Context = NO_CONTEXT,
                 bonus: dict[str, float] | None = None) -> Repair | None:
    """Best repair of one token under the page's damage, or None to keep it."""
    if dmg.is_clean or len(token) > 40:
        return None
    if _is_case_noise(token):
        fixed = token[0] + token[1:].lower()
        rep = _repair_word(fixed, dmg, seen, ctx, bonus, written=token)
        return rep or Repair(fixed, 0.8, "mixed case inside a word is OCR noise")
    return _repair_word(token, dmg, seen, ctx, bonus)


def _repair_word(token: str, dmg: Damage, seen: Counter[str], ctx: Context,
                 bonus: dict[str, float] | None, written: str = "") -> Repair | None:
    lower = token.lower()
    written = written or token
    if token == "1":
        return Repair("i", 0.7, "lone 1 between words read as i") if _is_preposition_i(ctx, dmg) else None
    if lower in model.alone_readings() and dmg.noise > 0:
        return Repair(keep_case(token, model.alone_readings()[lower]), 0.7, "one-letter word read as two")
    if is_number(token) or (token.isupper() and len(token) <= 3 and not _is_in_caps_line(ctx)):
        return None  # numbers and acronyms are never words to repair
    if not VOWEL.search(lower) and not any(model.sightings(c) >= 2 for c in lower):
        return None  # 'ggr', 'tkr': an abbreviation, unless a letter in it often stands for a vowel ('dr')
    listed = frequencies().get(lower, 0.0)
    if listed:
        orig_score = listed
    elif lower.isalpha():
        orig_score = max(0.5, compound_zipf(lower) - dmg.strip)
    else:
        orig_score = UNKNOWN_ORIG
    if seen.get(lower, 0) >= 2:
        orig_score += SEEN_TWICE_BONUS
    variants = [lower]  # observed readings of the token
    if "oo" in lower and ("oO" in written or "Oo" in written):
        # 'ansoOkan': a capital inside a word is a mark, as the table's '0' in 'o0' for 'ö'
        variants.append(lower.replace("oo", "o0", 1))
    if not listed and token[:1] == "I" and token[1:2].islower():
        variants.append("l" + lower[1:])  # 'Iedningen': capital I read for l
    best: tuple[float, str] | None = None
    bonus_here = prefer(ctx)
    for obs in variants:
        # An unlisted or rare token may hold a letter read as several characters ('kridva').
        found = _best_listed(obs, dmg, seen, bonus_here, exclude=lower, several=listed < RARE_ZIPF)
        if found and found[1] != lower and (best is None or found[0] > best[0]):
            best = found
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
    margin = MARGIN * (1.0 - STRIP_MARGIN_CUT * dmg.strip)
    if listed >= LISTED_ZIPF:
        margin += LISTED_MARGIN
    if score - orig_score < margin:
        return None
    if not listed and score - orig_score < margin + SPELLED_ORIG and lower.isalpha() \
            and is_spelled(lower):
        return None  # a close call, and hunspell knows the word as written (an inflection)
    conf = round(min(0.99, 0.5 + (score - orig_score) / 10), 2)
    # After a small word, or a capitalised function word ('Det'), but not after a name.
    mid_sentence = ctx.prev[-1:].isalpha() and (
        ctx.prev[:1].islower() or frequencies().get(ctx.prev.lower(), 0.0) >= FUNCTION_WORD_ZIPF)
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
    return {w: min(VARIANT_BONUS_MAX, VARIANT_BONUS_STEP * len(f)) for w, f in forms.items() if len(f) >= 2}
