"""SQLite catalogue of a run's outputs: documents, facts and findings, written as documents finish."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from pipeline.contract import FACT_FIELDS

CATALOGUE = "catalogue.sqlite"
FACT_COLUMNS = FACT_FIELDS
_QUOTED = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
INSERT_FACT = (f'INSERT INTO facts (document, id, {_QUOTED}, page, start, "end", quote) '
               f'VALUES ({",".join("?" * (len(FACT_COLUMNS) + 6))})')
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY, path TEXT, sha256 TEXT, kind TEXT, title TEXT, insats TEXT,
    organisation TEXT, period TEXT, status TEXT, error TEXT, pages INTEGER, facts INTEGER,
    findings INTEGER, seconds REAL, pipeline_version TEXT);
CREATE TABLE IF NOT EXISTS facts (
    document TEXT, id TEXT, {_QUOTED},
    page INTEGER, start INTEGER, "end" INTEGER, quote TEXT, PRIMARY KEY (document, id));
CREATE TABLE IF NOT EXISTS findings (
    document TEXT, id TEXT, rule TEXT, severity TEXT, message TEXT, "values" TEXT, facts TEXT,
    pages TEXT, evidence TEXT, PRIMARY KEY (document, id));
"""


def connect(out_dir: Path) -> sqlite3.Connection:
    """Open (and create) the catalogue of an output folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(out_dir / CATALOGUE)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(SCHEMA)
    return con


def record(con: sqlite3.Connection, source: Path, output: Path, seconds: float) -> None:
    """Replace one document's rows with what its output JSON says, in one transaction."""
    data: dict[str, Any] = json.loads(output.read_text("utf-8"))
    name = output.stem
    doc = data.get("document", {})
    errors = "; ".join(e["message"] for e in data.get("errors", [])) or None
    with con:
        for table in ("documents", "facts", "findings"):
            key = "name" if table == "documents" else "document"
            con.execute(f"DELETE FROM {table} WHERE {key} = ?", (name,))
        con.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (name, str(source), data.get("input_sha256"), doc.get("kind"), doc.get("title"),
             doc.get("insats"), doc.get("organisation"), doc.get("period"), data.get("status"),
             errors, len(data.get("pages", [])), len(data.get("facts", [])),
             len(data.get("findings", [])), round(seconds, 3), data.get("pipeline_version")))
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


def query(out_dir: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run a read-only SQL query on the catalogue; return column names and rows."""
    path = out_dir / CATALOGUE
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cur = con.execute(sql)
        return [d[0] for d in cur.description or ()], cur.fetchall()
    finally:
        con.close()
