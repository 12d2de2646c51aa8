"""Staffing extractor: who works in the insats, for which organisation, and how much."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from extractors.base import (
    NUMBER,
    ExtractionInput,
    Sentence,
    build_matcher,
    match_spans,
    parse_number,
    register,
)
from pipeline.models import Fact

ORG_NAMES = (r"Arbetsförmedlingen|Försäkringskassan|Socialtjänsten|Vårdcentralen|Kommunen|Kommun"
             r"|Kommunerna|Regionen|Landstinget(?: [A-ZÅÄÖ][a-zåäö]+)?|Region [A-ZÅÄÖ][a-zåäö]+"
             r"|[A-ZÅÄÖ][a-zåäö]+s kommun|Samordningsförbundet|Psykiatrin|Primärvården")
ORG = rf"(?:{ORG_NAMES})"
# Organisations a table row may name, for fuzzy matching of OCR-damaged cells ('ArbetsförmedIingeu').
KNOWN_ORGS = ("Arbetsförmedlingen", "Försäkringskassan", "Socialtjänsten", "Vårdcentralen", "Kommunen",
              "Kommun", "Kommunerna", "Regionen", "Landstinget", "Samordningsförbundet", "Psykiatrin",
              "Primärvården")
ORG_MATCH = 88  # rapidfuzz ratio, case-folded
# Genitive and plural forms in prose mapped to the organisation's name.
GENITIVE = {"arbetsförmedlingens": "Arbetsförmedlingen", "försäkringskassans": "Försäkringskassan",
            "kommunernas": "Kommunerna", "kommunens": "Kommunen", "regionens": "Regionen",
            "socialtjänstens": "Socialtjänsten"}
ROLES = (r"handläggare|arbetsförmedlare|socialsekreterare|coach(?:er)?|samordnare|verksamhetsledare"
         r"|kurator|arbetsterapeut|psykolog|sjuksköterska|arbetskonsulent|projektledare"
         r"|försäkringsutredare|personlig handläggare|ungdomssamordnare")
TABLE_ROW = re.compile(rf"^\s*(?P<org>[A-ZÅÄÖ][^\t\d]{{2,40}}?)\s*\t+\s*(?P<role>[^\t\d]{{2,60}}?)\s+"
                       rf"(?P<n>{NUMBER})\s*%\s*$")
HOURS = re.compile(rf"^\s*(?P<org>{ORG})\s*\((?P<person>[^)]{{3,40}})\)\s*:?\s*(?P<n>{NUMBER})"
                   r"\s*(?:tim(?:mar)?|h)\s*/\s*(?:månad|mån)\b")
EMPLOYED_BY = re.compile(r"^\s*[-•]?\s*(?P<role>[A-ZÅÄÖ][\w/-]{3,40}(?: [\w/-]+)?)\s*\(anställd av "
                         r"(?P<org>[^)]+)\)")
FTE = re.compile(rf"(?P<n>{NUMBER})\s*(?:årsarbetare|heltidstjänster|heltider)\b(?:[^.]{{0,30}}?"
                 r"(?:via|från|hos)\s+(?P<org>[A-ZÅÄÖa-zåäö]+))?")


def _fact(inp: ExtractionInput, start: int, end: int, value: float | None, unit: str | None,
          role: str | None, org: str | None, person: str | None = None) -> Fact:
    return Fact(type="staffing", value=value, unit=unit, role=role, organisation=org,
                person=person, evidence=inp.evidence(start, end))


def _organisation(cell: str) -> str | None:
    """The organisation a table cell names, read through OCR damage; None when it names none."""
    cell = cell.strip()
    if re.fullmatch(ORG, cell):
        return cell
    found = process.extractOne(cell.lower(), {o: o.lower() for o in KNOWN_ORGS},
                               scorer=fuzz.ratio, score_cutoff=ORG_MATCH)
    return found[2] if found else None


def _orgs_in(text: str) -> list[str]:
    found = []
    for m in re.finditer(rf"\b([A-ZÅÄÖa-zåäö]+s)\b|(?:från|hos)\s+({ORG})", text):
        if m.group(1) and m.group(1).lower() in GENITIVE:
            found.append(GENITIVE[m.group(1).lower()])
        elif m.group(2):
            found.append(m.group(2))
    return found


# A role noun in any form: 'handläggare', 'samordnaren', 'tjänstemannen', 'coacherna'.
ROLE_FORM = rf"^(?:{ROLES}|tjänste(?:man|män))(?:n|en|na|rna|erna|nen)?$"
_PCT = [{"LIKE_NUM": True}, {"ORTH": "%"}]
_WORK = {"LOWER": {"IN": ["arbeta", "arbetar", "jobba", "jobbar", "tjänstgöra", "tjänstgör"]}}
_UNIT = {"LOWER": {"IN": ["förbundet", "teamet", "insatsen", "verksamheten", "projektet"]}}
_POST = {"LOWER": {"IN": ["heltidstjänst", "tjänst", "heltid"]}}
# spaCy Matcher patterns for a share of working time stated in prose.
STAFFING_PATTERNS = {
    "pct_in_unit": [*_PCT, {"LOWER": {"IN": ["i", "inom", "av"]}}, _UNIT],  # '50% i förbundet'
    "role_works_pct": [{"LOWER": {"REGEX": ROLE_FORM}}, {"OP": "{0,4}", "IS_PUNCT": False}, _WORK,
                       *_PCT],  # 'handläggaren arbetar 50%'
    "pct_of_post": [*_PCT, {"LOWER": "av"}, {"LOWER": {"IN": ["en", "ett"]}}, _POST],  # '40% av en tjänst'
}
# A post and the role it is for: 'en halvtidstjänst som jobbcoach/studievägledare'.
POST_AS = re.compile(r"(?:tjänst|heltid)\w* som ([\w/-]+)")
# The document's own förbund when the text speaks of it as 'förbundet'.
SELF = re.compile(r"\b(?:samordnings)?förbundet\b", re.I)


@cache
def _staffing_matcher() -> Any:
    return build_matcher(STAFFING_PATTERNS)


def _base_role(word: str) -> str:
    """'samordnaren' -> 'samordnare', 'tjänstemannen' -> 'tjänsteman', 'coacherna' -> 'coach'."""
    w = word.lower()
    for form, base in (("tjänstemännen", "tjänsteman"), ("tjänstemannen", "tjänsteman"),
                       ("tjänstemän", "tjänsteman")):
        if w == form:
            return base
    m = re.fullmatch(rf"({ROLES})(?:n|en|na|rna|erna)?", w)
    return m.group(1) if m else w


def _full_role(role: str, context: str) -> str:
    """The fullest name the text gives a role: 'handläggaren/coachen' for 'handläggare'."""
    for m in re.finditer(r"([^\W\d_]+)/([^\W\d_]+)", context):
        parts = [_base_role(p) for p in m.groups()]
        if role in parts:
            return "/".join(parts)
    return role


def _prose(inp: ExtractionInput, s: Sentence, before: str) -> list[Fact]:
    """Shares of working time in prose, with the role and organisation from the sentence.

    'Kommunens handläggare ska arbeta 50% i teamet', 'därför ska coachen arbeta 75%' (the
    förbund's own staff), 'bekostar 25% av en tjänst' (the post named in the sentence before:
    'en tjänst som studievägledare').
    """
    if "%" not in s.text:
        return []  # every pattern holds a share; spare spaCy the sentence
    out = []
    for span in match_spans(s.text, _staffing_matcher()):
        head = s.text[: span.start_char]
        num = next(t for t in span if t.like_num)
        role_tok = next((t for t in span if re.match(ROLE_FORM, t.lower_)), None)
        if role_tok is not None:
            role = _full_role(_base_role(role_tok.text), s.text)
        elif (m := re.search(rf"\b({ROLES})\b", head, re.I)) or \
                (m := POST_AS.search(before + " " + head)):
            role = _full_role(_base_role(m.group(1)), s.text)
        else:
            continue
        orgs = _orgs_in(head)
        # No other organisation named: the förbund's own staff ('samordnaren'), or a post it pays.
        is_own = role_tok is not None or SELF.search(head) is not None
        if not orgs and is_own and inp.info.organisation:
            orgs = [inp.info.organisation]
        value = parse_number(num.text)
        for org in orgs:
            out.append(_fact(inp, s.start, s.start + span.end_char, value, "percent", role, org))
    return out


@register("staffing")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Staffing from tables, 'Org (Name): N tim/månad' lines, prose and FTE statements."""
    facts: list[Fact] = []
    for ln in inp.lines():
        t = ln.text
        if (m := TABLE_ROW.match(t)) and (org := _organisation(m.group("org"))):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               m.group("role").strip(" .").lower(), org))
        elif m := HOURS.match(t):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")),
                               "hours_per_month", None, m.group("org"), m.group("person").strip()))
        elif m := EMPLOYED_BY.match(t):
            org = m.group("org").strip()
            facts.append(_fact(inp, ln.start, ln.start + m.end(), None, None,
                               m.group("role").lower(), org[:1].upper() + org[1:]))
    before = ""
    for s in inp.sentences():
        if "\t" in s.text:
            continue
        facts.extend(_prose(inp, s, before))
        before = s.text
        for m in FTE.finditer(s.text):
            org = m.group("org")
            facts.append(_fact(inp, s.start + m.start(), s.start + m.end(),
                               parse_number(m.group("n")), "fte", None,
                               org[:1].upper() + org[1:] if org else None))
    return facts
