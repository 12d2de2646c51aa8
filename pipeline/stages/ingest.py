"""Ingest stage: find inputs and name their outputs, check they are readable, tell their kind."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import UnreadableInput, UnsupportedInput
from pipeline.models import IngestedDoc, InputFile, InputScan, Skipped

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

# Output names: a component longer than this (in UTF-8 bytes) is cut and given a hash, so that
# `.<name>.json.<random>.tmp` stays under the 255-byte limit of file names.
MAX_COMPONENT = 150
# Folder names at the top of --out that belong to the run, not to a mirrored input folder.
RESERVED_TOP = {"runs", "catalogue.sqlite", "catalogue.sqlite-wal", "catalogue.sqlite-shm",
                "catalogue.sqlite-journal"}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def display(path: Path | str) -> str:
    """A path as printable text: bytes that are not UTF-8 become \\xNN, control characters too."""
    text = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _has_known_suffix(name: str) -> bool:
    return any(name.lower().endswith(s) for s in SUFFIXES)


def _is_clean(part: str, leaf: bool, top: bool) -> bool:
    raw = os.fsencode(part)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if CONTROL.search(text) or text.startswith(".") or len(raw) > MAX_COMPONENT or "~" in text:
        return False
    if not leaf and (text.lower().endswith((".json", ".txt")) or (top and text in RESERVED_TOP)):
        return False  # a mirrored folder must not share a name with an output file or run files
    return True


def _cleaned(part: str, tag: str) -> str:
    """A readable stand-in for a component: old 8-bit names read as cp1252, cut, then tagged."""
    raw = os.fsencode(part)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = CONTROL.sub("_", text).lstrip(".").replace("~", "_") or "_"
    while len(text.encode("utf-8")) > MAX_COMPONENT - 20:
        text = text[:-1]
    return f"{text}~{tag}"


def output_name(parts: tuple[str, ...]) -> str:
    """The output name of an input from its path relative to the folder it was found under.

    Folders are mirrored and the file name kept whole (`2019/plan.pdf`), except that `.txt` is
    dropped (`2019/plan`) unless what is left still ends like an input (`x.pdf.txt`), so no two
    inputs share a name. A component that is not UTF-8, is too long, has control characters or
    would clash with the run's own files is replaced by a readable form plus a hash of the path.
    """
    tag = hashlib.sha256(b"/".join(os.fsencode(p) for p in parts)).hexdigest()[:10]
    out = []
    for i, part in enumerate(parts):
        leaf = i == len(parts) - 1
        if leaf and part.endswith(".txt") and len(part) > 4 and not _has_known_suffix(part[:-4]):
            part = part[:-4]
        out.append(part if _is_clean(part, leaf, i == 0) else _cleaned(part, tag))
    return "/".join(out)


def _problem(path: Path) -> tuple[str | None, os.stat_result | None]:
    """Why a file cannot be read (broken link, loop, not a regular file, no permission), or None."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop", None
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"broken symbolic link (to {display(os.readlink(path))})", None
        return f"cannot be read: {exc.strerror}", None
    if not stat.S_ISREG(st.st_mode):
        kind = ("FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else
                "socket" if stat.S_ISSOCK(st.st_mode) else
                "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file")
        return f"not a regular file but a {kind}", st
    if not os.access(path, os.R_OK):
        return "permission denied (file not readable)", st
    return None, st


class _Scanner:
    """Walks the paths of a run once, following folder links but never in a loop."""

    def __init__(self) -> None:
        self.files: list[InputFile] = []
        self.skipped: list[Skipped] = []
        self.seen_files: dict[tuple[int, int], str] = {}
        self.seen_dirs: set[tuple[int, int]] = set()

    def add_file(self, path: Path, parts: tuple[str, ...]) -> None:
        problem, st = _problem(path)
        if st is not None and stat.S_ISREG(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in self.seen_files:
                self.skipped.append(Skipped(display(path), f"same file as {self.seen_files[key]}",
                                            counts=False))
                return
            self.seen_files[key] = display(path)
        self.files.append(InputFile(path, output_name(parts), display(path), problem))

    def walk(self, folder: Path, parts: tuple[str, ...]) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            reason = "symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror
            self.skipped.append(Skipped(display(folder), f"folder cannot be read: {reason}"))
            return
        if (st.st_dev, st.st_ino) in self.seen_dirs:
            self.skipped.append(Skipped(display(folder), "folder already read (symbolic link loop "
                                                         "or a second link to it)", counts=False))
            return
        self.seen_dirs.add((st.st_dev, st.st_ino))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            self.skipped.append(Skipped(display(folder), f"folder cannot be read: {exc.strerror}"))
            return
        for e in entries:
            path = folder / e.name
            if e.name.startswith("."):
                self.skipped.append(Skipped(display(path), "hidden", counts=False))
                continue
            try:
                is_dir = e.is_dir()  # follows links; a broken or looping link is not a folder
            except OSError:
                is_dir = False
            if is_dir:
                self.walk(path, (*parts, e.name))
            elif Path(e.name).suffix.lower() in SUFFIXES:
                self.add_file(path, (*parts, e.name))
            else:
                self.skipped.append(Skipped(display(path), "not a file type finsam reads",
                                            counts=False))


def scan_inputs(paths: Iterable[Path]) -> InputScan:
    """Every input under the given files and folders, each file once, with skipped paths."""
    s = _Scanner()
    for p in paths:
        if p.is_dir():
            s.walk(p, ())
        elif p.suffix.lower() in SUFFIXES:
            s.add_file(p, (p.name,))
        else:
            s.skipped.append(Skipped(display(p), f"unsupported file type '{display(p.suffix)}' "
                                                 f"(finsam reads {', '.join(sorted(SUFFIXES))})"))
    return InputScan(tuple(s.files), tuple(s.skipped))


def find_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield input files under the given files and folders, recursively, in sorted order."""
    for f in scan_inputs(paths).files:
        yield f.path


def sniff_kind(head: bytes) -> str | None:
    """Return 'pdf' or 'image' when the leading bytes say so, else None."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def ingest(path: Path) -> IngestedDoc:
    """Check one file and return it with its kind and hash; raise DocumentError if unusable."""
    name = display(path)
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedInput(name, f"unsupported file type '{display(path.suffix)}'")
    problem, _ = _problem(path)
    if problem:
        raise UnreadableInput(name, problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(name, f"cannot be read: {exc.strerror}") from exc
    if not data:
        raise UnreadableInput(name, "empty file (0 bytes)")
    sniffed = sniff_kind(data[:16])
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        kind = sniffed or "text"
    elif suffix in PDF_SUFFIXES:
        if sniffed is None and b"%PDF-" in data[:65536]:  # junk before the header: mail wrappers
            sniffed = "pdf"
        if sniffed is None:
            raise UnreadableInput(name, "not a PDF: the file does not start with %PDF-")
        kind = sniffed
    else:
        if sniffed is None:
            raise UnreadableInput(name, f"not an image: content does not match '{suffix}'")
        kind = sniffed
    return IngestedDoc(path=path, kind=kind, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
