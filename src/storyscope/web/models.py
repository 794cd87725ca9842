"""Response and request models of the JSON API, so ``/docs`` and the OpenAPI document say what comes back.

A story's full report is the ``storyscope.report/1`` document, whose JSON Schema is the contract
(``report/schema.json``); it is passed through as a dict rather than duplicated here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Rating(BaseModel):
    rater: str
    value: str
    date: str | None = None
    source: str | None = None


class OutletOut(BaseModel):
    name: str
    known: bool = Field(description="False when the outlet registry does not match this name")
    articles: int = 0
    country: str | None = None
    language: str | None = None
    type: str | None = None
    ownership: str | None = None
    owner: str | None = None
    lean: str | None = None
    lean_rater: str | None = None
    factuality: str | None = None
    factuality_rater: str | None = None
    lean_ratings: list[Rating] = []
    factuality_ratings: list[Rating] = []
    aliases: list[str] = []
    domains: list[str] = []


class Landscape(BaseModel):
    model_config = ConfigDict(extra="allow")
    by_lean: dict[str, int]
    by_country: dict[str, int]
    by_ownership: dict[str, int]
    independent_outlets: int
    total_articles: int | None = None


class StoryItem(BaseModel):
    id: str
    title: str
    first_seen: str | None
    last_updated: str | None
    articles: int
    landscape: Landscape
    landscape_estimated: bool = Field(
        description="True when the story has no cached analysis and the landscape was estimated "
        "from its outlets"
    )
    blindspot: dict[str, Any] | None
    url: str


class StoryPage(BaseModel):
    items: list[StoryItem]
    total: int
    page: int
    per_page: int


class StoryStatus(BaseModel):
    id: str
    state: str = Field(description="ready | running | failed | missing")
    error: str | None = None


class OutletInfoOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    country: str | None
    type: str | None
    ownership: str | None
    owner: str | None
    lean: str | None
    lean_rater: str | None
    factuality: str | None
    factuality_rater: str | None


class ArticleOut(BaseModel):
    """An article as ``articles[]`` of the report has it."""

    model_config = ConfigDict(extra="allow")
    id: str
    outlet: str | None
    outlet_info: OutletInfoOut | None
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    author: str | None
    body: str
    duplicate_of: str | None
    source: str | None = None
    story_id: str | None = None
    dateline: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    total: int
    page: int
    per_page: int


class SearchHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    story_id: str | None
    snippet: str


class SearchResult(BaseModel):
    query: str
    items: list[SearchHit]


class OutletDetail(OutletOut):
    stories: list[dict[str, Any]] = []


class ArticleRecord(BaseModel):
    """One input record, the same JSON record format ``storyscope ingest`` reads from files."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    text: str | None = None
    html: str | None = None


class IngestOut(BaseModel):
    stored: list[str]
    skipped: list[str]
    errors: list[dict[str, str]]
    stories: list[str] = Field(description="ids of the stories the stored articles now belong to")
