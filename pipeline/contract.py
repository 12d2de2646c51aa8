"""The output contract in one place: fact types, their fields and values, and how they are scored.

`corpus/gold/README.md` is the prose; this module is what the code reads. The catalogue, the
spreadsheets, the report, the terminal view and the scorer all take their field lists from here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, fields

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


# --- How the contract's fields are shown to analysts (Swedish) -------------------------------

TYPE_SV = {"participants": "deltagare", "staffing": "bemanning", "budget_line": "budget",
           "goal": "mål"}
MEASURE_SV = {
    "total": "deltagare totalt", "new": "nya deltagare", "ended": "avslutade deltagare",
    "queue": "personer i kö", "enrolled_start": "inskrivna vid periodens början",
    "enrolled_end": "inskrivna vid periodens slut", "referred_by": "remitterade av",
    "income_support": "försörjning", "outcome": "avslut till", "activity": "i aktivitet",
    "registered_elsewhere": "inskrivna även hos", "goal_reached": "nådde målet",
    "age_mean": "medelålder", "age_median": "medianålder", "age_min": "lägsta ålder",
    "age_max": "högsta ålder", "throughput_time": "genomströmningstid",
    "years_public_support": "år i offentlig försörjning", "planned_enrolled": "planerat antal inskrivna",
    "planned_per_year": "planerat antal per år", "target_group_size": "målgruppens storlek",
    "target_age_min": "målgrupp, lägsta ålder", "target_age_max": "målgrupp, högsta ålder",
}
UNIT_SV = {"persons": "personer", "percent": "%", "years": "år", "months": "månader",
           "days": "dagar", "hours_per_month": "timmar/månad", "fte": "årsarbetare", "SEK": "kr"}
GENDER_SV = {"women": "kvinnor", "men": "män"}
BUDGET_KIND_SV = {"income": "intäkt", "cost": "kostnad", "subtotal": "delsumma",
                  "total_income": "summa intäkter", "total_cost": "summa kostnader"}
GOAL_LEVEL_SV = {"purpose": "syfte", "overall": "övergripande mål", "individual": "individmål",
                 "measurable": "mätbart mål", "sub": "delmål", "indicator": "indikator"}
SEVERITY_SV = {"error": "fel", "warning": "varning", "info": "notering"}
SEVERITY_RANK = {"error": 2, "warning": 1, "info": 0}
STATUS_SV = {"ok": "klar", "partial": "delvis läst", "failed": "misslyckades"}
PAGE_SOURCE_SV = {"text": "text", "text_layer": "textlager", "ocr": "OCR", "none": "ingen text"}
# What a fact's field is called in a table header, and the value words of the coded fields.
FIELD_SV = {
    "type": "typ", "measure": "mått", "gender": "kön", "category": "kategori", "subject": "avser",
    "role": "roll", "organisation": "organisation", "person": "person", "label": "post",
    "kind": "slag", "column": "kolumn", "parent": "ingår i", "period": "period", "text": "mål",
    "level": "nivå", "value": "värde", "value_max": "högst", "unit": "enhet",
    "confidence": "säkerhet",
}
CODED_SV = {"type": TYPE_SV, "measure": MEASURE_SV, "gender": GENDER_SV, "kind": BUDGET_KIND_SV,
            "level": GOAL_LEVEL_SV, "unit": UNIT_SV}

# Document kinds that plan and kinds that report (the `document.kind` words of the genre).
PLAN_KINDS = ("insatsplan", "insatsbeskrivning", "verksamhetsplan", "ansökan", "projektplan")
REPORT_KINDS = ("helårsrapport", "halvårsrapport", "delårsrapport", "slutrapport", "årsredovisning")
# Measures that state a plan rather than an outcome.
PLANNED_MEASURES = ("planned_enrolled", "planned_per_year", "target_group_size")


def field_sv(name: str) -> str:
    """The Swedish header of a fact field."""
    return FIELD_SV.get(name, name)


def value_sv(name: str, value: object) -> object:
    """A coded field's value in Swedish ('women' -> 'kvinnor'); other values as they are."""
    words = CODED_SV.get(name)
    return words.get(str(value), value) if words and value is not None else value


# --- Tables: one column list per table, shared by the catalogue, CSV and Excel -----------------
# A name that stands in two tables means the same thing there (a join key or the same value):
# `document`, `path`, `fact_id`, `finding_id` and `insats_group`. Every other name is in one
# table only, so `kind` of a budget line (`budget_kind`) is never confused with a document's
# kind (`doc_kind`).


@dataclass(frozen=True)
class Column:
    """One column of an analyst table: its name, SQL/Excel type and what it holds."""

    name: str
    type: str  # "text", "int", "real" or "date"
    doc: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


DOCUMENT_COLUMNS = _cols(
    ("document", "text", "output name under --out (the join key)"),
    ("path", "text", "the input file as given to finsam extract"),
    ("status", "text", "ok, partial or failed"),
    ("doc_kind", "text", "insatsplan, helårsrapport, ..."),
    ("doc_title", "text", "title of the document"),
    ("insats", "text", "the insats or project the document is about"),
    ("doc_organisation", "text", "the samordningsförbund behind it"),
    ("doc_period", "text", "period the document covers (ISO 8601 interval)"),
    ("doc_date", "date", "date of the document"),
    ("doc_start_date", "date", "start of the insats"),
    ("parties", "text", "parties named (semicolon-separated)"),
    ("insats_group", "text", "documents of the same insats share this id"),
    ("pages", "int", "pages read"),
    ("ocr_pages", "int", "pages read by OCR"),
    ("ocr_confidence_mean", "real", "mean OCR confidence of its OCR pages (0-100)"),
    ("n_facts", "int", "facts extracted"),
    ("n_errors", "int", "findings of severity error"),
    ("n_warnings", "int", "findings of severity warning"),
    ("n_notes", "int", "findings of severity info"),
    ("error", "text", "why the document failed or pages were lost"),
    ("warnings", "text", "what to know that did not fail it"),
    ("sha256", "text", "SHA-256 of the input"),
    ("pipeline_version", "text", "finsam version that wrote the output"),
    ("encoding", "text", "encoding a text file was read in"),
)
FACT_COLUMNS = _cols(
    ("fact_id", "text", "document#f<n>: unique over a catalogue (the join key of findings)"),
    ("document", "text", "output name of its document"),
    ("path", "text", "the input file"),
    ("page", "int", "page of the evidence (1-based)"),
    ("span_start", "int", "start of the quote in the normalised text (<name>.txt)"),
    ("span_end", "int", "end of the quote in the normalised text"),
    ("ocr_confidence", "real", "lowest OCR confidence of the quoted figures (0-100), empty for text"),
    ("fact_type", "text", "participants, staffing, budget_line or goal"),
    ("measure", "text", "what a participant figure counts"),
    ("gender", "text", "women or men"),
    ("category", "text", "breakdown label as in the text"),
    ("subject", "text", "another insats or place the figure is about"),
    ("role", "text", "staffing role"),
    ("staff_organisation", "text", "organisation of a staffing role"),
    ("person", "text", "person named with a role"),
    ("budget_label", "text", "budget line as in the text"),
    ("budget_kind", "text", "income, cost, subtotal, total_income, total_cost"),
    ("budget_column", "text", "table column of a budget figure"),
    ("budget_parent", "text", "the line a 'varav' line belongs to"),
    ("fact_period", "text", "period a figure covers"),
    ("goal_text", "text", "goal sentence"),
    ("goal_level", "text", "purpose, overall, ..."),
    ("value", "real", "the number (whole kronor for SEK)"),
    ("value_max", "real", "upper end of a range"),
    ("unit", "text", "persons, percent, years, months, days, hours_per_month, fte, SEK"),
    ("fact_confidence", "real", "extraction confidence (lowered by poor OCR)"),
    ("quote", "text", "the quoted words"),
    ("context", "text", "the sentence around the quote"),
)
# Fact field -> its column (the fields not listed keep their name).
FACT_FIELD_COLUMN = {"type": "fact_type", "organisation": "staff_organisation", "label": "budget_label",
                     "kind": "budget_kind", "column": "budget_column", "parent": "budget_parent",
                     "period": "fact_period", "text": "goal_text", "level": "goal_level",
                     "confidence": "fact_confidence"}
FINDING_COLUMNS = _cols(
    ("finding_id", "text", "document#c<n>, or insats_group#x<n> across documents"),
    ("scope", "text", "document (one document) or insats (across documents)"),
    ("rule", "text", "rule id"),
    ("severity", "text", "error, warning or info"),
    ("message", "text", "what is wrong, in Swedish, with both sides"),
    ("insats_group", "text", "the insats group of a cross-document finding"),
    ("side", "int", "1, 2, ...: one row per fact the finding rests on"),
    ("document", "text", "document of this side"),
    ("fact_id", "text", "the fact of this side (join facts on it)"),
    ("side_value", "real", "that fact's value"),
    ("side_unit", "text", "that fact's unit"),
    ("side_page", "int", "page of this side's evidence"),
    ("side_quote", "text", "quote of this side"),
    ("side_ocr_confidence", "real", "OCR confidence of this side's figures (0-100)"),
)
GROUP_COLUMNS = _cols(
    ("insats_group", "text", "group id"),
    ("group_name", "text", "name of the insats"),
    ("document", "text", "a document of the group"),
    ("group_order", "int", "its place in time (1 = earliest)"),
    ("group_time", "text", "the date or period that placed it"),
    ("group_reason", "text", "why it belongs to the group"),
)
COMPARISON_COLUMNS = _cols(
    ("insats_group", "text", "group id"),
    ("comparison", "text", "what is compared, in Swedish"),
    ("plan_document", "text", "document of the plan (or earlier) figure"),
    ("plan_fact_id", "text", "its fact"),
    ("plan_value", "real", "its value"),
    ("report_document", "text", "document of the report (or later) figure"),
    ("report_fact_id", "text", "its fact"),
    ("report_value", "real", "its value"),
    ("unit", "text", "unit of both values"),
    ("ratio", "real", "report value / plan value"),
)
# The catalogue keeps a finding once (`findings`) and its sides apart (`finding_sides`); the
# spreadsheets join the two into one row per side.
FINDING_ONLY = ("finding_id", "scope", "rule", "severity", "message", "insats_group")
CATALOGUE_FINDING_COLUMNS = (*(c for c in FINDING_COLUMNS if c.name in FINDING_ONLY),
                             Column("document", "text", "the document of a one-document finding"),
                             Column("finding_values", "text", "the numbers involved (JSON list)"),
                             Column("about", "text", "what the finding is about"))
CATALOGUE_SIDE_COLUMNS = tuple(c for c in FINDING_COLUMNS if c.name not in FINDING_ONLY[1:])
TABLE_COLUMNS = {"documents": DOCUMENT_COLUMNS, "facts": FACT_COLUMNS, "findings": FINDING_COLUMNS,
                 "groups": GROUP_COLUMNS, "comparisons": COMPARISON_COLUMNS}
SHARED_COLUMNS = frozenset({"document", "path", "fact_id", "finding_id", "insats_group", "unit"})


def fact_id(document: str, fid: str) -> str:
    """The catalogue-wide id of a fact: its document's output name and its id ('a/b#f3')."""
    return f"{document}#{fid}"
