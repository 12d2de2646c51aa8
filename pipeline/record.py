"""The run record: `OUT/runs/<timestamp>.json`, what a run was asked, ran with, did and skipped."""

from __future__ import annotations

import hashlib
import json
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.models import PIPELINE_VERSION, RunContext, Skipped
from pipeline.run import DocResult

LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "pytesseract", "pillow", "numpy", "spacy",
             "wordfreq", "spylls", "rapidfuzz", "jsonschema", "openpyxl", "tqdm")
LANGUAGES = ("swe", "osd", "eng")


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def _tesseract() -> dict[str, Any]:
    """Tesseract's version and, for each language the pipeline uses, which data file it reads."""
    exe = shutil.which("tesseract")
    if exe is None:
        return {"installed": False}
    version = _run([exe, "--version"]).splitlines()
    listing = _run([exe, "--list-langs"])
    m = re.search(r'"(.+?)"', listing)
    tessdata = Path(m.group(1)) if m else None
    langs: dict[str, Any] = {}
    for lang in LANGUAGES:
        f = tessdata / f"{lang}.traineddata" if tessdata else None
        if f is None or not f.is_file():
            langs[lang] = None
            continue
        info: dict[str, Any] = {"file": str(f), "bytes": f.stat().st_size,
                                "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
        package = _run(["dpkg-query", "-W", "-f", "${Version}", f"tesseract-ocr-{lang}"]).strip()
        if package:
            info["package"] = f"tesseract-ocr-{lang} {package}"
        langs[lang] = info
    return {"installed": True, "path": exe, "version": version[0] if version else None,
            "leptonica": version[1].strip() if len(version) > 1 else None, "languages": langs}


@cache
def versions() -> dict[str, Any]:
    """finsam, Python, Tesseract with its language data, and the libraries that shape outputs."""
    libs: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libs[name] = None
    try:
        from pypdfium2.version import PDFIUM_INFO

        libs["pdfium"] = str(PDFIUM_INFO)
    except ImportError:
        libs["pdfium"] = None
    return {"finsam": PIPELINE_VERSION,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "platform": platform.platform(), "tesseract": _tesseract(), "libraries": libs}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class RunRecord:
    """A run's record, written when the run starts and rewritten when it ends."""

    out_dir: Path
    command: list[str]
    arguments: dict[str, Any]
    limits: dict[str, Any]
    started: str = field(default_factory=_now)
    finished: str | None = None
    state: str = "running"
    counts: dict[str, int] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    catalogue: dict[str, int] = field(default_factory=dict)
    other_outputs: list[str] = field(default_factory=list)  # in --out, from no input of this run
    exit_code: int | None = None
    path: Path | None = None

    @classmethod
    def begin(cls, out_dir: Path, command: list[str], arguments: dict[str, Any],
              ctx: RunContext) -> RunRecord:
        """Start a record with the run's arguments and limits; `write` puts it on disk."""
        limits = {"doc_timeout_s": ctx.doc_timeout_s, "max_memory_mb": ctx.max_memory_mb,
                  "max_pixels": ctx.max_pixels, "page_timeout_s": ctx.page_timeout_s,
                  "dpi": ctx.dpi}
        return cls(out_dir, command, arguments, limits)

    def add(self, r: DocResult, display: str) -> None:
        """Note one processed document."""
        entry = {"name": r.name, "path": display, "status": r.status,
                 "seconds": round(r.seconds, 3), "peak_mb": r.peak_mb}
        self.documents.append(entry)
        if r.status == "failed":
            self.failures.append({"name": r.name, "path": display, "reason": r.error,
                                  "output_written": r.written})

    def skip(self, items: tuple[Skipped, ...]) -> None:
        """Note paths that were not processed."""
        self.skipped += [{"path": s.path, "reason": s.reason, "counts": s.counts} for s in items]

    def to_json(self) -> dict[str, Any]:
        """The record as JSON data."""
        data = asdict(self)
        data.pop("path")
        data["out_dir"] = str(self.out_dir)
        data["versions"] = versions()
        return data

    def write(self) -> Path | None:
        """Write (or rewrite) the record atomically; None when it cannot be written (disk full)."""
        from pipeline.stages.export import write_atomic

        runs = self.out_dir / "runs"
        try:
            runs.mkdir(parents=True, exist_ok=True)
            if self.path is None:
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")  # sorts as it happened
                self.path = runs / f"{stamp}.json"
                n = 1
                while self.path.exists():
                    self.path = runs / f"{stamp}-{n}.json"
                    n += 1
            write_atomic(self.path, json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n")
        except OSError:
            return None
        return self.path

    def interrupted(self) -> Path | None:
        """Close the record of a run stopped by Ctrl-C or SIGTERM (what finished is in it)."""
        self.finished, self.state, self.exit_code = _now(), "interrupted", 130
        return self.write()

    def finish(self, state: str, counts: dict[str, int], exit_code: int) -> Path | None:
        """Close the record with the counts and exit code."""
        self.finished, self.state, self.counts, self.exit_code = _now(), state, counts, exit_code
        return self.write()


def argv_text(argv: list[str] | None) -> list[str]:
    """The command line as printable text."""
    from pipeline.stages.ingest import display

    return ["finsam", *(display(a) for a in (sys.argv[1:] if argv is None else argv))]
