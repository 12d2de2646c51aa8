"""HTML audit report: one self-contained file, findings first with both sides, page crops, facts."""

from __future__ import annotations

import base64
import io
import sqlite3
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from pipeline.contract import FACT_TYPES, LABEL_FIELDS
from pipeline.outputs.catalogue import CATALOGUE
from pipeline.outputs.tables import load_outputs

CSS = """body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}
h1,h2,h3{font-weight:600}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.error{color:#a00}.warning{color:#a60}.info{color:#555}
.finding{border-left:4px solid #ccc;padding:.3em .8em;margin:.8em 0}
.finding.error{border-color:#a00}.finding.warning{border-color:#e90}
.side{display:inline-block;vertical-align:top;margin:.3em 1em .3em 0;max-width:32em}
.side img{display:block;max-width:30em;border:1px solid #999;margin-top:.2em}
q{font-style:italic}"""
CROP_DPI = 110
FACT_COLUMNS = LABEL_FIELDS


def _e(v: Any) -> str:
    return escape("" if v is None else str(v))


def _sources(out_dir: Path) -> dict[str, Path]:
    """Document name -> its source file, from the catalogue when there is one."""
    db = out_dir / CATALOGUE
    if not db.exists():
        return {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {n: Path(p) for n, p in con.execute("SELECT name, path FROM documents")}
    finally:
        con.close()


def _page_image(source: Path, page: int, rotation: int) -> Any | None:
    """The page as an image, turned as the OCR stage turned it."""
    from PIL import Image, ImageSequence

    try:
        if source.suffix.lower() == ".pdf":
            import pypdfium2

            pdf = pypdfium2.PdfDocument(str(source))
            try:
                img = pdf[page - 1].render(scale=CROP_DPI / 72).to_pil()
            finally:
                pdf.close()
        else:
            with Image.open(source) as im:
                frame = next(f for i, f in enumerate(ImageSequence.Iterator(im)) if i == page - 1)
                img = frame.convert("RGB")
        return img.rotate(-rotation, expand=True) if rotation else img
    except Exception:  # a crop is a convenience: a source that moved or broke must not stop a report
        return None


def _crop(source: Path | None, ev: dict[str, Any], rotation: int) -> str:
    """A PNG data URI of the evidence's region with the box drawn, or '' when there is none."""
    if source is None or not source.exists() or "bbox" not in ev or "page_size" not in ev:
        return ""
    img = _page_image(source, ev["page"], rotation)
    if img is None:
        return ""
    from PIL import ImageDraw

    f = img.width / ev["page_size"][0]
    x0, y0, x1, y1 = (v * f for v in ev["bbox"])
    pad = 25
    box = (max(0, x0 - pad), max(0, y0 - pad), min(img.width, x1 + pad), min(img.height, y1 + pad))
    crop = img.crop(tuple(int(v) for v in box)).convert("RGB")
    ImageDraw.Draw(crop).rectangle((x0 - box[0] - 2, y0 - box[1] - 2, x1 - box[0] + 2,
                                    y1 - box[1] + 2), outline=(220, 0, 0), width=3)
    buf = io.BytesIO()
    crop.save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _finding(c: dict[str, Any], source: Path | None, rotations: dict[int, int]) -> str:
    sides = []
    for ev in c["evidence"]:
        uri = _crop(source, ev, rotations.get(ev["page"], 0))
        img = f'<img alt="utdrag s. {ev["page"]}" src="{uri}">' if uri else ""
        sides.append(f'<div class="side">s. {ev["page"]}: <q>{_e(ev["quote"])}</q>{img}</div>')
    return (f'<div class="finding {_e(c["severity"])}"><b class="{_e(c["severity"])}">'
            f'{_e(c["severity"])}</b> <code>{_e(c["rule"])}</code> {_e(c["message"])}<br>'
            + "".join(sides) + "</div>")


def _facts_table(facts: list[dict[str, Any]]) -> str:
    out = []
    for t in FACT_TYPES:
        fs = [f for f in facts if f["type"] == t]
        if not fs:
            continue
        cols = [c for c in FACT_COLUMNS if any(f.get(c) for f in fs)]
        head = "".join(f"<th>{_e(c)}</th>" for c in ["sida", *cols, "värde", "enhet", "citat"])
        body = "".join(
            "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in
                             [f["evidence"]["page"], *(f.get(c) for c in cols), f.get("value"),
                              f.get("unit"), f["evidence"]["quote"]]) + "</tr>" for f in fs)
        out.append(f"<h3>{_e(t)} ({len(fs)})</h3><table><tr>{head}</tr>{body}</table>")
    return "".join(out)


def _first(facts: list[dict[str, Any]], **want: Any) -> Any:
    return next((f.get("value") for f in facts if all(f.get(k) == v for k, v in want.items())), None)


def _groups(outs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Documents about the same insats (names alike up to inflection: 'team'/'teamet')."""
    from rapidfuzz import fuzz

    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for d in outs:
        name = (d["document"].get("insats") or "").lower()
        if not name:
            continue
        for key, members in groups:
            if fuzz.ratio(key, name) >= 85:
                members.append(d)
                break
        else:
            groups.append((name, [d]))
    return [m for _, m in sorted(groups, key=lambda g: g[0])]


def _insats_view(outs: list[dict[str, Any]]) -> str:
    """Documents of the same insats side by side: plans' volumes and budgets against reports."""
    rows = []
    for docs in _groups(outs):
        for d in sorted(docs, key=lambda d: d["document"].get("period") or d["document"].get(
                "start_date") or ""):
            fs, info = d["facts"], d["document"]
            rows.append("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in [
                info.get("insats"), d["_name"], info.get("kind"),
                info.get("period") or info.get("start_date") or info.get("date"),
                _first(fs, measure="planned_enrolled"), _first(fs, type="budget_line",
                                                               kind="total_cost"),
                _first(fs, measure="total", unit="persons", gender=None),
                _first(fs, measure="goal_reached")]) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ["insats", "dokument", "typ", "period",
                                              "planerat antal inskrivna", "total kostnad",
                                              "deltagare totalt", "nådde målet (%)"])
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def render(out_dir: Path) -> str:
    """The whole report as one HTML string (no scripts, no external resources)."""
    outs = load_outputs(out_dir)
    sources = _sources(out_dir)
    by_rule = Counter((c["rule"], c["severity"]) for d in outs for c in d["findings"])
    failed = [d for d in outs if d.get("status") == "failed"]
    parts = [f"<h1>Granskningsrapport</h1><p>{len(outs)} dokument, {len(failed)} misslyckade, "
             f"{sum(len(d['findings']) for d in outs)} avvikelser.</p>"]
    if failed:
        parts.append("<h2>Misslyckade dokument</h2><ul>" + "".join(
            f"<li>{_e(d['_name'])}: {_e('; '.join(e['message'] for e in d['errors']))}</li>"
            for d in failed) + "</ul>")
    parts.append("<h2>Avvikelser per regel</h2><table><tr><th>regel</th><th>allvar</th>"
                 "<th>antal</th></tr>" + "".join(
                     f"<tr><td>{_e(r)}</td><td class='{_e(s)}'>{_e(s)}</td><td>{n}</td></tr>"
                     for (r, s), n in sorted(by_rule.items())) + "</table>")
    parts.append("<h2>Insatser över tid</h2>" + _insats_view(outs))
    for d in outs:
        info = d["document"]
        rotations = {p["number"]: p.get("rotation", 0) for p in d.get("pages", [])}
        parts.append(f"<h2 id='{_e(d['_name'])}'>{_e(info.get('title') or d['_name'])}</h2>"
                     f"<p>{_e(d['_name'])} · {_e(info.get('kind'))} · {_e(info.get('period'))} · "
                     f"status {_e(d.get('status'))}</p>")
        parts.append("".join(_finding(c, sources.get(d["_name"]), rotations)
                             for c in d["findings"]) or "<p>Inga avvikelser.</p>")
        parts.append(_facts_table(d["facts"]))
    return ("<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
            "img-src data:; style-src 'unsafe-inline'\">"
            f"<title>Granskningsrapport</title><style>{CSS}</style></head><body>"
            + "".join(parts) + "</body></html>\n")
