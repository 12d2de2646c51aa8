"""Every extractor on invented genre sentences (cases.py), scored one to one as the evaluator does.

A case passes when each of its facts is found and each predicted fact of the four types
matches one of its facts or optional facts (`match_score`, gold side first).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from extractors import REGISTRY
from pipeline.contract import (
    BUDGET_KINDS,
    FACT_FIELDS,
    FACT_TYPES,
    GOAL_LEVELS,
    MEASURES,
    PARTICIPANT_UNITS,
    STAFFING_UNITS,
)
from pipeline.outputs.evaluate import dedupe, match_score
from tests.conftest import text_input
from tests.extractors.cases import GROUPS, Case

FOLD = str.maketrans("åäöÅÄÖé", "aaoAAOe")


def _cases() -> Iterator[Any]:
    for group, cases in GROUPS.items():
        for i, case in enumerate(cases, 1):
            words = re.findall(r"\w+", case.text.translate(FOLD))[:6]
            yield pytest.param(case, id=f"{group}-{i:03d}-{'_'.join(words).lower()}")


CASES = list(_cases())


def predict(case: Case) -> list[dict[str, Any]]:
    """The facts of the four types that the registered extractors find in the case's text."""
    inp = text_input(case.text, case.kind)
    out = []
    for fact_type in FACT_TYPES:
        for fact in REGISTRY[fact_type](inp):
            d = dataclasses.asdict(fact)
            d.pop("evidence", None)
            out.append(d)
    return out


def match(expected: list[dict[str, Any]], optional: list[dict[str, Any]],
          predicted: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(expected facts not found, predicted facts matching nothing) after a one-to-one matching.

    A maximum bipartite matching (augmenting paths) over `match_score`; expected facts are
    matched before optional ones, so an optional fact never takes a prediction a required
    fact needs.
    """
    preds = dedupe([p for p in predicted if p.get("type") in FACT_TYPES])
    gold = [*expected, *optional]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def assign(gi: int, seen: set[int]) -> bool:
        for pi, p in enumerate(preds):
            if pi in seen or match_score(gold[gi], p) is None:
                continue
            seen.add(pi)
            if pi not in owner or assign(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        assign(gi, set())
    found = set(owner.values())
    missing = [g for gi, g in enumerate(expected) if gi not in found]
    extras = [p for pi, p in enumerate(preds) if pi not in owner]
    return missing, extras


def _show(facts: list[dict[str, Any]]) -> str:
    skip = {"confidence", "id", "evidence"}
    return "\n".join("  " + json.dumps({k: v for k, v in f.items() if v is not None and k not in skip},
                                       ensure_ascii=False) for f in facts) or "  (none)"


@pytest.mark.parametrize("case", CASES)
def test_sentence(case: Case) -> None:
    predicted = predict(case)
    missing, extras = match(list(case.facts), list(case.optional), predicted)
    assert not missing and not extras, (
        f"\ntext: {case.text!r} (kind {case.kind})\nmissing:\n{_show(missing)}\n"
        f"extra:\n{_show(extras)}\npredicted:\n{_show(predicted)}")


# --- the harness and the data checked on their own -------------------------------------------

def _as_prediction(fact: dict[str, Any]) -> dict[str, Any]:
    """An expected fact as a perfect extractor would emit it (every Fact field present)."""
    return {f: fact.get(f) for f in FACT_FIELDS}


ALLOWED = {
    "participants": ("measure", MEASURES, PARTICIPANT_UNITS),
    "staffing": (None, None, (*STAFFING_UNITS, None)),
    "budget_line": ("kind", BUDGET_KINDS, ("SEK",)),
    "goal": ("level", GOAL_LEVELS, ("persons", "percent", "months", "years", None)),
}


@pytest.mark.parametrize("case", CASES)
def test_case_is_well_formed(case: Case) -> None:
    for fact in (*case.facts, *case.optional):
        assert set(fact) <= set(FACT_FIELDS), set(fact) - set(FACT_FIELDS)
        field, values, units = ALLOWED[fact["type"]]
        if field:
            assert fact[field] in values, fact
        assert fact["unit"] in units, fact
        assert fact.get("gender") in (None, "women", "men"), fact
        assert (fact["value"] is None) == (fact["unit"] is None), fact
    # a perfect extractor passes the case: no expected fact is a duplicate of another
    perfect = [_as_prediction(f) for f in (*case.facts, *case.optional)]
    assert match(list(case.facts), list(case.optional), perfect) == ([], [])


def test_match_reports_missing_and_extra() -> None:
    total = {"type": "participants", "measure": "total", "value": 48, "unit": "persons"}
    women = {**total, "value": 27, "gender": "women"}
    role = {"type": "staffing", "role": "projektledare", "organisation": "Arvika kommun",
            "value": 50, "unit": "percent"}
    pred = [_as_prediction(f) for f in (total, women, role)]
    assert match([total, women, role], [], pred) == ([], [])
    # a near spelling of a label still matches; a wrong measure or gender does not
    near = _as_prediction({**role, "role": "projektledaren", "organisation": "Arvika kommun"})
    assert match([role], [], [near]) == ([], [])
    wrong = _as_prediction({**women, "gender": "men"})
    assert match([women], [], [wrong]) == ([women], [wrong])
    # one prediction serves one expected fact; a second copy of the same fact is deduplicated
    assert match([total, {**total}], [], [pred[0], pred[0]]) == ([{**total}], [])
    # optional facts forgive a prediction but are never required
    assert match([total], [women], [pred[0], pred[1]]) == ([], [])
    assert match([total], [women], [pred[0]]) == ([], [])
    assert match([total], [], [pred[0], pred[1]]) == ([], [pred[1]])
    # an optional fact does not take the prediction a required one needs
    assert match([women], [{**women, "measure": "total"}], [pred[1]]) == ([], [])
    # the matching is maximal: a fact that fits two predictions leaves one to a fact that fits one
    loose = {"type": "participants", "measure": "planned_enrolled", "value": 80, "unit": "persons"}
    ranged = {**loose, "value_max": 120}
    assert match([loose, ranged], [], [_as_prediction(ranged), _as_prediction(loose)]) == ([], [])
    # facts of other types are not scored
    assert match([], [], [{"type": "document", "value": 1}]) == ([], [])


def test_predict_with_a_perfect_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.models import Fact

    case = GROUPS["participants"][0]

    def fake(fact_type: str) -> Any:
        def extract(inp: Any) -> list[Fact]:
            ev = inp.evidence(0, len(inp.text))
            return [Fact(evidence=ev, **f) for f in case.facts if f["type"] == fact_type]
        return extract

    for t in FACT_TYPES:
        monkeypatch.setitem(REGISTRY, t, fake(t))
    test_sentence(case)
    monkeypatch.setitem(REGISTRY, "participants", lambda inp: [])
    with pytest.raises(AssertionError, match="missing"):
        test_sentence(case)
