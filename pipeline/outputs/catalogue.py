"""SQLite catalogue of a run's outputs: documents, facts and findings, written as documents finish."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.contract import FACT_FIELDS

CATALOGUE = "catalogue.sqlite"
SCHEMA_VERSION = 2  # a catalogue of another version is rebuilt from the output JSONs
FACT_COLUMNS = FACT_FIELDS
_QUOTED = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
INSERT_FACT = (f'INSERT INTO facts (document, id, {_QUOTED}, page, start, "end", quote) '
               f'VALUES ({",".join("?" * (len(FACT_COLUMNS) + 6))})')
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY, path TEXT, sha256 TEXT, kind TEXT, title TEXT, insats TEXT,
    organisation TEXT, period TEXT, status TEXT, error TEXT, pages INTEGER, facts INTEGER,
    findings INTEGER, seconds REAL, pipeline_version TEXT, encoding TEXT, warnings TEXT);
CREATE TABLE IF NOT EXISTS facts (
    document TEXT, id TEXT, {_QUOTED},
    page INTEGER, start INTEGER, "end" INTEGER, quote TEXT, PRIMARY KEY (document, id));
CREATE TABLE IF NOT EXISTS findings (
    document TEXT, id TEXT, rule TEXT, severity TEXT, message TEXT, "values" TEXT, facts TEXT,
    pages TEXT, evidence TEXT, PRIMARY KEY (document, id));
"""
TABLES = ("documents", "facts", "findings")
# What `finsam query` may do: read tables and call functions. ATTACH (and VACUUM INTO, which
# attaches), PRAGMA, writes and schema changes are refused before the statement runs.
READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                sqlite3.SQLITE_RECURSIVE}
READ_PRAGMAS = {"table_info", "table_xinfo", "table_list", "index_list", "index_info"}


def connect(out_dir: Path) -> sqlite3.Connection:
    """Open (and create) the catalogue of an output folder; another schema version is rebuilt."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(out_dir / CATALOGUE)
    con.execute("PRAGMA journal_mode=WAL")
    if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        with con:
            for table in TABLES:
                con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    con.executescript(SCHEMA)
    return con


def output_files(out_dir: Path) -> Iterator[tuple[str, Path]]:
    """(name, path) of every output JSON under an output folder, run records left out."""
    for p in sorted(out_dir.rglob("*.json")):
        rel = p.relative_to(out_dir)
        if rel.parts[0] == "runs" or any(part.startswith(".") for part in rel.parts):
            continue
        yield rel.with_suffix("").as_posix(), p


def record(con: sqlite3.Connection, name: str, source: str | None, data: dict[str, Any],
           seconds: float | None) -> None:
    """Replace one document's rows with what its output JSON says, in one transaction."""
    doc = data.get("document", {})
    errors = "; ".join(e["message"] for e in data.get("errors", [])) or None
    warnings = "; ".join(w["message"] for w in data.get("warnings", [])) or None
    with con:
        for table in TABLES:
            key = "name" if table == "documents" else "document"
            con.execute(f"DELETE FROM {table} WHERE {key} = ?", (name,))
        con.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (name, source, data.get("input_sha256"), doc.get("kind"), doc.get("title"),
             doc.get("insats"), doc.get("organisation"), doc.get("period"), data.get("status"),
             errors, len(data.get("pages", [])), len(data.get("facts", [])),
             len(data.get("findings", [])), None if seconds is None else round(seconds, 3),
             data.get("pipeline_version"), data.get("encoding"), warnings))
        con.executemany(
            INSERT_FACT,
            [(name, f["id"], *(f.get(c) for c in FACT_COLUMNS), f["evidence"]["page"],
              f["evidence"]["start"], f["evidence"]["end"], f["evidence"]["quote"])
             for f in data.get("facts", [])])
        con.executemany(
            "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)",
            [(name, c["id"], c["rule"], c["severity"], c["message"], json.dumps(c["values"]),
              json.dumps(c["facts"]), json.dumps(sorted({e["page"] for e in c["evidence"]})),
              json.dumps(c["evidence"], ensure_ascii=False)) for c in data.get("findings", [])])


def forget(con: sqlite3.Connection, name: str) -> None:
    """Drop one document's rows."""
    with con:
        for table in TABLES:
            key = "name" if table == "documents" else "document"
            con.execute(f"DELETE FROM {table} WHERE {key} = ?", (name,))


def reconcile(con: sqlite3.Connection, out_dir: Path, sources: dict[str, str]) -> tuple[int, int]:
    """Make the catalogue say what the output JSONs say: rows added or replaced, rows dropped.

    A run killed between writing a JSON and its row, or a full disk, leaves them apart; `sources`
    gives the input path of names this run knows (others keep the path their row had).
    """
    rows = {n: (sha, status, version, path) for n, sha, status, version, path in con.execute(
        "SELECT name, sha256, status, pipeline_version, path FROM documents")}
    repaired = 0
    on_disk = set()
    for name, path in output_files(out_dir):
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # not an output we can read: its row goes, and the document is redone
        if not isinstance(data, dict) or "document" not in data:
            continue
        on_disk.add(name)
        row = rows.get(name)
        want = (data.get("input_sha256"), data.get("status"), data.get("pipeline_version"))
        if row is None or row[:3] != want or (name in sources and row[3] != sources[name]):
            record(con, name, sources.get(name, row[3] if row else None), data, None)
            repaired += 1
    gone = [n for n in rows if n not in on_disk]
    for name in gone:
        forget(con, name)
    return repaired, len(gone)


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None,
               trigger: str | None) -> int:
    if action in READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def query(out_dir: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a read-only SQL query on the catalogue; return column names and rows.

    The file is opened read-only and an authorizer refuses anything but reading, so neither
    the catalogue nor any other file can be written through a query.
    """
    path = (out_dir / CATALOGUE).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"no catalogue in {out_dir} (run `finsam extract ... --out {out_dir}`)")
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        con.set_authorizer(_authorize)
        cur = con.execute(sql)
        return [d[0] for d in cur.description or ()], cur.fetchall()
    finally:
        con.close()
