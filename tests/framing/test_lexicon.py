from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyscope.framing.lexicon import LexiconError, load_lexicon, merge


def test_shipped_lexicon_has_every_category() -> None:
    lex = load_lexicon()
    for category in ("labels", "intensifiers", "emotive_verbs", "euphemisms", "hedges"):
        assert lex.tone[category]
    assert lex.verbs["claimed"].reading == "loaded"
    assert lex.verbs["said"].reading == "neutral"
    assert lex.country_of["venezuelan"] == "Venezuela"


def test_user_json_is_merged_over_ours(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "tone": {"labels": ["caudillo"]},
                "reporting_verbs": {"say": {"reading": "loaded", "forms": ["said"]}},
            }
        )
    )
    lex = load_lexicon(str(path))
    assert "caudillo" in lex.tone["labels"] and "dictator" in lex.tone["labels"]
    assert lex.verbs["said"].reading == "loaded"
    assert lex.verbs["claimed"].reading == "loaded"


def test_user_tsv_adds_tone_terms(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# term\tcategory\ncaudillo\tlabels\nmercifully\tintensifiers\n")
    lex = load_lexicon(str(path))
    assert "caudillo" in lex.tone["labels"] and "mercifully" in lex.tone["intensifiers"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{not json", "not valid JSON"),
        ("list.json", "[1, 2]", "expected a JSON object"),
        ("bad.tsv", "caudillo\tinsults\n", "is not one of"),
    ],
)
def test_bad_user_file_is_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(LexiconError) as err:
        load_lexicon(str(path))
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read lexicon"):
        load_lexicon(str(tmp_path / "none.json"))


@pytest.mark.parametrize(
    ("base", "extra", "merged"),
    [
        ([1, 2], [2, 3], [1, 2, 3]),
        ({"a": [1]}, {"a": [2], "b": 1}, {"a": [1, 2], "b": 1}),
        ({"a": {"x": 1}}, {"a": {"x": 2}}, {"a": {"x": 2}}),
    ],
)
def test_merge(base: object, extra: object, merged: object) -> None:
    assert merge(base, extra) == merged
