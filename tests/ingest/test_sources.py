from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from storyscope.ingest import sources
from storyscope.ingest.sources import InputError

PROSE = "The harbour reopened on Friday after crews cleared the last of the oil from the bay. "


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PROSE.encode("utf-8"), PROSE),
        (b"\xef\xbb\xbf" + PROSE.encode("utf-8"), PROSE),
        ("Café owners in Marlport said trade fell by half. ".encode("utf-16"), "Café owners"),
        (
            b"\xfe\xff" + "Café owners in Marlport said trade fell.".encode("utf-16-be"),
            "Café owners",
        ),
        (
            "“Nobody goes in,” said the harbour master — café closed. ".encode("cp1252"),
            "“Nobody goes in,”",
        ),
        ("Ça va: the mayor’s café reopened. ".encode("cp1252"), "mayor’s café"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252-quotes", "cp1252-accents"],
)
def test_decode_accepts_text_encodings(data: bytes, expected: str) -> None:
    assert expected in sources.decode(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t \n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"abc\x00\x01\x02def" * 10, "binary file (contains NUL bytes)"),
        # random high bytes: decodes as cp1252 but is not prose
        (bytes(range(0x80, 0x100)) * 4, "undecodable bytes"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "undecodable bytes"),
        (b"\xef\xbb\xbf   ", "empty file"),
    ],
    ids=["empty", "blank", "pdf", "png", "nul", "high-bytes", "cp1252-undefined", "bom-only"],
)
def test_decode_refuses_what_is_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        sources.decode(data)
    assert str(info.value).startswith(reason)


def test_utf8_with_one_bad_byte_is_not_read_as_cp1252() -> None:
    data = "Café owners in Zürich said trade fell — again. ".encode() * 3 + b"\xff" + b" end."
    text = sources.decode(data)
    assert "Café owners in Zürich" in text and "Ã" not in text
    assert text.count("\ufffd") == 1


def test_declared_charset_wins_over_guessing() -> None:
    data = "Zürich".encode("latin-1") + b" " + PROSE.encode()
    assert sources.decode(data, "iso-8859-1").startswith("Zürich")


def test_read_file_refuses_an_oversize_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    subprocess.run(["truncate", "-s", "200M", str(big)], check=True)
    with pytest.raises(InputError, match=r"209,715,200 bytes, over the 1,000-byte limit"):
        sources.read_file(str(big), 1000)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p, "no such file or directory"),
        (lambda p: (p.mkdir(), p)[1], "not a regular file"),
    ],
    ids=["missing", "directory-as-file"],
)
def test_read_file_errors(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "x")
    with pytest.raises(InputError, match=reason):
        sources.read_file(str(path), 1000)


def test_read_stream_caps_size() -> None:
    with pytest.raises(InputError, match="more than 10 bytes"):
        sources.read_stream(io.BytesIO(b"x" * 11), 10)
    assert sources.read_stream(io.BytesIO(b"x" * 10), 10) == b"x" * 10


def test_expand_walks_directories_sorted_skipping_hidden(tmp_path: Path) -> None:
    for rel in [
        "b/2.txt",
        "b/1.html",
        "a.json",
        ".hidden.txt",
        ".git/config",
        "b/.draft.md",
        "img.png",
        "notes",
        "c/deep/3.jsonl",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [str(Path(p).relative_to(tmp_path)) for p in sources.expand([str(tmp_path)])]
    assert found == ["a.json", "notes", "b/1.html", "b/2.txt", "c/deep/3.jsonl"]
    # names given explicitly are kept as they are, in order
    assert sources.expand(["-", "https://x.example/a", "z.png"]) == [
        "-",
        "https://x.example/a",
        "z.png",
    ]


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.txt", PROSE, "text"),
        ("a.md", "# Title\n\n" + PROSE, "text"),
        ("a.html", "<p>hi</p>", "html"),
        ("a.txt", "<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("a.xml", '<?xml version="1.0"?><rss version="2.0"></rss>', "feed"),
        ("a.atom", "<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("-", '{"text": "x"}', "json"),
        ("-", '[{"text": "x"}]', "json"),
        ("-", '{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("-", '{\n  "text": "x"\n}\n', "json"),
        ("-", '<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        ("-", "<html><head></head><body><p>x</p></body></html>", "html"),
        ("-", PROSE, "text"),
        ("noext", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "feed"),
    ],
)
def test_kind_of(name: str, text: str, kind: str) -> None:
    assert sources.kind_of(name, text) == kind
