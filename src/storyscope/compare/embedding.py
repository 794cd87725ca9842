"""Optional MiniLM sentence vectors for claim similarity, with a silent lexical fallback.

Only a semantic embedder helps paraphrase matching; the hashed TF-IDF fallback of the registry
would just repeat the lexical score, so anything but MiniLM means "no vectors".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

_CACHE: dict[str, Any] = {}


def embedder_for(name: str) -> Any | None:
    """The MiniLM embedder when ``name`` allows it and it loads; None otherwise (cached)."""
    if name not in ("auto", "minilm"):
        return None
    if "minilm" not in _CACHE:
        try:
            from storyscope.registry import create

            _CACHE["minilm"] = create("embedder", "minilm")
        except Exception:  # noqa: BLE001 - any failure to load means lexical-only comparison
            _CACHE["minilm"] = None
    return _CACHE["minilm"]


def embed(embedder: Any | None, texts: Sequence[str]) -> npt.NDArray[np.float32] | None:
    if embedder is None or not texts:
        return None
    try:
        vectors = np.asarray(embedder.embed(list(texts)), dtype=np.float32)
    except Exception:  # noqa: BLE001 - a failing backend must not fail the comparison
        return None
    if vectors.shape[0] != len(texts):
        return None
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: npt.NDArray[np.float32] = (vectors / np.where(norms == 0, 1.0, norms)).astype(
        np.float32
    )
    return normalised
