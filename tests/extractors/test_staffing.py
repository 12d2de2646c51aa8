"""Staffing from tables with leaders, 'Org (Name): N tim/månad', prose and FTE."""

from __future__ import annotations

import pytest

from extractors.staffing import extract
from tests.conftest import text_input


@pytest.mark.parametrize("text, expected", [
    ("Arbetsförmedlingen............ arbetsförmedlare 50 %",
     [("arbetsförmedlare", "Arbetsförmedlingen", None, 50, "percent")]),
    ("FörsäkringskaSSal\tpersonlig handläggare 20 %",  # an OCR-damaged organisation cell
     [("personlig handläggare", "Försäkringskassan", None, 20, "percent")]),
    ("Öppettider\tmåndag till fredag 100 %", []),  # a cell naming no organisation
    ("Försäkringskassan (Kim Berg): 12 tim/månad",
     [(None, "Försäkringskassan", "Kim Berg", 12, "hours_per_month")]),
    ("Arbetsterapeut (anställd av regionen) bidrar med stöd i vardagen.",
     [("arbetsterapeut", "Regionen", None, None, None)]),
    ("Försäkringskassans handläggare kommer att arbeta 50% i insatsen.",
     [("handläggare", "Försäkringskassan", None, 50, "percent")]),
    # The förbund's own staff: no other organisation named, so the document's förbund.
    ("Norrbygdens samordningsförbund leder arbetet. Därför behöver samordnaren/tjänstemannen "
     "arbeta 80% under året.",
     [("samordnare/tjänsteman", "Norrbygdens samordningsförbund", None, 80, "percent")]),
    ("Norrbygdens samordningsförbund finansierar en heltidstjänst som jobbcoach. Förbundet "
     "bidrar med 50% av en heltidstjänst.",
     [("jobbcoach", "Norrbygdens samordningsförbund", None, 50, "percent")]),
    ("Teamet förstärks med 1,5 årsarbetare via kommunen.",
     [(None, "Kommunen", None, 1.5, "fte")]),
])
def test_staffing(text: str, expected: list[tuple]) -> None:
    got = [(f.role, f.organisation, f.person, f.value, f.unit) for f in extract(text_input(text))]
    assert got == expected
