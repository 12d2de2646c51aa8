"""Budget extractor: budget tables (varav hierarchies, multi-column) and amounts in prose."""

from __future__ import annotations

import re

from extractors import budget_prose
from extractors.base import ExtractionInput, Line, register
from extractors.numbers import NUMERAL as NUMBER
from extractors.numbers import parse_number
from pipeline.models import Fact
from pipeline.repair.lexicon import is_known_word

# A section heading, alone or over a one-column table's header ('Intäkter<TAB>Budget 2025').
_YEAR_COLUMN = r"(?:\t+[^\d\t]*\d{4}[^\d\t]*|\t*)"
INCOME_HEAD = re.compile(rf"(?i)^\s*(?:intäkter|finansiering|inkomster)\b[^\t]{{0,20}}{_YEAR_COLUMN}$")
COST_HEAD = re.compile(rf"(?i)^\s*(?:kostnader|utgifter)\b[^\t]{{0,20}}{_YEAR_COLUMN}$")
THOUSANDS = re.compile(r"(?i)\btkr\b|tusentals kronor|i tusental|\bksek\b")
INCOME_LABEL = re.compile(r"(?i)[i1]nt[äa]kt|finansiering|bidrag|rekvisition|medel från|anslag"
                          r"|(?<!sociala )(?<!arbetsgivar)avgift(?!er\s+för)")
COST_WORDS = re.compile(r"(?i)\b(?:lön|löner|lönekostnad|personal|lokal|hyra|köp|resor)\w*")
TOTAL_LABEL = re.compile(r"(?i)^(?:totalt|summa|total)\b")
SUBTOTAL_LABEL = re.compile(r"(?i)\b(?:totalt|summa)$")
VARAV = re.compile(r"(?i)^varav\s+")
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
PROSE_ITEM = re.compile(rf"^(?P<label>[A-ZÅÄÖ][\w /-]{{2,40}}):\s(?P<body>.*?)(?P<n>{NUMBER})\s*"
                        r"(?:kronor|kr|sek)\b", re.S | re.I)


STRAY = " :;.'|\"”"  # marks OCR leaves around table cells
# Words that open the name of a column in Swedish budget tables ('Utfall jan-mars 2021').
COLUMN_HEADS = re.compile(r"(?=\b(?:Utfall|Budget|Avvikelse|Prognos|Differens|Bokslut|Förbrukat|"
                          r"Kvar|Beviljat|Ansökt|Beräknat|Plan|Ack(?:umulerat)?)\b)")
DOTTED_THOUSANDS = re.compile(r"(?<=\d)\.(?=\d{3}\b)")  # OCR's '4.305 000'


OCR_DIGITS = str.maketrans("OoIl", "0011")


def _cells(text: str) -> list[str]:
    out = []
    for c in text.split("\t"):
        c = c.strip(STRAY)
        if re.fullmatch(r"[-−]?[\dOoIl][\dOoIl .]*", c) and re.search(r"\d", c):
            c = c.translate(OCR_DIGITS)  # OCR's '3 6OO' and '1O' in a cell of figures
        if re.fullmatch(r"[-−]?[\d .]+[ -]*", c):  # a number: a dash after it is a speck, before a sign
            c = DOTTED_THOUSANDS.sub(" ", c.rstrip(" -").strip(STRAY))
        if c:
            out.append(c)
    return out


def _amount_cells(cells: list[str], n: int) -> list[str] | None:
    """The row's n amounts; OCR specks read as lone digits are dropped when there are too many."""
    amounts = [c for c in cells if _is_amount(c)]
    if len(amounts) != len(cells):
        return None
    while len(amounts) > n:
        short = min(range(len(amounts)), key=lambda k: len(amounts[k].replace(" ", "")))
        if len(amounts[short].replace(" ", "")) > 1:
            return None
        del amounts[short]
    return amounts if len(amounts) == n else None


def _split_header(cells: list[str], n: int) -> list[str]:
    """Column names run together by OCR ('Utfall jan- oa Budget jan-'): split where names open."""
    if len(cells) >= n:
        return cells
    names = [part.strip(STRAY) for c in cells for part in COLUMN_HEADS.split(c) if part.strip(STRAY)]
    # OCR specks among the words: one or two lower-case letters that are no word of a name.
    names = [" ".join(w for w in nm.split() if not re.fullmatch(r"[a-zåäö]{1,2}|\W+", w))
             for nm in names]
    return [nm.strip(STRAY) for nm in names]


def _is_amount(cell: str) -> bool:
    """A cell holding one amount; OCR may have lost or added a thousands space ('4305 000')."""
    return bool(re.fullmatch(r"[-−]?\d[\d \u00a0]*(?:,\d+)?", cell))


SPAN = re.compile(r"(?i)(?:för tiden|för perioden|period(?:en)?)\s*(\d{4})-(\d{2})\s*"
                  r"(?:t\.?o\.?m\.?|till|[-–])\s*(\d{4})-(\d{2})")
MONTH_END = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}


def _stated_period(window: str) -> str | None:
    """'budgeten för tiden 2018-04 t.o.m. 2018-12' -> '2018-04-01/2018-12-31'."""
    m = SPAN.search(window)
    if not m:
        return None
    y0, m0, y1, m1 = m.groups()
    return f"{y0}-{m0}-01/{y1}-{m1}-{MONTH_END.get(int(m1), 31)}"


def _period(year: str | None, start_date: str | None) -> str | None:
    if not year:
        return None
    if start_date and start_date.startswith(year):
        return f"{start_date}/{year}-12-31"
    return f"{year}-01-01/{year}-12-31"


def _caption_year(lines: list[Line], i: int) -> str | None:
    """The one year of a short caption just above a section heading ('Resultaträkning 2023 (kr)')."""
    for ln in lines[max(0, i - 2):i][::-1]:
        if "\t" in ln.text or len(ln.text) > 80 or re.search(r"\d{4}-\d{2}", ln.text):
            return None
        years = set(YEAR.findall(ln.text))
        if len(years) == 1:
            return years.pop()
    return None


def _kind(label: str, section: str | None) -> str:
    if re.match(r"(?i)^(?:årets\s+)?(?:resultat|överskott|underskott|eget kapital)\b", label):
        return "subtotal"
    if TOTAL_LABEL.match(label):
        if section == "income" or INCOME_LABEL.search(label):
            return "total_income"
        return "total_cost"
    if SUBTOTAL_LABEL.search(label):
        return "subtotal"
    if section == "income" or (INCOME_LABEL.search(label) and not COST_WORDS.match(label)):
        return "income"
    return "cost"


def _clean_label(label: str, kind: str) -> str:
    label = VARAV.sub("", label).strip(" .:")
    label = label[:1].upper() + label[1:]
    words = label.split()
    if kind in {"total_income", "total_cost"} and len(words) == 2 and not is_known_word(words[1]):
        # a total whose name OCR destroyed: name it after its section
        label = f"{words[0].capitalize()} {'intäkter' if kind == 'total_income' else 'kostnader'}"
    return label[:1].upper() + label[1:].lower() if label.isupper() else _tidy_case(label)


def _tidy_case(label: str) -> str:
    """'LoKaler tOtalt' -> 'Lokaler totalt': mixed case inside words is OCR noise."""
    words = []
    for i, w in enumerate(label.split(" ")):
        if any(c.isupper() for c in w[1:]) and not w.isupper():
            w = w.lower()
            if i == 0:
                w = w[:1].upper() + w[1:]
        words.append(w)
    return " ".join(words)


def _join_header(cells: list[str], cont: list[str]) -> list[str]:
    """Join a wrapped header line to its cells: hyphenated cells first, the rest from the right."""
    out = list(cells)
    rest = list(cont)
    for k, c in enumerate(out):
        if rest and c.endswith("-"):
            out[k] = c + rest.pop(0)
    for k in range(len(out) - 1, 0, -1):
        if not rest:
            break
        if not out[k].endswith(rest[-1]) and not re.search(r"\d{4}$", out[k]):
            out[k] = f"{out[k]} {rest.pop()}"
    return out


def _table(inp: ExtractionInput, lines: list[Line], i: int, header: list[str], scale: float
           ) -> tuple[list[Fact], int]:
    """A table with a header row of column names: every cell of every row is a fact. Section rows
    ('Intäkter', 'Kostnader', their other cells empty) say the kind of the rows under them; a
    table of one year's column gives that year as the rows' period."""
    facts: list[Fact] = []
    columns = header[1:]
    single_year = YEAR.fullmatch(columns[0].split()[-1]) if len(columns) == 1 else None
    # the label column's header may name the section: 'Intäkter<TAB>Budget 2025'
    section = "income" if INCOME_HEAD.match(header[0]) else "cost" if COST_HEAD.match(header[0]) else None
    j = i + 1
    while j < len(lines):
        cells = _cells(lines[j].text)
        if len(cells) == 1 and (INCOME_HEAD.match(lines[j].text) or COST_HEAD.match(lines[j].text)):
            section = "income" if INCOME_HEAD.match(lines[j].text) else "cost"
            j += 1
            continue
        amounts = _amount_cells(cells[1:], len(columns)) if len(cells) > 1 else None
        if amounts is None or _is_amount(cells[0]):
            break
        label = cells[0]
        kind = _kind(label, section)
        if kind == "total_income" and section != "cost":
            section = "cost"  # an income statement goes on with its costs
        for col, cell in zip(columns, amounts, strict=True):
            facts.append(Fact(type="budget_line", value=(parse_number(cell) or 0) * scale,
                              unit="SEK", label=label, kind=kind,
                              column=None if single_year else col,
                              period=single_year.group() if single_year else _column_year(col),
                              evidence=inp.evidence(lines[j].start, lines[j].end)))
        j += 1
    return facts, j


YEAR_CELL = re.compile(r"(?:19|20)\d{2}")


MONTH_ABBR = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _column_period(column: str, inp: ExtractionInput) -> str | None:
    """A column's period: its own year, else the document's one year, a month span within it
    ('Utfall jan–aug' in a report on 2022: 2022-01-01/2022-08-31)."""
    import calendar

    own = _column_year(column)
    if own:
        return own
    doc = budget_prose.document_period(inp) or ""
    one_year = re.fullmatch(r"((?:19|20)\d\d)(?:-\d\d-\d\d/\1-\d\d-\d\d)?", doc)
    if not one_year:
        return None
    year = one_year.group(1)
    if doc != year and not re.search(r"(?i)helår|\bår\b", column) and not re.search(
            r"(?i)\b(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)", column):
        return doc  # a column of a part-year report without a span of its own
    span = re.search(r"(?i)\b(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*\s*[–-]\s*"
                     r"(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*", column)
    if span:
        m1, m2 = (MONTH_ABBR.index(g.lower()[:3]) + 1 for g in span.groups())
        last = calendar.monthrange(int(year), m2)[1]
        return f"{year}-{m1:02d}-01/{year}-{m2:02d}-{last:02d}"
    return year


def _column_year(column: str) -> str | None:
    """The year a column is for ('Budget 2025', 'Plan 2026'); none for part of a year or a span."""
    years = YEAR_CELL.findall(column)
    if len(years) != 1 or re.search(r"(?i)jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|halvår|kvartal"
                                     r"|tertial|[-–/]\s*\d", column):
        return None
    return years[0]


def _column_header(text: str) -> list[str] | None:
    """A header row whose column names are years or open after an empty label cell:
    ['', 'Budget 2025', 'Plan 2026'], ['Kostnadsslag', '2025', '2026'], ['', '2023']."""
    raw = [c.strip(STRAY) for c in text.split("\t")]
    if len(raw) < 2:
        return None
    first, names = raw[0], [c for c in raw[1:] if c]
    if not names or (first and _is_amount(first)) or len(names) != len(raw) - 1:
        return None
    if any(_is_amount(c) and not YEAR_CELL.fullmatch(c) for c in names):
        return None
    has_year = any(YEAR_CELL.search(c) for c in names)
    if not has_year and (first or len(names) < 2):
        return None  # the classic header with a label cell is read by the reader below
    return [first, *names]


def _scale(inp: ExtractionInput, lines: list[Line], i: int, window: str) -> float:
    """A table's unit: its caption or header first ('(kr)', '(tkr)'), else the text before it."""
    near = " ".join(ln.text for ln in lines[max(0, i - 3):i + 1])
    if re.search(r"(?i)\((?:kr|kronor|sek)\)|\bi kronor\b|,\s*kronor\b", near):
        return 1.0
    if THOUSANDS.search(near):
        return 1000.0
    return 1000.0 if THOUSANDS.search(window) else 1.0


SPACED_ROW = re.compile(r"^(?P<label>[A-ZÅÄÖ][^\d\t]{1,40}?)\s+(?P<nums>[-−]?\d{1,3}(?: [-−]?\d{1,3})*)\s*$")
HEADER_PIECE = re.compile(r"(?:[a-zåäö]+\.? )?(?:19|20)\d\d|[a-zåäö]+")
DEVIATION = re.compile(r"(?i)^(?:avvikelse|differens|diff)")
MAX_COMBINATIONS = 4096
MAX_READINGS = 256


def _partitions(groups: list[str], n: int) -> list[list[float]]:
    """Ways to read digit groups as n Swedish numbers ('512 400 618 250' -> 512 400 | 618 250).

    A number has one to four groups (up to 999 999 999 999); at most MAX_READINGS are returned.
    """
    out: list[list[float]] = []

    def walk(at: int, left: int, done: list[float]) -> None:
        if len(out) >= MAX_READINGS:
            return
        if not left <= len(groups) - at <= 4 * left:
            return  # too few or too many groups left for the numbers still to read
        if left == 0:
            out.append(done)
            return
        head = groups[at].lstrip("-−")
        if not 1 <= len(head) <= 3 or (head[0] == "0" and head != "0"):
            return
        for k in range(at, min(at + 4, len(groups))):
            if k > at and (len(groups[k]) != 3 or not groups[k].isdigit()):
                break
            walk(k + 1, left - 1, [*done, parse_number(" ".join(groups[at:k + 1])) or 0.0])

    walk(0, n, [])
    return out


def _is_consistent(values: list[float], deviation: int | None) -> bool:
    """A row whose deviation column is the difference of two of its other columns."""
    if deviation is None:
        return True
    others = [v for k, v in enumerate(values) if k != deviation]
    return any(abs(abs(a - b) - abs(values[deviation])) < 0.5 for a in others for b in others)


def _choose_rows(rows: list[list[list[float]]]) -> list[list[float] | None]:
    """One reading per row: the only one left, else the one set whose rows add up to the total."""
    if all(len(r) == 1 for r in rows):
        return [r[0] for r in rows]
    combos = 1
    for r in rows:
        combos *= max(1, len(r))
    if rows and combos <= MAX_COMBINATIONS and all(rows):
        from itertools import product

        fits = [c for c in product(*rows)
                if all(abs(sum(col[:-1]) - col[-1]) < 0.5 for col in zip(*c, strict=True))]
        if len(fits) == 1:
            return list(fits[0])
    return [r[0] if len(r) == 1 else None for r in rows]


def _spaced_table(inp: ExtractionInput, lines: list[Line], i: int, scale: float
                  ) -> tuple[list[Fact], int]:
    """A table that OCR gave without tabs: column names opened by 'Utfall', 'Budget', ...; rows of
    a label and space-grouped numbers, split so each row (and the total) adds up."""
    if re.search(r"\S {2,}\S", lines[i].text):
        return _aligned_table(inp, lines, i, scale)
    names = [c.strip(STRAY) for c in COLUMN_HEADS.split(lines[i].text)[1:]]
    first = i + 1
    cont = lines[first].text if first < len(lines) else ""
    if cont.split() and all(re.fullmatch(r"[a-zåäö]+\.?|(?:19|20)\d\d", w) for w in cont.split()):
        names, first = _join_header(names, HEADER_PIECE.findall(cont)), first + 1
    deviation = next((k for k, nm in enumerate(names) if DEVIATION.match(nm)), None)
    rows: list[tuple[Line, str, list[list[float]]]] = []
    j = first
    while j < len(lines) and (m := SPACED_ROW.match(lines[j].text)):
        groups = m.group("nums").split()
        every = _partitions(groups, len(names))
        # A row that adds up in one reading only; else the one reading there is, for the checks to flag
        readings = [v for v in every if _is_consistent(v, deviation)] or every[:1] * (len(every) == 1)
        rows.append((lines[j], m.group("label").strip(), readings))
        j += 1
    chosen = _choose_rows([r[2] for r in rows]) if rows and TOTAL_LABEL.match(rows[-1][1]) else \
        [r[2][0] if len(r[2]) == 1 else None for r in rows]
    facts = []
    for (ln, label, _), values in zip(rows, chosen, strict=True):
        if values is None or len(values) != len(names):
            continue  # a row no reading makes add up: left out rather than guessed
        for col, value in zip(names, values, strict=True):
            facts.append(Fact(type="budget_line", value=value * scale, unit="SEK", label=label,
                              kind=_kind(label, None), column=col,
                              evidence=inp.evidence(ln.start, ln.end), confidence=0.8))
    return facts, j


# 'Personal: utfall 1 432 tkr mot budget 1 500 tkr': a row of a budget follow-up in words.
WORDED_ROW = re.compile(r"^\s*[-•]?\s*(?P<label>[A-ZÅÄÖ][^:\d]{1,40}):\s*"
                        r"(?:(?P<c1>utfall|budget|prognos)\s+)?"
                        r"(?P<n1>\d[\d ]*(?:,\d+)?)\s*(?P<u1>tkr|kr|mkr)?\s+(?:mot|jämfört med|och)\s+"
                        r"(?P<c2>utfall|budget|prognos)\s+(?P<n2>\d[\d ]*(?:,\d+)?)\s*(?P<u2>tkr|kr|mkr)\b",
                        re.I)
OTHER_COLUMN = {"budget": "utfall", "utfall": "budget", "prognos": "budget"}
SCALES = {"tkr": 1000.0, "mkr": 1e6, "kr": 1.0}


def _worded_rows(inp: ExtractionInput, lines: list[Line]) -> list[Fact]:
    """Budget follow-ups written as 'Post: utfall N tkr mot budget M tkr', one line a post."""
    facts = []
    for k, ln in enumerate(lines):
        m = WORDED_ROW.match(ln.text)
        if not m:
            continue
        # the year of the follow-up: the nearest line above that names one ('… för Kliv 2016:')
        year = next((f" {ys[0]}" for above in reversed(lines[max(0, k - 6):k])
                     if len(ys := sorted(set(YEAR_CELL.findall(above.text)))) == 1), "")
        label = m.group("label").strip()
        for c, n, u in (("c1", "n1", "u1"), ("c2", "n2", "u2")):
            value = (parse_number(m.group(n)) or 0) * SCALES[(m.group(u) or m.group("u2")).lower()]
            column = m.group(c) or OTHER_COLUMN[m.group("c2").lower()]  # 'Totalt: N mot budget M'
            facts.append(Fact(type="budget_line", value=value, unit="SEK", label=label,
                              kind=_kind(label, None), column=column.capitalize() + year,
                              period=year.strip() or None, evidence=inp.evidence(ln.start, ln.end)))
    return facts


def _aligned_table(inp: ExtractionInput, lines: list[Line], i: int, scale: float
                   ) -> tuple[list[Fact], int]:
    """A table set in columns with runs of spaces: 'Kansli      900      920' under its header."""
    head = re.split(r" {2,}", lines[i].text.strip())
    names = head if COLUMN_HEADS.match(head[0]) else head[1:]
    facts = []
    section: str | None = None
    parent: str | None = None
    j = i + 1
    while j < len(lines):
        text = lines[j].text.strip()
        if INCOME_HEAD.match(text) or COST_HEAD.match(text):  # 'Intäkter', 'Kostnader' on their own
            section, parent = ("income" if INCOME_HEAD.match(text) else "cost"), None
            j += 1
            continue
        cells = re.split(r" {2,}", text)
        values = [parse_number(DOTTED_THOUSANDS.sub(" ", c)) for c in cells[1:]]
        if len(cells) != len(names) + 1 or _is_amount(cells[0]) or any(v is None for v in values):
            break
        label = cells[0]
        kind = _kind(VARAV.sub("", label), section)
        is_varav = bool(VARAV.match(label))
        for col, value in zip(names, values, strict=True):
            facts.append(Fact(type="budget_line", value=(value or 0) * scale, unit="SEK",
                              label=VARAV.sub("", label), kind=kind, column=col,
                              period=_column_period(col, inp),
                              parent=parent if is_varav else None,
                              evidence=inp.evidence(lines[j].start, lines[j].end)))
        if not is_varav:
            parent = label
        if kind == "total_income":
            section = "cost"  # an income statement goes on with its costs
        j += 1
    return facts, j


@register("budget_line")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Every budget line, in whole kronor, with its kind, parent, column and period."""
    facts: list[Fact] = []
    lines = inp.lines()
    start_date = inp.info.start_date
    section: str | None = None
    year: str | None = None
    parent: str | None = None
    scale = 1.0
    stated: str | None = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        window = inp.text[max(0, ln.start - 600): ln.start]
        cells = _cells(t)
        header = _column_header(t)
        if header and i + 1 < len(lines) and not re.search(r"(?i)\b(?:kvinnor|män|antal|deltagare)\b", t):
            # '<TAB>Budget 2025<TAB>Plan 2026', 'Kostnadsslag<TAB>2025<TAB>2026', '<TAB>2023'
            found, j = _table(inp, lines, i, header, _scale(inp, lines, i, window))
            if found:
                facts.extend(found)
                i = j
                continue
        if len(cells) >= 3 and not any(_is_amount(c) or "%" in c for c in cells) and i + 2 < len(lines) \
                and not re.search(r"(?i)\b(?:kvinnor|män|antal|deltagare)\b", t):  # a count of people
            header, first = cells, i
            cont = _cells(lines[i + 1].text)
            body = _cells(lines[i + 2].text)
            n = len(body) - 1 if len(body) > 1 and _is_amount(body[-1]) else len(cells) - 1
            names = _split_header(cells[1:], n)
            if len(cells) - 1 < n == len(names) and any(re.search(r"[^\W\d_]", c) for c in cont[1:]):
                # names run together and wrapped; the wrapped line's own label cell and specks go
                rest = [c for c in cont[1:] if not re.fullmatch(r"[a-zåäö]{1,2}", c)]
                header, first = [cells[0], *_join_header(names, rest)], i + 1
            elif len(cont) < len(cells) and any(re.search(r"[^\W\d]", c) for c in cont):
                header, first = _join_header(cells, cont), i + 1  # column names wrapped a line
            nxt = _cells(lines[first + 1].text)
            if len(nxt) > 1 and _amount_cells(nxt[1:], len(header) - 1) is not None:
                sc = 1000.0 if THOUSANDS.search(window + t) else 1.0
                found, i = _table(inp, lines, first, header, sc)
                facts.extend(found)
                continue
        year_head = re.split(r" {2,}", t.strip())
        if "\t" not in t and i + 1 < len(lines) and (len(COLUMN_HEADS.findall(t)) >= 2 or (
                len(year_head) >= 3 and all(YEAR_CELL.fullmatch(c) for c in year_head[1:]))):
            sc = 1000.0 if THOUSANDS.search(window + t) else 1.0
            found, j = _spaced_table(inp, lines, i, sc)
            if found:
                facts.extend(found)
                i = j
                continue
        if INCOME_HEAD.match(t) or COST_HEAD.match(t):
            section = "income" if INCOME_HEAD.match(t) else "cost"
            y = YEAR.search(t)
            year = y.group(1) if y else _caption_year(lines, i) or year
            scale = 1000.0 if THOUSANDS.search(window) else 1.0
            stated = _stated_period(inp.text[max(0, ln.start - 1500): ln.start])
            parent = None
        elif section and len(cells) == 2 and _is_amount(cells[1]) and not _is_amount(cells[0]):
            label = cells[0]
            kind = _kind(VARAV.sub("", label), section)
            clean = _clean_label(label, kind)
            is_varav = bool(VARAV.match(label))
            facts.append(Fact(type="budget_line", value=(parse_number(cells[1]) or 0) * scale,
                              unit="SEK", label=clean, kind=kind,
                              parent=parent if is_varav else None,
                              period=stated or _period(year, start_date),
                              evidence=inp.evidence(ln.start, ln.end)))
            if kind == "subtotal":
                parent = clean
            elif not is_varav:
                parent = None
        elif section and len(t) > 90 and "\t" not in t:
            section = None
        i += 1
    facts.extend(_prose_items(inp))
    facts.extend(_worded_rows(inp, lines))
    facts.extend(_two_column_blocks(inp, {(f.evidence.start, f.evidence.end) for f in facts}))
    facts.extend(budget_prose.read(inp, {(f.evidence.start, f.evidence.end) for f in facts}))
    return facts


# A budget line with its amount and unit and no tab: 'Personal kommunen 1.250.000 kr'.
UNIT_ROW = re.compile(r"^\s*(?:[-•*–]\s*)?(?P<label>[A-ZÅÄÖ][^\d\t:]{1,50}?)\s+"
                      r"(?P<amount>\d{1,3}(?:[ .]\d{3})+|\d{1,6})\s*(?P<unit>kr|kronor|tkr|SEK)\.?\s*$")


def _two_column_blocks(inp: ExtractionInput, taken: set[tuple[int, int]]) -> list[Fact]:
    """Runs of 'Label<TAB>amount' lines with no section heading: a budget of its own. The total
    row names its side ('Summa intäkter'), else the rows are costs."""
    facts: list[Fact] = []
    block: list[tuple[Line, str, float]] = []
    scale = 1.0

    def flush() -> None:
        is_money = any(v * scale >= 1000 for _, _, v in block)  # not page numbers or head counts
        if is_money and (len(block) >= 2 or (block and TOTAL_LABEL.match(block[0][1]))):
            income = any(re.search(r"(?i)intäkt|finansiering", lb) for _, lb, _ in block
                         if TOTAL_LABEL.match(lb) or SUBTOTAL_LABEL.search(lb))
            head = inp.text[max(0, block[0][0].start - 200):block[0][0].start].strip().splitlines()[-2:]
            years = {y for ln in head for y in YEAR.findall(ln)}
            # 'Budget 2025 (tkr)' above the table, else the document's own period
            period = years.pop() if len(years) == 1 else budget_prose.document_period(inp)
            for ln, label, value in block:
                kind = _kind(label, "income" if income else "cost")
                if re.match(r"(?i)^summa\s+\w*kostnad", label) and \
                        not re.search(r"(?i)^summa\s+kostnader$", label):
                    kind = "subtotal"  # 'Summa personalkostnader'
                facts.append(Fact(type="budget_line", value=value * scale, unit="SEK", label=label,
                                  kind=kind, period=period, evidence=inp.evidence(ln.start, ln.end)))
        block.clear()

    for ln in inp.lines():
        cells = _cells(ln.text)
        spaced = UNIT_ROW.match(ln.text)
        if "\t" not in ln.text and spaced:  # 'Lokaler och resor 110.000 kr' on a line of its own
            cells = [spaced.group("label").strip(), DOTTED_THOUSANDS.sub(" ", spaced.group("amount"))]
        unit = re.search(r"(?i)\s*(tkr|mkr|kr|kronor|sek)\.?$", cells[-1]) if cells else None
        if unit:
            cells[-1] = cells[-1][:unit.start()]
        if any(a <= ln.start < b for a, b in taken) or ("\t" not in ln.text and not spaced) \
                or len(cells) != 2 \
                or not _is_amount(cells[1]) or _is_amount(cells[0]) or cells[0][:1].isdigit():
            flush()
            continue
        if not block:
            scale = 1000.0 if THOUSANDS.search(inp.text[max(0, ln.start - 300):ln.end]) else 1.0
        # a unit in the cell says the scale itself: the table's scale is for cells without one
        factor = {"tkr": 1000.0, "mkr": 1e6}.get(unit.group(1).lower(), 1.0) / scale if unit else 1.0
        block.append((ln, cells[0], (parse_number(cells[1]) or 0.0) * factor))
    flush()
    return facts


def _prose_items(inp: ExtractionInput) -> list[Fact]:
    """'Material: ... Materialkostnader beräknas till 15 000 kronor.' paragraphs of a cost section."""
    facts = []
    for para in re.finditer(r"(?:[^\n\f]+\n?)+", inp.text):
        p = para.group()
        m = PROSE_ITEM.match(p)
        if not m or len(m.group("body").split()) < 4:
            continue  # 'Label: 6 120 000 kr' is a field, read with the prose
        window = inp.text[max(0, para.start() - 1500): para.start()]
        if not re.search(r"(?i)kostnad", window + p):
            continue
        amounts = list(re.finditer(rf"({NUMBER})\s*(?:kronor|kr|sek)\b", p, re.I))
        last = amounts[-1]
        y = YEAR.search(window[-800:] + p) if not inp.info.period else None
        facts.append(Fact(type="budget_line", value=parse_number(last.group(1)), unit="SEK",
                          label=m.group("label").strip(), kind="cost",
                          period=_period(y.group(1) if y else None, inp.info.start_date),
                          evidence=inp.evidence(para.start(), para.start() + last.end())))
    return facts
