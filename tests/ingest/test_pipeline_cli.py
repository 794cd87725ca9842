"""Bad input over the real ``storyscope ingest`` command: one line per failed input, exit 1, nothing lost."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from storyscope.model import Article
from storyscope.store.sqlite import SQLiteStore


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/story.html"


def _write(name: str, data: bytes) -> Callable[[Path, object], str]:
    def make(tmp: Path, loopback: object) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)

    return make


def _huge(tmp: Path, loopback: object) -> str:
    path = tmp / "huge.txt"
    subprocess.run(["truncate", "-s", "200M", str(path)], check=True)  # sparse: no disk used
    return str(path)


BAD_INPUTS: list[tuple[str, Callable[[Path, object], str], str]] = [
    (
        "binary",
        _write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"),
        "binary file (PNG image), not text",
    ),
    ("empty", _write("empty.txt", b""), "empty file"),
    (
        "undecodable",
        _write("garbled.txt", bytes(range(0x80, 0x100)) * 8),
        "undecodable bytes (not UTF-8, UTF-16 or Windows-1252 text)",
    ),
    (
        "truncated-json",
        _write("cut.json", b'{"title": "Harbour", "text": "The harbour was cl'),
        "invalid JSON (Unterminated string starting at line 1 column 30)",
    ),
    ("huge-file", _huge, "file is 209,715,200 bytes, over the 50,000,000-byte limit"),
    ("missing-file", lambda tmp, lb: str(tmp / "nowhere.html"), "no such file or directory"),
    ("unreachable-url", lambda tmp, lb: _closed_port_url(), "cannot connect ("),
    ("404-url", lambda tmp, lb: lb.url("/pages/deleted.html"), "HTTP 404 Not Found"),  # type: ignore[attr-defined]
    (
        "broken-feed",
        lambda tmp, lb: str(Path(__file__).parents[1] / "fixtures/ingest/feeds/broken.xml"),
        "broken feed (",
    ),
    (
        "no-article-html",
        lambda tmp, lb: str(Path(__file__).parents[1] / "fixtures/ingest/pages/no-article.html"),
        "no article text found",
    ),
]


@pytest.mark.parametrize(
    ("make", "reason"), [(m, r) for _, m, r in BAD_INPUTS], ids=[name for name, _, _ in BAD_INPUTS]
)
def test_bad_input_is_one_line_and_the_rest_is_stored(
    cli, tmp_path: Path, fixtures: Path, loopback, make, reason: str
) -> None:
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:  # stored before the run: must survive it
        store.add_articles([Article(id="earlier", body="An article stored by an earlier run.")])
    bad = make(tmp_path, loopback)
    # short records that state their language: the run loads no language model and no MinHash,
    # so each of these subprocess tests costs about a second
    good = [tmp_path / "before.json", tmp_path / "after.jsonl"]
    for path, text in zip(
        good,
        (
            "The ferry to the outer islands runs again from Monday morning, the operator said on Sunday night.",
            "The library on Quay Street reopens on Saturday with a new rooftop garden and a book repair room.",
        ),
        strict=True,
    ):
        path.write_text(json.dumps({"text": text, "language": "en"}) + "\n")
    proc = cli(["ingest", str(good[0]), bad, str(good[1])], env={"STORYSCOPE_DB": str(db)})
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    error_lines = [ln for ln in err.splitlines() if not ln.startswith("stored ")]
    assert len(error_lines) == 1, err
    assert error_lines[0].startswith(f"{bad}: {reason}"), err
    assert "stored 2, already stored 0, failed 1" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT 1 FROM articles WHERE id='earlier'").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_jsonl_over_stdin_reports_the_bad_line(cli, tmp_path: Path, fixtures: Path) -> None:
    proc = cli(
        ["ingest", "-"],
        stdin=(fixtures / "records" / "batch.jsonl").read_bytes(),
        env={"STORYSCOPE_DB": str(tmp_path / "s.db")},
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "-:3: invalid JSON" in err and "-:4: record has no text or html" in err
    assert "stored 3, already stored 0, failed 2" in err
