"""The confusion model: estimated from data, one table for the repair, the cues and the bench."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench.repair import confuse
from pipeline.repair import model
from pipeline.repair.context import fold
from pipeline.repair.tuning import NOISE_OF_SEED_000
from pipeline.repair.words import Damage, measure_damage
from tests.conftest import CORPUS, ROOT


def test_table_is_what_the_script_estimates_from_seed_000() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts/confusions.py"), "--check"], check=False)
    assert done.returncode == 0, "run scripts/confusions.py: data/confusions.tsv is stale"


def test_noise_reference_is_seed_000s_measured_noise() -> None:
    assert measure_damage(next(CORPUS.glob("000_*.txt")).read_text("utf-8")).noise == NOISE_OF_SEED_000


def test_readings_and_channel() -> None:
    assert {"ä", "å"} <= model.readings_of()["d"] and "ö" in model.readings_of()["6"]
    assert "id" in model.units()  # 'kridva': one letter read as two
    dmg = Damage(strip=0.0, noise=0.2)
    assert model.log_channel("d", "ä", dmg) > model.log_channel("4", "ä", dmg) > -9
    assert model.log_channel("a", "ä", dmg) == -9.0  # nothing is flattened on this page
    assert model.log_channel("x", "ä", dmg) == -9.0


def test_context_folds_marks_as_their_letters() -> None:
    assert fold("större") == fold("st6rre") == "storre"
    assert fold("Säter") == fold("Séter") == "sater"


def test_damage_generator_draws_from_the_table() -> None:
    clean = (CORPUS / "001_90a0010f637e51a5.txt").read_text("utf-8")
    damaged = confuse(clean, seed=3)
    assert damaged == confuse(clean, seed=3) != confuse(clean, seed=4)
    counts, before = Counter(damaged), Counter(clean)
    assert sum(counts[c] for c in "åäö") < 0.1 * sum(before[c] for c in "åäö")  # as on 000
    assert counts["é"] and counts["d"] > before["d"]
    assert Path(model.__file__).parent.joinpath("data/confusions.tsv").exists()
