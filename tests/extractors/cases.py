"""Invented sentences in the style of FINSAM documents, each with the facts it states.

Every text here is made up (projects, people, places and figures); none is taken from a
document of the corpus. The facts follow the contract of ../shared/gold/README.md and the
conventions of the hand-read gold in ../shared/real/gold:

- participants: a gender split or a percent beside a count is a fact of its own with the
  measure of the count it splits; `category` is set only for breakdowns (destination of an
  outcome, referring party, kind of income support, activity, a place), worded as the text
  words it; approximations ("drygt", "ett 40-tal") take the number stated; fractions in words
  are percent ("var tredje" = 33.3); an age band of the target group is two facts,
  target_age_min and target_age_max; a range is value/value_max.
- staffing: value and unit null where a role is named with no amount; "heltid" = 100 and
  "halvtid" = 50 percent; "tjänst", "årsarbetare" = fte; one fact per organisation of a list;
  a head count with no tjänstgöringsgrad is not an amount (at most optional, as fte).
- budget_line: whole kronor ("tkr", "mkr", "milj.", "miljarder" multiplied out); the label is
  the noun phrase that names the amount, without the amount, the year or a leading "varav";
  "varav" parts carry `parent`, the label of the whole.
- goal: the goal sentence; when one sentence states several goals ("Målen är att A och att
  B") each is a goal of its own, worded without the lead; a numeric target is `measurable`.
- traps: figures that are not facts of the four types (audiences, idioms, criteria, deltas,
  dates, phone and page numbers, counts of förbund or insatser, durations, board members).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    """One invented snippet and every fact of the four types it states."""

    text: str
    facts: tuple[dict[str, Any], ...] = ()
    optional: tuple[dict[str, Any], ...] = ()  # true but not required; predicting them is fine
    kind: str | None = None  # document kind when it matters (plans); None for reports and news


def _case(text: str, *facts: dict[str, Any], optional: tuple[dict[str, Any], ...] = (),
          kind: str | None = None) -> Case:
    return Case(text, tuple(facts), tuple(optional), kind)


C = _case


def P(measure: str, value: float, unit: str = "persons", **kw: Any) -> dict[str, Any]:
    """A participants fact (gender=, category=, value_max=, subject=)."""
    return {"type": "participants", "measure": measure, "value": value, "unit": unit, **kw}


def S(role: str | None, organisation: str | None, value: float | None = None,
      unit: str | None = None, **kw: Any) -> dict[str, Any]:
    """A staffing fact (person=)."""
    return {"type": "staffing", "role": role, "organisation": organisation, "value": value,
            "unit": unit, **kw}


def B(label: str, kind: str, value: float, **kw: Any) -> dict[str, Any]:
    """A budget line in whole kronor (parent=, column=, period=)."""
    return {"type": "budget_line", "label": label, "kind": kind, "value": value, "unit": "SEK",
            **kw}


def G(level: str, text: str, value: float | None = None, unit: str | None = None,
      **kw: Any) -> dict[str, Any]:
    """A goal (value_max= for a range)."""
    return {"type": "goal", "level": level, "text": text, "value": value, "unit": unit, **kw}


W, M = {"gender": "women"}, {"gender": "men"}
PLAN, APPL, VP, DESC = "insatsplan", "ansökan", "verksamhetsplan", "insatsbeskrivning"

# --------------------------------------------------------------------------------------------
PARTICIPANTS: list[Case] = [
    # totals, with the genre's verbs and number formats
    C("Under 2023 deltog 48 personer i Steget, varav 27 kvinnor och 21 män.",
      P("total", 48), P("total", 27, **W), P("total", 21, **M)),
    C("Totalt har 112 deltagare tagit del av insatsen Bron sedan starten.",
      P("total", 112)),
    C("Sammanlagt 2 450 invånare har fått stöd genom förbundets individinriktade insatser "
      "under året.",
      P("total", 2450)),
    C("Under perioden har 12\u00a0300 individer registrerats i uppföljningssystemet SUS.",
      P("total", 12300)),
    C("Tjugo ungdomar har varit inskrivna i Lotsen under hösten.",
      P("total", 20)),
    C("Kompassen har under året haft tolv deltagare, fyra kvinnor och åtta män.",
      P("total", 12), P("total", 4, **W), P("total", 8, **M)),
    C("Sjuttio personer har fått stöd av Fyren sedan projektstarten.",
      P("total", 70)),
    C("Under projekttiden har tvåhundra unga vuxna deltagit i Språnget.",
      P("total", 200)),
    C("Ankaret har arbetat med ca 140 deltagare under 2022.",
      P("total", 140)),
    C("Cirka 85 personer har deltagit i Trappan i Tranås under året.",
      P("total", 85)),
    C("Drygt 300 deltagare har fått stöd genom insatsen, varav knappt hälften kvinnor.",
      P("total", 300), P("total", 50, "percent", **W)),
    C("Nästan 400 individer har tagit del av Vägen vidare under de två första åren.",
      P("total", 400)),
    C("Runt 90 deltagare har fått stöd av Lotsen under första halvåret.",
      P("total", 90)),
    C("Ungefär 250 personer har varit inskrivna i Delta sedan uppstarten 2021.",
      P("total", 250)),
    C("Över 1 100 personer har deltagit i förbundets insatser under 2022.",
      P("total", 1100)),
    C("Uppemot 500 unga har fått stöd av Ledstången sedan den startade.",
      P("total", 500)),
    C("Ett 40-tal deltagare har under våren haft kontakt med teamet i Ockelbo.",
      P("total", 40)),
    C("Ett sjuttiotal personer har deltagit i Nystart under året, de flesta med "
      "försörjningsstöd.",
      P("total", 70)),
    C("Ett hundratal unga vuxna har tagit del av Framåt sedan hösten 2020.",
      P("total", 100)),
    C("Ett femtiotal unga vuxna har deltagit i Startpunkten under året.",
      P("total", 50)),
    C("Under perioden hade Kompassen 64 inskrivna deltagare, fördelat på 38 kvinnor "
      "respektive 26 män.",
      P("total", 64), P("total", 38, **W), P("total", 26, **M)),
    C("Av de 52 deltagarna i Horisont var 30 kvinnor (58 %) och 22 män (42 %).",
      P("total", 52), P("total", 30, **W), P("total", 58, "percent", **W),
      P("total", 22, **M), P("total", 42, "percent", **M)),
    C("Under 2024 fick 187 individer stöd av teamen i Bollnäs och Ovanåker.",
      P("total", 187)),
    C("Sedan starten 2019 har 1 350 personer deltagit i Navet.",
      P("total", 1350)),
    C("Totalt 210 inskrivna under året, en ökning jämfört med 2022.",
      P("total", 210)),
    C("Under året har 130 umeåbor fått stöd genom förbundets insatser.",
      P("total", 130)),
    C("Drygt 60 sandvikenbor har deltagit i Vägen vidare.",
      P("total", 60)),
    C("Andelen kvinnor bland deltagarna var 61 procent.",
      P("total", 61, "percent", **W)),
    C("Sju av tio deltagare i Trappan är kvinnor.",
      P("total", 70, "percent", **W)),
    C("Under året har 90 personer varit inskrivna; 55 procent var kvinnor.",
      P("total", 90), P("total", 55, "percent", **W)),
    C("Antal deltagare 2023: 74",
      P("total", 74)),
    C("Resultat hösten\n42 st deltagare\n17 st i arbetsträning",
      P("total", 42), P("activity", 17, category="arbetsträning")),
    C("Inskrivna totalt:\n58\nVarav kvinnor:\n31\nVarav män:\n27",
      P("total", 58), P("total", 31, **W), P("total", 27, **M)),
    C("Av deltagarna fanns 42 i Kalix, 31 i Haparanda och 17 i Övertorneå.",
      P("total", 42, category="Kalix"), P("total", 31, category="Haparanda"),
      P("total", 17, category="Övertorneå")),
    C("Under året har Bron haft 77 deltagare. Av dem kom 29 från Lidköping.",
      P("total", 77), P("total", 29, category="Lidköping")),
    # new, ended, queue, enrolled at start and end
    C("Under året skrevs 36 nya deltagare in i Bron.",
      P("new", 36)),
    C("Under hösten har 18 personer skrivits in, 11 kvinnor och 7 män.",
      P("new", 18), P("new", 11, **W), P("new", 7, **M)),
    C("Hittills har hundra deltagare skrivits in i Navet 2.0.",
      P("new", 100)),
    C("Antalet sökande till Språnget var 95, och av dem skrevs 60 in.",
      P("new", 60),
      optional=(P("new", 95, category="sökande"),)),
    C("Insatsen planerades för 40 deltagare men hittills har 29 skrivits in.",
      P("planned_enrolled", 40), P("new", 29)),
    C("Totalt avslutades 41 deltagare under 2023.",
      P("ended", 41)),
    C("Under första halvåret har 23 deltagare avslutats i Ledstången, 13 kvinnor och 10 män.",
      P("ended", 23), P("ended", 13, **W), P("ended", 10, **M)),
    C("Vid årsskiftet stod 14 personer på väntelistan till Bron.",
      P("queue", 14)),
    C("I december väntade sex personer på att få en plats i teamet.",
      P("queue", 6)),
    C("Vid periodens start fanns 22 deltagare i insatsen och vid dess slut 27.",
      P("enrolled_start", 22), P("enrolled_end", 27)),
    C("Den 31 december hade insatsen 33 inskrivna personer: 19 kvinnor och 14 män.",
      P("enrolled_end", 33), P("enrolled_end", 19, **W), P("enrolled_end", 14, **M)),
    C("Knappt 60 personer var inskrivna i Horisont när året var slut.",
      P("enrolled_end", 60)),
    # outcomes, with the category as the text words it
    C("Av de 41 som avslutades under året gick 14 till arbete och 6 till studier.",
      P("ended", 41), P("outcome", 14, category="arbete"),
      P("outcome", 6, category="studier")),
    C("Av de avslutade deltagarna har 38 procent kommit ut i arbete eller studier.",
      P("outcome", 38, "percent", category="arbete eller studier")),
    C("Nio deltagare har fått anställning efter avslutad insats.",
      P("outcome", 9, category="anställning")),
    C("Under 2023 har 16 deltagare börjat arbeta eller studera efter tiden i Fyren.",
      P("outcome", 16, category="arbeta eller studera")),
    C("Femton av deltagarna arbetar eller studerar i dag.",
      P("outcome", 15, category="arbetar eller studerar")),
    C("Efter avslutad insats hade 12 personer nått egen försörjning.",
      P("outcome", 12, category="egen försörjning")),
    C("Sju deltagare avslutades som arbetssökande.",
      P("outcome", 7, category="arbetssökande")),
    C("Hälften av deltagarna som avslutades under 2022 gick till arbete eller studier.",
      P("outcome", 50, "percent", category="arbete eller studier")),
    C("Drygt hälften av de 80 deltagarna i Bron har fått arbete.",
      P("total", 80), P("outcome", 50, "percent", category="arbete")),
    C("Var tredje deltagare i Lotsen har gått vidare till studier.",
      P("outcome", 33.3, "percent", category="studier")),
    C("Bland männen gick 41 procent till arbete, bland kvinnorna 33 procent.",
      P("outcome", 41, "percent", category="arbete", **M),
      P("outcome", 33, "percent", category="arbete", **W)),
    C("Tre deltagare har påbörjat studier på folkhögskola.",
      P("outcome", 3, category="studier")),
    C("Efter avslut gick 8 till arbete, 5 till studier och 4 till annan insats.",
      P("outcome", 8, category="arbete"), P("outcome", 5, category="studier"),
      P("outcome", 4, category="annan insats")),
    C("Av 60 avslutade deltagare har 21 (35 %) gått till arbete.",
      P("ended", 60), P("outcome", 21, category="arbete"),
      P("outcome", 35, "percent", category="arbete")),
    C("Under perioden nådde 35 % av de avslutade deltagarna insatsens mål.",
      P("goal_reached", 35, "percent")),
    # referrals, income support, activities
    C("Flest deltagare har remitterats från socialtjänsten (19), följt av Försäkringskassan "
      "(11) och primärvården (4).",
      P("referred_by", 19, category="socialtjänsten"),
      P("referred_by", 11, category="Försäkringskassan"),
      P("referred_by", 4, category="primärvården")),
    C("Arbetsförmedlingen har anvisat 27 av deltagarna.",
      P("referred_by", 27, category="Arbetsförmedlingen")),
    C("Fjorton personer har kommit till Fyren genom egen anmälan.",
      P("referred_by", 14, category="egen anmälan")),
    C("Remitterande part\tAntal\nSocialtjänsten\t17\nPsykiatrin\t6\nFörsäkringskassan\t5",
      P("referred_by", 17, category="Socialtjänsten"),
      P("referred_by", 6, category="Psykiatrin"),
      P("referred_by", 5, category="Försäkringskassan")),
    C("En fjärdedel av deltagarna hade aktivitetsersättning vid inskrivningen.",
      P("income_support", 25, "percent", category="aktivitetsersättning")),
    C("Två av tre deltagare hade försörjningsstöd när de skrevs in.",
      P("income_support", 66.7, "percent", category="försörjningsstöd")),
    C("Av de inskrivna hade 45 % sjukpenning och 30 % försörjningsstöd.",
      P("income_support", 45, "percent", category="sjukpenning"),
      P("income_support", 30, "percent", category="försörjningsstöd")),
    C("Bland deltagarna hade 22 försörjningsstöd, 8 sjukpenning och 3 aktivitetsersättning.",
      P("income_support", 22, category="försörjningsstöd"),
      P("income_support", 8, category="sjukpenning"),
      P("income_support", 3, category="aktivitetsersättning")),
    C("Fem deltagare saknade offentlig försörjning.",
      P("income_support", 5, category="saknade offentlig försörjning")),
    C("Var femte deltagare hade sjukersättning.",
      P("income_support", 20, "percent", category="sjukersättning")),
    C("Under året har 23 deltagare haft arbetsträning hos en arbetsgivare.",
      P("activity", 23, category="arbetsträning")),
    C("Elva deltagare har gjort praktik inom kommunens verksamheter.",
      P("activity", 11, category="praktik")),
    C("Nio av deltagarna var samtidigt inskrivna på Arbetsförmedlingen.",
      P("registered_elsewhere", 9, category="Arbetsförmedlingen")),
    # ages, times, years of public support
    C("Medelåldern bland deltagarna var 34,5 år.",
      P("age_mean", 34.5, "years")),
    C("Genomsnittsåldern var 31 år för kvinnorna och 29 år för männen.",
      P("age_mean", 31, "years", **W), P("age_mean", 29, "years", **M)),
    C("Åldern bland deltagarna sträckte sig från 17 till 63 år.",
      P("age_min", 17, "years"), P("age_max", 63, "years")),
    C("Medianåldern låg på 27 år.",
      P("age_median", 27, "years")),
    C("Den genomsnittliga tiden i insatsen var 11 månader.",
      P("throughput_time", 11, "months")),
    C("Deltagarna hade i snitt levt på offentlig försörjning i 7,5 år vid inskrivningen.",
      P("years_public_support", 7.5, "years")),
    # plans: target ages, planned reach, target group size
    C("Lotsen vänder sig till unga mellan 16–29 år som står utanför både jobb och skola.",
      P("target_age_min", 16, "years"), P("target_age_max", 29, "years"), kind=DESC),
    C("Målgrupp: Personer 18 - 64 år med behov av samordnat stöd.",
      P("target_age_min", 18, "years"), P("target_age_max", 64, "years"), kind=DESC),
    C("Insatsen riktar sig till kvinnor och män mellan 20 och 30 år i Ljusdal.",
      P("target_age_min", 20, "years"), P("target_age_max", 30, "years"), kind=PLAN),
    C("Bron är till för unga upp till 29 år med neuropsykiatriska svårigheter.",
      P("target_age_max", 29, "years"), kind=DESC),
    C("Teamet tar emot personer från 18 år som har sjukersättning eller "
      "aktivitetsersättning.",
      P("target_age_min", 18, "years"), kind=DESC),
    C("Målgruppen är personer i åldern 25–64 år som har varit sjukskrivna länge.",
      P("target_age_min", 25, "years"), P("target_age_max", 64, "years"), kind=APPL),
    C("Projektet ska nå 400 personer i de fyra kommunerna.",
      P("planned_enrolled", 400), kind=APPL,
      optional=(G("measurable", "Projektet ska nå 400 personer i de fyra kommunerna.", 400,
                  "persons"),)),
    C("Minst 60 deltagare ska skrivas in under projekttiden.",
      P("planned_enrolled", 60), kind=PLAN,
      optional=(G("measurable", "Minst 60 deltagare ska skrivas in under projekttiden.", 60,
                  "persons"),)),
    C("Insatsen beräknas ta emot 45 personer under 2025.",
      P("planned_enrolled", 45), kind=VP, optional=(P("planned_per_year", 45),)),
    C("Planerat antal deltagare:\n120",
      P("planned_enrolled", 120), kind=APPL),
    C("Under projektperioden beräknas 80–120 personer delta.",
      P("planned_enrolled", 80, value_max=120), kind=APPL),
    C("Totalt ska 900 deltagare skrivas in, varav 250 i Piteå.",
      P("planned_enrolled", 900), P("planned_enrolled", 250, category="Piteå"), kind=APPL,
      optional=(G("measurable", "Totalt ska 900 deltagare skrivas in", 900, "persons"),)),
    C("Det nya ESF-projektet Horisont väntas nå omkring 320 unga i länet.",
      P("planned_enrolled", 320, subject="Horisont")),
    C("Insatsen har plats för 15 deltagare åt gången.",
      P("planned_enrolled", 15), kind=PLAN),
    C("Teamet har kapacitet att ta emot 35 nya deltagare per år.",
      P("planned_per_year", 35), kind=PLAN),
    C("Årligen beräknas cirka 80 personer påbörja insatsen.",
      P("planned_per_year", 80), kind=VP),
    C("Målgruppen uppskattas till 150–200 personer i Hudiksvall.",
      P("target_group_size", 150, value_max=200), kind=DESC),
    C("Enligt kartläggningen finns det omkring 600 unga i kommunen som saknar både "
      "jobb och studieplats.",
      P("target_group_size", 600), kind=APPL),
    C("Uppskattningsvis ett hundratal personer i Vimmerby skulle kunna ha nytta av "
      "insatsen, och 30 av dem beräknas delta i den.",
      P("target_group_size", 100), P("planned_enrolled", 30), kind=APPL),
    # more of each pattern: counts with 'st', of them, shares by gender, labels and parts
    C("Sammanställning våren\n64 st deltagare\n19 st har praktik",
      P("total", 64), P("activity", 19, category="praktik")),
    C("Av de 28 inskrivna har 12 av dem börjat studera på komvux.",
      P("total", 28), P("outcome", 12, category="studera")),
    C("Vid årets början fanns 16 (55 %) kvinnor och 13 (45 %) män i Trampsteget.",
      P("enrolled_start", 16, **W), P("enrolled_start", 55, "percent", **W),
      P("enrolled_start", 13, **M), P("enrolled_start", 45, "percent", **M)),
    C("Vid årets slut var 21 deltagare inskrivna, av dessa var 9 (43 %) kvinnor och 12 (57 %) män.",
      P("enrolled_end", 21), P("enrolled_end", 9, **W), P("enrolled_end", 43, "percent", **W),
      P("enrolled_end", 12, **M), P("enrolled_end", 57, "percent", **M)),
    C("Totalt deltog 41 personer, 17 kvinnor (41 %) och 24 män (59 %).",
      P("total", 41), P("total", 17, **W), P("total", 41, "percent", **W), P("total", 24, **M),
      P("total", 59, "percent", **M)),
    C("Under hösten skrevs 26 personer in, varav 15 kvinnor och 11 män.",
      P("new", 26), P("new", 15, **W), P("new", 11, **M)),
    C("Av de nya deltagarna var 60 procent män.",
      P("new", 60, "percent", **M)),
    C("Bland de inskrivna i Lyftet har 48 procent varit kvinnor.",
      P("total", 48, "percent", **W)),
    C("Under året hade teamet 80 deltagare; 45 procent var män och 55 procent var kvinnor.",
      P("total", 80), P("total", 45, "percent", **M), P("total", 55, "percent", **W)),
    C("Fyra av tio deltagare i Brobygget är män.",
      P("total", 40, "percent", **M)),
    C("Av 35 avslutade har 14 (40 %) börjat arbeta.",
      P("ended", 35), P("outcome", 14, category="arbeta"), P("outcome", 40, "percent", category="arbeta")),
    C("Antalet deltagare i Kliv under 2024 uppgick till 57.",
      P("total", 57)),
    C("Av 30 som avslutades under våren gick 11 till studier.",
      P("ended", 30), P("outcome", 11, category="studier")),
    C("Totalt 46 st har deltagit i gruppverksamheten.",
      P("total", 46)),
    C("Till Vändpunkten har 90 personer remitterats, varav 20 från Försäkringskassan.",
      P("referred_by", 90), P("referred_by", 20, category="Försäkringskassan")),
    C("Av deltagarna kom flest via socialtjänsten (22) och psykiatrin (9).",
      P("referred_by", 22, category="socialtjänsten"), P("referred_by", 9, category="psykiatrin")),
    C("Vid inskrivningen hade 14 försörjningsstöd och 6 sjukersättning.",
      P("income_support", 14, category="försörjningsstöd"),
      P("income_support", 6, category="sjukersättning")),
    C("Under året registrerades 41 nyinskrivningar och 38 avslut i Vägvisaren.",
      P("new", 41), P("ended", 38)),
    C("Teamet tog emot 57 intresseanmälningar under hösten.",
      optional=(P("new", 57, category="intresseanmälningar"),)),
    C("Under 2023 har 150 invånare fått stöd, inklusive 40 deltagare i Alvesta.",
      P("total", 150), P("total", 40, category="Alvesta")),
]

# --------------------------------------------------------------------------------------------
STAFFING: list[Case] = [
    C("Projektledaren arbetar på 50 % och är anställd av Arvika kommun.",
      S("projektledare", "Arvika kommun", 50, "percent")),
    C("I teamet ingår en samordnare på 75 procent från Försäkringskassan.",
      S("samordnare", "Försäkringskassan", 75, "percent")),
    C("Koordinatorn är anställd på heltid av samordningsförbundet.",
      S("koordinator", "samordningsförbundet", 100, "percent")),
    C("En handläggare från Arbetsförmedlingen arbetar halvtid i Bron.",
      S("handläggare", "Arbetsförmedlingen", 50, "percent")),
    C("Kommunen bidrar med 1,5 tjänst som arbetskonsulent.",
      S("arbetskonsulent", "Kommunen", 1.5, "fte")),
    C("Insatsen bemannas med två årsarbetare, båda coacher anställda av Mjölby kommun.",
      S("coacher", "Mjölby kommun", 2, "fte")),
    C("Region Värmland bidrar med en arbetsterapeut på 50 %.",
      S("arbetsterapeut", "Region Värmland", 50, "percent")),
    C("Handläggare från Försäkringskassan, socialtjänsten och psykiatrin ingår i teamet.",
      S("handläggare", "Försäkringskassan"), S("handläggare", "socialtjänsten"),
      S("handläggare", "psykiatrin")),
    C("Arbetsförmedlingen 1 arbetsförmedlare 50 %\nFörsäkringskassan 1 personlig "
      "handläggare 50 %\nKommunen 1 socialsekreterare 100 %\nRegionen 1 kurator 40 %",
      S("arbetsförmedlare", "Arbetsförmedlingen", 50, "percent"),
      S("personlig handläggare", "Försäkringskassan", 50, "percent"),
      S("socialsekreterare", "Kommunen", 100, "percent"),
      S("kurator", "Regionen", 40, "percent"), kind=PLAN),
    C("Förbundschefen är anställd på heltid av Samordningsförbundet Södra Norrbotten.",
      S("förbundschef", "Samordningsförbundet Södra Norrbotten", 100, "percent")),
    C("Förbundet har anställt en processledare på 80 procent.",
      S("processledare", "Förbundet", 80, "percent")),
    C("Socialsekreteraren är utlånad från Ockelbo kommun på 60 procent.",
      S("socialsekreterare", "Ockelbo kommun", 60, "percent")),
    C("En SE-handledare på heltid är anställd av Lidköpings kommun.",
      S("SE-handledare", "Lidköpings kommun", 100, "percent")),
    C("Studie- och yrkesvägledaren från Vuxenutbildningen arbetar 20 procent i projektet.",
      S("studie- och yrkesvägledare", "Vuxenutbildningen", 20, "percent")),
    C("Kuratorn från vårdcentralen deltar 16 timmar per månad.",
      S("kurator", "vårdcentralen", 16, "hours_per_month")),
    C("Arbetsförmedlingen avsätter 8 timmar i månaden för teamets ärendedragningar.",
      S(None, "Arbetsförmedlingen", 8, "hours_per_month")),
    C("Projektledare är Maria Strand, anställd av Härnösands kommun på 100 procent.",
      S("projektledare", "Härnösands kommun", 100, "percent", person="Maria Strand")),
    C("Teamet består av en projektledare, två coacher och en arbetsterapeut.",
      S("projektledare", None), S("coacher", None), S("arbetsterapeut", None),
      optional=(S("coacher", None, 2, "fte"),)),
    C("Utlånad från Försäkringskassan finns en rehabkoordinator på 25 %.",
      S("rehabkoordinator", "Försäkringskassan", 25, "percent")),
    C("Psykiatrin bidrar med en sjuksköterska på 30 procent och en psykolog på 20 procent.",
      S("sjuksköterska", "Psykiatrin", 30, "percent"),
      S("psykolog", "Psykiatrin", 20, "percent")),
    C("Den personella resursen i insatsen motsvarar 3,5 årsarbetare.",
      S(None, None, 3.5, "fte"), kind=PLAN),
    C("Vägen vidare leds av en verksamhetsledare på 100 % och har fyra jobbcoacher på "
      "vardera 75 %.",
      S("verksamhetsledare", None, 100, "percent"), S("jobbcoacher", None, 75, "percent")),
    C("Bemanning:\nSamordnare, Samordningsförbundet Ljusnan, 100 %\nArbetsförmedlare, "
      "Arbetsförmedlingen, 50 %",
      S("Samordnare", "Samordningsförbundet Ljusnan", 100, "percent"),
      S("Arbetsförmedlare", "Arbetsförmedlingen", 50, "percent"), kind=PLAN),
    C("Hälsopedagog: 0,5 tjänst (Region Jämtland Härjedalen)",
      S("Hälsopedagog", "Region Jämtland Härjedalen", 0.5, "fte"), kind=PLAN),
    C("Två arbetsförmedlare från Arbetsförmedlingen arbetar heltid i teamet.",
      S("arbetsförmedlare", "Arbetsförmedlingen", 2, "fte")),
    C("Insatsen har en samordnare som delas med Fyren.",
      S("samordnare", None)),
    C("Arbetsterapeuten Karin Öberg från Region Kronoberg arbetar 40 procent i insatsen.",
      S("arbetsterapeut", "Region Kronoberg", 40, "percent", person="Karin Öberg")),
    C("Lars Nyberg är förbundschef för Samordningsförbundet Tornedalen.",
      S("förbundschef", "Samordningsförbundet Tornedalen", person="Lars Nyberg")),
    C("– Vi ser ett stort intresse från arbetsgivarna, säger Eva Sund, förbundschef i "
      "Samordningsförbundet Kustlandet.",
      optional=(S("förbundschef", "Samordningsförbundet Kustlandet", person="Eva Sund"),)),
    C("Projektet bemannas av en projektledare på 50 %, en arbetskonsulent på 100 % och en "
      "administratör på 20 %.",
      S("projektledare", None, 50, "percent"), S("arbetskonsulent", None, 100, "percent"),
      S("administratör", None, 20, "percent"), kind=APPL),
    C("Försäkringskassan deltar med en handläggare motsvarande 0,2 årsarbetare.",
      S("handläggare", "Försäkringskassan", 0.2, "fte")),
    C("Från Arbetsförmedlingen kommer en arbetsförmedlare på 80 procent och från kommunen "
      "en arbetsmarknadssekreterare på heltid.",
      S("arbetsförmedlare", "Arbetsförmedlingen", 80, "percent"),
      S("arbetsmarknadssekreterare", "kommunen", 100, "percent")),
    C("Socialtjänsten i Tierp avsätter en halvtidstjänst som socialsekreterare.",
      S("socialsekreterare", "Socialtjänsten i Tierp", 50, "percent")),
    C("Coachen, som är anställd av Enköpings kommun, arbetar 90 % med deltagarna.",
      S("coach", "Enköpings kommun", 90, "percent")),
    C("Ungdomscoach\t100 %\tVärnamo kommun\nStudievägledare\t50 %\tVärnamo kommun",
      S("Ungdomscoach", "Värnamo kommun", 100, "percent"),
      S("Studievägledare", "Värnamo kommun", 50, "percent"), kind=PLAN),
    C("Personal i insatsen: en projektledare (heltid) och en jobbcoach (halvtid).",
      S("projektledare", None, 100, "percent"), S("jobbcoach", None, 50, "percent"),
      kind=PLAN),
    C("Rehabiliteringssamordnaren från vårdcentralen i Eksjö har tio timmar i månaden "
      "avsatta för teamet.",
      S("rehabiliteringssamordnare", "vårdcentralen i Eksjö", 10, "hours_per_month")),
    C("Teamet har en psykolog från barn- och ungdomspsykiatrin på 20 procent.",
      S("psykolog", "barn- och ungdomspsykiatrin", 20, "percent")),
    C("I Kompassen arbetar ett tiotal handläggare från kommunen och Arbetsförmedlingen "
      "sida vid sida.",
      S("handläggare", "kommunen"), S("handläggare", "Arbetsförmedlingen"),
      optional=(S("handläggare", None, 10, "fte"),)),
    C("Verksamhetsledaren Johan Falk är anställd av Kristinehamns kommun.",
      S("verksamhetsledare", "Kristinehamns kommun", person="Johan Falk")),
]

# --------------------------------------------------------------------------------------------
BUDGET: list[Case] = [
    C("Medelstilldelningen för 2024 uppgår till 4 200 000 kronor.",
      B("Medelstilldelningen", "income", 4_200_000), kind=VP),
    C("Total projektbudget:\n3 400 000",
      B("Total projektbudget", "total_cost", 3_400_000), kind=APPL),
    C("Beviljat ESF-stöd:\n1 850 000",
      B("Beviljat ESF-stöd", "income", 1_850_000), kind=APPL),
    C("Navet 2.0 har en total budget på 2,4 mkr, varav kommunernas andel är 600 tkr.",
      B("total budget", "total_cost", 2_400_000),
      B("kommunernas andel", "income", 600_000, parent="total budget")),
    C("Total budget1 250 000 kr",
      B("Total budget", "total_cost", 1_250_000), kind=APPL),
    C("Beviljade medel: 4, 5 Mkr",
      B("Beviljade medel", "income", 4_500_000)),
    C("Kommunens bidrag är 750.000 kr per år.",
      B("Kommunens bidrag", "income", 750_000)),
    C("Intäkter totalt: 5 640 tkr",
      B("Intäkter totalt", "total_income", 5_640_000)),
    C("Kostnader totalt: 5 210 tkr",
      B("Kostnader totalt", "total_cost", 5_210_000)),
    C("Årets resultat blev 430 tkr.",
      B("Årets resultat", "subtotal", 430_000)),
    C("Årets resultat uppgick till -215 000 kr.",
      B("Årets resultat", "subtotal", -215_000)),
    C("Eget kapital vid årets slut var 1,9 mkr.",
      B("Eget kapital", "subtotal", 1_900_000)),
    C("Den statliga andelen uppgår till 2 100 000 kr.",
      B("statliga andelen", "income", 2_100_000)),
    C("Personal\t1 450 000\nLokaler\t180 000\nÖvrigt\t95 000\nSumma kostnader\t1 725 000",
      B("Personal", "cost", 1_450_000), B("Lokaler", "cost", 180_000),
      B("Övrigt", "cost", 95_000), B("Summa kostnader", "total_cost", 1_725_000), kind=PLAN),
    C("Post\tBudget 2024\tUtfall 2024\nPersonal\t900 000\t870 500\nResor\t40 000\t12 300",
      B("Personal", "cost", 900_000, column="Budget 2024"),
      B("Personal", "cost", 870_500, column="Utfall 2024"),
      B("Resor", "cost", 40_000, column="Budget 2024"),
      B("Resor", "cost", 12_300, column="Utfall 2024")),
    C("Finansiering från samordningsförbundet: 850 000 kr",
      B("Finansiering från samordningsförbundet", "income", 850_000), kind=PLAN),
    C("Parternas samlade bidrag är 12,5 miljoner kronor per år.",
      B("Parternas samlade bidrag", "total_income", 12_500_000)),
    C("Budgeten är 9,6 milj. kr för hela projekttiden.",
      B("Budgeten", "total_cost", 9_600_000), kind=APPL),
    C("Det statliga anslaget är 0,4 miljarder kronor per år.",
      B("statliga anslaget", "total_income", 400_000_000)),
    C("Beviljat belopp: 2 750 000 SEK",
      B("Beviljat belopp", "income", 2_750_000)),
    C("Intäkterna uppgick 2023 till 7,3 Mkr och kostnaderna till 7,9 Mkr.",
      B("Intäkterna", "total_income", 7_300_000), B("kostnaderna", "total_cost", 7_900_000)),
    C("De totala kostnaderna beräknas till 14,2 mkr, varav ESF-stödet utgör 6,4 mkr.",
      B("totala kostnaderna", "total_cost", 14_200_000),
      B("ESF-stödet", "income", 6_400_000, parent="totala kostnaderna"), kind=APPL),
    C("Total budget för Kompassen: 3,6 mkr, varav 1,2 mkr från förbundet.",
      B("Total budget", "total_cost", 3_600_000),
      B("från förbundet", "income", 1_200_000, parent="Total budget")),
    C("Förbundet har ett eget kapital på 2 450 000 kronor.",
      B("eget kapital", "subtotal", 2_450_000)),
    C("Projektbudget: 750 000 kr/år",
      B("Projektbudget", "total_cost", 750_000), kind=APPL),
    C("Årlig medlemsavgift per kommun: 125 000 kr",
      B("Årlig medlemsavgift per kommun", "income", 125_000), kind=VP),
    C("Bron får 7 820 000 kronor i ESF-stöd.",
      B("ESF-stöd", "income", 7_820_000)),
    C("Projektets omsättning: 22 miljoner kronor under tre år.",
      B("Projektets omsättning", "total_cost", 22_000_000)),
    C("Lönekostnader\t2 310 000\nLokalhyra\t240 000",
      B("Lönekostnader", "cost", 2_310_000), B("Lokalhyra", "cost", 240_000), kind=PLAN),
    C("Övriga kostnader: 145 tkr",
      B("Övriga kostnader", "cost", 145_000), kind=PLAN),
    C("Kommunernas andel är 25 procent, vilket motsvarar 1 150 000 kr.",
      B("Kommunernas andel", "income", 1_150_000), kind=VP),
    C("Bidrag från samordningsförbundet 2024: 1,35 mkr",
      B("Bidrag från samordningsförbundet", "income", 1_350_000), kind=PLAN),
    C("Budgeterat resultat för 2025 är 0 kr.",
      B("Budgeterat resultat", "subtotal", 0), kind=VP),
    C("Staten\t2 000 000\nRegion Gävleborg\t1 000 000\nKommunerna\t"
      "1 000 000\nSumma intäkter\t4 000 000",
      B("Staten", "income", 2_000_000), B("Region Gävleborg", "income", 1_000_000),
      B("Kommunerna", "income", 1_000_000), B("Summa intäkter", "total_income", 4_000_000),
      kind=VP),
    C("Förbundets budget för 2025 är 6,8 mkr.",
      B("Förbundets budget", "total_income", 6_800_000), kind=VP),
    C("Medlemsavgiften från regionen är 1 050 000 kr.",
      B("Medlemsavgiften från regionen", "income", 1_050_000), kind=VP),
    C("Kostnader för insatser: 3 100 tkr",
      B("Kostnader för insatser", "cost", 3_100_000)),
    C("Beviljade medel till Ledstången: 640 000 kr för 2024.",
      B("Beviljade medel till Ledstången", "income", 640_000)),
    C("Summa personalkostnader\t1 980 tkr",
      B("Summa personalkostnader", "subtotal", 1_980_000), kind=PLAN),
    C("Verksamhetens intäkter 2023: 6 120 000 kr. Verksamhetens kostnader 2023: "
      "5 870 000 kr.",
      B("Verksamhetens intäkter", "total_income", 6_120_000),
      B("Verksamhetens kostnader", "total_cost", 5_870_000)),
]

# --------------------------------------------------------------------------------------------
GOALS: list[Case] = [
    C("Målet är att minst 40 procent av deltagarna ska ha kommit i arbete eller studier "
      "efter avslutad insats.",
      G("measurable", "Målet är att minst 40 procent av deltagarna ska ha kommit i arbete "
        "eller studier efter avslutad insats.", 40, "percent"), kind=PLAN),
    C("Vårt mål är att varje deltagare ska få en tydlig plan för sin väg mot egen "
      "försörjning.",
      G("overall", "Vårt mål är att varje deltagare ska få en tydlig plan för sin väg mot "
        "egen försörjning.")),
    C("Projektets mål är att stärka samverkan mellan myndigheterna kring unga med psykisk "
      "ohälsa i Härnösand.",
      G("overall", "Projektets mål är att stärka samverkan mellan myndigheterna kring unga "
        "med psykisk ohälsa i Härnösand."), kind=APPL),
    C("Syftet med insatsen är att ge personer med långvarigt försörjningsstöd ett "
      "samordnat stöd mot arbete.",
      G("purpose", "Syftet med insatsen är att ge personer med långvarigt försörjningsstöd "
        "ett samordnat stöd mot arbete."), kind=PLAN),
    C("Kompassen syftar till att korta tiden i utanförskap för unga vuxna som saknar "
      "sysselsättning.",
      G("purpose", "Kompassen syftar till att korta tiden i utanförskap för unga vuxna som "
        "saknar sysselsättning.")),
    C("Målen är att 35 procent ska börja arbeta eller studera och att "
      "25 procent ska bli aktivt arbetssökande.",
      G("measurable", "35 procent ska börja arbeta eller studera", 35,
        "percent"),
      G("measurable", "25 procent ska bli aktivt arbetssökande", 25, "percent"), kind=APPL),
    C("Minst 25 deltagare ska ha fått en anställning när projektet avslutas.",
      G("measurable", "Minst 25 deltagare ska ha fått en anställning när projektet "
        "avslutas.", 25, "persons"), kind=APPL),
    C("Mål: 60 procent av deltagarna ska ha förbättrad hälsa vid avslut",
      G("measurable", "60 procent av deltagarna ska ha förbättrad hälsa vid avslut", 60,
        "percent"), kind=DESC),
    C("Mål: Att minst 200 personer får stöd under projekttiden",
      P("planned_enrolled", 200),
      optional=(G("measurable", "Att minst 200 personer får stöd under projekttiden", 200,
                  "persons"),)),
    C("Det individuella målet är att deltagaren ska komma närmare arbetsmarknaden utifrån "
      "sina egna förutsättningar.",
      G("individual", "Det individuella målet är att deltagaren ska komma närmare "
        "arbetsmarknaden utifrån sina egna förutsättningar."), kind=PLAN),
    C("Delmål 1: Alla deltagare ska ha en individuell handlingsplan inom en månad.",
      G("sub", "Alla deltagare ska ha en individuell handlingsplan inom en månad."),
      kind=PLAN),
    C("Indikatorer:\n- Att deltagarna upplever att de blir bemötta med respekt\n- Att "
      "deltagarna känner större tilltro till sin egen förmåga",
      G("indicator", "Att deltagarna upplever att de blir bemötta med respekt"),
      G("indicator", "Att deltagarna känner större tilltro till sin egen förmåga"),
      kind=PLAN),
    C("Syftet är att utveckla en gemensam arbetsmodell för tidig upptäckt av unga som "
      "riskerar att hamna utanför.",
      G("purpose", "Syftet är att utveckla en gemensam arbetsmodell för tidig upptäckt av "
        "unga som riskerar att hamna utanför.")),
    C("Insatsens övergripande mål är att fler invånare ska klara sin egen försörjning.",
      G("overall", "Insatsens övergripande mål är att fler invånare ska klara sin egen "
        "försörjning."), kind=PLAN),
    C("Målet är att 10–15 deltagare per år ska gå vidare till reguljär utbildning.",
      G("measurable", "Målet är att 10–15 deltagare per år ska gå vidare till reguljär "
        "utbildning.", 10, "persons", value_max=15), kind=PLAN),
    C("Målet är att ingen deltagare ska vänta mer än två månader på att få börja.",
      G("measurable", "Målet är att ingen deltagare ska vänta mer än två månader på att få "
        "börja.", 2, "months"), kind=PLAN),
    C("Verksamhetens mål för 2025: andelen deltagare som går till egen försörjning ska öka "
      "till 30 procent.",
      G("measurable", "andelen deltagare som går till egen försörjning ska öka till 30 "
        "procent", 30, "percent"), kind=VP),
    C("För den enskilde deltagaren är målet ökad arbetsförmåga och stärkt självkänsla.",
      G("individual", "För den enskilde deltagaren är målet ökad arbetsförmåga och stärkt "
        "självkänsla."), kind=DESC),
    C("Syftet med Bron är att skapa en smidigare övergång från skola till arbetsliv för "
      "elever med funktionsnedsättning.",
      G("purpose", "Syftet med Bron är att skapa en smidigare övergång från skola till "
        "arbetsliv för elever med funktionsnedsättning.")),
    C("Långsiktigt mål: Fler invånare i Vimmerby ska nå egen försörjning.",
      G("overall", "Fler invånare i Vimmerby ska nå egen försörjning."), kind=VP),
    C("Målet är att hälften av deltagarna ska ha påbörjat arbetsträning inom sex månader.",
      G("measurable", "Målet är att hälften av deltagarna ska ha påbörjat arbetsträning "
        "inom sex månader.", 50, "percent"), kind=PLAN),
    C("Delmålen är att utveckla rutiner för gemensam kartläggning och att utbilda "
      "personalen i motiverande samtal.",
      G("sub", "utveckla rutiner för gemensam kartläggning"),
      G("sub", "utbilda personalen i motiverande samtal"), kind=PLAN),
    C("Målet för 2025 är att 90 personer ska delta i insatsen.",
      P("planned_enrolled", 90), kind=VP,
      optional=(G("measurable", "Målet för 2025 är att 90 personer ska delta i insatsen.",
                  90, "persons"),)),
    C("Minst 70 procent av deltagarna ska uppleva att de fått ett bättre bemötande.",
      G("measurable", "Minst 70 procent av deltagarna ska uppleva att de fått ett bättre "
        "bemötande.", 70, "percent"), kind=PLAN),
    C("Vårt mål är att sju av tio deltagare ska ha en planerad sysselsättning vid avslut.",
      G("measurable", "Vårt mål är att sju av tio deltagare ska ha en planerad "
        "sysselsättning vid avslut.", 70, "percent"), kind=PLAN),
    C("Projektet syftar till att pröva IPS-metoden för personer med sjukersättning i "
      "Kristinehamn.",
      G("purpose", "Projektet syftar till att pröva IPS-metoden för personer med "
        "sjukersättning i Kristinehamn."), kind=APPL),
    C("Projektets övergripande mål är att minska antalet unga i långvarigt utanförskap i "
      "kommunen.",
      G("overall", "Projektets övergripande mål är att minska antalet unga i långvarigt "
        "utanförskap i kommunen."), kind=APPL),
    C("Syfte:\nAtt erbjuda ett sammanhållet stöd till personer med samsjuklighet.",
      G("purpose", "Att erbjuda ett sammanhållet stöd till personer med samsjuklighet."),
      kind=DESC),
    C("Målsättningen är att 20 deltagare ska vara i arbete eller studier tolv månader efter "
      "avslut.",
      G("measurable", "Målsättningen är att 20 deltagare ska vara i arbete eller studier "
        "tolv månader efter avslut.", 20, "persons"), kind=PLAN),
    C("Insatsen Trappan ska hjälpa föräldralediga kvinnor med försörjningsstöd att närma "
      "sig arbetsmarknaden.",
      optional=(G("overall", "Insatsen Trappan ska hjälpa föräldralediga kvinnor med "
                  "försörjningsstöd att närma sig arbetsmarknaden."),)),
    C("Lyftet har som mål att halvera väntetiden till det första samtalet.",
      G("overall", "Lyftet har som mål att halvera väntetiden till det första samtalet.")),
    C("Förbundet har som målsättning att fler unga ska hitta en väg tillbaka till studier.",
      G("overall", "Förbundet har som målsättning att fler unga ska hitta en väg tillbaka till "
        "studier."), kind=VP),
    C("Delmålet för året är att alla deltagare ska ha en kontaktperson hos varje part.",
      G("sub", "Delmålet för året är att alla deltagare ska ha en kontaktperson hos varje part."),
      kind=VP),
    C("Insatsens syfte är att samla stödet kring unga med sjukersättning i Kalmar.",
      G("purpose", "Insatsens syfte är att samla stödet kring unga med sjukersättning i Kalmar."),
      kind=DESC),
    C("Projektets syfte är att pröva arbetsträning i föreningslivet för långtidsarbetslösa.",
      G("purpose", "Projektets syfte är att pröva arbetsträning i föreningslivet för "
        "långtidsarbetslösa."), kind=APPL),
    C("– Vi ska stödja varje deltagare hela vägen till en anställning, säger verksamhetsledaren.",
      G("overall", "Vi ska stödja varje deltagare hela vägen till en anställning, säger "
        "verksamhetsledaren.")),
    C("Vi ska erbjuda ett samlat stöd där deltagaren inte behöver berätta sin historia flera gånger.",
      G("overall", "Vi ska erbjuda ett samlat stöd där deltagaren inte behöver berätta sin historia "
        "flera gånger.")),
    C("Fyren syftar till att deltagarna ska få bättre hälsa. Målet är att minst 30 procent "
      "ska ha en sysselsättning ett år efter avslut.",
      G("purpose", "Fyren syftar till att deltagarna ska få bättre hälsa."),
      G("measurable", "Målet är att minst 30 procent ska ha en sysselsättning ett år efter "
        "avslut.", 30, "percent"), kind=DESC),
]

# --------------------------------------------------------------------------------------------
TRAPS: list[Case] = [
    C("Ett hundratal deltagare kom till konferensen om samverkan i Uddevalla."),
    C("Handledarna ställer upp till hundra procent för varje deltagare.",
      optional=(S("handledare", None),)),
    C("Det krävs hundra procent engagemang från alla parter för att lyckas."),
    C("För att delta ska man ha varit arbetslös i minst 12 månader.", kind=DESC),
    C("Antalet deltagare ökade med 25 jämfört med föregående år."),
    C("Det var 15 färre nya deltagare än förra året."),
    C("Kostnaderna minskade med 10 procent jämfört med budget."),
    C("Se sidan 14 för en sammanställning av deltagarnas ersättningar."),
    C("Kontakt: 0650-123 45 eller via e-post."),
    C("Styrelsemötet hölls den 14 mars 2024 i Sandviken."),
    C("Org.nr: 556812-3344"),
    C("Förbundet bildades 2019."),
    C("Besöksadress: Storgatan 12, 871 31 Härnösand"),
    C("42 av landets förbund använder indikatorenkäterna."),
    C("Under året finansierade förbunden 1 200 insatser."),
    C("Teamet har arbetat tillsammans i mer än fem år."),
    C("Projektet pågår under tre år."),
    C("Styrelsen består av sex ledamöter och sex ersättare."),
    C("Kostnaden för de tre anställda belastar kommunens budget."),
    C("Utbildningsinsatsen nådde 350 handläggare och chefer hos parterna.",
      optional=(P("activity", 350, category="utbildningsinsatsen"),)),
    C("Jämfört med 2022 minskade antalet avslutade med 12 personer."),
    C("Ordförande i förbundet är Anders Lund (S), kommunalråd i Boden."),
    C("Idag finns det 76 samordningsförbund som omfattar 270 kommuner."),
    C("Deltagarna kan vara i insatsen i högst 18 månader.", kind=DESC),
    C("Ungefär 40 procent av enkätsvaren kom från personal hos parterna."),
    C("Intresset var stort: över 60 personer anmälde sig till frukostseminariet."),
    C("Den samhällsekonomiska vinsten beräknas till 18 miljoner kronor."),
    C("Medfinansieringsgrad från ESF:\n50 %", kind=APPL),
    C("I enkäten svarade 212 deltagare och de flesta var nöjda med bemötandet."),
    C("Förbundet har under året sammanträtt sju gånger."),
    C("Projektnummer: 2023/00517", kind=APPL),
    C("Rapporten omfattar perioden 2023-01-01–2023-06-30 och är 24 sidor lång."),
    C("Sedan 2010 har kommunen varit medlem i förbundet."),
    C("Vi hoppas att fler ska hitta till oss under året."),
    C("I det tidigare projektet Pilen deltog 48 personer.",
      optional=(P("total", 48, subject="Pilen"),)),
    C("Andelen kvinnor bland förbundets styrelseledamöter är 60 procent."),
    C("Insatsen Bron startade 2021 och är en fortsättning på Steget."),
    C("För att bli aktuell krävs en remiss från minst två av parterna.", kind=DESC),
    C("Sjukskrivningstalet i kommunen ligger på 11,2 dagar per invånare."),
]

GROUPS: dict[str, list[Case]] = {
    "participants": PARTICIPANTS, "staffing": STAFFING, "budget": BUDGET, "goals": GOALS,
    "traps": TRAPS,
}
