"""`annales serve`: the read-only API and dashboard over a store (docs/api.md)."""

from __future__ import annotations

import json
import os
from typing import Any

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
    cache_mib: int | None = typer.Option(None, "--cache-mib", min=0, help="MiB of JSON answers kept in memory per process (default 256; 0: none)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes (each keeps its own snapshot: disk and memory grow with them)."),
) -> None:
    """Serve the store: JSON API (OpenAPI at /docs) and the dashboard at /. Reads a private snapshot of the
    store, renewed when it changes, so an ingest can write to it meanwhile."""
    import uvicorn

    from ..server import create_app
    from ..server.app import SERVE_ENV
    from ..server.snapshot import require_store

    options: dict[str, Any] = {"db": db, "refresh": refresh, "snapshot_dir": snapshot_dir}
    if cache_mib is not None:
        options["cache_mib"] = cache_mib
    try:
        # several workers build their own applications: here only the store is checked, not copied
        application = create_app(**options) if workers == 1 else None
        require_store(db)
    except AnnalesError as exc:
        fail(str(exc))
    if host not in (LOCALHOST, "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach this machine can read the store")
    err_console.print(f"dashboard: http://{'localhost' if host == LOCALHOST else host}:{port}/   API: /api/…   OpenAPI: /docs")
    if application is not None:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    os.environ[SERVE_ENV] = json.dumps(options)
    uvicorn.run("annales.server.app:app_from_environment", factory=True, workers=workers, host=host, port=port, log_level="warning")
