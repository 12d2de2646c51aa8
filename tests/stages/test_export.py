"""Outputs validate against schemas/, models and schemas stay in step, writes are atomic."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.models import Evidence, Fact, Finding
from pipeline.stages.export import SCHEMA_DIR, schema_errors, write_atomic


def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("model, schema", [(Fact, "fact"), (Finding, "finding"),
                                           (Evidence, "evidence")])
def test_models_and_schemas_in_step(model: type, schema: str) -> None:
    assert {f.name for f in fields(model)} == set(_schema(schema)["properties"])


def test_broken_output_is_refused() -> None:
    bad = {"document": {"source": "x", "parties": []}, "facts": [{"type": "budget"}],
           "findings": [], "status": "ok", "input_sha256": "", "pipeline_version": "0",
           "pages": [], "errors": []}
    assert any("facts/0" in e for e in schema_errors(bad))


def test_atomic_write_leaves_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    write_atomic(target, "old")

    class Boom(str):
        def __str__(self) -> str:
            raise RuntimeError

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
