"""Every rule table has invented examples: each pattern fires on at least two invented sentences."""

from __future__ import annotations

import re
from collections import Counter

from extractors import budget_prose
from extractors.goal import GOAL_SENTENCES
from extractors.participants import PATTERNS, _mentions
from extractors.tokens import sentences, tokenize
from tests.extractors.cases import GROUPS

TEXTS = [c.text for cases in GROUPS.values() for c in cases]


def test_each_participant_pattern_has_two_invented_examples() -> None:
    seen: Counter[str] = Counter()
    for text in TEXTS:
        for s in sentences(text):
            seen.update({m.pattern for m in _mentions(tokenize(s.text))})
    thin = {name: seen[name] for name in PATTERNS if seen[name] < 2}
    assert not thin, f"patterns with fewer than two invented examples: {thin}"


def test_each_goal_opening_has_two_invented_examples() -> None:
    seen: Counter[int] = Counter()
    for text in TEXTS:
        for s in sentences(text):
            for k, (_, pat) in enumerate(GOAL_SENTENCES):
                seen[k] += bool(pat.search(re.sub(r"^[\s\-•*–·\"”“]+", "", s.text).strip()))
    thin = [GOAL_SENTENCES[k][1].pattern[:60] for k in range(len(GOAL_SENTENCES)) if seen[k] < 2]
    assert not thin, thin


def _budget_patterns() -> dict[str, re.Pattern[str]]:
    """The module's patterns by name, tables included ('NOMINAL[0]')."""
    found: dict[str, re.Pattern[str]] = {}
    for name, value in vars(budget_prose).items():
        if name.isupper() and isinstance(value, re.Pattern):
            found[name] = value
        elif name.isupper() and isinstance(value, tuple):
            for k, row in enumerate(value):
                if isinstance(row, tuple) and isinstance(row[0], re.Pattern):
                    found[f"{name}[{k}]"] = row[0]
    return found


def test_each_budget_prose_pattern_has_two_invented_examples() -> None:
    # the patterns read the text before an amount, so each is tried on every such cut
    patterns = _budget_patterns()
    seen: Counter[str] = Counter()
    for text in TEXTS:
        cuts = [text] + [text[:m.start()] for m in re.finditer(r"\d", text)]
        seen.update({name for name, pat in patterns.items() if any(pat.search(c) for c in cuts)})
    thin = {name: seen[name] for name in patterns if seen[name] < 2}
    assert not thin, f"patterns with fewer than two invented examples: {thin}"
