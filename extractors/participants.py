"""Participants extractor: counts, shares, flows, outcomes, ages and planned volumes of the people served.

Patterns (spaCy `Matcher` on the blank Swedish vocabulary, figures as single tokens) find the
mentions: a count before a person noun ("57 nya deltagare", "Tjugo ungdomar", "130 st
deltagare"), a count or share by gender, a share of the participants, a count that goes on to an
outcome ("18 fått arbete"), an age band. One resolver then reads the clause around each mention
for its measure (cue words, nearest first), its category (the destination of an outcome, the
referring party, the kind of income support) and its period, and drops what is no participant
figure: audiences of events, changes from last year, staff, boards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extractors.base import (
    ExtractionInput,
    Sentence,
    Tokens,
    build_matcher,
    is_place,
    list_heading,
    nearest_heading,
    register,
    subject_of,
    tokenize,
)
from extractors.numbers import NUMERAL
from extractors.orgs import is_org
from extractors.participant_tables import FLOW, read_tables
from extractors.staffing import ROLE_WORD
from pipeline.models import Fact

# --- word lists -------------------------------------------------------------------------------
PERSON_NOUNS = [
    "deltagare", "deltagarna", "deltagaren", "personer", "personerna", "person", "individer",
    "individerna", "ungdomar", "ungdomarna", "unga", "vuxna", "kvinnor", "män", "sökande",
    "inskrivna", "klienter", "brukare", "invånare", "elever", "nyanlända", "arbetssökande",
    "sjukskrivna", "långtidsarbetslösa", "föräldrar", "medborgare", "killar", "tjejer",
]
# Nouns that need no verb to be participants; the others need a cue in their clause.
PARTICIPANT_NOUNS = {"deltagare", "deltagarna", "deltagaren", "inskrivna"}
GENDER_WORDS = {"kvinnor": "women", "kvinnorna": "women", "kvinna": "women", "kvinnliga": "women",
                "tjejer": "women", "män": "men", "männen": "men", "manliga": "men", "man": "men",
                "killar": "men", "pojkar": "men", "flickor": "women", "killarna": "men",
                "tjejerna": "women"}
# People who are not participants: staff, boards, professionals, organisations, answers.
NOT_PARTICIPANTS = {
    "handläggare", "medarbetare", "anställda", "personal", "personalen", "chefer", "ledamöter",
    "styrelseledamöter", "ersättare", "politiker", "yrkespersoner", "arbetsgivare", "företag",
    "förbund", "samordningsförbund", "kommuner", "insatser", "enkäter", "enkätsvar", "svar",
    "projekt", "tjänster", "platser", "besökare", "åhörare", "professionella", "coacher",
}
# An event's audience is no participant count.
EVENT_WORDS = re.compile(
    r"(?i)\b(?:konferens\w*|seminari\w*|frukostseminari\w*|webbinari\w*|workshop\w*|föreläsning\w*"
    r"|mässa\w*|kick-?off|informationsmöte\w*|utbildningsdag\w*|nätverksträff\w*|samlades"
    r"|strukturinriktade|strukturövergripande|tillfällen|enkät\w*|anmälde sig)")
# A change against another time is no count of its own.
DELTA_AFTER = {"fler", "färre", "mer", "mindre", "flera"}
DELTA_BEFORE = re.compile(r"(?i)\b(?:ök|minsk|steg|sjönk|förändr)\w*(?:\s+\S+){0,8}?\s+med\s+"
                          r"(?:cirka\s+|ca\.?\s+|drygt\s+|nästan\s+|knappt\s+)?$")
INCOME_TYPES = {
    "försörjningsstöd": "försörjningsstöd", "ekonomiskt bistånd": "försörjningsstöd",
    "sjukpenning": "sjukpenning", "aktivitetsersättning": "aktivitetsersättning",
    "aktivitetsstöd": "aktivitetsstöd", "rehabiliteringsersättning": "rehabiliteringsersättning",
    "rehab ersättning": "rehabiliteringsersättning", "sjukersättning": "sjukersättning",
    "a-kassa": "arbetslöshetsersättning", "arbetslöshetsersättning": "arbetslöshetsersättning",
    "etableringsersättning": "etableringsersättning", "lön": "lön",
    "ingen offentlig ersättning": "ingen offentlig ersättning",
    "ingen offentlig försörjning": "ingen offentlig försörjning", "sjukskrivna": "sjukskrivna",
    "ingen ersättning": "ingen ersättning", "utan ersättning": "ingen ersättning",
    "saknade ersättning": "ingen ersättning", "saknar ersättning": "ingen ersättning",
}
INCOME = re.compile(r"(?i)\b(?:(?:saknar|saknade|utan|ingen)\s+(?:någon\s+)?offentlig\s+"
                    r"(?:ersättning|försörjning)|ersättning\s+(?:både\s+)?från|försörjningsstöd"
                    r"|ekonomiskt bistånd|sjukpenning"
                    r"|aktivitetsersättning|aktivitetsstöd|rehabiliteringsersättning"
                    r"|sjukersättning|a-kassa|arbetslöshetsersättning|etableringsersättning|sjukskrivna"
                    r"|ingen ersättning|utan ersättning|saknade ersättning|saknar ersättning)\b")
# Where an outcome goes: the words after these are its category ('gått vidare till arbete').
OUTCOME_LEADS = re.compile(
    r"(?i)\b(?:(?:har\s+|hade\s+)?(?:gått|gick|går|kom|kommit|kommer|slussats|övergått|övergick|gått över)"
    r"(?:\s+(?:vidare|direkt|ut|ut i|vidare ut i|över))?\s+(?:till|i|in i|ut i)?"
    r"|avslutades\s+(?:som|till)|avslutats\s+(?:som|till)|till"
    r"|(?:har\s+)?(?:fått|fick|erhöll|erhållit)(?:\s+en|\s+ett)?(?=\s+(?:arbete|jobb|anställning|"
    r"sysselsättning|studieplats|praktik|lönebidrag|utbildning|plats))"
    r"|(?:har\s+)?(?:börjat|började|påbörjat|påbörjade)(?:\s+på(?=\s+[A-ZÅÄÖ]))?(?:\s+direkt)?"
    r"|(?:hade\s+|har\s+)?(?:nått|nådde|uppnått|uppnådde)(?=\s+(?:egen|arbete|jobb|studier))"
    r"|registrerade som|(?:skrivits|skrevs)\s+in\s+som|\bin\s+som(?=\s+arbetssökande)"
    r"|var(?=\s+aktivt\s+arbetssökande)"
    r"|blivit|blev|i form av|lämnade\s+(?:\w+\s+)?för|lämnat\s+(?:\w+\s+)?för"
    r"|arbetar eller studerar|studerar eller arbetar"
    r"|(?:vid|efter)\s+avslut(?:et)?\s+(?:var\s+)?inskrivna\s+(?:i|hos|på)"
    r"|avslutades\s+(?:insatsen\s+)?(?:av|på grund av)(?=\s+(?:andra|annan|övriga)\s)"
    r"|avslutades(?=\s+utan\s+(?:känd\s+)?(?:sysselsättning|orsak|utfall)))\s*")
DESTINATION_WORDS = re.compile(
    r"(?i)^(?:arbete|arbeta|arbetar|jobb|jobba|anställning|[a-zåäö]*studier|studera|studerar|plugga|utbildning"
    r"|fortsatt|insats\w*"
    r"|förvärvsarbete|egen försörjning|arbetssökande|aktivt arbetssökande|praktik|annan|annat"
    r"|sysselsättning|lönebidrag|subventionerad|reguljär|sjukersättning|självförsörjande"
    r"|eget företag|folkhögskola|vidare studier|återremitter|komvux|arbetsförmedlingen\w*"
    r"|arbetsmarknadsinsats\w*|arbetsmarknadsåtgärd\w*|ordinarie|andra\s+skäl|annan\s+anledning"
    r"|övriga\s+skäl|utan\s+(?:känd\s+)?(?:sysselsättning|orsak|utfall))")
CATEGORY_STOP = re.compile(r"(?i)^(?:under|efter|inom|sedan|direkt|jämfört|mot|vilket|medan|men|"
                           r"när|då|som|det|där|samt|på grund|i dag|idag|år|ytterligare|att"
                           r"|i\s+(?:något|betydligt|mycket)?\s*(?:högre|lägre|större|mindre)\s+grad)\b")
# Cue words for a measure, as patterns over the clause; the nearest cue to a figure wins.
MEASURE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("queue", re.compile(r"(?i)(?:(?<!på )(?<!efter )(?<!per )\b(?:kö|kön)\b|\b(?:kölistan?|väntelistan?"
                         r"|väntar|väntade|i väntan)\b)")),
    ("referred_by", re.compile(r"(?i)\b(?:remitter\w*|anvis\w*|aktualiserats|egen anmälan|på egen "
                               r"hand|självanmälan|hänvis\w*|(?:kom|kommit)\b[^.]{0,20}\bvia)\b")),
    ("registered_elsewhere", re.compile(r"(?i)\b(?:samtidigt|parallellt)\b[^.]*\binskrivna\b"
                                        r"|\binskrivna\s+(?:hos|på)\s+[A-ZÅÄÖ]")),
    ("goal_reached", re.compile(r"(?i)\b(?:nådde|nått|uppnådde|uppnått)\b[^.]{0,60}?\b(?:verksamhetens"
                                r"|insatsens|projektets|teamets|sina)\s+mål|\b(?:sina|sitt|egna|individens"
                                r"|deltagarens)\s+(?:egna\s+)?mål\b[^.]{0,30}?\b(?:uppnåtts|nåtts|uppnått|nått)\b")),
    ("outcome", re.compile(r"(?i)\b(?:vid|efter)\s+avslut(?:et)?\s+(?:var\s+)?inskrivna\s+(?:i|hos|på)\b"
                           r"|\bavslutades\s+(?:insatsen\s+)?(?:av|på grund av)\s+"
                           r"(?=andra\s+skäl|annan\s+anledning|övriga\s+skäl)"
                           r"|\bavslutades\s+(?=utan\s+(?:känd\s+)?(?:sysselsättning|orsak|utfall))"
                           r"|\b(?:gått|gick|går|kom|kommit|slussats|övergått|övergick)\s+(?:vidare\s+"
                           r"|direkt\s+|ut\s+|över\s+)*(?:till|i|ut i)\s+(?:arbete|jobb|studier|"
                           r"utbildning|egen|förvärvs|annan|annat|sysselsättning|praktik|reguljär)"
                           r"|\b(?:fått|fick|erhöll|erhållit)\s+(?:en\s+|ett\s+)?(?:arbete|jobb|anställning"
                           r"|sysselsättning|studieplats)\b|\b(?:börjat|började|påbörjat|påbörjade)"
                           r"\s+(?:direkt\s+|att\s+)?(?:arbeta|studera|jobba|plugga|[a-zåäö]*studier"
                           r"|ett arbete"
                           r"|en utbildning)"
                           r"|\b(?:nått|nådde|uppnått|uppnådde)\s+(?:egen\s+försörjning|arbete|jobb|studier)"
                           r"|\b(?:gått|gick|övergått|övergick)\s+(?:vidare|över)\s+till\s+\w"
                           r"|\bregistrerade som arbetssökande|\bin\s+som\s+arbetssökande"
                           r"|\bvar\s+aktivt\s+arbetssökande|\barbetar eller studerar"
                           r"|\bavslutade?s?\s+(?:som|till)\s+\w|\btill\s+(?:arbete|studier)\b"
                           r"|\bblivit självförsörjande|\batt gå (?:vidare )?till\b|\bsom nästa steg\b"
                           r"|\b(?:övergick|gick|har gått)\s+[\d,]+\s*(?:%|procent)\s+(?:\w+\s+)?till\s+"
                           r"(?:arbete|jobb|studier|utbildning)"
                           r"|\bhar\s+(?:i\s*dag\s+|nu\s+)?(?:ett\s+)?(?:jobb|arbete)\b"
                           r"|\b(?:hade|har)\s+[\d,]+\s*(?:%|procent)?\s+(?:ett\s+)?(?:arbete|jobb|studier"
                           r"|sysselsättning)\b"
                           r"|\b(?:(?:arbete|jobb|studier|utbildning)\b[^.]{0,30}?\s)?som\s+(?:huvudsaklig\s+)?"
                           r"sysselsättning\b"
                           r"|\b(?:direkt\s+)?ut\s+i\s+(?:arbete|jobb|studier|sysselsättning)\b|\blämna(?:de|t)\s+(?:\w+\s+)?för\s+(?:annan|annat"
                           r"|fortsatt|arbete|studier)")),
    ("new", re.compile(r"(?i)\b(?:(?-i:nya|Nya(?!\s+[A-ZÅÄÖ]))|nyinskriv\w*"
                       r"|skr(?:ivits|evs|ivs|ivit|ev)(?:\s+\S+){0,3}?\s+in(?!\s+som\s+arbetssökande)"
                       r"|tillkommit|tillkom|intresseanmälningar|inflöde\w*|antagits|sökande)\b")),
    ("ended", re.compile(r"(?i)\b(?:avslutade|avslutades|avslutats|avslutat|avslut|lämnat|lämnade"
                         r"|fullgjort|slutfört|slutförde|skrivits ut|skrevs ut|utskrivna|slutade|slutat"
                         r"|(?:hunnit|valt att|kunnat)\s+avsluta)\b"
                         r"|\b(?:gått|gick)\s+vidare\b(?!\s+(?:till|i|ut)\b)")),
    ("enrolled_start", re.compile(r"(?i)\b(?:periodens|årets|insatsens)\s*(?:början|start)|\bvid "
                                  r"start(?:en)?\b|\bingående\b|\bvid\s+ingången\b|\bårets\s+ingång\b")),
    ("enrolled_end", re.compile(r"(?i)\b(?:periodens|årets|dess)\s*(?:slut|utgång)\b|\butgående\b|när året "
                                r"var slut|\b(?:den|per)\s+(?:31 december|30 juni)\b"
                                r"|\bvid (?:halvårsskiftet|årsskiftet)\b")),
    ("activity", re.compile(r"(?i)\b(?:arbetsträn\w*|praktik\w*|studiebesök)\b")),
    ("income_support", INCOME),
    ("total", re.compile(r"(?i)\b(?:deltog|deltagit|deltar|deltagarantal\w*|antal(?:et)? deltagare"
                         r"|inskrivna|varit inskriv\w*|registrer\w*|haft|hade|tagit del|tog del"
                         r"|fått stöd|fick stöd|får stöd|gett stöd|gav stöd|stöd för|stöd av"
                         r"|insatser för|arbetat med|arbetar med|träffat|mött|tog emot|tagit emot"
                         r"|tagits emot|omfattat|totalt|sammanlagt|kontakt med|nått ut till"
                         r"|t(?:og|ar)\s+(?:\S+\s+){1,3}emot|(?:var|varit|är)\s+med\s+i)\b")),
)
PLANNED = re.compile(r"(?i)\b(?:ska|skall|kommer(?:\s+[\w-]+){0,2}\s+att|förväntas|beräknas|beräknat"
                     r"|väntas|planeras|planerades|planerat|planerade|planerar|avses|målsättningen|kapacitet"
                     r"|plats för|räknar med|vill\s+(?:vi\s+)?(?:nå|ta emot|hjälpa|ge stöd))\b")
PER_YEAR = re.compile(r"(?i)\b(?:per år|om året|årligen|varje år|per kalenderår|på ett år|nästa år"
                      r"|kommande år|under ett år|under (?:det )?(?:första |kommande |nästa )?året"
                      r"|(?<=\w)/\s*år"
                      r"|(?:insatsens |projektets |verksamhetens )?första (?:hela )?år(?:et)?|under \d{4})\b")
# A present-tense habit with 'per år' is a yearly volume: 'Teamet möter ungefär 70 deltagare per år'.
SINCE_START = re.compile(r"(?i)\bsedan\s+(?:start(?:en)?|projektstart(?:en)?|insatsen\s+startade"
                         r"|vi\s+startade|projektet\s+startade)\b"
                         r"|\bunder\s+(?:hela\s+(?:perioden|projekttiden)|projekttiden|projektperioden"
                         r"|projektets\s+gång)\b")
# A share that sums up the counts before it: '… och 5 till studier – sammantaget 50 procent'.
RESTATE = re.compile(r"(?i)^\W*(?:alltså|dvs\.?|det vill säga|vilket motsvarar|vilket är|sammantaget"
                     r"|sammanlagt|totalt|tillsammans|det är|det blir|det motsvarar|motsvarar|motsvarande"
                     r"|eller)\b")
HABITUAL = re.compile(r"(?i)\b(?:möter|tar(?:\s+\w+){0,2}\s+emot|tar upp|träffar|hjälper|stöttar|stödjer"
                      r"|arbetar med"
                      r"|skriver in|når|tar in|har plats för)\b")
CAPACITY = re.compile(r"(?i)\b(?:hantera|ta emot|omsätta|arbeta med|plats för|kapacitet|skriva in)\b")
# A target someone should have reached ('ska minst 50 personer ha genomgått'): a goal, no volume.
ACHIEVED = re.compile(r"(?i)\b(?:ska|skall)\b[^.]*\bha\s+(?:\w+\s+)?\w+(?:at|it|tt|ts|att)\b")
TARGET_GROUP = re.compile(r"(?i)\b(?:målgrupp\w*\s+(?:är|består|omfattar|uppskattas|beräknas|bedöms)"
                          r"|uppskattningsvis|uppskattas|uppskattar|gruppen består|finns det|det finns"
                          r"|skulle (?:kunna )?ha (?:nytta|glädje))\b")
# What a planned volume is: people to serve, reach or take in ('ska nå 400', 'minst 60 ska delta').
REACH = re.compile(r"(?i)\b(?:delta|nå|få stöd|får stöd|ge\b[^.]*\bstöd|skrivas in|tas emot|ta emot"
                   r"|ta del|omfatta|erbjudas|arbeta med)\b")
GOAL_LEAD = re.compile(r"(?i)^\W*(?:mål(?:et|en|sättning\w*)?|vårt mål|projektets mål|insatsens mål)\b")
AGE_CUES = (("age_median", r"median"), ("age_mean", r"medel|genomsnitt|snitt"),
            ("age_min", r"yngst|lägsta"), ("age_max", r"äldst|högsta"))
TARGET_AGE = re.compile(r"(?i)\b(?:målgrupp\w*|riktar sig|vänder sig|i åldern|åldrarna|personer"
                        r"|deltagare|ungdomar|unga|vuxna|kvinnor|män|individer|invånare|föräldrar"
                        r"|prioritera|tar emot"
                        r"|(?:måste|ska|bör)\s+(?:du\s+|man\s+|deltagaren\s+)?vara|du som är|dig som är)\b")
OBSERVED_AGE = re.compile(r"(?i)\b(?:sträckte sig|varierade|spann|spridning|var mellan|låg mellan)\b")
THROUGHPUT = re.compile(r"(?i)genomströmningstid|inskrivningstid\w*"
                        r"|tid(?:en)? i (?:insatsen|teamet|projektet)"
                        r"|genomsnittlig(?:a)? tid|snitt-?t?id"
                        r"|(?:i genomsnitt|i snitt|i medel)\s+(?:var\s+|är\s+)?"
                        r"(?:deltagarna\s+|en\s+deltagare\s+)?"
                        r"inskriv(?:na|en)"
                        r"|inskrivna\s+(?:i genomsnitt|i snitt)")
PUBLIC_SUPPORT = re.compile(r"(?i)(?:genomsnitt|i snitt|i medel|medel|totalt antal år)[^.]*(?:offentlig "
                            r"försörjning|haft (?:ersättning|sjukpenning|försörjningsstöd|"
                            r"aktivitetsersättning)|levt på)|antal år i offentlig försörjning")
STAFF_AFTER = re.compile(r"(?i)^\s*(?:(?:som\s+)?(?:arbetat|arbetar|jobbar|jobbat|är anställda|anställts)"
                         r"\s+(?:i|på|med)\s+(?:projektet|teamet|insatsen|verksamheten)"
                         r"|från\s+(?:\w+\s+)?(?:organisationer|myndigheter|parter|verksamheter|förvaltningar))")
CLAUSE_BREAK_WORDS = {"varav", "därav", "samt", "medan", "men", "vilket", "där", "inklusive",
                      "därefter", "dessutom"}
CLAUSE_BREAK_PUNCT = {",", ";", ":", "–", "—", "(", ")", "."}
MONEY_WORDS = re.compile(r"(?i)\b(?:kr|kronor|sek|tkr|mkr|budget\w*|rekvir\w*|medel|bidrag\w*|kostnad\w*)\b")
HEAD_OF_SPLIT = re.compile(r"(?i)^(?:av\s+(?:dessa|dem|de|dessa deltagare)\b|varav\b|därav\b"
                           r"|fördelat på\b|bland dem\b|[-–•*]\s*(?:kvinnor|män|tjejer|killar)\s+\d)")
PLACE = re.compile(r"^\s*(?:(?:folkbokförda|boende|bosatta|hemmahörande)\s+)?(?:i|från)\s+"
                   r"((?:[A-ZÅÄÖ][\w-]+)(?:(?:,\s*|\s+och\s+)[A-ZÅÄÖ][\w-]+)*)")

# --- token patterns -----------------------------------------------------------------------------


def _q(*kinds: str) -> dict[str, Any]:
    return {"_": {"qkind": {"IN": list(kinds)}}}


_COUNT = _q("count")
_PCT = _q("percent")
_PERSON = {"LOWER": {"IN": PERSON_NOUNS}}
_DEMONYM = {"LOWER": {"REGEX": r"^[a-zåäö]{3,}(?:bor|bon)$"}}
_ADJ = {"LOWER": {"REGEX": r"^[a-zåäö]{2,}[ae]$"}, "OP": "{0,2}"}  # 'nya', 'avslutade', 'unga'
_ST = {"LOWER": {"IN": ["st", "st."]}, "OP": "?"}
_GENDER = {"LOWER": {"IN": list(GENDER_WORDS)}}
_OPEN, _CLOSE = {"ORTH": "("}, {"ORTH": ")"}
_DET = {"LOWER": {"IN": ["de", "dessa", "alla", "samtliga"]}, "OP": "?"}
_BE = {"LOWER": {"IN": ["var", "är", "blev", "uppgick", "varit"]}}
_THEM = {"LOWER": {"IN": ["dem", "dessa"]}}
_NAME = {"IS_TITLE": True, "LOWER": {"NOT_IN": ["de", "det", "den", "dessa"]}}
# Verbs and words after which a bare count is about people when the sentence is.
_BEFORE_BARE = {"LOWER": {"IN": ["skrevs", "avslutades", "deltog", "tillkom", "har", "hade",
                                 "slut", "början", "start", "kom", "började", "fanns"]}}
PATTERNS: dict[str, list[dict[str, Any]]] = {
    # counts of people
    "count_person": [_COUNT, _ST, _ADJ, _PERSON],  # '57 nya deltagare', 'Tjugo ungdomar'
    "count_demonym": [_COUNT, _DEMONYM],  # '130 umeåbor'
    "count_st": [_COUNT, {"LOWER": {"IN": ["st", "st."]}}],  # '12 st har nu praktik'
    "count_of_people": [_COUNT, {"LOWER": "av"}, _DET,
                        {"TEXT": {"REGEX": r"^[A-ZÅÄÖ][\wåäö-]+s$"}, "OP": "?"},
                        _ADJ, _PERSON],  # 'Femton av deltagarna', 'elva av Startbanans deltagare'
    "count_of_them": [_COUNT, {"LOWER": "av"}, _THEM],  # '30 av dem beräknas delta'
    "count_in_place": [_COUNT, {"LOWER": {"IN": ["i", "från"]}}, _NAME],  # '42 i Kalix'
    "bare_count": [_BEFORE_BARE, _COUNT],  # 'av dem skrevs 60 in', 'vid dess slut 27'
    "and_count_has": [{"LOWER": {"IN": ["och", ","]}, "OP": "?"}, _COUNT, {"LOWER": {"IN": ["har", "hade"]}},
                      {"LOWER": {"REGEX": r"^(?:avslutats|avslutat|skrivits|lämnat|slutat)$"}}],
    # 'och 45 har avslutats'
    "count_event": [_COUNT, _ADJ, {"LOWER": {"IN": ["inskrivningar", "nyinskrivningar", "avslut",
                                                    "intresseanmälningar", "remisser",
                                                    "anmälningar"]}}],  # '32 avslut'
    # by gender
    "count_pct_gender": [_COUNT, _OPEN, _PCT, _CLOSE, _GENDER],  # '10 (40%) kvinnor'
    "count_gender_pct": [_COUNT, _GENDER, _OPEN, _PCT, _CLOSE],  # '15 kvinnor (45%)'
    "varav_count_gender": [{"LOWER": {"IN": ["varav", "därav"]}}, _COUNT, _GENDER],
    "label_gender_count": [{"LOWER": {"IN": ["varav", "därav", "antal"]}, "OP": "?"}, _GENDER,
                           {"ORTH": ":"}, _COUNT],  # 'Varav kvinnor: 31'
    "pct_gender": [_PCT, _GENDER],  # '34 procent män', 'knappt hälften kvinnor', 'var tredje kvinna'
    "pct_be_gender": [_PCT, _BE, _GENDER],  # '55 procent var kvinnor'
    "share_gender": [{"LOWER": "andelen"}, _GENDER, {"OP": "{0,4}"}, _PCT],  # 'Andelen män … 52 %'
    "frac_person_gender": [_PCT, _PERSON, {"OP": "{0,4}"}, _BE, _GENDER],  # 'Tre av fyra deltagare är män'
    "pct_of_people_gender": [_PCT, {"LOWER": "av"}, _DET, _PERSON, _BE, _GENDER],  # '58 % av dem var män'
    # shares
    "pct_of_people": [_PCT, {"LOWER": "av"}, _DET,
                      {"TEXT": {"REGEX": r"^[a-zåäöA-ZÅÄÖ][\wåäö-]+s$"}, "OP": "?"},
                      _ADJ, _PERSON],  # '25 procent av alla nya deltagare', '34 procent av förbundets …'
    "count_paren_pct": [_COUNT, _OPEN, _PCT, _CLOSE],  # '21 (35 %) gått till arbete'
    "pct_clause": [_PCT],  # a share on its own; kept where its clause is about people
    # labelled figures
    "label_count": [{"LOWER": {"IN": ["deltagare", "deltagarantal", "inskrivna", "deltagarna", "avslut",
                                      "avslutade", "nya", "nyinskrivna", "kö", "väntelista",
                                      "inskrivningar", "nyinskrivningar", "remisser"]}},
                    {"IS_PUNCT": False, "OP": "{0,3}"}, {"ORTH": ":"}, _COUNT],  # 'Deltagare i dag: 212'
    "antal_be_count": [{"LOWER": {"IN": ["antal", "antalet", "deltagarantalet"]}},
                       {"OP": "{0,10}"}, _BE, {"LOWER": {"IN": ["till", "det"]}, "OP": "?"},
                       _COUNT],  # 'Antalet deltagare under våren … blev 44'
    "of_n_adj": [{"LOWER": "av"}, _DET, _COUNT, {"LOWER": {"IN": ["avslutade", "inskrivna", "nya",
                                                                   "deltagande"]}}],  # 'Av 35 avslutade'
    "of_n_who": [{"LOWER": {"IN": ["av", "totalt", "sammanlagt"]}}, _DET, _COUNT,
                 dict(_PERSON, OP="?"), {"LOWER": {"IN": ["som", "st", "st."]}}],  # 'Av 27 som lämnat'
    # outcomes
    "count_then_outcome": [_COUNT, {"LOWER": {"IN": ["har", "hade", "personer", "deltagare"]},
                                    "OP": "{0,2}"},
                           {"LOWER": {"IN": ["fått", "fick", "börjat", "började", "gått", "gick",
                                             "kom", "kommit", "påbörjat", "påbörjade", "nått",
                                             "nådde", "arbetar", "studerar", "avslutades",
                                             "lämnade", "lämnat"]}}],  # '18 fått arbete'
    "verb_count_person_dest": [{"LOWER": {"IN": ["började", "börjat", "påbörjade", "fick", "fått",
                                                 "gick", "kom", "har", "hade"]}},
                               _COUNT, _ADJ, _PERSON],  # 'började 52 personer arbeta'
    "verb_count_dest": [{"LOWER": {"IN": ["erhöll", "fick", "fått", "gick", "kom"]}}, _COUNT,
                        {"LOWER": {"IN": ["direkt", "vidare", "ett", "en"]}, "OP": "?"},
                        {"LOWER": {"IN": ["arbete", "jobb", "anställning", "till"]}}],  # 'erhöll 9 arbete'
    "count_till": [_COUNT, {"LOWER": {"IN": ["vidare", "åter", "direkt"]}, "OP": "?"},
                   {"LOWER": "till"}],  # '14 till arbete och 6 till studier'
    "and_count_dest": [{"LOWER": {"IN": ["och", ","]}}, _COUNT, {"LOWER": {"IN": ["ett", "en"]}, "OP": "?"},
                       {"LOWER": {"IN": ["arbete", "jobb", "anställning", "utbildning", "studier",
                                         "praktik"]}}],  # 'fick 9 ett jobb och 5 ett arbete med …'
    "det_count_som": [{"LOWER": "det"}, _COUNT, {"LOWER": "som"}],  # 'var det elva som fick jobb'
    "count_of_count": [_COUNT, {"LOWER": "av"}, {"LOWER": {"IN": ["de", "dessa", "samtliga", "alla"]}},
                       _COUNT],  # 'För 33 av de 51 som avslutades …'
    "count_person_be_gender": [_COUNT, _ST, _ADJ, _PERSON, {"ORTH": ",", "OP": "?"}, _BE,
                               _GENDER],  # '101 personer, var kvinnor'
    "count_of_them_gender": [_COUNT, {"LOWER": "av"}, _THEM, dict(_BE, OP="?"),
                             _GENDER],  # '37 av dem kvinnor', 'Nitton av dem var kvinnor'
    "count_be_gender": [{"LOWER": {"IN": ["och", ","]}}, _COUNT, _BE, _GENDER],  # '… och 22 var män'
    "pct_of_gender": [_PCT, {"LOWER": "av"}, {"LOWER": {"IN": ["männen", "kvinnorna", "killarna",
                                                               "tjejerna"]}}],  # '32 procent av männen'
    "line_gender_count": [{"IS_PUNCT": True, "OP": "?"}, _GENDER, {"ORTH": ":", "OP": "?"},
                          _COUNT],  # '– kvinnor 52' on its own line under a total
    "line_till_count": [{"LOWER": "till"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"ORTH": ":"},
                        _COUNT],  # '•Till arbete: 8' in a slide's list
    "which_count_be_gender": [{"LOWER": "vilka"}, _COUNT, _BE, _GENDER],  # 'av vilka 27 är kvinnor'
    "gender_be_pct": [_GENDER, {"LOWER": {"IN": ["utgör", "utgjorde", "är", "var"]}},
                      {"LOWER": {"IN": ["alltså", "därmed", "nu", "då"]}, "OP": "?"},
                      _PCT],  # 'Kvinnorna utgör alltså 61 %'
    "count_new": [_COUNT, {"LOWER": {"IN": ["nya", "nyinskrivna", "nytillkomna"]}}],  # 'varav 9 nyinskrivna'
    "goal_count": [{"LOWER": {"IN": ["målet", "målsättningen"]}}, {"LOWER": {"IN": ["om", "var", "är",
                                                                                  "på"]}},
                   _COUNT],  # 'jämfört med målet om 80 per år'
    # parts
    "paren_count": [{"IS_ALPHA": True}, _OPEN, _COUNT, _CLOSE],  # 'socialtjänsten (19)'
    "count_income": [_COUNT, {"LOWER": {"IN": ["hade", "har", "uppbar", "fick", "var"]}, "OP": "?"},
                     {"LOWER": {"IN": ["försörjningsstöd", "sjukpenning", "aktivitetsersättning",
                                       "aktivitetsstöd", "sjukersättning", "sjukskrivna", "ingen"]}}],
}
OUTCOME_PATTERNS = {"count_till", "verb_count_dest", "count_then_outcome", "verb_count_person_dest",
                    "and_count_dest", "det_count_som"}
# Patterns a pattern with a person noun wins over, where they share a figure.
WEAK_PATTERNS = {"count_in_place", "bare_count", "and_count_has", "count_of_them", "count_paren_pct",
                 "pct_clause"}
# Patterns whose figure has no person noun: kept only where the sentence is about participants.
BARE_PATTERNS = {"count_in_place", "bare_count", "and_count_has", "count_of_them", "count_paren_pct",
                 "count_new",
                 "det_count_som", "count_of_count", "goal_count"}
SHARE_CUES = ("outcome", "income_support", "goal_reached")
PLAN_MEASURES = {"planned_enrolled", "planned_per_year", "target_group_size"}
# Cues that name their measure whatever stands nearer: 'Vid periodens slut stod 3 personer i kö'.
STRONG_CUES = ("queue", "goal_reached", "registered_elsewhere")
RANK = {measure: k for k, (measure, _) in enumerate(MEASURE_CUES)}
ORG_NOUNS = re.compile(r"^(?:(?i:socialtjänsten|psykiatrin|primärvården|vården|vårdcentralen"
                       r"|kommunen|regionen|arbetsförmedlingen|försäkringskassan|skolan)|[A-ZÅÄÖ][\w-]+)$")
BASE_BEFORE = re.compile(r"(?i)\bav\s+(?:de|dessa|totalt|samtliga|alla)?\s*$")
SUBSET = re.compile(r"(?i)^\s*(?:\w+\s+)?av\s+(?:totalt|de|dessa|samtliga|alla)?\s*\d")
BLAND = re.compile(r"(?i)\bbland\s+(kvinnorna|männen|kvinnor|män)\b")


@cache
def _matcher() -> Any:
    return build_matcher(PATTERNS)


@dataclass
class Mention:
    """A figure about people found by a pattern, before its measure is known."""

    pattern: str
    i: int  # token span of the pattern
    j: int
    q: int  # token index of the figure
    gender: str | None = None
    pct: int | None = None  # a share beside the count: '15 kvinnor (45%)'


def _mentions(tk: Tokens) -> list[Mention]:
    """Pattern matches as mentions, the longest winning where they overlap."""
    from spacy.util import filter_spans

    doc = tk.doc
    weak = WEAK_PATTERNS
    order = list(PATTERNS)
    names: dict[Any, str] = {}
    for mid, a, b in _matcher()(doc):
        name = doc.vocab.strings[mid]
        if name == "label_count" and (a > 3 or any(t._.qkind == "count" for t in doc[:a])):
            continue  # a label opens its field line
        old = names.get(doc[a:b])
        # one span, several patterns: a pattern with a person noun over a bare count, else the
        # one declared first
        if old is None or ((old in weak, order.index(old)) > (name in weak, order.index(name))):
            names[doc[a:b]] = name
    # Patterns with a person noun win over bare counts of the same figure.
    spans = filter_spans([sp for sp, n in names.items() if n not in weak])
    spans += [sp for sp in filter_spans([sp for sp, n in names.items() if n in weak])
              if not any(sp.start < o.end and o.start < sp.end for o in spans)]
    out = []
    for span in sorted(spans, key=lambda sp: sp.start):
        name = names[span]
        figs = [t.i for t in span if t._.qkind in ("count", "percent")]
        if not figs:
            continue
        genders = [GENDER_WORDS[t.lower_] for t in span if t.lower_ in GENDER_WORDS]
        gender = genders[0] if genders else None
        if span[-1].lower_ == "man" and name in ("count_gender", "pct_gender") \
                and not span[0]._.qty.is_word:
            continue  # '1 man' is the pronoun more often than a count
        q = figs[0]
        pct = next((t.i for t in span if t._.qkind == "percent" and t.i != q), None)
        out.append(Mention(name, span.start, span.end, q, gender, pct))
    return out


# --- reading a mention ---------------------------------------------------------------------------


@dataclass
class _State:
    """What one sentence leaves to the next: 'Av dessa var 14 kvinnor' splits the last head."""

    head: tuple[str, str | None, str | None, str | None] | None = None  # measure, category, period, subject
    outcome_category: str | None = None
    last_share: tuple[str, str | None] | None = None  # what the last share was of


@dataclass
class _Reader:
    """Reads one document's sentences into participant facts."""

    inp: ExtractionInput
    facts: list[Fact] = field(default_factory=list)
    state: _State = field(default_factory=_State)

    def add(self, s: Sentence, tk: Tokens, i: int, j: int, measure: str, value: float | None,
            unit: str, **kw: Any) -> None:
        """One fact, its evidence the tokens i..j of sentence s."""
        if value is None:
            return
        a, b = tk.chars(i, j)
        self.facts.append(Fact(type="participants", value=value, unit=unit, measure=measure,
                               evidence=self.inp.evidence(s.start + a, s.start + b),
                               **{k: v for k, v in kw.items() if v is not None}))


def _clause(tk: Tokens, k: int) -> tuple[int, int]:
    """The token span of the clause around token k."""
    doc = tk.doc

    def is_break(t: Any) -> bool:
        if t.text in ("–", "—"):  # a dash between words, not inside '2022–2023'
            return t.i > 0 and bool(doc[t.i - 1].whitespace_)
        return t.text in CLAUSE_BREAK_PUNCT or t.lower_ in CLAUSE_BREAK_WORDS

    a = k
    while a > 0 and not is_break(doc[a - 1]):
        a -= 1
    b = k + 1
    while b < len(doc) and not is_break(doc[b]):
        b += 1
    return a, b


def _text(s: Sentence, tk: Tokens, a: int, b: int) -> str:
    if a >= b:
        return ""
    x, y = tk.chars(a, b)
    return s.text[x:y]


def _own_words(s: Sentence, tk: Tokens, a: int, b: int, k: int) -> str:
    """The words of clause a..b that belong to figure k: from the figure before it to the next."""
    figs = [t.i for t in tk.doc[a:b] if t._.qkind in ("count", "percent")]
    lo = max((f for f in figs if f < k), default=a - 1) + 1
    hi = min((f for f in figs if f > k), default=b)
    return _text(s, tk, lo, hi)


def _cues(s: Sentence, tk: Tokens, a: int, b: int, k: int) -> list[tuple[int, int, str, int]]:
    """(distance, rank, measure, offset) of every cue within tokens a..b, relative to token k."""
    text = _text(s, tk, a, b)
    if not text:
        return []
    pos = tk.spans[k][0] - tk.spans[a][0]
    # a cue after another figure is that figure's: '63 varit inskrivna och 45 har avslutats'
    figures = [tk.spans[t.i][0] - tk.spans[a][0] for t in tk.doc[a:b]
               if t.i > k and t._.qkind == "count"
               and re.search(r"(?:\boch|,)\s*$", s.text[:tk.spans[t.i][0]])
               and re.match(r"\s+(?:har|hade|är|var|blev|kom|gick|fick|avslutades|skrevs)\b",
                            s.text[tk.spans[t.i][1]:])]
    out = []
    for measure, cue in MEASURE_CUES:
        for m in cue.finditer(text):
            if any(pos < f < m.start() for f in figures):
                continue
            out.append((min(abs(m.start() - pos), abs(m.end() - pos)), RANK[measure], measure,
                        m.start() - pos))
    return sorted(out)


def _nearest_cue(s: Sentence, tk: Tokens, a: int, b: int, k: int,
                 prefer: tuple[str, ...] = ()) -> str | None:
    """The measure of token k: a preferred or strong cue of its clause, else its nearest cue
    that is more than a plain total, else a total cue, else a cue earlier in the sentence
    ('När året slutade fanns 19 deltagare inskrivna' is enrolled_end, not total)."""
    cues = _cues(s, tk, a, b, k)
    totals = {m.group().lower() for m in MEASURE_CUES[-1][1].finditer(_text(s, tk, a, b))}
    if cues and all(c[2] == "total" for c in cues) and totals <= {"totalt", "sammanlagt"}:
        # '– totalt 212 personer –' in a sentence about those who ended: the sentence's own cue
        earlier = [c for c in _cues(s, tk, 0, len(tk.doc), k) if c[3] < 0 and c[2] != "total"]
        if earlier:
            return earlier[0][2]
    for group in ([c for c in cues if c[2] in prefer], [c for c in cues if c[2] in STRONG_CUES],
                  [c for c in cues if c[2] != "total"]):
        if group:
            return group[0][2]
    if cues:
        return "total"
    earlier = [c for c in _cues(s, tk, 0, len(tk.doc), k) if c[3] < 0 and c[2] != "total"]
    return earlier[0][2] if earlier else None


def _destination(rest: str) -> str | None:
    """The destination phrase at the start of `rest`: 'arbete eller studier', 'förvärvsarbete'."""
    rest = re.sub(r"(?i)^(?:(?:något|någon|ett|en)\s+av\s+)?(?:en|ett)?\s*", "", rest)  # 'ett arbete'
    # 'arbete eller börjat studera': one destination pair, the second verb left out
    rest = re.sub(r"(?i)^([\wåäö]+\s+(?:eller|och)\s+)(?:har\s+|hade\s+)?(?:börjat|började|påbörjat"
                  r"|påbörjade|fått|fick)\s+(?:en\s+|ett\s+)?(?=studera|studier|arbeta|arbete|jobb|utbildning)",
                  r"\1", rest)

    if not DESTINATION_WORDS.match(rest):
        return None
    either = re.match(r"(?i)[\wåäö]+(?:\s+med\s+eller\s+utan\s+[\wåäö]+|,?\s+helt\s+eller\s+delvis)", rest)
    if either:  # 'arbete med eller utan stöd', 'arbete, helt eller delvis'
        return either.group()
    words: list[str] = []
    for w in re.finditer(r"[\wåäöÅÄÖ-]+|[,.;:()]", rest):
        tail = rest[w.start():]
        if w.group() == "," and DESTINATION_WORDS.match(tail[1:].lstrip()):
            words.append(",")  # 'arbete, studier eller aktivt arbetssökande'
            continue
        if w.group() in ",.;:()" or CATEGORY_STOP.match(tail) or re.match(NUMERAL, w.group()):
            break
        if words and words[-1].lower() in {"och", "eller"} and w.group().lower() in {"en", "ett"}:
            continue  # 'ett arbete eller en utbildning'
        if words and words[-1].lower() in {"och", "eller"} and not DESTINATION_WORDS.match(tail):
            break
        if w.group().lower() in {"på", "hos", "vid", "inom"} and not re.match(
                r"\w+\s+[A-ZÅÄÖ]|på\s+den\s+(?:öppna|reguljära)\s+(?:arbets)?marknaden", tail):
            break  # 'studier på folkhögskola' ends at 'på'; 'arbetssökande på Arbetsförmedlingen' not
        words.append(w.group())
        if len(words) >= 6:
            break
    while words and words[-1].lower() in {"och", "eller", "i", "på", "en", "ett", "av", "med"}:
        words.pop()
    if not words:
        return None
    if words[0].lower() == "plugga":
        return "studier"  # 'börjat plugga'
    text = " ".join(words)
    return re.sub(r" (?=,)", "", text.replace(" , ", ", "))


def _first_destination(text: str) -> str | None:
    """The first destination a text names with no lead ('hade 38 procent arbete eller studier …')."""
    for w in re.finditer(r"(?i)\b(?=(?:arbete|jobb|studier|utbildning|sysselsättning|egen försörjning))",
                         text):
        found = _destination(text[w.start():])
        if found:
            return found
    return None


def _category(text: str, within: int = 10_000) -> str | None:
    """The destination of an outcome as the text words it, after its lead ('gått vidare till').

    `within`: how far into the text the lead may start (a lead far from a figure is another's).
    """
    form = re.search(r"(?i)\bi form av\s+", text[:within])  # 'en plats i form av studier'
    if form and _destination(text[form.end():]):
        return _destination(text[form.end():])
    for m in OUTCOME_LEADS.finditer(text):
        if m.start() >= within:
            break
        found = _destination(text[m.end():])
        if found:
            return found
    return None


def _activity(text: str) -> str | None:
    """The activity a clause names, in its noun form: 'arbetstränar' -> 'arbetsträning'."""
    word = re.search(r"(?i)arbetsträn\w*|praktik\w*|studiebesök", text)
    cat = word.group().lower() if word else None
    return "arbetsträning" if cat and cat.startswith("arbetsträn") else cat


def _income_category(text: str) -> str | None:
    """The kind of income support a text names first ('sjukpenning', 'saknar offentlig …')."""
    m = INCOME.search(text)
    if not m:
        return None
    word = m.group().lower()
    if word.startswith("ersättning"):  # 'ersättning från både regionen och kommunen'
        rest = re.match(r"[^,.;(]{3,60}", text[m.end():])
        both = re.sub(r"\s+från\s+", " ", word[len("ersättning"):] + (rest.group() if rest else ""))
        return both.strip() or None
    return INCOME_TYPES.get(word, m.group())


def _period(s: Sentence, tk: Tokens, a: int, b: int, k: int) -> str | None:
    """The year or years a figure is about: the nearest in its clause, else the sentence's."""
    def is_other(t: Any) -> bool:  # 'jämfört med 2019', 'sedan 2020': not the figure's year
        return re.search(r"(?i)(?:jämfört med|sedan|än|mot|från|före"
                         r"|sedan\s+(?:starten|start|projektstarten))\s*$",
                         s.text[:tk.spans[t.i][0]]) is not None

    years = [(abs(t.i - k), t) for t in tk.doc[a:b] if t._.qkind == "year" and not is_other(t)]
    if not years:
        years = [(0, t) for t in tk.doc if t._.qkind == "year" and not is_other(t)]
    if not years:
        return None
    q = min(years, key=lambda x: x[0])[1]._.qty
    return f"{int(q.value)}/{int(q.value_max)}" if q.value_max else str(int(q.value))


def _gender_near(s: Sentence, tk: Tokens, m: Mention, a: int) -> str | None:
    """A gender the clause gives a share that names none: 'Bland männen gick 41 procent'."""
    found = list(BLAND.finditer(_text(s, tk, a, m.q)))
    g = found[-1] if found else None  # 'bland männen 33 procent och bland kvinnorna 27 procent'
    if g:
        return "women" if g.group(1).lower().startswith("kvinn") else "men"
    if m.q > 0 and tk.doc[m.q - 1].text == "(":  # 'Kvinnorna nådde … (45 procent) än männen (38 procent)'
        before = s.text[:tk.spans[m.q - 1][0]]
        near = re.search(r"(?i)\b(kvinnorna|männen)\s*$", before) or re.match(r"(?i)\s*(kvinnorna|männen)\b",
                                                                               _text(s, tk, a, m.q))
        if near:
            return "women" if near.group(1).lower().startswith("kvinn") else "men"
    return None


def _is_excluded(s: Sentence, tk: Tokens, m: Mention, a: int, b: int) -> bool:
    """Audiences, changes, staff and boards: figures about people that are no participants."""
    doc = tk.doc
    if EVENT_WORDS.search(_text(s, tk, a, b)):
        return True
    nxt = {doc[k].lower_ for k in (m.q + 1, m.j) if k < len(doc)}
    if nxt & DELTA_AFTER or (m.j < len(doc) and doc[m.j].lower_ in NOT_PARTICIPANTS):
        return True  # '15 färre än', '350 handläggare'
    if DELTA_BEFORE.search(s.text[max(0, tk.spans[m.q][0] - 80):tk.spans[m.q][0]]):
        return True  # 'ökade med 25'
    if STAFF_AFTER.match(s.text[tk.spans[m.j - 1][1]:]):
        return True  # 'tre personer som arbetar i teamet'
    if m.pattern == "pct_clause" and any(ROLE_WORD.match(t.lower_) for t in doc[a:m.i]):
        return True  # 'en specialist på sjukpenning motsvarande 25 procent': a post, not a share
    near = {t.lower_ for t in doc[max(a, m.i - 3):min(b, m.j + 3)]}
    return bool(near & {"ledamöter", "styrelseledamöter", "personal"})


def _is_part_of_unknown_kind(s: Sentence, tk: Tokens, m: Mention) -> bool:
    """'42 individer av totalt 46', 'övriga 19 deltagare': a part the text does not name."""
    after = s.text[tk.spans[m.j - 1][1]:]
    before = s.text[:tk.spans[m.i][0]]
    return bool((m.pattern == "count_person" and SUBSET.match(after))
                or re.search(r"(?i)\bövriga\s+$", before))


def _is_base_of_share(s: Sentence, tk: Tokens, m: Mention) -> bool:
    """'Drygt hälften av de 80 deltagarna har fått arbete': 80 is the whole, not the outcome."""
    before = s.text[:tk.spans[m.i][0]]
    return bool(BASE_BEFORE.search(before)) and any(
        t._.qkind in ("count", "percent") for t in (*tk.doc[:m.i], *tk.doc[m.j:]))


def _measure(r: _Reader, s: Sentence, tk: Tokens, m: Mention, a: int, b: int,
             head: tuple[str, str | None] | None) -> tuple[str | None, str | None]:
    """Measure and category of a mention, from its pattern, its clause and what came before."""
    doc = tk.doc
    qk = doc[m.q]._.qkind
    clause = _text(s, tk, a, b)
    sent = s.text
    if m.pattern in OUTCOME_PATTERNS or m.pattern in ("count_of_people", "count_of_them",
                                                      "count_paren_pct"):
        b = _clause(tk, m.j)[1] if m.pattern == "count_paren_pct" and m.j < len(doc) else b
        cat = _destination(_text(s, tk, m.j, b)) if m.pattern in ("verb_count_person_dest",
                                                                   "count_of_people", "count_of_them") else \
            _destination(_text(s, tk, m.j - 1, b)) if m.pattern in ("verb_count_dest", "and_count_dest") \
            else None
        verb = doc[m.j - 1].lower_ if m.pattern == "count_then_outcome" else ""
        cat = cat or {"studerar": "studier", "arbetar": "arbete"}.get(verb) \
            or _category(_text(s, tk, m.q + 1, b), within=22)
        if cat:
            return "outcome", cat
        if m.pattern in ("count_till", "verb_count_dest", "and_count_dest"):
            return None, None
    if m.pattern == "and_count_has":  # 'och 38 har avslutats': the verb of its own clause
        return ("new" if doc[m.j - 1].lower_.startswith("skriv") else "ended"), None
    if m.pattern == "line_till_count":
        return "outcome", _destination(_text(s, tk, m.i + 1, m.j - 2))
    if m.pattern == "goal_count":  # 'jämfört med målet om 80 per år'
        per_year = PER_YEAR.search(_text(s, tk, m.j, min(len(doc), m.j + 4)))
        return ("planned_per_year" if per_year else "planned_enrolled"), None
    if m.pattern == "paren_count":
        cue = _nearest_cue(s, tk, 0, len(doc), m.q)
        return (cue, doc[m.i].text) if cue in ("referred_by", "income_support", "activity") else (None, None)
    if m.pattern == "count_income":
        return "income_support", _income_category(_text(s, tk, m.j - 1, b))
    if m.pattern == "count_in_place":  # 'varav 250 i Piteå', 'kom 29 från Lidköping'
        place = PLACE.match(sent[tk.spans[m.q][1]:])
        return (head[0] if head else "total"), place.group(1) if place else None
    if m.pattern == "count_event":
        word = doc[m.j - 1].lower_
        if word in ("inskrivningar", "nyinskrivningar") and _nearest_cue(s, tk, a, b, m.q) == "ended":
            return "ended", None  # 'Totalt avslutades 188 inskrivningar'
        return {"avslut": "ended", "remisser": "referred_by"}.get(word, "new"), (
            "intresseanmälningar" if word == "intresseanmälningar" else None)
    if m.pattern == "of_n_adj":
        word = doc[m.j - 1].lower_
        return {"avslutade": "ended", "nya": "new"}.get(word, "total"), None
    if m.pattern == "of_n_who":
        after = _cues(s, tk, m.j, min(len(doc), m.j + 5), m.j)
        after = [c for c in after if c[2] != "total"] or after  # 'som hade avslutat': ended
        if after:
            return after[0][2], None  # 'Av 27 som har lämnat insatsen'
    if m.pattern == "count_st":
        near = _cues(s, tk, m.q, min(len(doc), m.j + 6), m.q)
        if not near:
            return None, None
        if near[0][2] == "activity":
            return "activity", _activity(_text(s, tk, m.q, min(len(doc), m.j + 6)))
        return near[0][2], None
    if _is_base_of_share(s, tk, m):
        own = _text(s, tk, m.i, m.j)
        if re.search(r"(?i)\bny(?:a|inskrivna)\b", own):
            return "new", None  # 'Av de 19 nyinskrivna var elva kvinnor'
        return ("ended", None) if re.search(r"(?i)avslutade", own) else ("total", None)
    if m.pattern in ("label_count", "antal_be_count"):  # the label names the measure
        label = _text(s, tk, m.i, m.j)
        cue = next((flow for flow, p in FLOW if p.search(label)), None) \
            or _nearest_cue(s, tk, m.i, m.j, m.q) or "total"
        clause = _text(s, tk, m.i, m.j)
    else:
        # 'Tre av de nio avslutade har gått till arbete': the whole names its measure, the part another
        prefer = SHARE_CUES if qk == "percent" or m.pattern == "count_of_count" else ()
        cue = _nearest_cue(s, tk, a, b, m.q, prefer=prefer)
    if m.gender and head and cue in (None, "total", "new", "ended", "enrolled_start", "enrolled_end"):
        return head  # '64 inskrivna, därav 30 kvinnor'
    if cue == "outcome":
        own = _own_words(s, tk, a, b, m.q)
        cat = _category(own) or _first_destination(own[own.find(doc[m.q].text):] if doc[m.q].text in own
                                                   else own) or _category(clause) or _category(sent)
        return ("outcome", cat) if cat else (None, None)
    if qk == "percent" and re.search(r"(?i)\bmotsvarar\b.*\bav de avslutade", sent) \
            and r.state.outcome_category:
        return "outcome", r.state.outcome_category  # 'Det är 30 procent av de avslutade'
    if cue == "income_support":
        own = _own_words(s, tk, a, b, m.q)
        after = own[own.find(doc[m.q].text) + len(doc[m.q].text):] if doc[m.q].text in own else ""
        return "income_support", (_income_category(after) or _income_category(own)
                                  or _income_category(clause) or _income_category(sent))
    if cue == "activity":
        return "activity", _activity(clause)
    if cue == "referred_by":
        if re.search(r"(?i)egen anmälan|på egen hand|självanmälan", sent):
            return "referred_by", "egen anmälan"
        org = next((g.group(1) for g in re.finditer(r"(?:från|av)\s+([\wåäöÅÄÖ-]+)", clause)
                    if ORG_NOUNS.match(g.group(1))), None) or \
            (g.group(1) if (g := re.match(r"\s*([A-ZÅÄÖ][\w-]+)", clause)) and is_org(g.group(1)) else None)
        return "referred_by", org
    if cue == "registered_elsewhere":
        org = re.search(r"(?:hos|på|vid)\s+([A-ZÅÄÖ][\w-]+)", sent)
        return "registered_elsewhere", org.group(1) if org else None
    if cue == "new" and re.search(r"(?i)\bintresseanmälningar\b", clause):
        return "new", "intresseanmälningar"
    if cue == "new" and re.search(r"(?i)\bsökande\b", clause) \
            and not re.search(r"(?i)skrevs|skrivits", clause):
        return "new", "sökande"
    return cue, None


def _planned(s: Sentence, tk: Tokens, a: int, b: int, plan: bool, k: int,
             goal_list: bool = False) -> str | None:
    """'ska nå 400 personer', 'kunna hantera runt 30 inskrivna', 'uppskattas till 150–200'."""
    clause = _text(s, tk, a, b)
    sent = s.text
    per_year = PER_YEAR.search(_own_words(s, tk, a, b, k))
    if per_year and HABITUAL.search(clause):
        return "planned_per_year"
    if CAPACITY.search(clause) and (PLANNED.search(sent) or plan
                                    or re.search(r"(?i)\b(?:kan|kunna)\b", sent)):
        return "planned_per_year" if per_year else "planned_enrolled"
    if TARGET_GROUP.search(clause) or (TARGET_GROUP.search(sent) and not PLANNED.search(clause)):
        return "target_group_size"
    if PLANNED.search(clause) or GOAL_LEAD.match(sent) or (PLANNED.search(sent) and plan) or goal_list:
        return "planned_per_year" if per_year else "planned_enrolled"
    if re.search(r"(?i)\bper år\b|\bom året\b|\bårligen\b|(?<=\w)/\s*år\b", _own_words(s, tk, a, b, k)) \
            and not re.search(r"(?i)\b(?:deltog|deltagit|hade|har|var|skrevs|avslutades|tog)\b", clause):
        return "planned_per_year"  # '• ca 30 deltagare/år' in a plan's list
    return None


def _common_category(categories: list[str | None]) -> str | None:
    """What outcomes summed in one share have in common: 'arbete' of 'arbete med lönestöd' and
    'arbete på den öppna marknaden'; their only category when there is one."""
    named = [c for c in categories if c]
    if len(set(named)) <= 1:
        return named[0] if named else None
    words = {c.split()[0].lower() for c in named}
    if words & {"arbete", "jobb", "anställning", "arbeta"} and words & {"studier", "studera", "utbildning"}:
        return "arbete eller studier"  # '25 fått ett jobb och 11 påbörjat studier, sammanlagt 41 %'
    firsts = {c.split()[0].lower() for c in named}
    return named[0].split()[0] if len(firsts) == 1 else None


GOAL_HEADING = re.compile(r"(?i)^(?:mål|målen|målsättning\w*|delmål|mätbara mål|effektmål)\b")


def _is_under_goal_heading(inp: ExtractionInput, pos: int) -> bool:
    """Whether a line sits in a list under a goal heading ('Mål 2024' / '➤ 40 % till arbete')."""
    return bool(GOAL_HEADING.match(list_heading(inp, pos)))


def _is_about_people(s: Sentence, tk: Tokens, head: tuple[str, str | None] | None) -> bool:
    """Whether a sentence speaks of participants, so a bare count in it counts people."""
    return head is not None or any(t.lower_ in PERSON_NOUNS for t in tk.doc) or bool(
        re.search(r"(?i)\b(?:kommit|kom|skrivits|skrevs|tagits|togs)\s+in\b", s.text))


def _read_sentence(r: _Reader, s: Sentence) -> None:
    """Every participant figure of one sentence."""
    if s.is_row or s.text.count("|") >= 2:
        return  # table rows are read by the table readers
    tk = tokenize(s.text)
    doc = tk.doc
    plan = r.inp.is_plan()
    # The head a gender split or a 'varav' part belongs to: this sentence's first count, or the
    # last sentence's when this one opens 'Av dessa …'.
    carried = r.state.head if HEAD_OF_SPLIT.match(s.text.strip()) else None
    head: tuple[str, str | None] | None = carried[:2] if carried else None
    head_ctx: tuple[str | None, str | None] = (carried[2], carried[3]) if carried else (None, None)
    taken_ages = _ages(r, s, tk, plan)
    sentence_outcomes: list[str | None] = []
    last_outcome_end = 0
    for m in _mentions(tk):
        q = doc[m.q]._.qty
        if m.q in taken_ages:
            continue
        a, b = (0, len(doc)) if m.pattern == "label_count" else _clause(tk, m.q)  # a field is its clause
        if 1 < m.i and doc[m.i - 1].text == "(" and m.j + 1 < len(doc) and doc[m.j].text == ")" \
                and not _cues(s, tk, a, b, m.q):
            # 'Knappt hälften av deltagarna (29 personer) hade försörjningsstöd': the bracket's clause
            a, b = _clause(tk, m.i - 2)[0], _clause(tk, m.j + 1)[1]
        elif 1 < m.i and doc[m.i - 1].text == "," and m.j + 1 < len(doc) and doc[m.j].text == "," \
                and not _cues(s, tk, a, b, m.q):
            # 'Drygt hälften, 84 personer, hade försörjningsstöd': the clause after the apposition
            b = _clause(tk, m.j + 1)[1]
        elif m.j < len(doc) - 1 and doc[m.j].text == "(" and not _cues(s, tk, a, b, m.q):
            close = next((k for k in range(m.j, len(doc)) if doc[k].text == ")"), None)
            if close is not None and close + 1 < len(doc):  # '23 unga (13 killar och 10 tjejer) har …'
                b = _clause(tk, close + 1)[1]
        if _is_excluded(s, tk, m, a, b) or _is_part_of_unknown_kind(s, tk, m):
            continue
        if m.pattern in ("line_gender_count", "line_till_count") and m.i > 1:
            continue  # a field line's label opens its line
        if m.q == 0 and len(doc) <= 4 and doc[m.j - 1].is_title and not q.approx:
            continue  # '2 Deltagarna': a numbered section heading
        if m.pattern in BARE_PATTERNS and (not _is_about_people(s, tk, head or r.state.head)
                                           or MONEY_WORDS.search(_text(s, tk, a, b))):
            continue  # a bare figure counts people only where the sentence speaks of people
        is_share = doc[m.q]._.qkind == "percent"
        under_goal = _is_under_goal_heading(r.inp, s.start + tk.spans[m.q][0])
        gender = m.gender or (_gender_near(s, tk, m, a) if is_share else None)
        if gender and not m.gender:
            m.gender = gender
        measure, category = _measure(r, s, tk, m, a, b, head)
        if m.pattern == "count_in_place" and measure is None:
            continue
        if m.pattern in ("pct_clause", "pct_of_gender") and measure is None and m.gender \
                and r.state.last_share:
            measure, category = r.state.last_share  # 'Bland männen var andelen 37 procent …'
        elif m.pattern == "pct_clause" and measure is None and m.gender and r.state.outcome_category \
                and re.search(r"(?i)\bandelen\b", s.text):
            measure, category = "outcome", r.state.outcome_category  # after '12 fått arbete'
        lead = _text(s, tk, a, m.i)
        if sentence_outcomes and measure not in ("goal_reached", "income_support") \
                and RESTATE.match(lead) and len(lead.split()) <= 3:
            # '21 fått arbete och nio börjat studera – det är 30 personer, eller 68 procent'
            measure, category = "outcome", _common_category(sentence_outcomes)
        if m.pattern in ("pct_clause", "pct_of_gender"):
            if measure in SHARE_CUES and not GOAL_LEAD.match(s.text) and not PLANNED.search(
                    _text(s, tk, a, b)) and not under_goal and q.bound is None:  # 'Minst 35 %': a target
                r.add(s, tk, a, b, measure, q.value, "percent", category=category, gender=m.gender,
                      period=_period(s, tk, a, b, m.q))
                r.state.last_share = (measure, category)
                if measure == "outcome":
                    r.state.outcome_category = category
            continue
        if (is_share or ACHIEVED.search(s.text)) and PLANNED.search(_text(s, tk, a, b)):
            continue  # a target to reach ('30 % av deltagarna ska …'), read by the goal extractor
        if re.match(r"(?i)\W*av\s+\S+\s+\d", s.text) and m.i > 3 and PLANNED.search(_text(s, tk, a, b)):
            continue  # 'Av gruppens 50 deltagare ska 10 personer …': a target within a volume
        planned = None if is_share or m.gender else _planned(s, tk, a, b, plan, m.q, under_goal)
        if planned and measure in (None, "total", "new"):
            measure, category = planned, (category if m.pattern == "count_in_place" else None)
        elif measure is None and not m.gender and not is_share and \
                doc[m.j - 1].lower_ in PARTICIPANT_NOUNS:
            # 'Minst 50 deltagare' on its own is a target, not a count of who took part
            measure = "planned_enrolled" if plan or q.bound else "total"
        elif measure is None and m.gender:
            measure, category = head or ("total", None)  # 'Andelen kvinnor bland deltagarna'
        if measure == "new" and SINCE_START.search(s.text):
            measure = "total"  # 'Sedan starten har 57 personer skrivits in': all who took part
        if measure is None or (is_share and measure == "total" and not m.gender
                               and m.pattern != "pct_of_people"):
            continue
        if GOAL_LEAD.match(s.text) and (is_share or measure == "outcome" or not REACH.search(s.text)):
            continue  # a target to reach, read by the goal extractor; a volume to serve stays
        if (is_share or measure == "outcome") and under_goal:
            continue  # '➤ 40 % till arbete/studier' under 'Mål 2024': a target, not a result
        if plan and measure not in PLAN_MEASURES:
            continue  # a plan's figures of what others reported are not this insats' results
        if m.gender and sentence_outcomes and measure != "outcome" and re.search(
                r"(?i)\b(?:varav|därav)\b", s.text[last_outcome_end:tk.spans[m.q][0]]):
            measure, category = "outcome", sentence_outcomes[-1]  # '12 fick arbete, varav 7 kvinnor'
        named = re.match(r"^\s*[-•]?\s*(?P<name>[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ0-9][\wåäö.-]*)?)\s*:\s*$",
                         s.text[:tk.spans[m.i][0]])
        if named and measure == "total" and category is None and not m.gender and _is_named_list(r.inp, s) \
                and not re.match(
                r"(?i)(?:totalt|summa|deltagare|antal|inskrivna|nya|avslutade|varav|kvinnor|män|samtliga)\b",
                named.group("name")):
            category = named.group("name")  # 'Vägval: 36 deltagare' in a list of insatser
        if m.gender and head:
            period, subject = head_ctx
        else:
            period = _period(s, tk, a, b, m.q)
            subject = subject_of(s.text[:tk.spans[m.i][0]])
        if subject and is_place(subject) and category is None and measure == "total":
            category, subject = subject, None  # 'I våras tog Ljusdal emot 35 deltagare'
        if category is None and measure == "total" and not m.gender and head and \
                re.search(r"(?i)\b(?:inklusive|varav|därav)\b", s.text[:tk.spans[m.i][0]]):
            place = PLACE.match(s.text[tk.spans[m.j - 1][1]:])
            category = place.group(1) if place else None
        value_max = q.value_max if q.unit is None else None
        r.add(s, tk, m.i, m.j, measure, q.value, "percent" if is_share else "persons",
              gender=m.gender, category=category, value_max=value_max, period=period, subject=subject)
        if m.pct is not None:
            r.add(s, tk, m.i, m.j, measure, doc[m.pct]._.qty.value, "percent", gender=m.gender,
                  category=category, period=period, subject=subject)
        if measure == "outcome":
            r.state.outcome_category = category
            sentence_outcomes.append(category)
            if not m.gender:
                last_outcome_end = tk.spans[m.j - 1][1]
        if is_share:
            r.state.last_share = (measure, category)
        if head is None and not m.gender and not is_share and measure != "outcome" and not (
                measure == "referred_by" and category):
            head, head_ctx = (measure, category), (period, subject)
            r.state.head = (measure, category, period, subject)


NAMED_COUNT_LINE = re.compile(r"^\s*[-•]?\s*[A-ZÅÄÖ][\wåäö -]{1,30}:\s*\d[\d ]*\s+(?:deltagare|personer)\s*$")


def _is_named_list(inp: ExtractionInput, s: Sentence) -> bool:
    """Whether a 'Name: N deltagare' line stands in a list of such lines (one count per insats)."""
    text = inp.text
    before = text[:s.start].rstrip("\n").rsplit("\n", 1)[-1]
    after = text[s.end:].lstrip("\n").split("\n", 1)[0]
    return bool(NAMED_COUNT_LINE.match(s.text)) and any(NAMED_COUNT_LINE.match(x) for x in (before, after))


def _ages(r: _Reader, s: Sentence, tk: Tokens, plan: bool) -> set[int]:
    """Ages: target bands of a plan or description, and the mean, median, youngest and oldest."""
    doc = tk.doc
    taken: set[int] = set()
    other_project = plan and re.search(r"(?i)\bprojekt", nearest_heading(r.inp, s.start) or "")
    for t in doc:
        q = t._.qty
        if t._.qkind != "years" or q is None:
            continue
        a, b = _clause(tk, t.i)
        clause = _text(s, tk, a, b)
        before = s.text[:tk.spans[t.i][0]]
        single = q.value_max is None and q.bound is None
        if single and PUBLIC_SUPPORT.search(s.text):
            r.add(s, tk, a, b, "years_public_support", q.value, "years", gender=_gender_before(before))
            taken.add(t.i)
            continue
        if single and re.search(r"(?i)\b(?:i mer än|i över|i minst|i drygt|i knappt)\s+$", before[-30:]):
            continue  # '… utan arbete i mer än fem år': a duration, whatever statistic came before
        stat = _age_statistic(before)
        if stat and q.value_max is None and not plan:
            who = re.search(r"(?i)\bsom\s+((?:nådde|nått|uppnådde|gick|avslutades|fick)\b[^,.]{3,40}?)"
                            r"\s+(?:var|är|låg)\b", s.text)
            after = re.match(r"\s*(?:för|bland|hos)\s+(kvinn\w*|män\w*)", s.text[tk.spans[t.i][1]:])
            gender = ("women" if after.group(1).lower().startswith("kvinn") else "men") if after \
                else _gender_before(before)
            r.add(s, tk, a, b, stat, q.value, "years", gender=gender,
                  category=who.group(1) if who else None)
            taken.add(t.i)
            continue
        if single and re.search(r"(?i)\b(?:i mer än|i över|i minst|under|i|efter|på|om|sedan|varit"
                                r"|haft|inom)\s+$", before[-30:]):
            continue  # a duration, not an age
        if q.value_max is not None and not plan and (
                (OBSERVED_AGE.search(s.text) and "ålder" in s.text.lower())
                or re.match(r"\s*gam(?:la|mal)\b", s.text[tk.spans[t.i][1]:])):  # 'mellan 28 och 61 år gamla'

            r.add(s, tk, t.i, t.i + 1, "age_min", q.value, "years")
            r.add(s, tk, t.i, t.i + 1, "age_max", q.value_max, "years")
            taken.add(t.i)
            continue
        if other_project or not (TARGET_AGE.search(clause) or re.search(
                r"(?i)\b(?:riktar sig|vänder sig|målgrupp\w*)\b", before) or re.match(
                r"(?i)målgrupp", list_heading(r.inp, s.start) or nearest_heading(r.inp, s.start) or "")):
            continue  # '• 18–64 år' under 'Målgrupp' is the target band
        i, j = _age_span(tk, t.i)
        if q.value_max is not None and 10 <= q.value < q.value_max <= 110:
            r.add(s, tk, i, j, "target_age_min", q.value, "years")
            r.add(s, tk, i, j, "target_age_max", q.value_max, "years")
            taken.add(t.i)
        elif q.bound == "max" and 10 <= q.value <= 110:
            r.add(s, tk, i, j, "target_age_max", q.value, "years")
            taken.add(t.i)
        elif re.search(r"\b(?:från|över|äldre än|fyllt)\s+$", before[-20:]) and 14 <= q.value <= 70:
            r.add(s, tk, i, j, "target_age_min", q.value, "years")
            taken.add(t.i)
    for t in doc:  # 'den yngste var 19 år, den äldste 63': the second age without its unit
        before = s.text[:tk.spans[t.i][0]]
        stat = re.search(r"(?i)\b(?:den|de)\s+(äldst|yngst)[ae]?\s+(?:var\s+)?$", before)
        if t._.qkind == "count" and stat and re.search(r"\d\s*år\b", before):
            r.add(s, tk, t.i, t.i + 1, "age_max" if stat.group(1).lower() == "äldst" else "age_min",
                  t._.qty.value, "years")
            taken.add(t.i)
    return taken


def _age_statistic(before: str) -> str | None:
    """The age statistic named last before a figure: 'den yngsta var 19 år, den äldsta'."""
    best: tuple[int, str] | None = None
    for name, cue in AGE_CUES:
        for m in re.finditer(rf"(?i){cue}\w*", before):
            near = before[max(0, m.start() - 12):m.end() + 30]
            if name in ("age_mean", "age_median") and "ålder" not in near.lower():
                continue  # 'genomsnitt' of something else than age
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


def _age_span(tk: Tokens, k: int) -> tuple[int, int]:
    """The age band with the person noun before it: 'ungdomar 20–35 år'."""
    i = k
    if i > 0 and tk.doc[i - 1].lower_ in PERSON_NOUNS:
        i -= 1
    return i, k + 1


GENDER_RE = re.compile(r"(?i)\b(?:kvinn\w*|män|männen|manliga|tjejer|killar)\b")


def _gender_before(before: str) -> str | None:
    """The gender named nearest before a figure in its sentence ('för männen låg den på 33,5')."""
    found = list(GENDER_RE.finditer(before))
    if not found:
        return None
    last = found[-1]
    if re.search(r"[.;]", before[last.end():]) or len(before) - last.end() > 60:
        return None
    return "women" if last.group().lower().startswith("kvinn") else "men"


def _throughput(r: _Reader, s: Sentence, prev_time: bool) -> bool:
    """Throughput times in months, with gender splits in the same or the next sentence."""
    if not (THROUGHPUT.search(s.text) or (prev_time and GENDER_RE.search(s.text))):
        return False
    tk = tokenize(s.text)
    found = False
    for t in tk.doc:
        if t._.qkind == "months":
            a, b = _clause(tk, t.i)
            r.add(s, tk, a, b, "throughput_time", t._.qty.value, "months",
                  gender=_gender_before(s.text[:tk.spans[t.i][0]]))
            found = True
    return found


def _flows(r: _Reader, s: Sentence) -> bool:
    """'Deltagarantalet: vid starten 12, vid periodens slut 17'."""
    if "deltagarantal" not in s.text.lower():
        return False
    tk = tokenize(s.text)
    found = False
    for t in tk.doc:
        if t._.qkind != "count":
            continue
        pre = s.text[max(0, tk.spans[t.i][0] - 40):tk.spans[t.i][0]].lower()
        measure = "enrolled_start" if re.search(r"början|start", pre) else \
            "enrolled_end" if re.search(r"slut", pre) else None
        if measure:
            r.add(s, tk, t.i, t.i + 1, measure, t._.qty.value, "persons")
            found = True
    return found


def _income_lists(r: _Reader, s: Sentence) -> bool:
    """'11 med försörjningsstöd, 4 med sjukpenning och 2 med aktivitetsersättning …'."""
    if not INCOME.search(s.text):
        return False
    from rapidfuzz import fuzz, process

    keys = list(INCOME_TYPES)
    tk = tokenize(s.text)
    found = False
    for t in tk.doc:
        if t._.qkind not in ("count", "percent"):
            continue
        rest = s.text[tk.spans[t.i][1]:]
        if t._.qkind == "count":
            m = re.match(r"\s+(?:(?:deltagare|personer|individer)\s+)?(?:(?:har|hade|erhållit|har erhållit"
                         r"|uppbär|som har)\s+)?"
                         r"(?:ersättning i form av\s+)?([a-zåäö][a-zåäö -]{2,40}?)(?=,|\s+samt\s|\s+och\s|"
                         r"\.|$|\s+alls|\s+\()", rest)
            hit = process.extractOne(m.group(1), keys, scorer=fuzz.ratio, score_cutoff=80) if m else None
            if hit:
                r.add(s, tk, t.i, t.i + 1 + len(m.group(0).split()) // 4, "income_support",
                      t._.qty.value, "persons", category=INCOME_TYPES[hit[0]])
                found = True
        else:
            m = re.match(r"\s*([^,.]{3,80}?)(?=\s+och\s+\d|\s+samt\s|,|\.|$)", rest)
            if m and re.search(r"(?i)ersättning|försörjning|stöd|kassan|kommun|penning", m.group(1)):
                label = re.sub(r"\s+och$", "", m.group(1).strip())
                label = re.sub(r"^(?:har\s+)?ersättning\s+från\s+", "", label)
                label = re.sub(r"\s+i form av\s+(.+)$", r" (\1)", label)
                r.add(s, tk, t.i, t.i + 1, "income_support", t._.qty.value, "percent",
                      category=label)
                found = True
    return found


# What a list after a colon counts, by its lead: 'Remitterande part: Socialtjänsten 8, …'.
LIST_LEADS = (("referred_by", re.compile(r"(?i)remitt\w*|anvis\w*|aktualiser\w*|inflöde\s+per|hänvis\w*")),
              ("outcome", re.compile(r"(?i)avslutsorsak\w*|efter\s+avslut|vid\s+avslut"
                                     r"|gick\s+vidare\s+till")),
              ("income_support", re.compile(r"(?i)försörjning\w*|ersättning\w*")))
LIST_ITEM = re.compile(r"\s*(?P<label>[A-Za-zÅÄÖåäö][\wåäöÅÄÖ/ -]{1,40}?)\s+(?P<n>\d+)\s*(?P<pct>%|procent)?"
                       r"\s*(?:,|\s+och\s+|\s+samt\s+|\.?\s*$)")


def _label_lists(r: _Reader, s: Sentence) -> bool:
    """'Inflöde per remittent: Socialtjänsten 8, Försäkringskassan 5 och vården 2': one fact a label."""
    lead, colon, rest = s.text.partition(":")
    kind = next((k for k, p in LIST_LEADS if p.search(lead)), None) if colon else None
    if kind is None:
        return False
    items = []
    pos = 0
    while pos < len(rest) and (m := LIST_ITEM.match(rest, pos)):
        items.append(m)
        pos = m.end()
    if len(items) < 2 or rest[pos:].strip():
        return False
    tk = tokenize(s.text)
    base = len(lead) + 1
    for m in items:
        i = tk.token_at(base + m.start("label"))
        j = tk.token_at(base + m.end("n") - 1) + 1
        r.add(s, tk, i, j, kind, float(m.group("n")), "percent" if m.group("pct") else "persons",
              category=m.group("label").strip())
    return True


@register("participants")
def extract(inp: ExtractionInput) -> list[Fact]:
    """Every participant figure of the document, each with the clause it stands in."""
    r = _Reader(inp)
    prev_time = False
    report = not inp.is_plan()  # a plan has no outcomes, times or flows of its own yet
    for s in inp.sentences():
        if report:
            prev_time = _throughput(r, s, prev_time)
            if prev_time or _flows(r, s):
                continue
            if INCOME.search(s.text) and len(re.findall(r"\d+\s*(?:%|procent)?", s.text)) >= 3 \
                    and _income_lists(r, s):
                continue
            if _label_lists(r, s):
                continue
        _read_sentence(r, s)
    if report:
        r.facts.extend(read_tables(inp))
    return _merge_repeats(r.facts)


def _merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One figure stated twice, once with its period and once without, is one fact."""
    def key(f: Fact) -> tuple[Any, ...]:
        return (f.measure, f.value, f.value_max, f.unit, f.gender, f.category)

    dated = {key(f) for f in facts if f.period}
    return [f for f in facts if f.period or key(f) not in dated]
