"""One run over the whole corpus (texts, real texts, the scan) plus 100 generated documents, shared."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.generated import Planted, write_batch
from pipeline.cli import main
from tests.conftest import CORPUS


@dataclass(frozen=True)
class Desk:
    """The outputs of the shared run and what the generated documents were made to contain."""

    out: Path
    inputs: Path
    planted: Planted


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    """corpus/ (copied, so outputs can sit apart) and a generated batch, extracted once."""
    root = tmp_path_factory.mktemp("desk")
    inputs = root / "in"
    shutil.copytree(CORPUS, inputs / "corpus", ignore=shutil.ignore_patterns("expected", "gold", "*.md"))
    planted = write_batch(inputs / "generated", 100)
    out = root / "out"
    main(["extract", str(inputs), "--out", str(out), "--jobs", "2", "--quiet"])
    return Desk(out, inputs, planted)
