"""Stable article ids and content hashes.

An article's id must not change between runs, or re-ingesting the same input would store it again.
So an id is the record's own id when it has one, else a hash of the canonical URL (the same page
reached through a tracking link is the same article), else a hash of the normalised body (pasted
text: the same text pasted twice, even with different spacing or quote marks, is the same article).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track where a click came from; they never change the article.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref|ref_src|cmpid|"
    r"ncid|ito|s_cid|at_\w+|__twitter_impression|smid|sr_share)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+")

__all__ = ["article_id", "canonical_url", "content_hash", "normalise_body"]


def canonical_url(url: str) -> str:
    """The URL as an article identity: lower-case host without ``www.``, no default port, no
    fragment, no tracking parameters, remaining parameters sorted, no trailing slash."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def normalise_body(text: str) -> str:
    """Case, accents of typography (curly quotes, dashes), punctuation and spacing removed: what is
    left is the words in order, so reformatting alone never yields a new article."""
    if not text.isascii():  # NFKC changes nothing in ASCII text
        text = unicodedata.normalize("NFKC", text)
    # Curly quotes and dashes are not word characters: they go with the rest of the punctuation.
    return " ".join(_WORD.findall(text.casefold()))


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()[:16]


def content_hash(body: str) -> str:
    return hashlib.sha256(normalise_body(body).encode()).hexdigest()


def article_id(record_id: str | None, url: str | None, body: str) -> str:
    """The record's id, else a 16-hex hash of the canonical URL, else of the normalised body."""
    if record_id is not None and str(record_id).strip():
        return str(record_id).strip()
    if url and urlsplit(url).scheme in ("http", "https"):
        return _digest("url", canonical_url(url))
    return _digest("body", normalise_body(body))
