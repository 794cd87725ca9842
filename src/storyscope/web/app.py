"""The story pages and the JSON API: a FastAPI app over the same store the CLI uses.

Pages are server-rendered Jinja2 with a little plain JavaScript, so there is no front-end build.
Each request opens its own store connection (cheap for SQLite, and no connection is shared
between threads); analyses come from the store's cache and missing ones run in the background.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyscope.config import Settings
from storyscope.store import Store, open_store
from storyscope.web.analysis import Analyzer
from storyscope.web.index import IndexCache
from storyscope.web.outlets import LEAN_LABELS, OutletDirectory
from storyscope.web.queries import UnsupportedStore

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


class ServerTiming:
    """Adds ``Server-Timing: app;dur=<ms>`` measured up to the moment headers are sent.

    Pages and JSON are rendered in full before their headers go out, so this is the server time
    of the whole response; a pure ASGI wrapper adds no per-request task like BaseHTTPMiddleware.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1000.0
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={ms:.2f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed)


@dataclass
class Web:
    """Per-app state the routes share: settings, templates, outlet facts, background analyses."""

    settings: Settings
    templates: Environment
    directory: OutletDirectory
    analyzer: Analyzer
    index: IndexCache = field(default_factory=IndexCache)
    # One ingest + regroup at a time: two clusterers racing would each regroup a stale view.
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)

    def store(self) -> Store:
        return open_store(self.settings)

    def outlets(self, store: Store) -> dict[str, int]:
        """Stored outlet names with their article counts."""
        return self.index.get(store).outlet_articles

    def warm(self) -> None:
        """Build the story index and outlet facts before the first visitor has to wait for them."""
        try:
            store = self.store()
            try:
                for name in self.outlets(store):
                    self.directory.facts(name)
            finally:
                store.close()
        except Exception as exc:  # the first request will report the same problem in one line
            log.warning("warming the story index failed: %s", exc)

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(settings=self.settings, **context)
        return HTMLResponse(html, status_code=status_code)


def web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


def store_of(request: Request) -> Iterator[Store]:
    """FastAPI dependency: one store connection per request, closed after the response."""
    store = web(request).store()
    try:
        yield store
    finally:
        store.close()


def _date(value: object, fmt: str = "%Y-%m-%d") -> str:
    """Jinja filter: an ISO string or datetime shown in UTC; empty for no date."""
    if not value:
        return ""
    when = value
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(when, datetime):
        return (when.astimezone(UTC) if when.tzinfo else when).strftime(fmt)
    return str(value)


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = _date
    env.globals["LEAN_LABELS"] = LEAN_LABELS
    return env


def _errors(app: FastAPI) -> None:
    def one_line(status: int) -> Callable[[Request, Exception], Response]:
        def handler(request: Request, exc: Exception) -> Response:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if request.url.path.startswith("/api/"):
                return JSONResponse({"detail": message}, status_code=status)
            return web(request).render("error.html", status, title="Error", message=message)

        return handler

    from storyscope.registry import BackendError
    from storyscope.store.sqlite import StoreError

    app.add_exception_handler(UnsupportedStore, one_line(501))
    app.add_exception_handler(StoreError, one_line(500))
    app.add_exception_handler(BackendError, one_line(500))


def create_app(settings: Settings, *, background_analysis: bool = True) -> FastAPI:
    """The app; ``background_analysis=False`` leaves unanalysed stories as they are (benchmarks)."""
    from storyscope.web.routes import api, pages

    state = Web(
        settings=settings,
        templates=templates(),
        directory=OutletDirectory(settings),
        analyzer=Analyzer(settings, enabled=background_analysis),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=state.warm, name="warm-index", daemon=True).start()
        yield
        state.analyzer.shutdown()

    app = FastAPI(
        title="storyscope",
        version="0.1.0",
        summary="Every side of a news story: stories, sources, claims, conflicts, quotes, framing.",
        description=(
            "JSON API over a storyscope store. Story reports follow the `storyscope.report/1` "
            "schema (docs/report-schema.md). `POST /api/articles` is enabled only when an API "
            "token is configured (`STORYSCOPE_API_TOKEN`) and needs `Authorization: Bearer <token>`."
        ),
        lifespan=lifespan,
    )
    app.state.web = state
    app.add_middleware(ServerTiming)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    _errors(app)
    return app


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app under uvicorn until interrupted (``storyscope serve``)."""
    import uvicorn

    app = create_app(settings)
    # Everything alive now (modules, templates, the app) lives as long as the process; moving it
    # out of the collector's sight keeps full collections from pausing requests for 50+ ms.
    gc.freeze()
    log.info("serving %s on http://%s:%d/", settings.db, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
