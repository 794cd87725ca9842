import pytest

from storyscope.model import Article


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"outlet": "Meridian Wire", "outlet_given": "MERIDIAN"}, "Meridian Wire"),
        ({"outlet_given": "Some Blog"}, "Some Blog"),
        ({"url": "https://www.example-news.test/a/b"}, "example-news.test"),
        ({"source": "/data/pasted/003_paste.txt"}, "003_paste.txt"),
        ({"source": "-"}, "a1"),
    ],
)
def test_unknown_outlets_are_named_by_what_we_know_never_guessed(fields: dict, name: str) -> None:
    assert Article(id="a1", body="x", **fields).display_name == name
