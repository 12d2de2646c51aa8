"""Figures as OCR reads them: digits glued to words, uncertain table cells, numbers written the English way.

Every function returns edits on one page's raw text (offsets from `base`), for the normaliser
to apply and record.
"""

from __future__ import annotations

import re

from pipeline.models import Edit, Word
from pipeline.repair.lexicon import is_known_word, zipf

# '1aktivitetsersättning': a count glued to the word after it.
GLUED = re.compile(r"(?<![\w,.])(\d{1,3})([a-zåäö]{4,})\b")
# A table cell that is one number: '1 918 000', '-35 180', '215911'.
CELL_NUMBER = re.compile(r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|[-−–]?\d+(?:,\d+)?")
TOTAL_ROW = re.compile(r"(?i)^\s*(?:summa|totalt|total|sum)\b")
# English grouping: '18,870', '1,250,000' (a comma before each group of three); '2.125', a decimal
# that Swedish would read as thousands (other decimal points read the same either way).
US_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]|\.\d)")
US_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,])")


# What Tesseract makes of a '%' after a share: glued to it ('3%' -> '324', '62%' -> '6296',
# '75%' -> '75960') or apart ('15 %' -> '15 936', '30 %' -> '30 36', '39 %' -> '39 2/0').
PCT_FORMS = r"(?:960|946|940|936|926|290|246|240|96|94|90|36|26|24|20|[29]/0|0/0|9o|2o)"
PCT_LONG = re.compile(r"\d{3}|./0")  # three-character readings: no count or amount ends so
SHARE_AFTER = ("av", "i", "ingen", "inom", "under", "på", "per", "kvinnor", "män", "från", "har", "hade",
               "och", "eller", "som", "till", "var", "är")
PCT_GLUED = re.compile(rf"(?<![\w,.%/])(?P<n>100|[1-9]?\d)(?P<g>{PCT_FORMS})"
                       r"(?=(?P<after>\)|[,.;:]?\s+(?P<w>[a-zåäö]+)\b|[,.;:]))")
PCT_SPACED = re.compile(rf"(?<![\w,.%/])(?<!\d )(?P<n>100|[1-9]?\d)(?P<g> (?:{PCT_FORMS}|%o))"
                        r"(?=(?P<after>\)|[,.;:]?\s+(?P<w>[a-zåäö]+)\b|[,.;:]))")
YEARISH = re.compile(r"(?:19|20)\d\d")


def _sentence(page: str, start: int, end: int) -> str:
    a = max(page.rfind(". ", 0, start), page.rfind("\n\n", 0, start), page.rfind("\t", 0, start))
    ends = [k for k in (page.find(". ", end), page.find("\n\n", end), page.find("\t", end)) if k >= 0]
    return page[a + 1:min(ends, default=len(page))]


def percent_edits(page: str, words: tuple[Word, ...], base: int, doubt: float) -> list[Edit]:
    """Percent signs OCR read as digits, where the context wants a share.

    A figure of at most 100 followed by one of Tesseract's readings of '%' is a share when it says
    so itself (two digits apart from it, '58 94', are no Swedish number; it closes a bracket),
    or when it stands before a word a share stands before ('av', 'i', 'ingen', 'kvinnor' …) and
    something else says so too: OCR was unsure of it (confidence under `doubt`), the reading is
    one no count ends in ('960', '2/0'), its sentence has other shares, or a share of women and
    one of men beside it add up to 100.
    """
    conf = {(w.start, w.end): w.conf for w in words if w.conf is not None}
    cands = []
    for pat in (PCT_GLUED, PCT_SPACED):
        for m in pat.finditer(page):
            g = m.group("g").strip()
            if YEARISH.fullmatch(m.group("n") + g):
                continue
            spaced = pat is PCT_SPACED
            closes = m.group("after") == ")" and page[max(0, m.start() - 1):m.start()] == "("
            evident = closes or (spaced and len(g) == 2 and g.isdigit())
            at = m.start("g") + spaced
            token = next((c for (a, b), c in conf.items() if a <= at < b), None)
            strong = evident or (token is not None and token < doubt) or bool(PCT_LONG.fullmatch(g))
            cands.append((m, evident, strong, m.group("w") or ""))
    out = []
    for m, evident, strong, word in cands:
        sentence = _sentence(page, m.start(), m.end())
        others = sentence.replace(m.group(), "", 1)
        siblings = any(m2 is not m and (ev2 or st2) and m2.group() in sentence for m2, ev2, st2, _ in cands)
        paired = word in ("kvinnor", "män") and any(
            w2 in ("kvinnor", "män") and w2 != word and abs(int(m.group("n")) + int(m2.group("n")) - 100) <= 1
            and m2.group() in sentence for m2, _, _, w2 in cands)
        supported = strong or siblings or paired or "%" in others or "procent" in others
        if evident or (word in SHARE_AFTER and supported) or paired:
            out.append(Edit(base + m.start("g"), base + m.end("g"), m.group("g"),
                            "%" if m.re is PCT_GLUED else " %", "percent sign read as digits by OCR", 0.7))
    return out


def glued_digit_edits(page: str, base: int) -> list[Edit]:
    """'1aktivitetsersättning' -> '1 aktivitetsersättning': OCR lost the space after a count."""
    out = []
    for m in GLUED.finditer(page):
        word = m.group(2)
        if is_known_word(word) and not is_known_word(m.group()) and zipf(m.group()) == 0:
            out.append(Edit(base + m.end(1), base + m.end(1), "", " ",
                            "OCR: digit glued to the word after it, space put back", 0.8))
    return out


def _cell_value(cell: str) -> float | None:
    t = cell.strip(" .:;'\"”|")
    if not CELL_NUMBER.fullmatch(t):
        return None
    return float(t.replace(" ", "").replace("\u00a0", "").replace(",", ".").replace("−", "-")
                 .replace("–", "-"))


def _rows(page: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """Each line of the page with its offset and its cells' spans (tab-separated)."""
    out = []
    for m in re.finditer(r"[^\n]+", page):
        spans, pos = [], m.start()
        for cell in m.group().split("\t"):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        out.append((m.start(), spans))
    return out


def table_sum_edits(page: str, words: tuple[Word, ...], base: int) -> list[Edit]:
    """Uncertain cells of a column that does not add up to its total, read again: where exactly one
    cell's second reading (OCR read it again alone, digits only) makes the column add up, that
    reading replaces the first. A cell read with confidence keeps its reading whatever the sum.
    """
    alt_at = {(w.start, w.end): w.alt for w in words if w.alt}
    if not alt_at:
        return []
    rows = _rows(page)
    out: list[Edit] = []
    for t, (_, spans) in enumerate(rows):
        if len(spans) < 2 or not TOTAL_ROW.match(page[spans[0][0]:spans[0][1]]):
            continue
        body = []
        for _, sp in reversed(rows[:t]):  # the rows of figures right above the total
            if len(sp) != len(spans) or _cell_value(page[sp[-1][0]:sp[-1][1]]) is None:
                break
            body.append(sp)
        if len(body) < 2:
            continue
        for c in range(1, len(spans)):
            cells = [sp[c] for sp in body] + [spans[c]]
            values = [_cell_value(page[a:b]) for a, b in cells]
            if any(v is None for v in values) or abs(sum(values[:-1]) - values[-1]) < 0.5:  # type: ignore[arg-type]
                continue
            fixes = []
            for k, (a, b) in enumerate(cells):
                for (ws, we), alt in alt_at.items():
                    if not (a <= ws and we <= b):
                        continue
                    text = page[a:ws] + alt + page[we:b]
                    v = _cell_value(text)
                    trial = [*values[:k], v, *values[k + 1:]]
                    if v is not None and abs(sum(trial[:-1]) - trial[-1]) < 0.5:  # type: ignore[arg-type]
                        fixes.append(Edit(base + ws, base + we, page[ws:we], alt,
                                          "OCR: uncertain table cell read again, so the column adds up",
                                          0.6))
            if len(fixes) == 1:
                out.append(fixes[0])
    return out


def number_cell_edits(page: str, words: tuple[Word, ...], base: int) -> list[Edit]:
    """A row's last cell OCR read as letters ('TT', 'ET') beside rows ending in numbers, that OCR
    read again alone as a number: the number."""
    alt_at = {(w.start, w.end): w.alt for w in words if w.alt and CELL_NUMBER.fullmatch(w.alt)}
    if not alt_at:
        return []
    lines = page.split("\n")
    ends_in_number = [bool(re.search(r"\t[-−–]?\d[\d ]*[ \t]*$", ln)) for ln in lines]
    out, pos = [], 0
    for k, ln in enumerate(lines):
        tab = ln.rfind("\t")
        near = ends_in_number[max(0, k - 2):k] + ends_in_number[k + 1:k + 3]
        if tab >= 0 and not ends_in_number[k] and sum(near) >= 2:
            cell = (pos + tab + 1, pos + len(ln.rstrip()))
            alt = alt_at.get(cell)
            if alt:
                out.append(Edit(base + cell[0], base + cell[1], page[cell[0]:cell[1]], alt,
                                "OCR: number cell read as letters, read again as digits", 0.6))
        pos += len(ln) + 1
    return out


def us_number_edits(page: str, base: int) -> list[Edit]:
    """On a page in English, '18,870' is eighteen thousand and '2.125' two and a bit: written the
    Swedish way ('18 870', '2,125') so the number reader reads them as the page means them."""
    out = [Edit(base + m.start(), base + m.end(), m.group(),
                m.group().replace(",", "\u00a0").replace(".", ","),
                "number written the English way, in Swedish form", 1.0)
           for m in US_THOUSANDS.finditer(page)]
    taken = [(e.raw_start, e.raw_end) for e in out]
    out += [Edit(base + m.start(), base + m.end(), m.group(), m.group().replace(".", ","),
                 "decimal point written the English way, in Swedish form", 1.0)
            for m in US_DECIMAL.finditer(page)
            if not any(a <= base + m.start() < b for a, b in taken)]
    return out
