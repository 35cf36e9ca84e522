"""The invented example framework: proof that nothing in hxq assumes the Pingdingshan tree."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, Run, load_framework, parse_text

EXAMPLE = REPO / "examples" / "riverton-321.yaml"
DATA = ["--data", str(EXAMPLE)]


def test_it_is_marked_as_invented() -> None:
    framework = load_framework(str(EXAMPLE))
    assert "虚构" in framework.title.zh and "invented" in framework.title.en
    assert "INVENTED" in EXAMPLE.read_text(encoding="utf-8").split("\n", 5)[2]


def test_validate(hxq: Run) -> None:
    result = hxq("validate", str(EXAMPLE))
    assert result.code == 0, result.out
    assert result.out == f"{EXAMPLE}: valid: 19 nodes, 8 facts, 1 source\n"


def test_tree(hxq: Run) -> None:
    result = hxq("show", *DATA, width=100)
    assert result.code == 0, result.err
    for node in load_framework(str(EXAMPLE)).walk():
        assert f"{node.id}  {node.title.zh} · {node.title.en}" in result.out
    assert "Pingdingshan" not in result.out and "平顶山" not in result.out


@pytest.mark.parametrize(
    ("query", "node_id"),
    [
        ("1.2.1.4", "1.2.1.4"),
        ("old-quarter", "1.2"),
        ("phases", "timeline"),
        ("四类片区", "1.2.1"),
        ("fifteen-minute neighbourhoods", "3.1"),
    ],
)
def test_show_one_node(hxq: Run, query: str, node_id: str) -> None:
    result = hxq("show", query, "--json", *DATA)
    assert result.code == 0, result.err
    assert json.loads(result.out)["node"]["id"] == node_id


def test_deep_node_view(hxq: Run) -> None:
    result = hxq("show", "1.2", "--lang", "en", *DATA)
    assert result.code == 0, result.err
    assert "Path: 1 › 1.2" in result.out
    lines = [line.strip() for line in result.out.splitlines()]
    shown = lines.index("Residents' councils set up")
    assert lines[shown - 1].endswith("37")  # a count: the bare number, on the line above
    assert "37个" not in result.out
    # The node's own figure, an exact fraction, in its English display form.
    assert "one quarter (about" in result.out and "25%)" in result.out


def test_facts_without_anchors(hxq: Run) -> None:
    result = hxq("show", "3.1", *DATA, width=120)
    assert result.code == 0, result.err
    assert "超过90% / more than 90%" in result.out and "全市常住人口" in result.out
    node = json.loads(hxq("show", "3.1", "--json", *DATA).out)["node"]
    assert "anchor" not in node["facts"][0]
    assert node["facts"][0]["qualifier"] == "more_than"


def test_json_is_the_file(hxq: Run) -> None:
    result = hxq("show", "--json", *DATA)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    raw = parse_text(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    assert document == raw


def test_unknown_id_suggests_from_this_framework(hxq: Run) -> None:
    result = hxq("show", "timelin", *DATA)
    assert result.code == 2
    assert "did you mean timeline" in result.err


def test_facts_search_and_export_work_on_another_shape(hxq: Run) -> None:
    facts = json.loads(hxq("facts", "--json", *DATA).out)["facts"]
    by_id = {fact["id"]: fact for fact in facts}
    assert len(by_id) == 8
    assert by_id["1.1.budget"]["normalized"] == {"value": 860000000, "unit": "CNY", "base": None}
    assert by_id["1.1.budget"]["qualifier"] == "about"
    assert by_id["1.1.budget"]["display"] == {"zh": "约8.6亿元", "en": "about CNY 860 million"}
    share = by_id["1.2.area-share"]
    assert (share["value"], share["unit"]) == ("1/4", "占比")
    assert share["normalized"]["value"] == 0.25 and share["normalized"]["unit"] == "fraction"
    assert share["display"] == {"zh": "1/4", "en": "one quarter (about 25%)"}
    assert by_id["1.1.length"]["normalized"] is None  # 公里 is not a unit hxq normalises
    assert [
        f["id"] for f in json.loads(hxq("facts", "--json", "--under", "1.2", *DATA).out)["facts"]
    ] == ["1.2.area-share", "1.2.residents.councils"]
    hits = json.loads(hxq("search", "river", "--json", *DATA).out)["hits"]
    assert hits and hits[0]["node"]["id"] == "1.1"
    mindmap = hxq("export", "--format", "mermaid", "--depth", "9", "--ids", *DATA)
    # The front matter asks for the tidy-tree layout; the diagram follows it.
    assert mindmap.code == 0 and mindmap.out.split("---\n")[-1].startswith("mindmap\n")
    assert "1.2.1.4" in mindmap.out


def test_the_glossary_is_listed_and_followed(hxq: Run) -> None:
    raw = parse_text(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    result = hxq("terms", "--json", *DATA)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["framework"] == "riverton-321-example"
    assert [(t["zh"], t["en"]) for t in document["terms"]] == [
        ("城市更新", "urban renewal"),
        ("老街区", "old quarter"),
        ("居民议事会", "residents' council"),
        ("十五分钟生活圈", "fifteen-minute neighbourhood"),
    ]
    # Each term as the file writes it, with where the example uses it.
    assert [{k: v for k, v in t.items() if k != "uses"} for t in document["terms"]] == raw[
        "glossary"
    ]
    # 城市更新 is in the framework's own title only: no node or fact holds it.
    assert [len(t["uses"]) > 0 for t in document["terms"]] == [False, True, True, True]
    # The example's own texts use the glossary's English: validate has no warning for it.
    checked = json.loads(hxq("validate", str(EXAMPLE), "--json").out)
    assert checked["valid"] is True and checked["warnings"] == []
