"""`hxq export`: every format parsed back with a real parser, subtrees, files and folders."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from shlex import split as shlex_split
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import (
    FIXTURES,
    RELEASED_COLUMNS,
    REPO,
    SHIPPED,
    Run,
    environment,
    examples,
    framework_of,
    load_framework,
    load_raw,
    parse_text,
)
from hxq_cli.errors import ExitCode
from hxq_cli.formats import export_text as _export_text
from hxq_cli.formats import find_format
from hxq_cli.formats.columns import FACT_SHEET
from hxq_cli.formats.csv import BOM
from hxq_cli.formats.dot import WRAP
from hxq_cli.model import Framework, Lang
from hxq_cli.queries.export import subtree
from hxq_cli.zh.display import amount, chinese, english

FRAMEWORK = load_framework(str(SHIPPED))
MINIMAL = FIXTURES / "minimal.yaml"
TEXT_FORMATS = ["md", "csv", "mermaid", "dot", "json", "yaml", "html"]

#: Text that means something to Markdown, Mermaid, DOT, HTML, CSV, YAML or a terminal.
HOSTILE = 'a "q" \\ | * _ ` [x](y) <b>&amp; #35; %%{init}%% ::: , \x1b[31m \u202e: no'


def export_text(name: str, framework: Framework, lang: Lang = "both", **options: Any) -> str:
    fmt = find_format(name)
    assert fmt is not None
    return _export_text(fmt, framework, lang, **options)


def hostile_framework(tmp_path: Path) -> tuple[Framework, Path]:
    """The minimal framework with hostile text in a title, a statement and a description."""
    raw = load_raw(str(MINIMAL))
    raw["nodes"][0]["children"][0]["title"]["en"] = HOSTILE
    raw["nodes"][0]["facts"][0]["statement"]["en"] = HOSTILE + "\nsecond line"
    raw["nodes"][0]["description"]["en"] = "- " + HOSTILE
    path = tmp_path / "hostile.yaml"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return framework_of(raw), path


# --------------------------------------------------------------------------- json, yaml


def test_json_is_the_framework_document(hxq: Run, tmp_path: Path) -> None:
    result = hxq("export", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == FRAMEWORK.to_dict()
    assert result.out == hxq("show", "--json").out


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_document_formats_reload_to_the_same_framework(hxq: Run, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"framework.{fmt}"
    result = hxq("export", "--format", fmt, "-o", str(path))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert load_framework(str(path)).to_dict() == FRAMEWORK.to_dict()


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_subtree_is_a_framework_file_of_its_own(hxq: Run, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"innovation.{fmt}"
    assert hxq("export", "-f", fmt, "innovation", "-o", str(path)).code == 0
    reloaded = load_framework(str(path))
    assert [node.id for node in reloaded.nodes] == ["4.2"]
    assert reloaded.nodes[0] == FRAMEWORK.locate("4.2").node
    assert reloaded.sources == FRAMEWORK.sources
    assert json.loads(hxq("show", "4.2.finance", "--json", "--data", str(path)).out)["node"][
        "id"
    ] == ("4.2.finance")


def test_yaml_quotes_what_would_not_read_back_as_text(tmp_path: Path) -> None:
    raw = load_raw(str(MINIMAL))
    tricky = ["no", "0o17", "1e5", "017", "1:30", "null", "~", "true", "2025-12-31", ".inf", "- x"]
    raw["nodes"][0]["aliases"] = []
    for index, text in enumerate(tricky):
        raw["nodes"][0]["children"].append(
            {
                "id": f"1.{index + 3}",
                "title": {"zh": text, "en": text},
                "description": {"zh": "\x1b[31m\u202e\x85", "en": "x"},
            }
        )
    framework = framework_of(raw)
    text = export_text("yaml", framework)
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text
    path = tmp_path / "tricky.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_framework(str(path)).to_dict() == framework.to_dict()


def test_yaml_writer_writes_any_document_every_yaml_reader_reads_back() -> None:
    from hxq_cli.formats.yaml import dumps_yaml

    document = {
        "words": "plain",
        "true": "a key YAML would read as a boolean",
        "a b": ["key with a space"],
        "1": {"zh": "数字键", "en": "a key YAML would read as a number"},
        "numbers": [0, -7, 2**62, 1.5, -0.25, 1e300, 1e-05, 123456789.125],
        "others": [True, False, None, "", "null", "017", "1e5", "- x", "#", "a: b"],
        "empty": {"list": [], "mapping": {}},
        "lines": 'one\ntwo\tthree "quoted" back\\slash',
        "hidden": "\x1b[31m\u202e\x85\u2028\ufeff end",
        "long": {"zh": "长" * 80, "en": "long " * 30},
        "nested": [[1, [2]], {"k": [{"deep": "x"}]}],
    }
    text = dumps_yaml(document)
    assert not set(text) & set("\x1b\u202e\x85\u2028\ufeff")
    assert parse_text(text, "t.yaml") == document
    assert yaml.safe_load(text) == document  # a YAML 1.1 reader too


_TEXT = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(title=_TEXT, statement=_TEXT, unit=_TEXT.filter(lambda s: len(s) <= 40))
def test_yaml_round_trips_any_text(tmp_path: Path, title: str, statement: str, unit: str) -> None:
    raw = load_raw(str(MINIMAL))
    raw["nodes"][0]["title"]["en"] = title
    raw["nodes"][0]["facts"][0]["statement"]["zh"] = statement
    raw["nodes"][0]["facts"][0]["unit"] = unit
    framework = framework_of(raw)
    path = tmp_path / "any.yaml"
    path.write_text(export_text("yaml", framework), encoding="utf-8")
    assert load_framework(str(path)).to_dict() == framework.to_dict()


# --------------------------------------------------------------------------- csv


def read_csv(text: str, *, excel: bool = False) -> list[dict[str, str]]:
    # Only --excel starts the file with a BOM (Excel needs it; other readers stumble on it).
    assert text.startswith(BOM) is excel
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_csv_for_excel_starts_with_a_bom(hxq: Run) -> None:
    plain = hxq("export", "--format", "csv").out
    excel = hxq("export", "--format", "csv", "--excel")
    assert excel.code == 0 and excel.out == BOM + plain
    assert read_csv(excel.out, excel=True) == read_csv(plain)
    refused = hxq("export", "--format", "md", "--excel")
    assert refused.code == ExitCode.TROUBLE and "--excel is for --format csv" in refused.err


def test_csv_is_the_facts_table(hxq: Run) -> None:
    result = hxq("export", "--format", "csv")
    assert result.code == 0
    rows = read_csv(result.out)
    facts = list(FRAMEWORK.facts())
    assert len(rows) == len(facts)
    assert tuple(rows[0]) == FACT_SHEET.names
    for row, (node, fact) in zip(rows, facts, strict=True):
        assert (row["node_id"], row["fact_id"]) == (node.id, fact.id)
        # A numeric column: a fraction is written as a decimal, its display keeps 1/3.
        assert float(row["value"]) == float(fact.value)
        assert row["unit"] == fact.unit and row["statement_zh"] == fact.statement.zh
        assert (row["display_zh"], row["display_en"]) == (chinese(fact), english(fact))
    rd = next(row for row in rows if row["fact_id"] == "4.2.rd-investment")
    assert (rd["value"], rd["unit"], rd["as_of"]) == ("24.24", "亿元", "2025-12-31")
    assert (rd["display_zh"], rd["display_en"]) == ("24.24亿元", "CNY 2.424 billion")
    share = next(row for row in rows if row["fact_id"] == "4.outcomes.tech-firm-share")
    assert (share["value"], share["display_zh"], share["display_en"]) == (
        "0.3333333333333333",
        "1/3",
        "one third (about 33%)",
    )


def test_csv_shows_hostile_text_safely(tmp_path: Path) -> None:
    framework, _ = hostile_framework(tmp_path)
    rows = read_csv(export_text("csv", framework))
    shown = HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert rows[0]["statement_en"] == shown + "\nsecond line"
    assert rows[1]["qualifier"] == "more_than" and rows[1]["compared_with_en"] == "the city"


# --------------------------------------------------------------------------- markdown


def parse_markdown(text: str) -> list[Any]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def tables(tokens: list[Any]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            inline = tokens[index + 1]
            row.append(inline.content if inline.type == "inline" else "")
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def test_markdown_briefing_has_a_heading_per_node_and_fact_tables(hxq: Run) -> None:
    result = hxq("export", "--format", "md")
    assert result.code == 0
    tokens = parse_markdown(result.out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    nodes = list(FRAMEWORK.walk())
    assert len(headings) == 1 + 1 + len(nodes) + 1  # title, contents, nodes, sources
    for heading, node in zip(headings[2:], nodes, strict=False):
        assert heading.replace("\\", "") == f"{node.title.zh} · {node.title.en}"
        assert f'<a id="node-{node.id}"></a><sub>ID: {node.id}</sub>' in result.out
    with_facts = [node for node in nodes if node.facts]
    found = tables(tokens)
    assert len(found) == len(with_facts)
    for table, node in zip(found, with_facts, strict=True):
        width = len(table[0])
        assert all(len(row) == width for row in table)
        assert len(table) == 1 + len(node.facts)
        assert table[0][:2] == ["事实 Fact", "数值 Value"]
        assert [row[1] for row in table[1:]] == [amount(fact, "both") for fact in node.facts]


def test_markdown_title_block_contents_and_citation(
    hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    text = hxq("export", "--format", "md", "--lang", "en").out
    head = text.split("## Contents")[0]
    assert f"- Framework: {FRAMEWORK.id} (schema 1)" in head and "- Date: 2026-01-01" in head
    assert "- Source: " in head and "- Version: 0.0.0+" in head
    contents = text.split("## Contents")[1].split("\n## ")[0]
    assert "- [Development vision](#node-1)" in contents
    assert "  - [Empowerment through sci-tech innovation](#node-4.2)" in contents
    assert "4.2.industries" not in contents  # two levels only
    assert "- Luo Xiaoyan, “" in text and ", 2026. <sub>(interview-2026)</sub>" in text
    zh = hxq("export", "--format", "md", "--lang", "zh").out
    assert "- 罗晓燕:《“四张名片”筑生态 再次创业启新程——专访" in zh


def test_markdown_language_choice(hxq: Run) -> None:
    result = hxq("export", "--format", "md", "4.2", "--lang", "en")
    assert result.code == 0
    assert (
        "科创赋能" not in result.out
        and "## Empowerment through sci-tech innovation\n" in result.out
    )
    assert "| Fact | Value | As of |" in result.out


def test_export_honours_the_language_setting(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """HXQ_LANG chooses the language of the formats people read, as --lang does (issue 12)."""
    both = hxq("export", "--format", "md", "4.2").out
    assert "Empowerment through sci-tech innovation" in both and "科创赋能" in both
    monkeypatch.setenv("HXQ_LANG", "zh")
    zh = hxq("export", "--format", "md", "4.2").out
    assert zh == hxq("export", "--format", "md", "4.2", "--lang", "zh").out
    assert "Empowerment through sci-tech innovation" not in zh
    assert hxq("export", "--format", "md", "4.2", "--lang", "both").out == both


def test_markdown_escapes_data(tmp_path: Path) -> None:
    framework, _ = hostile_framework(tmp_path)
    text = export_text("md", framework)
    tokens = parse_markdown(text)
    table = tables(tokens)[0]  # the facts table of node 1, with the hostile statement
    assert all(len(row) == len(table[0]) for row in table)
    html = MarkdownIt("commonmark").enable("table").render(text)
    for syntax in ("<em>", "<code>", '<a href="y"', "<b>", "<del>"):
        assert syntax not in html
    assert html.count("<strong>") == 1  # the role label, not the data
    assert "<p>- a &quot;q&quot;" in html  # a paragraph, not a list
    assert "| * _ ` [x](y) &lt;b&gt;&amp;amp; #35;" in html
    assert "\x1b" not in text and "\\x1b" in html


# --------------------------------------------------------------------------- mermaid

_MERMAID_LINE = re.compile(
    r'^(?P<indent> +)(?P<id>root|n\d+)(?:\("(?P<r>[^"]*)"\)|\["(?P<n>[^"]*)"\])$'
)


def mermaid_nodes(text: str) -> list[tuple[int, str, str]]:
    """(indent, id, decoded label) per line; fails on any line that is not a quoted node."""
    lines = text.splitlines()
    # The front matter asks for the tree layout, in which no boxes overlap.
    assert lines[:5] == ["---", "config:", "  layout: tidy-tree", "---", "mindmap"]
    out = []
    for line in lines[5:]:
        match = _MERMAID_LINE.match(line)
        assert match, line
        label = match.group("r") if match.group("r") is not None else match.group("n")
        assert not re.search(r"[\"`*_\[\]{}<>|%:&#]", re.sub(r"#\d+;|<br>", "", label)), label
        decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)
        out.append((len(match.group("indent")), match.group("id"), decoded))
    return out


def test_mermaid_mindmap_is_two_levels_deep_without_ids_by_default(hxq: Run) -> None:
    nodes = mermaid_nodes(hxq("export", "--format", "mermaid").out)
    assert nodes[0] == (2, "root", f"{FRAMEWORK.title.zh}<br>{FRAMEWORK.title.en}")
    expected = [n for n in FRAMEWORK.walk() if n.id.count(".") <= 1]
    assert [label for _, _, label in nodes[1:]] == [
        f"{n.title.zh}<br>{n.title.en}" for n in expected
    ]
    assert max(indent for indent, _, _ in nodes) == 6


def test_mermaid_subtree_grows_from_its_node(hxq: Run) -> None:
    nodes = mermaid_nodes(hxq("export", "-f", "mermaid", "4", "--depth", "1", "--lang", "en").out)
    assert nodes[0] == (2, "root", "Four calling cards")
    assert [label for _, _, label in nodes[1:]] == [
        c.title.en for c in FRAMEWORK.by_id["4"].children
    ]


def test_mermaid_mindmap_structure(hxq: Run) -> None:
    result = hxq("export", "--format", "mermaid", "--depth", "99", "--ids")
    assert result.code == 0
    nodes = mermaid_nodes(result.out)
    assert nodes[0][:2] == (2, "root")
    tree = list(FRAMEWORK.walk())
    assert len(nodes) == 1 + len(tree)
    depth = {node.id: node.id.count(".") for node in tree}
    for (indent, _, label), node in zip(nodes[1:], tree, strict=True):
        assert indent == 4 + 2 * depth[node.id]
        assert label == f"{node.id} {node.title.zh}<br>{node.title.en}"
    # Indentation never jumps more than one level.
    indents = [indent for indent, _, _ in nodes]
    assert all(b <= a + 2 for a, b in zip(indents, indents[1:], strict=False))


def test_mermaid_codes_whatever_could_break_it(tmp_path: Path) -> None:
    framework, _ = hostile_framework(tmp_path)
    nodes = mermaid_nodes(export_text("mermaid", framework, depth=9, ids=True))
    labels = [label for _, _, label in nodes]
    assert (
        "1.1 任务甲<br>" + HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e") in labels
    )


_SVG_BOX = re.compile(
    r'<g class="node mindmap-node[^"]*"[^>]*transform="translate\(([-\d.]+),\s*([-\d.]+)\)">'
    r'<rect[^>]*? x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"'
)


def svg_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """The box of each node of a mindmap Mermaid drew: left, top, right, bottom."""
    boxes = []
    for match in _SVG_BOX.finditer(svg):
        dx, dy, x, y, width, height = map(float, match.groups())
        boxes.append((dx + x, dy + y, dx + x + width, dy + y + height))
    return boxes


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("mmdc") is None,
    reason="mermaid-cli is not installed (npm install -g @mermaid-js/mermaid-cli)",
)
def test_mermaid_cli_draws_no_box_over_another(hxq: Run, tmp_path: Path) -> None:
    """Every mindmap at its default depth, drawn by mermaid-cli: the whole framework in each
    language and each top-level part, in one Markdown file (one browser for them all)."""
    cases: list[tuple[str, ...]] = [("--lang", lang) for lang in ("both", "zh", "en")]
    cases += [(node.id,) for node in FRAMEWORK.nodes if node.children]
    diagrams = [hxq("export", "--format", "mermaid", *case).out for case in cases]
    source = tmp_path / "diagrams.md"
    source.write_text("".join(f"```mermaid\n{d}```\n\n" for d in diagrams), encoding="utf-8")
    command = ["mmdc", "-i", str(source), "-o", str(tmp_path / "out.md")]
    if Path("/usr/bin/chromium").exists():  # Debian's, rather than a downloaded one
        config = tmp_path / "puppeteer.json"
        config.write_text(
            json.dumps({"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]})
        )
        command += ["-p", str(config)]
    subprocess.run(command, capture_output=True, timeout=600, check=True)
    for number, (case, diagram) in enumerate(zip(cases, diagrams, strict=True), start=1):
        svg = (tmp_path / f"out-{number}.svg").read_text(encoding="utf-8")
        boxes = svg_boxes(svg)
        assert len(boxes) == len(mermaid_nodes(diagram)), case
        assert overlapping(boxes) == [], case


# --------------------------------------------------------------------------- dot

_DOT_STRING = r'"(?:[^"\\]|\\.)*"'
_DOT_NODE = re.compile(rf"^  ({_DOT_STRING}) \[label=({_DOT_STRING})(?:, fillcolor=\"#\w+\")?\];$")
_DOT_EDGE = re.compile(rf"^  ({_DOT_STRING}) -> ({_DOT_STRING}) \[weight=\d+\];$")


def dot_unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text[1:-1])


def dot_graph(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    lines = text.splitlines()
    assert re.match(rf"^digraph {_DOT_STRING} {{$", lines[0]) and lines[-1] == "}"
    labels: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for line in lines[1:-1]:
        if node := _DOT_NODE.match(line):
            labels[dot_unquote(node.group(1))] = dot_unquote(node.group(2))
        elif edge := _DOT_EDGE.match(line):
            edges.append((dot_unquote(edge.group(1)), dot_unquote(edge.group(2))))
        else:
            assert re.match(r"^  (graph|node|edge) \[.*fontname=\"Noto Sans CJK SC\".*\];$", line)
    return labels, edges


def test_dot_graph_structure(hxq: Run) -> None:
    result = hxq("export", "--format", "dot")
    assert result.code == 0
    assert "rankdir=LR, ordering=out" in result.out
    labels, edges = dot_graph(result.out)
    tree = list(FRAMEWORK.walk())
    assert list(labels) == ["root", *(node.id for node in tree)]
    # A long English title is wrapped between words; Chinese, which has no spaces, is whole.
    zh, *en = labels["root"].split("\n")
    assert (zh, " ".join(en)) == (FRAMEWORK.title.zh, FRAMEWORK.title.en)
    assert len(en) > 1 and all(len(line) <= WRAP for line in en)
    assert labels["4.2"] == "科创赋能\nEmpowerment through sci-tech\ninnovation"
    tops = [("root", node.id) for node in FRAMEWORK.nodes]
    assert edges == tops + [(node.id, child.id) for node in tree for child in node.children]


def test_dot_depth_ids_and_subtree_root(hxq: Run) -> None:
    labels, edges = dot_graph(hxq("export", "-f", "dot", "--depth", "1", "--ids").out)
    assert list(labels) == ["root", *(node.id for node in FRAMEWORK.nodes)]
    assert labels["4"] == "4  四张名片\nFour calling cards"
    labels, edges = dot_graph(hxq("export", "-f", "dot", "4", "--depth", "1", "--lang", "zh").out)
    assert list(labels) == ["4", *(c.id for c in FRAMEWORK.by_id["4"].children)]
    assert edges == [("4", c.id) for c in FRAMEWORK.by_id["4"].children]
    refused = hxq("export", "-f", "md", "--depth", "1")
    assert refused.code == ExitCode.TROUBLE


def test_dot_escapes_data(tmp_path: Path) -> None:
    framework, _ = hostile_framework(tmp_path)
    labels, _ = dot_graph(export_text("dot", framework, ids=True))
    zh, *en = labels["1.1"].split("\n")
    assert zh == "1.1  任务甲"
    assert " ".join(en) == HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("hostile", [False, True])
def test_graphviz_renders_it(tmp_path: Path, hostile: bool) -> None:
    framework = hostile_framework(tmp_path)[0] if hostile else FRAMEWORK
    result = subprocess.run(
        ["dot", "-Tsvg"],
        input=export_text("dot", framework).encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    svg = result.stdout.decode()
    assert "<svg" in svg
    assert ("任务甲" if hostile else "科创赋能") in svg


# --------------------------------------------------------------------------- datapackage


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_datapackage(hxq: Run, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    result = hxq("export", "--format", "datapackage", "-o", str(folder))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert sorted(p.name for p in folder.iterdir()) == [
        "datapackage.json",
        "facts.csv",
        "nodes.csv",
    ]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert re.fullmatch(r"[-a-z0-9._/]+", package["name"])
    tables_by_name: dict[str, list[dict[str, str]]] = {}
    for resource in package["resources"]:
        assert resource["profile"] == "tabular-data-resource"
        assert resource["encoding"] == "utf-8" and resource["format"] == "csv"
        rows = read_csv((folder / resource["path"]).read_text(encoding="utf-8"))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(rows[0])
        for field in fields:
            assert field["description"]
            for row in rows:
                cell = row[field["name"]]
                if field.get("constraints", {}).get("required"):
                    assert cell != "", (field["name"], row)
                if cell and field["type"] == "number":
                    # A Table Schema "number" cell must read as a number ("1/3" does not).
                    assert is_number(cell), (resource["name"], field["name"], cell)
                if cell and field["type"] == "integer":
                    int(cell)
                if cell and "enum" in field.get("constraints", {}):
                    assert cell in field["constraints"]["enum"]
        for key in resource["schema"].get("primaryKey", []):
            assert len({row[key] for row in rows}) == len(rows)
        tables_by_name[resource["name"]] = rows
    facts, nodes = tables_by_name["facts"], tables_by_name["nodes"]
    assert len(facts) == len(list(FRAMEWORK.facts()))
    assert len(nodes) == len(list(FRAMEWORK.walk()))
    assert {row["node_id"] for row in facts} <= {row["id"] for row in nodes}
    value = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "value")
    assert value["type"] == "number" and "亿元 (100 million yuan)" in value["description"]
    assert tuple(facts[0])[: len(RELEASED_COLUMNS)] == RELEASED_COLUMNS
    share = next(row for row in facts if row["fact_id"] == "4.outcomes.tech-firm-share")
    assert (share["display_zh"], share["display_en"]) == ("1/3", "one third (about 33%)")


def test_datapackage_needs_a_folder(hxq: Run) -> None:
    for args in ([], ["-o", "-"]):
        result = hxq("export", "--format", "datapackage", *args)
        assert result.code == ExitCode.TROUBLE
        assert (
            result.err == "hxq: error: --format datapackage writes a folder: give it with -o DIR\n"
        )


def test_datapackage_refuses_a_folder_in_use(hxq: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = hxq("export", "--format", "datapackage", "-o", str(tmp_path))
    assert result.code == ExitCode.TROUBLE
    assert result.err == (
        f"hxq: error: {tmp_path}: folder is not empty (use --force to write into it)\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    forced = hxq("export", "--format", "datapackage", "-o", str(tmp_path), "--force")
    assert forced.code == 0
    assert (tmp_path / "facts.csv").is_file()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_datapackage_into_a_file_is_refused(hxq: Run, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = hxq("export", "--format", "datapackage", "-o", str(target))
    assert result.code == ExitCode.TROUBLE
    assert result.err == f"hxq: error: {target}: is a file, not a folder\n"


# --------------------------------------------------------------------------- subtrees, files


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_subtree_holds_only_that_part(hxq: Run, fmt: str) -> None:
    ids = ("--ids",) if fmt in ("mermaid", "dot") else ()
    result = hxq("export", "--format", fmt, "4.3", *ids)
    assert result.code == 0, result.err
    assert "质量强区" in result.out and "4.3.nqi" in result.out or fmt == "csv"
    text = result.out
    if fmt in ("json", "yaml"):
        # A subtree is a framework file of its own: the glossary of the whole framework (which
        # names every part) goes with it, like the sources. Outside it, no other part appears.
        doc = json.loads(text) if fmt == "json" else yaml.safe_load(text)
        assert doc.pop("glossary") == FRAMEWORK.to_dict()["glossary"]
        text = json.dumps(doc, ensure_ascii=False)
    assert "科创赋能" not in text and "双招双引" not in text


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_minimal_framework_in_every_format(hxq: Run, fmt: str) -> None:
    result = hxq("export", "-f", fmt, "--data", str(MINIMAL))
    assert result.code == 0, result.err
    assert "9.8" in result.out or fmt in ("mermaid", "dot")
    assert "任务乙" in result.out or fmt == "csv"


def test_output_file_and_stdout_dash(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_text("old content that is longer than nothing at all", encoding="utf-8")
    assert hxq("export", "-f", "md", "-o", str(path)).code == 0
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# 平顶山高新区") and "old content" not in written
    assert hxq("export", "-f", "md", "-o", "-").out == written


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda p: p / "missing" / "out.md", "no such folder to write into"),
        (lambda p: p, "is a folder, not a file"),
    ],
)
def test_unwritable_output_is_one_line(
    hxq: Run, tmp_path: Path, make_target: Any, message: str
) -> None:
    target = make_target(tmp_path)
    result = hxq("export", "-f", "md", "-o", str(target))
    assert result.code == ExitCode.TROUBLE
    assert result.out == ""
    assert result.err == f"hxq: error: {target}: {message}" + (
        f" ({target.parent})\n" if "no such" in message else "\n"
    )
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "pdf"], "unknown format 'pdf'"),
        ([], "Missing option '--format'"),
        (["--format", "md", "9.9"], "unknown ID '9.9'"),
    ],
)
def test_usage_errors(hxq: Run, args: list[str], needle: str) -> None:
    result = hxq("export", *args)
    assert result.code == ExitCode.TROUBLE
    assert len(result.err.splitlines()) == 1 and needle in result.err


def test_terminal_output_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    from hxq_cli.cli.stdout import emit_text

    framework, _ = hostile_framework(tmp_path)
    screen, pipe = io.StringIO(), io.StringIO()
    emit_text(environment(stdout=screen, stdout_isatty=True), f"{HOSTILE}\n")
    emit_text(environment(stdout=pipe), f"{HOSTILE}\n")
    assert "\x1b" in pipe.getvalue() and "\x1b" not in screen.getvalue()
    assert "\\x1b[31m" in screen.getvalue()


def test_subtree_keeps_the_framework_around_it() -> None:
    part = subtree(FRAMEWORK, FRAMEWORK.locate("6"))
    assert part.id == FRAMEWORK.id and part.title == FRAMEWORK.title
    assert [node.id for node in part.nodes] == ["6"]
    assert subtree(FRAMEWORK, None) is FRAMEWORK


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("args", [(), ("--depth", "2"), ("4",)])
def test_graphviz_lays_each_nodes_parts_out_top_to_bottom_in_order(
    hxq: Run, args: tuple[str, ...]
) -> None:
    result = subprocess.run(
        ["dot", "-Tplain"],
        input=hxq("export", "-f", "dot", *args).out.encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    # -Tplain: "node NAME X Y …", y growing upwards.
    height = {
        shlex_split(line)[1]: float(shlex_split(line)[3])
        # -Tplain continues a long line with a backslash at its end.
        for line in result.stdout.decode().replace("\\\n", "").splitlines()
        if line.startswith("node ")
    }
    parents = FRAMEWORK.nodes if not args or args[0] != "4" else (FRAMEWORK.by_id["4"],)
    for parent in (*parents, *FRAMEWORK.walk()):
        shown = [child.id for child in parent.children if child.id in height]
        assert [height[i] for i in shown] == sorted((height[i] for i in shown), reverse=True)
    if not args or args[0] != "4":
        tops = [height[node.id] for node in FRAMEWORK.nodes]
        assert tops == sorted(tops, reverse=True)


def test_markdown_labels_take_the_colon_of_their_language(hxq: Run) -> None:
    assert "**定位：** “核心”与“引擎”" in hxq("export", "--format", "md", "--lang", "zh", "4.2").out
    assert (
        "**Role:** the core and the engine"
        in hxq("export", "--format", "md", "--lang", "en", "4.2").out
    )
    both = hxq("export", "--format", "md", "--lang", "both", "4.2").out
    assert "**定位 Role:** “核心”与“引擎” · the core and the engine" in both


# Graphviz's own layout (-Tplain): each node's centre and size, each edge's B-spline control
# points, in inches, y growing upwards.
Box = tuple[float, float, float, float]


def graphviz_layout(dot_text: str) -> tuple[dict[str, Box], list[tuple[str, str, list[Point]]]]:
    result = subprocess.run(
        ["dot", "-Tplain"], input=dot_text.encode(), capture_output=True, timeout=120, check=True
    )
    boxes: dict[str, Box] = {}
    edges: list[tuple[str, str, list[Point]]] = []
    # -Tplain continues a long line with a backslash at its end.
    for line in result.stdout.decode().replace("\\\n", "").splitlines():
        fields = shlex_split(line)
        if fields[0] == "node":
            x, y, width, height = map(float, fields[2:6])
            boxes[fields[1]] = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        elif fields[0] == "edge":
            count = int(fields[3])
            points = [(float(fields[4 + 2 * i]), float(fields[5 + 2 * i])) for i in range(count)]
            edges.append((fields[1], fields[2], _bezier_path(points)))
    return boxes, edges


Point = tuple[float, float]


def _bezier_path(controls: list[Point], steps: int = 12) -> list[Point]:
    """The points along a piecewise cubic Bézier curve (Graphviz's edge shape)."""
    path = []
    for k in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[k : k + 4]
        for i in range(steps + 1):
            s = i / steps
            a, b, c, d = (1 - s) ** 3, 3 * (1 - s) ** 2 * s, 3 * (1 - s) * s * s, s**3
            path.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return path


def _segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether segment pq meets segment rs (touching counts; a segment of no length never)."""
    if p == q or r == s:
        return False

    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    if side(r, s, p) * side(r, s, q) > 0 or side(p, q, r) * side(p, q, s) > 0:
        return False
    # On one line (or touching): the segments meet where their extents overlap.
    return (
        min(p[0], q[0]) <= max(r[0], s[0])
        and min(r[0], s[0]) <= max(p[0], q[0])
        and min(p[1], q[1]) <= max(r[1], s[1])
        and min(r[1], s[1]) <= max(p[1], q[1])
    )


def crossing_edges(edges: list[tuple[str, str, list[Point]]]) -> list[tuple[str, ...]]:
    """The pairs of edges without a common end whose drawn paths cross."""
    found: list[tuple[str, ...]] = []
    for i, (tail, head, path) in enumerate(edges):
        for other_tail, other_head, other in edges[i + 1 :]:
            if len({tail, head, other_tail, other_head}) < 4:
                continue
            if any(
                _segments_cross(path[a], path[a + 1], other[b], other[b + 1])
                for a in range(len(path) - 1)
                for b in range(len(other) - 1)
            ):
                found.append((tail, head, other_tail, other_head))
    return found


def edges_through_boxes(
    boxes: dict[str, Box], edges: list[tuple[str, str, list[Point]]]
) -> list[tuple[str, str, str]]:
    return [
        (tail, head, name)
        for tail, head, path in edges
        for name, (left, bottom, right, top) in boxes.items()
        if name not in (tail, head) and any(left < x < right and bottom < y < top for x, y in path)
    ]


def test_the_crossing_check_finds_crossing_edges() -> None:
    square = [(0.0, 0.0), (0.0, 0.0), (2.0, 2.0), (2.0, 2.0)]
    other = [(0.0, 2.0), (0.0, 2.0), (2.0, 0.0), (2.0, 0.0)]
    edges = [("a", "b", _bezier_path(square)), ("c", "d", _bezier_path(other))]
    assert crossing_edges(edges) == [("a", "b", "c", "d")]
    assert edges_through_boxes({"e": (0.9, 0.9, 1.1, 1.1)}, edges[:1]) == [("a", "b", "e")]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize(
    "args", [(), ("--lang", "en"), ("--lang", "zh", "--ids"), ("4",), ("outlook", "--ids")]
)
def test_graphviz_draws_the_whole_tree_cleanly(hxq: Run, args: tuple[str, ...]) -> None:
    """At full depth: no two edges cross, no edge runs through a box, and each node with
    several parts stands beside them (within their span), not far above or below."""
    boxes, edges = graphviz_layout(hxq("export", "-f", "dot", *args).out)
    assert crossing_edges(edges) == []
    assert edges_through_boxes(boxes, edges) == []
    parts: dict[str, list[str]] = {}
    for tail, head, _ in edges:
        parts.setdefault(tail, []).append(head)
    centre = {name: (bottom + top) / 2 for name, (_, bottom, _, top) in boxes.items()}
    astray = [
        parent
        for parent, heads in parts.items()
        if len(heads) > 1
        and not min(centre[h] for h in heads) <= centre[parent] <= max(centre[h] for h in heads)
    ]
    assert astray == []


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("seed", [1, 4, 5])
def test_graphviz_draws_larger_frameworks_without_crossing_edges(tmp_path: Path, seed: int) -> None:
    """Generated frameworks of 150 nodes on which curved edges crossed (3, 1 and 4 times)."""
    sys.path.insert(0, str(REPO / "bench"))
    from make_framework import make_file

    path = tmp_path / "generated.yaml"
    make_file(path, 150, 0, seed=seed)
    boxes, edges = graphviz_layout(export_text("dot", load_framework(str(path))))
    assert len(edges) == 150
    assert crossing_edges(edges) == []
    assert edges_through_boxes(boxes, edges) == []
