"""Test PDFs made at test time with fpdf2 (real PDFs with text layers; every text in them invented).

- `table_pdf`: a Swedish page with prose and a gender table, optionally shown turned (/Rotate).
- `wrapped_budget_pdf`: a budget table whose column headings wrap over two lines, ruled or not.
- `wide_table_pdf`: a wide table whose sub-headings repeat under a group heading per year.
- `english_pdf`: a page of English prose with US numbers, then a page of Swedish.
"""

from __future__ import annotations

from pathlib import Path

FONTS = "/usr/share/fonts/truetype/liberation"

INTRO = ("Projektet Brofästet tog under året emot deltagare från tre kommuner. Tabellen nedan "
         "visar hur många kvinnor och män som deltog i varje kommun under perioden.")
GENDER_ROWS = [["Kommun", "Kvinnor", "Män", "Totalt"], ["Ankeby", "12", "15", "27"],
               ["Borgby", "8", "9", "17"], ["Cedertuna", "5", "7", "12"], ["Totalt", "25", "31", "56"]]


def _pdf(size: float = 10.0):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("sans", fname=f"{FONTS}/LiberationSans-Regular.ttf")
    pdf.add_font("sans", style="B", fname=f"{FONTS}/LiberationSans-Bold.ttf")
    pdf.set_font("sans", size=size)
    pdf.set_margins(20, 20, 20)
    return pdf


def _table(pdf, rows: list[list[str]], widths: tuple[float, ...], ruled: bool, heading_rows: int = 1,
           spans: dict[tuple[int, int], int] | None = None) -> None:
    with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", v_align="TOP",
                   borders_layout="ALL" if ruled else "NONE", num_heading_rows=heading_rows,
                   text_align=["LEFT"] + ["RIGHT"] * (len(widths) - 1), line_height=4.6,
                   padding=(0.8, 1.2)) as table:
        for r, cells in enumerate(rows):
            row = table.row()
            for c, text in enumerate(cells):
                if text is None:
                    continue
                row.cell(text, colspan=(spans or {}).get((r, c), 1))


def table_pdf(dest: Path, rotate: int = 0) -> Path:
    """Prose and a gender table on one page; `rotate` sets the page's /Rotate (shown turned)."""
    import pypdfium2

    pdf = _pdf()
    pdf.add_page()
    pdf.multi_cell(0, 5.2, INTRO, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _table(pdf, GENDER_ROWS, (50, 25, 25, 25), ruled=False)
    pdf.ln(3)
    pdf.multi_cell(0, 5.2, "Av de 56 deltagarna var 25 kvinnor och 31 män.", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.output(str(dest))
    if rotate:
        doc = pypdfium2.PdfDocument(str(dest))
        doc[0].set_rotation(rotate)
        doc.save(str(dest) + ".tmp")
        doc.close()
        Path(str(dest) + ".tmp").replace(dest)
    return dest


BUDGET_ROWS = [["Samverkansteamet Kullby", "Utfall jan-juni 2024", "Budget jan-juni 2024", "Budget 2024",
                "Avvikelse 2024"],
               ["Personal", "612 400", "640 000", "1 280 000", "27 600"],
               ["Lokaler", "48 250", "45 000", "90 000", "-3 250"],
               ["Övriga kostnader", "20 150", "25 000", "50 000", "4 850"],
               ["Summa", "680 800", "710 000", "1 420 000", "29 200"]]


def wrapped_budget_pdf(dest: Path, ruled: bool = True) -> Path:
    """A budget table whose headings wrap ('Budget' over '2024', 'Samverkansteamet' over 'Kullby')."""
    pdf = _pdf()
    pdf.add_page()
    pdf.multi_cell(0, 5.2, "Ekonomisk uppföljning för första halvåret. Kostnaderna följer budgeten "
                           "väl och avvikelsen är liten.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _table(pdf, BUDGET_ROWS, (36, 22, 22, 22, 22), ruled)
    pdf.ln(3)
    pdf.multi_cell(0, 5.2, "Lokalkostnaden blev något högre än planerat.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(dest))
    return dest


WIDE_HEAD = [["", "2023", None, "2024", None], ["Post", "Budget", "Utfall", "Budget", "Utfall"]]
WIDE_ROWS = [["Personal", "410 000", "398 500", "430 000", "441 200"],
             ["Lokaler", "60 000", "60 000", "62 000", "61 400"],
             ["Resor", "15 000", "9 800", "12 000", "13 100"],
             ["Summa", "485 000", "468 300", "504 000", "515 700"]]


def wide_table_pdf(dest: Path, ruled: bool = True) -> Path:
    """A table with a group heading per year over repeated 'Budget'/'Utfall' sub-headings."""
    pdf = _pdf()
    pdf.add_page(orientation="L")
    pdf.multi_cell(0, 5.2, "Kostnader per år för insatsen, i kronor.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _table(pdf, WIDE_HEAD + WIDE_ROWS, (45, 30, 30, 30, 30), ruled, heading_rows=2,
           spans={(0, 1): 2, (0, 3): 2})
    pdf.output(str(dest))
    return dest


ENGLISH = ("The partnership at the coast served 18,870 residents last year and the programme was far "
           "larger than planned. It is run by the county and the towns, which share the cost. Most "
           "of the people who took part were women, and they were referred by the employment "
           "service or by health care. For each participant there was a plan, and the staff met "
           "them at the centre in the harbour. The total cost was 2,450,000 and the share of the "
           "county was 2.125 million.")
SWEDISH = ("Samordningsförbundet har under året arbetat med att stärka samverkan mellan "
           "parterna. Målet är att fler ska nå egen försörjning och att deltagarna ska få ett "
           "samordnat stöd. Under hösten startade en ny grupp för unga vuxna.")


def english_pdf(dest: Path) -> Path:
    """A page of English prose with US-formatted numbers, then a page of Swedish prose."""
    pdf = _pdf(11)
    for text in (ENGLISH, SWEDISH):
        pdf.add_page()
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(dest))
    return dest
