"""Numbers, units and values as a Swedish reader expects them: '1 918 000 kr', '39,9 år', '50–55 år'."""

from __future__ import annotations

from typing import Any

from pipeline.contract import UNIT_SV, value_sv

NBSP = "\u00a0"
SINGULAR = {"persons": "person", "months": "månad", "days": "dag", "fte": "årsarbetare"}


def number(v: float | int | None, sep: str = NBSP) -> str:
    """A number with spaces between thousands and a decimal comma ('1 918 000', '39,9')."""
    if v is None:
        return "–"
    f = float(v)
    if f.is_integer():
        s = f"{int(f):,}".replace(",", sep)
    else:
        s = f"{f:,.2f}".rstrip("0").rstrip(".").replace(",", sep).replace(".", ",")
    return s.replace("-", "−") if s.startswith("-") else s


def unit(u: str | None) -> str:
    """The unit in Swedish ('persons' -> 'personer', 'SEK' -> 'kr')."""
    return UNIT_SV.get(u or "", u or "")


def quantity(value: float | None, u: str | None, value_max: float | None = None,
             sep: str = NBSP) -> str:
    """A value with its unit, a range in full ('50–55 år', '45 %', '1 918 000 kr')."""
    if value is None:
        return "–"
    s = number(value, sep)
    if value_max is not None and value_max != value:
        s += "–" + number(value_max, sep)
    word = SINGULAR.get(u or "", unit(u)) if value == 1 and value_max is None else unit(u)
    return f"{s}{sep}{word}" if word else s


def fact_value(f: dict[str, Any], sep: str = NBSP) -> str:
    """A fact's value as text, unit and range included."""
    return quantity(f.get("value"), f.get("unit"), f.get("value_max"), sep)


def field_value(name: str, value: Any) -> str:
    """A fact field's value for a table cell, coded values in Swedish."""
    if value is None:
        return ""
    return str(value_sv(name, value))
