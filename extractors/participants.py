"""Participants extractor: counts, gender splits, breakdowns, flows, ages, times and plans."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from extractors.base import (
    COUNT,
    NUMBER,
    ExtractionInput,
    Sentence,
    build_matcher,
    match_spans,
    nearest_heading,
    parse_number,
    register,
)
from pipeline.models import Fact

PERSON_NOUN = r"(?:deltagare|deltagarna|personer|individer|kvinnor|män|st)"
# Cue words that tell which participant measure a sentence is about, strongest first.
MEASURE_CUES: tuple[tuple[str, str], ...] = (
    ("queue", r"\bkö(?:n)?\b"),
    ("ended", r"\bavslutat?s\b|\bavslutade\b|\bskrivits ut\b|\butskrivna\b"),
    ("new", r"\bnya deltagare\b|\bskrivits in\b|\bnyinskriv"),
    ("enrolled_start", r"periodens\s*(?:början|start)|\bvid start(?:en)?\b|\bingående\b"),
    ("enrolled_end", r"periodens\s*slut|\butgående\b"),
    ("total", r"\bantal(?:et)? deltagare\b|\bdeltagarantal|\bdeltagare totalt\b|\btotalt\b"),
)
GENDER_WORDS = {"kvinnor": "women", "kvinnliga": "women", "kvinnorna": "women",
                "män": "men", "männen": "men", "manliga": "men"}
GENDER = r"(?:kvinnor(?:na)?|kvinnliga|män(?:nen)?|manliga)"
# Who refers participants, and what they live on: the genre's fixed categories.
INCOME_TYPES = {
    "försörjningsstöd": "försörjningsstöd",
    "ekonomiskt bistånd": "försörjningsstöd",
    "sjukpenning": "sjukpenning",
    "aktivitetsersättning": "aktivitetsersättning",
    "aktivitetsstöd": "aktivitetsstöd",
    "rehabiliteringsersättning": "rehabiliteringsersättning",
    "rehab ersättning": "rehabiliteringsersättning",
    "sjukersättning": "sjukersättning",
    "a-kassa": "arbetslöshetsersättning",
    "arbetslöshetsersättning": "arbetslöshetsersättning",
    "etableringsersättning": "etableringsersättning",
    "ingen offentlig ersättning": "ingen offentlig ersättning",
    "ingen offentlig försörjning": "ingen offentlig försörjning",
    "lön": "lön",
}
REFERRAL_CUE = re.compile(r"(?i)aktualiserats av|remitterats av|remitter(?:ande|ats)|remittent")
TABLE_ROW = re.compile(rf"^\s*([A-ZÅÄÖ][^\t\d]{{1,60}}?)\s*(?:\t+|\s{{2,}})\s*({NUMBER})\s*$")
AGE_CUES = (("age_median", r"median"), ("age_mean", r"medel"), ("age_min", r"yngst"),
            ("age_max", r"äldst"))
YEARS = rf"({NUMBER})\s*år\b"
MONTHS = rf"({NUMBER})\s*månader"
PERCENT = rf"({NUMBER})\s*%"


def _gender(word: str) -> str | None:
    return GENDER_WORDS.get(word.lower())


class _Builder:
    """Collects facts for one document, building evidence from sentence-relative spans."""

    def __init__(self, inp: ExtractionInput) -> None:
        self.inp = inp
        self.facts: list[Fact] = []

    def add(self, sent: Sentence, m: re.Match[str], group: int | str, measure: str, unit: str,
            **kw: object) -> None:
        value = parse_number(m.group(group))
        if value is None:
            return
        start = sent.start + m.start()
        end = sent.start + m.end()
        self.facts.append(Fact(type="participants", value=value, unit=unit, measure=measure,
                               evidence=self.inp.evidence(start, end), **kw))  # type: ignore[arg-type]


def _measure_of(text: str) -> str | None:
    low = text.lower()
    for measure, cue in MEASURE_CUES:
        if re.search(cue, low):
            return measure
    return None


GENDER_WORDS_LIST = sorted(GENDER_WORDS)
_NUM = {"LIKE_NUM": True}
_GENDER = {"LOWER": {"IN": GENDER_WORDS_LIST}}
_PCT = [{"ORTH": "("}, {"LIKE_NUM": True}, {"ORTH": "%"}, {"ORTH": ")"}]
# spaCy Matcher patterns for a figure by gender; the longest match wins where they overlap.
GENDER_PATTERNS = {
    "count_pct_gender": [_NUM, *_PCT, _GENDER],  # '6 (30%) kvinnor'
    "count_gender_pct": [_NUM, _GENDER, *_PCT],  # '9 kvinnor (35%)'
    "count_gender": [_NUM, _GENDER],  # '11 kvinnor', 'två män'
    "pct_gender": [_NUM, {"ORTH": "%"}, _GENDER],  # '42% kvinnor'
}


@cache
def _gender_matcher() -> Any:
    return build_matcher(GENDER_PATTERNS)


def _gender_counts(b: _Builder, s: Sentence, measure: str) -> bool:
    """'14 kvinnor (45%)', '10 (40%) kvinnor', '38% kvinnor' -> facts with gender; True if any."""
    spans = match_spans(s.text, _gender_matcher())
    for span in spans:
        toks = list(span)
        gender = _gender(next(t.text for t in toks if t.lower_ in GENDER_WORDS))
        numbers = [t for t in toks if t.like_num]
        is_pct = len(toks) > 1 and toks[1].text == "%"
        kinds = ["percent"] if is_pct else ["persons", "percent"][: len(numbers)]
        for tok, unit in zip(numbers, kinds, strict=False):
            value = parse_number(tok.text)
            if value is not None:
                b.facts.append(Fact(
                    type="participants", value=value, unit=unit, measure=measure, gender=gender,
                    evidence=b.inp.evidence(s.start + span.start_char, s.start + span.end_char)))
    return bool(spans)


def _main_count(b: _Builder, s: Sentence, measure: str) -> None:
    """The sentence's headline figure for its measure: 'var 31', '8 nya deltagare', '3 personer'."""
    t = s.text
    pats = [
        rf"(?:var|är|uppgick till|blev)\s+(?:det\s+)?(?P<n>{COUNT})\s+(?:nya\s+)?{PERSON_NOUN}",
        rf"(?P<n>{COUNT})\s+(?:nya\s+)?(?:deltagare|personer|individer)\b",
        rf"(?:var|är|uppgick till)\s+(?:det\s+)?(?P<n>{NUMBER})\b(?!\s*(?:%|år|månad|dagar))",
    ]
    for pat in pats:
        for m in re.finditer(pat, t, re.I):
            before = t[: m.start("n")].lower()
            if measure == "total" and re.search(r"\bav (?:de|dessa)\b[^,]*$", before):
                continue
            if re.match(r"\s*(?:%|år\b|månad)", t[m.end("n"):]):
                continue
            b.add(s, m, "n", measure, "persons")
            return


def _flows(b: _Builder, s: Sentence) -> None:
    """'vid periodens början 25 och vid periodens slut ... 26': one clause per measure."""
    for clause in re.split(r"\s+och\s+|,\s*", s.text):
        measure = _measure_of(clause)
        if measure not in {"enrolled_start", "enrolled_end"}:
            continue
        if re.search(GENDER, clause, re.I):
            continue
        m = re.search(rf"(?:var\s+(?:det\s+)?|deltagarantalet\s+|\s)(?P<n>{NUMBER})(?:\s+"
                      rf"{PERSON_NOUN})?\s*\.?$", clause.strip(), re.I)
        if m:
            off = s.text.find(clause.strip())
            sub = Sentence(s.start + off, s.start + off + len(clause.strip()), clause.strip())
            b.add(sub, m, "n", measure, "persons")


def _outcomes(b: _Builder, s: Sentence) -> None:
    """'7 deltagare avslutats ... 2 till annan arbetsrehabiliterande åtgärd och 5 till annat'."""
    for m in re.finditer(rf"(?P<n>{COUNT})\s+till\s+(?P<c>[a-zåäö][a-zåäö ]{{2,50}}?)"
                         rf"(?=\s+och\s+{COUNT}\s+till|[.,;]|$)", s.text):
        b.add(s, m, "n", "outcome", "persons", category=m.group("c").strip())


def _income(b: _Builder, s: Sentence) -> None:
    """Counts and shares by kind of income support."""
    t = s.text
    keys = list(INCOME_TYPES)
    items = re.finditer(rf"(?P<n>{COUNT})\s+(?P<l>(?:ersättning i form av\s+)?[a-zåäö][a-zåäö -]"
                        r"{2,40}?)(?=,|\s+samt\s|\s+och\s|\.|$|\s+alls)", t)
    for m in items:
        label = re.sub(r"^ersättning i form av\s+", "", m.group("l")).strip()
        hit = process.extractOne(label, keys, scorer=fuzz.ratio, score_cutoff=80)
        if hit:
            b.add(s, m, "n", "income_support", "persons", category=INCOME_TYPES[hit[0]])
    for m in re.finditer(rf"(?P<p>{NUMBER})\s*%\s+(?P<l>[^,.]{{3,80}}?)(?=\s+och\s+{NUMBER}\s*%|"
                         rf"\s+samt\s|,|\.|$)", t):
        label = re.sub(r"\s+och$", "", m.group("l").strip())
        label = re.sub(r"^(?:har\s+)?ersättning\s+från\s+", "", label)
        label = re.sub(r"\s+i form av\s+(.+)$", r" (\1)", label)
        if re.search(r"(?i)ersättning|försörjning|stöd|kassan|kommun", m.group("l")):
            b.add(s, m, "p", "income_support", "percent", category=label)


def _income_statements(b: _Builder, s: Sentence) -> None:
    """'två deltagare har aktivitetsstöd', 'en deltagare erhållit aktivitetsersättning'."""
    for m in re.finditer(rf"(?P<n>{COUNT})\s+deltagare\s+(?:som\s+)?(?:har|hade|erhållit|"
                         rf"har erhållit|uppbär)\s+(?P<l>[a-zåäö]+)", s.text, re.I):
        label = m.group("l").lower()
        if label in INCOME_TYPES:
            b.add(s, m, "n", "income_support", "persons", category=INCOME_TYPES[label])


def _referrals(b: _Builder, inp: ExtractionInput) -> None:
    """A table of 'Organisation<TAB>N' rows right after a sentence about referrals."""
    lines = inp.lines()
    for i, ln in enumerate(lines):
        if not REFERRAL_CUE.search(ln.text) or TABLE_ROW.match(ln.text):
            continue
        rows = lines[i + 1: i + 20]
        for k, row in enumerate(rows):
            m = TABLE_ROW.match(row.text)
            if not m:
                if k + 1 < len(rows) and TABLE_ROW.match(rows[k + 1].text):
                    continue  # one unreadable row (OCR) does not end the table
                break
            b.add(Sentence(row.start, row.end, row.text), m, 2, "referred_by", "persons",
                  category=m.group(1).strip())


def _ages(b: _Builder, s: Sentence) -> None:
    """Mean, median, youngest and oldest ages, overall and by gender."""
    measure = None
    category = None
    if re.search(r"(?i)\bsom (?:nådde|uppnått|nått)\b", s.text):
        category = "nådde verksamhetens mål"
    for clause_m in re.finditer(r"[^;]+?(?:\s+och\s+|,\s|;|$)", s.text):
        clause = clause_m.group()
        low = clause.lower()
        for name, cue in AGE_CUES:
            if re.search(cue, low):
                measure = name
        if not measure:
            continue
        m = re.search(YEARS, clause)
        if not m:
            continue
        g = re.search(r"kvinn|\bmän|manliga|männen", low)
        gender = "women" if g and g.group().startswith("kvinn") else "men" if g else None
        sub = Sentence(s.start + clause_m.start(), s.start + clause_m.end(), clause)
        kw = {"gender": gender} if gender else {}
        if category and measure == "age_mean":
            kw["category"] = category
        b.add(sub, m, 1, measure, "years", **kw)


def _times(b: _Builder, s: Sentence, prev_measure: str | None) -> str | None:
    """Throughput times and years in public support, with gender splits in the next sentence."""
    low = s.text.lower()
    measure = None
    if "genomströmningstid" in low:
        measure, pat, unit = "throughput_time", MONTHS, "months"
    elif "offentlig försörjning" in low:
        measure, pat, unit = "years_public_support", YEARS, "years"
    elif prev_measure and re.search(GENDER, low) and re.search(MONTHS, low):
        measure, pat, unit = prev_measure, MONTHS, "months"
    else:
        return None
    if not re.search(pat, s.text):
        return None
    first = True
    for clause_m in re.finditer(r"[^;]+?(?:\s+och\s+|,\s|;|$)", s.text):
        clause = clause_m.group()
        m = re.search(pat, clause)
        if not m:
            continue
        g = re.search(r"kvinn|\bmän", clause.lower())
        gender = "women" if g and g.group().startswith("kvinn") else "men" if g else None
        if gender is None and not first:
            continue
        first = False
        sub = Sentence(s.start + clause_m.start(), s.start + clause_m.end(), clause)
        b.add(sub, m, 1, measure, unit, **({"gender": gender} if gender else {}))
    return measure


def _plans(b: _Builder, s: Sentence, inp: ExtractionInput) -> None:
    """Planned volumes, target group sizes and target ages of a plan or description."""
    t = s.text
    low = t.lower()
    heading = nearest_heading(inp, s.start) or ""
    subject = heading if re.search(r"(?i)\bprojekt", heading) else None
    kw = {"subject": subject} if subject else {}
    rng = rf"(?P<n>{NUMBER})(?:\s*[-–]\s*(?P<x>{NUMBER}))?"
    for m in re.finditer(rf"(?:runt|cirka|ca\.?|omkring|med|är)\s+{rng}\s+(?P<w>inskrivna|deltagare"
                         rf"|individer|personer)(?P<rest>[^.]{{0,60}})", t, re.I):
        rest = (m.group("rest") or "").lower()
        before = low[max(0, m.start() - 80): m.start()]
        if re.search(r"per år|p[åa] ett [åäa]r|om året|årligen", rest):
            measure = "planned_per_year"
        elif re.search(r"målgrupp|uppskatt|bedöms .*vara|grupp.*vara|kan bli aktuella", before):
            measure = "target_group_size"
        else:
            measure = "planned_enrolled"
        if measure == "planned_enrolled" and not re.search(
                r"inskrivna|arbeta med|hantera|beräknat|planera|ta emot|antal deltagare",
                before + m.group(0).lower()):
            continue
        vmax = parse_number(m.group("x")) if m.group("x") else None
        b.add(s, m, "n", measure, "persons", value_max=vmax, **kw)
    for m in re.finditer(rf"(?:beräknat|planerat|förväntat) antal deltagare (?:är|blir|:)\s*"
                         rf"(?P<n>{NUMBER})", t, re.I):
        b.add(s, m, "n", "planned_enrolled", "persons", **kw)
    for m in re.finditer(rf"(?:omsätta|ta emot|skriva in)\s+(?:runt|cirka|ca\.?)?\s*(?P<n>{NUMBER})"
                         rf"\s+(?:individer|deltagare|personer)[^.]{{0,40}}?(?:per|på ett|om)"
                         r"\s+år", t, re.I):
        b.add(s, m, "n", "planned_per_year", "persons", **kw)
    for m in re.finditer(rf"(?:uppskattar|beräknar|bedömer)[^.]{{0,40}}?{rng}\s+personer", t, re.I):
        b.add(s, m, "n", "target_group_size", "persons",
              value_max=parse_number(m.group("x")) if m.group("x") else None)
    if re.search(r"(?i)målgrupp|arbetsför ålder|åldersintervall", t) and not subject:
        m = re.search(rf"(?P<a>{NUMBER})\s*[-–]\s*(?P<b>{NUMBER})\s*år", t)
        if m and "mellan" not in t[max(0, m.start() - 10): m.start()]:
            b.add(s, m, "a", "target_age_min", "years")
            b.add(s, m, "b", "target_age_max", "years")


@register("participants")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Every participant figure in the document, each with its sentence as evidence."""
    b = _Builder(inp)
    plan = inp.is_plan()
    prev_measure: str | None = None
    prev_time: str | None = None
    for s in inp.sentences():
        low = s.text.lower()
        if plan:
            _plans(b, s, inp)
            continue
        if "\t" in s.text:
            continue
        measure = _measure_of(s.text)
        if re.search(r"(?i)ålder|\byngst|\bäldst", s.text):
            _ages(b, s)
            prev_measure = None
            continue
        prev_time = _times(b, s, prev_time)
        if prev_time:
            continue
        if re.search(r"(?i)\bnådde\b|\buppnådde\b|\bnått\b", low) and re.search(PERCENT, s.text):
            m = re.search(PERCENT, s.text)
            if m and "mål" in low:
                b.add(s, m, 1, "goal_reached", "percent")
                continue
        if re.search(r"(?i)försörjningsstöd|sjukpenning|ersättning", s.text):
            _income(b, s)
            _income_statements(b, s)
            m = re.search(rf"(?P<n>{COUNT})\s+deltagare som är inskrivna hos\s+(?P<c>[A-ZÅÄÖ]\w+)",
                          s.text)
            if m:
                b.add(s, m, "n", "registered_elsewhere", "persons", category=m.group("c"))
            continue
        m = re.search(rf"(?P<n>{COUNT})\s+av\s+deltagarna\s+[^.]*?(?P<c>arbetsträning|praktik)",
                      s.text)
        if m:
            b.add(s, m, "n", "activity", "persons", category=m.group("c"))
            continue
        if measure in {"enrolled_start", "enrolled_end"} and "deltagarantal" in low:
            _flows(b, s)
            continue
        if measure is None and prev_measure and re.search(r"\b(?:av dessa|varav)\b", low):
            measure = prev_measure
        if measure is None:
            prev_measure = None
            continue
        if measure == "queue" and not re.search(rf"{COUNT}\s+(?:personer|deltagare)", s.text):
            continue
        has_gender = _gender_counts(b, s, measure)
        if measure == "ended":
            _outcomes(b, s)
        if not (has_gender and measure == "enrolled_start"):
            _main_count(b, s, measure)
        prev_measure = measure
    if not plan:
        _referrals(b, inp)
    return b.facts
