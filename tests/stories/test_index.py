"""The faiss and numpy nearest-centroid indexes answer alike."""

from __future__ import annotations

import numpy as np
import pytest

from storyscope.stories.index import FaissIndex, NumpyIndex, make_index


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_faiss_and_numpy_agree_through_upserts_and_removals(seed: int):
    rng = np.random.default_rng(seed)
    rows = _unit(rng, 300, 32)
    faiss_index, numpy_index = FaissIndex(32), NumpyIndex(32)
    for index in (faiss_index, numpy_index):
        for key, row in enumerate(rows):
            index.upsert(key, row)
        for key in range(0, 300, 3):
            index.remove(key)
        for key in range(1, 300, 7):  # centroids move as stories grow
            if key % 3:
                index.upsert(key, rows[(key * 11) % 300])
    assert len(faiss_index) == len(numpy_index) == 200
    for query in _unit(rng, 20, 32):
        found_f = faiss_index.search(query, 10)
        found_n = numpy_index.search(query, 10)
        assert [k for k, _ in found_f] == [k for k, _ in found_n]
        assert np.allclose([s for _, s in found_f], [s for _, s in found_n], atol=1e-5)
        assert all(k % 3 != 0 for k, _ in found_n)


@pytest.mark.parametrize("backend", ["faiss", "numpy"])
def test_empty_index_and_removing_unknown_keys_are_harmless(backend: str):
    index = make_index(4, backend)
    index.remove(42)
    assert index.search(np.ones(4, np.float32) / 2, 5) == []
    index.upsert(7, np.array([1, 0, 0, 0], np.float32))
    assert index.search(np.array([1, 0, 0, 0], np.float32), 5) == [(7, pytest.approx(1.0))]


def test_numpy_index_grows_past_its_initial_capacity():
    index = NumpyIndex(3)
    for key in range(200):
        index.upsert(key, np.array([1.0, key / 200, 0.0], np.float32))
    assert len(index) == 200
    assert index.search(np.array([1.0, 0.0, 0.0], np.float32), 1)[0][0] == 0
