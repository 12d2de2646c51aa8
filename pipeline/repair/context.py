"""Swedish context cues for OCR repair: which reading of a look-alike the neighbouring words favour."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.repair.model import fold
from pipeline.repair.tuning import CUE_BONUS

NUMERALS = {"ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "tolv",
            "några", "flera", "många", "per", "varje", "nästa", "förra", "första", "tredje",
            "varannat"}


@dataclass(frozen=True)
class Cue:
    """Swedish context that makes one reading of an ambiguous token likelier."""

    prev: frozenset[str] = frozenset()  # the word right before
    next: frozenset[str] = frozenset()  # the word right after
    near: frozenset[str] = frozenset()  # any word within a few on the same line
    sentence: frozenset[str] = frozenset()  # any word in the same sentence
    after_count: bool = False  # right after a small number or a numeral


def _words(text: str) -> frozenset[str]:
    return frozenset(map(fold, text.split()))


TIME_WORDS = _words("nästa förra varje per kommande föregående innevarande samma hela ett första "
                    "tredje halvt")
COMPARATIVES = _words("större mindre bättre sämre högre lägre längre kortare fler färre mer mera "
                      "snarare annat hellre äldre yngre tidigare senare")
GENDER_WORDS = _words("kvinnor kvinnorna kvinnliga kvinnor/män flickor")
# Grammar of the genre: 'år' after counts and time words, 'män' beside 'kvinnor', the noun 'sätt'
# after determiners, 'svårt att', 'än' after comparatives, 'bör' before an infinitive.
CONTEXT_CUES: dict[str, Cue] = {
    "år": Cue(prev=TIME_WORDS, after_count=True),
    "män": Cue(near=GENDER_WORDS, after_count=True),
    "männen": Cue(sentence=GENDER_WORDS),  # 'kvinnorna ... medan männen'; 'mannen' is rare
    "månader": Cue(after_count=True),
    "sätt": Cue(prev=_words("ett olika samma så detta vilket något annat nytt bra liknande")),
    "svårt": Cue(prev=_words("har hade haft är var blir mycket så lite ofta"), next=_words("att")),
    "än": Cue(prev=COMPARATIVES),
    "bör": Cue(next=_words("vara ha kunna finnas göras ske få bli även också inte därför man")),
}
# A lone '1' after these words is a count ("och 1 har"), not the preposition i.
COUNT_BEFORE = {"och", "samt", "hade", "har", "var", "är", "med", "av", "totalt", "endast", "bara",
                "cirka", "ca", "till", "varav", "på"}
# ... unless the next word is one the preposition 'i' takes and a count never does: 'samt 1 dessa'.
I_BEFORE = _words("den det de dessa detta andra olika samband form princip stället övrigt "
                  "förhållande syfte början slutet mitten samtliga alla flera många både")
# A lone '1' before a unit or a counted noun in the singular is the number one: '1 gång', '1 månad'.
COUNTED_AFTER = {"gang", "manad", "vecka", "dag", "ar", "timme", "person", "deltagare",
                 "st", "procent", "kr", "krona", "tim", "h", "minut", "termin", "tjanst"}
MONTHS = {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"}


@dataclass(frozen=True)
class Context:
    """The words next to a token when no punctuation stands between (else empty), those near, and
    those of its sentence."""

    prev: str = ""
    next: str = ""
    near: frozenset[str] = frozenset()
    sentence: frozenset[str] = frozenset()


def is_count(word: str) -> bool:
    """A small number or a Swedish numeral/quantifier: '12', 'tre', 'flera'."""
    return (word.isdigit() and len(word) <= 3) or word in NUMERALS


def prefer(ctx: Context) -> dict[str, float]:
    """Bonus for readings that the Swedish context supports."""
    prev, nxt = fold(ctx.prev), fold(ctx.next)
    near = frozenset(map(fold, ctx.near))
    sentence = frozenset(map(fold, ctx.sentence))
    out = {}
    for word, cue in CONTEXT_CUES.items():
        if (prev in cue.prev or nxt in cue.next or (cue.after_count and is_count(ctx.prev.lower()))
                or not cue.near.isdisjoint(near) or not cue.sentence.isdisjoint(sentence)):
            out[word] = CUE_BONUS
    return out


def is_preposition_i(ctx: Context, next_read: str) -> bool:
    """Whether a lone '1' between words is the preposition i; `next_read` is the next word repaired."""
    prev, nxt = ctx.prev.lower(), ctx.next.lower()
    if not (ctx.prev.isalpha() or re.fullmatch(r"(?:19|20)\d\d", prev)) or not nxt[:1].isalpha():
        return False
    if nxt in I_BEFORE:
        return True
    if prev in COUNT_BEFORE or nxt in MONTHS:
        return False
    return not {fold(nxt), fold(next_read)} & COUNTED_AFTER
