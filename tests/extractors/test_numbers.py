"""Numbers as Swedes write them: one quantity per phrase, with value, range, unit and bound."""

from __future__ import annotations

import time

import pytest

from extractors.numbers import find_quantities, parse_number, word_number


@pytest.mark.parametrize("text, value, value_max, unit", [
    ("hade 93 personer", 93, None, None),
    ("totalt 2 450 deltagare", 2450, None, None),
    ("totalt 12\u00a0300 individer", 12300, None, None),  # a no-break space groups thousands
    ("cirka 500.000 SEK", 500_000, None, "SEK"),  # a dot groups thousands
    ("Total projektbudget26 022 053 kr", 26_022_053, None, "SEK"),  # a label run into the figure
    ("på 1,5 tjänst", 1.5, None, None),
    ("en ram på 8, 1 Mkr", 8_100_000, None, "SEK"),  # a decimal comma split from its digit
    ("4 310 tkr", 4_310_000, None, "SEK"),
    ("2 miljoner kronor", 2_000_000, None, "SEK"),
    ("0,4 miljarder kronor", 400_000_000, None, "SEK"),
    ("100 mkr", 100_000_000, None, "SEK"),
    ("9,6 milj. kr", 9_600_000, None, "SEK"),
    ("på 50 %", 50, None, "percent"),
    ("75 procent", 75, None, "percent"),
    ("tjugo ungdomar", 20, None, None),
    ("Sjuttio personer", 70, None, None),
    ("tvåhundratjugo", 220, None, None),
    ("ett 40-tal handläggare", 40, None, None),
    ("ett sjuttiotal personer", 70, None, None),
    ("ett hundratal", 100, None, None),
    ("personer i åldern 16 – 66 år", 16, 66, "years"),
    ("18-64 år", 18, 64, "years"),
    ("mellan 20 och 29 år", 20, 29, "years"),
    ("fyra till sex månader", 4, 6, "months"),
    ("Arbeta med 50 -55 deltagare", 50, 55, None),  # a dash after a space is a range, not a sign
    ("hälften av deltagarna", 50, None, "percent"),
    ("var tredje deltagare", 33.3, None, "percent"),
    ("sju av tio", 70, None, "percent"),
    ("två av tre deltagare", 66.7, None, "percent"),
    ("Årets resultat blev -215 000 kr", -215_000, None, "SEK"),
])
def test_quantity(text: str, value: float, value_max: float | None, unit: str | None) -> None:
    q = [q for q in find_quantities(text) if not q.is_year][0]
    assert (q.value, q.value_max, q.unit) == (value, value_max, unit)


@pytest.mark.parametrize("text, approx, bound", [
    ("drygt 300 deltagare", True, None),
    ("knappt 60 personer", True, None),
    ("Över 1 100 personer", True, None),
    ("uppemot 500 unga", True, None),
    ("minst 140 personer", False, "min"),
    ("upp till 30 års ålder", False, "max"),
])
def test_approximations_and_bounds_keep_the_number_stated(text: str, approx: bool,
                                                          bound: str | None) -> None:
    (q,) = find_quantities(text)
    assert (q.approx, q.bound) == (approx, bound)


@pytest.mark.parametrize("text", [
    "Ring 0650-123 45 för mer information",  # phone number
    "Org.nr: 556812-3344",  # organisation number
    "Projektperiod: 2016-12-01 - 2020-08-31",  # dates
    "Diarienummer: 2023/00517",  # case number
    "Mötet hölls kl. 10.00–12.00",  # clock times
    "den 14 mars",  # a day of a month
    "var tredje månad",  # every third month is a frequency, not a share
])
def test_figures_that_are_no_quantities(text: str) -> None:
    assert [q for q in find_quantities(text) if not q.is_year] == []


def test_years_are_marked() -> None:
    qs = find_quantities("Under 2023 deltog 48 personer, jämfört med 2022 och mellan 2020 och 2022.")
    assert [(q.value, q.is_year) for q in qs] == [(2023, True), (48, False), (2022, True),
                                                   (2020, True)]
    assert qs[-1].value_max == 2022


def test_number_words_and_parsing() -> None:
    assert word_number("trettiofem") == 35 and word_number("tretusen") == 3000
    assert word_number("en") == 1 and word_number("deltagare") is None
    assert parse_number("26 022 053") == 26_022_053 and parse_number("41,5") == 41.5
    assert parse_number("1" * 400) is None  # too large to be a finite number: no number at all
    assert parse_number("x") is None


def test_reading_is_linear_in_digit_runs() -> None:
    """Long digit runs and repeated figures are read in time proportional to their length."""
    t0 = time.perf_counter()
    find_quantities("9" * 200_000)
    find_quantities("1 234 " * 20_000)
    find_quantities("hälften " * 10_000)
    assert time.perf_counter() - t0 < 10  # generous: the point is no blow-up, not a timing
