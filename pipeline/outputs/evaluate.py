"""Score outputs against gold facts and findings, as shared/gold/README.md describes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from pipeline.contract import (
    EXACT_FIELDS,
    FACT_FIELDS,
    FACT_TYPES,
    FUZZY_FIELDS,
    GOLD_ONLY,
    PERCENT_TOLERANCE,
    is_same_period,
)


def _fold(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").replace("–", " ").split())


def _same_value(g: dict[str, Any], p: dict[str, Any]) -> bool:
    for key in ("value", "value_max"):
        gv, pv = g.get(key), p.get(key)
        if gv is None and pv is None:
            continue
        if gv is None or pv is None:
            if key == "value_max" and gv is None:
                continue
            return False
        tol = PERCENT_TOLERANCE if g.get("unit") == "percent" else 1e-6
        if abs(float(gv) - float(pv)) > tol:
            return False
    return True


def match_score(g: dict[str, Any], p: dict[str, Any]) -> float | None:
    """How well predicted fact p matches gold fact g, or None when it does not."""
    t = g["type"]
    if p.get("type") != t or not _same_value(g, p):
        return None
    for f in EXACT_FIELDS[t]:
        if g.get(f) != p.get(f):
            return None
    total = 0.0
    for f, threshold in FUZZY_FIELDS[t]:
        gv, pv = g.get(f), p.get(f)
        if gv is None and (pv is None or f in GOLD_ONLY):
            continue
        if gv is None or pv is None:
            return None
        if f == "period":
            r = 100.0 if is_same_period(str(gv), str(pv)) else 0.0
        else:
            r = fuzz.ratio(_fold(str(gv)), _fold(str(pv)))
        if r < threshold:
            return None
        total += r
    return total


def _identity(p: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(p.get(k) for k in FACT_FIELDS if k != "confidence")


def dedupe(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One fact stated twice is one fact."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in facts:
        k = _identity(f)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


@dataclass
class TypeScore:
    """Counts for one fact type."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        """Required gold facts found."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Predicted facts that match some gold fact."""
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of recall and precision."""
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0


@dataclass
class DocScore:
    """Scores of one document."""

    name: str
    types: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in FACT_TYPES})
    findings_gold: int = 0
    findings_found: int = 0
    false_alarms: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    missing_findings: list[dict[str, Any]] = field(default_factory=list)
    alarms: list[dict[str, Any]] = field(default_factory=list)


def score_document(name: str, out: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Match one output to its gold, one to one."""
    s = DocScore(name)
    preds = [f for f in dedupe(out.get("facts", [])) if f.get("type") in FACT_TYPES]
    used: set[int] = set()
    matched_pred: set[int] = set()
    for g in gold.get("facts", []):
        t = g["type"]
        if not g.get("optional"):
            s.types[t].gold += 1
        best, best_i = None, None
        for i, p in enumerate(preds):
            if i in used:
                continue
            sc = match_score(g, p)
            if sc is not None and (best is None or sc > best):
                best, best_i = sc, i
        if best_i is not None:
            used.add(best_i)
            matched_pred.add(best_i)
            if not g.get("optional"):
                s.types[t].found += 1
        elif not g.get("optional"):
            s.misses.append(g)
    for i, p in enumerate(preds):
        s.types[p["type"]].predicted += 1
        if i in matched_pred:
            s.types[p["type"]].correct += 1
        else:
            s.spurious.append(p)
    found_gold: set[int] = set()
    for gi, gf in enumerate(gold.get("findings", [])):
        s.findings_gold += 1
        want = [float(v) for v in gf.get("values", [])]
        if any(all(any(abs(w - float(v)) < 1e-6 for v in pf.get("values", [])) for w in want)
               for pf in out.get("findings", [])):
            s.findings_found += 1
            found_gold.add(gi)
        else:
            s.missing_findings.append(gf)
    for pf in out.get("findings", []):
        if pf.get("severity") not in {"warning", "error"}:
            continue
        vals = [float(v) for v in pf.get("values", [])]
        if not any(all(any(abs(float(w) - v) < 1e-6 for v in vals) for w in gf.get("values", []))
                   for gf in gold.get("findings", [])):
            s.false_alarms += 1
            s.alarms.append(pf)
    return s


def output_for(out_dir: Path, source: str) -> Path | None:
    """The output JSON of a source file: by its name at the top of out_dir, else in the folders
    that mirror the input's ('real/texts/x.json'); a PDF's output keeps its extension."""
    name = Path(source).name
    wanted = [f"{Path(name).stem}.json", f"{name}.json"]
    for w in wanted:
        if (out_dir / w).is_file():
            return out_dir / w
    found = sorted(p for w in wanted for p in out_dir.rglob(w) if "runs" not in p.parts)
    return found[0] if found else None


def evaluate(out_dir: Path, gold_dir: Path) -> list[DocScore]:
    """Score every gold document that has an output in out_dir (a missing output scores zero)."""
    scores = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        source = gold.get("source") or gold.get("document", {}).get("source") or f"{gold_path.stem}.txt"
        out_path = output_for(out_dir, source)
        out = json.loads(out_path.read_text("utf-8")) if out_path else {}
        scores.append(score_document(Path(source).stem, out, gold))
    return scores


def totals(scores: list[DocScore]) -> dict[str, TypeScore]:
    """Per-type sums over documents, plus 'all'."""
    tot = {t: TypeScore() for t in (*FACT_TYPES, "all")}
    for s in scores:
        for t, ts in s.types.items():
            for k in ("gold", "found", "predicted", "correct"):
                setattr(tot[t], k, getattr(tot[t], k) + getattr(ts, k))
                setattr(tot["all"], k, getattr(tot["all"], k) + getattr(ts, k))
    return tot


def report(scores: list[DocScore], verbose: bool = False) -> str:
    """The evaluation table as text."""
    tot = totals(scores)
    lines = [f"{'type':<14}{'gold':>6}{'found':>7}{'pred':>6}{'right':>7}"
             f"{'recall':>8}{'prec':>7}{'F1':>7}"]
    for t, ts in tot.items():
        lines.append(f"{t:<14}{ts.gold:>6}{ts.found:>7}{ts.predicted:>6}{ts.correct:>7}"
                     f"{ts.recall:>8.3f}{ts.precision:>7.3f}{ts.f1:>7.3f}")
    fg = sum(s.findings_gold for s in scores)
    ff = sum(s.findings_found for s in scores)
    fa = sum(s.false_alarms for s in scores)
    lines.append(f"findings: {ff}/{fg} found, {fa} false alarms")
    lines.append("per document: " + "  ".join(
        f"{s.name} F1={totals([s])['all'].f1:.3f}" for s in scores))
    if verbose:
        for s in scores:
            for g in s.misses:
                lines.append(f"  MISS   {s.name} {_short(g)}")
            for p in s.spurious:
                lines.append(f"  EXTRA  {s.name} {_short(p)}")
            for g in s.missing_findings:
                lines.append(f"  MISSED FINDING {s.name} {g.get('rule')} {g.get('values')}")
            for p in s.alarms:
                lines.append(f"  FALSE ALARM {s.name} {p.get('rule')} {p.get('values')}")
    return "\n".join(lines)


def _short(f: dict[str, Any]) -> str:
    skip = {"evidence", "id", "confidence", "optional"}
    return json.dumps({k: v for k, v in f.items() if k not in skip}, ensure_ascii=False)[:220]


def as_json(scores: list[DocScore]) -> dict[str, Any]:
    """Machine-readable scores."""
    tot = totals(scores)
    return {
        "types": {t: {"gold": ts.gold, "found": ts.found, "predicted": ts.predicted,
                      "correct": ts.correct, "recall": round(ts.recall, 4),
                      "precision": round(ts.precision, 4), "f1": round(ts.f1, 4)}
                  for t, ts in tot.items()},
        "findings": {"gold": sum(s.findings_gold for s in scores),
                     "found": sum(s.findings_found for s in scores),
                     "false_alarms": sum(s.false_alarms for s in scores)},
        "documents": {s.name: round(totals([s])["all"].f1, 4) for s in scores},
    }
