"""Fact extractors, one module per fact type; importing this package registers them all."""

from __future__ import annotations

from extractors import budget, goal, participants, staffing  # noqa: F401  (registers)
from extractors.base import REGISTRY, ExtractionInput, register

__all__ = ["REGISTRY", "ExtractionInput", "register"]
