"""The extractors on 31 real texts of the genre (corpus/real), scored against their hand-read gold.

This is the development set for generalisation: the figures below are what `make bench` reports
in its "Real texts" section; the test keeps them from sliding back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models import DocumentOutput, IngestedDoc, Page, TextDoc, to_json
from pipeline.outputs.evaluate import score_document, totals
from pipeline.stages.checks import cross_check
from pipeline.stages.extract import extract
from pipeline.stages.normalise import normalise
from tests.conftest import CORPUS

REAL = CORPUS / "real"


def _output(path: Path) -> dict:
    text = path.read_text("utf-8")
    norm = normalise(TextDoc(IngestedDoc(path, "text", "0" * 64, len(text)), (Page(1, text, "text"),)))
    info, facts = extract(norm)
    return to_json(DocumentOutput(info, facts, cross_check(facts, norm.text)))


@pytest.fixture(scope="module")
def scores() -> list:
    out = []
    for g in sorted((REAL / "gold").glob("*.json")):
        gold = json.loads(g.read_text("utf-8"))
        out.append(score_document(g.stem, _output(REAL / "texts" / f"{g.stem}.txt"), gold))
    return out


def test_every_real_text_has_gold_and_an_output(scores: list) -> None:
    assert len(scores) == len(list((REAL / "texts").glob("*.txt"))) == 31


def test_facts_on_real_texts(scores: list) -> None:
    tot = totals(scores)
    assert tot["all"].f1 >= 0.90, {t: round(s.f1, 3) for t, s in tot.items()}
    assert tot["all"].recall >= 0.90 and tot["all"].precision >= 0.88
    for t in ("participants", "goal"):
        assert tot[t].f1 >= 0.90, (t, tot[t].f1)
    for t in ("staffing", "budget_line"):  # the gold's wording of labels is not all reachable
        assert tot[t].f1 >= 0.80, (t, tot[t].f1)


def test_findings_on_real_texts(scores: list) -> None:
    assert sum(s.findings_found for s in scores) == sum(s.findings_gold for s in scores)
    assert sum(s.false_alarms for s in scores) == 0, [a for s in scores for a in s.alarms]
