"""Embedders: the TF-IDF fallback, the registry, and one real MiniLM load."""

from __future__ import annotations

import numpy as np
import pytest

from storyscope.model import Article
from storyscope.registry import BackendError, create, resolve
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.embed import (
    Embedder,
    HashedTfidfEmbedder,
    MiniLMEmbedder,
    article_text,
    embed_articles,
    fold,
    lead_of,
)

QUAKE = "A magnitude 6.1 earthquake struck the Kestrel Islands, cutting power to 18,000 homes."
QUAKE_AGAIN = (
    "The Kestrel Islands were shaken by a 6.1 quake that left 18,000 households without power."
)
RATES = "The Bank of Norland raised its key interest rate to 4.25% to fight inflation."


def test_tfidf_rows_are_unit_float32_and_related_texts_are_closer():
    vectors = HashedTfidfEmbedder().embed([QUAKE, QUAKE_AGAIN, RATES])
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_tfidf_downweights_stopwords_before_seeing_any_corpus():
    embedder = HashedTfidfEmbedder()
    (row,) = embedder.embed(["the the the Brask"])
    the_bucket, _ = embedder._hash("the")
    brask_bucket, _ = embedder._hash("brask")
    assert abs(row[brask_bucket]) > abs(row[the_bucket])


def test_tfidf_batch_order_does_not_change_vectors():
    texts = [QUAKE, QUAKE_AGAIN, RATES]
    forward = HashedTfidfEmbedder().embed(texts)
    backward = HashedTfidfEmbedder().embed(texts[::-1])
    assert np.allclose(forward, backward[::-1])


def test_tfidf_state_restored_elsewhere_embeds_the_same():
    learned = HashedTfidfEmbedder()
    learned.embed(["Harbour cranes halted by strike", "Ferry timetable approved", "Strike ends"])
    restored = HashedTfidfEmbedder()
    restored.restore(learned.state())
    text = ["Harbour strike ends after ferry talks"]
    want = learned.embed(text)
    assert np.array_equal(restored.embed(text), want)
    assert not np.allclose(HashedTfidfEmbedder().embed(text), want)  # a cold start weighs otherwise


def test_empty_text_embeds_to_zeros_not_nan():
    (row,) = HashedTfidfEmbedder().embed([""])
    assert not np.isnan(row).any() and not row.any()


@pytest.mark.parametrize(("text", "folded"), [("Nicolás Maduro", "nicolas maduro"), ("ÉTÉ", "ete")])
def test_fold_strips_accents(text: str, folded: str):
    assert fold(text) == folded


def test_article_text_is_title_and_a_lead_cut_at_a_word():
    body = "word " * 400
    text = article_text(Article(id="x", title="Headline", body=body))
    assert text.startswith("Headline. word")
    assert len(lead_of(body)) <= 600 and not lead_of(body).endswith(" ")


def test_vectors_are_cached_in_the_store(tmp_path):
    embedder = HashedTfidfEmbedder()
    article = Article(id="q", title="Quake", body=QUAKE)
    with SQLiteStore(tmp_path / "db") as store:
        store.add_articles([article])
        first = embed_articles([article], embedder, store)
        raw = store.get_vectors(embedder.name, ["q"])
        assert np.frombuffer(raw["q"], dtype=np.float32).tolist() == first["q"].tolist()
        # A second embedder instance would weigh differently; the cached vector wins.
        again = embed_articles([article], HashedTfidfEmbedder(prior_docs=1), store)
        assert np.array_equal(again["q"], first["q"])


@pytest.mark.parametrize(
    ("name", "cls"), [("tfidf", HashedTfidfEmbedder), ("minilm", MiniLMEmbedder)]
)
def test_registry_names_the_embedders(name: str, cls: type):
    assert resolve("embedder", name) is cls


def test_registry_creates_the_tfidf_embedder_and_rejects_unknown_names():
    assert isinstance(create("embedder", "tfidf"), HashedTfidfEmbedder)
    with pytest.raises(BackendError, match="unknown embedder 'bert'"):
        create("embedder", "bert")


@pytest.mark.slow
def test_auto_loads_minilm_offline_and_paraphrases_are_closer():
    embedder = create("embedder", "auto")
    assert isinstance(embedder, MiniLMEmbedder) and isinstance(embedder, Embedder)
    vectors = embedder.embed([QUAKE, QUAKE_AGAIN, RATES])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    # The claim comparison asks for "minilm" by name: it must get the same weights, not a copy.
    again = create("embedder", "minilm")
    assert again is not embedder and again._model is embedder._model
    assert np.allclose(again.embed([QUAKE]), vectors[:1], atol=1e-3)


@pytest.mark.slow
def test_bfloat16_and_float32_vectors_agree():
    texts = [QUAKE, QUAKE_AGAIN, RATES]
    half = MiniLMEmbedder(bf16=True).embed(texts)
    full = MiniLMEmbedder(bf16=False).embed(texts)
    assert half.dtype == np.float32
    assert np.all(np.sum(half * full, axis=1) > 0.999)
