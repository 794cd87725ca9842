"""Nearest-story search over the centroids of open stories.

The clusterer asks "which open stories are closest to this article?" for every article, so this must
not scan every story ever seen: closed stories are removed and only the open window is indexed.
``FaissIndex`` (an exact inner-product ``IndexIDMap(IndexFlatIP)``) is used when faiss-cpu imports;
``NumpyIndex`` answers the same questions with one matrix product. Both take L2-normalised rows, so
inner product is cosine similarity.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


class VectorIndex(Protocol):
    """Centroids keyed by an integer id; ``upsert`` replaces an id's vector."""

    def upsert(self, key: int, vector: FloatArray) -> None: ...

    def remove(self, key: int) -> None: ...

    def search(self, vector: FloatArray, k: int) -> list[tuple[int, float]]:
        """Up to ``k`` (key, cosine) pairs, best first, ties broken by smaller key."""

    def __len__(self) -> int: ...


def _order(pairs: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
    # Round so float noise between backends cannot reorder equal scores.
    pairs.sort(key=lambda p: (-round(p[1], 5), p[0]))
    return pairs[:k]


class NumpyIndex:
    """Dense rows in a growable matrix; removal swaps the last row into the hole."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._rows = np.zeros((64, dim), dtype=np.float32)
        self._keys: list[int] = []
        self._slot: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def upsert(self, key: int, vector: FloatArray) -> None:
        slot = self._slot.get(key)
        if slot is None:
            slot = len(self._keys)
            if slot == len(self._rows):
                grown = np.zeros((2 * len(self._rows), self.dim), dtype=np.float32)
                grown[:slot] = self._rows
                self._rows = grown
            self._keys.append(key)
            self._slot[key] = slot
        self._rows[slot] = vector

    def remove(self, key: int) -> None:
        slot = self._slot.pop(key, None)
        if slot is None:
            return
        last = len(self._keys) - 1
        if slot != last:
            moved = self._keys[last]
            self._rows[slot] = self._rows[last]
            self._keys[slot] = moved
            self._slot[moved] = slot
        self._keys.pop()

    def search(self, vector: FloatArray, k: int) -> list[tuple[int, float]]:
        n = len(self._keys)
        if n == 0 or k <= 0:
            return []
        scores = self._rows[:n] @ vector.astype(np.float32, copy=False)
        take = min(n, k + 8)  # a little extra so ties at the cut are resolved by key
        top = np.argpartition(-scores, take - 1)[:take] if take < n else np.arange(n)
        return _order([(self._keys[i], float(scores[i])) for i in top], k)


class FaissIndex:
    """Exact inner-product search with faiss; ids are the clusterer's integer story keys."""

    def __init__(self, dim: int) -> None:
        import faiss

        # One query at a time over a few thousand centroids: OpenMP's thread start-up costs more
        # than the search itself (9 ms against 0.1 ms on a busy 2-core machine).
        faiss.omp_set_num_threads(1)
        self.dim = dim
        self._faiss: Any = faiss
        self._index: Any = faiss.IndexIDMap(faiss.IndexFlatIP(dim))
        self._keys: set[int] = set()

    def __len__(self) -> int:
        return len(self._keys)

    def upsert(self, key: int, vector: FloatArray) -> None:
        if key in self._keys:
            self.remove(key)
        row = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        self._index.add_with_ids(row, np.array([key], dtype=np.int64))
        self._keys.add(key)

    def remove(self, key: int) -> None:
        if key in self._keys:
            self._index.remove_ids(np.array([key], dtype=np.int64))
            self._keys.discard(key)

    def search(self, vector: FloatArray, k: int) -> list[tuple[int, float]]:
        if not self._keys or k <= 0:
            return []
        take = min(len(self._keys), k + 8)
        row = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(row, take)
        pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
        return _order(pairs, k)


def make_index(dim: int, backend: str = "auto") -> VectorIndex:
    """``faiss`` or ``numpy``; ``auto`` is faiss when it imports."""
    if backend in ("auto", "faiss"):
        try:
            return FaissIndex(dim)
        except ImportError:
            if backend == "faiss":
                raise
    return NumpyIndex(dim)
