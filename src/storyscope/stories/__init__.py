"""Story detection: embed each article's title and lead, find the nearest open stories through a
vector index, and join, start or merge stories online (``update_stories``)."""

from storyscope.stories.cluster import OnlineClusterer, story_id, update_stories
from storyscope.stories.embed import (
    Embedder,
    HashedTfidfEmbedder,
    MiniLMEmbedder,
    auto_embedder,
)
from storyscope.stories.index import VectorIndex, make_index

__all__ = [
    "Embedder",
    "HashedTfidfEmbedder",
    "MiniLMEmbedder",
    "OnlineClusterer",
    "VectorIndex",
    "auto_embedder",
    "make_index",
    "story_id",
    "update_stories",
]
