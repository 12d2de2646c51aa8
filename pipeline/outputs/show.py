"""Render one document output as a readable terminal summary, in Swedish."""

from __future__ import annotations

from typing import Any

from pipeline.contract import (
    FACT_TYPES,
    LABEL_FIELDS,
    SEVERITY_RANK,
    SEVERITY_SV,
    STATUS_SV,
    TYPE_SV,
    field_sv,
    value_sv,
)
from pipeline.outputs.swedish import fact_value

FIELDS = LABEL_FIELDS[:-1]  # the level leads a goal's line instead
DOC_FIELDS = {"kind": "typ", "title": "titel", "insats": "insats", "period": "period", "date": "datum"}


def render(data: dict[str, Any]) -> str:
    """Document block, findings first (with both sides), then facts grouped by type."""
    d = data.get("document", {})
    status = data.get("status") or ""
    out = [f"{d.get('source')}  [{STATUS_SV.get(status, status)}]",
           "  " + " | ".join(f"{label}: {d[k]}" for k, label in DOC_FIELDS.items() if d.get(k))]
    for e in data.get("errors", []):
        out.append(f"  FEL ({e.get('stage')}): {e.get('message')}")
    findings = sorted(data.get("findings", []), key=lambda c: -SEVERITY_RANK.get(c["severity"], 0))
    out.append(f"\nAvvikelser ({len(findings)}):")
    for c in findings:
        out.append(f"  [{SEVERITY_SV.get(c['severity'], c['severity'])}] {c['rule']}: {c['message']}")
    facts = data.get("facts", [])
    for t in FACT_TYPES:
        fs = [f for f in facts if f["type"] == t]
        if not fs:
            continue
        out.append(f"\n{TYPE_SV[t]} [{t}] ({len(fs)}):")  # the code, as queries name it
        for f in fs:
            ident = ", ".join(f"{field_sv(k)}={value_sv(k, f[k])}" for k in FIELDS if f.get(k))
            if t == "goal":
                ident = f"{value_sv('level', f.get('level'))}: {f.get('text', '')[:90]}"
            out.append(f"  s.{f['evidence']['page']:<3} {fact_value(f, ' '):<20} {ident}")
    return "\n".join(out)
