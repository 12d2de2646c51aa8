"""What a document calls its insats or project: names from its fields, headings and phrasing."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

# Acronyms of the genre that name funders, agencies and methods, never one insats.
GENERIC_ACRONYMS = frozenset({"ESF", "ASF", "AF", "FK", "SE", "CM", "IPS", "SUS", "IOP", "EU", "SIUS",
                              "KPI", "FINSAM", "SOU", "LSS", "PDF", "NPF", "AB", "VD"})
# Words that stand before a name in the genre ('projektet X', 'insatsen X').
LEAD = r"(?:projektet|insatsen|satsningen|teamet|verksamheten)"
NAME = r"[A-ZÅÄÖ][\wÅÄÖåäö]*(?:[ -][A-ZÅÄÖ][\wÅÄÖåäö]*)*"
FIELD = re.compile(r"(?im)^[ \t]*(?:projektnamn|projektets namn|insatsens namn|namn)[ \t]*:[ \t]*\n?"
                   r"[ \t]*([^\n]{2,80}?)[ \t]*$")
SUFFIXED = re.compile(rf"\b({NAME})-(?:projektet|projektets|insatsen|insatsens|teamet)\b")
LEADING = re.compile(rf"\b{LEAD}\s+({NAME})")
IS_PROJECT = re.compile(r"\b([A-ZÅÄÖ]{3,}(?: [A-ZÅÄÖ][a-zåäö]+)?) är (?:ett|det)\b[^.\n]{0,60}?\bprojekt")
ACRONYM = re.compile(r"\b[A-ZÅÄÖ]{3,8}\b")
HEAD_LINES = 40
WEIGHTS = {"insats": 5, "field": 5, "heading": 3, "mention": 1}
SAME_NAME = 90  # fuzzy ratio of two folded names that name one insats


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" -–:,.;\"”'()")
    return re.sub(r"^\d[\d/ -]*[-–]\s*", "", name)  # a case number before the name ('2016/1 - X')


def _usable(name: str) -> bool:
    words = name.split()
    return (1 <= len(words) <= 8 and len(name) >= 3 and name.upper() not in GENERIC_ACRONYMS
            and not all(w.upper() in GENERIC_ACRONYMS for w in words))


def _headings(text: str) -> list[str]:
    """Names in short heading lines near the top that carry an acronym or are all capitals."""
    out = []
    for line in text.split("\n")[:HEAD_LINES]:
        line = _clean(line.lstrip("»–-•* \t"))
        if not line or len(line.split()) > 8 or line.endswith((".", "?", "!")):
            continue
        acr = [a for a in ACRONYM.findall(line) if a not in GENERIC_ACRONYMS]
        if len(acr) > 2:  # a row of file types or codes, not a name
            continue
        if line.isupper() and len(line) >= 4 and not acr[1:]:
            out.append(line.title() if " " in line else line)
        elif acr:
            m = re.search(rf"\b{acr[0]}\b(?:\s*[-–]?\s*{NAME})?", line)
            if m:
                out.append(_clean(m.group()))
    return out


def names(text: str, insats: str | None = None) -> tuple[str, ...]:
    """The names a document gives its insats, strongest first (fields, headings, then phrasing).

    A name needs a field or heading, or more mentions than any other, to lead; a förbund's
    report that names many insatser once each leads with none of them.
    """
    score: Counter[str] = Counter()
    spelled: dict[str, str] = {}

    def add(name: str, weight: int) -> None:
        name = _clean(name)
        if not _usable(name):
            return
        key = name_key(name)
        spelled.setdefault(key, name)
        score[key] += weight

    if insats:
        add(insats, WEIGHTS["insats"])
    for m in FIELD.finditer(text[:6000]):
        add(m.group(1), WEIGHTS["field"])
    for h in dict.fromkeys(_headings(text)):
        add(h, WEIGHTS["heading"])
    for pattern in (SUFFIXED, LEADING, IS_PROJECT):
        for m in pattern.finditer(text):
            add(m.group(1), WEIGHTS["mention"])
    ranked = score.most_common()
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]
                                          and not insats):
        return ()
    return tuple(spelled[k] for k, s in ranked[:4] if s >= 2)


def _fold_word(w: str) -> str:
    if len(w) >= 9 and w.endswith(("et", "en")):
        return w[:-2]  # a definite form: 'samverkansteamet' is 'samverkansteam'
    return w


def name_key(name: str) -> str:
    """A name folded for comparison: an acronym with its spelled-out form is the acronym alone.

    'MIA - Mobilisering inför arbete' and 'MIA-projektet' both give 'mia'; 'Samverkansteamet
    Säter' gives 'samverkansteam säter'.
    """
    words = [w for w in re.split(r"[\s\-–/]+", name.strip())
             if w and w.lower() not in {"projektet", "insatsen"}]
    if len(words) > 1 and words[0].isupper() and len(words[0]) >= 2:
        initials = "".join(w[0] for w in words[1:] if w[0].isalpha()).upper()
        if initials == words[0].upper():
            return words[0].lower()
    folded = [_fold_word(w.lower()) for w in words]
    return " ".join(re.sub(r"[^\wåäö]", "", w) for w in folded).strip()


def same_name(a: str, b: str) -> bool:
    """Whether two names name one insats (folded equal, or alike up to small spelling)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 8:
        return False
    return fuzz.ratio(ka, kb) >= SAME_NAME
