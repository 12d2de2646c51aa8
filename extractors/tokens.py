"""Sentences of a document, and a sentence as spaCy tokens in which every figure is one token.

spaCy's blank Swedish pipeline is the vocabulary and the `Matcher`; the tokens are cut here so
that a figure as Swedes write it ("2 500", "drygt 40 %", "16–66 år", "4 310 tkr") is one token
carrying its `Quantity` (`token._.qty`) and its kind (`token._.qkind`: count, percent, money,
years, months, weeks, days, hours, year). Patterns then speak of a count before a person noun,
not of digit groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.numbers import Quantity, find_quantities

WORD = re.compile(r"\w+(?:[-’'/]\w+)*-?|[^\w\s]")
UNIT_KIND = {None: "count", "percent": "percent", "SEK": "money", "years": "years",
             "months": "months", "weeks": "weeks", "days": "days", "hours": "hours"}
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {"t.ex", "bl.a", "m.m", "ca", "s.k", "dvs", "d.v.s", "kl", "nr", "st", "resp",
                 "inkl", "exkl", "t.o.m", "fr.o.m", "jfr", "o.s.v", "osv", "p.g.a", "pga", "milj",
                 "jan", "feb", "aug", "sept", "okt", "nov", "dec", "e.d", "m.fl", "f.d", "ev", "tel",
                 "s", "bl"}
BULLET = re.compile(r"^\s*(?:[-•*–·▪●○►✓]|\d{1,2}[.)]\s)\s*")
SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"”“'(–-]?[A-ZÅÄÖ0-9•·])")
FIELD_LABEL = re.compile(r"^(?:[-•*–·]\s*)?[A-ZÅÄÖ][\w ./()+-]{1,60}:\s*$")
FIELD_LINE = re.compile(r"^[A-ZÅÄÖ][\w /()-]{1,40}:\s+\S")
FIGURE_ONLY = re.compile(r"^\s*[\d\s,.]+%?\s*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence, list item, field or table row of the text, with its offsets."""

    start: int
    end: int
    text: str
    is_row: bool = False  # a row of a table: read by the table readers, not as prose


@dataclass(frozen=True)
class Tokens:
    """A sentence as a spaCy Doc, with each token's character span in the sentence."""

    doc: Any
    spans: tuple[tuple[int, int], ...]

    def chars(self, i: int, j: int) -> tuple[int, int]:
        """The character span of tokens i..j-1."""
        return self.spans[i][0], self.spans[j - 1][1]

    def token_at(self, pos: int) -> int:
        """The index of the token that covers character `pos`, or of the first one after it."""
        return next((k for k, (a, b) in enumerate(self.spans) if pos < b), len(self.spans) - 1)


@cache
def nlp() -> Any:
    """spaCy's blank Swedish pipeline, with the token attributes the patterns read."""
    import spacy
    from spacy.tokens import Token

    for name in ("qty", "qkind"):
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)
    return spacy.blank("sv")


def qkind(q: Quantity) -> str:
    """What a quantity is, as a pattern sees it: a count, a percent, money, a duration, a year."""
    return "year" if q.is_year else UNIT_KIND.get(q.unit, "count")


def tokenize(text: str) -> Tokens:
    """The sentence as tokens, every quantity one token."""
    from spacy.tokens import Doc

    vocab = nlp().vocab
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    qtys: dict[int, Quantity] = {}
    pos = 0
    for q in [*find_quantities(text), None]:
        end = q.start if q else len(text)
        for m in WORD.finditer(text, pos, end):
            words.append(m.group())
            spans.append(m.span())
        if q is None:
            break
        qtys[len(words)] = q
        words.append(re.sub(r"\s+", " ", text[q.start:q.end]))
        spans.append((q.start, q.end))
        pos = q.end
    spaces = [spans[k + 1][0] > spans[k][1] for k in range(len(spans) - 1)] + [False] * bool(spans)
    doc = Doc(vocab, words=words, spaces=spaces)
    for k, q in qtys.items():
        doc[k]._.qty = q
        doc[k]._.qkind = qkind(q)
    return Tokens(doc, tuple(spans))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n\f]+", text[start:end])
            if m.group().strip()]


def _paragraphs(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of non-blank lines (line spans), split at blank lines and form feeds (pages)."""
    run: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"[\n\f]|$", text):
        if text[pos:m.start()].strip():
            run.append((pos, m.start()))
        elif run:
            yield run
            run = []
        if m.group() == "\f" and run:
            yield run
            run = []
        pos = m.end()
        if m.group() == "":
            break
    if run:
        yield run


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Paragraphs as lists of line spans; a paragraph that is only a figure joins the next."""
    blocks: list[list[tuple[int, int]]] = []
    pending: list[tuple[int, int]] = []
    for lines in _paragraphs(text):
        if pending:
            lines, pending = pending + lines, []
        if FIGURE_ONLY.match(text[lines[-1][0]:lines[-1][1]]) and not (
                len(lines) > 1 and text[lines[-2][0]:lines[-2][1]].rstrip().endswith(":")):
            if len(lines) > 1:
                blocks.append(lines[:-1])
            pending = lines[-1:]  # '130' on a slide, its noun in the next paragraph
            continue
        blocks.append(lines)
    if pending:
        blocks.append(pending)
    return blocks


def _units(text: str, lines: list[tuple[int, int]]) -> Iterator[tuple[int, int, str | bool]]:
    """Runs of lines read as one text: (start, end, 'row' for a table row, True for a field that
    stands alone, False for running text)."""
    rows = [text[a:b] for a, b in lines]
    if sum("\t" in r or (len(re.findall(r"\S {2,}(?=\S)", r)) >= 2 and bool(re.search(r" {2,}\d", r)))
           for r in rows) * 2 > len(rows):
        # a table (tabs, or columns set with runs of spaces): each row stands alone
        for a, b in lines:
            yield a, b, "row"
        return
    fields = sum(bool(FIELD_LINE.match(r.strip())) for r in rows) >= 2
    # A slide or a list without bullets: short lines, each a unit unless the next one runs on.
    slide = len(rows) >= 3 and sorted(len(r.strip()) for r in rows)[len(rows) // 2] < 40
    cur: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        a, b = lines[k]
        row = rows[k].strip()
        if FIELD_LABEL.match(row) and len(row) <= 60:
            if cur:
                yield cur[0][0], cur[-1][1], False
                cur = []
            nxt = rows[k + 1].strip() if k + 1 < len(lines) else ""
            if nxt and len(nxt) <= 80 and not FIELD_LABEL.match(nxt):
                yield a, lines[k + 1][1], True  # 'Planerat antal deltagare:' / '120'
                k += 2
            else:
                yield a, b, True
                k += 1
            continue
        if cur and (BULLET.match(rows[k]) or (fields and FIELD_LINE.match(row))
                    or (slide and not row[:1].islower() and not FIGURE_ONLY.match(row))):
            yield cur[0][0], cur[-1][1], False
            cur = []
        nxt = rows[k + 1].strip() if k + 1 < len(lines) else ""
        if not cur and _is_heading_line(row, nxt):
            yield a, b, False  # 'Mål för 2025' over its first paragraph: a heading of its own
            k += 1
            continue
        cur.append((a, b))
        if fields and FIELD_LINE.match(row):
            yield cur[0][0], cur[-1][1], True
            cur = []
        k += 1
    if cur:
        yield cur[0][0], cur[-1][1], False


def _is_heading_line(row: str, nxt: str) -> bool:
    """A short capitalised line with no closing mark over a longer line that opens a sentence."""
    return (0 < len(row) <= 50 and len(row.split()) <= 6
            and (row[:1].isupper() or re.match(r"\d{1,2}\.?\s+[A-ZÅÄÖ]", row) is not None)
            and not row.endswith((".", ",", ";", ":", "!", "?", "-", "–")) and nxt[:1].isupper()
            and len(row) < 0.6 * max(len(nxt), 40) and not BULLET.match(nxt))


def _is_abbreviation(text: str, end: int) -> bool:
    m = re.search(r"(\w+(?:\.\w+)*)\.*$", text[max(0, end - 12):end])
    return bool(m) and m.group(1).lower() in ABBREVIATIONS


MAX_SENTENCE = 2000  # characters: longer runs with no full stop are cut at a space (a dump, not prose)


def _cut(s: Sentence) -> Iterator[Sentence]:
    """A sentence as it is, or cut at spaces into pieces of at most MAX_SENTENCE characters."""
    if len(s.text) <= MAX_SENTENCE:
        yield s
        return
    pos = 0
    while pos < len(s.text):
        end = min(len(s.text), pos + MAX_SENTENCE)
        if end < len(s.text):
            space = s.text.rfind(" ", pos + MAX_SENTENCE // 2, end)
            end = space if space > pos else end
        yield Sentence(s.start + pos, s.start + end, s.text[pos:end], s.is_row)
        pos = end


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences of running text; list items, table rows and 'Label: value' fields stand alone."""
    for s in _sentences(text):
        yield from _cut(s)


def _sentences(text: str) -> Iterator[Sentence]:
    for block in _blocks(text):
        for a, b, whole in _units(text, block):
            if whole:
                yield Sentence(a, b, text[a:b], is_row=whole == "row" or "\t" in text[a:b])
                continue
            pos = a
            for m in SENTENCE_END.finditer(text, a, b):
                if _is_abbreviation(text, m.start() + 1) and not text[m.start():m.end()].startswith("!"):
                    continue
                yield Sentence(pos, m.end(), text[pos:m.end()])
                pos = m.end()
                while pos < b and text[pos].isspace():
                    pos += 1
            if pos < b:
                yield Sentence(pos, b, text[pos:b])
