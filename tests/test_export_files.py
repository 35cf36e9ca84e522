"""The binary and outline exports: SQLite (read with sqlite3, served by Datasette), XLSX (read
back with openpyxl) and OPML (parsed back with ElementTree)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED, Run, load_framework
from hxq_cli.errors import DataError, ExitCode
from hxq_cli.formats import export_bytes, find_format, sqlite, xlsx
from hxq_cli.formats.xlsx import display_width
from hxq_cli.model import Bilingual, Fact, Framework, Lang, Node, walk_paths
from hxq_cli.zh.display import amount

FRAMEWORK = load_framework(str(SHIPPED))
RIVERTON = FIXTURES.parents[1] / "examples" / "riverton-321.yaml"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "facts.db"
    path.write_bytes(sqlite.export(FRAMEWORK))
    Path(f"{path}.metadata.json").write_text(sqlite.companion(FRAMEWORK, str(path)), "utf-8")
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    yield connection
    connection.close()


# --------------------------------------------------------------------------- sqlite


def test_sqlite_nodes_keep_order_depth_and_parent(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "select id, parent_id, position, depth from nodes order by position"
    ).fetchall()
    expected = [
        (p[-1].id, p[-2].id if len(p) > 1 else None, i, len(p))
        for i, p in enumerate(walk_paths(FRAMEWORK.nodes), start=1)
    ]
    assert rows == expected
    action = FRAMEWORK.by_id["1"].action
    assert action is not None
    assert db.execute("select action_en from nodes where id = '1'").fetchone() == (action.en,)
    # Missing values are NULL, not empty text.
    assert db.execute("select action_en from nodes where id = 'outlook'").fetchone() == (None,)


def test_sqlite_keys_are_declared_and_hold(db: sqlite3.Connection) -> None:
    nodes_fk = {(r[2], r[3], r[4]) for r in db.execute("pragma foreign_key_list(nodes)")}
    assert nodes_fk == {("nodes", "parent_id", "id")}
    facts_fk = {(r[2], r[3], r[4]) for r in db.execute("pragma foreign_key_list(facts)")}
    assert facts_fk == {("nodes", "node_id", "id"), ("sources", "source_id", "id")}
    pks = {
        t: [r[1] for r in db.execute(f"pragma table_info({t})") if r[5]]
        for t in ("nodes", "facts", "sources")
    }
    assert pks == {"nodes": ["id"], "facts": ["id"], "sources": ["id"]}
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_sqlite_facts_are_numbers_with_display_text(db: sqlite3.Connection) -> None:
    row = db.execute(
        "select value, typeof(value), normalized_value, typeof(normalized_value), unit, "
        "display_zh, display_en, qualifier from facts where id = '4.2.rd-investment'"
    ).fetchone()
    fact = next(f for _, f in FRAMEWORK.facts() if f.id == "4.2.rd-investment")
    assert row == (
        24.24,
        "real",
        2424000000.0,
        "real",
        "亿元",
        amount(fact, "zh"),
        amount(fact, "en"),
        None,
    )
    count = db.execute("select count(*) from facts").fetchone()[0]
    assert count == len(list(FRAMEWORK.facts()))
    kinds = {r[0] for r in db.execute("select typeof(value) from facts")}
    assert kinds <= {"integer", "real"}
    assert [r[0] for r in db.execute("select id from facts order by position")] == [
        f.id for _, f in FRAMEWORK.facts()
    ]


def _search(db: sqlite3.Connection, table: str, words: str) -> list[str]:
    """What Datasette's search box finds for `words`: each word quoted, as it quotes them."""
    query = (
        f"select id from {table} where position in "
        f"(select rowid from {table}_fts where {table}_fts match ?) order by position"
    )
    quoted = " ".join(f'"{word}"' for word in words.split())
    return [r[0] for r in db.execute(query, (quoted,))]


def test_sqlite_full_text_search_finds_chinese_words_of_any_length_and_english(
    db: sqlite3.Connection,
) -> None:
    assert "4.2" in _search(db, "nodes", "科创赋能")
    assert "4.2" in _search(db, "nodes", "empowerment")
    for word in ("研发", "研发投入", "24.24亿元", "R&D", "研发 2025"):
        assert _search(db, "facts", word) == ["4.2.rd-investment"], word
    assert _search(db, "facts", "研") == ["4.2.rd-investment", "4.2.academic-cooperation"]
    assert _search(db, "facts", "投入研发") == []
    # English words are found in their other forms (porter stemming).
    assert "4.outcomes" in _search(db, "nodes", "figure")


def test_sqlite_search_finds_the_characters_together_never_scattered(tmp_path: Path) -> None:
    def node(number: int, zh: str) -> Node:
        return Node(str(number), Bilingual(zh, f"Part {number}"), Bilingual(zh, "text"))

    texts = (
        "我们加大研发投入。",
        "投入研发的资金",
        "研究发展的投入",
        "研发",
        "研发投入达24.24亿元",
    )
    nodes = tuple(node(i, zh) for i, zh in enumerate(texts, start=1))
    title = Bilingual("测试", "Test")
    target = tmp_path / "t.db"
    target.write_bytes(sqlite.export(Framework(1, "t", title, title, (), nodes)))
    with sqlite3.connect(target) as connection:
        assert _search(connection, "nodes", "研发投入") == ["1", "5"]
        assert _search(connection, "nodes", "研发") == ["1", "2", "4", "5"]
        assert _search(connection, "nodes", "发展") == ["3"]
        assert _search(connection, "nodes", "投入 研发") == ["1", "2", "5"]


def test_sqlite_metadata_beside_it(database: Path) -> None:
    metadata = json.loads(Path(f"{database}.metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"].startswith(FRAMEWORK.title.zh)
    assert metadata["license"] and metadata["source"]
    tables = metadata["databases"]["facts"]["tables"]
    assert set(tables["facts"]["columns"]) >= {"value", "display_zh", "normalized_value"}
    assert tables["facts"]["fts_table"] == "facts_fts"
    assert "研发投入" in tables["nodes"]["description"]


def test_sqlite_labels_are_titles_in_both_languages(db: sqlite3.Connection) -> None:
    assert db.execute("select label from nodes where id = '4.2'").fetchone() == (
        "科创赋能 · Empowerment through sci-tech innovation",
    )
    source = FRAMEWORK.sources[0]
    assert db.execute("select label from sources").fetchall() == [
        (f"{source.title.zh} · {source.title.en}",)
    ]
    # The label is the last column: the columns before it are those of the other formats.
    columns = [row[1] for row in db.execute("pragma table_info(nodes)")]
    assert columns[-1] == "label" and "label" not in columns[:-1]


def test_sqlite_of_another_framework(hxq: Run, tmp_path: Path) -> None:
    target = tmp_path / "riverton.db"
    assert hxq("export", "-f", "sqlite", "-o", str(target), "--data", str(RIVERTON)).code == 0
    assert json.loads(Path(f"{target}.metadata.json").read_text("utf-8"))["databases"]["riverton"]
    with sqlite3.connect(target) as connection:
        assert connection.execute("select count(*) from facts").fetchone()[0] == 8


def test_binary_formats_need_a_file(hxq: Run) -> None:
    for fmt in ("sqlite", "xlsx"):
        result = hxq("export", "-f", fmt)
        assert result.code == ExitCode.TROUBLE
        assert "writes a binary file: give it with -o FILE" in result.err


# --------------------------------------------------------------------------- xlsx


def test_xlsx_reads_back_with_numbers_frozen_headers_and_wide_columns(
    hxq: Run, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "facts.xlsx"
    assert hxq("export", "-f", "xlsx", "-o", str(target)).code == 0
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["nodes", "facts", "sources", "glossary"]
    nodes, facts = workbook["nodes"], workbook["facts"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
    header = [c.value for c in facts[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in facts.iter_rows(min_row=2)
    ]
    assert [r["id"] for r in rows] == [f.id for _, f in FRAMEWORK.facts()]
    rd = next(r for r in rows if r["id"] == "4.2.rd-investment")
    assert rd["value"] == 24.24 and isinstance(rd["value"], float)
    assert rd["qualifier"] is None
    node_header = [c.value for c in nodes[1]]
    ids = [row[0].value for row in nodes.iter_rows(min_row=2)]
    assert ids == [n.id for n in FRAMEWORK.walk()]
    # A Chinese column is about twice as wide as its characters (the glossary, narrow enough
    # for a page as it is).
    glossary = workbook["glossary"]
    longest = max(display_width(term.zh) for term in FRAMEWORK.glossary)
    assert glossary.column_dimensions["A"].width >= longest
    assert display_width("科创 ab") == 7
    # The nodes sheet, too wide for a page, shares the page's width: long texts keep the most.
    width = {
        name: nodes.column_dimensions[chr(ord("A") + i)].width for i, name in enumerate(node_header)
    }
    assert width["description_en"] > width["title_en"] >= width["id"] >= xlsx.NARROWEST
    # XlsxWriter stores each width rounded to whole pixels, with the cell's padding added.
    assert xlsx.PAGE_WIDTH - 5 < sum(width.values()) <= xlsx.PAGE_WIDTH + len(width)


def test_xlsx_prints_landscape_one_page_wide_with_the_header_on_every_page(
    tmp_path: Path,
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "facts.xlsx"
    target.write_bytes(xlsx.export(FRAMEWORK))
    workbook = openpyxl.load_workbook(target)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        # One page wide (1 is the attribute's default, which XlsxWriter leaves out), as many
        # pages down as it takes.
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.print_options.gridLines is True
        assert sheet.oddHeader.left.text == f"{FRAMEWORK.title.zh} · {FRAMEWORK.title.en}"
        assert (sheet.oddHeader.right.text, sheet.oddFooter.center.text) == ("&A", "&P / &N")
    # Rows of wrapped text are given their height; a one-line row keeps the default.
    nodes = workbook["nodes"]
    heights = {row[0].value: nodes.row_dimensions[row[0].row].height for row in nodes.iter_rows()}
    assert heights["2"] is not None and heights["2"] >= 4 * xlsx.LINE_HEIGHT
    assert heights["6.1"] is None or heights["6.1"] < heights["2"]


def test_xlsx_page_header_keeps_a_title_as_written() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    title = Bilingual("研发 & 投入", "R&D &P")
    node = Node("1", title, title)
    workbook = openpyxl.load_workbook(
        io.BytesIO(xlsx.export(Framework(1, "amp", title, title, (), (node,))))
    )
    # "&" starts a code in a page header: the title's own are doubled, so none is read as one.
    assert workbook["nodes"].oddHeader.left.text == "研发 && 投入 · R&&D &&P"


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("Launch a second start-up", 24, 1),
        ("Launch a second start-up", 14, 3),
        ("实施再次创业", 14, 1),
        ("实施再次创业", 8, 2),
        ("a" * 40, 12, 4),
        ("one\ntwo", 30, 2),
        ("", 10, 1),
    ],
)
def test_xlsx_counts_the_lines_of_wrapped_text(text: str, width: float, lines: int) -> None:
    assert xlsx.wrapped_lines(text, width) == lines


# --------------------------------------------------------------------------- opml


def test_opml_parses_back_as_the_outline(hxq: Run) -> None:
    result = hxq("export", "-f", "opml", "--lang", "en")
    assert result.code == 0
    root = ET.fromstring(result.out.encode())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == FRAMEWORK.title.en
    body = root.find("body")
    assert body is not None
    assert [o.get("text") for o in body.iter("outline")] == [n.title.en for n in FRAMEWORK.walk()]
    card = next(
        o
        for o in body.iter("outline")
        if o.get("text") == "Empowerment through sci-tech innovation"
    )
    fact = next(f for f in FRAMEWORK.by_id["4.2"].facts)
    assert f"{fact.statement.en}: {amount(fact, 'en')}" in (card.get("_note") or "")


def test_opml_subtree_in_both_languages(hxq: Run) -> None:
    root = ET.fromstring(hxq("export", "-f", "opml", "4.2").out.encode())
    first = root.find("body/outline")
    assert (
        first is not None
        and first.get("text") == "科创赋能 · Empowerment through sci-tech innovation"
    )


def test_opml_outlines_carry_their_node_ids(hxq: Run) -> None:
    root = ET.fromstring(hxq("export", "-f", "opml", "--lang", "en").out.encode())
    outlines = list(root.iter("outline"))
    assert [o.get("id") for o in outlines] == [n.id for n in FRAMEWORK.walk()]
    # Titles stay titles unless --ids is given.
    assert outlines[0].get("text") == FRAMEWORK.nodes[0].title.en
    # Each outline is its node's place in the tree: its parent outline is its parent node.
    parents = {child.get("id"): outline.get("id") for outline in outlines for child in outline}
    assert parents["4.2.finance.1"] == "4.2.finance" and parents["4.2"] == "4"


@pytest.mark.parametrize("lang", ["en", "both"])
def test_opml_ids_put_each_node_id_before_its_title(hxq: Run, lang: Lang) -> None:
    result = hxq("export", "-f", "opml", "4.2", "--ids", "--lang", lang)
    assert result.code == 0, result.err
    outlines = list(ET.fromstring(result.out.encode()).iter("outline"))
    under = list(FRAMEWORK.locate("4.2").node.walk())
    assert [o.get("text") for o in outlines] == [
        f"{n.id} {n.title.pick(lang, ' · ')}" for n in under
    ]
    assert [o.get("id") for o in outlines] == [n.id for n in under]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "opml", "--depth", "2"], "--depth is for the diagrams (mermaid, dot)"),
        (["-f", "md", "--ids"], "--ids is for mermaid, dot, opml"),
        (["-f", "csv", "--ids"], "--ids is for mermaid, dot, opml"),
    ],
)
def test_depth_and_ids_only_where_they_mean_something(
    hxq: Run, args: list[str], message: str
) -> None:
    result = hxq("export", *args)
    assert (result.code, result.out) == (ExitCode.TROUBLE, "")
    assert result.err == f"hxq: error: {message}\n"


def test_opml_keeps_hostile_text_as_written() -> None:
    from hxq_cli.formats import opml

    hostile = Bilingual('甲 <b>&amp; "q" \x1b[31m', "A ]]> <!-- x")
    node = Node("1", hostile, Bilingual("说明\n第二行", "line one\nline two"))
    root = ET.fromstring(opml.export(Framework(1, "h", hostile, hostile, (), (node,))).encode())
    outline = root.find("body/outline")
    assert outline is not None
    # XML cannot hold ESC even escaped: it is shown as an escape; the rest is kept as written.
    assert outline.get("text") == '甲 <b>&amp; "q" \\x1b[31m · A ]]> <!-- x'
    assert outline.get("_note") == "说明\n第二行\nline one\nline two"


# --------------------------------------------------------------------------- datapackage


def test_datapackage_loses_nothing_and_validates(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    folder = tmp_path / "package"
    assert hxq("export", "-f", "datapackage", "-o", str(folder)).code == 0
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2026-01-01T00:00:00Z"
    assert package["version"].startswith("0.0.0+")
    assert package["licenses"][0]["name"] == "notspecified"
    source = package["sources"][0]
    assert source["sha256"] == FRAMEWORK.sources[0].sha256 and source["year"] == 2026
    nodes = next(r for r in package["resources"] if r["name"] == "nodes")
    assert nodes["schema"]["foreignKeys"] == [
        {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}
    ]
    types = {f["name"]: f["type"] for f in nodes["schema"]["fields"]}
    assert types["position"] == types["depth"] == "integer"
    assert {"action_zh", "action_en", "target_zh", "target_en"} <= set(types)
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    assert {f["name"]: f["type"] for f in facts["schema"]["fields"]}["normalized_value"] == "number"
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    broken = (folder / "nodes.csv").read_bytes().decode().replace("\r\n2.1,2,", "\r\n2.1,zzz,")
    (folder / "nodes.csv").write_text(broken, encoding="utf-8", newline="")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_sqlite_refuses_duplicated_ids_with_a_data_error() -> None:
    text = Bilingual("甲", "A")
    twice = (Node("1", text, text), Node("1", text, text))
    framework = Framework(1, "dup", text, text, (), twice)
    with pytest.raises(DataError, match="cannot write the nodes table: UNIQUE"):
        sqlite.export(framework)


def test_xlsx_writes_formula_like_text_as_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from hxq_cli.formats import xlsx

    text = Bilingual('=HYPERLINK("http://x")', "@SUM(A1)")
    fact = Fact("1.f", text, 10**20, "元")
    node = Node("1", text, text, facts=(fact,))
    target = tmp_path / "hostile.xlsx"
    target.write_bytes(xlsx.export(Framework(1, "h", text, text, (), (node,))))
    sheet = openpyxl.load_workbook(target)["facts"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["statement_zh"].value == '=HYPERLINK("http://x")'
    assert row["statement_zh"].data_type == "s"
    assert row["value"].data_type == "n" and row["value"].value == 1e20


def test_sqlite_and_xlsx_hold_the_glossary(db: sqlite3.Connection, tmp_path: Path) -> None:
    terms = load_framework(SHIPPED).glossary
    rows = db.execute("select zh, en, position from glossary order by position").fetchall()
    assert rows == [(t.zh, t.en, i) for i, t in enumerate(terms, start=1)]
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "f.xlsx"
    fmt = find_format("xlsx")
    assert fmt is not None
    target.write_bytes(export_bytes(fmt, load_framework(SHIPPED), "both"))
    sheet = openpyxl.load_workbook(target)["glossary"]
    assert [cell.value for cell in sheet[1]][:3] == ["zh", "position", "en"]
    assert [(r[0].value, r[2].value) for r in sheet.iter_rows(min_row=2)] == [
        (t.zh, t.en) for t in terms
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (libreoffice-calc-nogui) and poppler-utils are not installed",
)
def test_libreoffice_prints_each_sheet_landscape_with_its_header_on_every_page(
    tmp_path: Path,
) -> None:
    target = tmp_path / "facts.xlsx"
    target.write_bytes(xlsx.export(FRAMEWORK))
    # A profile of its own, so that a LibreOffice already running elsewhere is not asked.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(target)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = tmp_path / "facts.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "841.89 x 595.3" in info.stdout  # A4, landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for page in range(1, pages + 1)
    ]
    # Each sheet is one page wide: a page per few dozen rows, not one per column.
    assert pages < 15
    title = f"{FRAMEWORK.title.zh} · {FRAMEWORK.title.en}"
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0].startswith(title[:10]) and lines[0].endswith(
            ("nodes", "facts", "sources", "glossary")
        )
        # The header row is the first row of every page.
        assert re.match(r"(id|zh)\s+\S+", lines[1]), lines[1]
    # No figure is lost to the page's width: each one's display form (one short line) is there.
    everything = "".join(texts)
    assert [f.id for _, f in FRAMEWORK.facts() if amount(f, "zh") not in everything] == []
