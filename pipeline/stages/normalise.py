"""Normalise stage: repair OCR damage and layout, recording every edit and an offset map back."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.models import Edit, NormDoc, OffsetMap, Page, TextDoc
from pipeline.repair.context import Context
from pipeline.repair.diacritics import mark_edits
from pipeline.repair.figures import (
    glued_digit_edits,
    number_cell_edits,
    percent_edits,
    table_sum_edits,
    us_number_edits,
)
from pipeline.repair.language import language
from pipeline.repair.lexicon import is_known_word, zipf
from pipeline.repair.tuning import OCR_DOUBT
from pipeline.repair.words import TOKEN, Damage, measure_damage, repair_token, variant_bonus

# A dot leader: dots (at least two) and the letter garbage OCR makes of them, up to the next value.
LEADER_START = re.compile(r"[ \t]*(?:\.{2,}|…+|_{3,})")
LEADER_GARBAGE_CHARS = set("ceiouvnarslmwy.,:;'`´·…_-")
CELL_GARBAGE_CHARS = set("ceiouvnarslwytf")  # the letters OCR makes of dots
GARBAGE_RUN = re.compile(r"(?<=\s)[ceiouvnarsl]{14,}(?=\s)")
# A percent sign that foreign OCR read as '2%6', '%6', '2%0', '%o', or '26' right before ')'.
PERCENT_DAMAGE = re.compile(r"(?<=\d )(?:2%[0-9o]|%[0-9o]|2%)(?=[\s).,]|$)|(?<=\d )26(?=\))")
# Tesseract's Swedish model misreads '%': glued to the number ('70%' -> '7096', '7026') or
# as a separate token ('35 %' -> '35 24', '35 4', '35 246', '(35 920)', '35 20 av').
OCR_PERCENT_GLUED = re.compile(r"\b(?P<n>100|[1-9]?\d)(?P<g>96|90|26|9o|0/0)(?= (?:i|av|under|på|"
                               r"inom|per|från|och|eller)\b|[,.;)]|$)", re.M)
# What Tesseract makes of '%' glued to a number, and the forms of it that no count ends with.
PCT_AS_DIGITS = r"(?:960|946|940|926|290|246|240|96|94|90|26|24|20)"
PCT_AS_3_DIGITS = r"(?:960|946|940|926|290|246|240)"
# In parentheses or before 'kvinnor'/'män'/'ingen' a glued '%' is certain even on pages that show '%'.
OCR_PERCENT_SURE = re.compile(
    r"(?<=\()(?P<n>100|[1-9]?\d)(?P<g>960|96|90|26|24|240|9o|0/0)(?=\))"
    rf"|\b(?P<n2>100|[1-9]?\d)(?P<g2>{PCT_AS_3_DIGITS})(?=\s+(?:kvinnor|män|ingen)\b)")
# A share in parentheses beside a gender count: '8 kvinnor (6520)', '4 (3020) män'.
OCR_PERCENT_PAREN = re.compile(
    rf"(?:(?<=kvinnor \()|(?<=män \())(?P<n>100|[1-9]?\d)(?P<g>{PCT_AS_DIGITS})(?=\))"
    rf"|(?<=\d \()(?P<n2>100|[1-9]?\d)(?P<g2>{PCT_AS_DIGITS})(?=\) (?:kvinnor|män)\b)")
# OCR specks: marks or a lone letter after a gap at the end of a line, marks glued to a word's start
STRAY_END = re.compile(r"(?:[ \t]+[|:;'\"”]+|\t+[^\W\d_])[ \t]*$", re.M)
STRAY_START = re.compile(r"(?<=[ \n])[:;'\"”|](?=[a-zåäö])")
# '1;5 tjänster': a decimal comma that OCR read as a semicolon.
OCR_DECIMAL = re.compile(r"(?<=\b\d);(?=\d\b)")
# Punctuation specks Tesseract reads on noisy scans, each with its repair.
OCR_MARKS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (STRAY_END, "", "marks or a lone letter at the end of a line"),
    (STRAY_START, "", "mark glued to the start of a word"),
    (OCR_DECIMAL, ",", "decimal comma read as a semicolon"),
    (re.compile(r"\t[|!'\"”.,:;-]+(?=\t)"), "", "mark read as a table cell"),  # 'Kommunen\t|\t9'
    (re.compile(r"(?<=\t)['\"”’](?=\d)"), "", "mark glued to a number cell"),  # '\t"6'
    (re.compile(r"(?<=[a-zåäö])['’](?=\d)"), " ", "mark between a word and a number"),  # "var'5"
    (re.compile(r"(?<=\b\d)\.(?=[a-zåäö]{3,})"), " ", "speck between a number and a word"),
    (re.compile(r"(?<= )[.,](?=[a-zåäö]{2,})"), "", "speck before a word"),  # 'gruppen .har'
    (re.compile(r"(?<=\.)-(?=[A-ZÅÄÖ])"), " ", "speck after a full stop"),  # '12.-Under'
)
# 'deltagare.som': a speck read as a dot between two words (not in 't.ex.' or an address).
OCR_DOT = re.compile(r"(?<=[a-zåäö]{3})\.(?=[a-zåäö]{2,}\b)")
# 'och-det', 'har-genomförts': a speck read as a hyphen after a function word.
OCR_HYPHEN = re.compile(r"\b([a-zåäö]{2,})-([a-zåäö]{2,})\b")
FUNCTION_WORD_ZIPF = 6.0
# A table's last cell read as a letter that looks like a digit, beside rows ending in numbers.
DIGIT_FOR = {"l": "1", "I": "1", "L": "1", "|": "1", "O": "0", "o": "0"}
LETTER_CELL = re.compile(r"\t([lIL|Oo])[ \t]*$")
NUMBER_CELL = re.compile(r"\t\d+[ \t]*$")
PERCENT_AFTER = r"(?:av|ersättning|i|under|på|kvinnor|män|från|och|eller|inom|per|har|hade)"
OCR_PERCENT_SPACED = re.compile(
    rf"(?<!\d)(?<!\d )(?P<n>100|[1-9]?\d)(?P<g> (?:24|246|2%|9%|920|96|26|90|4|2))(?= {PERCENT_AFTER}\b|\)|$)"
    rf"|(?<!\d)(?<!\d )(?P<n2>100|[1-9]?\d)(?P<g2> 20)(?= av\b)", re.M)
HYPHEN_BREAK = re.compile(r"([^\W\d_]{2,})-\n([a-zåäö]{2,})")
KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "resp", "till"}


def _is_repetitive(core: str) -> bool:
    """'ccooiiiiiinnn': mostly runs of one letter, as OCR makes of dot leaders."""
    runs = sum(len(m.group()) for m in re.finditer(r"(.)\1+", core.lower()))
    return len(core) >= 6 and runs / len(core) >= 0.6 and zipf(core) < 2.0


def _is_garbage(tok: str) -> bool:
    core = tok.strip(".,:;'`´·…_-")
    if _is_repetitive(core):
        return True
    if not core:
        return True
    if len(core) == 1 and core.isalpha() and core.islower():
        return True
    if not set(tok.lower()) <= LEADER_GARBAGE_CHARS or any(c.isdigit() for c in tok):
        return False
    return zipf(core) < 3.0 or len(core) > 10


def _is_cell_garbage(tok: str) -> bool:
    """Leader garbage left in a table cell: letters mixed with digits, unknown lower-case runs."""
    core = tok.strip(".,:;'`´·…_-\"”|!")
    if not core:
        return True
    if core.isdigit() or core.endswith("%") or (re.fullmatch(r"[\dOoIl]+", core) and core[0].isdigit()):
        return False  # '1O', '3OO': a figure OCR read with letters, for the figure repair
    if re.search(r"[^\W\d_]\d|\d[^\W\d_]", core) and not re.fullmatch(r"\d+[a-zåäö]?", core):
        return True
    if len(core) <= 2:
        return core.islower()
    return (core[:1].islower() and len(core) >= 6 and set(core) <= CELL_GARBAGE_CHARS
            and not is_known_word(core))


def _leader_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for line_m in re.finditer(r"[^\n\f]+", text):
        line, base = line_m.group(), line_m.start()
        m = LEADER_START.search(line)
        start = m.start() if m else None
        tab = line.find("\t")
        if start is None and tab > 0:
            start = tab  # OCR often loses the dots and keeps only their garbage after a gap
        if start is None:
            g = GARBAGE_RUN.search(" " + line + " ")
            if not g:
                continue
            start = g.start() - 1
            while start > 0 and line[start - 1] in " \t":
                start -= 1
        if start == 0:
            continue
        end = start
        for tok in re.finditer(r"\S+", line[start:]):
            if not (_is_garbage(tok.group()) or _is_cell_garbage(tok.group())):
                break
            end = start + tok.end()
        if end == start and not m:
            continue  # a plain tab between cells: nothing to collapse
        while end < len(line) and line[end] in " \t":
            end += 1
        if end < len(line) and end > start:
            edits.append(Edit(base + start, base + end, line[start:end], "\t", "dot leader"))
    return edits


# In text another engine OCR:ed: 'O' for a zero inside figures ('5O', '1 O2O OOO', '2O15') and '9/0'
# or '2/0' for a percent sign after a figure.
LETTER_DIGITS = re.compile(r"(?<![\w,.])(?=[\dOo ]*[Oo])[\dOo]*\d[\dOo]*(?: [\dOo]{3})*(?![\w])")
SLASH_PERCENT = re.compile(r"(?<=[\dO])( ?)(?:9/0|2/0)(?=[\s).,;:]|$)")


def _damaged_figure_edits(text: str, base: int = 0) -> list[Edit]:
    """Figures in text a foreign engine OCR:ed: letter O for zero, '9/0' for '%'."""
    out = [Edit(base + m.start(), base + m.end(), m.group(), m.group().translate(str.maketrans("Oo", "00")),
                "zero read as the letter O", 0.8) for m in LETTER_DIGITS.finditer(text)]
    out += [Edit(base + m.start(), base + m.end(), m.group(), " %", "percent sign misread", 0.8)
            for m in SLASH_PERCENT.finditer(text)]
    return out


def _percent_edits(text: str, base: int = 0) -> list[Edit]:
    return [
        Edit(base + m.start(), base + m.end(), m.group(), "%", "percent sign misread", 0.9)
        for m in PERCENT_DAMAGE.finditer(text)
    ]


def _digit_cell_edits(page: str, base: int) -> list[Edit]:
    """'Primärvården\tl' among rows ending in numbers: the last cell is the digit it looks like."""
    rows = page.split("\n")
    out = []
    pos = 0
    for k, row in enumerate(rows):
        m = LETTER_CELL.search(row)
        near = rows[max(0, k - 1):k] + rows[k + 1:k + 2]
        if m and any(NUMBER_CELL.search(r) for r in near):
            out.append(Edit(base + pos + m.start(), base + pos + m.end(), m.group(),
                            "\t" + DIGIT_FOR[m.group(1)], "digit in a number column read as a letter",
                            0.7))
        pos += len(row) + 1
    return out


def _ocr_speck_edits(page: str, base: int) -> list[Edit]:
    """On an OCR page, drop or mend the specks Tesseract reads: marks, stray letters, '1;5'."""
    out = _digit_cell_edits(page, base)
    fixed = {e.raw_start for e in out}  # a letter cell read back as a digit is no speck
    out += [Edit(base + m.start(), base + m.end(), m.group(), repl, f"OCR speck: {why}", 0.8)
            for pat, repl, why in OCR_MARKS for m in pat.finditer(page)
            if base + m.start() not in fixed]
    for m in OCR_DOT.finditer(page):
        token = re.search(r"\S*$", page[:m.start()]).group() + re.match(r"\S*", page[m.end():]).group()
        if not re.search(r"www|@|http|\.(?:se|nu|com|org|net)\b", token, re.I):  # not an address
            out.append(Edit(base + m.start(), base + m.end(), ".", " ",
                            "OCR speck: dot read between two words", 0.7))
    for m in OCR_HYPHEN.finditer(page):
        head, tail = m.group(1), m.group(2)
        if zipf(m.group()) == 0 and max(zipf(head), zipf(tail)) >= FUNCTION_WORD_ZIPF \
                and min(zipf(head), zipf(tail)) >= 3.0:
            out.append(Edit(base + m.end(1), base + m.start(2), "-", " ",
                            "OCR speck: hyphen read between two words", 0.7))
    return out


def _percent_edit(m: re.Match[str], base: int, replacement: str, confidence: float) -> Edit | None:
    """The edit putting back the '%' that a match found as digits; None where the digits are a year."""
    if re.fullmatch(r"(?:19|20)\d\d", m.group()):
        return None  # '(2019)', '2019': a year, not a share
    g = "g" if m.groupdict().get("g") else "g2"
    return Edit(base + m.start(g), base + m.end(g), m.group(g), replacement,
                "percent sign read as digits by OCR", confidence)


def _ocr_percent_edits(page: str, base: int) -> list[Edit]:
    """On an OCR page, restore percent signs that Tesseract read as digits."""
    rules = [(OCR_PERCENT_PAREN, "%", 0.7), (OCR_PERCENT_SURE, "%", 0.8), (OCR_PERCENT_SPACED, " %", 0.7)]
    if "%" not in page:  # where the page shows '%' can be read, glued digits are real numbers
        rules.append((OCR_PERCENT_GLUED, "%", 0.7))
    edits = (_percent_edit(m, base, repl, conf) for pat, repl, conf in rules for m in pat.finditer(page))
    return [e for e in edits if e is not None]


def _hyphen_edits(text: str) -> list[Edit]:
    out = []
    for m in HYPHEN_BREAK.finditer(text):
        s, e = m.end(1), m.start(2)
        if m.group(2) in KEEP_HYPHEN_BEFORE:
            out.append(Edit(s + 1, e, "\n", " ", "line break after hyphen kept as space"))
        else:
            out.append(Edit(s, e, text[s:e], "", "word hyphenated over line end joined"))
    return out


def _boilerplate_edits(pages: list[str], starts: list[int]) -> list[Edit]:
    """Drop lines that repeat at the top or bottom of several pages (logos, running heads)."""
    if len(pages) < 3:
        return []
    edge_lines: list[list[tuple[int, int, str]]] = []
    counts: Counter[str] = Counter()
    for page, base in zip(pages, starts, strict=True):
        lines = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", page)]
        lines = [ln for ln in lines if ln[2]]
        edges = lines[:2] + lines[-2:] if len(lines) > 4 else lines
        edge_lines.append([(base + s, base + e, t) for s, e, t in edges])
        counts.update({t for _, _, t in edges})
    repeated = {
        t for t, n in counts.items()
        if n >= 2 and 3 <= len(t) <= 60 and not re.fullmatch(r"[\d\s.,–-]+", t)
        and ((t.isupper() and len(t) >= 8) or n >= max(3, len(pages) // 2))
    }
    out = []
    done: set[int] = set()
    for edges in edge_lines:
        for s, e, t in edges:
            if t in repeated and s not in done:
                done.add(s)
                out.append(Edit(s, e, t, "", "repeated page header/footer removed"))
    return out


def _is_word_gap(gap: str) -> bool:
    """Whether two tokens read as one phrase: only spaces or a line break between, no tab cell."""
    return not gap.strip() and "\t" not in gap


def _sentence_words(text: str, start: int, end: int) -> frozenset[str]:
    """Lower-cased words of the sentence around text[start:end] (up to . ! ? or a blank line)."""
    left = max(text.rfind(c, 0, start) for c in (". ", "! ", "? ", "\n\n", "\t"))
    rights = [k for k in (text.find(c, end) for c in (". ", "! ", "? ", "\n\n", "\t")) if k >= 0]
    right = min(rights, default=len(text))
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]+", text[left + 1:right]))


def _near(text: str, toks: list[re.Match[str]], i: int, reach: int = 4) -> frozenset[str]:
    """Lower-cased words within `reach` tokens of token i on the same line."""
    line_start = text.rfind("\n", 0, toks[i].start())
    line_end = text.find("\n", toks[i].end())
    line_end = len(text) if line_end < 0 else line_end
    return frozenset(t.group().lower() for t in toks[max(0, i - reach):i + reach + 1]
                     if t is not toks[i] and line_start < t.start() and t.end() <= line_end)


def _before(text: str, toks: list[re.Match[str]], i: int, reach: int = 3) -> tuple[str, ...]:
    """Up to `reach` words before token i, nearest last, none across a sentence end or a cell."""
    out: list[str] = []
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if re.search(r"[.!?:;\t]|\n\s*\n", text[toks[k].end():toks[k + 1].start()]):
            break
        out.append(toks[k].group())
    return tuple(reversed(out))


def _word_edits(text: str, dmg: Damage, seen: Counter[str], bonus: dict[str, float]
                ) -> list[Edit]:
    if dmg.is_clean:
        return []
    edits = []
    toks = list(TOKEN.finditer(text))
    for i, m in enumerate(toks):
        tok = m.group()
        if tok == "|":
            nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
            line_start = text.rfind("\n", 0, m.start()) + 1
            if nxt[:1].isalpha() and not text[line_start:m.start()].strip():
                edits.append(Edit(m.start(), m.end(), "|", "I", "'|' read for I", 0.8))
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        ctx = Context(
            prev.group() if prev and _is_word_gap(text[prev.end():m.start()]) else "",
            nxt.group() if nxt and _is_word_gap(text[m.end():nxt.start()]) else "",
            _near(text, toks, i),
            _sentence_words(text, m.start(), m.end()),
            _before(text, toks, i),
        )
        rep = repair_token(tok, dmg, seen, ctx, bonus)
        if rep and rep.replacement != tok:
            edits.append(Edit(m.start(), m.end(), tok, rep.replacement, rep.reason, rep.confidence))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, OffsetMap, tuple[Edit, ...]]:
    """Apply non-overlapping edits (overlaps: the earlier one wins) and build the offset map."""
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    kept: list[Edit] = []
    pos = 0
    npos = 0
    for e in sorted(edits, key=lambda e: (e.raw_start, e.raw_end)):
        if e.raw_start < pos:
            continue
        parts.append(text[pos:e.raw_start])
        npos += e.raw_start - pos
        parts.append(e.replacement)
        spans.append((npos, npos + len(e.replacement), e.raw_start, e.raw_end))
        npos += len(e.replacement)
        pos = e.raw_end
        kept.append(e)
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(tuple(spans)), tuple(kept)


def _ocr_page_edits(page: Page, base: int) -> list[Edit]:
    """What a Swedish page our own Tesseract read may need: specks, percent signs read as digits,
    digits glued to words, a wrong mark over a vowel, uncertain cells that keep a table from adding up."""
    text = page.text
    return (_ocr_speck_edits(text, base) + _ocr_percent_edits(text, base)
            + percent_edits(text, page.words, base, OCR_DOUBT) + glued_digit_edits(text, base)
            + table_sum_edits(text, page.words, base) + number_cell_edits(text, page.words, base)
            + mark_edits(text, base))


def normalise(doc: TextDoc) -> NormDoc:
    """Repair OCR damage page by page and keep the way back to the raw text.

    Only Swedish pages are repaired; a page in another language keeps its words, and its numbers
    written the English way ('18,870') are put in Swedish form.
    """
    pages = [p.text for p in doc.pages]
    raw = "\f".join(pages)
    starts, pos = [], 0
    for p in pages:
        starts.append(pos)
        pos += len(p) + 1
    doc_lang = language(raw)
    langs = [language(p, doc_lang) for p in pages]
    doc_dmg = measure_damage(raw)
    seen = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", raw) if any(c in w for c in "åäöÅÄÖ"))
    edits = _boilerplate_edits(pages, starts) + _leader_edits(raw) + _hyphen_edits(raw)
    bonus = variant_bonus(TOKEN.findall(raw), doc_dmg, seen)
    for page, base, lang in zip(doc.pages, starts, langs, strict=True):
        if lang != "sv":
            edits += us_number_edits(page.text, base)
            continue
        edits += _percent_edits(page.text, base)
        if page.source != "ocr" and (doc_dmg.strip > 0.5 or doc_dmg.noise > 0.02):
            edits += _damaged_figure_edits(page.text, base)
        if page.source == "ocr":
            edits += _ocr_page_edits(page, base)
    for page, p, base, lang in zip(doc.pages, pages, starts, langs, strict=True):
        if page.source == "ocr" or lang != "sv":
            continue  # our own Tesseract knows Swedish: its few slips are not this model's damage
        dmg = measure_damage(p) if sum(c.isalpha() for c in p) > 400 else doc_dmg
        dmg = Damage(max(dmg.strip, doc_dmg.strip * 0.8), max(dmg.noise, doc_dmg.noise * 0.8))
        for e in _word_edits(p, dmg, seen, bonus):
            edits.append(Edit(e.raw_start + base, e.raw_end + base, e.original, e.replacement,
                              e.reason, e.confidence))
    text, offsets, kept = apply_edits(raw, edits)
    page_starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == "\f"))
    damage = max(doc_dmg.strip, min(1.0, doc_dmg.noise * 3))
    return NormDoc(doc.source, doc, text, raw, page_starts, kept, offsets, round(damage, 3))
