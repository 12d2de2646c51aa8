"""The HTML report's Swedish presentation and charts, on the shared run (no browser needed)."""

from __future__ import annotations

import re

import pytest

from pipeline.outputs.charts import Bar, bar_label, stacked_bars
from pipeline.outputs.report import render
from tests.outputs.conftest import Desk


@pytest.fixture(scope="module")
def html(desk: Desk) -> str:
    return render(desk.out)


def _group(html: str, name: str) -> str:
    section = html[html.index(f"<h3>{name}</h3>"):]
    return section[:section.index("</section>")]


def test_periods_in_fact_tables_are_dates_in_words(html: str) -> None:
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert not [c for c in cells if re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", c)]
    assert "<td>april–december 2018</td>" in html  # seed 000's budget year, '2018-04-01/2018-12-31'
    assert "juli 2022–juni 2023 · klar" in html  # the document line of seed 001


def test_a_generated_insats_has_charts_over_time(desk: Desk, html: str) -> None:
    name = next(n for n, files in desk.planted.groups.items() if len(files) >= 3)
    section = _group(html, name)
    titles = re.findall(r'<svg[^>]*aria-label="([^"]+)"', section)
    assert "Avslut efter utfall, dokument i tidsordning" in titles
    assert "Kostnader: budget och utfall per period (kr)" in titles
    assert "<script" not in section


def test_bars_side_by_side_write_kronor_short() -> None:
    assert bar_label(1_078_476, "kr") == "1,08 mkr" and bar_label(935_999, "kr") == "936 tkr"
    assert bar_label(31, "personer") == "31"
    svg = stacked_bars("Kostnader", [Bar("2023", (("budget", 1_078_476), ("utfall", 935_999)))], "kr",
                       grouped=True)
    assert ">1,08 mkr<" in svg and "1 078 476" in svg  # the exact figure in the bar's title
