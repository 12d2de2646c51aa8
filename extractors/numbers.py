"""Numbers as Swedes write them: grouped digits, number words, approximations, ranges, units.

`find_quantities(text)` reads every figure of a sentence once, with the words around it that
change what it means ("drygt", "upp till", "16–66 år", "4 310 tkr", "hälften", "ett 40-tal"), so
that each extractor sees a figure as one thing with a value, a unit and a span. Every pattern is
bounded, so the time is linear in the text however long its digit runs are.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

# Digits: '2 500', '26 022 053' (space, no-break or thin space), '500.000', '1,5', '1451'.
_SPACE = "[ \u00a0\u202f]"
_DIGITS = (rf"(?:\d{{1,3}}(?:{_SPACE}\d{{3}}){{1,4}}(?![\d])"
           r"|\d{1,3}(?:\.\d{3}){1,4}(?![\d.,])"
           r"|\d{1,12}(?![\d]))")
# A minus sign right after a figure and a space is a range dash ('50 -55'), not a sign.
NUMERAL = rf"(?<![\d,.])(?:(?<!\d )(?<!\d\u00a0)[-−])?{_DIGITS}(?:,\d{{1,4}}(?![\d]))?"
# A decimal comma OCR or typing split from its digit, trusted only before a money scale: '8, 1 Mkr'.
_SPLIT_DECIMAL = r"(?<![\d,.])\d{1,3},[ ]\d(?=[ ]?(?:mkr|Mkr|MSEK|milj))"

_ONES = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
         "nio": 9}
_TEENS = {"tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
          "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19}
_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
         "åttio": 80, "nittio": 90}
# 'en' and 'ett' are articles far more often than counts: alone they are no number.
ARTICLES = {"en", "ett"}
# Shares written as words, in percent.
FRACTIONS = {"hälften": 50.0, "halva": 50.0, "en tredjedel": 100 / 3, "två tredjedelar": 200 / 3,
             "en fjärdedel": 25.0, "tre fjärdedelar": 75.0, "en femtedel": 20.0,
             "en tiondel": 10.0}
ORDINALS = {"annan": 2, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7,
            "åttonde": 8, "nionde": 9, "tionde": 10}
APPROX = ("ca", "ca.", "cirka", "drygt", "knappt", "nästan", "runt", "omkring", "ungefär",
          "uppemot", "över", "närmare", "uppskattningsvis", "bortåt", "kring")
AT_MOST = ("upp till", "högst", "maximalt", "max", "max.", "som mest")
AT_LEAST = ("minst", "lägst", "som minst")
# Unit words after a number, with the unit they give and the factor to whole units (kronor).
UNIT_WORDS: tuple[tuple[str, str, float], ...] = (
    (r"%|procent(?!enhet)", "percent", 1.0),
    (r"miljarder(?:\s+kronor|\s+kr\b)?|mdkr\b|mdr\b", "SEK", 1e9),
    (r"miljoner(?:\s+kronor|\s+kr\b|\s+SEK\b)?|miljon(?:\s+kronor|\s+kr\b)|milj\.?(?:\s*kr\b\.?)?"
     r"|mkr\b\.?|Mkr\b\.?|MKR\b|mnkr\b|MSEK\b|msek\b|m\.kr\b\.?|Mnkr\b", "SEK", 1e6),
    (r"tkr\b\.?|Tkr\b\.?|TKR\b|tKr\b|ksek\b|kSEK\b|tusen\s+kronor|tusentals\s+kronor", "SEK", 1e3),
    (r"kronor\b|kr\b\.?|SEK\b|sek\b|:-", "SEK", 1.0),
    (r"års\s+ålder|år\b|åring(?:ar|en|arna)?\b|års\b", "years", 1.0),
    (r"månader(?:na)?\b|månad\b|mån\b\.?", "months", 1.0),
    (r"veckor\b|vecka\b", "weeks", 1.0),
    (r"dagar\b|dag\b", "days", 1.0),
    (r"timmar\b|timme\b|tim\b\.?", "hours", 1.0),
)
_UNIT_RE = re.compile(r"\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _, _) in enumerate(UNIT_WORDS))
                      + ")")
# Figures that are not quantities: dates, phone, organisation, case and postal numbers, clock times.
NOT_QUANTITY = re.compile(
    r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b|\b(?:19|20)\d{6}\b"
    r"|\b0\d{1,3}\s?[-–]\s?\d{2,3}(?:[ \u00a0]?\d{2}){1,3}\b"
    r"|\b\d{6}-\d{4}\b|\b\d{4}/\d{2,6}\b|\b\d{3}\s\d{2}(?=\s+[A-ZÅÄÖ])"
    r"|\b(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*(?:[-–]|till)\s*\d{1,2}[.:]\d{2}\b|\bkl\.?\s*\d{1,2}[.:]\d{2}\b"
    r"|\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b\.?")
_WORD = re.compile(r"(?<![\w-])[A-Za-zÅÄÖåäö]{2,30}(?![\w])")
_TAL = re.compile(r"(?i)\b(?:ett|något|ca|cirka)\s+(?:(?P<d>\d{1,5})\s*-\s*tal|(?P<w>[a-zåäö]{2,20}?)tal)\b")
# 'två och en halv miljon', 'en halv miljon kronor': spoken money with a half.
_HALF = re.compile(r"(?i)\b(?:(?P<n>\d{1,3}|[a-zåäö]{2,12})\s+och\s+)?en\s+halv\s+"
                   r"(?P<scale>miljon|miljard)(?:er)?(?:\s+kronor|\s+kr\b)?")
# 'fyra komma fem miljoner': a decimal said aloud.
_SPOKEN_DECIMAL = re.compile(r"(?i)\b(?P<a>[a-zåäö]{2,12}|\d{1,3})\s+komma\s+(?P<b>[a-zåäö]{2,8}|\d)\s+"
                             r"(?P<scale>miljoner|miljarder)(?:\s+kronor|\s+kr\b)?")
_FRACTION = re.compile(r"(?i)(?<![\w])(?:" + "|".join(sorted(FRACTIONS, key=len, reverse=True))
                       + r")(?![\w])")
_EVERY = re.compile(r"(?i)\bvar\s+(?P<o>" + "|".join(ORDINALS) + r")\b(?!\s+(?:månad|vecka|år\b|dag))")
# 'sju av tio', 'två av tre', '8 av 10': a share (the whole a small round number or ten).
_N_OF_TEN = re.compile(r"(?i)(?<![\w,.])(?P<n>\d{1,2}|[a-zåäö]{2,7})\s+av\s+"
                       r"(?P<d>två|tre|fyra|fem|sex|sju|åtta|nio|tio|hundra|[2-9]|10|100)\b(?!\s*[%,.]?\d)")


@dataclass(frozen=True)
class Quantity:
    """One figure as stated: its value (or range), unit and the span of the whole phrase."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    unit: str | None = None  # percent, SEK, years, months, weeks, days, hours; None: a bare number
    approx: bool = False
    bound: str | None = None  # 'max' for 'upp till 30', 'min' for 'minst 40'
    is_word: bool = False
    is_year: bool = False  # a bare 1900–2099, or a range of such
    glued: bool = False  # the digits run on from a word ('projektbudget26 022 053 kr')
    num_start: int = 0  # the span of the figure itself, without its unit and approximation
    num_end: int = 0

    @property
    def is_fraction(self) -> bool:
        """A share written in words ('hälften', 'var tredje', 'sju av tio')."""
        return self.unit == "percent" and self.is_word


def parse_number(text: str) -> float | None:
    """A Swedish number written in digits or words: '2 450 000', '41,5', '500.000', 'tjugofem'."""
    t = text.strip().lower().replace("\u00a0", " ").replace("\u202f", " ").replace("−", "-")
    if re.fullmatch(r"[a-zåäö]+", t):
        w = word_number(t)
        return float(w) if w is not None else None
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", t):
        t = t.replace(".", "")
    t = re.sub(r"(?<=\d),\s(?=\d)", ",", t).replace(" ", "").replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def word_number(word: str) -> int | None:
    """'sjuttio' -> 70, 'tvåhundratjugo' -> 220, 'tretusen' -> 3000; None for other words."""
    w = word.lower()
    if not w or len(w) > 40:
        return None
    for big, factor in (("tusen", 1000), ("hundra", 100)):
        if big in w:
            head, _, tail = w.partition(big)
            n = 1 if head in ("", "ett", "en") else word_number(head)
            rest = 0 if not tail else word_number(tail)
            if n is None or rest is None or (head and n >= factor):
                return None
            return n * factor + rest
    if w in _ONES:
        return _ONES[w]
    if w in _TEENS:
        return _TEENS[w]
    for tens, v in _TENS.items():
        if w.startswith(tens):
            rest = w[len(tens):]
            return v if not rest else (v + _ONES[rest] if rest in _ONES else None)
    return None


class _Spans:
    """Sorted, non-overlapping spans with fast membership tests (keeps the reading linear)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.spans = sorted(spans or [])

    def covers(self, pos: int) -> bool:
        """Whether a span holds position `pos`."""
        i = bisect.bisect_right(self.spans, (pos, math.inf)) - 1
        return i >= 0 and pos < self.spans[i][1]

    def is_free(self, a: int, b: int) -> bool:
        """Whether [a, b) overlaps no span."""
        i = bisect.bisect_left(self.spans, (a, -1))
        return not ((i < len(self.spans) and self.spans[i][0] < b)
                    or (i > 0 and self.spans[i - 1][1] > a))

    def add(self, a: int, b: int) -> None:
        """Add a span (the caller has checked it is free)."""
        bisect.insort(self.spans, (a, b))


def _unit_after(text: str, end: int) -> tuple[str | None, float, int]:
    m = _UNIT_RE.match(text, end)
    if not m:
        return None, 1.0, end
    for i, (_, unit, factor) in enumerate(UNIT_WORDS):
        if m.group(f"u{i}"):
            return unit, factor, m.end()
    return None, 1.0, end  # pragma: no cover - one group always matched


def _words_before(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX = re.compile(rf"(?i)(?<![\w])(?:(?P<max>{_words_before(AT_MOST)})|(?P<min>{_words_before(AT_LEAST)})"
                     rf"|(?P<approx>{_words_before(APPROX)}))\s+$")


def _prefix(text: str, start: int) -> tuple[int, bool, str | None]:
    """Approximation or bound words just before a figure: 'drygt', 'ca', 'upp till', 'minst'."""
    m = _PREFIX.search(text, max(0, start - 25), start)
    if not m:
        return start, False, None
    return m.start(), bool(m.group("approx")), "max" if m.group("max") else "min" if m.group("min") else None


def _figures(text: str, claimed: list[tuple[int, int]]) -> list[tuple[int, int, float, bool, bool]]:
    """Every bare figure outside `claimed`: (start, end, value, written in words, glued to a word)."""
    skip = _Spans([m.span() for m in NOT_QUANTITY.finditer(text)] + claimed)
    split = [m for m in re.finditer(_SPLIT_DECIMAL, text) if not skip.covers(m.start())]
    taken = _Spans([m.span() for m in split])
    out: list[tuple[int, int, float, bool, bool]] = []
    for m in [*split, *(m for m in re.finditer(NUMERAL, text)
                        if not skip.covers(m.start()) and not taken.covers(m.start()))]:
        v = parse_number(m.group())
        if v is not None:
            glued = m.start() > 0 and text[m.start() - 1].isalpha()
            out.append((m.start(), m.end(), v, False, glued))
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w in ARTICLES or skip.covers(m.start()):
            continue
        v = word_number(w)
        if v is not None:
            out.append((m.start(), m.end(), float(v), True, False))
    return sorted(out)


def _is_year(v: float, s: str, unit: str | None) -> bool:
    return unit is None and v.is_integer() and 1900 <= v <= 2099 and re.fullmatch(r"\d{4}", s) is not None


_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*")
_BETWEEN = re.compile(r"(?i)\bmellan\s+$")
# A range without 'år' that still names ages: 'i åldrarna 20 till 59', 'unga mellan arton och trettio'.
_AGE_BEFORE = re.compile(r"(?i)(?:\b(?:åldern|åldrarna|ålder|åldersgrupp(?:en)?|åldersspann(?:et)?)\s*"
                         r"(?:mellan\s+|från\s+)?"
                         r"|\b(?:unga|ungdomar|unga\s+vuxna)\s+mellan\s+)$")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right, none overlapping."""
    shares = _worded_shares(text)
    figs = _figures(text, [(q.start, q.end) for q in shares])
    out: list[Quantity] = list(shares)
    i = 0
    while i < len(figs):
        s, e, v, is_word, glued = figs[i]
        start, approx, bound = _prefix(text, s)
        vmax = None
        num_end = e
        # A range: '16–66', '16 - 66 år', 'fyra till sex månader', 'mellan 18 och 29 år'.
        if i + 1 < len(figs):
            s2, e2, v2, w2, _ = figs[i + 1]
            join = text[e:s2]
            between = _BETWEEN.search(text, max(0, s - 10), s)
            one_year = _is_year(v, text[s:e], None) != _is_year(v2, text[s2:e2], None)
            if v < v2 and not one_year and ((_RANGE_JOIN.fullmatch(join) and is_word == w2)
                           or (between and re.fullmatch(r"\s+och\s+", join))):
                vmax, num_end, i = v2, e2, i + 1
                if between:
                    start = between.start()
        unit, factor, end = _unit_after(text, num_end)
        if unit is None and vmax is not None and 13 <= v < vmax <= 100 \
                and _AGE_BEFORE.search(text[max(0, s - 30):s]):
            unit = "years"
        if unit == "years" and re.match(r"\s*års\b(?!\s+ålder)", text[num_end:]):
            unit, factor, end = None, 1.0, num_end  # '2023 års budget' names a year
        is_year = _is_year(v, text[s:e], unit) and (
            vmax is None or _is_year(vmax, text[num_end - 4:num_end], unit))
        if factor != 1.0:
            v, vmax = round(v * factor), (round(vmax * factor) if vmax is not None else None)
        out.append(Quantity(start, end, v, vmax, unit, approx, bound, is_word, is_year, glued, s,
                            num_end))
        i += 1
    return sorted(out, key=lambda q: q.start)


def _worded_shares(text: str) -> list[Quantity]:
    """'ett 40-tal', 'ett sjuttiotal', 'hälften', 'var tredje', 'sju av tio' as quantities."""
    out: list[Quantity] = []
    used = _Spans()

    def free(a: int, b: int) -> bool:
        if used.is_free(a, b):
            used.add(a, b)
            return True
        return False

    for m in _HALF.finditer(text):
        whole = parse_number(m.group("n")) if m.group("n") else 0.0
        if whole is None or not free(m.start(), m.end()):
            continue
        start, approx, bound = _prefix(text, m.start())
        scale = 1e9 if m.group("scale").lower() == "miljard" else 1e6
        out.append(Quantity(start, m.end(), round((whole + 0.5) * scale), None, "SEK", approx, bound,
                            True, num_start=m.start(), num_end=m.end()))
    for m in _SPOKEN_DECIMAL.finditer(text):
        whole, tenth = parse_number(m.group("a")), parse_number(m.group("b"))
        if whole is None or tenth is None or not 0 <= tenth <= 9 or not free(m.start(), m.end()):
            continue
        start, approx, bound = _prefix(text, m.start())
        scale = 1e9 if m.group("scale").lower() == "miljarder" else 1e6
        out.append(Quantity(start, m.end(), round((whole + tenth / 10) * scale), None, "SEK", approx, bound,
                            True, num_start=m.start(), num_end=m.end()))
    for m in _TAL.finditer(text):
        v = float(m.group("d")) if m.group("d") else word_number(m.group("w") or "")
        if v and free(m.start(), m.end()):
            out.append(Quantity(m.start(), m.end(), float(v), approx=True, is_word=not m.group("d"),
                                num_start=m.start(), num_end=m.end()))
    for m in _FRACTION.finditer(text):
        start, approx, bound = _prefix(text, m.start())
        if free(m.start(), m.end()):
            out.append(Quantity(start, m.end(), round(FRACTIONS[m.group().lower()], 1), None,
                                "percent", approx, bound, True, num_start=m.start(),
                                num_end=m.end()))
    for m in _EVERY.finditer(text):
        if free(m.start(), m.end()):
            out.append(Quantity(m.start(), m.end(), round(100 / ORDINALS[m.group("o").lower()], 1),
                                unit="percent", is_word=True, num_start=m.start(), num_end=m.end()))
    for m in _N_OF_TEN.finditer(text):
        n = parse_number(m.group("n"))
        if n is None or m.group("n").lower() in ARTICLES or not free(m.start(), m.end()):
            continue
        d = parse_number(m.group("d"))
        if not d or n >= d or not n.is_integer():
            continue
        out.append(Quantity(m.start(), m.end(), round(100 * n / d, 1), unit="percent",
                            is_word=True, num_start=m.start(), num_end=m.end()))
    return out
