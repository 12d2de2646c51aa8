"""Organisations as the genre names them: the authorities, regions, municipalities, förbund and
the services of each ('Socialtjänsten i Tierp'), and their genitives ('Kommunens')."""

from __future__ import annotations

import re

# Organisations as the genre names them; '… i Tierp' and '… i Eksjö' stay with the name.
ORG = re.compile(
    # a unit of a municipality or region: 'kommunens arbetsmarknadsenhet', 'Alvesta kommuns jobbtorg'
    r"(?:[A-ZÅÄÖ][\wåäö-]+\s+kommuns|[Kk]ommunens|[Rr]egionens)\s+(?:arbetsmarknads\w+|socialtjänst|"
    r"vuxenutbildning|socialförvaltning|jobbtorg|[\wåäö]+(?:enhet|förvaltning|avdelning))"
    r"|(?:Region|Landstinget)\s+[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+)?(?:\s+län\b)?"
    r"|(?:[A-ZÅÄÖ][\wåäö-]+\s+)?[A-ZÅÄÖ][\wåäö-]*regionen\b"
    r"|[A-ZÅÄÖ][\wåäö-]+\s+(?:[Ll]äns\s+)?[Ll]andsting"
    r"|[A-ZÅÄÖ][\wåäö-]+\s+(?:kommun|stad)\b"
    r"|Samordningsförbundet(?:\s+(?!Region\b)[A-ZÅÄÖ][\wåäö-]+){0,3}"
    r"|[A-ZÅÄÖ][\wåäö-]+s\s+samordningsförbund"
    r"|(?i:arbetsförmedlingen|försäkringskassan|socialtjänsten|socialkontoret|socialförvaltningen"
    r"(?:arna)?|psykiatrin|primärvården|vårdcentralen|vuxenutbildningen|habiliteringen"
    r"|beroendevården|kommunen|kommunerna|regionen|landstinget|samordningsförbundet|förbundet"
    r"|barn- och ungdomspsykiatrin|arbetsmarknadsenheten|jobbtorget)"
    r"|\b(?:VGR|AF|FK)\b"  # the usual short forms, in a staffing list's brackets
    r"(?:\s+i\s+[A-ZÅÄÖ][\wåäö-]+|(?<=[Vv]årdcentralen)\s+[A-ZÅÄÖ][\wåäö-]+)?")
GENITIVE = {"arbetsförmedlingens": "Arbetsförmedlingen", "försäkringskassans": "Försäkringskassan",
            "kommunernas": "Kommunerna", "kommunens": "Kommunen", "regionens": "Regionen",
            "socialtjänstens": "Socialtjänsten", "landstingets": "Landstinget",
            "psykiatrins": "Psykiatrin", "förbundets": "Förbundet"}


def is_org(name: str) -> bool:
    """Whether a word or phrase names an organisation of the genre."""
    return bool(ORG.fullmatch(name.strip())) or name.strip().lower() in GENITIVE
