"""The single source of configuration.

Precedence, lowest first: defaults, a TOML config file (``--config`` or ``STORYSCOPE_CONFIG`` or
``./storyscope.toml``), environment variables prefixed ``STORYSCOPE_``, then CLI flags. Pluggable
backends are picked here by name (see ``storyscope.registry``), never by ``if`` chains elsewhere.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "STORYSCOPE_"


@dataclass(frozen=True)
class Settings:
    db: str = "storyscope.db"
    store: str = "sqlite"  # registry name: sqlite | postgres
    embedder: str = "auto"  # registry name: auto | minilm | tfidf
    ner: str = "auto"  # registry name: auto | spacy | heuristic
    summarizer: str = "extractive"  # registry name: extractive | llm
    llm_url: str | None = None  # OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1
    llm_model: str | None = None
    llm_key: str | None = None
    llm_timeout: float = 60.0
    story_window_days: float = 7.0
    blindspot_threshold: float = 0.2
    outlets_path: str | None = None  # user's local registry file; default next to the db
    lexicon_path: str | None = None  # user's extra framing lexicon (merged over the shipped one)
    api_token: str | None = None  # enables POST /api/articles
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    file_max_bytes: int = 50_000_000
    user_agent: str = "storyscope/0.1 (+https://github.com/storyscope/storyscope; news comparison bot)"
    progress: str = "auto"  # auto | always | never

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with the non-None ``values`` applied (CLI flags on top of everything)."""
        clean = {k: v for k, v in values.items() if v is not None}
        return replace(self, **clean)

    @property
    def local_outlets_path(self) -> Path:
        if self.outlets_path:
            return Path(self.outlets_path)
        if "://" in self.db:  # a database server: keep the user's registry in their home
            return Path.home() / ".storyscope" / "outlets.json"
        db = Path(self.db)
        return db.with_name(db.stem + ".outlets.json")


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if not isinstance(raw, str):
        return raw
    if kind in ("float", "float | None"):
        return float(raw)
    if kind in ("int", "int | None"):
        return int(raw)
    return raw


def load_settings(config_file: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    path = config_file or env.get(ENV_PREFIX + "CONFIG")
    candidate = Path(path) if path else Path("storyscope.toml")
    if candidate.is_file():
        with candidate.open("rb") as fh:
            data = tomllib.load(fh)
        section = data.get("storyscope", data)
        values.update({k.replace("-", "_"): v for k, v in section.items()})
    elif path:
        raise FileNotFoundError(f"{path}: config file not found")
    names = {f.name for f in fields(Settings)}
    for name in names:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = env[key]
    unknown = set(values) - names
    if unknown:
        raise ValueError(f"{candidate}: unknown setting(s): {', '.join(sorted(unknown))}")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})
