"""Participant figures in tables: flows, outcomes, referrals and income support, and counts by gender.

A table is a run of 'label<TAB>figure' rows (or rows padded with spaces), read by what its heading
or its labels say it is:
  - a flow: 'Inskrivna 1 januari 29 / Nyinskrivna 17 / Avslutade 13 / Inskrivna 30 juni 34';
  - where those who ended went ('Avslutsorsak', 'Resultat för avslutade'): each row an outcome;
  - who referred them ('remitterats av', 'remitterande part'): each row a referral;
  - what they lived on ('försörjning vid inskrivning'): each row a kind of income support;
  - a table with 'Kvinnor', 'Män' and 'Totalt' columns: each row a category, each cell a count;
  - a table with 'Antal' and 'Andel' columns and 'Kvinnor', 'Män', 'Totalt' rows: a count and a share
    per gender.
Money tables are left to the budget reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import ExtractionInput, Line
from extractors.numbers import NUMERAL, parse_number
from pipeline.models import Fact

ROW = re.compile(rf"^\s*(?P<label>[^\t\d\s][^\t]{{0,60}}?)\s*(?:\t+|\s{{2,}})\s*(?P<n>{NUMERAL})\s*"
                 r"(?P<pct>%)?\s*$")
# 'Arbete: 4' under 'Resultat för avslutade deltagare': a breakdown written as fields.
COLON_ROW = re.compile(rf"^\s*[-•]?\s*(?P<label>[A-ZÅÄÖa-zåäö][^\t\d:]{{1,50}}?)\s*:\s*(?P<n>{NUMERAL})\s*"
                       r"(?P<pct>%)?\s*$")
# 'Socialtjänsten 19' on a line of its own, in a list under a heading that says what it counts.
SPACE_ROW = re.compile(rf"^\s*[-•]?\s*(?P<label>[A-ZÅÄÖ][^\t\d:]{{1,50}}?)\s+"
                       rf"(?P<n>(?!(?:19|20)\d\d\b){NUMERAL})\s*"
                       r"(?P<pct>%)?\s*$")
MONEY = re.compile(r"(?i)\b(?:kr|kronor|tkr|mkr|sek|budget\w*|kostnad\w*|intäkt\w*|resultaträkning|ekonomi"
                   r"|finansiering\w*)\b")
REFERRAL = re.compile(r"(?i)aktualiserats av|remitter\w*|remittent|anvis\w*|hänvis\w*")
OUTCOME = re.compile(r"(?i)avslutsorsak|avslut\w*\s+(?:till|orsak)|resultat\w*\s+(?:för|vid)\s+avslut"
                     r"|vart\s+(?:gick|tog)|efter\s+avslut|utfall\w*\s+(?:för|vid)\s+avslut")
INCOME = re.compile(r"(?i)försörjning|ersättning\w*|inkomst\w*")
# What a row of a flow table counts, by its label.
FLOW = (
    ("queue", re.compile(r"(?i)\b(?:i kö|kö:|kön till|väntar|väntelista)")),
    ("enrolled_start", re.compile(r"(?i)inskrivna\s+(?:vid\s+(?:start|årets\s+början|periodens\s+början)"
                                  r"|1\s+jan\w*|den\s+1\s+jan\w*)|ingående")),
    ("enrolled_end", re.compile(r"(?i)inskrivna\s+(?:vid\s+(?:slut|årets\s+slut|periodens\s+slut)"
                                r"|3[01]\s+(?:dec\w*|jun\w*))|utgående")),
    ("new", re.compile(r"(?i)^(?:nya|nyinskriv\w*|tillkomna|inskrivna\s+under|antal\s+nya)")),
    ("ended", re.compile(r"(?i)^(?:avslutade|avslut|utskrivna|antal\s+avslut\w*)")),
    ("total", re.compile(r"(?i)^(?:totalt|deltagare|antal\s+deltagare|inskrivna\s+totalt"
                         r"|summa\s+deltagare)")),
)
GENDER = {"kvinnor": "women", "män": "men"}
TOTAL_LABEL = re.compile(r"(?i)^(?:summa|totalt|total|samtliga|alla)\b")


@dataclass(frozen=True)
class _Row:
    line: Line
    label: str
    value: float
    is_pct: bool


def _heading(inp: ExtractionInput, lines: list[Line], i: int) -> str:
    """The two lines above a table that are not rows of it (its caption or lead-in)."""
    above = [ln.text for ln in lines[max(0, i - 2):i] if not ROW.match(ln.text)]
    return " ".join(above[-2:])


def _fact(inp: ExtractionInput, row: _Row, measure: str, **kw: object) -> Fact:
    return Fact(type="participants", value=row.value, unit="percent" if row.is_pct else "persons",
                measure=measure, evidence=inp.evidence(row.line.start, row.line.end),
                **{k: v for k, v in kw.items() if v is not None})  # type: ignore[arg-type]


def _block_kind(heading: str, rows: list[_Row]) -> str | None:
    """What a two-column table counts: 'flow', 'outcome', 'referred_by', 'income_support'."""
    if MONEY.search(heading) or any(r.value >= 100_000 for r in rows):
        return None
    if REFERRAL.search(heading):
        return "referred_by"
    if OUTCOME.search(heading):
        return "outcome"
    if INCOME.search(heading):
        return "income_support"
    flows = sum(any(p.search(r.label) for _, p in FLOW) for r in rows)
    return "flow" if flows * 2 >= len(rows) and flows >= 2 else None


def _two_column(inp: ExtractionInput, heading: str, rows: list[_Row]) -> list[Fact]:
    kind = _block_kind(heading, rows)
    if kind is None:
        return []
    out: list[Fact] = []
    last: str | None = None
    for r in rows:
        if kind == "flow":
            gender = GENDER.get(re.sub(r"(?i)^(?:varav|därav)\s+", "", r.label).lower().rstrip(":"))
            measure = next((m for m, p in FLOW if p.search(r.label)), None)
            if gender and last:
                out.append(_fact(inp, r, last, gender=gender))
            elif measure:
                out.append(_fact(inp, r, measure))
                last = measure
        elif not TOTAL_LABEL.match(r.label):
            out.append(_fact(inp, r, kind, category=r.label.strip(" :")))
    return out


def _gender_table(inp: ExtractionInput, lines: list[Line], i: int) -> tuple[list[Fact], int]:
    """'Insats | Kvinnor | Män | Totalt' and its rows: a count per cell, the row its category."""
    header = [c.strip().lower() for c in lines[i].text.split("\t")]
    columns = {k: ("women" if c.startswith("kvinn") else "men" if c.startswith("män") else "total")
               for k, c in enumerate(header) if re.match(r"kvinn|män|totalt|summa|antal|samtliga", c)}
    if not {"women", "men"} <= set(columns.values()) or MONEY.search(" ".join(header)):
        return [], i + 1
    heading = _heading(inp, lines, i)
    measure = next((m for m, p in FLOW if p.search(heading)), None) or (
        "ended" if re.search(r"(?i)avslut", heading) else "new" if re.search(r"(?i)\bnya\b", heading)
        else "total")
    out: list[Fact] = []
    j = i + 1
    while j < len(lines) and "\t" in lines[j].text:
        cells = [c.strip() for c in lines[j].text.split("\t")]
        label = cells[0]
        category = None if TOTAL_LABEL.match(label) else label
        row_measure = next((m for m, p in FLOW if p.search(label)), None)
        if row_measure:  # a flow by gender: 'Inskrivna 1 januari | 14 | 11 | 25'
            category = None
        elif category and (OUTCOME.search(heading) or re.search(r"(?i)status\s+vid\s+avslut", heading)):
            row_measure = "outcome"  # 'Avslutade efter kön och status vid avslut | Arbete | 31 | 34'
        for k, kind in columns.items():
            if k >= len(cells) or (v := parse_number(cells[k].rstrip(" %"))) is None:
                continue
            row = _Row(lines[j], label, v, cells[k].endswith("%"))
            out.append(_fact(inp, row, row_measure or measure, gender=None if kind == "total" else kind,
                             category=category))
        j += 1
    return out, j


GENDER_ROW = re.compile(r"(?i)^\s*(kvinnor|män|totalt|summa|samtliga)\s*\t")


def _gender_rows(inp: ExtractionInput, lines: list[Line], i: int) -> tuple[list[Fact], int]:
    """'<TAB>Antal<TAB>Andel' over 'Kvinnor', 'Män', 'Totalt' rows: a count and a share each."""
    header = [c.strip().lower() for c in lines[i].text.split("\t")]
    columns = {k: ("percent" if re.match(r"andel|procent|%", c) else "persons")
               for k, c in enumerate(header) if k and re.match(r"antal|andel|procent|%", c)}
    heading = _heading(inp, lines, i)
    if "persons" not in columns.values() or MONEY.search(heading):
        return [], i + 1
    measure = next((m for m, p in FLOW if p.search(heading)), None) or (
        "ended" if re.search(r"(?i)avslut", heading) else "new" if re.search(r"(?i)\bnya\b", heading)
        else "total")
    out: list[Fact] = []
    j = i + 1
    while j < len(lines) and (g := GENDER_ROW.match(lines[j].text)):
        cells = [c.strip() for c in lines[j].text.split("\t")]
        gender = GENDER.get(g.group(1).lower())
        for k, unit in columns.items():
            if k >= len(cells) or (v := parse_number(cells[k].rstrip(" %"))) is None:
                continue
            if unit == "percent" and gender is None:
                continue  # 'Totalt 50 100 %'
            row = _Row(lines[j], g.group(1), v, unit == "percent")
            out.append(_fact(inp, row, measure, gender=gender))
        j += 1
    return (out, j) if out else ([], i + 1)


def _colon_rows(inp: ExtractionInput, lines: list[Line], i: int) -> tuple[list[Fact], int]:
    """'Arbete: 4 / Studier: 2' under a heading that names outcomes, referrals or income support.

    Flows written as fields ('Nya under perioden: 9') are read with the prose."""
    heading = " ".join(ln.text for ln in lines[max(0, i - 2):i]
                       if not COLON_ROW.match(ln.text) and not SPACE_ROW.match(ln.text))
    rows: list[_Row] = []
    j = i
    while j < len(lines) and (m := COLON_ROW.match(lines[j].text) or SPACE_ROW.match(lines[j].text)):
        value = parse_number(m.group("n"))
        if value is not None:
            rows.append(_Row(lines[j], m.group("label").strip(), value, bool(m.group("pct"))))
        j += 1
    kind = _block_kind(heading, rows)
    return ((_two_column(inp, heading, rows) if kind not in (None, "flow") and len(rows) >= 2 else []),
            j)


def _count_share_table(inp: ExtractionInput, lines: list[Line], i: int) -> tuple[list[Fact], int]:
    """'Avslutsorsak<TAB>Antal<TAB>Andel' over 'Arbete<TAB>17<TAB>28 %' rows: a count and a share
    of each category, the kind of breakdown named by the header or the caption."""
    heading = _heading(inp, lines, i) + " " + lines[i].text.split("\t")[0]
    rows: list[tuple[Line, str, float, float | None]] = []
    j = i + 1
    while j < len(lines):
        cells = [c.strip() for c in lines[j].text.split("\t")]
        count = parse_number(cells[1]) if len(cells) > 1 else None
        if count is None:
            break
        share = parse_number(cells[2].rstrip(" %")) if len(cells) > 2 else None
        rows.append((lines[j], cells[0], count, share))
        j += 1
    probe = [_Row(ln, label, n, False) for ln, label, n, _ in rows]
    kind = _block_kind(heading, probe)
    if kind in (None, "flow"):
        return [], j
    out = []
    for ln, label, n, share in rows:
        if TOTAL_LABEL.match(label):
            continue
        out.append(_fact(inp, _Row(ln, label, n, False), kind, category=label))
        if share is not None:
            out.append(_fact(inp, _Row(ln, label, share, True), kind, category=label))
    return out, j


def read_tables(inp: ExtractionInput) -> list[Fact]:
    """Every participant figure stated in a table of the document."""
    # a table set in columns with runs of spaces reads as one with tabs
    lines = [Line(ln.start, ln.end, re.sub(r"(?<=\S) {2,}(?=\S)", "\t", ln.text.strip()))
             if "\t" not in ln.text and re.search(r"\S {2,}\S", ln.text) else ln for ln in inp.lines()]
    out: list[Fact] = []
    i = 0
    while i < len(lines):
        if re.search(r"(?i)\t\s*(?:kvinnor|män)\b", lines[i].text) and not ROW.match(lines[i].text):
            found, i = _gender_table(inp, lines, i)
            out.extend(found)
            continue
        if re.match(r"(?i)^\s*\t\s*antal\b", lines[i].text) and i + 1 < len(lines) \
                and GENDER_ROW.match(lines[i + 1].text):
            found, i = _gender_rows(inp, lines, i)
            out.extend(found)
            continue
        if re.match(r"(?i)^\s*[^\t\d]{3,40}\t\s*antal\s*\t\s*andel\s*$", lines[i].text):
            found, i = _count_share_table(inp, lines, i)
            out.extend(found)
            continue
        if not ROW.match(lines[i].text):
            if COLON_ROW.match(lines[i].text) or SPACE_ROW.match(lines[i].text):
                found, i = _colon_rows(inp, lines, i)
                out.extend(found)
                continue
            i += 1
            continue
        heading = _heading(inp, lines, i)
        rows: list[_Row] = []
        j = i
        while j < len(lines):
            m = ROW.match(lines[j].text)
            if not m:
                if j + 1 < len(lines) and ROW.match(lines[j + 1].text) and "\t" in lines[j].text \
                        and rows:
                    j += 1  # one unreadable row (OCR) does not end the table
                    continue
                break
            value = parse_number(m.group("n"))
            if value is not None:
                rows.append(_Row(lines[j], m.group("label").strip(), value, bool(m.group("pct"))))
            j += 1
        out.extend(_two_column(inp, heading, rows))
        i = j
    return out
