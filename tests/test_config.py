from pathlib import Path

import pytest

from storyscope.config import Settings, load_settings


def test_defaults_when_nothing_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={})
    assert settings == Settings()
    assert settings.db == "storyscope.db"


@pytest.mark.parametrize(
    ("env", "field", "expected"),
    [
        ({"STORYSCOPE_DB": "/tmp/x.db"}, "db", "/tmp/x.db"),
        ({"STORYSCOPE_STORY_WINDOW_DAYS": "3.5"}, "story_window_days", 3.5),
        ({"STORYSCOPE_FETCH_MAX_BYTES": "1000"}, "fetch_max_bytes", 1000),
        ({"STORYSCOPE_SUMMARIZER": "llm"}, "summarizer", "llm"),
    ],
)
def test_environment_overrides_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], field: str, expected: object
) -> None:
    monkeypatch.chdir(tmp_path)
    assert getattr(load_settings(env=env), field) == expected


def test_file_then_env_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "storyscope.toml"
    config.write_text('[storyscope]\ndb = "from-file.db"\nembedder = "tfidf"\nblindspot-threshold = 0.3\n')
    settings = load_settings(config, env={"STORYSCOPE_EMBEDDER": "minilm"})
    assert settings.db == "from-file.db"
    assert settings.embedder == "minilm"  # env beats file
    assert settings.blindspot_threshold == 0.3
    assert settings.with_overrides(db="flag.db", embedder=None).db == "flag.db"  # flags beat env
    assert settings.with_overrides(embedder=None).embedder == "minilm"  # None leaves a value alone


def test_unknown_setting_is_named(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('colour = "blue"\n')
    with pytest.raises(ValueError, match="colour"):
        load_settings(config, env={})


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        load_settings(tmp_path / "nope.toml", env={})


@pytest.mark.parametrize(
    ("db", "store", "backend"),
    [
        ("x.db", "sqlite", "sqlite"),
        ("postgresql://u@127.0.0.1/news", "sqlite", "postgres"),
        ("postgres://u@127.0.0.1/news", "sqlite", "postgres"),
        ("x.db", "postgres", "postgres"),
    ],
)
def test_database_url_names_its_backend(db: str, store: str, backend: str) -> None:
    from storyscope.store import backend_of

    assert backend_of(Settings(db=db, store=store)) == backend


def test_local_outlets_file_sits_beside_a_file_db_and_in_home_for_a_server(tmp_path: Path) -> None:
    assert Settings(db=str(tmp_path / "news.db")).local_outlets_path == tmp_path / "news.outlets.json"
    assert Settings(db="postgresql://h/db").local_outlets_path.name == "outlets.json"
    assert Settings(outlets_path="/x/o.json", db="postgresql://h/db").local_outlets_path == Path("/x/o.json")
