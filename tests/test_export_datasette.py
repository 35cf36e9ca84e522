"""The SQLite export served by Datasette, as a user opens it (`datasette FILE -m
FILE.metadata.json`), asked through its JSON API: the search box, labels, facets and the canned
queries."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, load_framework, run_installed
from hxq_cli.formats import sqlite

pytest.importorskip("datasette")

FRAMEWORK = load_framework(str(SHIPPED))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped framework exported by the installed hxq, as a user would."""
    path = tmp_path_factory.mktemp("db") / "facts.db"
    result = run_installed("export", "--format", "sqlite", "-o", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert Path(f"{path}.metadata.json").is_file()
    return path


@pytest.fixture(scope="module")
def served(database: Path) -> Iterator[str]:
    """The address of the database in a Datasette started for these tests."""
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(database)]
    command += ["-h", "127.0.0.1", "-p", str(port), "-m", f"{database}.metadata.json"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    # Stops a server that never starts, so that reading its log cannot hang the suite.
    watchdog = threading.Timer(60, server.kill)
    watchdog.start()
    try:
        assert server.stderr is not None
        for line in server.stderr:
            if "running on" in line.lower():
                break
        watchdog.cancel()
        yield f"http://127.0.0.1:{port}/facts"
    finally:
        watchdog.cancel()
        server.kill()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def _get(served: str, path: str, **params: str) -> Any:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{served}/{path}?{query}", timeout=30) as response:
        return json.load(response)


def _rows_holding(database: Path, table: str, found: Any) -> list[str]:
    """The IDs of the rows of `table` one of whose searched texts `found` accepts, in order."""
    columns = ", ".join(sqlite.SEARCHED[table])
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute(f"select id, {columns} from {table} order by position")
        return [row[0] for row in rows if any(text and found(text) for text in row[1:])]


@pytest.mark.parametrize("table", ["nodes", "facts"])
@pytest.mark.parametrize("word", ["创新", "研发", "研发投入", "研", "科创赋能"])
def test_the_search_box_finds_a_chinese_word_exactly_where_it_stands(
    served: str, database: Path, table: str, word: str
) -> None:
    hits = _get(served, f"{table}.json", _search=word, _shape="array", _size="max")
    expected = _rows_holding(database, table, lambda text: word in text)
    assert [hit["id"] for hit in hits] == expected
    if table == "facts" and word in ("研发", "研发投入"):
        assert expected == ["4.2.rd-investment"]
    if table == "nodes" and word == "创新":
        assert len(expected) >= 5


@pytest.mark.parametrize("table", ["nodes", "facts"])
def test_the_search_box_finds_english_words_in_their_forms(
    served: str, database: Path, table: str
) -> None:
    hits = _get(served, f"{table}.json", _search="innovation", _shape="array", _size="max")
    word = re.compile(r"\binnovat", re.IGNORECASE)
    expected = _rows_holding(database, table, word.search)
    assert expected and [hit["id"] for hit in hits] == expected


def test_every_table_with_text_has_a_search_box(served: str) -> None:
    for table in ("nodes", "facts"):
        with urllib.request.urlopen(f"{served}/{table}", timeout=30) as response:
            assert 'name="_search"' in response.read().decode()


def test_links_between_tables_show_titles(served: str) -> None:
    fact = _get(served, "facts.json", id="4.2.rd-investment", _labels="on", _shape="array")[0]
    assert fact["node_id"] == {
        "value": "4.2",
        "label": "科创赋能 · Empowerment through sci-tech innovation",
    }
    source = FRAMEWORK.sources[0]
    assert fact["source_id"]["label"] == f"{source.title.zh} · {source.title.en}"
    node = _get(served, "nodes.json", id="4.2", _labels="on", _shape="array")[0]
    assert node["parent_id"] == {"value": "4", "label": "四张名片 · Four calling cards"}


def test_facts_offer_unit_node_and_qualifier_facets_by_default(served: str) -> None:
    page = _get(served, "facts.json")
    facets = page["facet_results"]
    assert list(facets) == ["unit", "node_id", "qualifier"]
    nodes = {result["value"]: result for result in facets["node_id"]["results"]}
    assert nodes["4.2"]["label"] == "科创赋能 · Empowerment through sci-tech innovation"
    assert nodes["4.2"]["count"] == len(FRAMEWORK.by_id["4.2"].facts)
    units = {result["value"]: result["count"] for result in facets["unit"]["results"]}
    assert units["亿元"] == sum(1 for _, fact in FRAMEWORK.facts() if fact.unit == "亿元")
    assert "parent_id" in _get(served, "nodes.json")["facet_results"]


@pytest.mark.parametrize("node", ["4.2", "innovation", "4"])
def test_the_canned_query_lists_the_figures_under_a_node(served: str, node: str) -> None:
    rows = _get(served, "figures_under.json", node=node, _shape="array")
    located = FRAMEWORK.locate("4" if node == "4" else "4.2").node
    assert [row["id"] for row in rows] == [f.id for n in located.walk() for f in n.facts]
    assert rows[0]["node"] and rows[0]["display_zh"]


def test_the_canned_search_finds_nodes_then_figures(served: str) -> None:
    rows = _get(served, "search.json", q="研发", _shape="array")
    assert [(row["kind"], row["id"]) for row in rows] == [("fact", "4.2.rd-investment")]
    rows = _get(served, "search.json", q="科创赋能", _shape="array")
    kinds = [row["kind"] for row in rows]
    assert kinds[0] == "node" and kinds == sorted(kinds, key=["node", "fact"].index)
    assert rows[0]["id"] == "4.2" and "Empowerment" in rows[0]["title"]
    # An empty search finds nothing, rather than failing.
    assert _get(served, "search.json", q="", _shape="array") == []
