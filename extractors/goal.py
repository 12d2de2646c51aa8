"""Goal extractor: purpose, overall, individual, measurable and sub goals, indicators, targets."""

from __future__ import annotations

import re
import statistics

from extractors.base import COUNT, NUMBER, ExtractionInput, Line, parse_number, register
from pipeline.models import Fact

# Sentences that state a goal themselves.
GOAL_SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("purpose", re.compile(r"(?i)^(?:syftet med (?:insatsen|projektet|verksamheten|samverkan)"
                           r"|insatsens syfte|projektets syfte)\s+(?:är|blir)\b")),
    ("overall", re.compile(r"(?i)^det (?:övergripande|långsiktiga) målet\b")),
    ("individual", re.compile(r"(?i)^det individuella målet\b")),
)
# Headings or lead-ins that announce a list of goals, and the level of its items.
LIST_HEADS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("measurable", re.compile(r"(?i)mätbara\b")),
    ("sub", re.compile(r"(?i)\bdelmål\b")),
    ("overall", re.compile(r"(?i)övergripande mål|långsiktiga mål")),
    ("indicator", re.compile(r"(?i)indikator|kännetecken")),
    ("purpose", re.compile(r"(?i)^(?:syfte|verksamhetsidé)\s*:?$")),
    ("sub", re.compile(r"(?i)^mål\w?(?: och [a-zåäö]+)?\s*(?:\d{4})?\s*:?$")),
)
MULTI_SENTENCE = re.compile(r"[a-zåäö)][.!?]\s+[A-ZÅÄÖ]")
ITEM_START = re.compile(r"^\s*(?:[-•*–]\s+|att\s)")
PERCENT_TARGET = re.compile(rf"(?P<n>{NUMBER})\s*%")
COUNT_TARGET = re.compile(rf"(?:minst|högst|cirka|ca|ska)\s+(?P<n>{COUNT})(?:\s*[-–]\s*"
                          rf"(?P<x>{NUMBER}))?\s+(?:personer|deltagare|individer)")
RANGE_TARGET = re.compile(rf"(?P<n>{NUMBER})\s*[-–]\s*(?P<x>{NUMBER})\s+(?:personer|deltagare)")
EVERY_N_MONTHS = re.compile(rf"var\s+(?P<n>{COUNT}|tredje|fjärde|sjätte|andra)\s+månad")
ORDINALS = {"andra": 2, "tredje": 3, "fjärde": 4, "sjätte": 6}


def target(text: str) -> tuple[float | None, float | None, str | None]:
    """Numeric target of a goal: value, value_max and unit, or Nones."""
    after = text.split(" ska ", 1)[1] if " ska " in text else text
    for src in (after, text):
        if m := PERCENT_TARGET.search(src):
            return parse_number(m.group("n")), None, "percent"
    if m := COUNT_TARGET.search(text) or RANGE_TARGET.search(after):
        vmax = parse_number(m.group("x")) if m.groupdict().get("x") else None
        return parse_number(m.group("n")), vmax, "persons"
    if re.search(r"(?i)\bhälften\b", text):
        return 50.0, None, "percent"
    if m := EVERY_N_MONTHS.search(text):
        word = m.group("n").lower()
        return float(ORDINALS.get(word) or parse_number(word) or 0) or None, None, "months"
    return None, None, None


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("”", "").replace("“", "")).strip(" -•*–")
    return text.replace('"', "")


def _goal(inp: ExtractionInput, start: int, end: int, level: str) -> Fact:
    text = _clean(inp.text[start:end])
    value, vmax, unit = target(text)
    if level in {"sub", "overall"} and unit in {"percent", "persons"}:
        level = "measurable"
    if level != "measurable" and unit != "months":
        value = vmax = unit = None
    return Fact(type="goal", value=value, value_max=vmax, unit=unit, text=text, level=level,
                evidence=inp.evidence(start, end))


def _line_width(lines: list[Line]) -> float:
    lengths = [len(ln.text) for ln in lines if len(ln.text) > 20 and "\t" not in ln.text]
    return statistics.median(lengths) if lengths else 70.0


def _bare(t: str) -> str:
    """A line without the marks OCR and markdown put around headings ('#', '**', '”x<', '>>')."""
    return re.sub(r"^[^\w-]*(?:x{1,2}[^\w\s]*(?=[A-ZÅÄÖ]))?|[^\w.:,;)]+$", "", t.strip())


def _is_heading(t: str) -> bool:
    """A short capitalised line without a full stop: a section heading, not a list item."""
    t = _bare(t)
    return 0 < len(t.split()) <= 4 and t[:1].isupper() and not t.endswith((".", ",", ";"))


def _list_items(lines: list[Line], i: int, width: float) -> list[tuple[int, int]]:
    """Items of the list that starts at line i: bullets, 'att ...' lines, or short lines.

    The list ends at a heading, a new lead-in ending in ':', a line that is not a bullet
    after bullets, or an item that runs to several sentences (running prose, not a list).
    """
    items: list[list[Line]] = []
    wrapped = 60 < width < 110  # hard-wrapped text: an item may run over lines
    bullets = False
    for ln in lines[i:i + 30]:
        t = ln.text.strip()
        is_item = bool(ITEM_START.match(t))
        if re.match(r"^#+\s|^\*\*", t) or (not is_item and t.endswith(":")):
            if wrapped and items and t[:1].islower():
                items.pop()  # the 'item' was the first lines of a new lead-in
            break
        if bullets and not is_item and not (wrapped and items and t[:1].islower()):
            break
        if items and not is_item and _is_heading(t):
            break
        bullets = bullets or t[:1] in "-•*–"
        new = (not items or is_item or not wrapped
               or len(items[-1][-1].text) < 0.75 * width
               or items[-1][-1].text.rstrip().endswith("."))
        if new:
            items.append([ln])
        else:
            items[-1].append(ln)
        body = " ".join(x.text for x in items[-1])
        if MULTI_SENTENCE.search(body) or body.rstrip().endswith(":") or len(body) > 400:
            items.pop()
            break
    return [(it[0].start, it[-1].end) for it in items]


@register("goal")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Goals stated in sentences and goals listed under a goal heading."""
    facts: list[Fact] = []
    for s in inp.sentences():
        for level, pat in GOAL_SENTENCES:
            if pat.search(s.text.strip()):
                facts.append(_goal(inp, s.start, s.end, level))
        if re.search(r"(?i)\bsätter upp mål att\b", s.text) and EVERY_N_MONTHS.search(s.text):
            facts.append(_goal(inp, s.start, s.end, "measurable"))
    lines = inp.lines()
    width = _line_width(lines)
    taken: set[int] = {f.evidence.start for f in facts}
    for i, ln in enumerate(lines[:-1]):
        head = ln.text.strip()
        if re.match(r"(?i)^(?:dessa är|de är)\s*:$", head) and i > 0:
            head = lines[i - 1].text.strip()[-200:] + " " + head  # the lead-in is the sentence before
        elif len(head) > 120 or not (head.endswith(":") or head.startswith(("#", "**"))
                                     or len(head.split()) <= 4):
            continue
        level = next((lv for lv, pat in LIST_HEADS if pat.search(_bare(head))), None)
        if level is None:
            continue
        j = i + 1
        if _is_heading(lines[j].text) and not ITEM_START.match(lines[j].text):
            j += 1  # a sub-heading (the team's name) between heading and list
        for start, end in _list_items(lines, j, width):
            if start in taken:
                break  # the list is running text already read as a goal sentence
            text = inp.text[start:end]
            if len(text) < 15 or re.match(r"^#", text.strip()):
                continue
            taken.add(start)
            facts.append(_goal(inp, start, end, level))
    return facts

