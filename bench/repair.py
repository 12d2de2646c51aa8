"""Measure OCR repair: damaged words restored and correct words changed, against true text."""

from __future__ import annotations

import difflib
import random
import re
import unicodedata
from dataclasses import dataclass, fields

from pipeline.models import NormDoc

WORD = re.compile(r"[^\W_]+|[&{|]+[^\W_]*|%")
FUZZY = str.maketrans({c: "*" for c in "aäåoöeéèdi&4160|{l"})


@dataclass
class RepairScore:
    """Counts of one comparison of damaged, repaired and true text."""

    damaged: int = 0
    restored: int = 0
    correct: int = 0
    changed: int = 0
    numbers_changed: int = 0

    def add(self, other: RepairScore) -> None:
        """Accumulate another score into this one."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def restored_share(self) -> float:
        """Share of damaged words the repair restored."""
        return self.restored / self.damaged if self.damaged else 1.0

    @property
    def changed_share(self) -> float:
        """Share of correct words the repair changed."""
        return self.changed / self.correct if self.correct else 0.0

    def line(self, name: str) -> str:
        """One report line."""
        return (f"{name:<34} damaged {self.damaged:5d}  restored {self.restored_share:7.2%}  "
                f"correct {self.correct:6d}  changed {self.changed_share:7.3%}  "
                f"numbers changed {self.numbers_changed}")


def score_repair(norm: NormDoc, truth: str, misses: list[tuple[str, str, str]] | None = None
                 ) -> RepairScore:
    """Align raw words to true words, then judge what the normaliser made of each."""
    raw = norm.raw_text
    raw_toks = [(m.group(), m.start(), m.end()) for m in WORD.finditer(raw)]
    true_toks = WORD.findall(unicodedata.normalize("NFC", truth))
    replaced = {(e.raw_start, e.raw_end): e.replacement for e in norm.edits}
    # Running heads and logos are dropped on purpose; their words are not judged as repairs.
    dropped = [(e.raw_start, e.raw_end) for e in norm.edits if "header/footer" in e.reason]
    sm = difflib.SequenceMatcher(
        a=[t[0].lower().translate(FUZZY) for t in raw_toks],
        b=[t.lower().translate(FUZZY) for t in true_toks], autojunk=False)
    s = RepairScore()
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            tok, start, end = raw_toks[a + k]
            true = true_toks[b + k]
            if any(s0 <= start and end <= e0 for s0, e0 in dropped):
                continue
            got = replaced.get((start, end), tok)
            if tok == true:
                s.correct += 1
                if got != true:
                    s.changed += 1
                    s.numbers_changed += tok.isdigit()
                    if misses is not None:
                        misses.append(("changed", tok, got))
            else:
                s.damaged += 1
                if got == true:
                    s.restored += 1
                elif misses is not None:
                    misses.append(("missed", tok, f"{got} (true {true})"))
    return s


STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")
# Confusions of a foreign-language engine, for damaging clean text the way seed 000 is damaged.
CONFUSE = {"ä": ["a", "a", "a", "d", "é", "&", "i"], "å": ["a", "a", "a", "é", "d"],
           "ö": ["o", "o", "o", "6", "0", "é"], "Ä": ["A"], "Å": ["A"], "Ö": ["O"]}


def strip_diacritics(text: str) -> str:
    """Damage text like seed 003: every å/ä/ö flattened."""
    return text.translate(STRIP)


def confuse(text: str, seed: int = 0, i_rate: float = 0.35) -> str:
    """Damage text like seed 000: diacritics to foreign symbols, the word i to 1."""
    rnd = random.Random(seed)
    out = []
    for ch in text:
        out.append(rnd.choice(CONFUSE[ch]) if ch in CONFUSE else ch)
    damaged = "".join(out)
    return re.sub(r"(?<= )i(?= )", lambda m: "1" if rnd.random() < i_rate else "i", damaged)
