"""OCR repair quality on the seeds, every word of the true text judged: the targets of the repair,
measured as `make bench` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.__main__ import CLEAN, _norm_text
from bench.repair import RepairScore, confuse, score_repair, strip_diacritics
from pipeline.stages.ingest import ingest
from pipeline.stages.normalise import normalise
from pipeline.stages.text import read_text_pages
from tests.conftest import CORPUS


def test_seed_000_against_hand_corrected_text() -> None:
    seed = next(CORPUS.glob("000_*.txt"))
    truth = (CORPUS / "gold/000_corrected.text").read_text("utf-8")
    s = score_repair(normalise(read_text_pages(ingest(seed))), truth)
    assert s.restored_share >= 0.97
    assert s.changed_share <= 0.001
    assert s.numbers_changed == 0


@pytest.mark.slow
@pytest.mark.parametrize("damage, restored", [(strip_diacritics, 0.97), (confuse, 0.95), (None, 1.0)])
def test_clean_seeds_damaged_and_repaired(damage, restored: float, tmp_path: Path) -> None:
    total = RepairScore()
    for name in CLEAN:
        clean = (CORPUS / f"{name}.txt").read_text("utf-8")
        total.add(score_repair(_norm_text(damage(clean) if damage else clean, tmp_path, name), clean))
    assert total.restored_share >= restored
    assert total.changed_share <= (0.001 if damage else 0.0)
    assert total.numbers_changed == 0


def test_scorer_judges_every_true_word() -> None:
    from bench.repair import score_texts

    truth = "Målet är att öka samverkan mellan fyra myndigheter i länet."
    raw = "Mainad &r att O0ka samverkan mellan fyra myndigheter 1 lanet."
    out = "Mainad är att öka samverkan mellan fyra myndigheter i länet och"
    s = score_texts(raw, out, truth)
    assert (s.words, s.damaged, s.restored, s.correct, s.changed) == (10, 5, 4, 5, 0)
    # a word the repair leaves out is judged too, and a correct number changed is counted
    s = score_texts("Antal 12 deltagare", "Antal deltagare", "Antal 12 deltagare")
    assert (s.changed, s.numbers_changed) == (1, 1)
