"""Rows of the analyst tables, built once from output JSONs for the catalogue, CSV and Excel.

Each function returns dicts keyed by the column names of `pipeline/contract.py`, so a fact row
in the catalogue, in facts.csv and on the Excel sheet is the same row.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pipeline.contract import FACT_FIELD_COLUMN, FACT_FIELDS, fact_id

Row = dict[str, Any]


def document_row(name: str, path: str | None, data: dict[str, Any], group: str | None = None,
                 seconds: float | None = None) -> Row:
    """One document's row: what it is, how it was read, and its findings by severity."""
    d = data.get("document", {})
    pages = data.get("pages", [])
    ocr = [p for p in pages if p.get("source") == "ocr"]
    confs = [p["confidence"] for p in ocr if p.get("confidence") is not None]
    sev = Counter(c.get("severity") for c in data.get("findings", []))
    return {
        "document": name, "path": path, "status": data.get("status"), "doc_kind": d.get("kind"),
        "doc_title": d.get("title"), "insats": d.get("insats"),
        "doc_organisation": d.get("organisation"), "doc_period": d.get("period"),
        "doc_date": d.get("date"), "doc_start_date": d.get("start_date"),
        "parties": "; ".join(d.get("parties", [])) or None, "insats_group": group,
        "pages": len(pages), "ocr_pages": len(ocr),
        "ocr_confidence_mean": round(sum(confs) / len(confs), 1) if confs else None,
        "n_facts": len(data.get("facts", [])), "n_errors": sev["error"],
        "n_warnings": sev["warning"], "n_notes": sev["info"],
        "error": "; ".join(e["message"] for e in data.get("errors", [])) or None,
        "warnings": "; ".join(w["message"] for w in data.get("warnings", [])) or None,
        "sha256": data.get("input_sha256"), "pipeline_version": data.get("pipeline_version"),
        "encoding": data.get("encoding"), "seconds": seconds,
    }


def fact_row(name: str, path: str | None, f: dict[str, Any]) -> Row:
    """One fact's row: its catalogue-wide id, where it stands, what it says."""
    ev = f["evidence"]
    row: Row = {"fact_id": fact_id(name, f["id"]), "document": name, "path": path,
                "page": ev["page"], "span_start": ev["start"], "span_end": ev["end"],
                "ocr_confidence": ev.get("ocr_confidence")}
    for field in FACT_FIELDS:
        row[FACT_FIELD_COLUMN.get(field, field)] = f.get(field)
    row["quote"] = ev["quote"]
    row["context"] = ev.get("context")
    return row


def fact_rows(name: str, path: str | None, data: dict[str, Any]) -> list[Row]:
    """Every fact of one output."""
    return [fact_row(name, path, f) for f in data.get("facts", [])]


def _side(fid: str, n: int, document: str, fact: dict[str, Any] | None,
          ev: dict[str, Any]) -> Row:
    return {"finding_id": fid, "side": n, "document": document,
            "fact_id": fact_id(document, fact["id"]) if fact else None,
            "side_value": fact.get("value") if fact else None,
            "side_unit": fact.get("unit") if fact else None, "side_page": ev.get("page"),
            "side_quote": ev.get("quote"), "side_ocr_confidence": ev.get("ocr_confidence")}


def finding_rows(name: str, data: dict[str, Any]) -> tuple[list[Row], list[Row]]:
    """A document's findings, once each, and their sides (one row per fact a finding rests on)."""
    facts = {f["id"]: f for f in data.get("facts", [])}
    findings, sides = [], []
    for c in data.get("findings", []):
        fid = f"{name}#{c['id']}"
        findings.append({"finding_id": fid, "scope": "document", "rule": c["rule"],
                         "severity": c["severity"], "message": c["message"], "insats_group": None,
                         "document": name, "finding_values": json.dumps(c["values"]),
                         "about": c.get("about")})
        for n, (f, ev) in enumerate(zip(c["facts"], c["evidence"], strict=False), 1):
            sides.append(_side(fid, n, name, facts.get(f), ev))
    return findings, sides


def crossdoc_rows(result: Any) -> dict[str, list[Row]]:
    """The cross-document result as rows: groups, comparisons, findings and their sides."""
    from pipeline.crossdoc.stage import side_json

    groups = [{"insats_group": g.id, "group_name": g.name, "document": d.name, "group_order": i + 1,
               "group_time": d.when_label, "group_reason": reason}
              for g in result.groups for i, (d, reason) in enumerate(zip(g.docs, g.reasons, strict=True))]
    comps = []
    for gid, c in result.comparisons:
        p, r = side_json(c.plan), side_json(c.report)
        comps.append({"insats_group": gid, "comparison": c.what, "plan_document": p["document"],
                      "plan_fact_id": p["fact_id"], "plan_value": p["value"],
                      "report_document": r["document"], "report_fact_id": r["fact_id"],
                      "report_value": r["value"], "unit": p["unit"],
                      "ratio": None if c.ratio is None else round(c.ratio, 4)})
    findings, sides = [], []
    for c in result.findings:
        findings.append({"finding_id": c.id, "scope": "insats", "rule": c.rule, "severity": c.severity,
                         "message": c.message, "insats_group": c.group, "document": None,
                         "finding_values": json.dumps([v if not float(v).is_integer() else int(v)
                                                       for v in c.values]), "about": c.about})
        for n, s in enumerate(c.sides, 1):
            j = side_json(s)
            sides.append(_side(c.id, n, s.doc.name, {"id": s.fact.id, "value": j["value"],
                                                      "unit": s.fact.unit}, j["evidence"]))
    return {"groups": groups, "comparisons": comps, "findings": findings, "finding_sides": sides}


def sheet_findings(findings: list[Row], sides: list[Row]) -> list[Row]:
    """The spreadsheet's findings: one row per side, the finding's rule and message on each."""
    by_id = {f["finding_id"]: f for f in findings}
    out = []
    for s in sides:
        f = by_id[s["finding_id"]]
        out.append({"finding_id": f["finding_id"], "scope": f["scope"], "rule": f["rule"],
                    "severity": f["severity"], "message": f["message"],
                    "insats_group": f["insats_group"], **{k: v for k, v in s.items() if k != "finding_id"}})
    ids = {s["finding_id"] for s in sides}
    for f in findings:  # a finding that rests on no fact still shows, with no side
        if f["finding_id"] not in ids:
            out.append({**{k: f[k] for k in ("finding_id", "scope", "rule", "severity", "message",
                                              "insats_group")}, "document": f["document"]})
    return out
