"""Ingest stage: find input files, check they are readable, and tell their kind by content."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import UnreadableInput, UnsupportedInput
from pipeline.models import IngestedDoc

TEXT_SUFFIXES = {".txt"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES

# Leading bytes of the binary formats we read, so a file whose name lies is still told apart.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)


def find_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield input files under the given files and folders, recursively, in sorted order."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not _is_hidden(f, p):
                    yield f
        else:
            yield p


def _is_hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def sniff_kind(head: bytes) -> str | None:
    """Return 'pdf' or 'image' when the leading bytes say so, else None."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def ingest(path: Path) -> IngestedDoc:
    """Check one file and return it with its kind and hash; raise DocumentError if unusable."""
    if not path.exists():
        raise UnreadableInput(path, "filen finns inte (file not found)")
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedInput(path, f"unsupported file type '{path.suffix}'")
    data = path.read_bytes()
    if not data:
        raise UnreadableInput(path, "empty file (0 bytes)")
    sniffed = sniff_kind(data[:16])
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        kind = sniffed or "text"
    elif suffix in PDF_SUFFIXES:
        if sniffed is None and b"%PDF-" in data[:1024]:
            sniffed = "pdf"
        if sniffed is None:
            raise UnreadableInput(path, "not a PDF: the file does not start with %PDF-")
        kind = sniffed
    else:
        if sniffed is None:
            raise UnreadableInput(path, f"not an image: content does not match '{suffix}'")
        kind = sniffed
    return IngestedDoc(path=path, kind=kind, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
