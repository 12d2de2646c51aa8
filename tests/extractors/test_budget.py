"""Budget tables: varav hierarchies in tkr, multi-column tables, amounts in prose."""

from __future__ import annotations

import pytest

from extractors.budget import extract
from tests.conftest import text_input

VARAV = """Kostnader och intäkter är i tusentals kronor.

Intäkter 2021
Bidrag från förbundet............ 500
Totalt intäkter .................. 500
Kostnader 2021
Personal totalt ..................... 400
Varav coach (100 %)............... 400
Övriga kostnader totalt ........... 100
Varav material..................... 100
Totalt kostnader................... 500
"""


def test_varav_table_in_thousands() -> None:
    facts = extract(text_input(VARAV, "insatsplan"))
    got = [(f.label, f.kind, f.parent, f.value, f.period) for f in facts]
    year = "2021-01-01/2021-12-31"
    assert got == [
        ("Bidrag från förbundet", "income", None, 500_000, year),
        ("Totalt intäkter", "total_income", None, 500_000, year),
        ("Personal totalt", "subtotal", None, 400_000, year),
        ("Coach (100 %)", "cost", "Personal totalt", 400_000, year),
        ("Övriga kostnader totalt", "subtotal", None, 100_000, year),
        ("Material", "cost", "Övriga kostnader totalt", 100_000, year),
        ("Totalt kostnader", "total_cost", None, 500_000, year),
    ]


def test_multi_column_table_every_cell() -> None:
    text = ("Teamet\tUtfall jan-juni 2022\tBudget 2022\n"
            "Personal\t1 200 500\t2 400 000\n"
            "Lokaler\t-3 100\t60 000\n"
            "Summa\t1 197 400\t2 460 000\n")
    facts = extract(text_input(text))
    cells = {(f.label, f.column): (f.value, f.kind) for f in facts}
    assert cells[("Personal", "Utfall jan-juni 2022")] == (1_200_500, "cost")
    assert cells[("Lokaler", "Utfall jan-juni 2022")] == (-3_100, "cost")
    assert cells[("Summa", "Budget 2022")] == (2_460_000, "total_cost")
    assert len(facts) == 6


# (text, expected cells): a table seen through OCR damage, and one OCR gave without tabs, where
# '512 400 618 250 ...' could be split many ways and the deviation column and the total decide.
DAMAGED_TABLES = [
    ('I Teamet Norrby\tUtfall jan- os Budget jan- "Budget 2024.\tAvvikelse\n'
     "Ko a\tjuni 2024\tjuni 2024\ts\t2024\n"
     "Personal\t|\t500 000\t600 000\t1 200.000\t100 000\n"
     "Lokaler\t5\t40 000.\t30 000\t60 000\t-10 000 -\n"
     "Summa\t540 000\t630 000\t1260 000\t90 000\n",
     {("Personal", "Utfall jan-juni 2024"): 500_000, ("Personal", "Budget 2024"): 1_200_000,
      ("Lokaler", "Avvikelse 2024"): -10_000, ("Summa", "Budget jan-juni 2024"): 630_000}),
    ("Teamet Norrby Utfall jan- Budget jan- Budget 2024 Avvikelse\n\n"
     "juni 2024 juni 2024 2024\n"
     "Personal 512 400 618 250 1 236 500 105 850\n"
     "Lokaler 40 000 30 000 60 000 -10 000\n"
     "Summa 552 400 648 250 1 296 500 95 850\n",
     {("Personal", "Utfall jan-juni 2024"): 512_400, ("Personal", "Budget 2024"): 1_236_500,
      ("Lokaler", "Avvikelse 2024"): -10_000, ("Summa", "Budget jan-juni 2024"): 648_250}),
]


@pytest.mark.parametrize("text, expected", DAMAGED_TABLES)
def test_multi_column_table_through_ocr_damage(text: str, expected: dict) -> None:
    facts = extract(text_input(text))
    cells = {(f.label, f.column): f.value for f in facts}
    assert {k: cells.get(k) for k in expected} == expected
    assert len(facts) == 12  # three rows of four columns


@pytest.mark.parametrize("groups, n, readings", [
    ("743 087 958 998", 2, [[743_087, 958_998], [743_087_958, 998]]),
    ("1 087 5", 2, [[1_087, 5]]),  # '087' cannot open a number
    ("12 34", 1, []),  # '34' cannot continue one
])
def test_partitions(groups: str, n: int, readings: list[list[float]]) -> None:
    from extractors.budget import _partitions

    assert _partitions(groups.split(), n) == readings


def test_amount_in_prose() -> None:
    text = ("Kostnaderna för gruppens arbete 2012 uppskattas till följande:\n\n"
            "Handledning: Gruppen behöver 10 timmar à 800 kronor under 5 månader — 40 000 kronor.\n")
    (f,) = extract(text_input(text))
    assert (f.label, f.value, f.kind, f.period) == ("Handledning", 40_000, "cost",
                                                    "2012-01-01/2012-12-31")


def test_partitions_of_a_long_row_are_capped() -> None:
    from extractors.budget import MAX_READINGS, _partitions

    assert 0 < len(_partitions(["123"] * 40, 14)) <= MAX_READINGS
