"""Goal extractor: purpose, overall, individual, measurable and sub goals, indicators, targets."""

from __future__ import annotations

import re
import statistics

from extractors.base import ExtractionInput, Line, register
from extractors.numbers import ORDINALS, find_quantities, parse_number
from pipeline.models import Fact

# Sentences that state a goal themselves, by how they open, and the level they give.
_WITH = r"(?:\s+(?:med|för)\s+[^.:]{1,60}?)?"
GOAL_SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("individual", re.compile(r"(?i)^(?:det\s+)?individuella\s+målet\b|^för den enskilde\b[^.]*\bmålet\b")),
    ("sub", re.compile(rf"(?i)^(?:delmålen|delmålet){_WITH}\s+(?:är|var|blir)\b")),
    ("purpose", re.compile(rf"(?i)^(?:det\s+)?(?:(?:övergripande|huvudsakliga|långsiktiga)\s+)?syftet{_WITH}"
                           r"\s+(?:är|var|har varit|blir)\b")),
    ("purpose", re.compile(r"(?i)^(?:insatsens|projektets|verksamhetens|teamets)\s+syfte\s+(?:är|blir)\b")),
    ("purpose", re.compile(r"(?i)^[\w.-]+(?:\s+[\w.-]+){0,3}\s+syftar\s+till\s+att\b")),
    ("overall", re.compile(rf"(?i)^(?:det\s+)?(?:(?:övergripande|långsiktiga|kvalitativa|kvantitativa|"
                           rf"huvudsakliga|främsta)\s+)?(?:målet|målen|målsättningen){_WITH}"
                           r"\s+(?:är|var|har varit|blir)\b")),
    ("overall", re.compile(r"(?i)^(?:vårt|vårat|vår|[\wåäö-]+s)\s+"
                           r"(?:(?:övergripande|långsiktiga)\s+)?(?:mål|målsättning)\s+(?:är|var)\b")),
    ("overall", re.compile(r"(?i)^[\wåäö.-]+(?:\s+[\wåäö.-]+){0,3}\s+har\s+(?:som\s+)?"
                           r"(?:mål|målsättning)(?:et)?\s+att\b")),
    ("overall", re.compile(r"(?i)^vi ska (?:hjälpa|förbereda|stödja|ge|erbjuda|arbeta för|verka för"
                           r"|bidra|skapa|öka|minska|utveckla)\b")),
    ("overall", re.compile(r"(?i)\b(?:är|blir)\s+vårt\s+mål\s+att\b|\bnå\s+målet\s+att\b")),
    ("measurable", re.compile(r"(?i)^som\s+(?:\w+\s+)?mål\s+(?:anges|gäller|har\s+satts|sätts)\b")),
    # 'I år vill vi att minst hälften ska ha ett jobb …'
    ("measurable", re.compile(r"(?i)\b(?:vill\s+vi|vi\s+vill)\s+(?:\w+\s+){0,2}att\s+"
                              r"(?:minst|högst|cirka)?\s*(?:\d[\d ,]*\s*(?:%|procent)|hälften"
                              r"|en\s+(?:tredjedel|fjärdedel)|\w+\s+av\s+"
                              r"(?:\w+\s+)?(?:deltagar\w*|dem|de))\b[^.]*\bska\b")),
)
# A goal sentence that opens on a time: a goal for that stretch ('Inför hösten är vårt mål att …').
TIME_BOUND = re.compile(r"(?i)^(?:inför|under|till|före|senast\s+till)\s+(?:hösten|våren|sommaren|vintern"
                        r"|nästa\s+år|året|\d{4})\b")
# 'Målet att minst 25 procent … skulle börja arbeta har uppnåtts': a goal told in a report.
REPORTED = re.compile(r"(?i)^(?:\w+\s+)?målet\s+(?:om\s+)?att\s+(?P<text>.+?)\s+(?:har|hade)\s+(?:inte\s+)?"
                      r"(?:uppnåtts|nåtts|uppfyllts)\b")
# A sentence that opens on its target: 'Minst 70 procent av deltagarna ska …', '20 % ska …'.
TARGET_FIRST = re.compile(r"(?i)^(?:minst|högst|cirka|ca|drygt)?\s*(?:\d[\d ,]*\s*(?:%|procent)|\d+"
                          r"(?:\s*[-–]\s*\d+)?\s+(?:deltagare|personer|individer)|hälften|var\s+\w+"
                          r"\s+deltagare|[a-zåäö]+\s+av\s+\w+\s+deltagare)\b[^.]*\bska\b")
# A target inside a sentence: 'Av de 320 deltagarna ska minst en tredjedel ha gått vidare …'.
TARGET_ANYWHERE = re.compile(r"(?i)\b(?:ska|skall)\s+(?:minst|högst|cirka)\s+(?:\d[\d ,]*\s*(?:%|procent)"
                             r"|hälften|en\s+(?:tredjedel|fjärdedel|femtedel)|\w+\s+av\s+\w+"
                             r"|\d+\s+(?:deltagare|personer))"
                             r"|\b(?:ska|skall)\s+var\s+(?:annan|tredje|fjärde|femte|tionde)\s+\w+"
                             r"|\b(?:ska|skall)\s+(?:vara|uppgå\s+till|öka\s+till|ligga\s+på)\s+(?:minst|högst|cirka)?"
                             r"\s*\d[\d ,]*\s*(?:%|procent)"
                             r"|\b(?:bestämt|beslutat|fastställt|kommit\s+överens\s+om)\s+att\s+(?:minst\s+)?"
                             r"\d[\d ,]*\s*(?:%|procent)[^.]*\bska\b")
# Field lines that name a goal: 'Mål: …', 'Långsiktigt mål: …', 'Delmål 1: …', 'Syfte: …'.
GOAL_FIELD = re.compile(r"(?i)^(?P<label>(?:(?P<long>långsiktig\w*|övergripande)\s+)?(?P<sub>del)?mål"
                        r"(?:sättning)?(?:\s+\d+)?(?:\s+för\s+\d{4})?|syfte|(?:[\wåäö]+s\s+)?mål"
                        r"\s+för\s+\d{4})\s*:\s*(?P<text>\S.*)$", re.S)
# Purposes and goals of things that are not the insats: a report, a meeting, a working group.
NOT_THE_INSATS = re.compile(
    r"(?i)^\W*(?:(?:det\s+)?(?:\w+\s+)?syftet\s+med|målet\s+med)?\s*(?:den\s+här\s+|denna\s+|detta\s+)?"
    r"(?:utvärdering|uppföljning|rapport|undersökning|studie|enkät|möte|dokument|beredningsgrupp"
    r"|styrgrupp|referensgrupp|konferens|seminari|workshop|kartläggning|analys|granskning|intervju"
    r"|plan\b|handling|informationsträff|nätverk)\w*")
# 'Målen är att A och att B': goals of their own, each worded without the lead.
SPLIT = re.compile(r",?\s+(?:och|samt)\s+(?=att\s)")
LEAD = re.compile(r"(?i)^.*?\b(?:är|var|har varit|blir)\s+att\s+")
INDIVIDUAL = re.compile(r"(?i)\bindividuell\w*|\bden enskilde\b")
# Headings or lead-ins that announce a list of goals, and the level of its items.
LIST_HEADS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("measurable", re.compile(r"(?i)mätbara\b")),
    ("sub", re.compile(r"(?i)\bdelmål\b")),
    ("overall", re.compile(r"(?i)övergripande mål|långsiktig\w* mål")),
    ("indicator", re.compile(r"(?i)indikator|kännetecken")),
    ("purpose", re.compile(r"(?i)^(?:syfte|verksamhetsidé|ändamål)\s*:?$")),
    ("sub", re.compile(r"(?i)^mål\w?(?: och [a-zåäö]+)?\s*(?:för\s+)?(?:\d{4})?\s*:?$"
                       r"|^mål(?:en)?\s+för\s+[a-zåäö ]{3,40}:?$")),
)
# A slide's line that runs on: it opens or the line before ends on a word that needs more.
_GLUE = r"att|ska|som|och|eller|över|till|med|av|för|i|på|om|samt|genom|inom|från|så|när"
GLUE_START = re.compile(rf"(?i)^(?:{_GLUE})\b")
GLUE_END = re.compile(rf"(?i)\b(?:{_GLUE}|en|ett|de|den|det|sin|sitt|sina|upplever|är|har|kan)$")
# What participants or staff experience: the genre's indicators ('Deltagarna ska uppleva att …').
EXPERIENCE = re.compile(r"(?i)\b(?:uppleva|upplever|upplevt|uppleve)\b")
MULTI_SENTENCE = re.compile(r"[a-zåäö)][.!?]\s+[A-ZÅÄÖ]")
ITEM_START = re.compile(r"^\s*(?:[-•*–➤►▶▪●]\s*|\d{1,2}[.)]\s+(?=[A-ZÅÄÖ])|att\s)")
EVERY_N_MONTHS = re.compile(r"(?i)var\s+(?P<n>[a-zåäö]+|\d+)\s+månad")
PERSON_AFTER = re.compile(r"^\s*(?:[a-zåäö]+\s+)?(?:deltagare|personer|individer|unga|ungdomar)\b")


def target(text: str) -> tuple[float | None, float | None, str | None]:
    """Numeric target of a goal: value, value_max and unit, or Nones.

    A share first, then a count of people (the one after 'ska' when the sentence names a whole
    before it: 'Av gruppens 30 deltagare ska 6–8 personer …'), then a period in months.
    """
    after = text.split(" ska ", 1)[1] if " ska " in text else ""
    quantities = [(q, src) for src in (after, text) for q in find_quantities(src)] if after else \
        [(q, text) for q in find_quantities(text)]
    for q, _ in quantities:
        if q.unit == "percent":
            return q.value, None, "percent"
    for q, src in quantities:
        if q.unit is None and not q.is_year and PERSON_AFTER.match(src[q.end:]):
            return q.value, q.value_max, "persons"
    if m := EVERY_N_MONTHS.search(text):
        n = ORDINALS.get(m.group("n").lower()) or parse_number(m.group("n"))
        return (float(n), None, "months") if n else (None, None, None)
    for q, _ in quantities:
        if q.unit == "months":
            return q.value, q.value_max, "months"
    return None, None, None


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("”", "").replace("“", "")).strip(" -•*–·➤►▶▪●")
    text = re.sub(r"^\d{1,2}[.)]\s+(?=[A-ZÅÄÖ])", "", text)  # '3. Deltagarna ska …'
    text = re.sub(r",\s+(?:säger|berättar|menar|förklarar)\s+[^,.]{2,60}\.?$", "", text)  # a quote's speaker
    text = re.sub(r",\s+så\s+målet\s+.*$", "", text)  # '…, så målet har nåtts'
    text = re.sub(r";\s+(?:hittills|i dag|idag|utfallet|än så länge|just nu)\b.*$", "", text)  # the result
    return text.replace('"', "")


# 'Insatsens övergripande mål: …', 'Mätbart mål: …': a label that names the goal's level.
LABELLED = re.compile(r"(?i)^(?:[\wåäö]+s\s+)?(?:(?P<adj>övergripande|långsiktig[at]?|mätbar[at]?"
                      r"|individuell[at]?|kortsiktig[at]?)\s+)?(?P<noun>mål|målet|delmål|effektmål|syfte|syftet)"
                      r"\s*:\s*")
LABEL_LEVEL = {"övergripande": "overall", "långsiktig": "overall", "mätbar": "measurable",
               "individuell": "individual", "kortsiktig": "sub", "delmål": "sub", "syfte": "purpose"}


def _goal(inp: ExtractionInput, start: int, end: int, level: str, text: str | None = None) -> Fact:
    text = _clean(text if text is not None else inp.text[start:end])
    labelled = LABELLED.match(text)
    if labelled and len(text) > labelled.end() + 15:
        key = re.sub(r"(?:a|t|et)$", "", (labelled.group("adj") or labelled.group("noun")).lower())
        level = LABEL_LEVEL.get(key, LABEL_LEVEL.get((labelled.group("adj") or "").lower(), level))
        text = text[labelled.end():]
    value, vmax, unit = target(text)
    if level in {"sub", "overall"} and EXPERIENCE.search(text):
        level = "indicator"  # 'Deltagarna ska uppleva att …': how participants experience it
    if level in {"sub", "overall", "purpose", "individual"} and unit in {"percent", "persons"}:
        level = "measurable"
    if level in {"overall", "sub"} and unit == "months":
        level = "measurable"
    if level not in ("measurable", "indicator") and unit != "months":
        value = vmax = unit = None
    return Fact(type="goal", value=value, value_max=vmax, unit=unit, text=text, level=level,
                evidence=inp.evidence(start, end))


def _sentence_goals(inp: ExtractionInput, start: int, end: int, level: str) -> list[Fact]:
    """One goal sentence as one goal, or as several when it lists them ('Målen är att A och att B',
    'Målet är att 30 procent … och att 40 procent …')."""
    text = _clean(inp.text[start:end])
    if NOT_THE_INSATS.match(text):
        return []  # the purpose of an evaluation, a meeting or a working group, not of the insats
    parts = SPLIT.split(text)
    if level == "overall" and INDIVIDUAL.search(text):
        level = "individual"
    is_list = re.match(r"(?i)^\W*(?:\w+\s+)?(?:mål|delmål)en\b", text) or any(
        target(p)[2] in ("percent", "persons") for p in parts)
    if len(parts) < 2 or not is_list:
        return [_goal(inp, start, end, level)]
    parts = [LEAD.sub("", parts[0]), *(re.sub(r"^att\s+", "", p) for p in parts[1:])]
    return [_goal(inp, start, end, level, p.rstrip(" .")) for p in parts if len(p) > 10]


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
        # in a bulleted list, a line opening on 'att' runs on from the bullet before it
        is_item = bool(ITEM_START.match(t)) and not (bullets and t[:4].lower() == "att ")
        numbered = re.match(r"\d{1,2}[.)]\s+", t)
        if numbered and (bullets or _is_heading(t[numbered.end():])):
            break  # '4. Budget 2025' after the bullets: the next section's heading
        if re.match(r"^#+\s|^\*\*", t) or (not is_item and t.endswith(":")):
            if wrapped and items and t[:1].islower():
                items.pop()  # the 'item' was the first lines of a new lead-in
            break
        prev = items[-1][-1].text.rstrip() if items else ""
        continues = bool(items) and t[:1].islower() and not is_item and not prev.endswith(".") and (
            GLUE_START.match(t) is not None or GLUE_END.search(prev) is not None)
        if bullets and not is_item and not continues:
            break
        if items and not is_item and _is_heading(t):
            break
        bullets = bullets or t[:1] in "-•*–"
        new = not continues and (not items or is_item or not wrapped
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
    """Goals stated in sentences, in 'Mål: …' fields and listed under a goal heading."""
    facts: list[Fact] = []
    for s in inp.sentences():
        t = re.sub(r"^[\s\-•*–·➤►▶▪●]+|^[\"”“]+", "", s.text).strip()
        reported = REPORTED.match(t)
        if reported:  # 'Målet att minst 25 procent … skulle börja arbeta har uppnåtts'
            off = s.start + s.text.find(reported.group("text"))
            facts.append(_goal(inp, off, off + len(reported.group("text")), "measurable"))
            continue
        field = GOAL_FIELD.match(t)
        if field:
            level = "sub" if field.group("sub") else "purpose" if field.group("label").lower() == "syfte" \
                else "overall"
            off = s.start + s.text.find(field.group("text"))
            facts.extend(_sentence_goals(inp, off, s.end, level))
            continue
        level = next((lv for lv, pat in GOAL_SENTENCES if pat.search(t)), None)
        if level is None and ":\n" not in t and (TARGET_FIRST.search(t) or TARGET_ANYWHERE.search(t)):
            level = "measurable"
        if level is None and re.search(r"(?i)\bsätter upp mål att\b", t) and EVERY_N_MONTHS.search(t):
            level = "measurable"
        if level == "overall" and TIME_BOUND.match(t):
            level = "sub"  # 'Inför hösten är vårt mål att …': a goal for a stretch of the year
        if level:
            facts.extend(_sentence_goals(inp, s.start, s.end, level))
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
            if any(start <= t < end for t in taken) or any(f.evidence.start <= start < f.evidence.end
                                                          for f in facts):
                if ITEM_START.match(inp.text[start:end]):
                    continue  # a bullet already read as a goal sentence; its list goes on
                break  # the list is running text already read as goal sentences
            text = inp.text[start:end]
            if len(text) < 15 or re.match(r"^#", text.strip()) or re.search(r"\d{4}-\d{2}-\d{2}|§", text):
                continue  # too short, a heading, or a decision's date and paragraph
            taken.add(start)
            facts.append(_goal(inp, start, end, level))
    return facts
