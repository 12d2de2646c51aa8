"""The cross-document stage: group the outputs of a folder, compare, run the rules, write the result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.contract import SEVERITY_RANK, fact_id
from pipeline.crossdoc.group import Group, doc_view, group_documents
from pipeline.crossdoc.rules import CROSS_RULES, Comparison, Side, comparisons
from pipeline.models import Severity, _evidence_json, _number_json

UNSURE = 0.8  # as the per-document checks: a side read this unsurely makes an alarm a note


@dataclass(frozen=True)
class CrossFinding:
    """A cross-document finding: the rule, what it says, and the sides in their documents."""

    id: str
    group: str
    rule: str
    severity: Severity
    message: str
    values: tuple[float, ...]
    sides: tuple[Side, ...]
    about: str


@dataclass(frozen=True)
class CrossResult:
    """Groups, their comparisons and the cross-document findings of one output folder."""

    groups: tuple[Group, ...]
    comparisons: tuple[tuple[str, Comparison], ...]
    findings: tuple[CrossFinding, ...]

    def group_of(self, document: str) -> Group | None:
        """The group a document belongs to, if any."""
        return next((g for g in self.groups if any(d.name == document for d in g.docs)), None)


def analyse(outputs: list[tuple[str, dict[str, Any]]]) -> CrossResult:
    """Group the documents (failed ones left out), list their comparisons and run every rule."""
    docs = [doc_view(name, data) for name, data in outputs if data.get("status") != "failed"]
    groups = group_documents(docs)
    comps: list[tuple[str, Comparison]] = []
    findings: list[CrossFinding] = []
    for g in groups:
        comps += [(g.id, c) for c in comparisons(g)]
        n = 0
        for rule in CROSS_RULES:
            for hit in rule.find(g):
                severity, message = rule.severity, hit.message
                if severity != "info" and min(s.fact.confidence for s in hit.sides) < UNSURE:
                    severity, message = "info", message + " (Osäker OCR-läsning: kontrollera mot sidan.)"
                n += 1
                findings.append(CrossFinding(f"{g.id}#x{n}", g.id, rule.id, severity, message,
                                             tuple(float(v) for v in hit.values), hit.sides, hit.about))
    findings.sort(key=lambda c: (-SEVERITY_RANK[c.severity], c.group, c.id))
    return CrossResult(tuple(groups), tuple(comps), tuple(findings))


def side_json(s: Side) -> dict[str, Any]:
    """One side as JSON: document, fact, its value and evidence."""
    f = s.fact
    return {"document": s.doc.name, "fact": f.id, "fact_id": fact_id(s.doc.name, f.id),
            "value": _number_json(f.value), "unit": f.unit, "evidence": _evidence_json(f.evidence)}


def to_json(r: CrossResult) -> dict[str, Any]:
    """The cross-document result as JSON (deterministic)."""
    return {
        "rules": [{"id": x.id, "severity": x.severity, "description": x.description}
                  for x in CROSS_RULES],
        "groups": [{"id": g.id, "name": g.name, "documents": [
            {"document": d.name, "order": i + 1, "time": d.when_label, "kind": d.info.kind,
             "reason": reason} for i, (d, reason) in enumerate(zip(g.docs, g.reasons, strict=True))],
            "copies": sorted(sorted(p) for p in g.copies)} for g in r.groups],
        "comparisons": [{"group": gid, "what": c.what, "plan": side_json(c.plan),
                         "report": side_json(c.report), "judged": c.judged,
                         "ratio": None if c.ratio is None else round(c.ratio, 4)}
                        for gid, c in r.comparisons],
        "findings": [{"id": c.id, "group": c.group, "rule": c.rule, "severity": c.severity,
                      "message": c.message, "about": c.about,
                      "values": [_number_json(v) for v in c.values],
                      "sides": [side_json(s) for s in c.sides]} for c in r.findings],
    }


def run(out_dir: Path) -> CrossResult:
    """Analyse every output in a folder."""
    from pipeline.outputs.tables import load_outputs

    return analyse([(d["_name"], d) for d in load_outputs(out_dir)])
