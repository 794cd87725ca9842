"""How outlet names, URLs and pasted text are reduced to lookup keys.

Names arrive in many shapes ("Fox News (Online News)", "New York Times - News", "NBCNews.com",
"Yahoo! News"), URLs with any subdomain ("amp.", "edition.", "feeds."), and pasted articles carry
an outlet's own lines (a wire's dateline, an agency's disclaimer). Everything here is a pure
function so the registry can index its entries and look a query up with the same code.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Second-level labels under a country-code TLD that act as public suffixes ("bbc.co.uk",
# "abc.net.au", "aa.com.tr"), so the registered domain keeps three labels. A short list is enough
# for news sites and avoids shipping or downloading the full public-suffix list.
_SECOND_LEVEL = frozenset(
    {
        "ac",
        "co",
        "com",
        "edu",
        "go",
        "gob",
        "gov",
        "gv",
        "mil",
        "ne",
        "net",
        "nic",
        "nom",
        "or",
        "org",
        "info",
    }
)
_STRIP_HOST_PREFIXES = ("www", "www1", "www2", "www3", "amp", "m", "mobile")

# Words that name a section or medium rather than the outlet: "CNN (Web News)", "Fox Online News",
# "Newsmax - News", "CNN Opinion". Dropped from the end of a name for the loose key only.
_GENERIC_TAIL = frozenset(
    {
        "news",
        "online",
        "web",
        "com",
        "opinion",
        "opinions",
        "editorial",
        "editorials",
        "board",
        "digital",
        "website",
    }
)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " "})
_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*")
_DASH_SUFFIX = re.compile(r"\s+[-|:]\s+.*$")
_DOMAINISH = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Mitú" and "MITU" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def norm_name(name: str) -> str:
    """The exact key of a name: folded, "&" as "and", punctuation dropped, no leading "the"."""
    text = fold(name.translate(_DASHES)).replace("&", " and ")
    text = re.sub(r"['\u2019.!]", "", text)  # "Investor's", "Yahoo!", "U.S." join up
    text = re.sub(r"[^\w]+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def loose_name(name: str) -> str:
    """The loose key: the exact key without trailing section words ("fox news online" -> "fox")."""
    words = norm_name(name).split()
    while len(words) > 1 and words[-1] in _GENERIC_TAIL:
        words.pop()
    return " ".join(words)


def name_variants(name: str) -> list[str]:
    """Forms of a name as it appears in the wild, most specific first."""
    raw = name.translate(_DASHES).strip()
    out = [raw]
    no_paren = _PAREN.sub(" ", raw).strip()
    no_dash = _DASH_SUFFIX.sub("", raw).strip()
    for candidate in (no_paren, no_dash, _DASH_SUFFIX.sub("", no_paren).strip()):
        if candidate and candidate not in out:
            out.append(candidate)
    return out


def looks_like_domain(text: str) -> bool:
    return bool(_DOMAINISH.match(text.strip())) and " " not in text.strip()


def host_of(url: str) -> str | None:
    """The lower-case host of a URL or bare domain, without port, credentials or ``www.``-like prefixes."""
    text = url.strip()
    if not text:
        return None
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    labels = host.lower().rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in _STRIP_HOST_PREFIXES:
        labels = labels[1:]
    return ".".join(labels)


def registered_domain(host: str) -> str:
    """The domain a publisher registers: "edition.cnn.com" -> "cnn.com", "news.bbc.co.uk" -> "bbc.co.uk"."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def domain_candidates(url: str) -> list[str]:
    """Keys to try for a URL, most specific first: host plus first path segment, then each parent
    host down to the registered domain ("abcnews.go.com" before "go.com" is never tried)."""
    host = host_of(url)
    if host is None:
        return []
    text = url.strip() if "://" in url else "//" + url.strip()
    path = urlsplit(text).path.strip("/").split("/")[0].lower()
    floor = registered_domain(host)
    hosts = [host]
    labels = host.split(".")
    while ".".join(labels) != floor and len(labels) > 2:
        labels = labels[1:]
        hosts.append(".".join(labels))
    out: list[str] = []
    for h in hosts:
        if path:
            out.append(f"{h}/{path}")
        out.append(h)
    return out


def norm_domain(domain: str) -> str:
    """The stored form of a registry domain entry: host (and optional path prefix), lower case."""
    text = domain.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).rstrip("/")
    host, _, path = text.partition("/")
    host = host_of(host) or host
    return f"{host}/{path.split('/')[0]}" if path else host


def norm_text(text: str) -> str:
    """Pasted text folded for signature search: dashes unified, trademark marks and extra spaces gone."""
    text = fold(text.translate(_DASHES))
    text = re.sub(r"[\u2122\u00ae\u00a9]", " ", text)
    return re.sub(r"\s+", " ", text)
