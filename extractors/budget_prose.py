"""Budget amounts stated in prose and in 'Label: amount' fields, with the label the clause gives.

The genre states money in a handful of ways, each with its own label:
  - a field or a noun phrase before a verb of being: 'Total projektbudget: 3 400 000',
    'Medelstilldelningen för 2025 uppgår till 3,1 mkr', 'Resultatet landade på ett underskott …';
  - a verb that names the money: 'X bidrar årligen med N till Y' (X:s årliga bidrag till Y),
    'X står för N' (X:s andel), 'X medfinansierar projektet med N' (X:s medfinansiering av
    projektet), 'omsätts N' (omsättning), 'har beviljats N' (beviljade medel);
  - a part: 'Budget N, varav M från ESF' (varav från ESF, its parent the budget).
Socio-economic gains and costs to society are no budget lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import ExtractionInput, Sentence, Tokens, tokenize
from extractors.numbers import Quantity
from pipeline.models import Fact

# Nouns that name money; a noun phrase ending in one is a label.
MONEY_NOUNS = (r"budget\w*|projektbudget\w*|medelstilldelning\w*|tilldelning\w*|intäkt\w*|kostnad\w*"
               r"|resultat\w*|kapital\w*|bidrag\w*|stöd\w*|esf-stöd\w*|medel|anslag\w*|andel\w*"
               r"|omsättning\w*|överskott\w*|underskott\w*|belopp\w*|finansiering\w*|avgift\w*"
               r"|medlemsavgift\w*|grundtilldelning\w*|ram\w*|lönekostnad\w*|utgift\w*")
NOT_BUDGET = re.compile(r"(?i)samhällsekonomisk|förtjänst|lönsam|besparing|vinsten|vinst för|"
                        r"kostnaden för samhället|värdet av|samhällets kostnader")
BEING = r"(?:är|var|blev|blir|(?:uppgår|uppgick)(?:\s+(?:19|20)\d\d)?\s+till|landade på|hamnade på" \
        r"|beräknas till|utgör|motsvarar|omfattar|:|till)"
DETERMINER = re.compile(r"(?i)^(?:det|den|de|en|ett|denna|detta|dessa|vår|vårt|våra)\s+")
TRAILER = re.compile(r"\s+(?:(?i:för\s+(?:\d{4}|hela\s+\w+|år\s+\d{4})|år\s+\d{4}|\d{4}|vid\s+årets\s+slut"
                     r"|under\s+\d{4}|per\s+år)|för\s+[A-ZÅÄÖ][\wåäö.-]*(?:\s+[A-ZÅÄÖ0-9][\wåäö.-]*)*)$")
# Verbs that name the money, with the noun they make and whether the subject pays or receives.
NOMINAL = (
    (re.compile(r"(?i)\b(?P<subj>[\w:-]+(?:\s+[\w:-]+){0,3})\s+(?:bidrar|bidrog)\s+(?P<adv>årligen\s+|"
                r"tillsammans\s+)?(?:med\s+)?$"), "bidrag"),
    (re.compile(r"(?i)\b(?:bidrar|bidrog)\s+(?P<subj>[\w:-]+)\s+(?P<adv>årligen\s+)?med\s+$"),
     "bidrag"),  # 'I år bidrar kommunerna med …' (verb before subject)
    (re.compile(r"(?i)\b(?P<subj>[\w:-]+(?:\s+[\w:-]+){0,2})\s+(?:står|stod)\s+för\s+$"), "andel"),
    (re.compile(r"(?i)\b(?P<subj>[\w:-]+)\s+(?:med)?finansierar\s+(?P<obj>[\w-]+(?:\s+[\w-]+)?)\s+med\s+$"),
     "finansiering"),
)
PASSIVE = (
    (re.compile(r"(?i)\b(?P<adj>brutto\w*,?\s+)?(?:så\s+)?omsätt(?:s|er)\s+$"), "omsättning"),
    (re.compile(r"(?i)\b(?:har\s+)?beviljats?\s+(?:medel\s+)?(?:med\s+)?$"), "beviljade medel"),
)
PARTICIPLE = re.compile(r"(?i)\bhar\s+(?P<verb>\w+?)(?P<end>it|at)\s+(?P<obj>\w+)\s+för\s+$")
COLLECTIVE = re.compile(r"(?i)\b(?:parterna|parternas|medlemmarna|medlemmarnas|huvudmännen"
                        r"|tillsammans|samtliga|samlade)\b")
SELF = re.compile(r"(?i)^(?:samordnings)?förbundet\b")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
PERIOD_FIELD = re.compile(r"(?i)projektperiod\s*:?\s*((?:19|20)\d{2}-\d{2}-\d{2})\s*[-–]\s*"
                          r"((?:19|20)\d{2}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Label:
    """What a clause calls an amount, and how it is related to others."""

    text: str
    kind: str
    parent: str | None = None


def _np_before(text: str) -> str | None:
    """The noun phrase that ends right before a verb of being: 'Medelstilldelningen för 2024 '."""
    m = re.search(rf"(?i)(?P<np>[\wåäö:.-]+(?:\s+[\wåäö:.-]+){{0,5}}?)\s+{BEING}\s*(?:ett\s+|en\s+)?"
                  rf"(?:(?:överskott|underskott)\s+(?:på\s+)?)?(?:cirka\s+|ca\.?\s+|drygt\s+)?$", text)
    if not m:
        return None
    words = m.group("np")
    # the phrase starts after the last verb, conjunction or adverbial before it
    words = re.split(r"(?i)\b(?:att|och|men|som|så|därför|dessutom|också|även|nu|i år|under \w+|"
                     r"har|hade|blev|är|var)\s+", words)[-1]
    words = TRAILER.sub("", DETERMINER.sub("", words.strip()))
    if not re.search(rf"(?i)^(?:[\wåäö:-]+\s+){{0,2}}(?:{MONEY_NOUNS})(?:$|\s+(?:från|till|för|per|i)\b)",
                     words):
        return None
    return words


def _np_with_pa(text: str) -> str | None:
    """'en total budget på', 'ett eget kapital på': the noun phrase before 'på'."""
    m = re.search(rf"(?i)(?:en|ett|sin|sitt)\s+(?P<np>(?:[\wåäö-]+\s+){{0,2}}(?:{MONEY_NOUNS}))\s+"
                  r"(?:på|om)\s+(?:cirka\s+|ca\.?\s+)?$", text)
    return m.group("np") if m else None


def _nominal(text: str) -> tuple[str, str] | None:
    """A verb that names the money: (label, who: 'collective', 'self' or 'other')."""
    for pat, noun in NOMINAL:
        m = pat.search(text)
        if not m:
            continue
        subj = DETERMINER.sub("", re.split(r"(?i)\b(?:att|och|men|som|så|tillsammans|av vilket|av vilka"
                                           r"|varav|vilket)\s+", m.group("subj"))[-1])
        if noun == "bidrag" and re.search(r"(?i)\bgenom\s+$", text[:m.end()]):
            continue
        adv = "årliga " if m.groupdict().get("adv") and "årligen" in m.group("adv").lower() else ""
        who = "collective" if COLLECTIVE.search(text) else "self" if SELF.match(subj) else "other"
        owner = subj if subj.lower().endswith("s") else subj + "s"
        if noun == "finansiering":
            return f"{subj}:s medfinansiering av {m.group('obj')}" if "med" in text[m.start():].lower()[
                len(subj):len(subj) + 12] else f"{subj}:s finansiering av {m.group('obj')}", who
        return f"{owner} {adv}{noun}", who
    for pat, noun in PASSIVE:
        m = pat.search(text)
        if m:
            adj = m.groupdict().get("adj")
            return (f"{adj.strip(' ,').lower()} {noun}" if adj else noun), "other"
    m = PARTICIPLE.search(text)
    if m:  # 'har bedrivit insatser för' -> 'bedrivna insatser'
        verb = m.group("verb") + ("na" if m.group("end") == "it" else "ade")
        return f"{verb} {m.group('obj')}", "self"
    return None


def _kind(label: str, sentence: str, who: str) -> str:
    """income, cost, subtotal, total_income or total_cost, from the label and who pays."""
    low = label.lower()
    if re.search(r"^(?:\w+s\s+)?(?:intäkterna|intäkter totalt|summa intäkter|totala intäkter)$", low):
        return "total_income"
    if re.search(r"^(?:\w+s\s+)?(?:kostnaderna|kostnader totalt|summa kostnader|totala kostnader\w*)$", low) \
            or re.fullmatch(r"\w+s\s+kostnader", low):
        return "total_cost"
    if re.search(r"resultat|överskott|underskott|kapital|summa personal", low):
        return "subtotal"
    if re.search(r"omsättning|projektbudget|total\w* (?:projekt)?budget|totala kostnad|kostnader totalt"
                 r"|bedrivna|^budget\w*$", low) and not re.search(r"(?i)förbundets|årlig", low):
        if re.search(r"(?i)\bprojekt|insats|esf", sentence) or "total" in low or "omsättning" in low \
                or "bedrivna" in low or "projekt" in low:
            return "total_cost"
    if re.search(r"budget|intäkter|anslag", low) or who == "collective" or COLLECTIVE.search(low):
        return "total_income"
    if re.search(r"kostnad|utgift|lön", low) or who == "self":
        return "cost"
    return "income"


def _label(s: Sentence, tk: Tokens, k: int, prev: str) -> Label | None:
    """The label a sentence gives the amount at token k."""
    text = s.text
    a, b = tk.spans[k]
    before = text[:a]
    after = text[b:]
    if NOT_BUDGET.search(text):
        return None
    field = re.match(r"^\s*(?P<label>[A-ZÅÄÖ][^:\n]{2,60}?)\s*:\s*$", before)
    if field and re.search(rf"(?i)\b(?:{MONEY_NOUNS})\b", field.group("label")):
        label = TRAILER.sub("", field.group("label").strip())
        return Label(label, _kind(label, text, "other"))
    varav = re.search(r"(?i)\b(?:varav|därav|av vilket|av vilka)\s+(?P<x>[^,.]{0,40}?)\s*$", before)
    if varav:
        own = varav.group("x").strip()
        rest = re.match(r"\s*(?:kr|kronor|SEK)?\s*(?P<y>(?:från|till|i)\s+[\wåäö-]+(?:\s+[\wåäö-]+)?)", after)
        nominal = _nominal(before)
        if nominal:
            label, who = nominal
        elif own and re.search(rf"(?i)(?:{MONEY_NOUNS})", own):
            label, who = TRAILER.sub("", re.sub(rf"\s+{BEING}$", "", DETERMINER.sub("", own))), "other"
        elif rest:
            label, who = f"varav {rest.group('y')}", "other"
        else:
            return None
        return Label(label, "income" if re.search(r"(?i)esf|från|andel|bidrag", label) else
                     _kind(label, text, who), parent="__previous__")
    nominal = _nominal(before)
    if nominal:
        label, who = nominal
        to = re.match(r"\s*(?:kr|kronor|SEK)?\s*(?P<to>till\s+[\wåäöÅÄÖ-]+)", after)
        if to and "bidrag" in label:
            label = f"{label} {to.group('to')}"
        return Label(label, _kind(label, text, who))
    np = _np_before(before) or _np_with_pa(before)
    if np:
        sign = re.search(r"(?i)\b(överskott|underskott)\b", before[-40:])
        label = f"{np} ({sign.group(1).lower()})" if sign and "resultat" in np.lower() else np
        return Label(label, _kind(label, text, "other"))
    head = re.search(rf"(?:^|\n|\)\s*)\s*(?P<label>(?:[A-ZÅÄÖ][\wåäö-]*\s+)?(?:{MONEY_NOUNS}))\s*$",
                     before, re.I)
    if head:  # 'Budget 9 405 600', 'Total budget1 250 000 kr'
        return Label(head.group("label"), _kind(head.group("label"), text, "other"))
    after_np = re.match(rf"(?i)\s*(?:i|som)\s+(?P<np>(?:[\wåäö-]+\s+)?(?:{MONEY_NOUNS}))\b", after)
    if after_np:  # 'får 7 820 000 kronor i ESF-stöd'
        return Label(after_np.group("np"), _kind(after_np.group("np"), text, "other"))
    ref = re.search(r"(?i),?\s*(?:vilket|som)\s+(?:motsvarar|innebär|blir)\s+$", before)
    if ref:  # 'Kommunernas andel är 25 procent, vilket motsvarar 1 150 000 kr'
        np = re.match(rf"(?i)\s*(?P<np>(?:[\wåäö:-]+\s+){{0,2}}(?:{MONEY_NOUNS}))\s+{BEING}", text)
        if np:
            return Label(np.group("np"), _kind(np.group("np"), text, "other"))
    if re.match(r"(?i)\s*(?:det|detta)\s+(?:betyder|innebär)\s+att\b", text):
        m = re.search(r"(?i)\b(?:har\s+)?beviljats?\s+(?P<what>medel\s+(?:till|för)\s+[^.,]{3,60})", prev)
        if m:  # 'X fick beviljat medel för två projekt. Det innebär att 12 miljoner …'
            return Label(f"beviljade {m.group('what').strip()}", "income")
    return None


def _period(s: Sentence, inp: ExtractionInput) -> str | None:
    """The year an amount is for: in its sentence, else the project period or the title's year."""
    years = [m for m in YEAR.finditer(s.text) if not re.search(r"(?i)(?:jämfört med|sedan|från)\s+$",
                                                               s.text[:m.start()])]
    if len(years) == 1:
        return years[0].group(1)
    field = PERIOD_FIELD.search(inp.text)
    if field:
        return f"{field.group(1)}/{field.group(2)}"
    head = "\n".join(inp.text.strip().splitlines()[:4])
    title_year = YEAR.findall(head)
    return title_year[0] if len(set(title_year)) == 1 else None


def _is_money(tk: Tokens, k: int, text: str) -> bool:
    """A figure in kronor, or a large bare figure that a money label introduces."""
    t = tk.doc[k]
    q: Quantity | None = t._.qty
    if q is None or q.is_year:
        return False
    if t._.qkind == "money":
        return True
    if t._.qkind != "count" or q.value < 10_000:
        return False
    before = text[:tk.spans[k][0]]
    return bool(re.search(rf"(?i)(?:{MONEY_NOUNS})\s*:?\s*$", before)
                or re.search(r"(?i)\b(?:varav|därav)\s+$", before))


def read(inp: ExtractionInput, skip: set[tuple[int, int]]) -> list[Fact]:
    """Every amount of money in the document's prose and fields, except in text already read."""
    facts: list[Fact] = []
    prev = ""
    for s in inp.sentences():
        if s.is_row or any(a < s.end and s.start < b for a, b in skip) or len(s.text) > 2000:
            prev = s.text
            continue
        tk = tokenize(s.text)
        parent: str | None = None
        for t in tk.doc:
            if not _is_money(tk, t.i, s.text):
                continue
            label = _label(s, tk, t.i, prev)
            if label is None:
                continue
            a, b = tk.spans[t.i]
            start = s.start + max(0, s.text.rfind(label.text.split()[0], 0, a)) \
                if label.text.split()[0] in s.text[:a] else s.start + a
            facts.append(Fact(type="budget_line", value=t._.qty.value, unit="SEK", label=label.text,
                              kind=label.kind, parent=parent if label.parent else None,
                              period=_period(s, inp), evidence=inp.evidence(start, s.start + b)))
            parent = parent or label.text
        prev = s.text
    return facts
