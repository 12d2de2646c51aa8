"""Swedish context cues: which reading of a look-alike the neighbouring words favour."""

from __future__ import annotations

import pytest

from pipeline.repair.context import Context, is_preposition_i, prefer


@pytest.mark.parametrize("ctx, favoured, not_favoured", [
    (Context(prev="41"), "år", "är"),  # '41 ar' is an age
    (Context(prev="2019"), None, "år"),  # a year is not a count of years
    (Context(prev="varje"), "år", "är"),
    (Context(near=frozenset({"kvinnor", "och"})), "män", "man"),
    (Context(sentence=frozenset({"kvinnliga", "deltagarna", "var"})), "männen", "mannen"),
    (Context(prev="storre"), "än", "an"),  # damaged context still matches: 'storre' for 'större'
    (Context(prev="nytt"), "sätt", "satt"),
    (Context(next="att", prev="det"), "svårt", "svart"),
    (Context(next="vara"), "bör", "bor"),
])
def test_prefer(ctx: Context, favoured: str | None, not_favoured: str) -> None:
    got = prefer(ctx)
    if favoured:
        assert favoured in got
    assert not_favoured not in got


@pytest.mark.parametrize("prev, nxt, next_read, expected", [
    ("medel", "den", "den", True),
    ("och", "andra", "andra", True),  # 'i andra' even after 'och'
    ("och", "har", "har", False),  # 'och 1 har': a count
    ("betalas", "april", "april", False),  # a date
    ("träffas", "gdng", "gång", False),  # '1 gång', the unit read through its damage
    ("arbetar", "kronor", "kronor", True),  # plural noun: not a count of one
    ("2018", "god", "god", True),  # after a year
    ("", "teamet", "teamet", False),  # no word before (punctuation or a table cell)
])
def test_lone_one(prev: str, nxt: str, next_read: str, expected: bool) -> None:
    assert is_preposition_i(Context(prev, nxt), next_read) is expected
