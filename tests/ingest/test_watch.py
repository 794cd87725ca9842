from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.ingest.watch import parse_every, read_feeds_file, watch
from storyscope.store.sqlite import SQLiteStore


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30),
        ("15m", 900),
        ("1h", 3600),
        ("0.1s", 0.1),
        ("90", 90),
        ("2 min", 120),
        ("1d", 86400),
    ],
)
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "0s", "fast", "-5m", "10 parsecs"])
def test_parse_every_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="--every"):
        parse_every(text)


def test_feeds_file_skips_comments_and_blanks(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# my feeds\n\nhttps://a.example/rss  # world desk\n  https://b.example/atom\n"
        "https://a.example/rss\n"
    )
    assert read_feeds_file(str(path)) == ["https://a.example/rss", "https://b.example/atom"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# nothing here\n\n", "no feed URLs"),
        ("ftp://a.example/rss\n", r"feeds.txt:1: not an http\(s\)"),
    ],
)
def test_feeds_file_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        read_feeds_file(str(path))


def test_watch_polls_conditionally_and_ingests_only_new_entries(
    loopback, settings: Settings, tmp_path: Path
) -> None:
    # requests 1-2 get the first version (the 2nd answered 304), request 3 on gets a new entry
    loopback.watch_sequence = [
        "feeds/ledger-atom.xml",
        "feeds/ledger-atom.xml",
        "feeds/ledger-atom-2.xml",
    ]
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        f"# test feeds\n{loopback.url('/watch/feed.xml')}\n{loopback.url('/missing.xml')}\n"
    )
    lines: list[str] = []
    watch(
        settings, feeds_file=str(feeds), outlet_set=None, every="0.1s", rounds=3, echo=lines.append
    )
    rounds = [ln for ln in lines if ln.startswith("round ")]
    assert rounds == [
        "round 1: 2 feeds, 0 not modified, 2 new entries, 1 errors",
        "round 2: 2 feeds, 1 not modified, 0 new entries, 1 errors",
        "round 3: 2 feeds, 0 not modified, 1 new entries, 1 errors",
    ]
    assert lines.count(f"{loopback.url('/missing.xml')}: HTTP 404 Not Found") == 3
    feed_requests = [h for p, h in loopback.requests if p == "/watch/feed.xml"]
    assert "if-none-match" not in feed_requests[0]
    assert feed_requests[1]["if-none-match"] == feed_requests[2]["if-none-match"] == '"v0"'
    assert feed_requests[1]["if-modified-since"] == "Tue, 04 Mar 2025 10:00:00 GMT"
    pages = [p for p, _ in loopback.requests if p.startswith("/pages/")]
    # each entry page fetched once, although the last round's feed lists all three again
    assert sorted(pages) == [
        "/pages/ledger-spill.html",
        "/pages/library.html",
        "/pages/wire-spill.html",
    ]
    with SQLiteStore(settings.db) as store:
        assert store.count_articles() == 3
        assert store.get_meta(f"feed-etag:{loopback.url('/watch/feed.xml')}") == '"v2"'


def test_watch_resumes_with_stored_validators(loopback, settings: Settings, tmp_path: Path) -> None:
    loopback.watch_sequence = ["feeds/ledger-atom.xml"]
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(loopback.url("/watch/feed.xml") + "\n")
    first: list[str] = []
    watch(settings, feeds_file=str(feeds), outlet_set=None, every="1s", rounds=1, echo=first.append)
    second: list[str] = []  # a new watcher process: validators come from the store
    watch(
        settings, feeds_file=str(feeds), outlet_set=None, every="1s", rounds=1, echo=second.append
    )
    assert first == ["round 1: 1 feeds, 0 not modified, 2 new entries, 0 errors"]
    assert second == ["round 1: 1 feeds, 1 not modified, 0 new entries, 0 errors"]


def test_watch_unknown_outlet_set(settings: Settings) -> None:
    with pytest.raises(ValueError, match="--outlets 'left'"):
        watch(settings, feeds_file=None, outlet_set="left", every="1s", rounds=1, echo=print)


def test_ctrl_c_stops_the_watch_command_cleanly(
    loopback, storyscope_cmd: list[str], tmp_path: Path
) -> None:
    loopback.watch_sequence = ["feeds/ledger-atom.xml"]
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(loopback.url("/watch/feed.xml") + "\n")
    env = {**os.environ, "STORYSCOPE_DB": str(tmp_path / "w.db")}
    proc = subprocess.Popen(
        [*storyscope_cmd, "watch", str(feeds), "--every", "1h"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline().decode()
    assert first.startswith("round 1: 1 feeds, 0 not modified, 2 new entries")
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=20)[1].decode()
    assert proc.returncode == 0, rest
    assert "stopped after 1 round" in rest and "Traceback" not in rest


def test_default_outlet_set_comes_from_the_registry(settings: Settings, tmp_path: Path) -> None:
    from storyscope.ingest.watch import _feeds_of

    extra = tmp_path / "feeds.txt"
    extra.write_text("https://mine.example/rss\n")
    feeds = _feeds_of(settings, str(extra), "default")
    assert feeds[0] == "https://mine.example/rss"  # the user's own first, then the registry's
    assert len(feeds) > 1 and len(set(feeds)) == len(feeds)
    assert all(u.startswith(("http://", "https://")) for u in feeds)
