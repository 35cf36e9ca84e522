"""`hxq facts`: filters, sort, the table, the chart, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, RELEASED_COLUMNS, REPO, SHIPPED, Run, load_framework, run_installed
from hxq_cli.errors import ExitCode
from hxq_cli.formats.columns import FACT_SHEET
from hxq_cli.formats.csv import BOM, cell, facts_csv
from hxq_cli.model import Lang
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import display

FRAMEWORK = load_framework(str(SHIPPED))
ALL_IDS = [fact.id for _, fact in FRAMEWORK.facts()]
_NOISE = re.compile(r"[\s│├└─━]")


def flat(text: str) -> str:
    return _NOISE.sub("", text)


def ids(result_out: str) -> list[str]:
    return [fact["id"] for fact in json.loads(result_out)["facts"]]


# --------------------------------------------------------------------------- the query


def test_every_fact_in_document_order(hxq: Run) -> None:
    result = hxq("facts", "--json")
    assert result.code == 0, result.err
    assert ids(result.out) == ALL_IDS
    assert len(ALL_IDS) == 27


def test_under_a_subtree(hxq: Run) -> None:
    under = ids(hxq("facts", "--under", "4.2", "--json").out)
    assert under == [i for i in ALL_IDS if i.startswith("4.2.")]
    assert "4.2.phd.experts" in under and "4.2.rd-investment" in under
    # An alias or a title names the same subtree.
    assert ids(hxq("facts", "--under", "innovation", "--json").out) == under
    assert ids(hxq("facts", "--under", "科创赋能", "--json").out) == under


def test_under_an_unknown_id_is_a_usage_error(hxq: Run) -> None:
    result = hxq("facts", "--under", "4.9")
    assert result.code == ExitCode.TROUBLE
    assert result.err.startswith("hxq: error: unknown ID '4.9'; did you mean")
    assert len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("专利", ["4.outcomes.patents-vs-national", "4.outcomes.patents-vs-city"]),
        ("PATENTS", ["4.outcomes.patents-vs-national", "4.outcomes.patents-vs-city"]),
        ("r&d  investment", ["4.2.rd-investment"]),
        ("ＧＤＰ", ["4.outcomes.gdp-per-mu"]),  # full-width matches half-width
        ("no such words", []),
    ],
)
def test_search_statements_in_both_languages(hxq: Run, query: str, expected: list[str]) -> None:
    assert ids(hxq("facts", "--search", query, "--json").out) == expected


def test_sort_by_id_is_natural() -> None:
    rows = fact_rows(FRAMEWORK, sort="id")
    got = [row.fact.id for row in rows]
    assert sorted(got) != got or got == sorted(got)  # not plain string order by accident
    assert got.index("3.3.park-rent-arrears") < got.index("4.national-zones")
    assert got.index("4.2.rd-investment") < got.index("4.outcomes.gdp-per-mu")
    assert got[-1].startswith("background.")
    assert sorted(got) == sorted(ALL_IDS)


def test_sort_by_value_within_base_units(hxq: Run) -> None:
    doc = json.loads(hxq("facts", "--sort", "value", "--json").out)
    units = [fact["normalized"]["unit"] for fact in doc["facts"]]
    # Grouped by base unit in a fixed order …
    order = ["CNY", "m2", "count", "ratio", "fraction", "minutes", "years", "rank"]
    assert units == sorted(units, key=order.index)
    # … and ascending within each.
    for unit in set(units):
        values = [f["normalized"]["value"] for f in doc["facts"] if f["normalized"]["unit"] == unit]
        assert values == sorted(values)
    money = [f["id"] for f in doc["facts"] if f["normalized"]["unit"] == "CNY"]
    assert money == ["3.3.park-rent-arrears", "4.2.finance.funding", "4.2.rd-investment"]
    reverse = json.loads(hxq("facts", "--sort", "value", "--reverse", "--json").out)
    assert [f["id"] for f in reverse["facts"]] == [f["id"] for f in reversed(doc["facts"])]


def test_bad_sort_is_a_usage_error(hxq: Run) -> None:
    result = hxq("facts", "--sort", "size")
    assert result.code == ExitCode.TROUBLE
    assert "--sort" in result.err and len(result.err.splitlines()) == 1


@pytest.mark.parametrize(
    "flags", [("--json", "--csv"), ("--chart", "--json"), ("--csv", "--chart")]
)
def test_one_output_format_at_a_time(hxq: Run, flags: tuple[str, str]) -> None:
    result = hxq("facts", *flags)
    assert result.code == ExitCode.TROUBLE
    assert result.err == "hxq: error: choose one of --chart, --csv and --json\n"


# --------------------------------------------------------------------------- JSON


def test_json_shape_is_pinned(hxq: Run) -> None:
    doc = json.loads(hxq("facts", "--under", "4.2", "--json").out)
    assert list(doc) == ["schema_version", "framework", "facts"]
    assert doc["schema_version"] == 1
    assert doc["framework"] == "pingdingshan-hitech-123456"
    rd = next(f for f in doc["facts"] if f["id"] == "4.2.rd-investment")
    assert rd == {
        "id": "4.2.rd-investment",
        "path": [
            {"id": "4", "title": {"zh": "四张名片", "en": "Four calling cards"}},
            {
                "id": "4.2",
                "title": {"zh": "科创赋能", "en": "Empowerment through sci-tech innovation"},
            },
        ],
        "statement": {
            "zh": "截至2025年年底的研发投入",
            "en": "R&D investment as of the end of 2025",
        },
        "value": 24.24,
        "unit": "亿元",
        "normalized": {"value": 2424000000, "unit": "CNY", "base": None},
        "as_of": "2025-12-31",
        "anchor": "研发投入达24.24亿元",
        "source": "interview-2026",
        "display": {"zh": "24.24亿元", "en": "CNY 2.424 billion"},
    }


def test_json_keeps_an_exact_fraction_and_its_display(hxq: Run) -> None:
    doc = json.loads(hxq("facts", "--json").out)
    share = next(f for f in doc["facts"] if f["id"] == "4.outcomes.tech-firm-share")
    assert share["value"] == "1/3" and share["unit"] == "占比"
    assert share["display"] == {"zh": "1/3", "en": "one third (about 33%)"}
    hedged = next(f for f in doc["facts"] if f["id"] == "3.3.park-rent-arrears")
    assert hedged["qualifier"] == "nearly" and hedged["value"] == 1
    # The source's own words (近亿元), which the fact gives as its display.
    assert hedged["display"] == {"zh": "近亿元", "en": "nearly CNY 100 million"}


@pytest.mark.parametrize(
    ("fact_id", "normalized"),
    [
        ("4.1.vanguard.cycle-reduction", {"value": 0.2, "unit": "fraction"}),
        ("4.3.pass-rate", {"value": 0.98, "unit": "fraction"}),
        ("4.outcomes.tech-firm-share", {"value": 1 / 3, "unit": "fraction"}),
        ("4.outcomes.patents-vs-city", {"value": 6.67, "unit": "ratio"}),
        ("4.4.eaton.planned-purchase", {"value": 10000, "unit": "m2"}),
        ("4.2.finance.funding", {"value": 980000000, "unit": "CNY"}),
        ("4.2.phd.experts", {"value": 82, "unit": "count"}),
        ("4.4.process.business-registration", {"value": 15, "unit": "minutes"}),
        ("background.interviewee.years-in-post", {"value": 2, "unit": "years"}),
        ("4.outcomes.land-use-rank", {"value": 1, "unit": "rank"}),
    ],
)
def test_every_unit_is_normalised(hxq: Run, fact_id: str, normalized: dict[str, object]) -> None:
    doc = json.loads(hxq("facts", "--json").out)
    fact = next(f for f in doc["facts"] if f["id"] == fact_id)
    assert {k: fact["normalized"][k] for k in ("value", "unit")} == normalized


def test_ratios_carry_their_base(hxq: Run) -> None:
    doc = json.loads(hxq("facts", "--json").out)
    by_id = {f["id"]: f for f in doc["facts"]}
    assert by_id["4.outcomes.patents-vs-national"]["normalized"]["base"] == {
        "zh": "全国",
        "en": "the national level",
    }
    assert by_id["4.outcomes.patents-vs-national"]["unit"] == "倍"  # as written, kept
    assert by_id["4.2.phd.experts"]["normalized"]["base"] is None
    for fact in doc["facts"]:
        assert fact["normalized"] is not None, fact["id"]


def test_unknown_unit_normalises_to_null(hxq: Run, tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text("utf-8").replace('unit: "亿元"', 'unit: "吨"')
    path = tmp_path / "tonnes.yaml"
    path.write_text(text, encoding="utf-8")
    doc = json.loads(hxq("facts", "--json", "--data", str(path)).out)
    assert doc["facts"][0]["unit"] == "吨" and doc["facts"][0]["normalized"] is None


@pytest.mark.parametrize("sort", [(), ("--sort", "id")], ids=["streamed", "sorted"])
def test_empty_result_is_an_empty_list(hxq: Run, sort: tuple[str, ...]) -> None:
    result = hxq("facts", "--search", "zzz", "--json", *sort)
    # Nothing matched: exit 1 and a line on stderr, as `hxq search`, the document still whole.
    assert (result.code, result.err) == (ExitCode.NO, "hxq: no facts match\n")
    assert json.loads(result.out)["facts"] == []


# --------------------------------------------------------------------------- CSV


def _read_csv(text: str) -> list[dict[str, str]]:
    assert not text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_parses_back_with_chinese_intact(hxq: Run) -> None:
    result = hxq("facts", "--csv")
    assert result.code == 0, result.err
    rows = _read_csv(result.out)
    assert list(rows[0]) == list(FACT_SHEET.names)
    assert [row["fact_id"] for row in rows] == ALL_IDS
    rd = next(row for row in rows if row["fact_id"] == "4.2.rd-investment")
    assert rd["node_id"] == "4.2" and rd["node_title_zh"] == "科创赋能"
    assert rd["statement_zh"] == "截至2025年年底的研发投入"
    assert (rd["value"], rd["unit"]) == ("24.24", "亿元")
    assert (rd["normalized_value"], rd["normalized_unit"]) == ("2424000000", "CNY")
    share = next(row for row in rows if row["fact_id"] == "4.outcomes.tech-firm-share")
    assert share["compared_with_zh"] == "平顶山市两类企业的总量"
    assert share["anchor"] == "总量占平顶山市1/3"
    # The value column is numeric (a decimal); the display columns keep the exact 1/3.
    assert (share["value"], share["normalized_value"]) == ("0.3333333333333333",) * 2
    assert (share["display_zh"], share["display_en"]) == ("1/3", "one third (about 33%)")
    assert tuple(rows[0])[: len(RELEASED_COLUMNS)] == RELEASED_COLUMNS
    assert (share["display_zh"], share["display_en"]) == ("1/3", "one third (about 33%)")
    assert (rd["display_zh"], rd["display_en"]) == ("24.24亿元", "CNY 2.424 billion")
    assert next(r for r in rows if r["fact_id"] == "4.3.pass-rate")["qualifier"] == "passed"


def test_csv_bytes_are_utf8_without_a_bom_unless_for_excel(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "hxq_cli", "facts", "--csv", "--under", "4.2"]
    plain = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    assert plain.startswith(b"node_id,node_title_zh,")
    out = subprocess.run([*command, "--excel"], capture_output=True, check=True, timeout=60).stdout
    assert out == b"\xef\xbb\xbf" + plain
    assert out.startswith(b"\xef\xbb\xbfnode_id,node_title_zh,")
    assert "科创赋能".encode() in out
    with io.TextIOWrapper(io.BytesIO(out), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len([i for i in ALL_IDS if i.startswith("4.2.")])


def test_csv_with_filters_and_no_rows(hxq: Run) -> None:
    assert [r["fact_id"] for r in _read_csv(hxq("facts", "--csv", "--search", "专利").out)] == [
        "4.outcomes.patents-vs-national",
        "4.outcomes.patents-vs-city",
    ]
    empty = hxq("facts", "--csv", "--search", "zzz")
    assert empty.out == ",".join(FACT_SHEET.names) + "\r\n"


def test_excel_goes_with_csv(hxq: Run) -> None:
    result = hxq("facts", "--excel")
    assert result.code == 2 and "--excel goes with --csv" in result.err


def test_csv_cells_are_safe_to_open() -> None:
    assert cell('=HYPERLINK("http://x")').startswith("'=")
    assert cell("+1") == "'+1" and cell("@SUM(A1)") == "'@SUM(A1)" and cell("-x") == "'-x"
    assert cell("a\x1b[31mb") == "a\\x1b[31mb"
    assert cell(None) == ""
    assert cell("科创赋能") == "科创赋能"
    # A formula behind spaces or a tab (shown as a space): some spreadsheets' import trims
    # the cell and then runs it.
    assert cell("\t=1+1").startswith("'") and cell("  @SUM(A1)").startswith("'")


def test_csv_keeps_negative_numbers_as_numbers(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text("utf-8").replace("value: 9.8", "value: -9.8")
    path = tmp_path / "negative.yaml"
    path.write_text(text, encoding="utf-8")
    rows = _read_csv(facts_csv(fact_rows(load_framework(str(path)))))
    assert rows[0]["value"] == "-9.8" and rows[0]["normalized_value"] == "-980000000"


# --------------------------------------------------------------------------- terminal


@pytest.mark.parametrize("width", [60, 80, 120, 160])
def test_table_at_width(hxq: Run, width: int) -> None:
    result = hxq("facts", width=width)
    assert result.code == 0, result.err
    assert "…" not in result.out
    assert max(len(line) for line in result.out.splitlines()) <= width
    for _, fact in FRAMEWORK.facts():
        # Cells fold, so only the start of each is sure to sit on one line.
        assert fact.id[:10] in result.out
        assert fact.statement.zh[:4] in result.out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_holds_every_part_of_every_fact(hxq: Run, lang: Lang) -> None:
    result = hxq("facts", "--lang", lang, width=400)
    assert result.code == 0
    lines = {line.split()[0]: line for line in result.out.splitlines()[2:] if line.strip()}
    for node, fact in FRAMEWORK.facts():
        line = lines[fact.id]
        parts = [node.title, fact.statement, fact.compared_with]
        for part in parts:
            assert part is None or getattr(part, lang) in line, (fact.id, part)
        assert display(fact, lang) in line and (fact.as_of or "") in line
    assert "= 2,424,000,000 CNY" in result.out  # the normalised value beside the written one
    assert "= 0.98" in result.out
    # Where the display already says it in the base unit, it is not said twice.
    assert ("= 10,000 m²" in result.out) == (lang == "zh")


def test_wide_table_has_a_column_for_each_part(hxq: Run) -> None:
    header = hxq("facts", "--lang", "en", width=160).out.splitlines()[0]
    assert header.split() == ["ID", "Node", "Fact", "Value", "Compared", "with", "As", "of"]


def test_table_in_one_language(hxq: Run) -> None:
    result = hxq("facts", "--under", "4.4", "--lang", "zh")
    assert "审批时限整体压缩的幅度" in result.out
    assert "Overall cut" not in result.out
    assert "最快15分钟" in result.out  # the hedge in Chinese, in the display form
    assert "翻倍" in result.out and "as little as" not in result.out


@pytest.mark.parametrize(
    "args",
    [("--search", "zzz"), ("1",), ("--under", "1"), ("--search", "zzz", "--csv")],
    ids=["search", "an-id-without-facts", "under", "csv"],
)
def test_no_facts_is_a_negative_answer(hxq: Run, args: tuple[str, ...]) -> None:
    result = hxq("facts", *args)
    assert result.code == ExitCode.NO
    assert result.err == "hxq: no facts match\n"
    if "--csv" in args:
        assert result.out.count("\n") == 1  # the header only
    else:
        assert result.out == ""


def test_chart_draws_ratios_and_shares(hxq: Run) -> None:
    result = hxq("facts", "--chart", "--lang", "en", width=100)
    assert result.code == 0, result.err
    out = result.out
    assert "Shares and percentages" in out and "Ratios" in out
    # Every bar is labelled with its figure's display form, as every other view says it.
    labels = ["20%", "over 98%", "65%", "one third (about 33%)"]
    labels += ["doubled", "1.19 times", "6.67 times", "6.7 times"]
    bars = {}
    for label in labels:
        drawn = re.findall(rf"(?<!\S){re.escape(label)} ([█▉▊▋▌▍▎▏]+)", out)
        assert len(drawn) == 1, label
        bars[label] = len(drawn[0])
    assert len(re.findall("[█▉▊▋▌▍▎▏]+", out)) == len(labels)  # and no other bar
    # Shares out of 100%, ratios out of the largest (6.7×).
    assert bars["over 98%"] > bars["65%"] > bars["one third (about 33%)"] > bars["20%"]
    assert bars["6.7 times"] >= bars["6.67 times"] > bars["doubled"] > bars["1.19 times"]
    # The base of a ratio is labelled as the facts table labels it.
    assert "Compared with: the national level" in out
    assert "Compared with: Pingdingshan city" in out
    # Counts, money and ranks are not drawn.
    assert "1,871" not in out and "CNY" not in out and "ranked" not in out


def test_chart_follows_the_filters(hxq: Run) -> None:
    only = hxq("facts", "--chart", "--under", "4.4", "--lang", "en")
    assert "65%" in only.out and "Ratios" in only.out and "doubled" in only.out
    assert "98%" not in only.out
    nothing = hxq("facts", "--chart", "--under", "4.2")
    assert nothing.code == ExitCode.NO and nothing.out == ""
    assert nothing.err == "hxq: no ratios, shares or percentages among these facts\n"


def test_json_and_csv_do_not_import_rich() -> None:
    probe = (
        "import sys\n"
        "from hxq_cli.cli import main\n"
        "assert main(['facts', '--json']) == 0\n"
        "assert main(['facts', '--csv', '--sort', 'value']) == 0\n"
        "assert 'rich' not in sys.modules, 'rich was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr


_ODD_VALUES = """\
schema_version: 1
id: "odd"
title: {zh: "怪数", en: "Odd numbers"}
description: {zh: "怪数。", en: "Odd numbers."}
sources: []
nodes:
  - id: "1"
    title: {zh: "甲", en: "A"}
    description: {zh: "甲。", en: "A."}
    facts:
      - {id: "1.huge", statement: {zh: "巨大", en: "huge"}, value: 1e290, unit: "倍"}
      - {id: "1.tiny", statement: {zh: "极小", en: "tiny"}, value: 1e-300, unit: "%"}
      - {id: "1.negative", statement: {zh: "负数", en: "negative"}, value: -3, unit: "倍"}
      - {id: "1.zero", statement: {zh: "零", en: "zero"}, value: 0, unit: "%"}
"""


@pytest.mark.parametrize(
    "args", [(), ("--sort", "value"), ("--chart",), ("--csv",), ("--json", "--sort", "value")]
)
def test_odd_values_do_not_break_any_view(hxq: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(_ODD_VALUES, encoding="utf-8")
    result = hxq("facts", "--data", str(path), *args)
    assert result.code == 0, result.err
    if "--chart" in args:
        # The loader refuses non-finite numbers; the huge ratio is too large to draw.
        assert "-3倍 / -3 times" in result.out and "0%" in result.out
        assert "inf" not in result.out and "nan" not in result.out


def test_readme_documents_the_csv_columns_the_writer_uses() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = [
        f"| `{column.name}` | {column.description.replace('|', chr(92) + '|')} |"
        for column in FACT_SHEET.columns
    ]
    assert "| column | what it holds |\n| --- | --- |\n" + "\n".join(rows) + "\n" in readme


def test_both_languages_are_at_most_half_again_as_long(hxq: Run) -> None:
    """`hxq facts --lang both` is readable: at most 1.5 times the lines of --lang zh."""
    for width in (60, 80, 120):
        zh = hxq("facts", "--lang", "zh", width=width).out.count("\n")
        both = hxq("facts", "--lang", "both", width=width).out.count("\n")
        assert both <= 1.5 * zh, (width, zh, both)


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_no_view_shows_a_fraction_as_a_long_decimal(hxq: Run, lang: str) -> None:
    for args in (("facts",), ("show", "4.outcomes"), ("facts", "--chart")):
        result = hxq(*args, "--lang", lang, width=120)
        assert result.code == 0
        assert "0.333" not in result.out, args


def test_a_table_printed_in_parts_keeps_its_columns(tmp_path: Path) -> None:
    """More facts than a part holds (`ROWS_PER_PART`): every part is laid out with the first
    part's columns (`render.stream.column_widths`), so the right-aligned values line up."""
    sys.path.insert(0, str(REPO / "bench"))
    from hxq_cli.render.stream import ROWS_PER_PART
    from make_framework import make_file

    path = tmp_path / "many.yaml"
    make_file(path, nodes=40, facts_per_node=3)
    result = run_installed("facts", "--data", str(path), "--lang", "en", env={"COLUMNS": "150"})
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if re.match(r"[0-9.]+\.fact-[0-9]+ ", line)]
    assert len(rows) > ROWS_PER_PART
    assert len({len(line.rstrip()) for line in rows}) == 1
