"""Export stage: validate each output against schemas/ and write it atomically."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from pipeline.models import DocumentOutput, NormDoc, to_json

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


@cache
def validator() -> Draft202012Validator:
    """A validator for the document schema, with the fact and finding schemas registered."""
    resources = []
    for p in SCHEMA_DIR.glob("*.schema.json"):
        schema = json.loads(p.read_text("utf-8"))
        res = Resource.from_contents(schema)
        resources += [(schema["$id"], res), (p.name, res)]
    registry = Registry().with_resources(resources)
    root = json.loads((SCHEMA_DIR / "document.schema.json").read_text("utf-8"))
    return Draft202012Validator(root, registry=registry)


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the published contract, as readable lines."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in validator().iter_errors(data)]


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file in the same folder and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for everyone who reads them
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(data: dict[str, Any]) -> str:
    """Deterministic JSON text; NaN and Infinity, which JSON does not have, are refused."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"


def export(out: DocumentOutput, out_dir: Path, name: str, norm: NormDoc | None = None,
           save_text: bool = False) -> Path:
    """Validate and write `<name>.json` (and `<name>.txt` with the normalised text if asked).

    The text is written first and the JSON last, so a JSON on disk always has its text beside it;
    a `.txt` left from an earlier run is removed when this output has none, as its offsets would
    no longer fit.
    """
    data = to_json(out)
    problems = schema_errors(data)
    if problems:
        raise ValueError("output breaks schemas/: " + "; ".join(problems[:5]))
    text = dumps(data)
    txt = out_dir / f"{name}.txt"
    if save_text and norm is not None:
        write_atomic(txt, norm.text)
    else:
        txt.unlink(missing_ok=True)
    path = out_dir / f"{name}.json"
    write_atomic(path, text)
    return path
