"""The output contract in one place: fact types, their fields and values, and how they are scored.

`corpus/gold/README.md` is the prose; this module is what the code reads. The catalogue, the
spreadsheets, the report, the terminal view and the scorer all take their field lists from here.
"""

from __future__ import annotations

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
PERCENT_TOLERANCE = 0.5  # percentage points
