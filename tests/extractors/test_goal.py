"""Goals from goal sentences and goal lists, with numeric targets."""

from __future__ import annotations

import pytest

from extractors.goal import extract, target
from tests.conftest import text_input


def test_goal_sentences() -> None:
    text = ("Syftet med insatsen är att ge stöd till fler.\n\n"
            "Det övergripande målet för insatsen är att fler ska nå egen försörjning.\n")
    got = [(f.level, f.text) for f in extract(text_input(text, "insatsplan"))]
    assert got == [("purpose", "Syftet med insatsen är att ge stöd till fler."),
                   ("overall", "Det övergripande målet för insatsen är att fler ska nå egen försörjning.")]


def test_measurable_list_stops_at_prose() -> None:
    text = ("Mätbara delmål för gruppen är:\n"
            "att minst 40 personer ska ha fått en kartläggning\n"
            "att 20 % av deltagarna ska ha arbete efter ett år\n\n"
            "Det finns i dag långa väntetider. Detta medför förseningar.\n")
    got = [(f.level, f.value, f.unit) for f in extract(text_input(text, "ansökan"))]
    assert got == [("measurable", 40, "persons"), ("measurable", 20, "percent")]


@pytest.mark.parametrize("text, expected", [
    ("Av gruppens 30 deltagare ska 6–8 personer ha arbete.", (6, 8, "persons")),
    ("25 % av deltagarna ska vara självförsörjande.", (25, None, "percent")),
    ("att minst hälften ska erbjudas aktivitet", (50, None, "percent")),
    ("att följa upp planen var fjärde månad", (4, None, "months")),
    ("Kostnaderna ska minska.", (None, None, None)),
])
def test_targets(text: str, expected: tuple) -> None:
    assert target(text) == expected
