"""The HTML report's Swedish presentation and charts, on the shared run (no browser needed)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.outputs.charts import Bar, bar_label, stacked_bars
from pipeline.outputs.report import CROP_DPI, CSS_DPI, INK, crop, render
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


def _crop_pdf(path: Path, pitch: float, size: float) -> list[tuple[float, float, float, float]]:
    """A PDF page of five invented lines (one every `pitch` points); each line's box in points."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.add_font("sans", fname="/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
    pdf.set_font("sans", size=size)
    boxes = []
    for i in range(5):
        baseline = 200 + i * pitch
        line = f"Rad {i + 1} av en påhittad sida med några ord till"
        pdf.text(72, baseline, line)
        boxes.append((72, baseline - 0.75 * size, 72 + pdf.get_string_width(line), baseline + 0.22 * size))
    pdf.output(str(path))
    return boxes


def _crop(path: Path, box: tuple[float, float, float, float]) -> tuple[Image.Image, int]:
    ev = {"page": 1, "bbox": box, "page_size": (595.28, 841.89), "quote": "Rad"}
    uri, width = crop(str(path), ev, 0)
    assert uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))), width


def _lines(img: Image.Image) -> int:
    grey = np.asarray(img.convert("RGB")).astype(int)
    ink = (grey.max(axis=2) < INK) & (abs(grey[:, :, 0] - grey[:, :, 1]) < 40)  # dark, not the red box
    rows = ink.sum(axis=1) > 1
    return sum(1 for y in range(1, len(rows)) if rows[y] and not rows[y - 1]) + int(rows[0])


@pytest.mark.parametrize(("pitch", "size"), [(18, 12), (30, 20)])
def test_a_crop_is_its_line_with_one_either_side_at_the_page_s_true_size(tmp_path: Path, pitch: float,
                                                                       size: float) -> None:
    pdf = tmp_path / "sida.pdf"
    boxes = _crop_pdf(pdf, pitch, size)
    img, width = _crop(pdf, boxes[2])
    assert width == round(img.width * CSS_DPI / CROP_DPI)  # shown at the page's true size
    assert _lines(img) == 3  # lines 2, 3 and 4, not 1 or 5
    assert 2 * pitch < img.height * 72 / CROP_DPI < 4 * pitch + 12
    first, _ = _crop(pdf, boxes[0])
    assert _lines(first) == 2  # nothing above the first line
    red = np.asarray(img.convert("RGB")).astype(int)
    assert ((red[:, :, 0] > 150) & (red[:, :, 1] < 60)).sum() > 100  # the quoted words boxed in red


def test_index_counts_findings_across_documents_and_links_the_insats(html: str) -> None:
    index = html[html.index('<table class="index">'):]
    index = index[:index.index("</table>")]
    row = next(r for r in re.findall(r"<tr class=.*?</tr>", index, re.S) if "corpus/001_" in r)
    group = re.search(r'id="(grupp-[^"]*samverkansteam-sater[^"]*)"', html)
    assert group and f'<td class="num"><a href="#{group[1]}">2</a></td>' in row  # plan and staffing notes
