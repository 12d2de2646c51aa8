"""The output contract in one place: fact types, their fields and values, and how they are scored.

`corpus/gold/README.md` is the prose; this module is what the code reads. The catalogue, the
spreadsheets, the report, the terminal view and the scorer all take their field lists from here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import fields

from pipeline.models import Fact

FACT_TYPES = ("participants", "staffing", "budget_line", "goal")

# Fields that say what a fact is about, in the order an analyst reads them.
LABEL_FIELDS = ("measure", "gender", "category", "subject", "role", "organisation", "person",
                "label", "kind", "column", "parent", "period", "level")
# Every field of a fact but its id and evidence, in the order of the model.
FACT_FIELDS = tuple(f.name for f in fields(Fact) if f.name not in {"id", "evidence"})

MEASURES = (
    "total", "new", "ended", "queue", "enrolled_start", "enrolled_end", "referred_by",
    "income_support", "outcome", "activity", "registered_elsewhere", "goal_reached", "age_mean",
    "age_median", "age_min", "age_max", "throughput_time", "years_public_support",
    "planned_enrolled", "planned_per_year", "target_group_size", "target_age_min",
    "target_age_max",
)
PARTICIPANT_UNITS = ("persons", "percent", "years", "months", "days")
STAFFING_UNITS = ("percent", "hours_per_month", "fte")
BUDGET_KINDS = ("income", "cost", "subtotal", "total_income", "total_cost")
GOAL_LEVELS = ("purpose", "overall", "individual", "measurable", "sub", "indicator")

# Scoring (corpus/gold/README.md, "How an output is scored"): fields that must be equal ...
EXACT_FIELDS = {
    "participants": ("measure", "gender", "unit"),
    "staffing": ("unit",),
    "budget_line": ("kind", "unit"),
    "goal": ("level",),
}
# ... and labels compared fuzzily (rapidfuzz ratio on case- and hyphen-folded text, threshold).
# `subject` and `note` are informational (../shared/real/INDEX.md), so they are not compared.
FUZZY_FIELDS = {
    "participants": (("category", 80),),
    "staffing": (("role", 75), ("organisation", 75), ("person", 75)),
    "budget_line": (("label", 80), ("column", 80), ("parent", 80), ("period", 100)),
    "goal": (("text", 70),),
}
GOLD_ONLY = {"person", "period"}  # compared only when the gold fact states them

# A period is written "2023", "2023-01", "2023-01-01", or two of those joined by "/" or "-".
_PERIOD_END = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_PERIOD = re.compile(rf"^{_PERIOD_END}(?:\s*[/–-]\s*{_PERIOD_END})?$")


def period_range(period: str) -> tuple[str, str] | None:
    """The first and last day a period covers ("2023" -> 2023-01-01, 2023-12-31), or None."""
    m = _PERIOD.match(period.strip())
    if not m:
        return None
    y1, m1, d1, y2, m2, d2 = m.groups()
    if y2 is None:
        y2, m2, d2 = y1, m1, d1
    last = calendar.monthrange(int(y2), int(m2 or 12))[1]
    return (f"{y1}-{m1 or '01'}-{d1 or '01'}", f"{y2}-{m2 or '12'}-{d2 or last:0>2}")


def is_same_period(a: str, b: str) -> bool:
    """Whether two ways of writing a period cover the same days ("2023" and "2023-01-01/2023-12-31")."""
    ra, rb = period_range(a), period_range(b)
    return ra == rb if ra and rb else a.strip() == b.strip()
PERCENT_TOLERANCE = 0.5  # percentage points
