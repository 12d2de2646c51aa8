"""Figures as OCR reads them: glued digits, '%' read as digits, uncertain cells, English numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import IngestedDoc, Page, TextDoc, Word
from pipeline.repair.figures import table_sum_edits, us_number_edits
from pipeline.stages.normalise import apply_edits, normalise


def _ocr(text: str, words: tuple[Word, ...] = ()) -> str:
    src = IngestedDoc(Path("scan.pdf"), "pdf", "0" * 64, len(text))
    return normalise(TextDoc(src, (Page(1, text, "ocr", words=words),))).text


def _word(text: str, token: str, conf: float, alt: str | None = None, nth: int = 0) -> Word:
    start = -1
    for _ in range(nth + 1):
        start = text.index(token, start + 1)
    return Word(start, start + len(token), (0, 0, 1, 1), conf, alt)


@pytest.mark.parametrize("ocr, fixed", [
    # a count glued to the word after it
    ("hade 12 sjukpenning, 1aktivitetsersättning och 2 lönebidrag",
     "hade 12 sjukpenning, 1 aktivitetsersättning och 2 lönebidrag"),
    ("ett 3dje steg och 2st möten", "ett 3dje steg och 2st möten"),  # no known word after the digit
    # '%' read as digits where the sentence has other shares
    ("hade 61 % lön, 30 % sjukpenning och 924 ingen ersättning.",
     "hade 61 % lön, 30 % sjukpenning och 9% ingen ersättning."),
    ("Andelen var 39 2/0 av de inskrivna.", "Andelen var 39 % av de inskrivna."),
    ("Andelen var 39 9/0 av de inskrivna.", "Andelen var 39 % av de inskrivna."),
    ("Hela 14 36 av deltagarna gick till studier.", "Hela 14 % av deltagarna gick till studier."),
    ("handläggarna arbetar 50960 i teamet.", "handläggarna arbetar 50% i teamet."),
    # shares of women and men that add up to 100, however sure OCR was of them
    ("Av de nya var 4496 kvinnor och 5696 män.", "Av de nya var 44% kvinnor och 56% män."),
    # left alone: counts, amounts, years and a grouped number with no share in sight
    ("Av de nya var 1296 kvinnor och 1196 män.", "Av de nya var 1296 kvinnor och 1196 män."),
    ("Under 2024 och 2020 arbetade 1220 personer i projekten.",
     "Under 2024 och 2020 arbetade 1220 personer i projekten."),
    ("Kostnaden blev 15 936 kronor i år.", "Kostnaden blev 15 936 kronor i år."),
])
def test_ocr_figures(ocr: str, fixed: str) -> None:
    assert _ocr(ocr) == fixed


def test_percent_read_as_digits_with_low_confidence() -> None:
    text = "Av deltagarna hade 58 försörjningsstöd och 324 ingen ersättning"
    assert _ocr(text, (_word(text, "324", 62.0),)) == \
        "Av deltagarna hade 58 försörjningsstöd och 3% ingen ersättning"
    assert _ocr(text, (_word(text, "324", 95.0),)) == text  # read with confidence: a count


TABLE = ("Post\tUtfall\tBudget\n"
         "Personal\t512 300\t520 000\n"
         "Lokaler\t48 120\t50 000\n"
         "Övrigt\t-319 500\t30 000\n"
         "Summa\t540 920\t600 000\n")


def test_uncertain_cell_read_again_makes_its_column_add_up() -> None:
    # OCR read '-319' unsure; read again alone it was '19': only that reading makes the column add up.
    words = (_word(TABLE, "-319", 41.0, alt="-19"),)
    edits = table_sum_edits(TABLE, words, 0)
    assert [(e.original, e.replacement) for e in edits] == [("-319", "-19")]
    assert "Övrigt\t-19 500\t30 000" in apply_edits(TABLE, edits)[0]
    assert "Övrigt\t-19 500" in _ocr(TABLE, words)


def test_second_reading_kept_only_where_it_makes_the_table_add_up() -> None:
    # The column adds up as read: the second reading is not taken, however unsure the first was.
    fine = TABLE.replace("-319 500", "-19 500")
    assert table_sum_edits(fine, (_word(fine, "-19", 41.0, alt="-119"),), 0) == []
    # The second reading does not make it add up either: the cell is left as read.
    assert table_sum_edits(TABLE, (_word(TABLE, "-319", 41.0, alt="-318"),), 0) == []
    # A cell read with confidence has no second reading to take.
    assert table_sum_edits(TABLE, (_word(TABLE, "-319", 96.0),), 0) == []


def test_us_numbers_in_swedish_form() -> None:
    text = "served 18,870 people at a cost of 1,250,000.50 and 2.125 million, in 3.5 days"
    got = apply_edits(text, us_number_edits(text, 0))[0]
    assert got == ("served 18\u00a0870 people at a cost of 1\u00a0250\u00a0000,50 and 2,125 million, "
                   "in 3.5 days")
