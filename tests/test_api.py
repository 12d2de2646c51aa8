"""The Python entry points: a path or a text to a typed output; an output folder as DataFrames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generated import plan_text, report_text
from pipeline import api
from pipeline.cli import main
from pipeline.models import DocumentOutput, Fact, to_json
from tests.conftest import CORPUS

TEXT = ("Helårsrapport 2023\nStegvis Ekvik\n\nAntal deltagare totalt var 27. Av dessa var 12 kvinnor "
        "och 14 män.\n")


def test_extract_text_gives_typed_output() -> None:
    out = api.extract(TEXT)
    assert isinstance(out, DocumentOutput) and out.status == "ok"
    assert all(isinstance(f, Fact) for f in out.facts)
    total = next(f for f in out.facts if f.measure == "total" and not f.gender)
    assert total.value == 27 and total.evidence.quote in TEXT
    assert total.evidence.context and "27" in total.evidence.context
    assert [c.rule for c in out.findings] == ["gender_sum"]  # 12 + 14 is not 27


def test_extract_path_matches_the_cli(tmp_path: Path) -> None:
    src = CORPUS / "001_90a0010f637e51a5.txt"
    out = api.extract(src)
    assert api.extract(str(src)).facts == out.facts  # a string naming a file is a path
    assert main(["extract", str(src), "--out", str(tmp_path), "-q"]) == 0
    written = json.loads((tmp_path / "001_90a0010f637e51a5.json").read_text("utf-8"))
    assert to_json(out) == written


def test_load_gives_frames_that_join(tmp_path: Path) -> None:
    import pandas as pd
    src = tmp_path / "in"
    src.mkdir()
    staff = {"samordnare": 100}
    (src / "plan.txt").write_text(plan_text("Stegvis Ekvik", "Ekvik", 2021, 40, staff, 900_000,
                                            900_000), "utf-8")
    (src / "rapport.txt").write_text(report_text("Stegvis Ekvik", "Ekvik", 2021, 8, 9, 17, {"samordnare": 50},
                                                 None, 900_000, 700_000, {"arbete": 3, "studier": 2}),
                                     "utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "-q"]) == 0
    t = api.load(out)
    assert set(t.documents["document"]) == {"plan", "rapport"}
    assert pd.api.types.is_float_dtype(t.facts["value"]) and t.facts["fact_id"].is_unique
    assert list(t.groups["document"]) == ["plan", "rapport"] and t.groups["insats_group"].nunique() == 1
    sides = t.findings.merge(t.facts, on="fact_id", suffixes=("", "_fact"))
    assert {"participants_vs_plan", "staffing_changed"} <= set(sides["rule"])
    assert (sides["side_value"] == sides["value"]).all()
    with pytest.raises(FileNotFoundError):
        api.load(tmp_path / "nope")
