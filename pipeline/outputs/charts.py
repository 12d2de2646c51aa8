"""Inline SVG charts for the report (no scripts): participants by gender, outcomes, budget vs outcome."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from pipeline.outputs.swedish import number

WIDTH = 620
BAR_AREA = 150
COLOURS = {"kvinnor": "#8e44ad", "män": "#1e8449", "kön ej angivet": "#aab7b8", "budget": "#2e86c1",
           "utfall": "#e67e22", "avslut": "#5d6d7e"}
# Colours for parts with no colour of their own (outcome categories), given in order of appearance.
PALETTE = ("#117a65", "#2874a6", "#b9770e", "#7d3c98", "#a93226", "#5d6d7e", "#1abc9c", "#95a5a6")


@dataclass(frozen=True)
class Bar:
    """One bar: a label under it and its stacked parts (name, value)."""

    label: str
    parts: tuple[tuple[str, float], ...]
    note: str = ""  # shown under the label (a period, a document)


def _text(x: float, y: float, s: str, anchor: str = "middle", size: int = 11, weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'font-weight="{weight}" fill="{fill}">{escape(s)}</text>')


def _lines(label: str, width: int) -> list[str]:
    """A label cut into lines of at most `width` characters, after a dash or a space."""
    out, line = [], ""
    for word in label.replace("–", "– ").split():
        if line and len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line}{'' if line.endswith('–') or not line else ' '}{word}"
    return [*out, line] if line else out


def _colours(names: list[str]) -> dict[str, str]:
    """Each part's colour: its own, else the next of the palette."""
    spare = iter(PALETTE * (1 + len(names) // len(PALETTE)))
    return {n: COLOURS.get(n) or next(spare) for n in names}


def bar_label(v: float, unit: str) -> str:
    """A value written on a bar: kronor in 'mkr' or 'tkr' so that bars side by side stay legible."""
    if unit == "kr" and abs(v) >= 1e6:
        return f"{number(round(v / 1e6, 2), ' ')} mkr"
    if unit == "kr" and abs(v) >= 1e4:
        return f"{number(round(v / 1e3), ' ')} tkr"
    return number(v, " ")


def _legend(names: list[str], y: float, colours: dict[str, str]) -> str:
    out, x = [], 10.0
    for n in names:
        colour = colours[n]
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        out.append(_text(x + 14, y, n, "start"))
        x += 24 + 7 * len(n)
    return "".join(out)


def stacked_bars(title: str, bars: list[Bar], unit: str, grouped: bool = False) -> Markup:
    """Vertical bars, parts stacked (or side by side when grouped), values written on them."""
    if not bars or not any(v for b in bars for _, v in b.parts):
        return Markup("")
    names = list(dict.fromkeys(n for b in bars for n, _ in b.parts))
    colours = _colours(names)
    top = max((max(v for _, v in b.parts) if grouped else sum(v for _, v in b.parts)) for b in bars) or 1
    slot = min(110.0, (WIDTH - 40) / len(bars))
    bar_w = slot * (0.8 if grouped else 0.6)
    base = 58 + BAR_AREA
    height = base + 44
    body = [_text(10, 18, title, "start", 13, "bold"), _legend(names, 34, colours)]
    for i, b in enumerate(bars):
        x0 = 30 + i * slot + (slot - bar_w) / 2
        y = float(base)
        parts = [(n, v) for n, v in b.parts if v]
        w = bar_w / max(1, len(parts)) if grouped else bar_w
        for j, (n, v) in enumerate(parts):
            h = BAR_AREA * v / top
            x = x0 + j * w if grouped else x0
            yy = base - h if grouped else y - h
            tip = f"{b.label}: {n} {number(v, ' ')} {unit}".strip()
            body.append(f'<rect x="{x:.1f}" y="{yy:.1f}" width="{w - 1:.1f}" height="{max(h, 0.5):.1f}" '
                        f'fill="{colours[n]}"><title>{escape(tip)}</title></rect>')
            if h >= 13 or grouped:
                label_y = yy - 3 if grouped else yy + h / 2 + 4
                body.append(_text(x + (w - 1) / 2, label_y, bar_label(v, unit), size=10,
                                  fill="#222" if grouped else "#fff"))
            if not grouped:
                y -= h
        for k, line in enumerate(_lines(b.label, int(slot / 6))[:2]):
            body.append(_text(x0 + bar_w / 2, base + 14 + 12 * k, line, size=10))
        if b.note:
            body.append(_text(x0 + bar_w / 2, base + 39, b.note[:int(slot / 5.5)], size=9, fill="#555"))
    body.append(f'<line x1="25" y1="{base}" x2="{WIDTH - 5}" y2="{base}" stroke="#888"/>')
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
                  f'aria-label="{escape(title)}" width="{WIDTH}" height="{height}" '
                  f'viewBox="0 0 {WIDTH} {height}">{"".join(body)}</svg>')


def horizontal_bars(title: str, items: list[tuple[str, float]], unit: str) -> Markup:
    """Horizontal bars, one per category (outcomes), longest first."""
    items = [(k, v) for k, v in items if v]
    if len(items) < 2:
        return Markup("")
    items.sort(key=lambda kv: -kv[1])
    top = items[0][1]
    row = 20
    height = 30 + row * len(items) + 10
    label_w = 230
    body = [_text(10, 18, title, "start", 13, "bold")]
    for i, (k, v) in enumerate(items):
        y = 30 + i * row
        w = (WIDTH - label_w - 60) * v / top
        body.append(_text(label_w - 6, y + 13, k[:40], "end", 10))
        tip = escape(f"{k}: {number(v, ' ')} {unit}")
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row - 6}" '
                    f'fill="{COLOURS["avslut"]}"><title>{tip}</title></rect>')
        body.append(_text(label_w + w + 4, y + 13, number(v, " "), "start", 10))
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
                  f'aria-label="{escape(title)}" width="{WIDTH}" height="{height}" '
                  f'viewBox="0 0 {WIDTH} {height}">{"".join(body)}</svg>')
