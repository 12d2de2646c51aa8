"""Participant figures from Swedish report and plan sentences, with their spans."""

from __future__ import annotations

import pytest

from extractors.participants import extract
from tests.conftest import text_input


def _facts(text: str, kind: str = "helårsrapport") -> list[tuple]:
    inp = text_input(text, kind)
    out = []
    for f in extract(inp):
        assert inp.text[f.evidence.start:f.evidence.end].split() == f.evidence.quote.split()
        out.append((f.measure, f.gender, f.category, f.value, f.unit))
    return out


@pytest.mark.parametrize("text, expected", [
    ("Antalet deltagare under verksamhetsåret 2021 blev 42. Av dessa deltagare var 20 kvinnor och 22 män.",
     [("total", None, None, 42, "persons"), ("total", "women", None, 20, "persons"),
      ("total", "men", None, 22, "persons")]),
    ("Vid periodens utgång fanns 19 deltagare inskrivna, av dem 9 kvinnor (47%) och 10 män (53%).",
     [("enrolled_end", None, None, 19, "persons"), ("enrolled_end", "women", None, 9, "persons"),
      ("enrolled_end", "women", None, 47, "percent"), ("enrolled_end", "men", None, 10, "persons"),
      ("enrolled_end", "men", None, 53, "percent")]),
    ("Fyra personer väntade vid årsskiftet på en plats i teamet, och de står nu i kö.",
     [("queue", None, None, 4, "persons")]),
    ("Under året avslutades 9 deltagare: 3 till arbete och 6 till annat.",
     [("ended", None, None, 9, "persons"), ("outcome", None, "arbete", 3, "persons"),
      ("outcome", None, "annat", 6, "persons")]),
    ("Tre av deltagarna uppbar sjukpenning vid starten.",
     [("income_support", None, "sjukpenning", 3, "persons")]),
    ("Deltagarnas medelålder låg på 41,5 år. Den yngste var 19 år, den äldste 61 år.",
     [("age_mean", None, None, 41.5, "years"), ("age_min", None, None, 19, "years"),
      ("age_max", None, None, 61, "years")]),
    ("Genomströmningstiden för dem som gick vidare var i snitt 20 månader.",
     [("throughput_time", None, None, 20, "months")]),
])
def test_report_sentences(text: str, expected: list[tuple]) -> None:
    assert sorted(_facts(text), key=str) == sorted(expected, key=str)


def test_referral_table() -> None:
    text = "Remitterande parter under hösten:\n\nSocialtjänsten\t9\nFörsäkringskassan\t4\n"
    assert _facts(text) == [("referred_by", None, "Socialtjänsten", 9, "persons"),
                            ("referred_by", None, "Försäkringskassan", 4, "persons")]


@pytest.mark.parametrize("text, expected", [
    ("Teamet väntas kunna ta emot ett 25-tal deltagare samtidigt.",
     [("planned_enrolled", None, None, 25, "persons")]),
    ("Insatsen vänder sig till personer i åldrarna 20 – 64 år.",
     [("target_age_min", None, None, 20, "years"), ("target_age_max", None, None, 64, "years")]),
])
def test_plan_sentences(text: str, expected: list[tuple]) -> None:
    assert _facts(text, kind="insatsplan") == expected


def test_plans_report_no_outcomes() -> None:
    """A plan's history of another team is not this insats' result."""
    text = "I förra årets uppföljning hade teamet 40 inskrivna, varav 20 kvinnor och 20 manliga deltagare."
    assert _facts(text, kind="insatsplan") == []
