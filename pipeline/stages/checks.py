"""Cross-check stage: declarative arithmetic and consistency rules over a document's facts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from pipeline.models import Fact, Finding, Severity
from pipeline.repair.tuning import OCR_DOUBT

UNSURE = 0.8  # facts below this confidence (from OCR) turn alarms into notes
NEAR = 1500  # characters within which a part and its total belong together
SAME_FRAME = 0.5  # word overlap (Jaccard) above which two sentences state one thing the same way
ROUNDING = 1.5  # percentage points a stated share may be off from count/total by rounding or cutting
POPULATION = {"total", "new", "ended", "queue", "enrolled_start", "enrolled_end"}
MEASURE_SV = {
    "total": "antal deltagare", "new": "nya deltagare", "ended": "avslutade deltagare",
    "queue": "personer i kö", "enrolled_start": "inskrivna vid periodens början",
    "enrolled_end": "inskrivna vid periodens slut", "referred_by": "remitterade",
    "income_support": "deltagare per ersättningsform", "outcome": "avslut per utfall",
    "age_mean": "medelålder", "age_median": "medianålder", "age_min": "lägsta ålder",
    "age_max": "högsta ålder", "throughput_time": "genomströmningstid",
}
GENDER_SV = {"women": "kvinnor", "men": "män"}


@dataclass(frozen=True)
class Hit:
    """What a rule found: the numbers involved, the facts it rests on, and the message."""

    values: tuple[float, ...]
    facts: tuple[Fact, ...]
    message: str
    about: str
    severity: Severity | None = None  # a rule may say less than its default: a note, not an alarm


@dataclass(frozen=True)
class Rule:
    """A cross-check: id, one-line description, severity and the function that finds breaches."""

    id: str
    description: str
    severity: Severity
    find: Callable[[list[Fact], str], Iterator[Hit]]


def _n(v: float | None) -> str:
    if v is None:
        return "–"
    s = f"{v:,.0f}".replace(",", " ") if float(v).is_integer() else f"{v:.1f}".replace(".", ",")
    return s


def _cite(f: Fact) -> str:
    q = f.evidence.quote if len(f.evidence.quote) <= 90 else f.evidence.quote[:87] + "…"
    return f"{_n(f.value)} (s. {f.evidence.page}: ”{q}”)"


def _what(f: Fact) -> str:
    base = MEASURE_SV.get(f.measure or "", f.measure or f.label or f.type)
    if f.gender:
        base += f", {GENDER_SV[f.gender]}"
    if f.category:
        base += f", {f.category}"
    return base


def _people(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.type == "participants" and f.value is not None]


def _norm_cat(c: str | None) -> str:
    return re.sub(r"[^a-zåäö]", "", (c or "").lower())


def _sentence(f: Fact, text: str) -> str:
    """The sentence a fact stands in (its quote where the text is not at hand)."""
    if not text:
        return f.evidence.quote
    a = max(text.rfind(c, 0, f.evidence.start) for c in ".!?\n\f") + 1
    ends = [i for i in (text.find(c, f.evidence.end) for c in ".!?\n\f") if i >= 0]
    return text[a:min(ends) if ends else len(text)]


def _frame(f: Fact, text: str) -> set[str]:
    """The words of a fact's sentence, figures left out: what it says about its figure."""
    return set(re.findall(r"[^\W\d_]{2,}", _sentence(f, text).lower()))


def same_frame(a: Fact, b: Fact, text: str) -> bool:
    """Whether two facts are stated the same way ('Antal deltagare totalt … var 31' / '… var 33'),
    so two values are a contradiction, not two groups the text keeps apart."""
    fa, fb = _frame(a, text), _frame(b, text)
    return bool(fa and fb) and len(fa & fb) / len(fa | fb) >= SAME_FRAME


def find_conflicts(facts: list[Fact], text: str) -> Iterator[Hit]:
    """The same quantity stated twice with different values.

    Figures of different subjects, categories or periods are different quantities. Two values
    stated the same way are a contradiction (a warning); stated differently, they may be two
    groups the reader should tell apart (a note).
    """
    groups: dict[tuple[object, ...], list[Fact]] = defaultdict(list)
    for f in _people(facts):
        if f.measure in {"outcome", "activity"} or (f.measure or "").startswith(("planned", "target")):
            continue  # outcomes repeat by design; plans may state several scenarios
        groups[(f.measure, f.gender, _norm_cat(f.category), f.subject, f.unit, f.period)].append(f)
    for f in facts:
        if f.type == "budget_line" and f.value is not None:
            groups[("budget", (f.label or "").lower(), f.column, f.kind, f.period, f.parent)].append(f)
    for key, fs in groups.items():
        values = sorted({f.value for f in fs if f.value is not None})
        if len(values) < 2:
            continue
        a = next(f for f in fs if f.value == values[0])
        b = next(f for f in fs if f.value == values[-1])
        if a.evidence.start < b.evidence.end and b.evidence.start < a.evidence.end:
            continue  # one statement read twice: 'sex av tio deltagare (62 procent)'
        what = _what(a) if key[0] != "budget" else f"budgetpost {a.label}"
        if same_frame(a, b, text):
            yield Hit(tuple(values), tuple(fs), f"Motstridiga uppgifter om {what}: "
                      f"{_cite(a)} mot {_cite(b)}.", what)
        else:
            yield Hit(tuple(values), tuple(fs), f"Två uppgifter om {what}: {_cite(a)} och {_cite(b)}; "
                      f"kontrollera om de avser samma grupp och period.", what, "info")


def find_range_conflicts(facts: list[Fact], text: str) -> Iterator[Hit]:
    """One target group stated with two different age bands."""
    people = _people(facts)
    for measure in ("target_age_min", "target_age_max"):
        fs = [f for f in people if f.measure == measure and not f.subject]
        values = sorted({f.value for f in fs if f.value is not None})
        if len(values) < 2:
            continue
        a = next(f for f in fs if f.value == values[0])
        b = next(f for f in fs if f.value == values[-1])
        bound = "nedre" if measure == "target_age_min" else "övre"
        yield Hit(tuple(values), (a, b), f"Målgruppens {bound} åldersgräns anges olika: {_cite(a)} "
                  f"och {_cite(b)}.", measure, None if same_frame(a, b, text) else "info")


def _nearest(target: Fact, cands: list[Fact]) -> Fact | None:
    best = None
    for c in cands:
        d = abs(c.evidence.start - target.evidence.start)
        if d <= NEAR and (best is None or d < abs(best.evidence.start - target.evidence.start)):
            best = c
    return best


def _pairs_by_gender(fs: list[Fact]) -> Iterator[tuple[Fact, Fact]]:
    women = [f for f in fs if f.gender == "women"]
    for w in women:
        men = [f for f in fs if f.gender == "men" and 0 <= f.evidence.start - w.evidence.start < 200]
        if men:
            yield w, min(men, key=lambda m: m.evidence.start)
    for m in [f for f in fs if f.gender == "men"]:
        women2 = [f for f in fs if f.gender == "women" and 0 < m.evidence.start - f.evidence.start
                  < 200]
        if not women2:
            ws = [f for f in fs if f.gender == "women" and 0 < f.evidence.start - m.evidence.start
                  < 200]
            if ws:
                yield min(ws, key=lambda f: f.evidence.start), m


def find_gender_sums(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Women plus men against the stated total of the same measure."""
    people = _people(facts)
    for measure in {f.measure for f in people}:
        fs = [f for f in people if f.measure == measure and f.unit == "persons" and not f.category]
        totals = [f for f in fs if f.gender is None]
        rows: dict[tuple[str, int], list[Fact]] = defaultdict(list)
        for f in people:  # a table row per category: 'Trygga steget | 23 | 16 | 41'
            if f.measure == measure and f.unit == "persons" and f.category:
                rows[(f.category, f.evidence.start)].append(f)
        for row in rows.values():
            w = [f for f in row if f.gender == "women"]
            m = [f for f in row if f.gender == "men"]
            t = [f for f in row if f.gender is None]
            if len(w) == len(m) == len(t) == 1 and None not in (w[0].value, m[0].value, t[0].value) \
                    and abs((w[0].value or 0) + (m[0].value or 0) - (t[0].value or 0)) > 1e-9:
                s = (w[0].value or 0) + (m[0].value or 0)
                yield Hit((w[0].value or 0, m[0].value or 0, s, t[0].value or 0), (w[0], m[0], t[0]),
                          f"Kvinnor och män ({_n(w[0].value)} + {_n(m[0].value)} = {_n(s)}) stämmer inte "
                          f"med totalen {_cite(t[0])} för {w[0].category}.", f"{measure} by gender")
        for w, m in _pairs_by_gender(fs):
            # the whole is at least as large as each part: 'Två deltagare' elsewhere is no total of 12 + 9
            total = _nearest(w, [f for f in totals if (f.value or 0) >= max(w.value or 0, m.value or 0)])
            if total and w.value is not None and m.value is not None and total.value is not None:
                s = w.value + m.value
                if abs(s - total.value) > 1e-9:
                    yield Hit((w.value, m.value, s, total.value), (w, m, total),
                              f"Kvinnor och män ({_n(w.value)} + {_n(m.value)} = {_n(s)}) stämmer "
                              f"inte med {MEASURE_SV.get(measure or '', measure)} {_cite(total)}; "
                              f"se {_cite(w)} och {_cite(m)}.", f"{measure} by gender")


def find_gender_percent_sums(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Shares of women and men of one group should add up to about 100 %."""
    people = [f for f in _people(facts) if f.unit == "percent" and f.gender and not f.category
              and f.measure in POPULATION]  # an outcome rate by gender need not add to 100
    for measure in {f.measure for f in people}:
        fs = [f for f in people if f.measure == measure]
        for w, m in _pairs_by_gender(fs):
            s = (w.value or 0) + (m.value or 0)
            if abs(s - 100) > 1.5:
                yield Hit((s, 100.0), (w, m), f"Andelarna kvinnor och män summerar till {_n(s)} % "
                          f"i stället för 100 %: {_cite(w)} och {_cite(m)}.",
                          f"{measure} gender shares")


def _same_category(a: Fact, b: Fact) -> bool:
    if not a.category or not b.category:
        return a.category == b.category
    return fuzz.ratio(a.category.lower(), b.category.lower()) >= 80


def find_percent_vs_count(facts: list[Fact], text: str) -> Iterator[Hit]:
    """A share stated beside a count must be that count over its whole, within rounding.

    '9 kvinnor (35 %)' against the total; 'av dessa började 52 arbeta. Det motsvarar 40 procent
    av de avslutade' against the ended. Off by rounding or cutting the decimals is a note; more
    is a warning.
    """
    people = _people(facts)
    for pct in [f for f in people if f.unit == "percent" and f.measure and f.measure.startswith(
            ("total", "new", "ended", "enrolled", "outcome", "queue"))]:
        twins = [f for f in people if f.unit == "persons" and f.gender == pct.gender
                 and f.measure == pct.measure and _same_category(f, pct)
                 and abs(f.evidence.start - pct.evidence.start) <= 300]
        summed = _restated_sum(pct, people, text)
        if summed:  # '14 fick arbete och 6 började studera, vilket motsvarar 41 procent'
            count = replace(summed[0], value=sum(f.value or 0 for f in summed))
        elif twins:
            count = min(twins, key=lambda f: abs(f.evidence.start - pct.evidence.start))
        else:
            continue
        base_measure = "ended" if pct.measure == "outcome" else pct.measure
        totals = [f for f in people if f.measure == base_measure and f.unit == "persons"
                  and f.gender is None and not f.category and f is not count]
        total = _nearest(count, totals)
        if not total or not total.value or count.value is None or pct.value is None:
            continue
        share = 100 * count.value / total.value
        off = abs(share - pct.value)
        if off <= 0.5:
            continue
        values = (count.value, total.value, pct.value, round(share, 1))
        message = (f"Andelen {_n(pct.value)} % stämmer inte: {_n(count.value)} av {_n(total.value)} är "
                   f"{share:.1f} % ({_cite(pct)}; {_cite(count)}; {_cite(total)}).")
        if off <= ROUNDING:
            yield Hit(values, (pct, count, total), message.replace("stämmer inte", "är avrundad eller "
                      "avkortad"), f"{pct.measure} share", "info")
        else:
            yield Hit(values, (pct, count, total), message, f"{pct.measure} share")


RESTATED = re.compile(r"(?i)\b(?:vilket motsvarar|det motsvarar|motsvarar det|sammantaget|sammanlagt"
                      r"|tillsammans|totalt)\b")


def _restated_sum(pct: Fact, people: list[Fact], text: str) -> list[Fact]:
    """The outcome counts a share sums up, when it restates two or more of them in one sentence."""
    if pct.measure != "outcome" or not text:
        return []
    lead = text[max(0, pct.evidence.start - 60):pct.evidence.end]
    if not RESTATED.search(lead):
        return []
    parts = [f for f in people if f.measure == "outcome" and f.unit == "persons" and f.gender == pct.gender
             and 0 < pct.evidence.start - f.evidence.start <= 240 and _is_part_of(f.category, pct.category)
             and not re.search(r"[.!?]\s", text[f.evidence.end:pct.evidence.start])]
    return parts if len(parts) >= 2 else []


SAME_DESTINATION = {"jobb": "arbete", "arbeta": "arbete", "anställning": "arbete", "studera": "studier",
                    "utbildning": "studier", "plugga": "studier"}


def _is_part_of(part: str | None, whole: str | None) -> bool:
    """Whether an outcome ('ett arbete') is one of those a share names ('arbete eller studier')."""
    if not part or not whole:
        return True
    words = {SAME_DESTINATION.get(w, w) for w in re.findall(r"[a-zåäö]+", whole.lower())}
    return any(SAME_DESTINATION.get(w, w) in words for w in re.findall(r"[a-zåäö]+", part.lower())
               if w not in ("eller", "och", "ett", "en", "med", "via"))


def find_breakdown_sums(facts: list[Fact], text: str) -> Iterator[Hit]:
    """A breakdown (referrals, income support, outcomes) must not exceed its whole; a referral or
    income breakdown that falls short of it is noted."""
    people = _people(facts)
    totals = [f for f in people if f.measure == "total" and f.gender is None and f.unit == "persons"
              and not f.category]
    ended = [f for f in people if f.measure == "ended" and f.gender is None and not f.category]
    # Outcomes are listed right after their 'ended' count, so two already make a breakdown.
    for measure, pool, least in (("referred_by", totals, 3), ("income_support", totals, 3),
                                 ("outcome", ended, 2)):
        for unit in ("persons", "percent"):
            parts = [f for f in people if f.measure == measure and f.unit == unit and not f.gender]
            for block in _blocks(parts, text):
                block = _without_restated_sums(block)
                if len(block) < least or len({f.period for f in block}) > 1:
                    continue  # fewer are more likely separate statements than a breakdown
                s = sum(f.value or 0 for f in block)
                if unit == "percent":
                    if s > 100 + ROUNDING:
                        yield Hit((s, 100.0), tuple(block), f"Andelarna för {MEASURE_SV[measure]} "
                                  f"summerar till {_n(s)} %, mer än 100 % ({_cite(block[0])} …).",
                                  f"{measure} shares")
                    elif measure != "outcome" and s < 100 - ROUNDING:
                        yield Hit((s, 100.0), tuple(block), f"Andelarna för {MEASURE_SV[measure]} "
                                  f"summerar till {_n(s)} %, inte 100 % ({_cite(block[0])} …).",
                                  f"{measure} shares", "info")
                    continue
                total = _nearest(block[0], pool)
                if not total or total.value is None or abs(s - total.value) <= 1e-9:
                    continue
                message = (f"Summan av {MEASURE_SV[measure]} ({_n(s)}) stämmer inte med totalen "
                           f"{_cite(total)}; första delen {_cite(block[0])}.")
                if s > total.value:
                    yield Hit((s, total.value), (*block, total), message, f"{measure} sum")
                elif measure != "outcome":
                    yield Hit((s, total.value), (*block, total), message, f"{measure} sum", "info")


def find_part_exceeds_whole(facts: list[Fact], text: str) -> Iterator[Hit]:
    """A part larger than its whole: '250 deltagare, varav 325 kvinnor'; a 'varav' budget line
    above the line it is part of."""
    people = [f for f in _people(facts) if f.unit == "persons"]
    for part in [f for f in people if f.gender or f.category]:
        wholes = [f for f in people if f.measure == part.measure and not f.gender and not f.category
                  and f.subject == part.subject and f.period == part.period
                  and 0 <= part.evidence.start - f.evidence.start <= 300]
        whole = max(wholes, key=lambda f: f.evidence.start, default=None)
        if whole and whole.value is not None and part.value is not None and part.value > whole.value:
            yield Hit((part.value, whole.value), (part, whole), f"En del är större än helheten: "
                      f"{_cite(part)} av {_cite(whole)}.", f"{part.measure} part")
    lines = _budget(facts)
    for part in [f for f in lines if f.parent]:
        whole = next((f for f in lines if f.label == part.parent and f.column == part.column
                      and f.evidence.start <= part.evidence.start), None)
        if whole and whole.value is not None and part.value is not None and part.value > whole.value > 0:
            yield Hit((part.value, whole.value), (part, whole), f"Varav-posten {_cite(part)} är större "
                      f"än posten den ingår i, {_cite(whole)}.", "budget part")


def find_post_shares(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Shares of one post ('40 % av en heltidstjänst' from each party) add to at most 100 %."""
    posts: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.type == "staffing" and f.unit == "percent" and f.role and f.value is not None:
            posts[f.role.lower()].append(f)
    for role, fs in posts.items():
        shares = [f for f in fs if re.search(r"(?i)\bav\s+en\s+(?:heltids)?tjänst", f.evidence.quote)
                  or re.search(r"(?i)tjänsten\s+finansieras\b",
                               text[max(0, f.evidence.start - 80):f.evidence.start])]
        total = sum(f.value or 0 for f in shares)
        if len(shares) >= 2 and total > 100 + ROUNDING:
            yield Hit((*(f.value or 0 for f in shares), total, 100.0), tuple(shares),
                      f"Andelarna av tjänsten som {role} summerar till "
                      f"{_n(total)} %, mer än en heltid ({_cite(shares[0])} …).", "post shares")
    held: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in facts:  # one person's shares of one post: '60 % från A och 50 % från B (samma tjänst, X)'
        if f.type == "staffing" and f.unit == "percent" and f.role and f.person and f.value is not None:
            held[(f.role.lower(), f.person)].append(f)
    for (role, person), fs in held.items():
        total = sum(f.value or 0 for f in fs)
        if len(fs) >= 2 and total > 100 + ROUNDING:
            yield Hit((*(f.value or 0 for f in fs), total), tuple(fs), f"{person}s tjänst som {role} "
                      f"summerar till {_n(total)} %, mer än en heltid ({'; '.join(_cite(f) for f in fs)}).",
                      "post shares")


def _without_restated_sums(block: list[Fact]) -> list[Fact]:
    """Parts without one that restates the sum of those before it ('21 … och 9 … – det är 30')."""
    out: list[Fact] = []
    for f in block:
        if len(out) >= 2 and f.value is not None and abs(f.value - sum(g.value or 0 for g in out)) < 1e-9:
            continue
        out.append(f)
    return out


# Words that move a figure to another stretch of time: 'Sedan vi startade har 30 fått jobb'.
CUMULATIVE = re.compile(r"(?i)\bsedan\s+(?:start\w*|vi\s+start\w*|projektet|insatsen|\d{4})|\bhittills\b"
                        r"|\btotalt\s+sedan\b")


def _blocks(parts: list[Fact], text: str = "") -> list[list[Fact]]:
    """Split parts into runs stated close together (one table or one sentence each); a figure
    counted since the start is not part of this period's run."""
    blocks: list[list[Fact]] = []
    for f in sorted(parts, key=lambda f: f.evidence.start):
        if blocks and f.evidence.start - blocks[-1][-1].evidence.end < 120 \
                and not CUMULATIVE.search(_sentence(f, text)) \
                and not CUMULATIVE.search(_sentence(blocks[-1][-1], text)):
            blocks[-1].append(f)
        else:
            blocks.append([f])
    return blocks


def find_flow(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Enrolled at start + new − ended = enrolled at end."""
    people = [f for f in _people(facts) if f.unit == "persons" and not f.gender and not f.category]
    one = {}
    for m in ("enrolled_start", "new", "ended", "enrolled_end"):
        vals = {f.value for f in people if f.measure == m}
        if len(vals) != 1:
            return
        one[m] = next(f for f in people if f.measure == m)
    s, n, e, end = (one[m].value or 0 for m in ("enrolled_start", "new", "ended", "enrolled_end"))
    if abs(s + n - e - end) > 1e-9:
        yield Hit((s, n, e, end, s + n - e), tuple(one.values()),
                  f"Flödet går inte ihop: {_n(s)} vid början + {_n(n)} nya − {_n(e)} avslutade = "
                  f"{_n(s + n - e)}, men {_cite(one['enrolled_end'])} vid periodens slut.", "flow")


def find_plausibility(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Ages ordered (min ≤ median ≤ max, mean within), ranges low ≤ high, shares ≤ 100 %."""
    people = _people(facts)
    ages = {m: [f for f in people if f.measure == m and not f.gender and not f.category]
            for m in ("age_min", "age_median", "age_mean", "age_max")}
    lo, hi = ages["age_min"], ages["age_max"]
    for mid in ages["age_median"] + ages["age_mean"]:
        for a in lo:
            if (a.value or 0) > (mid.value or 0):
                yield Hit((a.value or 0, mid.value or 0), (a, mid),
                          f"Lägsta ålder {_cite(a)} är högre än {_what(mid)} {_cite(mid)}.", "ages")
        for b in hi:
            if (b.value or 0) < (mid.value or 0):
                yield Hit((mid.value or 0, b.value or 0), (mid, b),
                          f"Högsta ålder {_cite(b)} är lägre än {_what(mid)} {_cite(mid)}.", "ages")
    means = [f for f in people if f.measure == "age_mean" and f.gender and not f.category]
    for overall in ages["age_mean"]:
        gv = [f.value for f in means if f.value is not None]
        if len(gv) == 2 and not min(gv) - 0.05 <= (overall.value or 0) <= max(gv) + 0.05:
            yield Hit((overall.value or 0, *gv), (overall, *means),
                      f"Medelåldern {_cite(overall)} ligger inte mellan kvinnornas och männens "
                      f"medelålder ({_n(min(gv))}–{_n(max(gv))}).", "mean between groups")
    for f in facts:
        if f.value is not None and f.value_max is not None and f.value > f.value_max:
            yield Hit((f.value, f.value_max), (f,), f"Intervallet är baklänges: {_cite(f)}.", "range")
        if f.unit == "percent" and f.value is not None and f.value > 100 and f.type != "staffing":
            yield Hit((f.value, 100.0), (f,), f"En andel över 100 %: {_cite(f)}.", "percent")


def _budget(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.type == "budget_line" and f.value is not None]


def find_budget_sums(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Varav lines sum to their subtotal; lines sum to the total, per column and per section."""
    lines = _budget(facts)
    for col in {f.column for f in lines}:
        fs = [f for f in lines if f.column == col]
        for sub in [f for f in fs if f.kind == "subtotal"]:
            kids = [f for f in fs if f.parent == sub.label]
            s = sum(f.value or 0 for f in kids)
            if kids and abs(s - (sub.value or 0)) > 0.5:
                yield Hit((s, sub.value or 0), (sub, *kids), f"Varav-raderna under "
                          f"”{sub.label}” summerar till {_n(s)}, men delsumman är {_cite(sub)}.",
                          "subtotal")
        for total_kind, kinds in (("total_income", {"income"}), ("total_cost", {"cost",
                                                                                 "subtotal"})):
            for tot in [f for f in fs if f.kind == total_kind]:
                parts = [f for f in fs if f.kind in kinds and not f.parent
                         and f.evidence.start < tot.evidence.start
                         and tot.evidence.start - f.evidence.start < 3000]
                if total_kind == "total_cost":
                    prev_total = [f.evidence.start for f in fs if f.kind == "total_income"
                                  and f.evidence.start < tot.evidence.start]
                    if prev_total:
                        parts = [f for f in parts if f.evidence.start > max(prev_total)]
                s = sum(f.value or 0 for f in parts)
                if len(parts) < 2:
                    continue  # one line stated beside a total is no breakdown of it
                if not _is_block([*parts, tot], text):
                    continue  # amounts scattered over the prose are no list of posts
                if abs(s - (tot.value or 0)) > 0.5:
                    yield Hit((*(f.value or 0 for f in parts), s, tot.value or 0), (tot, *parts),
                              f"Posterna summerar till "
                              f"{_n(s)}, men {tot.label} är {_cite(tot)}"
                              + (f" (kolumn {col})" if col else "") + ".", "budget total")


def _is_block(facts: list[Fact], text: str) -> bool:
    """Whether facts stand together as one list or table: no paragraph of prose between them."""
    spans = sorted((f.evidence.start, f.evidence.end) for f in facts)
    return not text or all(
        text[a_end:b_start].count("\n") <= 2 and b_start - a_end < 400
        for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def _base(col: str, word: str) -> str:
    return re.sub(rf"(?i)\b{word}\b", "", col).strip()


def find_budget_columns(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Avvikelse = Budget − Utfall for the same period, row by row."""
    lines = [f for f in _budget(facts) if f.column]
    cols = {f.column for f in lines if f.column}
    dev = [c for c in cols if re.search(r"(?i)avvikelse|differens", c)]
    outcome = [c for c in cols if re.search(r"(?i)utfall", c)]
    budget = [c for c in cols if re.search(r"(?i)budget", c)]
    for d in dev:
        for u in outcome:
            b = max(budget, key=lambda c: fuzz.ratio(_base(c, "budget"), _base(u, "utfall")),
                    default=None)
            if b is None:
                continue
            for row in {f.label for f in lines if f.column == d}:
                cell = {f.column: f for f in lines if f.label == row}
                if not all(c in cell for c in (d, u, b)):
                    continue
                want = (cell[b].value or 0) - (cell[u].value or 0)
                if abs(want - (cell[d].value or 0)) > 1.5:
                    yield Hit((cell[d].value or 0, want), (cell[d], cell[b], cell[u]),
                              f"Avvikelsen för ”{row}” är {_cite(cell[d])}, men {b} − {u} = "
                              f"{_n(want)}.", "deviation")


def find_half_year(facts: list[Fact], text: str) -> Iterator[Hit]:
    """A half-year budget column is about half the annual budget (a note, not an alarm)."""
    lines = [f for f in _budget(facts) if f.column and re.search(r"(?i)budget", f.column)]
    half = [c for c in {f.column for f in lines} if re.search(r"(?i)jan\w*\s*[-–]\s*jun", c or "")]
    year = [c for c in {f.column for f in lines} if c not in half]
    for h, y in ((h, y) for h in half for y in year):
        for f in [f for f in lines if f.column == h]:
            full = next((g for g in lines if g.column == y and g.label == f.label), None)
            if full and full.value and abs((f.value or 0) - full.value / 2) > 0.02 * full.value:
                yield Hit((f.value or 0, full.value), (f, full),
                          f"Halvårsbudgeten för ”{f.label}” {_cite(f)} är inte hälften av "
                          f"årsbudgeten {_cite(full)}.", "half-year budget")


def find_products(facts: list[Fact], text: str) -> Iterator[Hit]:
    """'25 timmar à 1000 kronor under 10 månader — 250 000 kronor': the product must hold."""
    num = r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+"
    pat = re.compile(rf"({num})\s*timmar\s*(?:[àa&@]|á)\s*({num})\s*kronor[^.]*?(?:under|i)\s*"
                     rf"({num})\s*månader")
    for f in _budget(facts):
        m = pat.search(f.evidence.quote)
        if not m:
            continue
        a, b, c = (float(g.replace(" ", "").replace("\u00a0", "")) for g in m.groups())
        if abs(a * b * c - (f.value or 0)) > 0.5:
            yield Hit((a * b * c, f.value or 0), (f,), f"{_n(a)} timmar à {_n(b)} kronor under "
                      f"{_n(c)} månader blir {_n(a * b * c)}, men beloppet är {_cite(f)}.",
                      "product")


def find_income_vs_cost(facts: list[Fact], text: str) -> Iterator[Hit]:
    """Total income against total cost of the same budget (a note when they differ)."""
    lines = _budget(facts)
    for col in {f.column for f in lines}:
        inc = [f for f in lines if f.column == col and f.kind == "total_income"]
        cost = [f for f in lines if f.column == col and f.kind == "total_cost"]
        if len(inc) == 1 and len(cost) == 1 and inc[0].value != cost[0].value:
            yield Hit((inc[0].value or 0, cost[0].value or 0), (inc[0], cost[0]),
                      f"Intäkter {_cite(inc[0])} och kostnader {_cite(cost[0])} är inte lika.",
                      "income vs cost")


RULES: tuple[Rule, ...] = (
    Rule("conflicting_values", "The same quantity is stated with different values.", "warning",
         find_conflicts),
    Rule("range_conflict", "One target group is stated with two different age bands.", "warning",
         find_range_conflicts),
    Rule("part_exceeds_whole", "A part is not larger than its whole.", "error",
         find_part_exceeds_whole),
    Rule("post_shares", "Shares of one post add to at most a full-time post.", "warning",
         find_post_shares),
    Rule("gender_sum", "Women plus men equal the stated total.", "error", find_gender_sums),
    Rule("gender_share_sum", "Shares of women and men add up to 100 %.", "error",
         find_gender_percent_sums),
    Rule("percent_vs_count", "A share beside a count matches count over total.", "warning",
         find_percent_vs_count),
    Rule("breakdown_sum", "A breakdown adds up to its total.", "error", find_breakdown_sums),
    Rule("participant_flow", "Start + new − ended = end.", "error", find_flow),
    Rule("plausibility", "Ages ordered, ranges forward, shares at most 100 %.", "error",
         find_plausibility),
    Rule("budget_sum", "Budget lines add up to subtotals and totals.", "error", find_budget_sums),
    Rule("budget_deviation", "Avvikelse equals budget minus outcome.", "error",
         find_budget_columns),
    Rule("half_year_budget", "Half-year budget is about half the annual budget.", "info",
         find_half_year),
    Rule("product", "Hours times rate times months equals the stated amount.", "error",
         find_products),
    Rule("income_vs_cost", "Total income equals total cost.", "info", find_income_vs_cost),
)


def is_doubtful(f: Fact) -> bool:
    """A figure an OCR repair produced, one OCR read with low confidence, or a fact read unsurely."""
    ev = f.evidence
    low = ev.source == "ocr" and ev.ocr_confidence is not None and ev.ocr_confidence < OCR_DOUBT
    return ev.ocr_repair is not None or low or f.confidence < UNSURE


def doubt_note(facts: list[Fact]) -> str:
    """The note that says which figures of a finding are doubtful, and why."""
    parts = []
    for f in facts:
        ev = f.evidence
        what = f"{_n(f.value)} på s. {ev.page}"
        if ev.ocr_repair:
            what += f", tolkat av OCR-rättning ({ev.ocr_repair.split(' (')[0]})"
        elif ev.ocr_confidence is not None and ev.source == "ocr":
            what += f", OCR-säkerhet {ev.ocr_confidence:.0f} %"
        parts.append(what)
    return f" (Osäker OCR-läsning av {'; '.join(parts)}: kontrollera mot sidan.)"


def cross_check(facts: tuple[Fact, ...], text: str = "") -> tuple[Finding, ...]:
    """Run every rule over a document's facts (and its text, for the sentences around them)."""
    out: list[Finding] = []
    fl = list(facts)
    for rule in RULES:
        for hit in rule.find(fl, text):
            severity, message = hit.severity or rule.severity, hit.message
            doubtful = [f for f in hit.facts if is_doubtful(f)]
            if doubtful and severity != "info":
                # a misread figure should not raise an alarm: keep it as a note to check by eye
                severity, message = "info", message + doubt_note(doubtful)
            out.append(Finding(rule=rule.id, severity=severity, message=message,
                               values=tuple(float(v) for v in hit.values),
                               facts=tuple(f.id for f in hit.facts),
                               evidence=tuple(f.evidence for f in hit.facts), about=hit.about))
    return tuple(replace(f, id=f"c{i + 1}") for i, f in enumerate(out))
