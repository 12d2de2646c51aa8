"""Every error the pipeline raises, each carrying its exit code; the CLI maps them in one place."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    DOCUMENT_FAILED = 1
    FINDINGS = 2
    BAD_ARGS = 3
    MISSING_DEPENDENCY = 4
    INTERNAL = 5


class FinsamError(Exception):
    """Base of all expected errors."""

    exit_code = ExitCode.INTERNAL


class BadArguments(FinsamError):
    """The command line asked for something impossible."""

    exit_code = ExitCode.BAD_ARGS


class MissingDependency(FinsamError):
    """A system tool (Tesseract, its Swedish data) is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class DocumentError(FinsamError):
    """One input document could not be processed; the batch goes on."""

    exit_code = ExitCode.DOCUMENT_FAILED

    def __init__(self, path: Path | str, reason: str, stage: str = "ingest") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.stage = stage


class UnsupportedInput(DocumentError):
    """The file is of a kind the pipeline does not read."""


class UnreadableInput(DocumentError):
    """The file is empty, corrupt, encrypted or not what its name says."""


class PageError(FinsamError):
    """One page failed (OCR crashed or timed out); the document is kept as partial."""

    exit_code = ExitCode.DOCUMENT_FAILED

    def __init__(self, page: int, reason: str) -> None:
        super().__init__(f"page {page}: {reason}")
        self.page = page
        self.reason = reason
