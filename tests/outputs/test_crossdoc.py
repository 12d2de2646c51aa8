"""Across documents: one insats's documents grouped and ordered, plans held against reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.crossdoc.group import DocView, Group
from pipeline.crossdoc.identity import name_key, names, same_name
from pipeline.crossdoc.rules import CROSS_RULES, find_funding_differs
from pipeline.crossdoc.stage import CrossResult, run
from pipeline.models import DocumentInfo, Evidence, Fact
from tests.conftest import CORPUS, SHARED
from tests.outputs.conftest import Desk

# The projects of ../shared/real/texts as real/INDEX.md describes them (hand-labelled): documents of
# different labels must never share a group.
PROJECTS = {
    "A_02": "utsikten 2.0", "A_03": "co-active", "A_04": "utsikten", "A_06": "rar esf 2023",
    "A_08": "norra dalarna", "A_10": "tuna", "A_11": "likes", "A_12": "isak",
    "A_13": "vägledningsteam", "A_19": "mia", "A_20": "mia", "A_21": "mia", "A_22": "mia",
    "A_23": "mia vidare", "A_24": "mia", "B_02": "suvs", "B_04": "suvs", "B_05": "suvs",
    "B_07": "malmökraften", "B_09": "national 2018", "B_10": "mia", "B_11": "state model",
    "B_12": "jobbcoach", "B_14": "trampolinen", "B_17": "samsund", "B_20": "national 2017",
    "B_22": "af 2019", "B_25": "suvs", "B_27": "national 2020", "B_28": "samsund", "B_29": "samsund",
}


# ../shared/real as the task states it; corpus/real/texts is the project's own copy of the same texts.
REAL = SHARED / "real" / "texts" if (SHARED / "real" / "texts").is_dir() else CORPUS / "real" / "texts"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CrossResult]:
    """The real texts extracted on their own (the catalogue holds the cross-document rows)."""
    out = tmp_path_factory.mktemp("real") / "out"
    assert main(["extract", str(REAL), "--out", str(out), "--jobs", "2", "-q"]) == 0
    return out, run(out)


def _label(name: str) -> str:
    return PROJECTS[name.rsplit("/", 1)[-1][:4]]


def test_unrelated_real_documents_are_not_grouped(real: tuple[Path, CrossResult]) -> None:
    _, result = real
    assert len(PROJECTS) == len(list(REAL.glob("*.txt")))
    for g in result.groups:
        assert len({_label(d.name) for d in g.docs}) == 1, [d.name for d in g.docs]
    mia = next(g for g in result.groups if any(d.name.startswith("A_19") for d in g.docs))
    assert any(d.name.startswith("A_20") for d in mia.docs)


def test_one_funding_stated_two_ways_is_one_finding(real: tuple[Path, CrossResult]) -> None:
    out, result = real
    assert len(result.findings) == 1
    f = result.findings[0]
    assert f.rule == "funding_differs" and f.severity == "warning"
    assert sorted(f.values) == [91752514, 100000000]
    assert sorted(s.doc.name[:4] for s in f.sides) == ["A_19", "A_20"]
    for quote in ("ESF medfinansierar projektet med 100 mkr", "Beviljat ESF-stöd: 91 752 514"):
        assert quote in f.message
    assert f.message.count("s. 1:") == 2 and "A_19_haninge" in f.message and "A_20_esf" in f.message
    con = sqlite3.connect(out / "catalogue.sqlite")
    rows = con.execute("SELECT f.rule, s.document, s.fact_id FROM findings f JOIN finding_sides s "
                       "USING (finding_id) WHERE f.scope = 'insats' ORDER BY s.side").fetchall()
    con.close()
    assert [r[0] for r in rows] == ["funding_differs"] * 2
    assert {r[2].split("#")[0][:4] for r in rows} == {"A_19", "A_20"}


def test_seeds_000_and_001_are_one_insats_plan_before_report(desk: Desk) -> None:
    con = sqlite3.connect(desk.out / "catalogue.sqlite")
    groups = con.execute("SELECT insats_group, document, group_order FROM groups "
                         "WHERE document LIKE 'corpus/00%' ORDER BY 1, 3").fetchall()
    comps = con.execute("SELECT comparison, plan_document, report_document, plan_value, report_value "
                        "FROM comparisons WHERE plan_document LIKE 'corpus/000%'").fetchall()
    con.close()
    seeds = [g for g in groups if g[1][7:10] in {"000", "001"}]
    assert len({g[0] for g in seeds}) == 1 and [g[1][7:10] for g in seeds] == ["000", "001"]
    assert ("deltagare per år: plan mot rapport", 50, 31) in [(c[0], c[3], c[4]) for c in comps]
    assert all(c[2].startswith("corpus/001") for c in comps)


def test_generated_insatser_grouped_and_planted_problems_found(desk: Desk) -> None:
    result = run(desk.out)
    groups = {g.name: sorted(d.name.rsplit("/", 1)[-1] + ".txt" for d in g.docs) for g in result.groups
              if all(d.name.startswith("generated/") for d in g.docs)}
    assert groups == {k: sorted(v) for k, v in desk.planted.groups.items()}
    found: dict[str, set[str]] = {}
    for f in result.findings:
        name = next(g.name for g in result.groups if g.id == f.group)
        found.setdefault(f.rule, set()).add(name)
    assert set(desk.planted.funding_differs) == found["funding_differs"] & set(desk.planted.groups)
    assert set(desk.planted.staffing_changed) == found["staffing_changed"] & set(desk.planted.groups)
    assert set(desk.planted.below_plan) <= found["participants_vs_plan"]


def test_names_fold_spellings_of_one_insats() -> None:
    assert name_key("Projektet NORD - Nya Omtag Rätt Direkt") == "nord"
    assert name_key("NORD-projektet") == "nord" and name_key("NORD Vidare") == "nord vidare"
    assert same_name("Stegvisteamet Ekvik", "Stegvisteam Ekvik") and not same_name("NORD", "NORD Vidare")
    text = "Ett nyhetsbrev\n\nProjektet Alfa startade i vår. Insatsen Beta har fått nya lokaler.\n"
    assert names(text) == ()  # a förbund's news that names two insatser once each leads with neither
    lead = names("ALFA - Arbete Lärande Framtid Aktivitet\n\nALFA är ett treårigt projekt.\n")[0]
    assert name_key(lead) == "alfa"


def _doc(name: str, *facts: Fact, when: str | None = None) -> DocView:
    return DocView(name, DocumentInfo(source=f"{name}.txt", names=("Alfa",)), facts, (), when, "")


def _money(label: str, value: float, quote: str, fid: str = "f1", period: str | None = None) -> Fact:
    ev = Evidence(1, 10, 10 + len(quote), quote, context="Budgeten: " + quote, context_start=10)
    return Fact("budget_line", value, "SEK", ev, fid, label=label, kind="income", period=period)


@pytest.mark.parametrize(("a", "b", "finding"), [
    ((100_000_000, "100 mkr"), (91_752_514, "91 752 514"), True),
    ((92_000_000, "92 mkr"), (91_752_514, "91 752 514"), False),  # rounded
    ((95_000_000, "ca 95 mkr"), (91_752_514, "91 752 514"), False),  # said to be approximate
    ((1_200_000, "1 200 000"), (1_550_000, "1 550 000"), True),
])
def test_funding_rule_allows_rounding(a: tuple[float, str], b: tuple[float, str], finding: bool) -> None:
    x = _doc("x", _money("Bidrag från ESF", a[0], a[1]))
    y = _doc("y", _money("Beviljat ESF-stöd", b[0], b[1]))
    assert bool(list(find_funding_differs(Group("alfa", "Alfa", (x, y), ("", ""))))) is finding


def test_no_comparison_between_years_or_copies() -> None:
    x = _doc("x", _money("Bidrag från ESF", 1e6, "1 000 000", period="2020"))
    y = _doc("y", _money("ESF-stöd", 2e6, "2 000 000", period="2021"))
    assert not list(find_funding_differs(Group("alfa", "Alfa", (x, y), ("", ""))))
    z = _doc("z", _money("ESF-stöd", 2e6, "2 000 000", period="2020"))
    assert list(find_funding_differs(Group("alfa", "Alfa", (x, z), ("", ""))))
    assert not list(find_funding_differs(Group("alfa", "Alfa", (x, z), ("", ""),
                                               frozenset({frozenset({"x", "z"})}))))


def test_rules_are_declared_with_a_one_line_description() -> None:
    ids = [r.id for r in CROSS_RULES]
    assert len(ids) == len(set(ids)) and all(r.severity in {"error", "warning", "info"} for r in CROSS_RULES)
    assert all(r.description and "\n" not in r.description for r in CROSS_RULES)
