"""The FastAPI application: JSON endpoints over a snapshot of the store, downloads, and the dashboard."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from threading import Lock
from typing import Annotated, Any

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..store.queries import like_contains, spreadsheet_safe
from ..stories import RECORD_COLUMNS
from .filters import (
    EVENT_DAY,
    EVENT_SORTS,
    PAGE_MAX,
    RECORD_SORTS,
    STORY_SORTS,
    ArticleQuery,
    EventFilters,
    EventPage,
    ListQuery,
    NetworkQuery,
    RecordQuery,
    SeriesQuery,
    StoryQuery,
)
from .snapshot import EVENT_FIELDS, Snapshots

log = logging.getLogger("annales.server")

STATIC = Path(str(files("annales.server") / "static"))
EVENT_SELECT = ", ".join(f"e.{f}" for f in EVENT_FIELDS)
EVENTS_FROM = "event_view e"
# The sort that event_view's rows are stored in (snapshot.EVENT_VIEW).
STORED_ORDER = "-date"
DOWNLOAD_BATCH = 2000
CACHE_MIB = 256
CACHE_MAX_BYTES = 1 << 20
# The dashboard runs only its own scripts and talks only to this server; /docs needs its inline start-up script.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
INTERVALS = {"day": "'day'", "week": "'week'", "month": "'month'"}
STORY_FIELDS = ("story_id", "label", "first_date", "last_date", "n_articles", "n_sources", "languages", "first_seen", "last_seen", "method")
STORY_SELECT = ", ".join(f"s.{f}" for f in STORY_FIELDS)
RECORD_SELECT = ", ".join(f"r.{f}" for f in RECORD_COLUMNS)
# The link tables the story and record endpoints read (annales/stories; a store never linked has them empty or lacks them).
LINK_READ = ("stories", "story_articles", "event_records", "event_mentions", "duplicate_groups")


class ResponseCache:
    """Recent JSON bodies by snapshot generation and URL, up to `mib` MiB in all: the same view asked by many
    clients is read once. Answers of an older snapshot are never served again and age out first."""

    def __init__(self, mib: int = CACHE_MIB) -> None:
        self.limit = mib << 20
        self.size = 0
        self._bodies: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[int, str]) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple[int, str], body: bytes) -> None:
        if len(body) > min(CACHE_MAX_BYTES, self.limit):
            return
        with self._lock:
            previous = self._bodies.pop(key, None)
            self.size += len(body) - (len(previous) if previous is not None else 0)
            self._bodies[key] = body
            while self.size > self.limit:
                _, dropped = self._bodies.popitem(last=False)
                self.size -= len(dropped)


def create_app(
    db: str | Path, *, refresh: float = 10.0, snapshot_dir: str | Path | None = None, cache_mib: int = CACHE_MIB,
) -> FastAPI:
    """The application serving the store `db` (E101 at once if there is none), keeping up to `cache_mib` MiB
    of JSON answers (0: none)."""
    snapshots = Snapshots(db, refresh=refresh, folder=snapshot_dir)
    cache = ResponseCache(cache_mib)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        snapshots.start()
        try:
            yield
        finally:
            snapshots.close()

    app = FastAPI(
        title="Annales", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Events, actors, places and articles of an Annales store (read-only). See docs/api.md.",
    )
    app.state.snapshots = snapshots
    app.add_middleware(CachedAndGuarded, cache=cache, snapshots=snapshots)

    def query(sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = snapshots.cursor()
        try:
            result = cursor.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]
        finally:
            cursor.close()

    def cached(request: Request, build: Callable[[], Any]) -> Response:
        """The JSON answer of `build()` (an object, or JSON bytes already), kept for the same URL on the same
        snapshot (`CachedAndGuarded` serves it again)."""
        generation = snapshots.generation  # before the query: an answer is never filed under a newer snapshot
        answer = build()
        body = answer if isinstance(answer, bytes) else to_json(answer)
        cache.put((generation, cache_key(request.scope)), body)
        return Response(body, media_type="application/json")

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_parameter", "; ".join(describe(e) for e in exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "not_found" if exc.status_code == 404 else "method_not_allowed" if exc.status_code == 405 else "http_error"
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(duckdb.Error)
    async def store_error(_: Request, exc: duckdb.Error) -> JSONResponse:
        log.error("query failed: %s", exc)
        return error_response(503, "store_error", "the store could not answer this query")

    @app.get("/api/meta", tags=["store"])
    def meta(request: Request) -> Response:
        """What the store holds: counts, languages, date range, event types, the snapshot's time."""
        def build() -> dict[str, Any]:
            counts = query(
                "SELECT (SELECT count(*) FROM articles WHERE ok) AS articles, (SELECT count(*) FROM events) AS events,"
                " (SELECT count(DISTINCT code) FROM actors WHERE code IS NOT NULL) AS actors,"
                f" (SELECT min({EVENT_DAY}) FROM {EVENTS_FROM}) AS first_date, (SELECT max({EVENT_DAY}) FROM {EVENTS_FROM}) AS last_date"
            )[0]
            pairs = {
                "languages": "SELECT language, count(*) FROM articles WHERE ok GROUP BY 1 ORDER BY 2 DESC, 1",
                "plover": "SELECT plover, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
                "cameo_roots": "SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1",
                "modalities": "SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
            }
            out = dict(counts)
            for name, sql in pairs.items():
                out[name] = [list(row.values()) for row in query(sql)]
            out["snapshot_at"] = snapshots.taken_at
            out["store"] = Path(snapshots.store_path).name
            return out
        return cached(request, build)

    @app.get("/api/events", tags=["events"])
    def events(request: Request, page: Annotated[EventPage, Query()]) -> Response:
        """One page of the events that match the filters."""
        def build() -> bytes:
            where, params = page.where()
            # event_view is stored in the default order, and a scan without ORDER BY keeps it: a default-sort page is
            # read as the scan goes, with no sort of every matching event. Each event's JSON was written with the
            # snapshot (snapshot.EVENT_JSON): a page reads three columns, not thirty.
            order = "" if page.sort == STORED_ORDER else f" ORDER BY {EVENT_SORTS[page.sort]}, e.article_id, e.event_id"
            rows = query(f"SELECT e.article_id, e.event_id, e.event_json FROM {EVENTS_FROM} WHERE {where}{order} LIMIT ? OFFSET ?",
                         [*params, page.limit, page.offset])
            if (rows and len(rows) < page.limit) or (not rows and not page.offset):
                total = page.offset + len(rows)  # the last page: the count is known without counting
            else:
                total = query(f"SELECT count(*) AS n FROM {EVENTS_FROM} WHERE {where}", params)[0]["n"]
            head = to_json({"total": total, "limit": page.limit, "offset": page.offset, "events": []})
            return head[:-2] + b",".join(event_json(row) for row in rows) + b"]}"
        return cached(request, build)

    def event_json(row: dict[str, Any]) -> bytes:
        """The JSON object of an event: the one written with the snapshot, or, where it has none, written here."""
        written: str | None = row["event_json"]
        if written is not None:
            return written.encode()
        fields = query(f"SELECT {EVENT_SELECT} FROM {EVENTS_FROM} WHERE e.article_id = ? AND e.event_id = ?",
                       [row["article_id"], row["event_id"]])[0]
        return to_json(fields)

    @app.get("/api/events.csv", tags=["events"], response_class=StreamingResponse)
    def events_csv(filters: Annotated[EventFilters, Query()]) -> StreamingResponse:
        """Every event that matches the filters, as CSV (cells that a spreadsheet would run are neutralised)."""
        def lines() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(EVENT_FIELDS)
            for batch in event_batches(filters):
                for row in batch:
                    writer.writerow([spreadsheet_safe(cell) for cell in row])
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            yield buffer.getvalue()
        return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="annales-events.csv"'})

    @app.get("/api/events.jsonl", tags=["events"], response_class=StreamingResponse)
    def events_jsonl(filters: Annotated[EventFilters, Query()]) -> StreamingResponse:
        """Every event that matches the filters, one JSON object a line."""
        def lines() -> Iterator[str]:
            for batch in event_batches(filters):
                yield "".join(to_json(dict(zip(EVENT_FIELDS, row))).decode() + "\n" for row in batch)
        return StreamingResponse(lines(), media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'attachment; filename="annales-events.jsonl"'})

    def event_batches(filters: EventFilters) -> Iterator[list[tuple[Any, ...]]]:
        where, params = filters.where()
        cursor = snapshots.cursor()
        try:
            result = cursor.execute(
                f"SELECT {EVENT_SELECT} FROM {EVENTS_FROM} WHERE {where} ORDER BY {EVENT_SORTS['-date']}, e.article_id, e.event_id", params
            )
            while batch := result.fetchmany(DOWNLOAD_BATCH):
                yield batch
        finally:
            cursor.close()

    @app.get("/api/timeseries", tags=["aggregates"])
    def timeseries(request: Request, series: Annotated[SeriesQuery, Query()]) -> Response:
        """Events per day, week or month: count, mean Goldstein, QuadClass split. Undated events are counted apart."""
        def build() -> dict[str, Any]:
            where, params = series.where()
            # One scan: the undated events are the group of period NULL, sorted last and taken out.
            rows = query(
                f"SELECT date_trunc({INTERVALS[series.interval]}, {EVENT_DAY})::DATE AS period, count(*) AS events,"
                " round(avg(e.goldstein), 3) AS goldstein_mean,"
                + ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS quad{q}" for q in range(1, 5))
                + f" FROM {EVENTS_FROM} WHERE {where} GROUP BY 1 ORDER BY 1 NULLS LAST",
                params,
            )
            undated = rows.pop()["events"] if rows and rows[-1]["period"] is None else 0
            return {"interval": series.interval, "series": rows, "undated": undated}
        return cached(request, build)

    @app.get("/api/network", tags=["aggregates"])
    def network(request: Request, graph: Annotated[NetworkQuery, Query()]) -> Response:
        """The dyads: an edge per (source code, target code) with its events and mean Goldstein."""
        def build() -> dict[str, Any]:
            where, params = graph.where()
            edges = query(
                "SELECT e.source_code AS source, e.target_code AS target, count(*) AS events,"
                f" round(avg(e.goldstein), 3) AS goldstein_mean FROM {EVENTS_FROM}"
                f" WHERE {where} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
                " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
                [*params, graph.limit],
            )
            totals: dict[str, int] = {}
            for edge in edges:
                for end in (edge["source"], edge["target"]):
                    totals[end] = totals.get(end, 0) + edge["events"]
            labels = {row["code"]: row for row in query(
                "SELECT code, label, country FROM actor_labels WHERE code IN (SELECT unnest(?::VARCHAR[]))", [list(totals)],
            )}
            nodes = [{"id": code, "label": labels.get(code, {}).get("label") or code,
                      "country": labels.get(code, {}).get("country"), "events": n} for code, n in totals.items()]
            return {"nodes": nodes, "edges": edges}
        return cached(request, build)

    @app.get("/api/map", tags=["aggregates"])
    def event_map(request: Request, filters: Annotated[EventFilters, Query()]) -> Response:
        """Events per place where they happened, with mean Goldstein and the most frequent QuadClass."""
        def build() -> dict[str, Any]:
            where, params = filters.where()
            places = query(
                "SELECT e.location_name AS name, e.location_country AS country, e.lat, e.lon, count(*) AS events,"
                " round(avg(e.goldstein), 3) AS goldstein_mean, mode(e.quad_class) AS quad_class"
                f" FROM {EVENTS_FROM} WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
                " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1 LIMIT 5000",
                params,
            )
            return {"places": places}
        return cached(request, build)

    @app.get("/api/articles", tags=["articles"])
    def articles(request: Request, listing: Annotated[ArticleQuery, Query()]) -> Response:
        """Articles, newest first, with how many events each has."""
        def build() -> dict[str, Any]:
            clauses, params = ["a.ok"], []
            if listing.q:
                clauses.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
                params += [like_contains(listing.q)] * 2
            if listing.language:
                clauses.append("a.language = ?")
                params.append(listing.language)
            where = " AND ".join(clauses)
            total = query(f"SELECT count(*) AS n FROM articles a WHERE {where}", params)[0]["n"]
            rows = query(
                "SELECT a.article_id, a.id, a.title, a.published, a.language, a.source, a.url,"
                " (SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events"
                f" FROM articles a WHERE {where} ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?",
                [*params, listing.limit, listing.offset],
            )
            return {"total": total, "articles": rows}
        return cached(request, build)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(request: Request, article_id: str) -> Response:
        """One article: its fields and its full JSON record with every span's character offsets."""
        if len(article_id) > 128:
            raise HTTPException(404, "no such article")
        def build() -> bytes:
            rows = query(
                "SELECT article_id, id, title, published, language, source, url, path, text, record FROM articles WHERE article_id = ?",
                [article_id],
            )
            if not rows:
                raise HTTPException(404, f"no article {article_id!r} in this store")
            row = rows[0]
            # The stored record is JSON already: spliced in as it is, not parsed and written again (~10x cheaper).
            record = (row.pop("record") or "{}").encode()
            return to_json({"article": row})[:-1] + b',"record":' + record + b"}"
        return cached(request, build)

    @app.get("/api/actors", tags=["store"])
    def actors(request: Request, listing: Annotated[ListQuery, Query()]) -> Response:
        """Coded actors by how many events name them."""
        def build() -> dict[str, Any]:
            clauses, params = ["code IS NOT NULL"], []
            if listing.q:
                clauses.append("(code ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\')")
                params += [like_contains(listing.q)] * 2
            rows = query(
                "SELECT code, mode(name) AS name, mode(country) AS country, count(*) AS events, count(DISTINCT article_id) AS articles"
                " FROM (SELECT article_id, source_code AS code, source_name AS name, source_country AS country FROM events"
                " UNION ALL SELECT article_id, target_code, target_name, target_country FROM events)"
                f" WHERE {' AND '.join(clauses)} GROUP BY code ORDER BY events DESC, code LIMIT ? OFFSET ?",
                [*params, listing.limit, listing.offset],
            )
            return {"actors": rows}
        return cached(request, build)

    @app.get("/api/places", tags=["store"])
    def places(request: Request, listing: Annotated[ListQuery, Query()]) -> Response:
        """Places named in the articles, by how often."""
        def build() -> dict[str, Any]:
            clauses, params = ["TRUE"], []
            if listing.q:
                clauses.append("name ILIKE ? ESCAPE '\\'")
                params.append(like_contains(listing.q))
            rows = query(
                "SELECT name, country, lat, lon, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM places"
                f" WHERE {' AND '.join(clauses)} GROUP BY 1, 2, 3, 4 ORDER BY mentions DESC, name LIMIT ? OFFSET ?",
                [*params, listing.limit, listing.offset],
            )
            return {"places": rows}
        return cached(request, build)

    def linked() -> bool:
        """Whether the current snapshot holds the link tables (a store written before they existed does not)."""
        found = {row["table_name"] for row in query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()"
        )}
        return all(table in found for table in LINK_READ)

    def linked_page(key: str, source: str, select: str, order: str, listing: StoryQuery | RecordQuery) -> dict[str, Any]:
        """One page of a link table (`source`, such as "stories s") under `listing`'s filters, with the total; empty
        in a store that was never linked."""
        if not linked():
            return {"total": 0, "limit": listing.limit, "offset": listing.offset, key: []}
        where, params = listing.where()
        total = query(f"SELECT count(*) AS n FROM {source} WHERE {where}", params)[0]["n"]
        rows = query(f"SELECT {select} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, listing.limit, listing.offset])
        return {"total": total, "limit": listing.limit, "offset": listing.offset, key: rows}

    @app.get("/api/stories", tags=["stories"])
    def story_list(request: Request, listing: Annotated[StoryQuery, Query()]) -> Response:
        """Stories (articles that report the same development, docs/stories.md), the largest first."""
        return cached(request, lambda: linked_page("stories", "stories s", STORY_SELECT, STORY_SORTS[listing.sort], listing))

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def story(request: Request, story_id: str) -> Response:
        """One story: its fields, its articles (oldest first, with how each joined) and its event records."""
        if len(story_id) > 128:
            raise HTTPException(404, "no such story")
        def build() -> dict[str, Any]:
            rows = query(f"SELECT {STORY_SELECT} FROM stories s WHERE s.story_id = ?", [story_id]) if linked() else []
            if not rows:
                raise HTTPException(404, f"no story {story_id!r} in this store")
            members = query(
                "SELECT a.article_id, a.id, a.title, a.published, a.language, a.source, a.url, m.rule, m.similarity, m.linked_to,"
                " d.group_id AS duplicate_group FROM story_articles m JOIN articles a USING (article_id)"
                " LEFT JOIN duplicate_groups d ON d.article_id = m.article_id"
                " WHERE m.story_id = ? ORDER BY a.published NULLS LAST, a.ingested_at, a.article_id", [story_id],
            )
            in_story = "r.record_id IN (SELECT m.record_id FROM event_mentions m JOIN story_articles sa USING (article_id) WHERE sa.story_id = ?)"
            n_records = query(f"SELECT count(*) AS n FROM event_records r WHERE {in_story}", [story_id])[0]["n"]
            records = query(
                f"SELECT {RECORD_SELECT} FROM event_records r WHERE {in_story} ORDER BY {RECORD_SORTS['-articles']} LIMIT ?",
                [story_id, PAGE_MAX],
            )
            return {"story": rows[0], "articles": members, "records_total": n_records, "records": records}
        return cached(request, build)

    @app.get("/api/records", tags=["stories"])
    def records(request: Request, listing: Annotated[RecordQuery, Query()]) -> Response:
        """Event records (one real-world event merged over its mentions, docs/stories.md), the most reported first."""
        return cached(request, lambda: linked_page("records", "event_records r", RECORD_SELECT, RECORD_SORTS[listing.sort], listing))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the package's own copy: no CDN.
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="Annales API",
            swagger_js_url="/assets/swagger/swagger-ui-bundle.js", swagger_css_url="/assets/swagger/swagger-ui.css",
            swagger_favicon_url="/assets/swagger/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            return PlainTextResponse("The dashboard is not built: cd frontend && npm ci && npm run build", status_code=503)
        return FileResponse(index, media_type="text/html")

    if (STATIC / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=STATIC / "assets"), name="assets")
    return app


# `annales serve --workers N` starts N processes, each calling `app_from_environment` (uvicorn's factory).
SERVE_ENV = "ANNALES_SERVE"


def app_from_environment() -> FastAPI:
    """The application described by $ANNALES_SERVE (JSON of `create_app`'s arguments)."""
    options = json.loads(os.environ[SERVE_ENV])
    return create_app(options.pop("db"), **options)


class CachedAndGuarded:
    """ASGI middleware: answers a GET from the response cache before any routing or validation (only valid
    requests are ever cached), and adds the security headers to every response."""

    def __init__(self, app: ASGIApp, *, cache: ResponseCache, snapshots: Snapshots) -> None:
        self.app = app
        self.cache = cache
        self.snapshots = snapshots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = (CSP_DOCS if scope["path"] == "/docs" else CSP).encode()
        headers = [(b"content-security-policy", policy), (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        if scope["method"] == "GET":
            body = self.cache.get((self.snapshots.generation, cache_key(scope)))
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]})
                await send({"type": "http.response.body", "body": body})
                return

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, guarded)


def cache_key(scope: Scope) -> str:
    query: bytes = scope.get("query_string", b"")
    return f"{scope['path']}?{query.decode('latin-1')}"


def to_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; dates as ISO text (jsonable_encoder costs ~2 ms on a page of events)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default).encode()


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def describe(error: Any) -> str:
    """One validation error in words: which parameter, what is wrong with it."""
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    if error.get("type") == "extra_forbidden":
        return f"unknown parameter {where!r}"
    return f"{where}: {error.get('msg', 'invalid')}"
