"""Generated documents of the genre (invented text): plans and reports of invented insatser over
several years, with planted problems, for the report test and the report screenshots.

Every name, sentence and figure here is made up; the generator is seeded, so a batch is the same
each time. `write_batch` returns what was planted, so tests can check that it is found.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

STEMS = ("Kompassen", "Bryggan", "Fyren", "Ledstången", "Vägvisaren", "Startpunkten", "Kajen",
         "Ankaret", "Brobygget", "Trappan")
PLACES = ("Ekvik", "Norrby", "Lövsjö", "Granhult", "Bäckeby", "Tallmo", "Sjöhaga", "Videbo", "Åsvik",
          "Kvarnvik", "Lindmo", "Rönnås", "Stenbacka", "Ljungdal", "Björkvik", "Mossåker", "Ängshult")
ROLES = ("samordnare", "coach", "arbetskonsulent", "studie- och yrkesvägledare")
OUTCOMES = ("arbete", "studier", "arbetsträning", "annan insats")


@dataclass
class Planted:
    """What a batch was made to contain, for the tests to look for."""

    groups: dict[str, list[str]] = field(default_factory=dict)  # insats -> file names, in time order
    funding_differs: list[str] = field(default_factory=list)  # insatser whose report restates it
    below_plan: list[str] = field(default_factory=list)
    staffing_changed: list[str] = field(default_factory=list)
    hostile: str = ""  # file name of the document with markup in its name and text


def _n(v: int) -> str:
    return f"{v:,}".replace(",", " ")


def plan_text(insats: str, place: str, year: int, per_year: int, staff: dict[str, int],
              funding: int, total: int) -> str:
    """An insatsplan: who it is for, how many, who works in it, what it costs."""
    roles = "\n".join(f"Kommun\t{r} {p} %" for r, p in staff.items())
    return f"""Insatsplan för {insats}

Samordningsförbundet {place}
Start: {year}-01-01

Bakgrund
I {place} finns många unga vuxna som står långt från arbetsmarknaden. Förbundets parter
Arbetsförmedlingen, Försäkringskassan och {place}s kommun vill pröva ett gemensamt arbetssätt.

Målgrupp och omfattning
Insatsen beräknas ta emot {per_year} deltagare per år. Målgruppen är personer mellan 18 och 29 år.

Syftet med insatsen är att deltagarna ska närma sig arbete eller studier.

Bemanning
Teamet består av följande:

{roles}

Budget {year}
Intäkter
Finansiering från samordningsförbundet\t{_n(funding)}
Totalt intäkter\t{_n(funding)}
Kostnader
Personal\t{_n(total - 60000)}
Lokaler\t{_n(60000)}
Totalt kostnader\t{_n(total)}
"""


def report_text(insats: str, place: str, year: int, women: int, men: int, stated_total: int,
                staff: dict[str, int], funding: int | None, budget: int, outcome: int,
                outcomes: dict[str, int]) -> str:
    """A helårsrapport: participants by gender, outcomes, staffing, budget against outcome."""
    staffing = " ".join(f"{r.capitalize()} har arbetat {p} % under året." for r, p in staff.items())
    ended = sum(outcomes.values())
    parts = [f"{v} till {k}" for k, v in outcomes.items()]
    went = ", ".join(parts[:-1]) + f" och {parts[-1]}"
    money = (f"\nIntäkter\nFinansiering från samordningsförbundet\t{_n(funding)}\n"
             f"Summa intäkter\t{_n(funding)}\n" if funding else "\n")
    return f"""Helårsrapport {year}
{insats}

Samordningsförbundet {place}
Period: {year}0101–{year}1231
Datum: {year + 1}-02-15

Deltagare
Antal deltagare totalt under perioden var {stated_total}. Av dessa var {women} kvinnor och {men} män.

Under året avslutades {ended} deltagare. Av de avslutade gick {went}.

Personal
{staffing}

Ekonomi
{money}
Kostnader\tBudget {year}\tUtfall {year}
Personal\t{_n(budget - 60000)}\t{_n(outcome - 50000)}
Lokaler\t{_n(60000)}\t{_n(50000)}
Summa kostnader\t{_n(budget)}\t{_n(outcome)}
"""


def write_batch(dest: Path, count: int = 100, seed: int = 14) -> Planted:
    """Write `count` documents under dest: insatser with a plan and two reports, then single ones."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    planted = Planted()
    names = [(s, p) for p in PLACES for s in STEMS]
    rng.shuffle(names)
    written = 0
    k = 0
    while written + 3 <= count - 4:
        stem, place = names[k]
        k += 1
        insats = f"{stem} {place}"
        year = rng.randrange(2015, 2022)
        per_year = rng.randrange(20, 60)
        staff = {r: rng.choice((50, 75, 100)) for r in rng.sample(ROLES, 2)}
        funding = rng.randrange(8, 20) * 100_000
        total = funding
        files = []
        slug = f"{stem.lower()}-{place.lower()}".translate(str.maketrans("åäö", "aao"))
        p = dest / f"{slug}-{year}-plan.txt"
        p.write_text(plan_text(insats, place, year, per_year, staff, funding, total), "utf-8")
        files.append(p.name)
        trouble = k % 3
        for i, y in enumerate((year, year + 1)):
            women = rng.randrange(5, per_year // 2 + 5)
            men = rng.randrange(5, per_year // 2 + 5)
            if trouble == 1 and i == 0:
                women, men = per_year // 4, per_year // 5  # well below the plan
                planted.below_plan.append(insats)
            stated = women + men + (1 if rng.random() < 0.15 else 0)  # now and then a sum is off
            later_staff = dict(staff)
            if trouble == 2 and i == 0:
                first = next(iter(staff))
                later_staff[first] = 25 if staff[first] != 25 else 50
                planted.staffing_changed.append(insats)
            restated = None
            if trouble == 0 and i == 0:
                restated = funding + 350_000  # the report states the year's funding differently
                planted.funding_differs.append(insats)
            outcome = int(total * rng.uniform(0.7, 1.1)) // 1000 * 1000
            outcomes = {o: rng.randrange(1, 8) for o in rng.sample(OUTCOMES, 3)}
            name = f"{slug}-{y}-helarsrapport.txt"
            (dest / name).write_text(report_text(insats, place, y, women, men, stated, later_staff,
                                                 restated, total if y == year else total + 100_000,
                                                 outcome, outcomes), "utf-8")
            files.append(name)
        planted.groups[insats] = files
        written += 3
    for j in range(count - written - 1):
        place = PLACES[j % len(PLACES)]
        (dest / f"verksamhetsplan-{j:02d}.txt").write_text(
            f"Verksamhetsplan {2020 + j % 4}\n\nSamordningsförbundet {place}{'s' * (j % 2)} förbund\n\n"
            f"Förbundet planerar att stödja {rng.randrange(100, 400)} deltagare under året.\n", "utf-8")
    planted.hostile = "<img src=x onerror=alert(1)> ond&fil.txt"
    (dest / planted.hostile).write_text(
        "Helårsrapport 2022 <script>document.body.innerHTML='<div id=\"pwned\">x</div>'</script>\n"
        "<b>Fet</b> insats\n\nAntal deltagare totalt var 12. Av dessa var 5 kvinnor och 6 män.\n"
        "Avslutade deltagare gick vidare till:\n<i>arbete</i>\t3\n<u>studier</u>\t2\n", "utf-8")
    return planted
