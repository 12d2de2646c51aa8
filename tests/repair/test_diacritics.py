"""The light word check on OCR pages: a wrong mark over a vowel, nothing more."""

from __future__ import annotations

import pytest

from pipeline.repair.diacritics import best_mark, mark_edits


@pytest.mark.parametrize("read, word", [
    ("Försäkringskassån", "Försäkringskassan"),
    ("Arbetsförmedlíngen", None),  # not a mark over å/ä/ö/é: left to other checks
    ("Styrgruppéns", "Styrgruppens"),
    ("samordningsförbundét", "samordningsförbundet"),
    ("deltagarna", None),  # a known word is never changed
    ("Säter", None),
    ("Nyström", None),  # a name no list knows, with no known word one mark away
    ("ökade", None),
])
def test_one_mark_from_a_known_word(read: str, word: str | None) -> None:
    assert best_mark(read) == word


def test_clean_text_is_left_unchanged() -> None:
    text = ("Samverkansteamet har under året tagit emot nya deltagare från Försäkringskassan och "
            "socialtjänsten. Målet är att fler ska närma sig arbetsmarknaden och få egen försörjning.")
    assert mark_edits(text, 0) == []
