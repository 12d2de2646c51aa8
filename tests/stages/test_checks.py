"""Cross-check rules on small fact sets, and a mutation test over copies of the seed texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.models import Evidence, Fact, RunContext
from pipeline.run import run_document
from pipeline.stages.checks import RULES, cross_check
from tests.conftest import CORPUS


def _p(measure: str, value: float, start: int, gender: str | None = None, unit: str = "persons",
       category: str | None = None) -> Fact:
    return Fact("participants", value, unit, Evidence(1, start, start + 5, "citat"),
                id=f"f{start}", measure=measure, gender=gender, category=category)


def test_rules_are_declared_with_id_description_and_swedish_message() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.description and r.severity in {"error", "warning", "info"} for r in RULES)


@pytest.mark.parametrize("facts, rule, values", [
    ([_p("total", 31, 0), _p("total", 33, 900)], "conflicting_values", (31, 33)),
    ([_p("total", 30, 0), _p("total", 14, 20, "women"), _p("total", 17, 40, "men")],
     "gender_sum", (14, 17, 31, 30)),
    ([_p("enrolled_end", 20, 0), _p("enrolled_end", 10, 20, "women"),
      _p("enrolled_end", 60, 20, "women", "percent")], "percent_vs_count", (10, 20, 60, 50)),
    ([_p("enrolled_start", 10, 0), _p("new", 5, 100), _p("ended", 3, 200),
      _p("enrolled_end", 13, 300)], "participant_flow", (10, 5, 3, 13, 12)),
    ([_p("age_min", 40, 0), _p("age_median", 35, 30)], "plausibility", (40, 35)),
    ([_p("enrolled_end", 28, 0), _p("enrolled_end", 15, 0, "women"), _p("enrolled_end", 14, 0, "men")],
     "gender_sum", (15, 14, 29, 28)),  # one table row: 'Inskrivna 30 juni | 15 | 14 | 28'
])
def test_rule_fires(facts: list[Fact], rule: str, values: tuple) -> None:
    found = {(c.rule, c.values) for c in cross_check(tuple(facts))}
    assert (rule, tuple(float(v) for v in values)) in found


def test_consistent_facts_raise_nothing() -> None:
    facts = (_p("total", 31, 0), _p("total", 14, 20, "women"), _p("total", 17, 40, "men"),
             _p("total", 31, 900))
    assert cross_check(facts) == ()


def test_finding_cites_both_sides_in_swedish() -> None:
    (c,) = cross_check((_p("total", 31, 0), _p("total", 33, 900)))
    assert c.severity == "warning" and "Motstridiga" in c.message
    assert c.message.count("s. 1") == 2 and len(c.evidence) == 2


def _b(label: str, kind: str, value: float, start: int) -> Fact:
    return Fact("budget_line", value, "SEK", Evidence(1, start, start + 5, "citat"), id=f"b{start}",
                label=label, kind=kind)


def test_one_line_beside_a_total_is_no_breakdown() -> None:
    facts = (_b("Medlemsbidrag från kommunen", "income", 900_000, 0),
             _b("Förbundets budget", "total_income", 7_000_000, 100))
    assert not [c for c in cross_check(facts) if c.rule == "budget_sum"]


def test_outcomes_since_the_start_are_not_this_years_breakdown() -> None:
    text = ("Under året avslutade 20 deltagare. Av dem fick 12 ett arbete. "
            "Sedan starten har 40 personer fått jobb.")
    facts = (_p("ended", 20, text.index("20")), _p("outcome", 12, text.index("12"), category="arbete"),
             _p("outcome", 40, text.index("40"), category="jobb"))
    assert not [c for c in cross_check(facts, text) if c.rule == "breakdown_sum"]


# (seed, text in the seed, mutated text, whether it breaks a relation the checks know)
MUTANTS: list[tuple[str, str, str, bool]] = [
    ("001", "Socialtjänsten\t14", "Socialtjänsten\t15", True),
    ("001", "Öppenvård psykiatri\t7", "Öppenvård psykiatri\t8", True),
    ("001", "Försäkringskassan\t6", "Försäkringskassan\t5", True),
    ("001", "Primärvård\t2", "Primärvård\t3", True),
    ("001", "hade 18 försörjningsstöd", "hade 17 försörjningsstöd", True),
    ("001", "9 ersättning i form av sjukpenning", "10 ersättning i form av sjukpenning", True),
    ("001", "58 % ersättning", "60 % ersättning", True),
    ("001", "39 % ersättning", "35 % ersättning", True),
    ("001", "var 14 kvinnor och 17 män", "var 13 kvinnor och 17 män", True),
    ("001", "var 14 kvinnor och 17 män", "var 14 kvinnor och 19 män", True),
    ("001", "15 kvinnor (45%)", "15 kvinnor (55%)", True),
    ("001", "18 män (55%)", "18 män (65%)", True),
    ("001", "12 kvinnor (46%)", "11 kvinnor (46%)", True),
    ("001", "14 män (54%)", "14 män (44%)", True),
    ("001", "15 (60%) män", "16 (60%) män", True),
    ("001", "skrivits in 8 nya", "skrivits in 9 nya", True),
    ("001", "Totalt har 7 deltagare", "Totalt har 6 deltagare", True),
    ("001", "2 till annan arbetsrehabiliterande", "3 till annan arbetsrehabiliterande", True),
    ("001", "deltagarantalet 26", "deltagarantalet 27", True),
    ("001", "periodens början 25", "periodens början 24", True),
    ("001", "medelåldern 40,8 år", "medelåldern 38,8 år", True),
    ("001", "Yngsta deltagaren var 23 år", "Yngsta deltagaren var 43 år", True),
    ("001", "den äldsta 64 år", "den äldsta 36 år", True),
    ("001", "Personal\t743 087", "Personal\t743 187", True),
    ("001", "39 996", "39 096", True),
    ("001", "Summa\t935 999", "Summa\t935 998", True),
    ("001", "-35 180", "-35 280", True),
    ("001", "1 918 000", "1 928 000", True),
    ("001", "142 477", "142 577", True),
    ("000", "Kraften............ccccceevviieviieencieeieeen 300",
     "Kraften............ccccceevviieviieencieeieeen 350", True),
    ("000", "eeeeen, 300", "eeeeen, 310", True),
    ("000", "iieeein, 20", "iieeein, 25", True),
    ("003", "25 timmar & 1000", "25 timmar & 1200", True),
    ("004", "Arbeta med 50 -55", "Arbeta med 56 -55", True),
    ("004", "15 % av deltagarna", "150 % av deltagarna", True),
    ("001", "Period 20220701", "Period 20220801", False),
    ("001", "har 8 möten", "har 9 möten", False),
    ("001", "haft 5 digitala", "haft 6 digitala", False),
    ("001", "vid 12 tillfällen", "vid 14 tillfällen", False),
    ("001", "verksamhet 5 dagar", "verksamhet 4 dagar", False),
    ("001", "provotid på 2 månader", "provotid på 3 månader", False),
    ("001", "september 2023", "september 2024", False),
    ("001", "rekvirera 1 630 000", "rekvirera 1 640 000", False),
    ("001", "styrelsemötet 20230920", "styrelsemötet 20230921", False),
    ("001", "har 12 av deltagarna", "har 13 av deltagarna", False),
    ("001", "2 dagars utbildning", "3 dagars utbildning", False),
    ("001", "i kö i 4 månader", "i kö i 5 månader", False),
    ("000", "sedan 2015", "sedan 2016", False),
    ("003", "Sedan\n2001", "Sedan\n2002", False),
    ("004", "bildades 2007-04-01", "bildades 2008-04-01", False),
    ("004", "12-15% i Rättvik", "12-16% i Rättvik", False),
]


def _keys(path: Path, tmp: Path) -> set[tuple[str, tuple[float, ...]]]:
    out, _ = run_document(path, RunContext(tmp))
    return {(c.rule, c.values) for c in out.findings}


def test_mutants(tmp_path: Path) -> None:
    """Single-number changes: relation-breaking ones raise a new finding, others do not."""
    base: dict[str, set] = {}
    detected = alarms = breaking = neutral = 0
    misses = []
    for i, (seed, old, new, breaks) in enumerate(MUTANTS):
        src = next(CORPUS.glob(f"{seed}_*.txt"))
        if seed not in base:
            base[seed] = _keys(src, tmp_path)
        text = src.read_text("utf-8")
        assert text.count(old) >= 1, f"mutant {i}: {old!r} not in seed {seed}"
        mutant = tmp_path / f"m{i}" / src.name
        mutant.parent.mkdir()
        mutant.write_text(text.replace(old, new, 1), "utf-8")
        new_findings = _keys(mutant, tmp_path) - base[seed]
        if breaks:
            breaking += 1
            detected += bool(new_findings)
            if not new_findings:
                misses.append(f"not detected: {seed} {old!r} -> {new!r}")
        else:
            neutral += 1
            alarms += bool(new_findings)
            if new_findings:
                misses.append(f"false alarm: {seed} {old!r} -> {new!r}: {new_findings}")
    print(f"\nmutants: {breaking} breaking, detected {detected / breaking:.0%}; "
          f"{neutral} neutral, false alarms {alarms / neutral:.0%}")
    print("\n".join(misses))
    assert len(MUTANTS) >= 40
    assert detected / breaking >= 0.9, misses
    assert alarms == 0, misses


def _at(text: str, quote: str, label: str, kind: str, value: float) -> Fact:
    start = text.index(quote)
    return Fact("budget_line", value, "SEK", Evidence(1, start, start + len(quote), quote),
                id=f"b{start}", label=label, kind=kind)


def test_amounts_scattered_over_prose_are_no_breakdown_of_a_total() -> None:
    text = ("Ärende 4\nKliv ansöker om 900 tkr.\nBeslut: Styrelsen beviljar 700 tkr.\n\n"
            "Ärende 5\nTrappan ansöker om 300 tkr.\n\nÄrende 6\nInformation om ekonomin.\n\n"
            "Ärende 7\nÅrets budget är 6 500 tkr.")
    facts = (_at(text, "900 tkr", "sökt belopp", "cost", 900_000),
             _at(text, "700 tkr", "beviljat", "cost", 700_000),
             _at(text, "300 tkr", "sökt belopp", "cost", 300_000),
             _at(text, "6 500 tkr", "Årets budget", "total_cost", 6_500_000))
    assert not [c for c in cross_check(facts, text) if c.rule == "budget_sum"]


def test_a_list_of_posts_that_breaks_its_total_is_flagged() -> None:
    text = "Personal\t800 000\nLokaler\t150 000\nÖvrigt\t60 000\nSumma\t1 000 000"
    facts = (_at(text, "800 000", "Personal", "cost", 800_000),
             _at(text, "150 000", "Lokaler", "cost", 150_000),
             _at(text, "60 000", "Övrigt", "cost", 60_000),
             _at(text, "1 000 000", "Summa", "total_cost", 1_000_000))
    assert [c.values for c in cross_check(facts, text) if c.rule == "budget_sum"] == [
        (800_000.0, 150_000.0, 60_000.0, 1_010_000.0, 1_000_000.0)]


def test_a_share_restating_a_sum_of_outcomes_is_checked_against_the_sum() -> None:
    text = ("Under året avslutade 52 deltagare. Av dem fick 15 ett arbete och 6 började studera, "
            "vilket motsvarar 40 procent.")
    facts = (_p("ended", 52, text.index("52")), _p("outcome", 15, text.index("15"), category="arbete"),
             _p("outcome", 6, text.index("6 b"), category="studier"),
             _p("outcome", 40, text.index("40"), unit="percent", category="arbete eller studier"))
    assert not [c for c in cross_check(facts, text) if c.severity in ("warning", "error")]
    wrong = (*facts[:3], _p("outcome", 55, text.index("40"), unit="percent",
                            category="arbete eller studier"))
    hits = [c for c in cross_check(wrong, text) if c.rule == "percent_vs_count"]
    assert hits and hits[0].values[:2] == (21.0, 52.0)


def test_one_persons_shares_of_a_post_over_full_time_are_flagged() -> None:
    def share(value: float, org: str, start: int) -> Fact:
        return Fact("staffing", value, "percent", Evidence(1, start, start + 5, "citat"), id=f"s{start}",
                    role="teamledare", organisation=org, person="Eva Lind")

    over = (share(70, "samordningsförbundet", 0), share(40, "Åsby kommun", 40))
    assert [c.values for c in cross_check(over) if c.rule == "post_shares"] == [(70.0, 40.0, 110.0)]
    within = (share(60, "samordningsförbundet", 0), share(40, "Åsby kommun", 40))
    assert not [c for c in cross_check(within) if c.rule == "post_shares"]


def test_a_post_financed_by_two_parties_over_full_time_is_flagged() -> None:
    text = "Coachtjänsten finansieras till 60 % av Lindås kommun och till 50 % av Region Värmland."

    def share(value: float, quote: str, org: str) -> Fact:
        start = text.index(quote)
        return Fact("staffing", value, "percent", Evidence(1, start, start + len(quote), quote),
                    id=f"s{start}", role="coach", organisation=org)

    facts = (share(60, "60 % av Lindås kommun", "Lindås kommun"),
             share(50, "50 % av Region Värmland", "Region Värmland"))
    assert [c.values for c in cross_check(facts, text) if c.rule == "post_shares"] == [
        (60.0, 50.0, 110.0, 100.0)]


def test_a_table_row_whose_gender_split_breaks_its_total_is_flagged() -> None:
    def cell(value: float, gender: str | None) -> Fact:
        return Fact("participants", value, "persons", Evidence(1, 40, 60, "Bryggan 23 16 41"),
                    id=f"p{gender}", measure="total", gender=gender, category="Bryggan")

    found = [c.values for c in cross_check((cell(23, "women"), cell(16, "men"), cell(41, None)))
             if c.rule == "gender_sum"]
    assert found == [(23.0, 16.0, 39.0, 41.0)]


def test_a_count_smaller_than_either_part_is_no_total_of_a_gender_split() -> None:
    facts = (_p("total", 12, 0, "women"), _p("total", 9, 20, "men"), _p("total", 2, 60))
    assert not [c for c in cross_check(facts) if c.rule == "gender_sum"]
