"""HTML audit report: problems first with an index, evidence in context, charts, insatser over time.

One self-contained file, built from Jinja2 templates with autoescape: every document text, file
name and label is escaped, and the page carries a Content-Security-Policy with no scripts.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.contract import (
    FACT_TYPES,
    LABEL_FIELDS,
    PAGE_SOURCE_SV,
    SEVERITY_RANK,
    SEVERITY_SV,
    STATUS_SV,
    TYPE_SV,
    field_sv,
    value_sv,
)
from pipeline.crossdoc.group import date_sv, period_sv
from pipeline.crossdoc.rules import Side, column_role, fact_period, short
from pipeline.crossdoc.stage import CrossResult, analyse
from pipeline.outputs.catalogue import sources
from pipeline.outputs.charts import Bar, horizontal_bars, stacked_bars
from pipeline.outputs.swedish import fact_value, number
from pipeline.outputs.tables import load_outputs

TEMPLATES = Path(__file__).resolve().parent / "templates"
CROP_DPI = 144  # pages are rendered at this resolution for crops ...
CSS_DPI = 96  # ... and shown at their true size: every crop has the same scale
CROP_MARGIN_IN = 1.4  # inches of the line kept either side of the quoted words
CROP_MAX_IN = 7.0  # widest crop, in inches (A4 within its margins)
INK = 150  # grey level below which a pixel is ink
OUTCOME_PARTS = 5  # outcome categories shown apart in a group's chart (the rest as 'övriga')
COLUMNS_BY_TYPE = {
    "participants": ("measure", "gender", "category", "subject", "period"),
    "staffing": ("role", "organisation", "person"),
    "budget_line": ("label", "kind", "column", "parent", "period"),
    "goal": ("level", "text"),
}


@dataclass
class SideView:
    """One side of a finding as the report shows it: where, the sentence, the crop."""

    document: str
    anchor: str
    page: int
    before: str
    quote: str
    after: str
    value: str
    ocr: str  # '' or 'OCR, säkerhet 71' for a side read by OCR
    crop: str  # PNG data URI or ''
    crop_width: int = 0


@dataclass
class FindingView:
    """A finding with its sides."""

    id: str
    rule: str
    severity: str
    message: str
    sides: list[SideView]


@dataclass
class DocView:
    """One document's section."""

    name: str
    anchor: str
    title: str
    status: str
    kind: str
    period: str
    errors: list[str]
    warnings: list[str]
    counts: dict[str, int]
    ocr_share: str
    ocr_confidence: str
    group: tuple[str, str] | None
    findings: list[FindingView]
    facts: list[dict[str, Any]]
    charts: list[Any] = field(default_factory=list)
    cross: int = 0  # findings across documents with a side in this one

    @property
    def rank(self) -> tuple[int, int, int, int, int]:
        """Sort key: failed first, then by errors, warnings, notes, findings across documents."""
        c = self.counts
        return (self.status == "failed", c["error"], c["warning"], c["info"], self.cross)


def anchor(prefix: str, name: str) -> str:
    """A stable, valid HTML id for a document or group name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().translate(str.maketrans("åäöé", "aaoe")))[-40:]
    return f"{prefix}-{slug.strip('-')}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


# --- crops ----------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _page_image(source: str, page: int, rotation: int) -> Any | None:
    """The page as a greyscale image at CROP_DPI, turned as the OCR stage turned it."""
    from PIL import Image, ImageSequence

    try:
        if source.lower().endswith(".pdf"):
            import pypdfium2

            pdf = pypdfium2.PdfDocument(source)
            try:
                img = pdf[page - 1].render(scale=CROP_DPI / 72).to_pil()
            finally:
                pdf.close()
        else:
            with Image.open(source) as im:
                frame = next(f for i, f in enumerate(ImageSequence.Iterator(im)) if i == page - 1)
                img = frame.convert("RGB")
                dpi = im.info.get("dpi", (CROP_DPI, CROP_DPI))[0] or CROP_DPI
                if abs(dpi - CROP_DPI) > 1:
                    img = img.resize((round(img.width * CROP_DPI / dpi), round(img.height * CROP_DPI / dpi)))
        img = img.rotate(-rotation, expand=True) if rotation else img
        return img.convert("L")
    except Exception:  # a crop is a convenience: a source that moved or broke must not stop a report
        return None


def _bands(img: Any, x0: int, x1: int, top: int, bottom: int) -> list[tuple[int, int]]:
    """Text lines (row bands with ink) between two heights, within two columns."""
    import numpy as np

    rows = (np.asarray(img.crop((x0, top, x1, bottom))) < INK).sum(axis=1).tolist()
    bands, start = [], None
    for y, n in enumerate([*rows, 0]):
        if n > 1 and start is None:
            start = y
        elif n <= 1 and start is not None:
            if y - start >= 3:
                bands.append((top + start, top + y))
            start = None
    return bands


def _ink_columns(img: Any, box: tuple[int, int, int, int], bx0: float, bx1: float) -> tuple[float, float]:
    """The columns of a page region that hold its lines' ink, whole lines where they fit the width."""
    import numpy as np

    widest = CROP_MAX_IN * CROP_DPI
    cols = np.flatnonzero((np.asarray(img.crop((0, box[1], img.width, box[3]))) < INK).sum(axis=0) > 0)
    if not len(cols):
        return box[0], box[2]
    x0, x1 = max(0.0, cols[0] - 8.0), min(float(img.width), cols[-1] + 8.0)
    if x1 - x0 > widest:  # a line too wide to show whole: the words, and what fits either side
        x0 = max(x0, min(bx0 - 8, (bx0 + bx1 - widest) / 2))
        x1 = min(x1, x0 + widest)
    return x0, x1


def crop(source: str | None, ev: dict[str, Any], rotation: int) -> tuple[str, int]:
    """The quoted line with one line above and below, at one fixed scale, the words boxed in red.

    Returns a PNG data URI and the width to show it at (CSS pixels), or ('', 0).
    """
    if not source or "bbox" not in ev or not ev.get("page_size") or not Path(source).is_file():
        return "", 0
    img = _page_image(source, ev["page"], rotation)
    if img is None:
        return "", 0
    from PIL import ImageDraw

    f = img.width / ev["page_size"][0]
    bx0, by0, bx1, by1 = (v * f for v in ev["bbox"])
    margin, widest = CROP_MARGIN_IN * CROP_DPI, CROP_MAX_IN * CROP_DPI
    x0, x1 = max(0, bx0 - margin), min(img.width, bx1 + margin)
    if x1 - x0 > widest:  # keep the words, then as much either side as fits
        x0 = max(0, min(bx0, (bx0 + bx1 - widest) / 2))
        x1 = min(img.width, x0 + widest)
    line = max(12.0, min(by1 - by0, 0.5 * CROP_DPI))
    top, bottom = int(max(0, by0 - 4 * line)), int(min(img.height, by1 + 4 * line))
    bands = _bands(img, int(x0), int(x1), top, bottom)
    above = [b for b in bands if b[1] <= by0 + 2]
    below = [b for b in bands if b[0] >= by1 - 2]
    y0 = above[-1][0] if above else by0 - line
    y1 = below[0][1] if below else by1 + line
    x0, x1 = _ink_columns(img, (int(x0), int(max(0, y0)), int(x1), int(min(img.height, y1))), bx0, bx1)
    box = (int(x0), int(max(0, y0 - 6)), int(x1), int(min(img.height, y1 + 6)))
    out = img.crop(box).convert("RGB")
    ImageDraw.Draw(out).rectangle((bx0 - box[0] - 3, by0 - box[1] - 3, bx1 - box[0] + 3, by1 - box[1] + 3),
                                  outline=(200, 0, 0), width=3)
    buf = io.BytesIO()
    out.save(buf, "PNG", optimize=True)
    return ("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode(),
            round(out.width * CSS_DPI / CROP_DPI))


# --- views ----------------------------------------------------------------------------------


def _split(ev: dict[str, Any]) -> tuple[str, str, str]:
    """The sentence around a quote, cut into before, quote, after."""
    ctx, cs = ev.get("context"), ev.get("context_start")
    if not ctx or cs is None:
        return "", ev["quote"], ""
    a, b = ev["start"] - cs, ev["end"] - cs
    if not 0 <= a <= b <= len(ctx):
        return "", ev["quote"], ""
    return " ".join(ctx[:a].split()) + (" " if ctx[:a][-1:].isspace() else ""), \
        " ".join(ctx[a:b].split()), (" " if ctx[b:b + 1].isspace() else "") + " ".join(ctx[b:].split())


def _ocr_label(ev: dict[str, Any], page_source: str | None, page_conf: float | None) -> str:
    if page_source != "ocr":
        return ""
    conf = ev.get("ocr_confidence", page_conf)
    return "OCR" + (f", säkerhet {number(round(conf))} av 100" if conf is not None else "")


def _side(name: str, data: dict[str, Any], fact: dict[str, Any] | None, ev: dict[str, Any],
          source: str | None) -> SideView:
    pages = {p["number"]: p for p in data.get("pages", [])}
    page = pages.get(ev["page"], {})
    before, quote, after = _split(ev)
    uri, width = crop(source, ev, page.get("rotation", 0))
    ocr = _ocr_label(ev, page.get("source"), page.get("confidence"))
    return SideView(name, anchor("dok", name), ev["page"], before, quote, after,
                    fact_value(fact) if fact else "", ocr, uri, width)


def _field_cell(name: str, value: Any) -> Any:
    """A fact field as a table cell: coded values in Swedish, a period as dates in words."""
    if name == "period" and isinstance(value, str):
        return period_sv(value)
    return value_sv(name, value) or ""


def _fact_cells(f: dict[str, Any], cols: tuple[str, ...]) -> dict[str, Any]:
    before, quote, after = _split(f["evidence"])
    return {"page": f["evidence"]["page"], "fields": [_field_cell(c, f.get(c)) for c in cols],
            "value": fact_value(f), "quote": quote, "context": f"{before}{quote}{after}",
            "unsure": f.get("confidence", 1.0) < 0.8}


def _fact_tables(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for t in FACT_TYPES:
        fs = [f for f in facts if f["type"] == t]
        if not fs:
            continue
        cols = tuple(c for c in COLUMNS_BY_TYPE[t] if any(f.get(c) for f in fs))
        out.append({"type": TYPE_SV[t], "code": t, "headers": [field_sv(c) for c in cols],
                    "rows": [_fact_cells(f, cols) for f in fs]})
    return out


def _plain(f: dict[str, Any], measure: str) -> bool:
    return (f["type"] == "participants" and f.get("measure") == measure and f.get("unit") == "persons"
            and f.get("value") is not None and not f.get("category") and not f.get("subject"))


def gender_parts(facts: list[dict[str, Any]]) -> tuple[tuple[str, float], ...]:
    """Participants of a document: women, men and those of no stated gender (first figures stated)."""
    total = next((f["value"] for f in facts if _plain(f, "total") and not f.get("gender")), None)
    women = next((f["value"] for f in facts if _plain(f, "total") and f.get("gender") == "women"), None)
    men = next((f["value"] for f in facts if _plain(f, "total") and f.get("gender") == "men"), None)
    if total is None and women is None and men is None:
        return ()
    rest = (total or 0) - (women or 0) - (men or 0)
    parts = [("kvinnor", women or 0.0), ("män", men or 0.0)]
    if rest > 0:
        parts.append(("kön ej angivet", rest))
    return tuple(parts)


def money_bars(facts: list[Any], note: str = "") -> list[Bar]:
    """Budget beside outcome for each period a document's cost totals name."""
    by_period: dict[str, dict[str, float]] = {}
    for f in facts:
        if f.type != "budget_line" or f.kind != "total_cost" or f.value is None:
            continue
        role, period = column_role(f), fact_period(f)
        if role in {"budget", "outcome"} and period:
            by_period.setdefault(period, {}).setdefault("budget" if role == "budget" else "utfall",
                                                        f.value)
    return [Bar(period_sv(p), tuple((k, v.get(k, 0.0)) for k in ("budget", "utfall")), note)
            for p, v in sorted(by_period.items())]


def _doc_charts(data: dict[str, Any], typed: list[Any]) -> list[Any]:
    charts = []
    parts = gender_parts(data["facts"])
    if parts:
        charts.append(stacked_bars("Deltagare efter kön", [Bar("deltagare totalt", parts)], "personer"))
    outcomes = [(f.get("category") or "", f["value"]) for f in data["facts"] if _plain_outcome(f)]
    charts.append(horizontal_bars("Avslut efter utfall (personer)", outcomes, "personer"))
    bars = money_bars(typed)
    if any(dict(b.parts).get("utfall") for b in bars):
        charts.append(stacked_bars("Kostnader: budget och utfall (kr)", bars, "kr", grouped=True))
    return [c for c in charts if c]


def outcome_parts(facts: list[dict[str, Any]]) -> dict[str, float]:
    """Ended participants by outcome (category in lower case, first figure stated for each)."""
    parts: dict[str, float] = {}
    for f in facts:
        if _plain_outcome(f) and not f.get("gender"):
            parts.setdefault(" ".join(f["category"].lower().split()), f["value"])
    return parts


def _outcome_bars(docs: list[Any], outs: dict[str, dict[str, Any]]) -> list[Bar]:
    """One bar per document of a group, its outcomes stacked; the rarest beyond the fifth as 'övriga'."""
    per_doc = [(d, outcome_parts(outs[d.name]["facts"])) for d in docs]
    per_doc = [(d, p) for d, p in per_doc if p]
    totals: Counter[str] = Counter()
    for _, p in per_doc:
        totals.update(p)
    keep = [k for k, _ in totals.most_common(OUTCOME_PARTS)]
    bars = []
    for d, p in per_doc:
        parts = [(k, p.get(k, 0.0)) for k in keep]
        rest = sum(v for k, v in p.items() if k not in keep)
        bars.append(Bar(d.when_label, tuple(parts + ([("övriga", rest)] if rest else [])),
                        d.info.kind or short(d.name)))
    return bars


def _plain_outcome(f: dict[str, Any]) -> bool:
    return (f["type"] == "participants" and f.get("measure") == "outcome" and f.get("unit") == "persons"
            and f.get("value") is not None and bool(f.get("category")))


def _doc_view(d: dict[str, Any], source: str | None, cross: CrossResult) -> DocView:
    from pipeline.crossdoc.group import fact_from_json

    name, info = d["_name"], d["document"]
    facts = {f["id"]: f for f in d.get("facts", [])}
    findings = sorted(d.get("findings", []), key=lambda c: -SEVERITY_RANK[c["severity"]])
    views = [FindingView(c["id"], c["rule"], c["severity"], c["message"],
                         [_side(name, d, facts.get(fid), ev, source)
                          for fid, ev in zip(c["facts"], c["evidence"], strict=False)])
             for c in findings]
    pages = d.get("pages", [])
    ocr = [p for p in pages if p.get("source") == "ocr"]
    confs = [p["confidence"] for p in ocr if p.get("confidence") is not None]
    g = cross.group_of(name)
    period = info.get("period")
    when = period_sv(period) if period else date_sv(info["date"]) if info.get("date") else ""
    counts = Counter(c["severity"] for c in findings)
    return DocView(
        name=name, anchor=anchor("dok", name), title=info.get("title") or short(name),
        status=d.get("status", ""), kind=info.get("kind") or "", period=when,
        errors=[e["message"] + (f" (s. {e['page']})" if e.get("page") else "") for e in d.get("errors", [])],
        warnings=[w["message"] for w in d.get("warnings", [])],
        counts={k: counts.get(k, 0) for k in ("error", "warning", "info")},
        ocr_share=f"{round(100 * len(ocr) / len(pages))} %" if pages and ocr else "",
        ocr_confidence=number(round(sum(confs) / len(confs), 1)) if confs else "",
        group=(g.name, anchor("grupp", g.id)) if g else None, findings=views,
        facts=_fact_tables(d.get("facts", [])),
        cross=sum(1 for c in cross.findings if any(s.doc.name == name for s in c.sides)),
        charts=_doc_charts(d, [fact_from_json(f) for f in d.get("facts", [])]))


def _cross_side(s: Side, outs: dict[str, dict[str, Any]], paths: dict[str, str]) -> SideView:
    from pipeline.crossdoc.stage import side_json

    j = side_json(s)
    data = outs[s.doc.name]
    fact = next((f for f in data.get("facts", []) if f["id"] == s.fact.id), None)
    return _side(s.doc.name, data, fact, j["evidence"], paths.get(s.doc.name))


def _cell(prefix: str, s: Side) -> dict[str, Any]:
    f = s.fact
    return {prefix: short(s.doc.name), f"{prefix}_anchor": anchor("dok", s.doc.name),
            f"{prefix}_page": f.evidence.page,
            f"{prefix}_value": fact_value({"value": f.value, "unit": f.unit, "value_max": f.value_max})}


def _group_views(cross: CrossResult, outs: dict[str, dict[str, Any]],
                 paths: dict[str, str]) -> list[dict[str, Any]]:
    views = []
    for g in cross.groups:
        docs = [{"name": d.name, "short": short(d.name), "anchor": anchor("dok", d.name),
                 "kind": d.info.kind or "", "time": d.when_label, "reason": r}
                for d, r in zip(g.docs, g.reasons, strict=True)]
        comps = [{"what": c.what, **_cell("plan", c.plan), **_cell("report", c.report),
                  "ratio": f"{round(100 * c.ratio)} %" if c.ratio is not None else "–"}
                 for gid, c in cross.comparisons if gid == g.id]
        findings = [FindingView(c.id, c.rule, c.severity, c.message,
                                [_cross_side(s, outs, paths) for s in c.sides])
                    for c in cross.findings if c.group == g.id]
        people = [Bar(d.when_label, gender_parts(outs[d.name]["facts"]), d.info.kind or short(d.name))
                  for d in g.docs if gender_parts(outs[d.name]["facts"])]
        outcomes = _outcome_bars(list(g.docs), outs)
        money = [b for d in g.docs for b in money_bars(list(d.facts), d.info.kind or short(d.name))]
        if len(money) < 2 and not any(dict(b.parts).get("utfall") for b in money):
            money = []  # one budget alone is no picture
        charts = [stacked_bars("Deltagare efter kön, dokument i tidsordning", people, "personer")
                  if len(people) > 1 else "",
                  stacked_bars("Avslut efter utfall, dokument i tidsordning", outcomes, "personer")
                  if len(outcomes) > 1 else "",
                  stacked_bars("Kostnader: budget och utfall per period (kr)", money, "kr", grouped=True)
                  if money else ""]
        views.append({"id": g.id, "anchor": anchor("grupp", g.id), "name": g.name, "docs": docs,
                      "comparisons": comps, "findings": findings, "charts": [c for c in charts if c],
                      "counts": Counter(c.severity for c in findings)})
    return views


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["sev"] = lambda s: SEVERITY_SV.get(s, s)
    env.filters["status"] = lambda s: STATUS_SV.get(s, s)
    env.filters["num"] = number
    env.globals["PAGE_SOURCE_SV"] = PAGE_SOURCE_SV
    return env


def render(out_dir: Path) -> str:
    """The whole report as one HTML string (no scripts, no external resources)."""
    outs = load_outputs(out_dir)
    paths = sources(out_dir)
    cross = analyse([(d["_name"], d) for d in outs])
    by_name = {d["_name"]: d for d in outs}
    docs = [_doc_view(d, paths.get(d["_name"]), cross) for d in outs]
    docs.sort(key=lambda v: tuple(-x for x in v.rank) + (v.name,))  # type: ignore[operator]
    failed = [v for v in docs if v.status == "failed"]
    problems = [v for v in docs if v.status != "failed" and (v.findings or v.errors)]
    clean = [v for v in docs if v.status != "failed" and not v.findings and not v.errors]
    rules = Counter((c["rule"], c["severity"]) for d in outs for c in d.get("findings", []))
    rules.update((c.rule, c.severity) for c in cross.findings)
    totals = Counter(c["severity"] for d in outs for c in d.get("findings", []))
    html = _environment().get_template("report.html.j2").render(
        docs=docs, failed=failed, problems=problems, clean=clean,
        groups=_group_views(cross, by_name, paths), cross_total=len(cross.findings),
        rules=sorted(rules.items(), key=lambda kv: (-SEVERITY_RANK[kv[0][1]], kv[0][0])),
        totals={k: totals.get(k, 0) for k in ("error", "warning", "info")},
        label_fields=LABEL_FIELDS)
    _page_image.cache_clear()
    return html
