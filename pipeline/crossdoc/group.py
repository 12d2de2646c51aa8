"""Documents of one insats: grouped by the names they give it and their förbund, ordered in time."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from rapidfuzz import fuzz

from pipeline.contract import PLAN_KINDS, REPORT_KINDS, period_range
from pipeline.crossdoc.identity import name_key, same_name
from pipeline.models import DocumentInfo, Evidence, Fact

SAME_ORG = 85  # fuzzy ratio of two förbund names, generic words left out, that name one förbund
SAME_TITLE = 90
GENERIC_ORG = re.compile(r"(?i)\b(?:samordningsförbund(?:et)?|finsamförbund(?:et)?|förbund(?:et)?|"
                         r"finsam|i|för)\b")
ROLE_ORDER = {"plan": 0, None: 1, "report": 2}  # a plan before a report of the same date
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")


@dataclass(frozen=True)
class DocView:
    """One document's output as the cross-document stage reads it."""

    name: str
    info: DocumentInfo
    facts: tuple[Fact, ...]
    pages: tuple[dict[str, Any], ...]
    when: str | None  # ISO date that places it in time
    when_label: str  # that date or period as an analyst reads it

    @property
    def role(self) -> str | None:
        """'plan' or 'report' by the document's kind, else None."""
        kind = self.info.kind or ""
        return "plan" if kind in PLAN_KINDS else "report" if kind in REPORT_KINDS else None

    def fact(self, fid: str) -> Fact | None:
        """The fact with this id."""
        return next((f for f in self.facts if f.id == fid), None)


@dataclass(frozen=True)
class Group:
    """Documents of one insats in time order, with why each belongs."""

    id: str
    name: str
    docs: tuple[DocView, ...]
    reasons: tuple[str, ...]  # one per document, same order
    copies: frozenset[frozenset[str]] = frozenset()  # pairs of documents that are one document twice


def _evidence(ev: dict[str, Any]) -> Evidence:
    known = {f.name for f in fields(Evidence)}
    d = {k: v for k, v in ev.items() if k in known}
    for k in ("bbox", "page_size"):
        if d.get(k) is not None:
            d[k] = tuple(d[k])
    return Evidence(**d)


def fact_from_json(f: dict[str, Any]) -> Fact:
    """A fact of an output JSON as the typed model."""
    known = {x.name for x in fields(Fact)} - {"evidence"}
    return Fact(evidence=_evidence(f["evidence"]), **{k: v for k, v in f.items() if k in known})


def date_sv(iso: str) -> str:
    """'2023-09-20' as '20 september 2023' (a year or month as written)."""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def period_sv(period: str) -> str:
    """A period in Swedish words: '2023', '2020–2022', 'juli 2022–juni 2023', '1 april–31 december 2018'."""
    r = period_range(period)
    if r is None:
        return period
    (y1, m1, d1), (y2, m2, d2) = (tuple(x.split("-")) for x in r)
    whole_months = d1 == "01" and period_range(f"{y2}-{m2}") == (f"{y2}-{m2}-01", r[1])
    if whole_months and m1 == "01" and m2 == "12":
        return y1 if y1 == y2 else f"{y1}–{y2}"
    if whole_months:
        a, b = f"{MONTHS[int(m1) - 1]} {y1}", f"{MONTHS[int(m2) - 1]} {y2}"
        return a if a == b else (f"{MONTHS[int(m1) - 1]}–{b}" if y1 == y2 else f"{a}–{b}")
    return f"{date_sv(r[0])}–{date_sv(r[1])}"


def _when(info: DocumentInfo, facts: tuple[Fact, ...]) -> tuple[str | None, str]:
    """The date that places a document in time, and how to say it."""
    if info.period and (r := period_range(info.period)):
        return r[0], period_sv(info.period)
    for d in (info.date, info.start_date):
        if d:
            return d, date_sv(d)
    starts = sorted((r[0], f.period) for f in facts if f.period and (r := period_range(f.period)))
    if starts:
        return starts[0][0], f"{period_sv(starts[0][1])} (uppgifternas period)"
    return None, "okänd tid"


def doc_view(name: str, data: dict[str, Any]) -> DocView:
    """The cross-document view of one output JSON."""
    d = data.get("document", {})
    known = {f.name for f in fields(DocumentInfo)}
    info = DocumentInfo(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items()
                           if k in known})
    facts = tuple(fact_from_json(f) for f in data.get("facts", []))
    when, label = _when(info, facts)
    return DocView(name, info, facts, tuple(data.get("pages", [])), when, label)


def _org(o: str | None) -> str:
    return " ".join(GENERIC_ORG.sub(" ", (o or "").lower()).split())


def org_conflict(a: DocView, b: DocView) -> bool:
    """Whether two documents name different förbund (both named, and not alike)."""
    oa, ob = _org(a.info.organisation), _org(b.info.organisation)
    return bool(oa and ob) and fuzz.ratio(oa, ob) < SAME_ORG


def _primary(d: DocView) -> str | None:
    return (d.info.names or (d.info.insats,))[0] or None


def _reason(d: DocView, first: DocView) -> str:
    if d is first:
        return f"namnet ”{_primary(d)}”"
    bits = [f"namnet ”{_primary(d)}” som ”{_primary(first)}”"]
    if _org(d.info.organisation) and _org(first.info.organisation):
        bits.append(f"samma förbund ({d.info.organisation})")
    shared = sorted(set(d.info.parties) & set(first.info.parties))
    if shared:
        bits.append("gemensamma parter: " + ", ".join(shared))
    return "; ".join(bits)


def is_copy(a: DocView, b: DocView) -> bool:
    """Whether two documents are one document twice (a text and its scan): same kind, time, title."""
    return (a.info.kind == b.info.kind and a.when == b.when and a.when is not None
            and fuzz.ratio((a.info.title or "").lower(), (b.info.title or "").lower()) >= SAME_TITLE)


def _slug(key: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", key.translate(str.maketrans("åäöé", "aaoe"))).strip("-")[:40]
    slug, n = base or "insats", 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def group_documents(docs: list[DocView]) -> list[Group]:
    """Groups of two or more documents of one insats: the same name (fuzzy) and no förbund apart.

    A document joins the first group that has a member of the same name and none of another
    förbund; members are ordered by the date or period that places them (unknown last).
    """
    clusters: list[list[DocView]] = []
    for d in sorted(docs, key=lambda d: d.name):
        name = _primary(d)
        if not name:
            continue
        for c in clusters:
            if any(same_name(name, _primary(m) or "") for m in c) and not any(org_conflict(d, m)
                                                                              for m in c):
                c.append(d)
                break
        else:
            clusters.append([d])
    groups, taken = [], set()
    for c in sorted((c for c in clusters if len(c) > 1), key=lambda c: name_key(_primary(c[0]) or "")):
        ordered = sorted(c, key=lambda d: (d.when is None, d.when or "", ROLE_ORDER[d.role], d.name))
        first = ordered[0]
        label = max((_primary(d) or "" for d in ordered), key=lambda n: (len(n.split()) > 1, -len(n)))
        copies = frozenset(frozenset((a.name, b.name)) for i, a in enumerate(ordered)
                           for b in ordered[i + 1:] if is_copy(a, b))
        reasons = tuple(_reason(d, first) + "".join(
            f"; samma dokument som {x.name.rsplit('/', 1)[-1]} (kopia: jämförs inte)"
            for x in ordered[:i] if frozenset((x.name, d.name)) in copies) for i, d in enumerate(ordered))
        groups.append(Group(_slug(name_key(_primary(first) or ""), taken), label, tuple(ordered),
                            reasons, copies))
    return groups
