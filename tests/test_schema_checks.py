"""The compiled schema checks shipped in the package are the schema as it is now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import REPO

_spec = importlib.util.spec_from_file_location(
    "generate_schema_checks", REPO / "tools" / "generate_schema_checks.py"
)
assert _spec is not None and _spec.loader is not None
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


@pytest.mark.parametrize(("name", "target"), list(generator.TARGETS.items()))
def test_generated_checks_are_current(name: str, target: str | None) -> None:
    shipped = REPO / "src" / "hxq_cli" / "read" / f"{name}.py"
    assert Path(shipped).read_text(encoding="utf-8") == generator.generated(target), (
        "the schema changed: run python tools/generate_schema_checks.py"
    )
