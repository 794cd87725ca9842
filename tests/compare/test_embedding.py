from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storyscope.compare.claims import Similarity, group_units, units_of
from storyscope.compare.embedding import embed, embedder_for
from storyscope.model import Article


class Broken:
    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        raise RuntimeError("model files missing")


class Short:
    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.ones((1, 3), dtype=np.float32)


def test_a_failing_or_inconsistent_embedder_means_lexical_only() -> None:
    assert embed(Broken(), ["a", "b"]) is None
    assert embed(Short(), ["a", "b"]) is None
    assert embed(None, ["a"]) is None


def test_only_minilm_names_load_an_embedder() -> None:
    assert embedder_for("tfidf") is None


def _grouped(a: str, b: str, cosine: float) -> bool:
    units = units_of([Article(id="x", body=a), Article(id="y", body=b)])
    angle = np.arccos(cosine)
    vectors = np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]], dtype=np.float32)
    groups = group_units(units, Similarity(units, vectors))
    return any({u.article_id for u in g} == {"x", "y"} for g in groups)


def test_vectors_add_recall_for_paraphrases_with_little_word_overlap() -> None:
    a = "The harbour authority reopened the eastern terminal after the flood repairs."
    b = "Ships can use the eastern terminal again now that port officials have fixed flood damage."
    assert not _grouped(a, b, 0.0)
    assert _grouped(a, b, 0.97)


def test_vectors_never_remove_lexical_evidence() -> None:
    a = "Estland has sent 2,300 soldiers and engineers to the border region."
    b = "Estland sent 2,300 soldiers and engineers to its border region this week."
    assert _grouped(a, b, 0.0)
