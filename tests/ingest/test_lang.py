"""Language detection: ISO 639-1 or None, never a guess on too little text."""

from __future__ import annotations

import pytest

from storyscope.ingest.lang import detect_language, language_scores


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The harbour authority suspended night loading after a crane collapsed on the quay.",
            "en",
        ),
        (
            "El gobierno presentó el miércoles un plan para reducir las listas de espera en los hospitales.",
            "es",
        ),
        (
            "Hükümet çarşamba günü hastanelerdeki bekleme listelerini azaltmak için bir plan açıkladı.",
            "tr",
        ),
        (
            "Die Regierung stellte am Mittwoch einen Plan vor, um die Wartelisten in Krankenhäusern zu verkürzen.",
            "de",
        ),
        (
            "Le gouvernement a présenté mercredi un plan pour réduire les listes d'attente dans les hôpitaux.",
            "fr",
        ),
        (
            "O governo apresentou na quarta-feira um plano para reduzir as listas de espera nos hospitais.",
            "pt",
        ),
    ],
)
def test_detects_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text", ["", "   ", "hello", "OK then", "12 345 6789", "https://example.com/a/b @handle #tag"]
)
def test_too_short_or_no_words_is_none(text: str) -> None:
    assert detect_language(text) is None
    assert language_scores(text) is None


def test_deterministic() -> None:
    text = "Firefighters battled a forest fire in the highlands for a second day on Friday."
    first = language_scores(text)
    assert first is not None
    assert all(language_scores(text) == first for _ in range(5))


def test_unsure_is_none() -> None:
    # An impossible confidence threshold turns any answer into "unsure".
    text = "Firefighters battled a forest fire in the highlands for a second day on Friday."
    assert detect_language(text, min_confidence=1.01) is None
