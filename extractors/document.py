"""Document extractor: kind, title, insats, organisation, period, dates and parties."""

from __future__ import annotations

import re
from collections import Counter

from extractors.base import ExtractionInput

KINDS = ("insatsbeskrivning", "insatsplan", "helårsrapport", "halvårsrapport", "delårsrapport",
         "slutrapport", "verksamhetsplan", "årsredovisning", "ansökan", "projektplan")
SMALL_WORDS = {"för", "i", "och", "av", "på", "till", "med", "om"}
AUTHORITIES = ("Arbetsförmedlingen", "Försäkringskassan")
PARTY = re.compile(
    r"\b(?:Region|Landstinget) [A-ZÅÄÖ][a-zåäö]+|\b[A-ZÅÄÖ][a-zåäö]+s? (?:kommun|stad)\b")
ORG = re.compile(
    r"\b(?:[A-ZÅÄÖ][a-zåäö]+ )?[A-ZÅÄÖ][a-zåäö]+s (?:[Ss]amordnings|[Ff]insam)förbund\b"
    r"|\b(?:Samordnings|Finsam)förbundet [A-ZÅÄÖ][a-zåäö]+\b")
DATE8 = r"(20\d{2}|19\d{2})(\d{2})(\d{2})"
ISO = r"(20\d{2}|19\d{2})-(\d{2})-(\d{2})"
HEAD_CHARS = 2500
OPENING_LINES = 8
MONTH_NAMES = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"]
MONTHS = "|".join(MONTH_NAMES)


def _title_case(s: str) -> str:
    words = s.lower().split()
    return " ".join(w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip("#* \t")).strip()


def find_kind(head: str) -> tuple[str | None, int]:
    """The document kind named earliest in its opening lines (its title), and where.

    Only the first lines count: a news page that mentions "projektplanen" or "ansökan" in its
    body is not a plan.
    """
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", head))[:OPENING_LINES]
    end = lines[-1].end() if lines else 0
    low = head[:end].lower()
    hits = [(m.start(), k) for k in KINDS if (m := re.search(rf"\b{k}\b", low))]
    if not hits:
        return None, -1
    pos, kind = min(hits)
    return kind, pos


def extract_info(inp: ExtractionInput) -> dict[str, object]:
    """Read the document block's fields from the opening and body of the text."""
    text = inp.text
    head = text[:HEAD_CHARS]
    kind, pos = find_kind(head)
    lines = [ln for ln in head.split("\n") if ln.strip()]
    title = insats = None
    m = re.search(r"[Ii]nsatsens namn (?:är|:)\s*([^.\n]+)", text)
    if m:
        insats = _clean(m.group(1))
    if kind:
        line_start = head.rfind("\n", 0, pos) + 1
        line = _clean(head[line_start:head.find("\n", pos) if "\n" in head[pos:] else None])
        rest = re.sub(rf"(?i)^.*?{kind}\b\s*", "", line)
        if re.match(r"(?i)(inför|för perioden|\d)", rest) or not rest:
            # a report: the insats is named on a line of its own just after
            idx = next((i for i, ln in enumerate(lines) if kind in ln.lower()), 0)
            nxt = next((_clean(ln) for ln in lines[idx + 1: idx + 4]
                        if not re.match(r"(?i)\s*(period|datum|\d)", ln.strip("# "))), None)
            insats = insats or nxt
            title = f"{kind.capitalize()} {nxt}" if nxt else kind.capitalize()
        else:
            title = _title_case(line) if line.isupper() else line
            rest = re.sub(r"(?i)^(för|avseende)\s+", "", rest)
            insats = insats or (_title_case(rest) if rest.isupper() else rest)
    orgs = Counter(o for o in ORG.findall(text))
    organisation = orgs.most_common(1)[0][0] if orgs else None
    period = None
    m = re.search(rf"(?i)period(?:en)?\s*:?\s*{DATE8}\s*[–-]\s*{DATE8}", text)
    if m:
        g = m.groups()
        period = f"{g[0]}-{g[1]}-{g[2]}/{g[3]}-{g[4]}-{g[5]}"
    elif kind == "verksamhetsplan":
        y = re.search(r"(?i)verksamhetsplan\s+(20\d{2}|19\d{2})", head)
        period = f"{y.group(1)}-01-01/{y.group(1)}-12-31" if y else None
    date = None
    m = re.search(rf"(?i)datum:?\s*{ISO}", head) or re.search(rf"(?i)(?:mötet|möte)\s+{DATE8}", head)
    if m:
        date = "-".join(m.groups())
    start_date = None
    m = re.search(rf"(?i)(?:start|fr\.?o\.?m\.?|from)\s*:?\s*{ISO}", text)
    if m:
        start_date = "-".join(m.groups())
    elif m := re.search(rf"(?i)(?:start|fr\.?o\.?m\.?|från)\D{{0,25}}?(\d{{1,2}})\s+({MONTHS})"
                        r"\s+(20\d{2}|19\d{2})", text):
        month = MONTH_NAMES.index(m.group(2).lower()) + 1
        start_date = f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    else:
        m = re.search(r"(?i)fr\.?o\.?m\.?\s+(20\d{2}|19\d{2})\b", text)
        start_date = f"{m.group(1)}-01-01" if m else None
    parties: list[str] = [a for a in AUTHORITIES if a in text[:6000]]
    for p in PARTY.findall(text[:6000]):
        if p not in parties and not p.endswith("s kommun") or p.replace("s kommun", " kommun"):
            if p not in parties:
                parties.append(p)
    return {"kind": kind, "title": title, "insats": insats, "organisation": organisation,
            "period": period, "date": date, "start_date": start_date, "parties": tuple(parties)}
