"""SQLite catalogue of a run's outputs: documents, facts and findings, written as documents finish."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.contract import (
    CATALOGUE_FINDING_COLUMNS,
    CATALOGUE_SIDE_COLUMNS,
    COMPARISON_COLUMNS,
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    GROUP_COLUMNS,
    Column,
)
from pipeline.outputs.rows import Row, crossdoc_rows, document_row, fact_rows, finding_rows

CATALOGUE = "catalogue.sqlite"
SCHEMA_VERSION = 4  # a catalogue of another version is rebuilt from the output JSONs
SQL_TYPES = {"text": "TEXT", "int": "INTEGER", "real": "REAL", "date": "TEXT"}
# `documents.name` is `documents.document` again, for queries written before the two were one.
EXTRA = {"documents": (Column("name", "text", "the same as document"),
                       Column("seconds", "real", "seconds the document took"))}
COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": (*DOCUMENT_COLUMNS, *EXTRA["documents"]), "facts": FACT_COLUMNS,
    "findings": CATALOGUE_FINDING_COLUMNS, "finding_sides": CATALOGUE_SIDE_COLUMNS,
    "groups": GROUP_COLUMNS, "comparisons": COMPARISON_COLUMNS,
}
KEYS = {"documents": "document", "facts": "fact_id", "findings": "finding_id",
        "finding_sides": "finding_id, side", "groups": "insats_group, document"}
# References Datasette (and any SQL browser) shows as links; SQLite does not enforce them here.
FOREIGN = {"facts": (("document", "documents", "document"),),
           "findings": (("document", "documents", "document"),),
           "finding_sides": (("finding_id", "findings", "finding_id"), ("fact_id", "facts", "fact_id"),
                             ("document", "documents", "document")),
           "groups": (("document", "documents", "document"),)}
TABLES = tuple(COLUMNS)
# Tables whose rows belong to one document (the rest are the cross-document stage's).
DOCUMENT_TABLES = ("documents", "facts", "findings", "finding_sides")


def _q(name: str) -> str:
    return f'"{name}"'


def _create(table: str) -> str:
    cols = ", ".join(f"{_q(c.name)} {SQL_TYPES[c.type]}" for c in COLUMNS[table])
    key = f", PRIMARY KEY ({KEYS[table]})" if table in KEYS else ""
    refs = "".join(f", FOREIGN KEY ({c}) REFERENCES {t} ({k})" for c, t, k in FOREIGN.get(table, ()))
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols}{key}{refs});"


SCHEMA = "\n".join(_create(t) for t in TABLES) + """
CREATE INDEX IF NOT EXISTS facts_document ON facts (document);
CREATE INDEX IF NOT EXISTS findings_document ON findings (document);
CREATE INDEX IF NOT EXISTS sides_fact ON finding_sides (fact_id);
"""
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
            for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                con.execute(f"DROP TABLE IF EXISTS {_q(table)}")
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


def _insert(con: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    cols = [c.name for c in COLUMNS[table]]
    con.executemany(f"INSERT INTO {table} ({', '.join(map(_q, cols))}) VALUES "
                    f"({', '.join('?' * len(cols))})", [[r.get(c) for c in cols] for r in rows])


def _delete(con: sqlite3.Connection, name: str) -> None:
    con.execute("DELETE FROM finding_sides WHERE finding_id IN "
                "(SELECT finding_id FROM findings WHERE document = ?)", (name,))
    con.execute("DELETE FROM documents WHERE document = ? OR name = ?", (name, name))
    for table in ("facts", "findings"):
        con.execute(f"DELETE FROM {table} WHERE document = ?", (name,))


def record(con: sqlite3.Connection, name: str, source: str | None, data: dict[str, Any],
           seconds: float | None) -> None:
    """Replace one document's rows with what its output JSON says, in one transaction."""
    with con:
        group = con.execute("SELECT insats_group FROM groups WHERE document = ?", (name,)).fetchone()
        _delete(con, name)
        row = document_row(name, source, data, group[0] if group else None,
                           None if seconds is None else round(seconds, 3))
        _insert(con, "documents", [{**row, "name": name}])
        _insert(con, "facts", fact_rows(name, source, data))
        findings, sides = finding_rows(name, data)
        _insert(con, "findings", findings)
        _insert(con, "finding_sides", sides)


def record_crossdoc(con: sqlite3.Connection, result: Any) -> None:
    """Replace the cross-document rows (groups, comparisons, findings across documents)."""
    rows = crossdoc_rows(result)
    with con:
        con.execute("DELETE FROM finding_sides WHERE finding_id IN "
                    "(SELECT finding_id FROM findings WHERE scope = 'insats')")
        con.execute("DELETE FROM findings WHERE scope = 'insats'")
        con.execute("DELETE FROM groups")
        con.execute("DELETE FROM comparisons")
        for table in ("groups", "comparisons", "findings", "finding_sides"):
            _insert(con, table, rows[table])
        con.execute("UPDATE documents SET insats_group = (SELECT insats_group FROM groups "
                    "WHERE groups.document = documents.document)")


def sources(out_dir: Path) -> dict[str, str]:
    """Document name -> the input path it was read from, from the catalogue when there is one."""
    db = out_dir / CATALOGUE
    if not db.exists():
        return {}
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {n: p for n, p in con.execute("SELECT document, path FROM documents") if p}
    except sqlite3.Error:
        return {}
    finally:
        con.close()


def forget(con: sqlite3.Connection, name: str) -> None:
    """Drop one document's rows."""
    with con:
        _delete(con, name)


def sweep_temp_files(out_dir: Path) -> int:
    """Remove the half-written files a killed run left ('.x.json.k3j2a9.tmp'); their outputs are redone."""
    swept = 0
    for path in out_dir.rglob(".*.tmp"):
        if path.is_file() and "runs" not in path.relative_to(out_dir).parts:
            try:
                path.unlink()
                swept += 1
            except OSError:
                continue  # not ours to remove: left for an analyst
    return swept


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
