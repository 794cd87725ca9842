"""Local inputs: which files a command line names, reading them safely, decoding, telling kinds apart.

Everything here fails with ``InputError`` whose message is the reason only; the pipeline adds the
input's name. Sizes are checked with ``stat`` before a byte is read, so a 200 MB file pointed at
by mistake costs nothing.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO, Literal

Kind = Literal["text", "html", "json", "jsonl", "feed"]

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# Magic numbers of binary formats people point at by mistake, so the error can name the format.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)
_PLAUSIBLE_EXTRA = set("‘’‚“”„–—…•€£¥©®°±×÷·§¶†‡™«»")


class InputError(Exception):
    """An input that cannot be read; ``str(exc)`` is the reason, without the input's name."""


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def expand(inputs: list[str] | tuple[str, ...]) -> list[str]:
    """Inputs with each directory replaced by its files: recursively, sorted, hidden ones skipped.

    Inside a directory only files with a known extension (or none) are taken, so a folder of saved
    pages with their images ingests cleanly. Files named explicitly are always taken.
    """
    out: list[str] = []
    for name in inputs:
        if name != "-" and not is_url(name) and os.path.isdir(name):
            out.extend(_walk(Path(name)) or [name])  # an empty folder stays, to be reported
        else:
            out.append(name)
    return out


def _walk(root: Path) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            suffix = Path(fname).suffix.lower()
            if suffix in EXTENSIONS or not suffix:
                found.append(str(Path(dirpath) / fname))
    return found


def read_file(path: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing missing paths, non-files and files over ``max_bytes`` unread."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})") from None
    if not os.path.isfile(path):
        raise InputError("not a regular file")
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise file_max_bytes to allow it)"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})") from None


def read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"more than {max_bytes:,} bytes (raise file_max_bytes to allow it)")
    return data


def read_stdin(max_bytes: int) -> bytes:
    return read_stream(sys.stdin.buffer, max_bytes)


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: a declared charset, then UTF-8 (with or without BOM), UTF-16/32 with a BOM,
    then Windows-1252 only when the result reads as text. Anything else is an error, never mojibake."""
    if not data.strip():
        raise InputError("empty file")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _non_empty(data.decode(codec))
            except UnicodeDecodeError:
                raise InputError(
                    f"undecodable bytes (starts with a {codec} mark but is not {codec})"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text")
    if declared:
        try:
            return _non_empty(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _non_empty(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # UTF-8 with a stray bad byte (a file cut mid-character, one pasted symbol) is still UTF-8:
    # reading it as Windows-1252 would turn every accent in it into mojibake
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    if sum(1 for ch in loose if ord(ch) > 127) - bad >= 3 * bad:
        return _non_empty(loose)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible(text):
        return _non_empty(text)
    raise InputError("undecodable bytes (not UTF-8, UTF-16 or Windows-1252 text)")


def _non_empty(text: str) -> str:
    if not text.strip():
        raise InputError("empty file")
    return text


def _plausible(text: str) -> bool:
    """Whether Windows-1252 text reads as prose: almost all letters, digits, spaces, punctuation."""
    good = 0
    for ch in text:
        if ch.isascii():
            good += ch.isprintable() or ch in "\n\r\t"
        elif ch in _PLAUSIBLE_EXTRA:
            good += 1
        else:
            good += unicodedata.category(ch).startswith("L")
    return good / len(text) >= 0.97


def kind_of(name: str, text: str | None = None) -> Kind:
    """The input's kind from its extension, else from its first characters."""
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in EXTENSIONS:
        kind = EXTENSIONS[suffix]
        # A .xml that is really an XHTML page, or a .txt that is a saved page, is read as what it is.
        if text is not None and kind in ("feed", "text") and sniff(text) == "html":
            return "html"
        return kind
    return sniff(text or "")


def sniff(text: str) -> Kind:
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    low = head.lower()
    if head.startswith(("{", "[")):
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        if (
            len(lines) > 1
            and all(ln.lstrip().startswith("{") for ln in lines[:3])
            and head.startswith("{")
        ):
            return "jsonl" if lines[0].rstrip().endswith("}") else "json"
        return "json"
    if low.startswith("<?xml") or low.startswith(("<rss", "<feed", "<rdf:rdf")):
        if any(tag in low for tag in ("<rss", "<feed", "<rdf:rdf")):
            return "feed"
        if "<html" in low:
            return "html"
        return "feed"
    if (
        low.startswith(("<!doctype html", "<html", "<head", "<body", "<!--"))
        or "<html" in low[:512]
    ):
        return "html"
    return "text"
