"""Shared fixtures for ingest tests: a real loopback HTTP server, settings on a tmp store, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from storyscope.config import Settings
from storyscope.model import Outlet
from storyscope.outlets.registry import OutletRegistry
from storyscope.store.sqlite import SQLiteStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
REPO = Path(__file__).resolve().parents[2]
STORYSCOPE = REPO / ".venv" / "bin" / "storyscope"

ROBOTS = "User-agent: *\nDisallow: /private/\n"
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml", ".txt": "text/plain"}


@dataclass
class Loopback:
    """A real HTTP server on 127.0.0.1 serving the fixture files, plus endpoints that misbehave."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    # /watch/feed.xml serves these fixture files in turn: the n-th request gets the n-th (or last)
    watch_sequence: list[str] = field(default_factory=list)
    watch_hits: int = 0
    robots: str = ROBOTS

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


class _Handler(BaseHTTPRequestHandler):
    """Serves the fixture files and the misbehaving endpoints; ``state`` is set per server."""

    state: Loopback

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _fixture(self, rel: str) -> bytes:
        return (FIXTURES / rel).read_bytes().replace(b"{{BASE}}", self.state.base.encode())

    def _stream(self, pieces: int, piece: bytes, pause: float = 0.0) -> None:
        """A body without Content-Length, written piece by piece until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(pieces):
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _redirect(self, path: str) -> None:
        """/redirect/<n>/<target>: n hops of 302, then the target path."""
        hops, _, target = path[len("/redirect/") :].partition("/")
        where = f"/redirect/{int(hops) - 1}/{target}" if int(hops) > 1 else "/" + target
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _watch_feed(self) -> None:
        """The n-th request gets the n-th file of ``watch_sequence``; ETag and 304 honoured."""
        self.state.watch_hits += 1
        index = min(self.state.watch_hits, len(self.state.watch_sequence)) - 1
        name = self.state.watch_sequence[index]
        etag = f'"v{self.state.watch_sequence.index(name)}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        modified = f"Tue, 04 Mar 2025 1{index}:00:00 GMT"
        headers = {"ETag": etag, "Last-Modified": modified}
        self._send(200, self._fixture(name), "application/atom+xml", headers)

    def _file(self, path: str) -> None:
        if path.startswith("/private/"):  # robots.txt disallows it; served if asked anyway
            path = "/pages/" + path.rsplit("/", 1)[1]
        ctype = None
        if path.startswith("/relative/"):  # the Atom feed with its links made relative
            body = (FIXTURES / "feeds" / path.rsplit("/", 1)[1]).read_bytes()
            self._send(200, body.replace(b"{{BASE}}", b".."), "application/atom+xml")
            return
        if path.startswith("/text-xml/"):  # a feed served with a generic type: sniffed
            path, ctype = "/feeds/" + path.rsplit("/", 1)[1], "text/xml"
        target = FIXTURES / path.lstrip("/")
        if ".." in path or not target.is_file():
            self._send(404, b"not found", "text/plain")
            return
        ctype = ctype or _TYPES.get(target.suffix, "application/octet-stream")
        self._send(200, self._fixture(path.lstrip("/")), ctype)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.state.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
        if path == "/robots.txt":
            self._send(200, self.state.robots.encode(), "text/plain")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
        elif path == "/huge":
            self._send(200, b"x" * 2_000_000, "text/html")
        elif path == "/huge-chunked":
            self._stream(200, b"<p>" + b"y" * 20_000 + b"</p>")
        elif path == "/trickle":  # a byte every 0.2 s: each read is quick, the whole is not
            self._stream(100, b"x", pause=0.2)
        elif path.startswith("/redirect/"):
            self._redirect(path)
        elif path == "/watch/feed.xml":
            self._watch_feed()
        else:
            self._file(path)


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    state = Loopback(base="")
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db=str(tmp_path / "test.db"),
        progress="never",
        fetch_timeout=1.0,
        fetch_max_bytes=1_000_000,
        file_max_bytes=1_000_000,
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[SQLiteStore]:
    st = SQLiteStore(settings.db)
    try:
        yield st
    finally:
        st.close()


@pytest.fixture
def registry() -> OutletRegistry:
    """The real registry over two fictional outlets, so tests do not depend on the shipped one."""
    return OutletRegistry(
        [
            Outlet(
                name="Coastline Wire",
                aliases=("CW",),
                domains=("coastlinewire.example",),
                signatures=("(Coastline Wire) -",),
            ),
            Outlet(
                name="The Harbor Gazette",
                aliases=("Harbor Gazette",),
                domains=("harborgazette.example",),
            ),
        ]
    )


def run_cli(
    args: list[str],
    cwd: Path,
    *,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """The real ``storyscope`` command in a subprocess (cwd chosen so no stray config is read)."""
    full_env = {**os.environ, "STORYSCOPE_PROGRESS": "never", **(env or {})}
    command = [str(STORYSCOPE)] if STORYSCOPE.exists() else [sys.executable, "-m", "storyscope.cli"]
    return subprocess.run(
        command + args,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli(tmp_path: Path) -> Any:
    """``cli(args, stdin=None, env=None)`` runs the real command in ``tmp_path``."""

    def call(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        return run_cli(args, tmp_path, **kwargs)

    return call


@pytest.fixture
def storyscope_cmd() -> list[str]:
    """The command line that starts the real CLI (for tests that need ``Popen``)."""
    return [str(STORYSCOPE)] if STORYSCOPE.exists() else [sys.executable, "-m", "storyscope.cli"]
