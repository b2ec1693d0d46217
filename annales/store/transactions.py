"""One explicit DuckDB transaction, for every writer of the store (the store itself, story linking, Parquet loading).
A module of its own so that packages the store imports can use it too."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One explicit transaction on `con`: committed when the block ends, rolled back when it raises (kill -9
    leaves it uncommitted either way, which is what makes a batch all or nothing)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise
