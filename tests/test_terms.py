"""`hxq terms`: the glossary as a table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES, Run, load_framework
from hxq_cli.errors import ExitCode

GLOSSARY = load_framework().glossary


def test_the_shipped_glossary_is_listed_in_both_languages(hxq: Run) -> None:
    result = hxq("terms", width=120)
    assert result.code == 0, result.err
    for term in GLOSSARY:
        assert term.zh in result.out
        assert term.en in result.out


def test_english_view_has_no_chinese_column(hxq: Run) -> None:
    result = hxq("terms", "--lang", "en", width=120)
    assert result.code == 0
    assert "中文" not in result.out
    assert "calling card" in result.out


def test_json_is_the_glossary(hxq: Run) -> None:
    result = hxq("terms", "--json")
    document = json.loads(result.out)
    assert document["schema_version"] == 1
    assert document["query"] is None
    # Every term, each with where it is used.
    assert [{k: v for k, v in term.items() if k != "uses"} for term in document["terms"]] == [
        term.to_dict() for term in GLOSSARY
    ]
    assert all(isinstance(term["uses"], list) for term in document["terms"])
    assert len(document["terms"]) >= 30


def test_csv_has_a_row_per_term(hxq: Run) -> None:
    result = hxq("terms", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"))))
    assert list(rows[0]) == ["zh", "en", "variants", "note"]
    assert [(row["zh"], row["en"]) for row in rows] == [(t.zh, t.en) for t in GLOSSARY]


@pytest.mark.parametrize("output", [(), ("--json",), ("--csv",)], ids=["view", "json", "csv"])
def test_a_framework_without_a_glossary_says_so(hxq: Run, output: tuple[str, ...]) -> None:
    result = hxq("terms", *output, "--data", str(FIXTURES / "minimal.yaml"))
    # Nothing to list: a negative answer (exit 1), as a query that matches nothing.
    assert result.code == ExitCode.NO
    assert result.err == "hxq: this framework has no glossary\n"
    if not output:
        assert result.out == ""


def test_csv_and_json_exclude_each_other(hxq: Run) -> None:
    result = hxq("terms", "--csv", "--json")
    assert result.code == ExitCode.TROUBLE
    assert result.err.count("\n") == 1


# --------------------------------------------------------------------------- hxq terms QUERY


def _looked_up(hxq: Run, query: str) -> dict[str, object]:
    result = hxq("terms", query, "--json")
    assert (result.code, result.err) == (ExitCode.OK, ""), result.err
    document: dict[str, object] = json.loads(result.out)
    assert document["query"] == query
    return document


@pytest.mark.parametrize(
    "query",
    ["名片", "calling card", "Calling Cards", "ＣＡＬＬＩＮＧ　ＣＡＲＤ", "calling"],
    ids=["zh", "en", "variant-any-case", "full-width", "a-word"],
)
def test_a_term_is_looked_up_in_either_language(hxq: Run, query: str) -> None:
    document = _looked_up(hxq, query)
    terms = document["terms"]
    assert isinstance(terms, list)
    assert [term["zh"] for term in terms][0] == "名片"
    assert {term["zh"] for term in terms} <= {"名片", "四张名片", "王牌"}


def test_each_use_is_a_text_that_holds_the_term() -> None:
    framework = load_framework()
    from hxq_cli.queries.terms import look_up

    (found,) = [item for item in look_up(framework, "项目建设") if item.term.zh == "项目建设"]
    kinds = {use.kind for use in found.uses}
    assert kinds == {"node", "fact"}
    for use in found.uses:
        if use.kind == "fact":
            _, fact = next((n, f) for n, f in framework.facts() if f.id == use.id)
            record: object = fact
        else:
            record = framework.locate(use.id).node
        value = getattr(record, use.field)
        text = value if use.lang is None else getattr(value, use.lang)
        texts = text if isinstance(text, tuple) else (text,)
        forms = (found.term.zh,) if use.lang == "zh" else (found.term.en, *found.term.variants)
        assert any(form.casefold() in t.casefold() for t in texts for form in forms), use
    # Every text that holds the Chinese term is listed.
    holding = {
        node.id
        for node in framework.walk()
        if "项目建设" in node.description.zh or "项目建设" in node.title.zh
    }
    assert holding <= {use.id for use in found.uses if use.lang == "zh"}


def test_the_view_lists_id_title_and_field(hxq: Run) -> None:
    result = hxq("terms", "项目建设", "--lang", "en", width=200)
    assert result.code == ExitCode.OK and result.err == ""
    lines = result.out.splitlines()
    assert lines[0].startswith("project construction")
    fact = next(line for line in lines if "4.1.vanguard.cycle-reduction" in line)
    assert fact.split() == [
        "4.1.vanguard.cycle-reduction",
        *["Average", "reduction", "in", "project", "construction", "time"],
        "[statement.zh,",
        "statement.en,",
        "compared_with.zh,",
        "compared_with.en]",
    ]
    zh = hxq("terms", "项目建设", "--lang", "zh", width=200).out
    assert (
        "4.1.vanguard.cycle-reduction  项目建设周期平均缩短的幅度  [事实（中文）、事实（英文）、比较对象（中文）、比较对象（英文）]"
        in zh
    )


@pytest.mark.parametrize("json_", [False, True], ids=["view", "json"])
def test_no_term_matches_exits_1(hxq: Run, json_: bool) -> None:
    result = hxq("terms", "zzz", *(["--json"] if json_ else []))
    assert result.code == ExitCode.NO
    assert result.err == "hxq: no glossary term matches 'zzz'\n"
    if json_:
        document = json.loads(result.out)
        assert (document["query"], document["terms"]) == ("zzz", [])
    else:
        assert result.out == ""
    # A framework without a glossary says so.
    bare = hxq("terms", "任务", "--data", str(FIXTURES / "minimal.yaml"))
    assert bare.code == ExitCode.NO
    assert bare.err == "hxq: no glossary term matches '任务' (this framework has no glossary)\n"


def test_a_query_with_csv_is_a_usage_error(hxq: Run) -> None:
    result = hxq("terms", "名片", "--csv")
    assert result.code == ExitCode.TROUBLE and result.out == ""
    assert result.err.startswith("hxq: error: --csv lists the whole glossary")
