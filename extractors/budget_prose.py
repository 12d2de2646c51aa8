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

from extractors.base import ExtractionInput, Sentence, Tokens, nearest_heading, tokenize
from extractors.numbers import Quantity, find_quantities
from pipeline.models import Fact

# Nouns that name money; a noun phrase ending in one is a label.
MONEY_NOUNS = (r"budget\w*|pott\w*|projektbudget\w*|medelstilldelning\w*|tilldelning\w*|intäkt\w*|kostnad\w*"
               r"|resultat\w*|kapital\w*|bidrag\w*|stöd\w*|esf-stöd\w*|medel|anslag\w*|andel\w*"
               r"|omsättning\w*|överskott\w*|underskott\w*|belopp\w*|finansiering\w*|avgift\w*"
               r"|medlemsavgift\w*|grundtilldelning\w*|ram\w*|lönekostnad\w*|utgift\w*|utfall\w*")
NOT_BUDGET = re.compile(r"(?i)samhällsekonomisk|förtjänst|lönsam|besparing|vinsten|vinst för|"
                        r"kostnaden för samhället|värdet av|samhällets kostnader")
BEING = r"(?:är|var|blev|blir|(?:uppgår|uppgick)(?:\s+(?:19|20)\d\d)?\s+till|landa[rd]e? på|hamna[rd]e? på" \
        r"|beräknas till|(?:fastställs|fastställdes|har fastställts|budgeteras)\s+till|utgör|motsvarar" \
        r"|omfattar|:|till)(?:\s+(?:första|andra|tredje|nästa|detta)\s+året|\s+i\s+år|\s+per\s+år)?"
DETERMINER = re.compile(r"(?i)^(?:det|den|de|en|ett|denna|detta|dessa|vår|vårt|våra|själva|själv)\s+")
TRAILER = re.compile(r"\s+(?:(?i:för\s+(?:\d{4}|hela\s+\w+|år\s+\d{4})|år\s+\d{4}|\d{4}|vid\s+årets\s+slut"
                     r"|under\s+\d{4}|per\s+år)|för\s+[A-ZÅÄÖ][\wåäö.-]*(?:\s+[A-ZÅÄÖ0-9][\wåäö.-]*)*)$")
# 'med hälften, 2,4 mkr': a share named before the amount; adverbs that are never a subject.
SHARE = r"(?:(?:hälften|en\s+\w+del|\d+\s*(?:%|procent)),?\s+)?(?:sammanlagt\s+|totalt\s+|cirka\s+)?"
ADVERB = r"(?:tillsammans|årligen|totalt|sammanlagt|också|även|därmed|dessutom|sedan)"
# Verbs that name the money, with the noun they make and whether the subject pays or receives.
NOMINAL = (
    (re.compile(rf"(?i)\b(?P<subj>[\w:+-]+(?:\s+[\w:+-]+){{0,3}})\s+(?:bidrar|bidrog)\s+(?P<adv>årligen\s+|"
                rf"tillsammans\s+)?(?:med\s+)?{SHARE}$"), "bidrag"),
    (re.compile(rf"(?i)\b(?:bidrar|bidrog)\s+(?!{ADVERB}\b)(?P<subj>[\w:+-]+)\s+(?P<adv>årligen\s+)?med\s+"
                rf"{SHARE}$"), "bidrag"),  # 'I år bidrar kommunerna med …' (verb before subject)
    (re.compile(r"(?i)\b(?P<subj>[\w:+-]+(?:\s+[\w:+-]+){0,2})\s+(?:står|stod)\s+för\s+$"), "andel"),
    (re.compile(r"(?i)\b(?P<subj>[\w:-]+)\s+(?:med)?finansierar\s+(?P<obj>[\w-]+(?:\s+[\w-]+)?)\s+med\s+$"),
     "finansiering"),
)
PASSIVE = (
    (re.compile(r"(?i)\b(?P<adj>brutto\w*,?\s+)?(?:så\s+)?omsätt(?:s|er)\s+(?P<after>brutto\s+)?$"),
     "omsättning"),
    (re.compile(r"(?i)\b(?:har\s+)?beviljats?\s+(?:medel\s+)?(?:med\s+)?$"), "beviljade medel"),
)
COST_VERB = re.compile(r"(?i)\b(?P<subj>(?:de\s+|det\s+)?[\wåäö-]+(?:\s+(?!har\b|hade\b)[\wåäö-]+)?)"
                       r"\s+(?:har\s+)?(?:totalt\s+)?(?:kostat|kostade|kostar)\s+(?:(?:förbundet|kommunen|regionen"
                       r"|staten|oss|parterna)\s+)?(?:totalt\s+)?(?:cirka\s+|ca\.?\s+)?$")
# 'Projektet har under 2024 förbrukat 2,75 mkr': money spent.
SPENT = re.compile(r"(?i)\b(?:har|hade)\s+(?:(?:under|i|vid)\s+[\wåäö]+(?:\s+\d{4})?\s+)?"
                   r"(?:förbrukat|använt)\s+(?:totalt\s+|cirka\s+)?$")
# 'X bidrar med N, Y med M och Z med K': the verb said once for a list of givers.
LIST_ITEM = re.compile(r"(?i)(?:,|\boch)\s+(?P<subj>(?:de\s+|det\s+|den\s+)?(?:[\wåäö-]+\s+){0,2}[\wåäö-]+)"
                       r"\s+med\s+(?:sammanlagt\s+|totalt\s+|cirka\s+)?$")
PARTICIPLE = re.compile(r"(?i)\bhar\s+(?P<verb>\w+?)(?P<end>it|at)\s+(?P<obj>\w+)\s+för\s+$")
# 'Insatsen finansieras av förbundet med 2,1 mkr', 'har fått 2 mkr från ESF', 'söker 1,2 mkr'.
FUNDED_BY = re.compile(r"(?i)\b(?:finansieras|bekostas|betalas)\s+(?:\w+\s+)?av\s+(?P<who>[\wåäöÅÄÖ:+-]+"
                       r"(?:\s+[A-ZÅÄÖ][\wåäö–-]*){0,3})\s+med\s+(?:cirka\s+|ca\.?\s+|drygt\s+)?$")
RECEIVED = re.compile(r"(?i)\b(?:fått|fick|får|erhållit|erhöll|tilldelades|tilldelats|tilldelas)\s+"
                      r"(?:\w+\s+)?"
                      r"(?:ungefär\s+|cirka\s+|drygt\s+)?$")
APPLIED = re.compile(r"(?i)\b(?:söker|sökte|ansöker\s+om|ansökt\s+om|har\s+sökt)\s+(?:\w+\s+)?$")
GRANTED = re.compile(r"(?i)\b(?:har\s+|hade\s+)?(?:beviljat|beviljar|beviljade)\s+(?:[\wåäöÅÄÖ+-]+\s+){0,3}"
                     r"(?:drygt\s+|cirka\s+|ca\.?\s+)?$")
INVEST = re.compile(r"(?i)\b(?:satsa[rs]?|satsat|satsade|lägga|lägger|avsätta|avsätter)\s+(?:cirka\s+)?$")
COLLECTIVE = re.compile(r"(?i)\b(?:parterna|parternas|medlemmarna|medlemmarnas|huvudmännen"
                        r"|tillsammans|samtliga|samlade)\b")
SELF = re.compile(r"(?i)^(?:samordnings)?förbundet\b")
# 'Startdatum: 2024-01-15 … Slutdatum: 2026-12-31' in a project bank's field list.
START_END = re.compile(r"(?i)start\w*\s*:?\s*((?:19|20)\d{2}-\d{2}-\d{2})[\s\S]{0,80}?slut\w*\s*:?\s*"
                       r"((?:19|20)\d{2}-\d{2}-\d{2})")
PROJECT = r"(?i)\b(?:projekt\w*|insatsen|insatsens|teamet|satsningen|verksamheten|esf)\b"
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december")
_MONTH = "|".join(MONTH_NAMES)
# 'Projektperiod: 1 mars 2022 – 28 februari 2025', 'pågår från januari 2025 till december 2027'.
PERIOD_WORDS = re.compile(rf"(?i)(?:projektperiod|projekttid|löptid|period|pågår|löper)\w*\s*:?\s*"
                          rf"(?:från\s+)?"
                          rf"(?:(?P<d1>\d{{1,2}})\s+)?(?P<m1>{_MONTH})\s+(?P<y1>(?:19|20)\d\d)\s*"
                          rf"(?:[-–]|till|t\.o\.m\.?)\s*(?:(?P<d2>\d{{1,2}})\s+)?(?P<m2>{_MONTH})\s+"
                          rf"(?P<y2>(?:19|20)\d\d)")
PERIOD_FIELD = re.compile(r"(?i)(?:projektperiod|projekttid|löptid|period)\w*\s*:?\s*"
                          r"((?:19|20)\d{2}-\d{2}-\d{2})\s*(?:[-–]|till|t\.o\.m\.?)\s*((?:19|20)\d{2}-\d{2}-\d{2})")


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
    words = re.sub(r"(?i)\s+under\s+(?:perioden|året|hela\s+\w+|\d{4})$", "", m.group("np"))
    # the phrase starts after the last verb, conjunction or adverbial before it
    words = re.split(r"(?i)\b(?:att|och|men|som|så|därför|dessutom|också|även|nu|i år|under \w+|"
                     r"har|hade|blev|är|var)\s+", words)[-1]
    words = TRAILER.sub("", DETERMINER.sub("", words.strip().split("\n")[-1].strip()))
    words = re.sub(r"(?i)\s+(?:och|samt)$", "", words)  # 'räknas som X och uppgår till'
    if not re.search(rf"(?i)^(?:[\wåäö:-]+\s+){{0,2}}[\wåäö]*?(?:{MONEY_NOUNS})"
                     r"(?:$|\s+(?:från|till|för|per|i)\b)", words):
        return None
    return words


def _np_with_pa(text: str) -> str | None:
    """'en total budget på', 'ett eget kapital på': the noun phrase before 'på'."""
    m = re.search(rf"(?i)(?:\b(?:en|ett|den|det|sin|sitt)\s+|\bav\s+(?=\w+s\s)|\bmed\s+(?=\w+s\s))"
                  rf"(?P<np>(?:[\wåäö-]+\s+){{0,2}}(?:{MONEY_NOUNS})(?:\s+för\s+[A-ZÅÄÖ][\wåäö-]+)?)"
                  r"(?:\s+i\s+år|\s+för\s+\d{4}|\s+per\s+år)?\s+(?:på|om)\s+"
                  r"(?:cirka\s+|ca\.?\s+|drygt\s+|knappt\s+|ungefär\s+|omkring\s+|runt\s+)?$", text)
    return m.group("np") if m else None


def genitive(name: str) -> str:
    """'regionen' -> 'regionens', 'ESF' -> 'ESF:s', 'kommunernas' stays."""
    if re.search(r"(?:\b[A-ZÅÄÖ]{2,6}|[\d+])$", name):
        return f"{name}:s"
    return name if re.search(r"[sxz]$", name) else name + "s"


def _nominal(text: str) -> tuple[str, str] | None:
    """A verb that names the money: (label, who: 'collective', 'self' or 'other')."""
    text = re.sub(r"\s[–—-]\s[^–—.]{1,160}?\s[–—-]\s", " ", text)  # 'Medlemmarna – A, B och C – bidrog'
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
        if noun == "finansiering":
            return f"{genitive(subj)} medfinansiering av {m.group('obj')}" if "med" in text[
                m.start():].lower()[len(subj):len(subj) + 12] else \
                f"{genitive(subj)} finansiering av {m.group('obj')}", who
        return f"{genitive(subj)} {adv}{noun}", who
    for pat, noun in PASSIVE:
        m = pat.search(text)
        if m:
            adj = m.groupdict().get("adj") or m.groupdict().get("after")
            return (f"{adj.strip(' ,').lower()} {noun}" if adj else noun), "other"
    m = PARTICIPLE.search(text)
    if m:  # 'har bedrivit insatser för' -> 'bedrivna insatser'
        verb = m.group("verb") + ("na" if m.group("end") == "it" else "ade")
        return f"{verb} {m.group('obj')}", "self"
    if SPENT.search(text):
        return "förbrukat", "spent"
    m = COST_VERB.search(text)
    if m:  # 'Projektet har kostat 7,9 miljoner' -> 'Projektets kostnad'
        subj = DETERMINER.sub("", m.group("subj").strip())
        if re.fullmatch(r"(?i)projektet|insatsen|satsningen|verksamheten|teamet", subj):
            return f"{subj}s kostnad", "project"
        if subj[:1].isupper() and " " not in subj and re.search(r"(?i)\bkostat\b", text[m.start():]):
            # 'Bryggan har totalt kostat 9,6 miljoner': what it has cost in all
            in_all = re.search(r"(?i)\btotalt\b", text[m.start():])
            return ("totalt kostat" if in_all else "kostat"), "project"
        return subj, "self"
    return None


def _kind(label: str, sentence: str, who: str) -> str:
    """income, cost, subtotal, total_income or total_cost, from the label and who pays."""
    low = label.lower()
    if re.search(r"^(?:\w+s\s+)?(?:intäkterna|intäkter totalt|summa intäkter|totala intäkter)$", low):
        return "total_income"
    if re.search(r"^(?:\w+s\s+)?(?:kostnaderna|kostnader totalt|summa kostnader|totala kostnader\w*)$", low) \
            or re.fullmatch(r"(?:förbundets|verksamhetens|projektets|insatsens|årets|teamets)\s+"
                            r"(?:totala\s+)?kostnad(?:er|en)?", low):
        return "total_cost"
    if re.search(r"resultat|överskott|underskott|kapital|summa personal", low):
        return "subtotal"
    if re.fullmatch(r"(?:totalt|summa|total)", low):
        return "total_cost" if re.search(r"(?i)kostnad", sentence) else "total_income"
    if "utfall" in low or ("budget" in low and re.search(r"(?i)\butfall\w*|förbruka\w*|använ\w*",
                                                            sentence)):
        return "total_cost"  # what was spent, and the budget it is measured against
    if who == "project" or re.search(r"omsättning|projektbudget|bedrivna|totala kostnad|kostnader totalt",
                                     low):
        return "total_cost"
    if re.search(r"total\s*budget|totalbudget|projektbudget", low):
        return "total_cost"  # what the whole project costs, whoever the page is from
    if "budget" in low and re.search(r"(?i)\b(?:varav|därav)\s+(?:\S+\s+){0,4}?(?:personal|lokal|lön"
                                     r"|kostnad|aktivitet)", sentence):
        return "total_cost"  # 'Budgeten är 1 950 tkr, varav personal 1 640 tkr'
    if "budget" in low:
        # a project's budget is what it costs; a förbund's budget is what its members give it
        owner = re.search(r"(?i)(?<!från )(?<!av )\b(?:samordnings)?förbund\w*|styrelsen", sentence)
        if re.search(r"förbund", low) or (owner and not re.search(PROJECT, sentence)):
            return "total_income"
        if re.search(PROJECT, sentence) or "total" in low:
            return "total_cost"
        return "total_income"
    if re.search(r"intäkter|anslag", low) or who == "collective" or COLLECTIVE.search(low):
        return "total_income"
    if re.search(r"kostnad|utgift|lön", low) or who in ("self", "spent"):
        return "cost"
    return "income"


def _label(s: Sentence, tk: Tokens, k: int, prev: str) -> Label | None:
    """The label a sentence gives the amount at token k."""
    text = s.text
    a, b = tk.spans[k]
    before = text[:a]
    after = text[b:]
    ctx = prev[-200:] + " " + text  # the sentence before says whose budget it is
    if NOT_BUDGET.search(text):
        return None
    spent_on = re.match(r"(?i)\s*(?:kr|kronor|tkr|mkr)?\s*(?:har\s+|hade\s+)?(?:avsatts|avsätts|reserverats"
                        r"|öronmärkts)\s+(?:till|för)\s+(?P<np>[\wåäö-]+(?:\s+[\wåäö-]+){0,2}?)(?=[,.;]|\s+och\s|$)",
                        after)
    if spent_on:  # 'En pott på 500 000 kronor har avsatts till nya förstudier'
        return Label(spent_on.group("np"), "cost")
    own_part = re.search(r"(?i)\bför\s+(?P<who>[A-ZÅÄÖ][\wåäö-]+?)s?\s+del\s+(?:innebär|blir|motsvarar)"
                         r"\s+det\s+$", before)
    if own_part:  # 'För Ystads del innebär det 540 000 kr per år'
        return Label(f"{genitive(own_part.group('who'))} andel", "income")
    funds = re.search(r"(?i)\bfinansierar\s+(?:\w+\s+)?(?P<obj>insatser|projekt\w*|verksamhet\w*)\s+för\s+"
                      r"(?:cirka\s+|ca\.?\s+)?$", before)
    if funds:  # 'Totalt finansierar förbundet insatser för cirka 5,4 miljoner kronor'
        return Label(funds.group("obj"), "total_cost" if re.search(r"(?i)\btotalt\b", before) else "cost")
    part = re.search(r"(?i)(?:^|,\s*(?:och\s+)?|\.\s+)(?:av|varav)\s+(?:budgeten|dessa|detta|summan"
                     r"|beloppet|medlen)\s+\w+\s+$", before)
    source = re.match(r"\s*(?:kr|kronor|SEK)?\s*(?P<y>från\s+[^,.;]{2,60}?)"
                      r"(?=\s*(?:,|\.|;|$|\s+medan|\s+och\s))", after)
    if part and source:  # 'Av budgeten kommer 4 Mkr från staten …': a part of the last total
        return Label(source.group("y"), "income", parent="__before__")
    paren = re.search(r"(?P<np>[\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+){0,3})\s*\(\s*$", before)
    if paren and re.search(r"(?i)\)", after[:6]):  # 'Arbetsnyckeln (2 950 000 kr)'
        np = DETERMINER.sub("", re.split(r"(?i)\b(?:är|och|samt|av|genom|med|för|till|bidrar|ger|betalar)\s+",
                                         paren.group("np"))[-1])
        if np and not re.search(rf"(?i)^(?:{MONEY_NOUNS})$", np):
            cost = re.search(r"(?i)kostnad|poster|går till|fördelas|läggs på|satsas", ctx) or SELF.match(text)
            kind = _kind(np, ctx, "other")
            return Label(np, "cost" if cost and not kind.startswith("total") else kind)
    field = re.match(r"^\s*(?:[-•*–·]\s*)?(?P<label>[A-ZÅÄÖ][^:\n]{2,60}?)\s*:\s*$", before) or re.search(
        r"(?:^|\n)\s*(?:[-•*–·]\s*)?(?P<label>[A-ZÅÄÖ][^:\n]{2,60}?)\s*:\s*\n\s*$", before)
    money_unit = tk.doc[k]._.qkind == "money"
    if field and (re.search(rf"(?i)\b(?:{MONEY_NOUNS})\b", field.group("label")) or money_unit):
        label = TRAILER.sub("", field.group("label").strip())
        return Label(label, _kind(label, ctx, "other"))
    if re.search(r"(?i)\b(?:varav|därav)\s", before):  # the next parts of a 'varav' list
        named = re.search(r"(?:,|\boch)\s+(?P<np>[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*)?)\s*$", before)
        trailing = re.match(r"\s*(?:(?:kr|kronor|tkr|mkr)\s+)?(?P<np>[a-zåäö][\wåäö ]{2,40}?)"
                            r"(?=\s*[,.;]|\s*$)", after)
        if named and not re.search(r"(?i)\b(?:från|till|med|är|har|varav|därav)\b", named.group("np")):
            side = "income" if re.search(r"(?i)intäkt|avgift|bidrag", before[-160:]) \
                and not re.search(r"(?i)kostnad", before[-160:]) else "cost"
            return Label(named.group("np"), side, parent="__previous__")  # ', lokaler 180 tkr'
        if trailing and re.search(r"(?:,|\boch)\s+$", before):
            return Label(trailing.group("np"), "cost", parent="__previous__")  # 'och 350 000 kr lokaler'
    varav = re.search(r"(?i)\b(?:varav|därav|av vilket|av vilka)\s+(?P<x>[^,.]{0,40}?)\s*$", before)
    if varav:
        own = varav.group("x").strip()
        avser = re.match(r"\s*(?:kr|kronor|SEK|mkr|tkr|miljoner)?\s*(?:avser|går till|är)\s+"
                         r"(?P<np>[a-zåäö][\wåäö -]{1,40}?)(?=\s*[,.;]|\s+och\s+\d|$)", after)
        if avser:  # 'varav 1 100 000 kronor avser personal'
            return Label(avser.group("np"), "cost", parent="__previous__")
        if own and re.fullmatch(r"[a-zåäö][\wåäö-]*(?:\s+(?:och\s+)?[a-zåäö][\wåäö-]*){0,2}", own) \
                and not re.search(r"(?i)\b(?:från|till|av|med|är|har|kommer|går|står|för|bidrar"
                                  r"|betalar)\b",
                                  own):
            side = "income" if re.search(r"(?i)intäkt|avgift|bidrag|tilldelning", own + " " + before[-120:]) \
                and not re.search(r"(?i)kostnad", before[-120:]) else "cost"
            return Label(own, side, parent="__previous__")  # 'varav personal 1 640 tkr'
        rest = re.match(r"\s*(?:kr|kronor|SEK|mkr|tkr|miljoner)?\s*(?P<y>(?:från|till|i)\s+[\wåäö-]+"
                        r"(?:\s+[\wåäö-]+)?|(?:finansieras|betalas|bekostas|täcks)\s+av\s+[\wåäöÅÄÖ-]+"
                        r"(?:\s+[A-ZÅÄÖ][\wåäö-]+)?)", after)
        nominal = _nominal(before)
        if nominal:  # 'av vilket kommunen står för 2 mkr': the commune's share
            label, who = nominal
        elif own and re.search(rf"(?i)(?:{MONEY_NOUNS}|\bdel\b)", own):
            label, who = TRAILER.sub("", re.sub(rf"\s+{BEING}$", "", DETERMINER.sub("", own))), "other"
        elif rest and rest.group("y").split()[0].lower() in ("finansieras", "betalas", "bekostas", "täcks"):
            label, who = rest.group("y"), "other"  # 'varav 1,6 mkr finansieras av förbundet'
        elif rest:
            label, who = f"varav {rest.group('y')}", "other"
        elif re.match(r"(?i)^[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*)?\s+"
                      r"(?:har|står|bidrar|betalar|finansierar)", own):  # 'varav ESF har finansierat 4 mkr'
            label, who = f"varav {own.split()[0]}", "other"
        else:
            return None
        return Label(label, "income" if re.search(r"(?i)esf|från|andel|bidrag", label) else
                     _kind(label, ctx, who), parent="__previous__")
    funded = FUNDED_BY.search(before)
    if funded:  # 'Insatsen finansieras av förbundet med 3,4 mkr per år'
        return Label(f"finansiering från {funded.group('who')}", "income")
    source = re.match(r"\s*(?:kr|kronor|SEK)?\s*(?P<y>från\s+[\wåäöÅÄÖ:+-]+(?:\s+[A-ZÅÄÖ][\wåäö-]*"
                      r"|\s+[a-zåäö]{2,}(?:fonden|förbundet|kommunen|regionen|kassan)\b){0,3})", after)
    if source and RECEIVED.search(before):  # 'har fått två och en halv miljon från ESF'
        return Label(f"medel {source.group('y')}", "income")
    if APPLIED.search(before):  # 'Verksamheten söker 1 450 000 kronor för 2024, varav …'
        return Label("sökt belopp", "total_cost" if re.search(r"(?i)\bvarav\b", after) else "cost")
    granted = GRANTED.search(before)
    if granted:  # 'Förbundet har beviljat insatsen 2,75 mkr': income to the insats
        giver = re.search(r"(?i)\b(\w+)\s+(?:har\s+|hade\s+)?bevilja", before[max(0, granted.start() - 30):])
        if giver and re.fullmatch(r"(?i)styrelsen|vi", giver.group(1)):
            return Label("beviljat", "cost")  # 'Beslut: Styrelsen beviljar 180 tkr': the förbund's cost
        return Label("beviljade medel", "income")
    invest = re.match(r"\s*(?:kr|kronor|tkr|mkr|SEK)?\s+på\s+(?:en\s+ny\s+insats,\s*"
                      r"(?P<name>[A-ZÅÄÖ][\wåäö-]+)|(?P<np>[\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+){0,3}?))"
                      r"(?=\s*[,.;]|\s+(?:och|som|under|i|för|per|inom)\s|$)", after)
    if invest and INVEST.search(before):  # 'beslutat att satsa 850 tkr på en ny insats, Hälsosteget'
        return Label(invest.group("name") or invest.group("np"), "cost")
    nominal = _nominal(before)
    if nominal:
        label, who = nominal
        to = re.match(r"\s*(?:kr|kronor|SEK)?\s*(?P<to>till\s+[\wåäöÅÄÖ-]+)", after)
        if to and "bidrag" in label:
            label = f"{label} {to.group('to')}"
        return Label(label, _kind(label, ctx, who))
    np = _np_before(before) or _np_with_pa(before)
    if np:
        sign = re.search(r"(?i)\b(överskott|underskott)\b", before[-40:])
        np = re.sub(r"(?i)^(?:negativt|positivt)\s+", "", np)  # the sign is in the value
        if re.fullmatch(r"(?i)(?:ett\s+)?(?:överskott|underskott)", np) and re.search(
                r"(?i)\b(?:året|helåret)\s+(?:slutade|landade|gav|visade|visar|resulterade)\s", before):
            np = "Årets resultat"  # 'Året slutade med ett överskott på …'
        label = f"{np} ({sign.group(1).lower()})" if sign and "resultat" in np.lower() else np
        return Label(label, _kind(label, ctx, "other"))
    if re.match(r"(?i)\s*(?:kr|kronor|tkr|mkr)?\s*(?:har\s+|hade\s+)?(?:förbrukats|använts)\b", after):
        return Label("förbrukat", "cost", parent="__previous__")  # 'har 812 tkr förbrukats'
    gapped = re.search(rf"(?i)\boch\s+(?:de\s+|den\s+|det\s+)?(?P<np>(?:[\wåäö-]+\s+){{0,2}}"
                       rf"(?:{MONEY_NOUNS}))\s+(?:på|till)\s+(?:cirka\s+)?$", before)
    if gapped and re.search(rf"(?i)\s{BEING}\s", before[:gapped.start()] + " "):
        # 'Intäkterna landade på 5 mkr och kostnaderna på 6 mkr': the verb said once
        return Label(gapped.group("np"), _kind(gapped.group("np"), ctx, "other"))
    gapped_for = re.search(r"(?i)\boch\s+för\s+(?P<np>[\wåäö-]+(?:\s+[\wåäö-]+)?)\s+(?:till|på)\s+"
                           r"(?:cirka\s+)?$", before)
    if gapped_for and re.search(rf"(?i)\b(?:{MONEY_NOUNS})\s+för\s+", before[:gapped_for.start()]):
        # 'Kostnader för insatser uppgår till 2 860 tkr och för kansli till 1 040 tkr'
        return Label(gapped_for.group("np"), "cost")
    gapped_bare = re.search(rf"(?i)\boch\s+(?P<np>(?:[\wåäö-]+\s+)?(?:{MONEY_NOUNS}))\s+(?:cirka\s+)?$",
                            before)
    if gapped_bare and re.search(rf"(?i)\s{BEING}\s", before[:gapped_bare.start()] + " "):
        # 'Kostnaderna för insatser var 5 120 tkr och kansliets kostnader 1 310 tkr'
        return Label(gapped_bare.group("np"), _kind(gapped_bare.group("np"), ctx, "other"))
    item = LIST_ITEM.search(before)
    if item and re.search(r"(?i)\b(?:bidrar|bidrog|bidragit)\s", before[:item.start()]):
        return Label(f"{genitive(DETERMINER.sub('', item.group('subj')))} bidrag", "income")
    head = re.search(rf"(?:^|\n|\)\s*)\s*(?P<label>(?:[A-ZÅÄÖ][\wåäö-]*\s+)?(?:{MONEY_NOUNS}))\s*$",
                     before, re.I)
    if head:  # 'Budget 9 405 600', 'Total budget1 250 000 kr'
        return Label(head.group("label"), _kind(head.group("label"), ctx, "other"))
    after_np = re.match(rf"(?i)\s*(?:i|som)\s+(?P<np>(?:[\wåäö-]+\s+)?(?:{MONEY_NOUNS}))\b", after)
    if after_np:  # 'får 7 820 000 kronor i ESF-stöd'
        np = after_np.group("np")
        payer = re.search(r"(?P<who>[A-ZÅÄÖ][\wåäö-]+(?:\s+(?:kommun|stad|region))?)\s+"
                          r"(?:betalar|betalade|har betalat)\b[^,.]{0,20}$", before)
        if payer:  # 'Nässjö kommun betalar i år 1 240 000 kronor i medlemsavgift': the kommun's
            np = f"{genitive(payer.group('who'))} {np}"
        return Label(np, _kind(np, ctx, "other"))
    ref = re.search(r"(?i),?\s*(?:vilket|som)\s+(?:motsvarar|innebär|blir)\s+$", before)
    if ref:  # 'Kommunernas andel är 25 procent, vilket motsvarar 1 150 000 kr'
        np = re.match(rf"(?i)\s*(?P<np>(?:[\wåäö:-]+\s+){{0,2}}(?:{MONEY_NOUNS}))\s+{BEING}", text)
        if np:
            return Label(np.group("np"), _kind(np.group("np"), ctx, "other"))
    if re.match(r"(?i)\s*(?:det|detta)\s+(?:betyder|innebär)\s+att\b", text):
        m = re.search(r"(?i)\b(?:har\s+)?beviljats?\s+(?P<what>medel\s+(?:till|för)\s+[^.,]{3,60})", prev)
        if m:  # 'X fick beviljat medel för två projekt. Det innebär att 12 miljoner …'
            return Label(f"beviljade {m.group('what').strip()}", "income")
    return None


def _period(s: Sentence, inp: ExtractionInput) -> str | None:
    """The year an amount is for: in its sentence, else the project period or the title's year."""
    years = [q for q in find_quantities(s.text) if q.is_year and not re.search(
        r"(?i)(?:jämfört med|sedan|från|ökning från|än)\s+$", s.text[:q.start])]
    if len(years) == 1:
        q = years[0]
        return f"{int(q.value)}/{int(q.value_max)}" if q.value_max else str(int(q.value))
    heading = nearest_heading(inp, s.start) or ""
    heading_years = {int(q.value) for q in find_quantities(heading) if q.is_year and not q.value_max}
    if len(heading_years) == 1:  # 'Ekonomi 2025' over the amounts
        return str(heading_years.pop())
    return document_period(inp)


def document_period(inp: ExtractionInput) -> str | None:
    """The period a whole document's amounts are for: its period field, a period in words, or
    the year or years of its title ('Insatsplan 2023–2024')."""
    field = PERIOD_FIELD.search(inp.text) or START_END.search(inp.text)
    if field:
        return f"{field.group(1)}/{field.group(2)}"
    worded = PERIOD_WORDS.search(inp.text)
    if worded:
        return _worded_period(worded)
    head = "\n".join(inp.text.strip().splitlines()[:4])
    dates = re.search(r"((?:19|20)\d{2}-\d{2}-\d{2})\s*(?:[-–]|till|t\.o\.m\.?)\s*"
                      r"((?:19|20)\d{2}-\d{2}-\d{2})", head)
    if dates:  # 'DELÅRSRAPPORT 2022-01-01 – 2022-08-31'
        return f"{dates.group(1)}/{dates.group(2)}"
    years = {(int(q.value), int(q.value_max) if q.value_max else None) for q in find_quantities(head)
             if q.is_year}
    if len(years) != 1:
        return None
    first, last = years.pop()
    return f"{first}/{last}" if last else str(first)


def _worded_period(m: re.Match[str]) -> str:
    """'1 mars 2022 – 28 februari 2025' as '2022-03-01/2025-02-28'; a month alone spans it whole."""
    import calendar

    m1 = MONTH_NAMES.index(m.group("m1").lower()) + 1
    m2 = MONTH_NAMES.index(m.group("m2").lower()) + 1
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    d1 = int(m.group("d1") or 1)
    d2 = int(m.group("d2") or calendar.monthrange(y2, m2)[1])
    return f"{y1}-{m1:02d}-{d1:02d}/{y2}-{m2:02d}-{d2:02d}"


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
    last: str | None = None  # the last whole amount: 'Av budgeten kommer …' is a part of it
    for s in inp.sentences():
        if s.is_row or any(a < s.end and s.start < b for a, b in skip):
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
            value = t._.qty.value
            if re.search(r"(?i)(?:underskott\w*|negativ\w*\s+resultat\w*)\s+(?:på\s+|om\s+)?(?:cirka\s+)?$",
                         s.text[:a]) or (
                    "underskott" in label.text.lower() and value > 0):
                value = -value  # 'ett underskott på 318 000 kronor'
            owner = (last if label.parent == "__before__" else parent) if label.parent else None
            facts.append(Fact(type="budget_line", value=value, unit="SEK", label=label.text,
                              kind=label.kind, parent=owner,
                              period=_period(s, inp), evidence=inp.evidence(start, s.start + b)))
            parent = parent or label.text
            if not label.parent:
                last = label.text
        prev = s.text
    return facts
