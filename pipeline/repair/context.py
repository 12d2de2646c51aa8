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
    before: frozenset[str] = frozenset()  # any of the few words before, in the same sentence
    next_ending: tuple[str, ...] = ()  # the word right after ends so ('följas': a passive infinitive)
    before_year: bool = False  # right before a year ('år 2019')
    unless_next: frozenset[str] = frozenset()  # ... but not when the word right after is one of these


def _words(text: str) -> frozenset[str]:
    return frozenset(map(fold, text.split()))


TIME_WORDS = _words("nästa förra varje per kommande föregående innevarande samma hela ett första "
                    "tredje halvt")
COMPARATIVES = _words("större mindre bättre sämre högre lägre längre kortare fler färre mer mera "
                      "snarare annat hellre äldre yngre tidigare senare")
GENDER_WORDS = _words("kvinnor kvinnorna kvinnliga kvinnor/män flickor")
# Words after which a possessive stands ('med våra', 'om vår'), the verb 'var' seldom.
PREPOSITIONS = _words("av bland efter enligt för från genom hos i inom kring med mellan mot om "
                      "på till under utan utanför vid än åt över")
# Words after which a verb stands in the infinitive: 'att stärka', 'ska fortsätta'.
INFINITIVE_MARKERS = _words("att ska skall kan kunna vill bör måste behöver får fick kommer")
# Auxiliaries and modals that follow the pronoun 'man' ('man kan'), seldom the noun 'män'.
AFTER_MAN = _words("kan ska skall har hade måste behöver får bör vill skulle kunde är blir")
# Verbs of the genre whose flattened form is another real word ('stärka'/'starka').
VERBS = ("stärka", "fortsätta", "sätta", "kräva", "mäta", "lära", "våga", "nå", "gå", "få", "stå", "öka",
         "möta", "säkra", "hålla", "främja", "påverka", "förändra", "förstå")
# Grammar of the genre: 'år' after counts and time words, 'män' beside 'kvinnor', the noun 'sätt'
# after determiners, 'svårt att', 'än' after comparatives, 'bör' before an infinitive, possessives
# after prepositions, infinitives after 'att' and modals.
CONTEXT_CUES: dict[str, Cue] = {
    "år": Cue(prev=TIME_WORDS | _words("antal antalet"), after_count=True, before_year=True,
             next=_words("gammal gamla sedan")),
    "män": Cue(near=GENDER_WORDS, after_count=True, sentence=GENDER_WORDS, unless_next=AFTER_MAN),
    "männen": Cue(sentence=GENDER_WORDS),  # 'kvinnorna ... medan männen'; 'mannen' is rare
    "månader": Cue(after_count=True),
    "sätt": Cue(prev=_words("ett olika samma så detta vilket något annat nytt bra liknande bästa "
                            "sådant"),
                before=_words("ett på samma detta vilket")),
    "svårt": Cue(prev=_words("har hade haft är var blir mycket så lite ofta"), next=_words("att")),
    "än": Cue(prev=COMPARATIVES),
    "bör": Cue(next=_words("vara ha kunna finnas göras ske få bli även också inte därför man"),
               next_ending=("as",)),
    "vår": Cue(prev=PREPOSITIONS),
    "vårt": Cue(prev=PREPOSITIONS | _words("att som")),
    "våra": Cue(prev=PREPOSITIONS),
    **{verb: Cue(prev=INFINITIVE_MARKERS) for verb in VERBS},
    # 'sätta upp', 'sätter igång': the particle makes the verb (never 'sitter upp mål')
    "sätter": Cue(next=_words("upp igång samman")),
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
    before: tuple[str, ...] = ()  # up to three words before, in the same sentence


def is_count(word: str) -> bool:
    """A small number or a Swedish numeral/quantifier: '12', 'tre', 'flera'."""
    return (word.isdigit() and len(word) <= 3) or word in NUMERALS


def prefer(ctx: Context) -> dict[str, float]:
    """Bonus for readings that the Swedish context supports."""
    prev, nxt = fold(ctx.prev), fold(ctx.next)
    near = frozenset(map(fold, ctx.near))
    sentence = frozenset(map(fold, ctx.sentence))
    before = frozenset(map(fold, ctx.before))
    year_next = bool(re.fullmatch(r"(?:19|20)\d\d", ctx.next))
    out = {}
    for word, cue in CONTEXT_CUES.items():
        if nxt and nxt in cue.unless_next:
            continue
        if (prev in cue.prev or nxt in cue.next or (cue.after_count and is_count(ctx.prev.lower()))
                or not cue.near.isdisjoint(near) or not cue.sentence.isdisjoint(sentence)
                or not cue.before.isdisjoint(before) or (cue.before_year and year_next)
                or (cue.next_ending and nxt.endswith(cue.next_ending) and len(nxt) > 4)):
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
