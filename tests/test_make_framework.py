"""bench/make_framework.py writes frameworks that hxq accepts and that keep the file's rules."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, load_framework, run_installed
from hxq_cli.zh.titles import count_mismatches, is_numbered, title_count

sys.path.insert(0, str(REPO / "bench"))

from make_framework import chinese_numeral, make_file  # noqa: E402


@pytest.mark.parametrize(("nodes", "facts"), [(1, 0), (7, 1), (250, 3)])
def test_generated_framework_loads_with_the_asked_sizes(
    tmp_path: Path, nodes: int, facts: int
) -> None:
    path = tmp_path / "gen.yaml"
    summary = make_file(path, nodes, facts, seed=3)
    framework = load_framework(str(path))
    all_nodes = list(framework.walk())
    assert len(all_nodes) == summary.nodes == nodes
    assert len(list(framework.facts())) == summary.facts == nodes * facts
    assert summary.bytes == path.stat().st_size
    assert framework.locate(summary.deepest_id).node.id == summary.deepest_id
    assert len(framework.locate(summary.deepest_id).path) == summary.depth


def test_generated_framework_keeps_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "gen.yaml"
    make_file(path, 400, 2, seed=5)
    framework = load_framework(str(path))
    ids = [node.id for node in framework.walk()]
    assert len(ids) == len(set(ids))
    fact_ids = [fact.id for _, fact in framework.facts()]
    assert len(fact_ids) == len(set(fact_ids))
    aliases = [alias for node in framework.walk() for alias in node.aliases]
    assert aliases
    assert not Counter(aliases) - Counter(set(aliases))
    assert not set(aliases) & set(ids)
    sources = {source.id for source in framework.sources}
    for node in framework.walk():
        for child in node.children:
            assert child.id.startswith(node.id + ".")
        for fact in node.facts:
            assert fact.id.startswith(node.id + ".")
            assert fact.source in sources
        assert node.title.zh and node.title.en and node.description.en
    # Titles that announce a count are right, and some do announce one.
    assert list(count_mismatches(framework)) == []
    counted = [n for n in framework.walk() if title_count(n.title.zh) is not None]
    assert counted
    assert all(
        title_count(n.title.zh) == sum(is_numbered(c.id) for c in n.children) for n in counted
    )
    assert any(not child.id.rsplit(".", 1)[-1].isdigit() for child in framework.walk())


def test_same_seed_same_file(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    make_file(a, 60, 2, seed=9)
    make_file(b, 60, 2, seed=9)
    make_file(c, 60, 2, seed=10)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


@pytest.mark.parametrize(
    ("n", "zh"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九")]
)
def test_chinese_numeral(n: int, zh: str) -> None:
    assert chinese_numeral(n) == zh


def test_command_line_writes_a_file_hxq_can_show(tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "cli.yaml"
    script = REPO / "bench" / "make_framework.py"
    done = subprocess.run(
        [sys.executable, str(script), "--nodes", "30", "--facts-per-node", "2", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "30 nodes, 60 facts" in done.stderr
    shown = run_installed("show", "1", "--json", "--data", str(out))
    assert shown.returncode == 0, shown.stderr
