"""`annales serve`: the read-only API and dashboard over a store (docs/api.md)."""

from __future__ import annotations

import typer

from ..errors import AnnalesError
from ._util import app, err_console, fail

LOCALHOST = "127.0.0.1"


@app.command("serve")
def serve_cli(
    db: str = typer.Option("annales.duckdb", "--db", help="DuckDB file of the store."),
    host: str = typer.Option(LOCALHOST, help="Address to listen on. The default is reachable from this machine only; 0.0.0.0 opens it to the network."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    refresh: float = typer.Option(10.0, min=0, help="Seconds between checks for a changed store (0: serve the first snapshot only)."),
    snapshot_dir: str | None = typer.Option(None, "--snapshot-dir", help="Folder for the server's private copy of the store (default: the system's temporary folder)."),
    cache_entries: int | None = typer.Option(None, "--cache-entries", min=0, help="JSON answers kept in memory per snapshot (default 1024; 0: none)."),
) -> None:
    """Serve the store: JSON API (OpenAPI at /docs) and the dashboard at /. Reads a private snapshot of the
    store, renewed when it changes, so an ingest can write to it meanwhile."""
    import uvicorn

    from ..server import create_app

    try:
        cache = {} if cache_entries is None else {"cache_entries": cache_entries}
        application = create_app(db, refresh=refresh, snapshot_dir=snapshot_dir, **cache)
    except AnnalesError as exc:
        fail(str(exc))
    if host not in (LOCALHOST, "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach this machine can read the store")
    err_console.print(f"dashboard: http://{'localhost' if host == LOCALHOST else host}:{port}/   API: /api/…   OpenAPI: /docs")
    uvicorn.run(application, host=host, port=port, log_level="warning")
