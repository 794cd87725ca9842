from __future__ import annotations

from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.outlets.builtin import builtin_outlets
from storyscope.outlets.registry import OutletRegistry

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "outlets"


@pytest.fixture(scope="session")
def builtin() -> OutletRegistry:
    return OutletRegistry(builtin_outlets())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose local registry lives in a fresh temporary folder."""
    return Settings(db=str(tmp_path / "test.db"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
