"""Render one document output as a readable terminal summary."""

from __future__ import annotations

from typing import Any

from pipeline.contract import FACT_TYPES, LABEL_FIELDS

FIELDS = LABEL_FIELDS[:-1]  # the level leads a goal's line instead


def _value(f: dict[str, Any]) -> str:
    v = f.get("value")
    if v is None:
        return "–"
    s = f"{v}" + (f"–{f['value_max']}" if f.get("value_max") is not None else "")
    return f"{s} {f.get('unit') or ''}".strip()


def render(data: dict[str, Any]) -> str:
    """Document block, findings first (with both sides), then facts grouped by type."""
    d = data.get("document", {})
    out = [f"{d.get('source')}  [{data.get('status')}]",
           "  " + " | ".join(f"{k}: {d[k]}" for k in ("kind", "title", "period", "date")
                             if d.get(k))]
    for e in data.get("errors", []):
        out.append(f"  FEL ({e.get('stage')}): {e.get('message')}")
    findings = data.get("findings", [])
    out.append(f"\nAvvikelser ({len(findings)}):")
    for c in findings:
        out.append(f"  [{c['severity']}] {c['rule']}: {c['message']}")
    facts = data.get("facts", [])
    for t in FACT_TYPES:
        fs = [f for f in facts if f["type"] == t]
        if not fs:
            continue
        out.append(f"\n{t} ({len(fs)}):")
        for f in fs:
            ident = ", ".join(f"{k}={f[k]}" for k in FIELDS if f.get(k))
            if t == "goal":
                ident = f"{f.get('level')}: {f.get('text', '')[:90]}"
            out.append(f"  s.{f['evidence']['page']:<3} {_value(f):<18} {ident}")
    return "\n".join(out)
