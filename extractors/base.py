"""What every extractor shares: the input it reads, the registry, evidence and Swedish numbers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extractors.tokens import Sentence, Tokens, nlp, sentences, tokenize
from pipeline.models import BBox, DocumentInfo, Evidence, Fact, NormDoc, Page, Word

__all__ = ["Sentence", "Tokens", "tokenize"]

@dataclass(frozen=True)
class Line:
    """One line of normalised text with its offset."""

    start: int
    end: int
    text: str


@dataclass
class ExtractionInput:
    """One normalised document as the extractors see it, with shared helpers."""

    norm: NormDoc
    info: DocumentInfo = field(default_factory=lambda: DocumentInfo(source=""))
    _lines: list[Line] | None = None
    _sents: list[Sentence] | None = None

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.norm.text

    def lines(self) -> list[Line]:
        """Non-empty lines of the text."""
        if self._lines is None:
            self._lines = [Line(m.start(), m.end(), m.group())
                           for m in re.finditer(r"[^\n\f]+", self.text) if m.group().strip()]
        return self._lines

    def sentences(self) -> list[Sentence]:
        """Sentences of the running text (paragraphs joined over line breaks)."""
        if self._sents is None:
            self._sents = list(sentences(self.text))
        return self._sents

    def is_plan(self) -> bool:
        """Whether the document is a plan or application (no outcomes of its own yet)."""
        return (self.info.kind or "") in {"insatsplan", "insatsbeskrivning", "verksamhetsplan",
                                          "ansökan", "projektplan"}

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a span of normalised text: page, quote, and the box of its words."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        page_no = self.norm.page_of(start)
        bbox, size = self._bbox(start, end, page_no)
        quote = re.sub(r"\s+", " ", self.text[start:end])
        return Evidence(page=page_no, start=start, end=end, quote=quote, bbox=bbox, page_size=size)

    def _words_under(self, start: int, end: int, page_no: int) -> tuple[Page | None, list[Word]]:
        """The page and its words (from the text layer or OCR) under a normalised span."""
        page = self.norm.raw.pages[page_no - 1] if page_no <= len(self.norm.raw.pages) else None
        if page is None or not page.words:
            return page, []
        raw_page_start = raw_page_starts(self.norm)[page_no - 1]
        r0 = self.norm.offsets.to_raw(start) - raw_page_start
        r1 = self.norm.offsets.to_raw(end) - raw_page_start
        return page, [w for w in page.words if w.end > r0 and w.start < r1]

    def _bbox(self, start: int, end: int, page_no: int
              ) -> tuple[BBox | None, tuple[float, float] | None]:
        page, words = self._words_under(start, end, page_no)
        if page is None or page.width is None:
            return None, None
        if not words:
            return None, (page.width, page.height or 0.0)
        boxes = [w.bbox for w in words]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))
        return box, (page.width, page.height or 0.0)

    def ocr_confidence(self, start: int, end: int) -> float | None:
        """Lowest OCR confidence of the figures under a span (all its words if it has none)."""
        page, words = self._words_under(start, end, self.norm.page_of(start))
        if page is None or page.source != "ocr" or not words:
            return None
        text = page.text
        figures = [w for w in words if any(c.isdigit() for c in text[w.start:w.end])] or words
        confs = [w.conf for w in figures if w.conf is not None and w.conf >= 0]
        return min(confs) if confs else None


def raw_page_starts(norm: NormDoc) -> list[int]:
    """Where each page starts in the raw text (pages joined by form feeds)."""
    starts, pos = [], 0
    for p in norm.raw.pages:
        starts.append(pos)
        pos += len(p.text) + 1
    return starts


def build_matcher(patterns: dict[str, list[dict[str, Any]]]) -> Any:
    """A spaCy Matcher on the blank Swedish vocabulary holding the named token patterns."""
    from spacy.matcher import Matcher

    m = Matcher(nlp().vocab)
    for name, pattern in patterns.items():
        m.add(name, [pattern])
    return m


def match_spans(text: str, matcher: Any) -> list[Any]:
    """The matcher's spans in `text`, the longest winning where they overlap."""
    from spacy.util import filter_spans

    doc = nlp()(text)
    return filter_spans([doc[a:e] for _, a, e in matcher(doc)])


Extractor = Callable[[ExtractionInput], list[Fact]]
REGISTRY: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a fact type name."""

    def deco(fn: Extractor) -> Extractor:
        REGISTRY[name] = fn
        return fn

    return deco


def list_heading(inp: ExtractionInput, pos: int) -> str:
    """The line a bulleted list at `pos` hangs from ('Målgrupp' over '• 18–64 år'), or ''."""
    lines = inp.lines()
    i = bisect.bisect_right([ln.start for ln in lines], pos) - 1
    if i < 0 or not re.match(r"^\s*[-–•*➤►▶▪●]", lines[i].text):
        return ""
    for ln in reversed(lines[max(0, i - 8):i]):
        t = ln.text.strip()
        if not t or re.match(r"^[-–•*➤►▶▪●]", t):
            continue
        return t if len(t) < 50 else ""
    return ""


def nearest_heading(inp: ExtractionInput, pos: int) -> str | None:
    """The closest short heading line above `pos` (markdown '#', or a short line with no stop)."""
    lines = inp.lines()
    i = bisect.bisect_right([ln.start for ln in lines], pos) - 1
    for ln in reversed(lines[max(0, i - 40):i + 1]):
        t = ln.text.strip()
        if t.startswith("#") or (len(t) < 50 and not t.endswith((".", ",", ":")) and "\t" not in t
                                 and len(t.split()) <= 6 and t[:1].isupper()):
            return t.strip("#* ").strip()
    return None


# Words that name an organisation rather than an insats or a place.
ORG_WORDS = re.compile(r"(?i)^(?:samordningsförbund|förbund|arbetsförmedling|försäkringskass|region|"
                       r"kommun|landsting|socialtjänst|esf|europeiska|staten|regeringen|psykiatri)")
# Capitalised openers that are no names: cue words and the genre's generic nouns.
NOT_NAMES = {"totalt", "sammanlagt", "förra", "nästan", "drygt", "cirka", "ungefär", "över",
             "hittills", "tillsammans", "dessutom", "därför", "också", "även", "projektet",
             "insatsen", "insatserna", "verksamheten", "teamet", "teamen", "gruppen", "deltagarna",
             "målgruppen", "året", "perioden", "halvåret", "antalet", "andelen", "resultatet",
             "uppskattningsvis", "sedan", "bland", "enligt", "jämfört", "efter", "inom", "hösten",
             "våren", "sommaren", "vintern", "januari", "februari", "mars", "april",
             "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}


def subject_of(before: str) -> str | None:
    """The insats, project or place a figure is about, when the words before it name one.

    'Navet har haft 52 deltagare' -> 'Navet'; 'I höstas tog Tranås emot 40' ->
    'Huddinge'. Function words, cue words, the genre's generic nouns ('Projektet') and
    organisations are no subject.
    """
    from wordfreq import zipf_frequency

    from pipeline.repair.lexicon import is_known_word

    clause = re.split(r"[;:–]|,\s(?!och\b)(?=[a-zåäö])|\s(?:varav|men|samt)\s", before)[-1]
    clause = " ".join(clause.split()[-8:])  # a subject stands close to its verb and figure
    for m in reversed(list(re.finditer(r"(?<![\w-])[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ0-9][\w.-]*)*", clause))):
        if re.search(r"(?i)\b(?:i|på|för|av|från|till|med|hos|inom|vid|om)\s+(?:[A-ZÅÄÖ][\w-]*"
                     r"(?:,\s*|\s+och\s+))*$", clause[:m.start()]):
            continue  # a place or party named after a preposition is no subject
        name = re.sub(r"(?:\s+\d[\d.-]*)+$", "", m.group())  # 'Hösten 2008' -> 'Hösten'
        first = name.split()[0].lower()
        if ORG_WORDS.match(first) or first in NOT_NAMES or zipf_frequency(first, "sv") >= 5.0 \
                or re.search(r"bo(?:r|rna)$", first):
            continue  # 'Tranåsbor' are the people counted, not another insats
        if m.start() == 0 and len(name.split()) == 1 and not is_place(name) and is_known_word(first):
            continue  # a Swedish word opening the sentence ('Ingångsmässigt'), not a name
        return name
    return None


@cache
def places() -> frozenset[str]:
    """Sweden's municipalities and regions, lower-cased (extractors/data/places_sv.txt)."""
    from importlib import resources

    text = resources.files("extractors").joinpath("data/places_sv.txt").read_text("utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def is_place(name: str) -> bool:
    """Whether a name is a Swedish municipality or region ('Huddinge', 'Upplands-Bro')."""
    n = name.lower().replace("-", " ")
    return n in {p.replace("-", " ") for p in places()} or re.sub(r"s$", "", n) in places()
