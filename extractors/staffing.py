"""Staffing extractor: who works in the insats, for which organisation, and how much.

Tables and 'Org (Name): N tim/månad' lines are read line by line. In prose, a role noun
('projektledare', 'samordnaren', 'SE-handledare', 'studie- och yrkesvägledare') is tied to what
its clause says of it: an amount ('på 50 %', 'heltid', '1,5 tjänst', 'tio timmar i månaden'),
the organisations it comes from ('handläggare från A, B och C', 'anställd av X', 'Region Y bidrar
med en …') and a person named beside it. A role mentioned in passing (no amount, no organisation,
no word of a team or an appointment) is no staffing fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from extractors.base import (
    ExtractionInput,
    Line,
    Sentence,
    Tokens,
    build_matcher,
    list_heading,
    nearest_heading,
    register,
    tokenize,
)
from extractors.numbers import NUMERAL, parse_number
from extractors.orgs import GENITIVE, ORG, is_org
from pipeline.models import Fact

# --- word lists and patterns ------------------------------------------------------------------
# A role noun: the genre's titles and the endings that make one ('processledare', 'rehabkoordinator').
ROLE_STEM = (r"[\wåäö-]*(?:ledare|samordnare|koordinator|handläggare|coach|sekreterare|konsulent"
             r"|terapeut|vägledare|förmedlare|pedagog|utredare|chef|medarbetare|specialist|kurator"
             r"|psykolog|sjuksköterska|läkare|behandlare|stödjare|handledare|administratör"
             r"|sjukgymnast|assistent|kontaktperson|ekonom|utvecklare|socionom)")
ROLE_WORD = re.compile(rf"^(?:{ROLE_STEM}(?:n|en|na|rna|erna|er|ar|arna)?"
                       r"|[\wåäö]*tjänstem(?:an|annen|än|ännen))$")
ROLE_BASE = re.compile(rf"^{ROLE_STEM}(?:er)?$")
NOT_ROLES = {"deltagare", "arbetsgivare", "arbetsgivarna", "ordförande", "chefer", "cheferna"}
ROLE_PHRASES = ("personlig handläggare", "personliga handläggare", "personlig coach",
                "personliga coacher", "studie- och yrkesvägledare", "case manager",
                "verkställande tjänsteman", "ips-coach")
# Words that tie the organisations after them to the role before: 'handläggare från A och B'.
FROM = re.compile(r"(?i)^\s*(?:,\s*)?(?:som\s+är\s+)?(?:från|hos|vid|inom|för|i"
                  r"|(?:som\s+är\s+)?anställda?\s+(?:på\s+\S+\s+)?(?:av|i|hos|vid|på)|utlånade?\s+från|på|,)\s+(?:(?:fyra|tre|två|fem|sex|alla|de)\s+\w+\s*[–:-]\s*)?")
# A clause that speaks of a team, an appointment or a post, so a role without amount counts.
STAFF_CONTEXT = re.compile(
    r"(?i)\b(?:består av|ingår|bemann\w*|team\w* med|projektteam\w*|anställ\w*|leds av|sitter"
    r"|arbetar\b|jobbar\b|utlånad\w*|bidrar med|deltar med|avsätter|finns (?:en|två|tre)"
    r"|har (?:en|två|tre|fyra)|personal\w*|bemanning|tjänstgör\w*|rekryter\w*)")
ORG_VERB = re.compile(r"(?i)\b(?:bidrar|deltar|står|avsätter|medverkar|finansierar|bekostar|har anställt"
                      r"|anställer|anställa|rekryterar|rekrytera|har rekryterat|bemannar|knyter|placerar"
                      r"|lånar ut|ställer|är med)\b")
# Headings of a list of staff: '- Tre arbetskonsulenter' under 'Vem arbetar i X?'.
STAFF_LIST = re.compile(r"(?i)^(?:vem\s+arbetar|vilka\s+(?:jobbar|arbetar)|personal|bemanning|organisation"
                        r"|teamet|medarbetare|projektorganisation)")
# A team's make-up: the roles after these are its staff ('Teamet består av en projektledare, …').
TEAM = re.compile(r"(?i)\b(?:består\s+(?:\w+\s+){0,3}av|bemann\w*\s+(?:med|av)|(?:projekt)?team\w*\s+med"
                  r"|(?:arbetar|jobbar|finns)\s+(?:på|i)\s+kansliet|(?:på|i)\s+kansliet\s+(?:arbetar|jobbar|finns)"
                  r"|personal\w*\s*(?:i insatsen)?\s*:|bemanning\s*:|sitter\b"
                  r"|arbetar\s+(?:gemensamt|tillsammans)|samlokaliserade"
                  r"|(?:arbetar|jobbar|finns)\s+i\s+(?:teamet|projektet|insatsen|gruppen)"
                  r"|\bi\s+(?:teamet|projektet|insatsen|gruppen)\s+(?:arbetar|jobbar|finns)"
                  r"|(?:projektet|teamet|insatsen)\s+har\s+haft|\bleder\s+arbetet"
                  r"|(?:insatsen|teamet|projektet|verksamheten)\s+har\s+(?:en|ett|två|tre|fyra)"
                  r"|(?:i\s+)?(?:teamet|projektet|insatsen|gruppen)\s+ingår|ingår\s+i\s+(?:teamet|projektet|insatsen))")
APPOINTED = re.compile(r"(?i)\b(?:har anställts|har anställt|anställd\w*\s+(?:på\s+\w+\s+)?(?:av|hos)"
                       r"|utlånad\w*\s+från|har rekryterats|rekryterades)\b")
COPULA = re.compile(r"(?i)\b(?:är|blir|var)\s+$")
DELTA = re.compile(r"(?i)\b(?:ök|minsk|steg|sjönk|förändr)\w*(?:\s+\S+){0,4}?\s+med\s+(?:hela\s+|cirka\s+)?$")
WORK_VERB = re.compile(r"(?i)\b(?:arbetar|jobbar|tjänstgör|är anställd\w* på)\s+(?:[\wåäö]+\s+){0,2}$")
PERSON = r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\s+[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
# Line formats of the seeds' tables and lists (read line by line, before the prose).
TABLE_ROW = re.compile(rf"^\s*(?P<org>[A-ZÅÄÖ][^\t\d]{{2,40}}?)\s*\t+\s*(?P<role>[^\t\d]{{2,60}}?)\s+"
                       rf"(?P<n>{NUMERAL})\s*%\s*$")
# 'Projektledare<TAB>Lidköpings kommun<TAB>50 %' under 'Funktion<TAB>Organisation<TAB>Omfattning'.
ROLE_ORG_ROW = re.compile(rf"^\s*(?P<role>[A-ZÅÄÖ][^\t\d,]{{2,40}}?)\s*\t+\s*"
                          rf"(?P<org>[A-ZÅÄÖ][^\t\d]{{1,60}}?)\s*\t+\s*(?P<n>{NUMERAL})\s*%\s*$")
# 'Rehabkoordinator, Region Skåne<TAB>100 %', 'Handläggare, Försäkringskassan<TAB>10 timmar/månad'.
ROLE_COMMA_ORG_ROW = re.compile(rf"^\s*[-•*]?\s*(?P<role>[A-ZÅÄÖ][\wåäö -]{{2,40}}?),\s*"
                                rf"(?P<org>[^\t]{{2,60}}?)\s*\t+\s*(?P<n>{NUMERAL})\s*"
                                r"(?P<unit>%|tim(?:mar)?\s*(?:/|per|i)\s*(?:månad|mån))")
ROLE_FIRST_ROW = re.compile(rf"^\s*(?P<role>[A-ZÅÄÖ][^\t\d]{{2,40}}?)\s*\t+\s*(?P<n>{NUMERAL})\s*%\s*\t+\s*"
                            r"(?P<org>[A-ZÅÄÖ][^\t\d]{2,60}?)\s*$")
HOURS = re.compile(rf"^\s*(?P<org>[A-ZÅÄÖ][\wåäö ,]{{2,60}}?)\s*\((?P<person>[^)]{{3,40}})\)\s*:?\s*"
                   rf"(?P<n>{NUMERAL})\s*(?:tim(?:mar)?|h)\s*/\s*(?:månad|mån)\b")
# 'Arbetsförmedlingen: Petra Lind, 12 timmar/månad'; 'Region X: fysioterapeut 40 %'.
HOURS_NAMED = re.compile(rf"^\s*[-•]?\s*(?P<org>[A-ZÅÄÖ][\wåäö ]{{2,50}}?)\s*:\s*"
                         rf"(?P<person>[A-ZÅÄÖ][\wåäöé-]+(?:\s+[A-ZÅÄÖ][\wåäöéž-]+){{1,2}}),\s*"
                         rf"(?P<n>{NUMERAL})\s*(?:tim(?:mar)?|h)\s*(?:/|per|i)\s*(?:månad|mån)\b")
ORG_ROLE_PCT = re.compile(rf"^\s*[-•]?\s*(?P<org>[A-ZÅÄÖ][\wåäö ]{{2,50}}?)\s*:\s*"
                          rf"(?P<role>[a-zåäö][\wåäö -]{{2,40}}?)\s*(?P<n>{NUMERAL})\s*%\s*$")
# 'Arbetsförmedlingen 16 timmar per månad' on a line of its own.
ORG_HOURS = re.compile(rf"^\s*[-•]?\s*(?P<org>[A-ZÅÄÖ][\wåäö ]{{2,50}}?)\s+(?P<n>{NUMERAL})\s*"
                       r"(?:tim(?:mar)?|h)\s*(?:/|per|i)\s*(?:månad|mån)\b\.?\s*$")
# 'Fysioterapeut (Region Blekinge)' or '• en psykolog från Region X' in a list under a staffing heading.
ROLE_LINE = re.compile(r"^\s*[-•*]?\s*(?:en|ett|två|tre)?\s*(?P<role>[A-ZÅÄÖa-zåäö][\wåäö -]{2,40}?)\s*"
                       r"(?:\((?P<org>[^)]{2,50})\)|\s+från\s+(?P<org2>[A-ZÅÄÖ][^,.;]{2,50}|\w+ens\s+\w+)"
                       r"|\s+med\s+inriktning\s+[^,.;]{2,40})?\s*$")
# 'Coachtjänsten finansieras till 60 % av A och till 50 % av B': one post, two payers.
FINANCED_POST = re.compile(rf"(?i)\b(?P<role>[a-zåäö]+?)tjänsten\s+finansieras\s+(?:till\s+)?"
                           rf"(?P<n1>{NUMERAL})\s*"
                           rf"(?:%|procent)\s+av\s+(?P<o1>[^,.;]+?)\s+och\s+(?:till\s+)?(?P<n2>{NUMERAL})\s*"
                           r"(?:%|procent)\s+av\s+(?P<o2>[^,.;]+?)\s*(?:[,.;]|$)")
EMPLOYED_BY = re.compile(r"^\s*[-•]?\s*(?P<role>[A-ZÅÄÖ][\w/-]{3,40}(?: [\w/-]+)?)\s*\(anställd av "
                         r"(?P<org>[^)]+)\)")
KNOWN_ORGS = ("Arbetsförmedlingen", "Försäkringskassan", "Socialtjänsten", "Vårdcentralen",
              "Kommunen", "Kommun", "Kommunerna", "Regionen", "Landstinget", "Samordningsförbundet",
              "Psykiatrin", "Primärvården")
ORG_MATCH = 88  # rapidfuzz ratio, case-folded, for OCR-damaged table cells ('ArbetsförmedIingeu')
_PCT = [{"LIKE_NUM": True}, {"ORTH": "%"}]
_WORK = {"LOWER": {"IN": ["arbeta", "arbetar", "jobba", "jobbar", "tjänstgöra", "tjänstgör"]}}
_UNIT = {"LOWER": {"IN": ["förbundet", "teamet", "insatsen", "verksamheten", "projektet"]}}
_POST = {"LOWER": {"IN": ["heltidstjänst", "tjänst", "heltid"]}}
# spaCy Matcher patterns for a share of working time that the sentence gives the förbund's staff.
STAFFING_PATTERNS = {
    "pct_in_unit": [*_PCT, {"LOWER": {"IN": ["i", "inom", "av"]}}, _UNIT],  # '50% i förbundet'
    "role_works_pct": [{"LOWER": {"REGEX": ROLE_WORD.pattern}}, {"OP": "{0,4}", "IS_PUNCT": False},
                       _WORK, *_PCT],  # 'handläggaren arbetar 50%'
    "pct_of_post": [*_PCT, {"LOWER": "av"}, {"LOWER": {"IN": ["en", "ett"]}}, _POST],  # '40% av en tjänst'
}
POST_AS = re.compile(r"(?:tjänst|heltid)\w* som ([\w/-]+)")
SELF = re.compile(r"\b(?:samordnings)?förbundet\b", re.I)


@dataclass(frozen=True)
class Amount:
    """How much of a post: a value, its unit and where it stands in the sentence."""

    start: int
    end: int
    value: float
    unit: str


def _fact(inp: ExtractionInput, start: int, end: int, value: float | None, unit: str | None,
          role: str | None, org: str | None, person: str | None = None) -> Fact:
    return Fact(type="staffing", value=value, unit=unit, role=role, organisation=org,
                person=person, evidence=inp.evidence(start, end))


def base_role(word: str) -> str:
    """'samordnaren' -> 'samordnare', 'tjänstemannen' -> 'tjänsteman', 'coacherna' -> 'coacher'."""
    w = word.lower()
    if m := re.fullmatch(r"([\wåäö]*tjänstem)(?:an|annen|än|ännen)", w):
        return m.group(1) + "an"
    for suffix, repl in (("arna", "are"), ("erna", "er"), ("aren", "are"), ("orn", "or"),
                         ("en", ""), ("n", "")):
        if w.endswith(suffix) and ROLE_BASE.match(w[: -len(suffix)] + repl):
            return w[: -len(suffix)] + repl
    return w


def _organisation(cell: str) -> str | None:
    """The organisation a table cell names, read through OCR damage; None when it names none."""
    cell = cell.strip()
    if ORG.fullmatch(cell):
        return cell
    found = process.extractOne(cell.lower(), {o: o.lower() for o in KNOWN_ORGS},
                               scorer=fuzz.ratio, score_cutoff=ORG_MATCH)
    return found[2] if found else None


# --- prose -------------------------------------------------------------------------------------


def _roles(text: str) -> list[tuple[int, int, str]]:
    """Role mentions (start, end, role as the text names it, in its base form)."""
    out: list[tuple[int, int, str]] = []
    low = text.lower()
    for phrase in ROLE_PHRASES:
        for m in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?:n|en|na|erna)?((?:/[\wåäö-]+)*)(?![\w-])",
                             low):
            alts = [base_role(w) for w in m.group(1).split("/") if w]
            out.append((m.start(), m.end(), "/".join([phrase, *alts])))
    for m in re.finditer(r"(?<![\w-])[\wåäöÅÄÖ]+(?:-\s*[\wåäöÅÄÖ]+)*(?:/[\wåäöÅÄÖ-]+)*", text):
        if any(a <= m.start() < b for a, b, _ in out):
            continue
        parts = [p for p in re.split(r"/", m.group())]
        words = [re.sub(r"-\s+", "-", p) for p in parts]
        if not any(ROLE_WORD.match(w.lower()) and w.lower() not in NOT_ROLES for w in words):
            continue
        role = "/".join(base_role(w) for w in words)
        if words[0][:1].isupper() and ROLE_WORD.match(words[0].lower()) is None:
            continue
        start, end = m.start(), m.end()
        adj = re.search(r"(?<![\wåäö])([a-zåäö]{4,}isk)\s+$", text[:start])
        if adj and len(words) == 1:  # 'neuropsykiatrisk utredare'
            role, start = f"{adj.group(1)} {role}", adj.start(1)
        what = re.match(r"\s+(på|inom)\s+([a-zåäö-]{4,})\b", text[end:])
        if what and (role.endswith("specialist") or role == "kontaktperson"):
            # 'specialist på aktivitetsersättning', 'kontaktperson inom öppenvårdspsykiatrin'
            role, end = f"{role} {what.group(1)} {what.group(2)}", end + what.end()
        out.append((start, end, role.replace("se-", "SE-").replace("ips-", "IPS-")))
    return sorted(out)


def _amounts(s: Sentence, tk: Tokens) -> list[Amount]:
    """Shares of a post, posts and hours stated in a sentence."""
    out: list[Amount] = []
    text = s.text
    for t in tk.doc:
        q = t._.qty
        a, b = tk.spans[t.i]
        after = text[b:b + 40].lower()
        if t._.qkind == "percent":
            if q.bound == "max" or (q.is_word and q.value == 100):
                continue  # 'upp till hundra procent' is devotion, not a post
            out.append(Amount(a, b, q.value, "percent"))
        elif t._.qkind == "count":
            m = re.match(r"\s*(?:tjänst\w*|årsarbetare|heltidstjänster|heltider)\b", after)
            if m:
                out.append(Amount(a, b + m.end(), q.value, "fte"))
        elif t._.qkind == "hours" and re.match(r"\s*(?:per|i|/)\s*(?:månad|mån)", after):
            out.append(Amount(a, b, q.value, "hours_per_month"))
    for m in re.finditer(r"(?i)\b(heltid|halvtid)(?:stjänst|s)?\b", text):
        if not any(x.start <= m.start() < x.end for x in out):
            out.append(Amount(m.start(), m.end(), 100.0 if m.group(1).lower() == "heltid" else 50.0,
                              "percent"))
    for m in re.finditer(rf"(?i)({NUMERAL})\s*(?:tim(?:mar)?|h)\s*(?:per|i|/)\s*(?:månad|mån)\w*", text):
        if not any(x.start <= m.start() < x.end for x in out):
            out.append(Amount(m.start(), m.end(), parse_number(m.group(1)) or 0, "hours_per_month"))
    return sorted(out, key=lambda x: x.start)


# 'Ljungby, Alvestas och Tingsryds kommuner': one municipality each.
SHARED_KIND = re.compile(r"((?:[A-ZÅÄÖ][\wåäö-]+,\s+)*[A-ZÅÄÖ][\wåäö-]+\s+(?:och|samt)\s+[A-ZÅÄÖ][\wåäö-]+)"
                         r"\s+kommuner\b")


def _orgs(text: str) -> list[tuple[int, int, str]]:
    """Organisations named in a text, genitives as the organisation ('Kommunens' -> 'Kommunen')."""
    out = [(m.start(), m.end(), m.group()) for m in ORG.finditer(text)]
    for m in SHARED_KIND.finditer(text):
        names = list(re.finditer(r"[A-ZÅÄÖ][\wåäö-]+", m.group(1)))
        out = [o for o in out if not m.start() <= o[0] < m.end()]
        for k, n in enumerate(names):
            end = m.end() if k == len(names) - 1 else m.start(1) + n.end()
            out.append((m.start(1) + n.start(), end, f"{n.group()} kommun"))
    for m in re.finditer(r"(?i)\b(" + "|".join(GENITIVE) + r")\b", text):
        if not any(a <= m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), GENITIVE[m.group(1).lower()]))
    return sorted(out)


CLAUSE_BREAK = re.compile(r"[;.]\s|,\s(?=(?:och\s+)?(?:från|som|men|medan)\b)|\soch\s(?=från\s)")


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around a character: between semicolons, full stops, ', från', ', som', 'och från'."""
    marks = list(CLAUSE_BREAK.finditer(text))
    a = max((m.end() for m in marks if m.end() <= pos), default=0)
    b = min((m.start() for m in marks if m.start() >= pos), default=len(text))
    return a, b


# 'två från Falkenbergs kommun och två från Varbergs kommun': a count from each organisation.
SHARED_FROM = re.compile(rf"\s*(?:,|och|samt)?\s*(?:en|ett|två|tre|fyra|fem|sex|\d+)\s+(?:från|hos|vid)\s+"
                         rf"(?P<org>{ORG.pattern})")


def _org_list_after(text: str, end: int) -> list[str]:
    """'från kommunen, regionen och Försäkringskassan' right after a role."""
    m = FROM.match(text[end:])
    if not m:
        return []
    rest = text[end + m.end():]
    found = []
    pos = 0
    while True:
        o = ORG.match(rest, pos)
        if not o:
            break
        found.append(o.group())
        sep = re.match(r"\s*(?:,|och|samt|&)\s*", rest[o.end():])
        if not sep:
            break
        pos = o.end() + sep.end()
    return found


def _person_near(text: str, a: int, b: int) -> str | None:
    """A person named beside a role: 'Projektledare är Maria Strand', 'Verksamhetsledaren Johan Falk',
    'Karin Öberg, arbetsterapeut'."""
    after = re.match(rf"\s*(?:,\s*|är\s+)?({PERSON})\b", text[b:])
    if after and not is_org(after.group(1)):
        return after.group(1)
    whose = r"(?:(?:teamets|projektets|insatsens|förbundets)\s+)?"
    before = re.search(rf"\b({PERSON}),?\s+(?:som\s+)?(?:är\s+)?{whose}$", text[:a])
    return before.group(1) if before and not is_org(before.group(1)) else None


def _attached(text: str, b: int, x: Amount) -> bool:
    """Whether an amount after a role is the role's: close by, 'på N %', after a work verb, or
    in brackets; never a change ('minskat med 32 procent')."""
    between = text[b:x.start]
    if DELTA.search(text[max(0, x.start - 60):x.start]):
        return False
    return (len(between.split()) <= 6 or bool(re.search(r"(?i)(?:\bpå|\bmotsvarande|\bom|\()\s*$", between))
            or bool(WORK_VERB.search(text[max(b, x.start - 30):x.start])))


def _coordinated(text: str, orgs: list[tuple[int, int, str]], last: int) -> list[str]:
    """The organisations coordinated with orgs[last] before it: 'A, B och C bidrar med …'."""
    out = [orgs[last][2]]
    k = last
    while k > 0 and re.fullmatch(r"\s*(?:,|och|samt)\s*", text[orgs[k - 1][1]:orgs[k][0]]):
        k -= 1
        out.insert(0, orgs[k][2])
    return out


def _role_orgs(text: str, a: int, b: int, ca: int, cb: int, nxt: int,
               orgs: list[tuple[int, int, str]]) -> tuple[list[str], str | None]:
    """The organisations a role comes from, and how the text says so."""
    listed = _org_list_after(text, b)
    if listed:  # 'två socialsekreterare från A, en från B': B's share too
        more = [m.group("org") for m in SHARED_FROM.finditer(text[b:nxt]) if m.group("org") not in listed]
        return listed + more, "listed"
    shares = list(SHARED_FROM.finditer(text[b:b + 200]))
    if shares and shares[0].start() <= 2:  # 'fyra jobbcoacher, två från A och två från B'
        names = []
        for m in shares:
            if names and m.start() > shares[len(names) - 1].end() + 2:
                break
            names.append(m.group("org"))
        return names, "listed"
    line = text.rfind("\n", 0, a) + 1
    head = re.match(rf"\s*[-–•*]?\s*({ORG.pattern})\s*:", text[line:a])
    if head:  # '– Region X: arbetsterapeut 0,6 tjänst och sjuksköterska 20 timmar per månad'
        return [head.group(1)], "subject"
    # an organisation that ends another role's 'från …' list belongs to that role
    lead = [k for k, o in enumerate(orgs) if ca <= o[0] < a
            and not re.search(r"(?i)(?:\b(?:från|hos|vid|av|i)\s+|\(\s*)$", text[max(0, o[0] - 8):o[0]])]
    if lead:
        k = lead[-1]
        gap = text[orgs[k][1]:a]
        if ORG_VERB.search(gap) or re.match(r"\s*(?:[,:–-]\s*)?(?:med\s+)?(?:(?:\d|en|ett|två|tre)\b)?",
                                            gap) and len(gap.split()) <= 3:
            # 'Region X bidrar med en …', 'Kommunen 1 kurator', 'Region Y – psykolog 40 %',
            # 'A, B och C bidrar var och en med en handläggare'
            return _coordinated(text, orgs, k), "subject"
        if orgs[k][1] >= a - 2:
            return [orgs[k][2]], "genitive"  # 'Kommunens handläggare'
    anyleads = [o for o in orgs if ca <= o[0] < a]
    if anyleads and re.search(r"(?i)\bfrån\s+$", text[max(0, anyleads[-1][0] - 10):anyleads[-1][0]]) \
            and re.match(r"\s*(?:(?:kommer|finns)\s+)?(?:en|ett|två|tre|\d)\b", text[anyleads[-1][1]:a]):
        return [anyleads[-1][2]], "subject"  # 'Från Arbetsförmedlingen kommer en …'
    later = [o for o in orgs if b <= o[0] < min(cb, nxt)]
    if later and re.search(r"(?i)(?:anställda?|utlånade?|\()\s*(?:\w+\s+){0,3}(?:från|av|hos|vid|i)?\s*$",
                           text[max(b, later[0][0] - 40):later[0][0]]):
        return [later[0][2]], "employed"  # '… anställd av X', '0,5 tjänst (Region Y)'
    if later and re.search(r"(?i)\bsom\s+$", text[max(b, later[0][0] - 6):later[0][0]]) and \
            re.match(r"\s+(?:har\s+)?anställt", text[later[0][1]:]):
        return [later[0][2]], "employed"  # 'en kurator som Region X anställt'
    if later and re.search(r"(?i)(?:från|av|hos|vid)\s+$", text[max(b, later[0][0] - 12):later[0][0]]) \
            and not re.search(r"(?i)\b(?:en|ett)\s+[\wåäö-]+\s+(?:från|av|hos|vid)\s+$", text[b:later[0][0]]):
        return [later[0][2]], "from"  # not 'arbetsförmedlare … och en halvtidstjänst från X'
    if later and re.search(r"(?i)(?:heltid\w*|tjänst\w*|%|procent|månad\w*)\s*,\s*$", text[b:later[0][0]]):
        return [later[0][2]], "employed"  # 'Samordnare: 30 % av en heltid, Y kommun'
    return [], None


def _prose(inp: ExtractionInput, s: Sentence, taken: set[tuple[str, str | None]]) -> list[Fact]:
    """Roles of a sentence with their amounts, organisations and people.

    A role is kept when the text gives it an amount, lists the organisations it comes from in a
    team ('handläggare från A, B och C'), names it in a team's make-up ('Teamet består av …'),
    says who employs it ('anställd av X', 'Region Y bidrar med en …'), or says who holds it
    ('X är förbundschef för Y'). A role in passing ('remitteras av en handläggare') is not.
    """
    text = s.text
    roles = _roles(text)
    if not roles:
        return _org_hours(inp, s) + _org_posts(inp, s)
    tk = tokenize(text)
    amounts = _amounts(s, tk)
    orgs = _orgs(text)
    team = TEAM.search(text)
    taken_parts = {p for r, _ in taken if r for p in r.split("/")}
    # 'en koordinator från X, en handläggare från Y …': a sentence listing roles with their homes
    listed_roles = sum(bool(_org_list_after(text, rb)) for _, rb, _ in roles)
    out: list[Fact] = []
    spots: list[int] = []  # where each fact's role stands
    used: set[int] = set()
    for k, (a, b, role) in enumerate(roles):
        ca, cb = _clause_bounds(text, a)
        nxt = roles[k + 1][0] if k + 1 < len(roles) else len(text)
        own = [x for x in amounts if b <= x.start < min(cb, nxt) and id(x) not in used
               and _attached(text, b, x)]
        own = own or [x for x in amounts if ca <= x.start < a and id(x) not in used and x.end >= a - 40
                      and not any(x.end < ra < a for ra, _, _ in roles)]
        if not own:  # 'Coachen, som är anställd av X, arbetar 90 %': the verb of the role's sentence
            own = [x for x in amounts if b <= x.start < nxt and id(x) not in used
                   and WORK_VERB.search(text[max(b, x.start - 30):x.start])]
        amount = own[0] if own else None
        count = re.search(rf"(?i)({NUMERAL}|två|tre|fyra|fem|sex)\s+(?:st\s+)?$", text[max(ca, a - 12):a])
        org_names, how = _role_orgs(text, a, b, ca, cb, nxt, orgs)
        # 'Arbetsförmedlingen, 1,5 personlig coach': a staffing list, one line an organisation
        is_list_line = bool(count and orgs and orgs[0][0] <= ca + 2
                            and not re.search(r"\b(?:är|har|arbetar|finns)\b", text[ca:a]))
        person = _person_near(text, a, b)
        if re.search(r"(?i)\b(?:anställning|jobb|arbete|praktik|sysselsättning)\s+som\s+$",
                     text[max(0, a - 30):a]):
            continue  # a participant's new job, not the insats' staff
        keep = (amount is not None or is_list_line or listed_roles >= 2
                or (how == "listed" and (len(org_names) > 1 or team))
                or (how in ("subject", "employed") and (team or APPOINTED.search(text)
                                                       or ORG_VERB.search(text)))
                or (team and not org_names and (team.start() < a or re.match(
                    r"(?i)(?:arbetar|jobbar|finns|ingår)\b", team.group())))
                or bool(APPOINTED.search(text[max(0, a - 40):b + 40]))
                or (how == "listed" and person is not None and COPULA.search(text[max(0, a - 6):a]))
                or (how == "listed" and count is not None)  # 'Två arbetshandledare från X'
                or (person is not None and re.search(r"(?i)\bär\s+(?:teamets|projektets|insatsens"
                                                     r"|förbundets)\s+$", text[:a]) is not None)
                or bool(count and STAFF_LIST.search(list_heading(inp, s.start))))
        if not keep:
            continue  # a role mentioned in passing
        if set(role.split("/")) & taken_parts:
            continue  # the förbund's own staff, already read
        value, unit = (amount.value, amount.unit) if amount else (None, None)
        if is_list_line and amount is None and count:
            value, unit = parse_number(count.group(1)), "fte"
        elif count and amount and amount.unit == "percent" and amount.value == 100 and \
                re.search(r"(?i)heltid", text[amount.start:amount.end]):
            value, unit = parse_number(count.group(1)), "fte"  # 'Två arbetsförmedlare … heltid'
        if amount:
            used.add(id(amount))
        role_text = _with_paren(text, b, role)
        start, end = (min(a, amount.start), max(b, amount.end)) if amount else (a, b)
        if not org_names and (implied := _implied_org(role)):
            org_names = [implied]  # an arbetsförmedlare works at Arbetsförmedlingen
        if not org_names and re.search(r"(?i)\bkansli(?:et)?\b", text) and inp.info.organisation \
                and re.search(r"(?i)förbund", inp.info.organisation):
            org_names = [inp.info.organisation]  # 'Kansliet består av förbundschef …': the förbund's staff
        if how == "listed" and len(org_names) > 1 and re.search(
                r"(?i)\b(?:ett|något|cirka|ca|omkring|drygt)\s+(?:\d+-)?\w*tal\s+$", text[max(0, a - 25):a]):
            # 'ett 40-tal handläggare från A, B och C': one team from all of them, not one each
            org_names = [", ".join(org_names[:-1]) + " och " + org_names[-1]]
        for org in org_names or [None]:
            spots.append(a)
            out.append(_fact(inp, s.start + start, s.start + end, value, unit, role_text, org, person))
    return _more_shares(inp, s, _share_both(text, spots, out)) + _org_posts(inp, s)


# '60 % finansieras av förbundet och 50 % av Y kommun (samma tjänst, Karin Ek)': one post, two payers.
MORE_SHARE = re.compile(r"[^.;]{0,80}?\boch\s+(?P<n>\d{1,3})\s*(?:%|procent)\s+(?:av|från|hos)\s+")
SAME_POST = re.compile(rf"\(\s*samma\s+tjänst\s*,\s*(?P<person>{PERSON})\s*\)")


def _more_shares(inp: ExtractionInput, s: Sentence, facts: list[Fact]) -> list[Fact]:
    """A post's further shares paid by other organisations, and the person who holds it."""
    from dataclasses import replace

    out = list(facts)
    text = s.text
    for f in facts:
        if f.unit != "percent" or f.role is None:
            continue
        end = f.evidence.end - s.start
        m = MORE_SHARE.match(text, end)
        org = next((o for o in _orgs(text) if m and o[0] == m.end()), None)
        if not m or org is None:
            continue
        same = SAME_POST.search(text, org[1])
        person = same.group("person") if same else f.person
        out[out.index(f)] = replace(f, person=person)
        out.append(_fact(inp, s.start + m.start("n"), s.start + org[1], float(m.group("n")), "percent",
                         f.role, org[2], person))
    return out


def _share_both(text: str, spots: list[int], facts: list[Fact]) -> list[Fact]:
    """'en socialsekreterare … och en arbetsförmedlare, båda på heltid': the amount of both."""
    from dataclasses import replace

    for m in re.finditer(r"(?i),\s*(?:båda|bägge)\s+(?:på\s+)?(heltid|halvtid)\b", text):
        before = sorted({p for p in spots if p < m.start()})[-2:]
        value = 100.0 if m.group(1).lower() == "heltid" else 50.0
        facts = [replace(f, value=value, unit="percent") if spots[k] in before and f.value is None else f
                 for k, f in enumerate(facts)]
    return facts


def _implied_org(role: str) -> str | None:
    """The authority a role's own name gives it: 'arbetsförmedlare', 'försäkringsutredare'."""
    word = role.split("/")[0].split()[-1].lower()
    if word.startswith("arbetsförmedlare"):
        return "Arbetsförmedlingen"
    if word.startswith(("försäkringsutredare", "försäkringshandläggare", "försäkrings-")):
        return "Försäkringskassan"
    return None


def _org_posts(inp: ExtractionInput, s: Sentence) -> list[Fact]:
    """Posts an organisation gives with no role named: 'en halvtidstjänst från X', 'X 0,5 tjänst'."""
    out = []
    for m in re.finditer(rf"(?i)\b(?:en|ett)\s+(heltids|halvtids)tjänst\s+(?:från|hos|vid)\s+({ORG.pattern})",
                         s.text):
        out.append(_fact(inp, s.start + m.start(), s.start + m.end(),
                         100.0 if m.group(1).lower() == "heltids" else 50.0, "percent", None, m.group(2)))
    for m in re.finditer(rf"(?m)^\s*[-–•*]?\s*({ORG.pattern})\s*:?\s*({NUMERAL})\s*(?:tjänst|tjänster"
                         r"|årsarbetare)\b(?!\s*\()", s.text):
        out.append(_fact(inp, s.start + m.start(1), s.start + m.end(), parse_number(m.group(2)), "fte",
                         None, m.group(1)))
    return out


def _org_hours(inp: ExtractionInput, s: Sentence) -> list[Fact]:
    """'Arbetsförmedlingen avsätter 8 timmar i månaden': an organisation's time, with no role named."""
    m = re.match(rf"\s*({ORG.pattern})\s+(?:avsätter|bidrar med|deltar med|står för)\s+({NUMERAL})\s*"
                 r"(?:tim(?:mar)?|h)\s*(?:per|i|/)\s*(?:månad|mån)", s.text)
    if not m:
        return []
    return [_fact(inp, s.start + m.start(1), s.start + m.end(), parse_number(m.group(2)),
                  "hours_per_month", None, m.group(1))]


def _with_paren(text: str, end: int, role: str) -> str:
    """'personlig coach (SIUS konsulent)': a parenthesis right after a role belongs to it."""
    m = re.match(r"\s*\(([^()\d%]{3,40})\)", text[end:])
    if m and not re.search(r"(?i)heltid|halvtid|anställd", m.group(1)):
        inside = " ".join(m.group(1).split())
        return f"{role} ({inside})"
    return role


# --- the förbund's own staff, by Matcher ----------------------------------------------------------


@cache
def _staffing_matcher() -> Any:
    return build_matcher(STAFFING_PATTERNS)


def _full_role(role: str, context: str) -> str:
    """The fullest name the text gives a role: 'handläggaren/coachen' for 'handläggare'."""
    for m in re.finditer(r"([^\W\d_]+)/([^\W\d_]+)", context):
        parts = [base_role(p) for p in m.groups()]
        if role in parts:
            return "/".join(parts)
    return role


def _orgs_in(text: str) -> list[str]:
    """Organisations a clause gives a post: genitives ('Kommunens') and 'från/hos X'."""
    found = []
    for m in re.finditer(rf"\b([A-ZÅÄÖa-zåäö]+s)\b|(?:från|hos)\s+({ORG.pattern})", text):
        if m.group(1) and m.group(1).lower() in GENITIVE:
            found.append(GENITIVE[m.group(1).lower()])
        elif m.group(2):
            found.append(m.group(2))
    return [o for o in found if o.lower() not in ("förbundet", "samordningsförbundet")]


def _own_staff(inp: ExtractionInput, s: Sentence, before: str) -> list[Fact]:
    """Shares of working time the sentence gives the förbund's staff or a post it pays.

    'Kommunens handläggare ska arbeta 50% i teamet', 'därför ska coachen arbeta 75%' (the
    förbund's own staff), 'bekostar 25% av en tjänst' (the post named in the sentence before:
    'en tjänst som studievägledare').
    """
    from extractors.base import match_spans

    if "%" not in s.text:
        return []
    out = []
    for span in match_spans(s.text, _staffing_matcher()):
        head = s.text[: span.start_char]
        num = next(t for t in span if t.like_num)
        role_tok = next((t for t in span if ROLE_WORD.match(t.lower_)), None)
        if role_tok is not None:
            role = _full_role(base_role(role_tok.text), s.text)
        elif (m := next((r for r in _roles(head)), None)) is not None:
            role = _full_role(m[2], s.text)
        elif m2 := POST_AS.search(before + " " + head):
            role = _full_role(base_role(m2.group(1)), s.text)
        else:
            continue
        orgs = _orgs_in(head)
        is_own = role_tok is not None or SELF.search(head) is not None
        if not orgs and is_own and inp.info.organisation:
            orgs = [inp.info.organisation]
        value = parse_number(num.text)
        for org in orgs:
            out.append(_fact(inp, s.start, s.start + span.end_char, value, "percent", role, org))
    return out


@register("staffing")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Staffing from tables, 'Org (Name): N tim/månad' lines and prose."""
    facts: list[Fact] = []
    lines = inp.lines()
    for k, ln in enumerate(lines):
        t = ln.text
        if (m := TABLE_ROW.match(t)) and (org := _organisation(m.group("org"))):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               m.group("role").strip(" .").lower(), org))
        elif (m := ROLE_FIRST_ROW.match(t)) and (org := _organisation(m.group("org"))):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               m.group("role").strip(" ."), org))
        elif (m := ROLE_ORG_ROW.match(t)) and ROLE_WORD.match(m.group("role").split()[-1].lower()):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               m.group("role").strip().lower(), m.group("org").strip()))
        elif (m := ROLE_COMMA_ORG_ROW.match(t)) and ROLE_WORD.match(m.group("role").split()[-1].lower()):
            unit = "percent" if m.group("unit") == "%" else "hours_per_month"
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), unit,
                               base_role(m.group("role").strip()), m.group("org").strip()))
        elif m := HOURS.match(t):
            person, _, role = m.group("person").partition(",")  # '(Heléne Ström, kurator)'
            role = role.strip().lower()
            role = role if role and ROLE_WORD.match(role.split()[-1]) else None
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")),
                               "hours_per_month", role, m.group("org"), person.strip()))
        elif (m := ORG_HOURS.match(t)) and _organisation(m.group("org").split()[0]):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "hours_per_month",
                               None, m.group("org").strip()))
        elif (m := ROLE_LINE.match(t)) and ROLE_WORD.match(m.group("role").split()[-1].lower()) \
                and (org := (m.group("org") or m.group("org2") or _implied_org(m.group("role").lower())
                             or "").strip()) \
                and _is_staff_list(lines, k):
            facts.append(_fact(inp, ln.start, ln.end, None, None, base_role(m.group("role").strip()).lower(),
                               org))
        elif m := HOURS_NAMED.match(t):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")),
                               "hours_per_month", None, m.group("org").strip(), m.group("person").strip()))
        elif (m := ORG_ROLE_PCT.match(t)) and ROLE_WORD.match(m.group("role").split()[-1].lower()) \
                and _organisation(m.group("org")):
            facts.append(_fact(inp, ln.start, ln.end, parse_number(m.group("n")), "percent",
                               base_role(m.group("role").strip()), m.group("org").strip()))
        elif m := EMPLOYED_BY.match(t):
            org = m.group("org").strip()
            facts.append(_fact(inp, ln.start, ln.start + m.end(), None, None,
                               m.group("role").lower(), org[:1].upper() + org[1:]))
    lines_taken = {f.evidence.start for f in facts}
    before = ""
    for s in inp.sentences():
        if s.is_row or any(s.start <= p < s.end for p in lines_taken):
            continue
        own = _own_staff(inp, s, before)
        facts.extend(own)
        facts.extend(_prose(inp, s, {(f.role, f.organisation) for f in own}
                            | {(f.role, None) for f in own}))
        facts.extend(_fte_statements(inp, s))
        for m in FINANCED_POST.finditer(s.text):
            for n, o in (("n1", "o1"), ("n2", "o2")):
                facts.append(_fact(inp, s.start + m.start(n), s.start + m.end(o), parse_number(m.group(n)),
                                   "percent", m.group("role").lower(), m.group(o).strip()))
        before = s.text
    return [_own_förbund(inp, f) for f in _merge_roles(facts)]


def _is_staff_list(lines: list[Line], k: int) -> bool:
    """Whether line k is one of a run of role lines under a staffing heading ('Vem arbetar här?')."""
    j = k
    while j > 0 and ROLE_LINE.match(lines[j - 1].text) \
            and not STAFF_LIST.search(lines[j - 1].text.strip(" •-*")):
        j -= 1
    return j > 0 and bool(STAFF_LIST.search(lines[j - 1].text.strip(" •-*")))


OWN_STAFF_ROLE = re.compile(r"(?i)^(?:förbundschef|förbundssekreterare|kanslichef|verkställande tjänsteman)")
THE_FÖRBUND = re.compile(r"(?i)^förbundet(?:s kansli)?$|^kansliet$")


ABBREVIATIONS = {"af": "Arbetsförmedlingen", "fk": "Försäkringskassan", "vgr": "Västra Götalandsregionen"}


def _own_förbund(inp: ExtractionInput, f: Fact) -> Fact:
    """Organisations by their names: 'förbundet' and a förbundschef the document's förbund, 'VGR' and
    'AF' written out. 'Kommunen' stays as the text says it, as the hand-read gold keeps it."""
    from dataclasses import replace

    org = f.organisation
    if org and org.lower() in ABBREVIATIONS:
        return replace(f, organisation=ABBREVIATIONS[org.lower()])
    name = inp.info.organisation
    if not name or not re.search(r"(?i)förbund", name):
        return f
    in_kansli = re.search(r"(?i)\bkansli", nearest_heading(inp, f.evidence.start) or "") or re.search(
        r"(?i)\bkansli(?:et)?\b", inp.text[max(0, f.evidence.start - 120):f.evidence.start])
    if (org and THE_FÖRBUND.match(org)) or (
            not org and f.role and (OWN_STAFF_ROLE.match(f.role) or in_kansli)):
        return replace(f, organisation=name)
    return f


def _stem(role: str | None) -> set[str]:
    """The role's words in their singular base form: 'coacher' and 'coach' are one role."""
    return {re.sub(r"(?:er|ar)$", "", w) if w.endswith(("coacher", "ledarer")) else w
            for part in (role or "").lower().split("/") for w in [part.split()[-1] if part.split() else part]}


def _merge_roles(facts: list[Fact]) -> list[Fact]:
    """A role named again without an amount adds nothing: keep its fullest statement once."""
    valued = [f for f in facts if f.value is not None]
    out: list[Fact] = []
    for f in facts:
        if f.unit == "percent" and f.value == 100 \
                and re.search(r"(?i)heltidstjänst\w*\s+som", f.evidence.quote) \
                and any(v is not f and v.unit == "percent" and v.value != 100
                        and _stem(v.role) & _stem(f.role) for v in valued):
            continue  # 'en heltidstjänst som jobbcoach …, bidrar med 50 % av en heltidstjänst': the share
        if f.value is None and f.role:
            if any(_stem(f.role) & _stem(v.role) and (f.organisation in (None, v.organisation))
                   for v in valued):
                continue  # 'har anställt en processledare' beside its 80 %
            twin = next((k for k, g in enumerate(out) if g.value is None and g.role
                         and _stem(g.role) & _stem(f.role) and g.organisation == f.organisation), None)
            if twin is not None:
                if f.person and not out[twin].person:
                    out[twin] = f
                continue
        out.append(f)
    return out


def _fte_statements(inp: ExtractionInput, s: Sentence) -> list[Fact]:
    """'medel för 2,3 årsarbetare via samordningsförbundet', 'motsvarar 3,5 årsarbetare'."""
    out = []
    if _roles(s.text):
        return out  # the role reader has the posts of a sentence that names its roles
    for m in re.finditer(rf"(?P<n>{NUMERAL})\s*(?:årsarbetare|heltidstjänster|heltider)\b(?:[^.]{{0,30}}?"
                         r"(?:via|från|hos)\s+(?P<org>[A-ZÅÄÖa-zåäö]+))?", s.text):
        before = s.text[:m.start()]
        if _roles(s.text[m.end():m.end() + 40]) and not m.group("org"):
            continue  # '2 årsarbetare, båda coacher': the role reader has it
        if re.search(r"(?i)\b(?:coacher|handläggare|\w+are)\s+$", before):
            continue
        org = m.group("org")
        out.append(_fact(inp, s.start + m.start(), s.start + m.end(), parse_number(m.group("n")),
                         "fte", None, org[:1].upper() + org[1:] if org else None))
    return out
