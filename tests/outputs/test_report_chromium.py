"""The HTML report of corpus/ plus 100 generated documents, rendered in real headless Chromium.

`make test` installs Debian's Chromium first (scripts/install-chromium.sh --required); a machine
without it fails this test rather than skipping it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.report import CHROMIUM_FLAGS
from pipeline.cli import main
from tests.outputs.conftest import Desk

A4_POINTS = (595.28, 841.89)


def chromium() -> str:
    """The Chromium binary ($FINSAM_CHROMIUM, else chromium on PATH); its absence is a failure."""
    path = os.environ.get("FINSAM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make test` (it installs Debian's chromium) or "
                    "`sudo apt-get install chromium`")
    return path


def _run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}"]
    return subprocess.run([chromium(), *flags, *args], capture_output=True, text=True, timeout=240,
                          check=False)


@pytest.fixture(scope="module")
def rendered(desk: Desk, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """The report written by `finsam report`, its DOM after Chromium loaded it, and its print as PDF."""
    tmp = tmp_path_factory.mktemp("chromium")
    html = tmp / "report.html"
    assert main(["report", str(desk.out), "--html", str(html)]) == 0
    dom = _run(["--dump-dom", html.as_uri()], tmp).stdout
    pdf = tmp / "report.pdf"
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()], tmp)
    return html, dom, pdf


@pytest.mark.slow
def test_index_lists_every_document_problems_first(desk: Desk, rendered: tuple[Path, str, Path]) -> None:
    _, dom, _ = rendered
    assert "Granskningsrapport" in dom
    index = dom[dom.index('<table class="index">'):]
    index = index[:index.index("</table>")]
    rows = re.findall(r"<tr class=\"(\w+)\">\s*<td><a href=\"#([^\"]+)\">", index)
    outputs = list(desk.out.rglob("*.json"))
    assert len(rows) == len([p for p in outputs if "runs" not in p.relative_to(desk.out).parts]) >= 137
    counts = [tuple(int(n) for n in re.findall(r'<td class="num[^"]*">(\d+)</td>', row)[:3])
              for row in re.findall(r"<tr class=.*?</tr>", index, re.S)]
    assert counts == sorted(counts, reverse=True)  # errors, then warnings, then notes, most first


@pytest.mark.slow
def test_every_link_lands_and_no_script_runs(desk: Desk, rendered: tuple[Path, str, Path]) -> None:
    html, dom, _ = rendered
    ids = set(re.findall(r'\sid="([^"]+)"', dom))
    links = re.findall(r'href="#([^"]+)"', dom)
    assert len(links) > 300 and not [link for link in links if link not in ids]
    assert 'id="pwned"' not in dom and "<script" not in dom and "<script" not in html.read_text("utf-8")
    assert not re.search(r"<img[^>]*onerror", dom)
    # the planted file name and its markup are shown as text
    assert "&lt;img src=x onerror=alert(1)&gt; ond&amp;fil" in dom
    assert "Content-Security-Policy" in dom and "script-src" not in dom


@pytest.mark.slow
def test_print_is_a4(rendered: tuple[Path, str, Path]) -> None:
    import pypdfium2

    _, _, pdf = rendered
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        sizes = {(round(doc[i].get_width()), round(doc[i].get_height())) for i in range(len(doc))}
        assert len(doc) > 10 and sizes == {tuple(round(x) for x in A4_POINTS)}
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(min(3, len(doc))))
        assert "Granskningsrapport" in text
    finally:
        doc.close()


@pytest.mark.slow
def test_seeds_grouped_with_plan_against_report(rendered: tuple[Path, str, Path]) -> None:
    _, dom, _ = rendered
    section = dom[dom.index("<h3>Samverkansteam Säter</h3>"):]
    section = section[:section.index("</section>")]
    assert "000_7552092ec2287096" in section and "001_90a0010f637e51a5" in section
    comparisons = section[section.index('<table class="comparisons">'):].replace("&nbsp;", " ")
    assert "deltagare per år: plan mot rapport" in comparisons and "50 personer" in comparisons
    assert "<svg" in section  # budget against outcome over time
