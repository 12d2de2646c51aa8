"""Staffing extractor: who works in the insats, for which organisation, and how much."""

from __future__ import annotations

import re

from extractors.base import NUMBER, ExtractionInput, Sentence, parse_number, register
from pipeline.models import Fact

ORG_NAMES = (r"Arbetsförmedlingen|Försäkringskassan|Socialtjänsten|Vårdcentralen|Kommunen|Kommun"
             r"|Kommunerna|Regionen|Landstinget(?: [A-ZÅÄÖ][a-zåäö]+)?|Region [A-ZÅÄÖ][a-zåäö]+"
             r"|[A-ZÅÄÖ][a-zåäö]+s kommun|Samordningsförbundet|Psykiatrin|Primärvården")
ORG = rf"(?:{ORG_NAMES})"
# Genitive and plural forms in prose mapped to the organisation's name.
GENITIVE = {"arbetsförmedlingens": "Arbetsförmedlingen", "försäkringskassans": "Försäkringskassan",
            "kommunernas": "Kommunerna", "kommunens": "Kommunen", "regionens": "Regionen",
            "socialtjänstens": "Socialtjänsten"}
ROLES = (r"handläggare|arbetsförmedlare|socialsekreterare|coach(?:er)?|samordnare|verksamhetsledare"
         r"|kurator|arbetsterapeut|psykolog|sjuksköterska|arbetskonsulent|projektledare"
         r"|försäkringsutredare|personlig handläggare|ungdomssamordnare")
TABLE_ROW = re.compile(rf"^\s*(?P<org>{ORG})\s*\t+\s*(?P<role>[^\t\d]{{2,60}}?)\s+"
                       rf"(?P<n>{NUMBER})\s*%\s*$")
HOURS = re.compile(rf"^\s*(?P<org>{ORG})\s*\((?P<person>[^)]{{3,40}})\)\s*:?\s*(?P<n>{NUMBER})"
                   r"\s*(?:tim(?:mar)?|h)\s*/\s*(?:månad|mån)\b")
EMPLOYED_BY = re.compile(r"^\s*[-•]?\s*(?P<role>[A-ZÅÄÖ][\w/-]{3,40}(?: [\w/-]+)?)\s*\(anställd av "
                         r"(?P<org>[^)]+)\)")
PROSE = re.compile(rf"(?P<n>{NUMBER})\s*%\s*(?:i|inom|av)\s+(?:förbundet|teamet|insatsen|"
                   r"verksamheten|projektet)")
FTE = re.compile(rf"(?P<n>{NUMBER})\s*(?:årsarbetare|heltidstjänster|heltider)\b(?:[^.]{{0,30}}?"
                 r"(?:via|från|hos)\s+(?P<org>[A-ZÅÄÖa-zåäö]+))?")


def _fact(inp: ExtractionInput, start: int, end: int, value: float | None, unit: str | None,
          role: str | None, org: str | None, person: str | None = None) -> Fact:
    return Fact(type="staffing", value=value, unit=unit, role=role, organisation=org,
                person=person, evidence=inp.evidence(start, end))


def _orgs_in(text: str) -> list[str]:
    found = []
    for m in re.finditer(rf"\b([A-ZÅÄÖa-zåäö]+s)\b|(?:från|hos)\s+({ORG})", text):
        if m.group(1) and m.group(1).lower() in GENITIVE:
            found.append(GENITIVE[m.group(1).lower()])
        elif m.group(2):
            found.append(m.group(2))
    return found


def _prose(inp: ExtractionInput, s: Sentence) -> list[Fact]:
    """'Arbetsförmedlingens och Försäkringskassans handläggare ... arbeta 100% i förbundet'."""
    out = []
    for m in PROSE.finditer(s.text):
        role_m = re.search(rf"\b({ROLES})\b", s.text[: m.start()], re.I)
        orgs = _orgs_in(s.text[: m.start()])
        if not role_m or not orgs:
            continue
        value = parse_number(m.group("n"))
        for org in orgs:
            out.append(_fact(inp, s.start, s.start + m.end(), value, "percent",
                             role_m.group(1).lower(), org))
    return out


@register("staffing")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Staffing from tables, 'Org (Name): N tim/månad' lines, prose and FTE statements."""
    facts: list[Fact] = []
    for ln in inp.lines():
        t = ln.text
        if m := TABLE_ROW.match(t):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               m.group("role").strip(" .").lower(), m.group("org")))
        elif m := HOURS.match(t):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")),
                               "hours_per_month", None, m.group("org"), m.group("person").strip()))
        elif m := EMPLOYED_BY.match(t):
            org = m.group("org").strip()
            facts.append(_fact(inp, ln.start, ln.start + m.end(), None, None,
                               m.group("role").lower(), org[:1].upper() + org[1:]))
    for s in inp.sentences():
        if "\t" in s.text:
            continue
        facts.extend(_prose(inp, s))
        for m in FTE.finditer(s.text):
            org = m.group("org")
            facts.append(_fact(inp, s.start + m.start(), s.start + m.end(),
                               parse_number(m.group("n")), "fte", None,
                               org[:1].upper() + org[1:] if org else None))
    return facts
