"""Fetching pages and feeds politely: honest User-Agent, robots.txt, timeout, size cap, conditional GET.

One ``Fetcher`` per run keeps one connection pool and one parsed robots.txt per site. Every failure
is a ``FetchError`` whose message is one line a user can act on (no httpx traceback).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.message import Message
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from storyscope.config import Settings

if TYPE_CHECKING:
    import httpx
    from protego import Protego

__all__ = ["FetchError", "Fetched", "Fetcher"]

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
# seconds; a site asking for a longer Crawl-delay is still fetched, just not slower than this
MAX_CRAWL_DELAY = 10.0


class FetchError(Exception):
    """A URL that could not be fetched; ``str(exc)`` is the reason."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str  # lower-case media type without parameters, "" when not sent
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # where a redirect points

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), str(charset) if isinstance(charset, str) else None


class Fetcher:
    """HTTP GETs for one run. Use as a context manager so the pool is closed."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.agent = settings.user_agent
        # robots.txt groups are matched on the product token ("storyscope"), not the full string
        self.agent_token = self.agent.split("/")[0].split()[0] if self.agent else "*"
        self._transport = transport
        self._client: httpx.Client | None = None
        self._robots: dict[str, Protego | None] = {}
        self._last: dict[str, float] = {}  # origin -> monotonic time of our last request

    @property
    def client(self) -> httpx.Client:
        """The connection pool, opened on first use: runs without URLs never import httpx."""
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                headers={"User-Agent": self.agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(self.settings.fetch_timeout),
                follow_redirects=False,
                transport=self._transport,
            )
        return self._client

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return True if rules is None else bool(rules.can_fetch(url, self.agent_token))

    def _wait_turn(self, url: str) -> None:
        """Sleep out the site's robots.txt ``Crawl-delay`` (capped at MAX_CRAWL_DELAY) since our
        last request to it, so following a feed of 50 teasers does not hammer the site."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        delay = rules.crawl_delay(self.agent_token) if rules is not None else None
        last = self._last.get(origin)
        if delay and last is not None:
            wait = min(float(delay), MAX_CRAWL_DELAY) - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last[origin] = time.monotonic()

    def _load_robots(self, origin: str) -> Protego | None:
        """The site's rules; None (everything allowed) when it has no robots.txt or it cannot be read,
        the usual crawler reading, so an unreachable site fails on the page itself with a clear reason."""
        try:
            resp = self._get(origin + "/robots.txt", {}, limit=512_000)
        except FetchError:
            return None
        if resp.status != 200:
            return None
        from protego import Protego

        return Protego.parse(resp.content.decode("utf-8", "replace"))

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url``; with ``etag``/``last_modified`` a 304 comes back as ``not_modified``.

        Redirects are followed here, not by httpx, so robots.txt is checked for every hop.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL: {url}")
            if not self.allowed(url):
                raise FetchError(f"disallowed by the site's robots.txt for {self.agent_token}")
            self._wait_turn(url)
            fetched = self._get(url, headers, limit=self.settings.fetch_max_bytes)
            if fetched.status in _REDIRECTS and fetched.location:
                url = urljoin(url, fetched.location)
                continue
            if fetched.status >= 400:
                import httpx

                phrase = httpx.codes.get_reason_phrase(fetched.status)
                raise FetchError(f"HTTP {fetched.status} {phrase}".rstrip())
            return fetched
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str, headers: dict[str, str], *, limit: int) -> Fetched:
        import httpx

        timeout = self.settings.fetch_timeout
        # httpx's timeout is per read; a server trickling bytes would never trip it, so the whole
        # download also gets a deadline
        deadline = time.monotonic() + 2 * timeout
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchError(
                        f"response is {int(declared):,} bytes, over the {limit:,}-byte limit "
                        "(fetch_max_bytes)"
                    )
                chunks: list[bytes] = []
                size = 0
                if resp.status_code < 400 and resp.status_code != 304:
                    for chunk in resp.iter_bytes():
                        if time.monotonic() > deadline:
                            raise FetchError(
                                f"timed out after {2 * timeout:g}s reading the response "
                                "(fetch_timeout)"
                            )
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(
                                f"response is over the {limit:,}-byte limit (fetch_max_bytes)"
                            )
                        chunks.append(chunk)
                media, charset = _media_type(resp.headers.get("content-type"))
                return Fetched(
                    url=str(resp.url),
                    status=resp.status_code,
                    content=b"".join(chunks),
                    content_type=media,
                    charset=charset,
                    etag=resp.headers.get("etag"),
                    last_modified=resp.headers.get("last-modified"),
                    location=resp.headers.get("location"),
                )
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {timeout:g}s (fetch_timeout)") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect ({_short(exc)})") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"request failed ({_short(exc)})") from None


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
