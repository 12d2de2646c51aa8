"""Page layout: words with boxes into lines and table rows, and the page text with each word's offsets.

Text layers and OCR both give words with boxes. Here they become lines of cells (a wide gap is a
cell break, written as a tab), tables get one line per row, with a heading wrapped over several
lines joined into one ('Budget' over '2023' is 'Budget 2023'), sub-headings that repeat per
column group prefixed by their group ('2022 Kvinnor', '2023 Kvinnor'), and a row label wrapped
onto a line of its own joined back to its row. Every word keeps its box on the page as shown;
reading order is worked out in a frame turned so the text runs left to right.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.models import BBox, Word

# A number that is a value in a table (a count, an amount, a share), not a year in a heading.
VALUE = re.compile(r"[-−–]?\d[\d\u00a0 .,]*%?")
YEAR = re.compile(r"(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?")
MAX_HEADER_LINES = 4
# A wrapped heading's lines lie this close (in line heights); the last one may sit a little further
# from the first row of figures (cell padding, a rule under the heading).
WRAP_GAP = 0.9
HEADER_GAP = 1.6


@dataclass
class Box:
    """A word: its text, its box in the reading frame (text runs left to right), its box on the page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bbox: BBox
    conf: float | None = None
    alt: str | None = None  # OCR's second reading of an uncertain figure

    @property
    def height(self) -> float:
        """Height of the word's box."""
        return self.bottom - self.top


@dataclass
class Line:
    """One line of the page text: cells of words (cells become tab-separated), and where it lies."""

    cells: list[list[Box]]
    top: float
    bottom: float
    spans: list[int] = field(default_factory=list)  # for each cell, how many columns it covers
    table: bool = False  # a row of a table found from its rules (kept as it is)

    @property
    def words(self) -> list[Box]:
        """Every word of the line, cell by cell."""
        return [w for c in self.cells for w in c]

    @property
    def x0(self) -> float:
        """Left edge of the line."""
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        """Right edge of the line."""
        return max(w.x1 for w in self.words)


def runs_on(prev: Box, w: Box) -> bool:
    """Whether `w` continues `prev` with no space: a cell's word hyphenated at the end of its line."""
    return prev.text.endswith("-") and w.text[:1].isalnum() and w.top >= prev.top + 0.6 * prev.height


def cell_text(cell: list[Box]) -> str:
    """The words of one cell as text: a word ending in a hyphen runs on to the next line's."""
    out = ""
    for m, w in enumerate(cell):
        out += w.text if not m or runs_on(cell[m - 1], w) else " " + w.text
    return out


def to_frame(bbox: BBox, direction: str, width: float, height: float) -> tuple[float, float, float, float]:
    """A box on the page in the frame where text of `direction` runs left to right, lines downwards.

    'ttb': text running down the page (a page shown turned a quarter clockwise), lines from
    right to left; 'btt': text running up, lines from left to right; 'rtl': upside down.
    """
    x0, top, x1, bottom = bbox
    if direction == "ttb":
        return top, width - x1, bottom, width - x0
    if direction == "btt":
        return height - bottom, x0, height - top, x1
    if direction == "rtl":
        return width - x1, height - bottom, width - x0, height - top
    return x0, top, x1, bottom


def split_cells(words: list[Box], is_break: Callable[[Box, Box], bool]) -> list[list[Box]]:
    """The words of one line (sorted left to right) cut into cells where `is_break` says so."""
    cells: list[list[Box]] = []
    for w in words:
        if cells and not is_break(cells[-1][-1], w):
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


def is_value(text: str) -> bool:
    """Whether a cell's text is a figure of a table body: a number that is not a year."""
    t = text.strip(" .:;'\"”|")
    return bool(VALUE.fullmatch(t)) and not YEAR.fullmatch(t) and any(c.isdigit() for c in t)


def _is_data(line: Line) -> bool:
    """A table row with figures: two cells or more, one of those after the first a number."""
    return len(line.cells) >= 2 and any(is_value(cell_text(c)) for c in line.cells[1:])


def _bands(rows: list[Line]) -> list[tuple[float, float]]:
    """Column bands of a table body: the x-ranges of its cells, overlapping ones merged; a band
    that fewer than half the rows (and fewer than two) fill is a speck's, not a column."""
    cells = [(min(w.x0 for w in c), max(w.x1 for w in c), n) for n, r in enumerate(rows) for c in r.cells
             if c and any(ch.isalnum() for ch in cell_text(c))]
    bands: list[list[float]] = []
    members: list[set[int]] = []
    for a, b, n in sorted(cells):
        if bands and a <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], b)
            members[-1].add(n)
        else:
            bands.append([a, b])
            members.append({n})
    need = max(2, (len(rows) + 1) // 2) if len(rows) >= 2 else 1
    return [(a, b) for (a, b), m in zip(bands, members, strict=True) if len(m) >= need]


def _band_of(w: Box, bands: list[tuple[float, float]]) -> int:
    """The column a heading word stands over: by its middle, the border between two columns
    halfway across the gap between them."""
    mid = (w.x0 + w.x1) / 2
    return sum(1 for k in range(len(bands) - 1) if mid > (bands[k][1] + bands[k + 1][0]) / 2)


def _by_band(line: Line, bands: list[tuple[float, float]]) -> list[list[Box]]:
    """A heading line's words per column: cell by cell when it has a cell for every column, else
    each word by where it stands."""
    if len(line.cells) == len(bands):
        return [list(c) for c in line.cells]
    out: list[list[Box]] = [[] for _ in bands]
    for w in line.words:
        out[_band_of(w, bands)].append(w)
    return out


def _fits(line: Line, bands: list[tuple[float, float]], slack: float) -> bool:
    """Whether a line reads as a heading over these columns rather than prose: its words stand in
    the columns (a few may stick out into a gap), and a line of one cell keeps to one column."""
    def band(w: Box) -> int | None:
        for k, (a, b) in enumerate(bands):
            if a - slack <= w.x0 and w.x1 <= b + slack or min(b, w.x1) - max(a, w.x0) > 0.5 * (w.x1 - w.x0):
                return k
        return None

    found = [band(w) for w in line.words]
    if sum(k is not None for k in found) < 0.75 * len(found):
        return False
    return len(line.cells) >= 2 or len({k for k in found if k is not None}) == 1


def _period(seq: list[str]) -> int | None:
    """The length of a run of column names that repeats ('Kvinnor Män Totalt Kvinnor Män Totalt': 3)."""
    n = len(seq)
    for p in range(1, n // 2 + 1):
        if n % p == 0 and all(seq[k].lower() == seq[k + p].lower() for k in range(n - p)) and seq[0]:
            return p
    return None


def _joined_header(head: list[Line], bands: list[tuple[float, float]]) -> Line:
    """Heading lines over column bands made one line: each band's words top to bottom, and group
    names over repeated sub-headings given to every column of their group."""
    per_line = [_by_band(ln, bands) for ln in head]
    last = [cell_text(c) for c in per_line[-1]]
    p = _period(last[1:]) if len(bands) > 3 else None
    cells: list[list[Box]] = [[] for _ in bands]
    if p and p < len(bands) - 1 and len(head) >= 2:
        groups = [(bands[g][0], bands[g + p - 1][1]) for g in range(1, len(bands), p)]
        parents: list[list[Box]] = [[] for _ in groups]
        for ln in head[:-1]:
            for cell in ln.cells:
                a, b = min(w.x0 for w in cell), max(w.x1 for w in cell)
                if b < bands[1][0]:  # over the label column
                    cells[0] += cell
                    continue
                g = max(range(len(groups)), key=lambda k: min(groups[k][1], b) - max(groups[k][0], a))
                parents[g] += cell
        for k in range(len(bands)):
            if k:
                cells[k] += parents[(k - 1) // p]
            cells[k] += per_line[-1][k]
    else:
        for words in per_line:
            for k in range(len(bands)):
                cells[k] += words[k]
    return Line(cells, head[0].top, head[-1].bottom)


def _continues(line: Line, row: Line, bands: list[tuple[float, float]], height: float) -> bool:
    """A line that only holds the rest of the row label above it ('Boendestöd/' over 'bistånd')."""
    if len(line.cells) != 1 or any(c.isdigit() for c in cell_text(line.cells[0])):
        return False
    if line.top - row.bottom > WRAP_GAP * height or _band_of(line.words[0], bands) != 0:
        return False
    label = cell_text(row.cells[0])
    first = line.words[0].text
    return first[:1].islower() or label.endswith(("-", ",", "/", "&")) or label.split()[-1] in {"och", "av"}


def _number_word(w: Box) -> bool:
    return bool(re.fullmatch(r"[-−–]?\d[\d.,]*%?", w.text))


def _opens_number(w: Box) -> bool:
    """Whether a word can be the first digit group of a number ('1' of '1 918 000', not '000')."""
    return bool(re.fullmatch(r"[-−–]?(?:[1-9]\d{0,2}|0)(?:[.,]\d+)?%?", w.text))


def _split_by_columns(body: list[Line], height: float) -> None:
    """Cut cells that hold the figures of two columns ('958 998 1 918 000'), where a tight table's
    gap was too narrow for a tab: after a word whose right edge lines up with the right edges of
    figures in two other rows, when the next word can open a number."""
    edges = [max(w.x1 for w in c) for r in body for c in r.cells[1:] if c and is_value(cell_text(c))]
    tol = 0.3 * height

    def on_edge(x: float) -> bool:
        return sum(1 for e in edges if abs(e - x) <= tol) >= 2

    for row in body:
        cells: list[list[Box]] = []
        for k, cell in enumerate(row.cells):
            if k == 0 or len(cell) < 2 or not all(_number_word(w) for w in cell):
                cells.append(cell)
                continue
            part: list[Box] = []
            for m, w in enumerate(cell):
                part.append(w)
                if m + 1 < len(cell) and on_edge(w.x1) and _opens_number(cell[m + 1]):
                    cells.append(part)
                    part = []
            cells.append(part)
        row.cells = cells


def join_tables(lines: list[Line]) -> list[Line]:
    """Tables found from the words' positions: wrapped headings joined, row labels run on joined."""
    out: list[Line] = []
    heights = [w.height for ln in lines for w in ln.words]
    height = statistics.median(heights) if heights else 10.0
    i = 0
    while i < len(lines):
        if lines[i].table or not _is_data(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        body = [lines[i]]
        j = i + 1
        while j < len(lines) and not lines[j].table and _is_data(lines[j]):
            body.append(lines[j])
            j += 1
        if len(body) >= 2:
            _split_by_columns(body, height)
        bands = _bands(body)
        head: list[Line] = []
        k = len(out) - 1
        below = lines[i]
        while k >= 0 and len(head) < MAX_HEADER_LINES:
            ln = out[k]
            gap = below.top - ln.bottom
            if ln.table or _is_data(ln) or gap > (HEADER_GAP if not head else WRAP_GAP) * height \
                    or cell_text(ln.cells[-1]).endswith((".", ":")) or not _fits(ln, bands, height):
                break
            head.insert(0, ln)
            below = ln
            k -= 1
        if len(head) >= 2 and any(len(h.cells) >= 2 for h in head) and len(bands) >= 2:
            del out[k + 1:]
            out.append(_joined_header(head, bands))
        for row in body:
            out.append(row)
        while j < len(lines) and not lines[j].table and _continues(lines[j], out[-1], bands, height):
            out[-1].cells[0] += lines[j].words
            out[-1].bottom = lines[j].bottom
            j += 1
        i = j
    return out


def _reading_order(words: list[Box]) -> list[Box]:
    """The words of one table cell, line by line."""
    rows: list[list[Box]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(w.top - rows[-1][0].top) <= 0.5 * rows[-1][0].height:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [w for r in rows for w in sorted(r, key=lambda w: w.x0)]


def ruled_table(grid: list[list[BBox | None]], words: list[Box]) -> tuple[list[Line], set[int]]:
    """A table drawn with rules (pdfplumber's table finder gives each row's cell boxes, None where a
    cell spans the column): one line per row, the heading rows joined column by column, a heading
    over a group of columns given to each of them. Returns the lines and the ids of the words used.
    """
    def inside(w: Box, box: BBox) -> bool:
        cx, cy = (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2
        return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]

    used: set[int] = set()
    rows: list[list[tuple[list[Box], int]]] = []  # each cell: its words and how many columns it spans
    for r in grid:
        cells: list[tuple[list[Box], int]] = []
        for box in r:
            if box is None:
                if cells:
                    cells[-1] = (cells[-1][0], cells[-1][1] + 1)
                continue
            mine = [w for w in words if id(w) not in used and inside(w, box)]
            used.update(id(w) for w in mine)
            cells.append((_reading_order(mine), 1))
        if any(c for c, _ in cells):
            rows.append(cells)
    if not rows:
        return [], used
    n = max(sum(span for _, span in r) for r in rows)
    first = next((i for i, r in enumerate(rows) if any(is_value(cell_text(c)) for c, _ in r[1:])), None)
    lines: list[Line] = []
    head = rows[:first] if first else []
    if head:
        columns: list[list[Box]] = [[] for _ in range(n)]
        for r in head:
            k = 0
            for words_, span in r:
                if span >= n and len(head) > 1:  # a title over the whole table: a line of its own
                    lines.append(_table_line([words_]))
                else:
                    for c in range(k, min(n, k + span)):
                        columns[c] += words_
                k += span
        if any(columns):
            lines.append(_table_line(columns))
    for r in rows[len(head):]:
        cells = []
        for words_, span in r:
            cells.append(words_)
            cells += [[] for _ in range(span - 1)]
        lines.append(_table_line(cells))
    return [ln for ln in lines if ln.words], used


def _table_line(cells: list[list[Box]]) -> Line:
    words = [w for c in cells for w in c]
    return Line(cells, min((w.top for w in words), default=0.0), max((w.bottom for w in words), default=0.0),
                table=True)


def render(lines: list[Line], is_paragraph_break: Callable[[Line, Line], bool]
           ) -> tuple[str, tuple[Word, ...]]:
    """The page text, a line per line and a tab between cells, with each word's offsets and box."""
    parts: list[str] = []
    words: list[Word] = []
    pos = 0
    for n, line in enumerate(lines):
        if n:
            sep = "\n\n" if is_paragraph_break(lines[n - 1], line) else "\n"
            parts.append(sep)
            pos += len(sep)
        for k, cell in enumerate(line.cells):
            if k:
                parts.append("\t")
                pos += 1
            for m, w in enumerate(cell):
                if m and not runs_on(cell[m - 1], w):
                    parts.append(" ")
                    pos += 1
                words.append(Word(pos, pos + len(w.text), w.bbox, w.conf, w.alt))
                parts.append(w.text)
                pos += len(w.text)
    return "".join(parts), tuple(words)
