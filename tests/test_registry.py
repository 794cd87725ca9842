import pytest

from storyscope.registry import REGISTRY, BackendError, resolve
from storyscope.store.sqlite import SQLiteStore


def test_resolves_registered_backend() -> None:
    assert resolve("store", "sqlite") is SQLiteStore


@pytest.mark.parametrize(("kind", "name"), [("store", "nosuch"), ("nosuchkind", "x")])
def test_unknown_backend_lists_choices(kind: str, name: str) -> None:
    with pytest.raises(BackendError, match="unknown"):
        resolve(kind, name)


def test_every_registered_target_is_module_colon_attr() -> None:
    for kind, entries in REGISTRY.items():
        for name, target in entries.items():
            module, _, attr = target.partition(":")
            assert module.startswith("storyscope.") and attr, (kind, name)
