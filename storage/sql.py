"""A DuckDB detail every query here must respect."""

from __future__ import annotations

from typing import Any

import duckdb


def first(result: duckdb.DuckDBPyConnection) -> Any:
    """The first row of a query's result (None if it has none), with the result consumed.

    ``fetchone()`` would leave the query open, and with it the cursor's transaction: an idle
    thread's cursor would then block every checkpoint after the next UPDATE or DELETE
    ("there are other write transactions active") and the WAL would grow without end."""
    rows = result.fetchall()
    return rows[0] if rows else None
