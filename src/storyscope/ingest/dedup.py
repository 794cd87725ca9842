"""Near-duplicates and syndicated copies: MinHash over word shingles, LSH for candidates.

A wire story republished under a new headline, with a new intro line and a few edits, shares most
of its word 4-grams with the original; two reporters writing up the same event share almost none
(even quoting the same sentence adds only a handful). So a copy is a pair whose estimated Jaccard
similarity is at least ``JACCARD`` or whose smaller text is mostly inside the larger one
(``CONTAINMENT``, for copies cut short). Only originals are indexed, so a match is always the
first stored copy. Signatures are persisted so the index is rebuilt from the store at start.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

    from storyscope.store.base import Store

__all__ = ["Deduper", "Signature", "shingles"]

NUM_PERM = 128
SHINGLE = 4
MIN_SHINGLES = 25  # shorter bodies are compared by exact content hash only
LSH_THRESHOLD = 0.25  # candidate recall; the decision below is stricter
JACCARD = 0.4
CONTAINMENT = 0.65
_HEADER = struct.Struct("<4sHI")
_MAGIC = b"MH1c"  # version 1, affine32 permutations over crc32 shingle hashes
_WORD = re.compile(r"\w+")


def _minhash(values: np.ndarray | None = None) -> MinHash:
    # datasketch pulls in scipy (0.6 s) on import: paid only by runs that store articles
    from datasketch import MinHash

    if values is None:
        return MinHash(NUM_PERM, scheme="affine32", hashfunc=zlib.crc32)
    return MinHash(NUM_PERM, hashvalues=values, scheme="affine32", hashfunc=zlib.crc32)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    grams = zip(*(words[i:] for i in range(k)), strict=False)  # the shorter tails end it
    return {" ".join(gram).encode() for gram in grams}


@dataclass(frozen=True)
class Signature:
    minhash: MinHash
    size: int  # number of distinct shingles, for the containment estimate

    def to_bytes(self) -> bytes:
        values = np.asarray(self.minhash.hashvalues, dtype="<u4")
        return _HEADER.pack(_MAGIC, NUM_PERM, self.size) + values.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature | None:
        """None for a signature written by another version (it is then simply not indexed)."""
        if len(data) != _HEADER.size + 4 * NUM_PERM:
            return None
        magic, perm, size = _HEADER.unpack_from(data)
        if magic != _MAGIC or perm != NUM_PERM:
            return None
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        return cls(_minhash(values), int(size))

    def similarity(self, other: Signature) -> tuple[float, float]:
        """Estimated (Jaccard, containment of the smaller in the larger)."""
        jac = float(self.minhash.jaccard(other.minhash))
        inter = jac * (self.size + other.size) / (1.0 + jac)
        return jac, min(1.0, inter / max(1, min(self.size, other.size)))


def signature_of(body: str) -> Signature | None:
    grams = shingles(body)
    if len(grams) < MIN_SHINGLES:
        return None
    mh = _minhash()
    mh.update_batch(sorted(grams))
    return Signature(mh, len(grams))


def is_copy(a: Signature, b: Signature) -> bool:
    jac, contained = a.similarity(b)
    return jac >= JACCARD or contained >= CONTAINMENT


class Deduper:
    """The LSH index over stored originals, loaded from ``store`` on first use."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lsh: MinHashLSH | None = None
        self._sigs: dict[str, Signature] = {}

    def _index(self) -> MinHashLSH:
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            for article_id, data in self.store.iter_signatures():
                sig = Signature.from_bytes(bytes(data))
                if sig is not None and article_id not in self._sigs:
                    self._lsh.insert(article_id, sig.minhash)
                    self._sigs[article_id] = sig
        return self._lsh

    def original_of(self, sig: Signature) -> str | None:
        """The indexed original this text copies, the most similar when several qualify."""
        best: tuple[float, str] | None = None
        for candidate in self._index().query(sig.minhash):
            other = self._sigs.get(candidate)
            if other is None or not is_copy(sig, other):
                continue
            score = max(sig.similarity(other))
            if best is None or (score, candidate) > best:
                best = (score, candidate)
        return best[1] if best else None

    def add(self, article_id: str, sig: Signature) -> None:
        """Index an original (in memory; the caller persists ``sig.to_bytes()`` in its transaction)."""
        if article_id in self._sigs:
            return
        self._index().insert(article_id, sig.minhash)
        self._sigs[article_id] = sig

    def forget(self, article_ids: list[str]) -> None:
        """Undo ``add`` for articles whose transaction rolled back."""
        for article_id in article_ids:
            if article_id in self._sigs:
                self._index().remove(article_id)
                del self._sigs[article_id]
