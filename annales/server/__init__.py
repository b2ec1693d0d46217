"""server: `annales serve`, a read-only JSON API and the dashboard over a store (docs/api.md).

Not a pipeline stage: it reads what the `store` stage wrote, from a private snapshot (`snapshot.py`), so an
ingest can keep writing to the same store."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
