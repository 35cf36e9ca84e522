"""`hxq terms`: the glossary as a table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

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
    assert document["terms"] == [term.to_dict() for term in GLOSSARY]
    assert len(document["terms"]) >= 30


def test_csv_has_a_row_per_term(hxq: Run) -> None:
    result = hxq("terms", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"))))
    assert list(rows[0]) == ["zh", "en", "variants", "note"]
    assert [(row["zh"], row["en"]) for row in rows] == [(t.zh, t.en) for t in GLOSSARY]


def test_a_framework_without_a_glossary_says_so(hxq: Run) -> None:
    result = hxq("terms", "--data", str(FIXTURES / "minimal.yaml"))
    assert result.code == 0
    assert result.out == "" and "no glossary" in result.err


def test_csv_and_json_exclude_each_other(hxq: Run) -> None:
    result = hxq("terms", "--csv", "--json")
    assert result.code == ExitCode.TROUBLE
    assert result.err.count("\n") == 1
