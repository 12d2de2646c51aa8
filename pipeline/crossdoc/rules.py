"""Cross-document rules: plan against report and report against report, within one insats group.

Each rule is a small declarative object: an id, a severity and a function whose one-line
docstring says what it checks. A rule yields hits that cite both documents, with page and quote;
comparisons (plan beside report) are listed whether or not a rule raises anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.contract import MEASURE_SV, PLANNED_MEASURES, is_same_period, period_range
from pipeline.crossdoc.group import DocView, Group, period_sv
from pipeline.crossdoc.identity import name_key
from pipeline.models import Fact, Severity
from pipeline.outputs.swedish import quantity

ROUNDING = 0.025  # two amounts this close (relative) are one amount written rounded
APPROXIMATE = 0.10  # ... or this close when the text says it is approximate ('ca', 'drygt')
APPROX_WORDS = re.compile(r"(?i)\b(?:ca|cirka|drygt|knappt|ungefär|runt|omkring|nästan|närmare|"
                          r"uppemot|över|minst|max|högst)\b\.?\s*\d")
SHORT_OF_PLAN = 0.8  # a report below this share of the plan is noted
OVER_PLAN = 1.5  # ... and above this
OUTCOME_OFF = 0.2  # outcome this far from budget (relative) is noted
YEAR_DAYS = (300, 400)  # a report period of this many days is a year
QUOTE_CHARS = 110
FUNDER = re.compile(r"\b[A-ZÅÄÖ]{2,}(?=\b|:|-)|(?i:\b(?:\w*kommun\w*|region\w*|landsting\w*|"
                    r"arbetsförmedling\w*|försäkringskass\w*|samordningsförbund\w*|förbund\w*|"
                    r"stat(?:en|ens|lig\w*)?)\b)")
OUTCOME_COLUMN = re.compile(r"(?i)utfall|bokslut|resultat|förbruk|verklig|faktisk")
OTHER_COLUMN = re.compile(r"(?i)avvik|differens|skillnad|kvar|prognos")
MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Side:
    """One side of a comparison or finding: a fact of one document."""

    doc: DocView
    fact: Fact


@dataclass(frozen=True)
class Comparison:
    """A plan (or earlier) figure beside a report (or later) figure of the same thing."""

    what: str
    plan: Side
    report: Side
    judged: bool  # whether the two may be held against each other (same time frame)

    @property
    def ratio(self) -> float | None:
        """Report value over plan value."""
        p, r = self.plan.fact.value, self.report.fact.value
        return None if not p or r is None else r / p


@dataclass(frozen=True)
class CrossHit:
    """What a cross-document rule found: the numbers, the sides and the Swedish message."""

    values: tuple[float, ...]
    sides: tuple[Side, ...]
    message: str
    about: str


@dataclass(frozen=True)
class CrossRule:
    """A cross-document rule: id, severity, and the function (one-line docstring) that finds hits."""

    id: str
    severity: Severity
    find: Callable[[Group], Iterator[CrossHit]]

    @property
    def description(self) -> str:
        """The rule's one-line description (its function's docstring)."""
        return (self.find.__doc__ or "").strip().splitlines()[0]


# --- reading facts ---------------------------------------------------------------------------


def short(name: str) -> str:
    """A document's name without its folders, as messages cite it."""
    return name.rsplit("/", 1)[-1]


def _excerpt(f: Fact) -> str:
    """The quote inside its sentence, cut to a readable length around the quote."""
    ev = f.evidence
    if not ev.context or ev.context_start is None:
        text, a, b = ev.quote, 0, len(ev.quote)
    else:
        text, a = ev.context, ev.start - ev.context_start
        b = a + (ev.end - ev.start)
    text = " ".join(text.split()) if len(text) <= QUOTE_CHARS else text
    if len(text) <= QUOTE_CHARS:
        return text
    lo = max(0, min(a, b - QUOTE_CHARS // 2) - 30)
    hi = min(len(text), max(b, lo + QUOTE_CHARS))
    if lo:  # whole words only
        lo = min(a, text.find(" ", lo) + 1 or lo)
    if hi < len(text):
        hi = max(b, text.rfind(" ", lo, hi) if text.rfind(" ", lo, hi) > 0 else hi)
    cut = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + cut + ("…" if hi < len(text) else "")


def cite(s: Side) -> str:
    """'<value> (<document>, s. <page>: ”<sentence>”)'."""
    f = s.fact
    return (f"{quantity(f.value, f.unit, f.value_max, ' ')} ({short(s.doc.name)}, "
            f"s. {f.evidence.page}: ”{_excerpt(f)}”)")


def _plain(f: Fact, group: Group) -> bool:
    """A figure of the whole insats: no gender, breakdown or other subject."""
    subject = f.subject and name_key(f.subject) not in {name_key(d.info.names[0]) for d in group.docs
                                                        if d.info.names}
    return f.value is not None and not f.gender and not f.category and not subject


def _approximate(f: Fact) -> bool:
    """Whether the text says an amount is approximate ('ca 95 mkr', 'drygt 2 miljoner')."""
    ev = f.evidence
    before = ev.context[:max(0, ev.start - ev.context_start)][-20:] if ev.context and \
        ev.context_start is not None else ""
    return bool(APPROX_WORDS.search(f"{before}{ev.quote}"))


def same_amount(a: Fact, b: Fact) -> bool:
    """Whether two amounts are one amount, one of them rounded or approximate."""
    va, vb = a.value or 0.0, b.value or 0.0
    if va == vb:
        return True
    off = abs(va - vb) / max(abs(va), abs(vb))
    return off <= (APPROXIMATE if _approximate(a) or _approximate(b) else ROUNDING)


def column_role(f: Fact) -> str:
    """'budget', 'outcome' or 'other' for a budget figure, from its column or label."""
    col = f"{f.column or ''} {f.label or ''}"
    if OUTCOME_COLUMN.search(col):
        return "outcome"
    if OTHER_COLUMN.search(f.column or ""):
        return "other"
    return "budget"


def fact_period(f: Fact) -> str | None:
    """A figure's period: its own, or the one its column names ('Budget jan-juni 2023')."""
    if f.period:
        return f.period
    col = (f.column or "").lower()
    year = re.search(r"\b(19|20)\d{2}\b", col)
    if not year:
        return None
    months = [i + 1 for i, m in enumerate(MONTH_ABBR)
              for _ in re.finditer(rf"\b{m}[a-zåäö]*\b", col)]
    if len(months) >= 2:
        return f"{year.group()}-{min(months):02d}/{year.group()}-{max(months):02d}"
    return year.group()


def _overlap(a: str | None, b: str | None) -> bool:
    """Whether two periods share days (a missing period may be any)."""
    ra, rb = period_range(a) if a else None, period_range(b) if b else None
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _days(period: str | None) -> int | None:
    from datetime import date

    r = period_range(period) if period else None
    if r is None:
        return None
    return (date.fromisoformat(r[1]) - date.fromisoformat(r[0])).days + 1


def _first(facts: list[Fact]) -> Fact | None:
    return facts[0] if facts else None


def pairs(group: Group, consecutive: bool = False) -> Iterator[tuple[DocView, DocView]]:
    """Earlier and later documents of a group (copies of one document left out)."""
    docs = group.docs
    for i, a in enumerate(docs):
        for b in docs[i + 1: i + 2] if consecutive else docs[i + 1:]:
            if frozenset((a.name, b.name)) not in group.copies:
                yield a, b


def later(report: DocView, plan: DocView) -> bool:
    """Whether a document comes after another: by their dates, or a report after a plan."""
    if report.when and plan.when and report.when != plan.when:
        return report.when > plan.when
    return plan.role == "plan" and report.role == "report"


# --- comparisons -----------------------------------------------------------------------------


def _planned(d: DocView, g: Group, measure: str) -> Fact | None:
    return _first([f for f in d.facts if f.type == "participants" and f.measure == measure
                   and f.unit == "persons" and _plain(f, g)])


def _reported(d: DocView, g: Group, measures: tuple[str, ...]) -> Fact | None:
    for m in measures:
        f = _first([f for f in d.facts if f.type == "participants" and f.measure == m
                    and f.unit == "persons" and _plain(f, g)])
        if f:
            return f
    return None


def participant_comparisons(g: Group) -> Iterator[Comparison]:
    """Planned participants beside those a later document reports."""
    for p in g.docs:
        for r in g.docs:
            if r is p or frozenset((p.name, r.name)) in g.copies or not later(r, p):
                continue
            per_year, capacity = _planned(p, g, "planned_per_year"), _planned(p, g, "planned_enrolled")
            total = _reported(r, g, ("total",))
            days = _days(r.info.period)
            if per_year and total:
                yearly = days is not None and YEAR_DAYS[0] <= days <= YEAR_DAYS[1]
                yield Comparison("deltagare per år: plan mot rapport", Side(p, per_year), Side(r, total),
                                 yearly)
            enrolled = _reported(r, g, ("enrolled_end", "enrolled_start"))
            if capacity and enrolled:
                yield Comparison("inskrivna samtidigt: plan mot rapport", Side(p, capacity),
                                 Side(r, enrolled), False)
            if capacity and total and not per_year:
                end = period_range(capacity.period)[1] if capacity.period and period_range(
                    capacity.period) else None
                r_end = period_range(r.info.period)[1] if r.info.period and period_range(
                    r.info.period) else None
                yield Comparison("deltagare under insatsen: plan mot rapport", Side(p, capacity),
                                 Side(r, total), bool(end and r_end and r_end >= end))


def _totals(d: DocView, role: str) -> list[Fact]:
    return [f for f in d.facts if f.type == "budget_line" and f.kind == "total_cost"
            and f.value is not None and column_role(f) == role and fact_period(f)]


def budget_comparisons(g: Group) -> Iterator[Comparison]:
    """A budget beside the outcome a later document reports for the same period."""
    for a, b in pairs(g):
        for budget in _totals(a, "budget"):
            for outcome in _totals(b, "outcome"):
                if is_same_period(fact_period(budget) or "", fact_period(outcome) or ""):
                    yield Comparison(f"kostnader {period_sv(fact_period(budget) or '')}: budget mot utfall",
                                     Side(a, budget), Side(b, outcome), True)


def _role_parts(role: str | None) -> set[str]:
    return {p.strip() for p in re.split(r"[/,]| och ", (role or "").lower()) if p.strip()}


def same_role(a: Fact, b: Fact) -> bool:
    """Whether two staffing facts name one role (a part of 'ledare/samordnare' counts)."""
    pa, pb = _role_parts(a.role), _role_parts(b.role)
    if not pa or not pb:
        return False
    if pa & pb or any(fuzz.ratio(x, y) >= 90 for x in pa for y in pb):
        oa, ob = (a.organisation or "").lower(), (b.organisation or "").lower()
        return not (oa and ob and fuzz.ratio(oa, ob) < 80)
    return False


def staffing_comparisons(g: Group) -> Iterator[Comparison]:
    """A role's share of a post in one document beside the next document's."""
    for a, b in pairs(g, consecutive=True):
        for fb in b.facts:
            if fb.type != "staffing" or fb.value is None:
                continue
            fa = _first([f for f in a.facts if f.type == "staffing" and f.value is not None
                         and f.unit == fb.unit and same_role(f, fb)])
            if fa:
                yield Comparison(f"bemanning: {fb.role}", Side(a, fa), Side(b, fb), True)


def comparisons(g: Group) -> list[Comparison]:
    """Every comparison of a group: participants, money and staffing."""
    return [*participant_comparisons(g), *budget_comparisons(g), *staffing_comparisons(g)]


# --- rules -----------------------------------------------------------------------------------


def _funder(f: Fact) -> frozenset[str]:
    words = {m.group().lower() for m in FUNDER.finditer(f.label or "")}
    return frozenset(re.sub(r"(?:s|en|ens|et|ets)$", "", w) for w in words)


def _funding(d: DocView) -> dict[tuple[str, ...], list[Fact]]:
    """A document's statements of funding and budget totals, keyed by what they are."""
    out: dict[tuple[str, ...], list[Fact]] = {}
    for f in d.facts:
        if f.type != "budget_line" or f.value is None or column_role(f) != "budget" or f.parent:
            continue
        if f.kind in {"income", "total_income"} and _funder(f):
            out.setdefault(("income", *sorted(_funder(f))), []).append(f)
        elif f.kind in {"total_cost", "total_income"} and fact_period(f):
            out.setdefault((f.kind, fact_period(f) or ""), []).append(f)
    return out


def find_funding_differs(g: Group) -> Iterator[CrossHit]:
    """The same funding or budget total is stated with different amounts in two documents."""
    for a, b in pairs(g):
        fa, fb = _funding(a), _funding(b)
        for key in sorted(fa.keys() & fb.keys()):
            xs, ys = fa[key], fb[key]
            if len({f.value for f in xs}) != 1 or len({f.value for f in ys}) != 1:
                continue  # several amounts in one document: years or posts the label does not tell
            x, y = xs[0], ys[0]
            if same_amount(x, y) or not _overlap(fact_period(x), fact_period(y)):
                continue
            what = f"”{x.label}”" + (f" och ”{y.label}”" if (y.label or "") != (x.label or "") else "")
            yield CrossHit((x.value or 0.0, y.value or 0.0), (Side(a, x), Side(b, y)),
                           f"Samma finansiering anges med olika belopp i två dokument om {g.name} "
                           f"({what}): {cite(Side(a, x))} mot {cite(Side(b, y))}. Kontrollera "
                           f"vilket belopp som gäller.", "finansiering")


def find_plan_differs(g: Group) -> Iterator[CrossHit]:
    """The same planned volume of participants is stated differently in two documents."""
    for a, b in pairs(g):
        for m in PLANNED_MEASURES:
            x, y = _planned(a, g, m), _planned(b, g, m)
            if x and y and x.value != y.value and _overlap(x.period, y.period):
                yield CrossHit((x.value or 0.0, y.value or 0.0), (Side(a, x), Side(b, y)),
                               f"Planen anges olika i två dokument om {g.name} ({MEASURE_SV[m]}): "
                               f"{cite(Side(a, x))} mot {cite(Side(b, y))}.", MEASURE_SV[m])


def find_participants_vs_plan(g: Group) -> Iterator[CrossHit]:
    """Reported participants of a year fall short of, or far exceed, the plan for a year."""
    for c in participant_comparisons(g):
        ratio = c.ratio
        if not c.judged or ratio is None or SHORT_OF_PLAN <= ratio <= OVER_PLAN:
            continue
        word = "färre" if ratio < 1 else "fler"
        yield CrossHit((c.plan.fact.value or 0.0, c.report.fact.value or 0.0), (c.plan, c.report),
                       f"{word.capitalize()} deltagare än planerat för {g.name} ({c.what}): planen "
                       f"{cite(c.plan)}, rapporten {cite(c.report)}; {round(ratio * 100)} % av "
                       f"planen.", c.what)


def find_outcome_vs_budget(g: Group) -> Iterator[CrossHit]:
    """A reported outcome is far from the budget an earlier document set for the same period."""
    for c in budget_comparisons(g):
        ratio = c.ratio
        if ratio is None or abs(ratio - 1) <= OUTCOME_OFF:
            continue
        yield CrossHit((c.plan.fact.value or 0.0, c.report.fact.value or 0.0), (c.plan, c.report),
                       f"Utfallet avviker från budgeten för {g.name} ({c.what}): budget "
                       f"{cite(c.plan)}, utfall {cite(c.report)}; {round(ratio * 100)} % av "
                       f"budgeten.", c.what)


def find_staffing_changed(g: Group) -> Iterator[CrossHit]:
    """A role's share of a post changes from one document of the insats to the next."""
    for c in staffing_comparisons(g):
        x, y = c.plan.fact, c.report.fact
        if x.value == y.value:
            continue
        yield CrossHit((x.value or 0.0, y.value or 0.0), (c.plan, c.report),
                       f"Bemanningen har ändrats för {g.name} ({y.role}): {cite(c.plan)}, sedan "
                       f"{cite(c.report)}.", c.what)


CROSS_RULES: tuple[CrossRule, ...] = (
    CrossRule("funding_differs", "warning", find_funding_differs),
    CrossRule("plan_differs", "warning", find_plan_differs),
    CrossRule("participants_vs_plan", "info", find_participants_vs_plan),
    CrossRule("outcome_vs_budget", "info", find_outcome_vs_budget),
    CrossRule("staffing_changed", "info", find_staffing_changed),
)
