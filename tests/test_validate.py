"""`hxq validate`: every schema error and every rule, with the line and column of its cause."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXTURES,
    REPO,
    SHIPPED,
    Run,
    installed_hxq,
    load_framework,
    run_installed,
)
from hxq_cli.errors import ExitCode
from hxq_cli.queries.validate import MAX_PROBLEMS, RULES

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
EXAMPLE = REPO / "examples" / "riverton-321.yaml"

NOTES = """\
  - id: "notes"
    title: {zh: "备注", en: "Notes"}
    description: {zh: "备注。", en: "Notes."}
"""
APPENDIX = """\
  - id: "x"
    title: {zh: "附录", en: "Appendix"}
    description: {zh: "附录。", en: "Appendix."}
    facts:
      - {id: "x.y", statement: {zh: "数量", en: "Count"}, value: 1, unit: "个"}
    children:
      - {id: "x.y", title: {zh: "附件", en: "Annex"}, description: {zh: "附件。", en: "Annex."}}
"""
SECOND_CHILD = '      - id: "1.2"\n'


def edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column where the n-th `needle` starts in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write(tmp_path: Path, text: str, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report(hxq: Run, path: Path) -> dict[str, Any]:
    result = hxq("validate", str(path), "--json")
    assert result.err == ""
    document: dict[str, Any] = json.loads(result.out)
    assert result.code == (ExitCode.OK if document["valid"] else ExitCode.NO)
    return document


# --------------------------------------------------------------------------- clean files


@pytest.mark.parametrize(
    "path", [SHIPPED, FIXTURES / "minimal.yaml", EXAMPLE], ids=lambda p: p.name
)
def test_clean_files(hxq: Run, path: Path) -> None:
    framework = load_framework(str(path))
    nodes = sum(1 for _ in framework.walk())
    facts = sum(1 for _ in framework.facts())
    result = hxq("validate", str(path))
    assert result.code == ExitCode.OK, result.out
    assert result.err == ""
    sources = len(framework.sources)
    plural = "" if sources == 1 else "s"
    assert result.out == f"{path}: valid: {nodes} nodes, {facts} facts, {sources} source{plural}\n"


def test_default_is_the_current_data(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = hxq("validate")
    assert shipped.code == 0
    assert shipped.out.endswith("valid: 93 nodes, 27 facts, 1 source\n")
    assert hxq("validate", "--data", str(EXAMPLE)).out.startswith(f"{EXAMPLE}: valid")
    monkeypatch.setenv("HXQ_DATA", str(EXAMPLE))
    assert hxq("validate").out.startswith(f"{EXAMPLE}: valid")
    # An explicit PATH wins over --data and HXQ_DATA.
    minimal = str(FIXTURES / "minimal.yaml")
    assert hxq("validate", minimal, "--data", str(SHIPPED)).out.startswith(f"{minimal}: valid")


def test_stdin(hxq: Run) -> None:
    result = hxq("validate", "-", stdin=edit(MINIMAL, ('source: "doc"', 'source: "dok"')))
    assert result.code == ExitCode.NO
    line, column = position_of(MINIMAL, '"doc"', 2)
    assert result.out.startswith(f"<stdin>:{line}:{column}: error: nodes[0].facts[0].source: ")


# --------------------------------------------------------------------------- one rule at a time

# (case id, edited text, rule, path, message part, the text where the problem starts)
CASES: list[tuple[str, str, str, str, str, tuple[str, int]]] = [
    (
        "duplicate-node-id",
        MINIMAL + NOTES + NOTES.replace("备注", "备忘"),
        "unique-id",
        "nodes[2].id",
        "duplicate ID 'notes': also the ID of a node (line 37)",
        ('"notes"', 2),
    ),
    (
        "fact-id-is-a-node-id",
        MINIMAL + APPENDIX,
        "unique-id",
        "nodes[1].facts[0].id",
        "duplicate ID 'x.y': also the ID of a node (line 43)",
        ('"x.y"', 1),
    ),
    (
        "duplicate-source-id",
        edit(
            MINIMAL,
            ("nodes:\n", '  - id: "doc"\n    title: {zh: "另一份", en: "Another"}\nnodes:\n'),
        ),
        "unique-id",
        "sources[1].id",
        "duplicate source ID 'doc': also the ID of another source (line 6)",
        ('"doc"', 2),
    ),
    (
        "child-id-out-of-place",
        edit(
            MINIMAL,
            (
                SECOND_CHILD,
                '      - {id: "2.notes", title: {zh: "备注", en: "Notes"}, '
                'description: {zh: "备注。", en: "Notes."}}\n' + SECOND_CHILD,
            ),
        ),
        "id-place",
        "nodes[0].children[1].id",
        "ID '2.notes' does not fit its place: expected '1.' and one number or lowercase word",
        ('"2.notes"', 1),
    ),
    (
        # Python's "$" matches before a final newline; JSON Schema's does not.
        "id-with-a-trailing-newline",
        MINIMAL + NOTES.replace('"notes"', '"notes\\n"'),
        "schema",
        "nodes[1].id",
        "'notes\\n' is not a dotted path",
        ('"notes\\n"', 1),
    ),
    (
        "top-level-id-with-dots",
        MINIMAL + NOTES.replace('"notes"', '"a.notes"'),
        "id-place",
        "nodes[1].id",
        "top-level ID 'a.notes' should be one number or word, without dots",
        ('"a.notes"', 1),
    ),
    (
        "fact-id-of-another-node",
        edit(MINIMAL, ('id: "1.2.share"', 'id: "1.1.share"')),
        "id-place",
        "nodes[0].children[1].facts[0].id",
        "fact ID '1.1.share' does not fit its node: expected '1.2.' and one lowercase word",
        ('"1.1.share"', 1),
    ),
    (
        "numbering-gap",
        edit(MINIMAL, ('id: "1.2"', 'id: "1.3"'), ('id: "1.2.share"', 'id: "1.3.share"')),
        "numbering",
        "nodes[0].children[1].id",
        "numbered part '1.3' should be '1.2': numbered parts count 1, 2, 3… in order",
        ('"1.3"', 1),
    ),
    (
        "count-in-title",
        edit(MINIMAL, ("两大任务", "三大任务")),
        "count",
        "nodes[0].title.zh",
        "the title announces 3 parts but the node has 2 numbered children",
        ('"三大任务"', 1),
    ),
    (
        "unknown-source",
        edit(MINIMAL, ('source: "doc"', 'source: "dok"')),
        "source",
        "nodes[0].facts[0].source",
        "source 'dok' is not among the framework's sources (doc)",
        ('"dok"', 1),
    ),
    (
        "alias-twice",
        edit(MINIMAL, ('      - id: "1.1"\n', '      - id: "1.1"\n        aliases: ["first"]\n')),
        "alias",
        "nodes[0].children[0].aliases[0]",
        "alias 'first' is already an alias of node '1' (line 11)",
        ('"first"', 2),
    ),
    (
        "alias-is-an-id",
        edit(MINIMAL, ('aliases: ["first"]', 'aliases: ["notes"]')) + NOTES,
        "alias",
        "nodes[0].aliases[0]",
        "alias 'notes' is also the ID of a node (line 37)",
        ('"notes"', 1),
    ),
    (
        "alias-is-a-title",
        edit(MINIMAL, ('en: "Task A"', 'en: "First"')),
        "alias",
        "nodes[0].aliases[0]",
        "alias 'first' is also the title of node '1.1' (line 25), so it would name two nodes",
        ('"first"', 1),
    ),
    (
        "title-is-a-title-once-folded",
        edit(MINIMAL, ('en: "Task B"', 'en: "Task Ａ"')),
        "title",
        "nodes[0].children[1].title.en",
        "title 'Task Ａ' is the title 'Task A' of node '1.1' (line 25) once full-width letters, "
        "case and spaces are folded: the two look alike, and only typed exactly does either "
        "name its node",
        ('"Task Ａ"', 1),
    ),
    (
        "zh-without-chinese",
        edit(MINIMAL, ('zh: "任务甲"', 'zh: "Task A one"')),
        "language",
        "nodes[0].children[0].title.zh",
        "zh text 'Task A one' has no Chinese",
        ('"Task A one"', 1),
    ),
    (
        "en-without-letters",
        edit(MINIMAL, ('en: "A."', 'en: "甲乙。"')),
        "language",
        "nodes[0].children[0].description.en",
        "en text '甲乙。' has no Latin letters",
        ('"甲乙。"', 1),
    ),
    (
        "missing-unit",
        edit(MINIMAL, ('            unit: "%"\n', "")),
        "schema",
        "nodes[0].children[1].facts[0]",
        "'unit' is a required property",
        ('id: "1.2.share"', 1),
    ),
    (
        "blank-unit",
        edit(MINIMAL, ('unit: "%"', 'unit: " "')),
        "schema",
        "nodes[0].children[1].facts[0].unit",
        "' ' is not a unit as the source writes it",
        ('" "', 1),
    ),
    (
        "blank-text",
        edit(MINIMAL, ('en: "B."', 'en: "   "')),
        "schema",
        "nodes[0].children[1].description.en",
        "'   ' is not a text with at least one character that is not a space",
        ('"   "', 1),
    ),
    (
        "missing-language",
        edit(MINIMAL, ('{zh: "任务乙", en: "Task B"}', '{zh: "任务乙"}')),
        "schema",
        "nodes[0].children[1].title",
        "'en' is a required property",
        ('{zh: "任务乙"}', 1),
    ),
    (
        "unexpected-key",
        edit(MINIMAL, ('      - id: "1.1"\n', '      - id: "1.1"\n        colour: red\n')),
        "schema",
        "nodes[0].children[0]",
        "Additional properties are not allowed ('colour' was unexpected)",
        ("colour", 1),
    ),
    (
        "as-of-not-a-date",
        edit(MINIMAL, ('as_of: "2025-12-31"', 'as_of: "end of 2025"')),
        "schema",
        "nodes[0].facts[0].as_of",
        "'end of 2025' is not a date as in ISO 8601",
        ('"end of 2025"', 1),
    ),
    (
        "value-as-text",
        edit(MINIMAL, ("value: 65", 'value: "65"')),
        "schema",
        "nodes[0].children[1].facts[0].value",
        # What `hxq show` says of it too: the branch of the value's oneOf that comes closest.
        "'65' is not a number or an exact fraction such as \"1/3\"",
        ('"65"', 1),
    ),
    (
        "value-a-fraction-over-zero",
        edit(MINIMAL, ("value: 65", 'value: "1/0"')),
        "schema",
        "nodes[0].children[1].facts[0].value",
        "'1/0' is not",
        ('"1/0"', 1),
    ),
]

# Warnings: worth a look, but the file stays valid. (case id, text, rule, path, message part,
# the text where the warning points.)
#: (case, text, rule, path, message, where, an edit that leaves no warning)
WARNING_CASES: list[tuple[str, str, str, str, str, tuple[str, int], tuple[str, str]]] = [
    (
        "glossary-term-rendered-otherwise",
        edit(
            MINIMAL,
            ("nodes:\n", 'glossary:\n  - {zh: "任务", en: "task"}\nnodes:\n'),
            ('en: "Task B"', 'en: "Job B"'),
        ),
        "glossary",
        "nodes[0].children[1].title.en",
        "the Chinese holds '任务', whose glossary English is 'task', but the English does not use it",
        ('"Job B"', 1),
        # Using the term's English (case aside) is what the rule asks for.
        ('"Job B"', '"TASK B"'),
    ),
    (
        "title-twice",
        edit(MINIMAL, ('en: "Task B"', 'en: "Task A"')),
        "title",
        "nodes[0].children[1].title.en",
        "title 'Task A' is also the title of node '1.1' (line 25): it names neither",
        ('"Task A"', 2),
        ('任务乙", en: "Task A"', '任务乙", en: "Task B"'),
    ),
    (
        "invisible-character",
        edit(MINIMAL, ('en: "Task B"', 'en: "Task\\u200bB"')),
        "invisible",
        "nodes[0].children[1].title.en",
        "'Task\\u200bB' holds U+200B (ZERO WIDTH SPACE), which a terminal draws as nothing: "
        "the text looks like one without it",
        ('"Task\\u200bB"', 1),
        ('"Task\\u200bB"', '"Task B"'),
    ),
]


@pytest.mark.parametrize(
    ("text", "rule", "path", "message", "at"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_one_problem(
    hxq: Run, tmp_path: Path, text: str, rule: str, path: str, message: str, at: tuple[str, int]
) -> None:
    file = write(tmp_path, text)
    line, column = position_of(text, *at)
    document = report(hxq, file)
    assert document["valid"] is False
    assert len(document["problems"]) == 1, document["problems"]
    problem = document["problems"][0]
    assert (problem["rule"], problem["path"], problem["line"], problem["column"]) == (
        rule,
        path,
        line,
        column,
    )
    assert message in problem["message"]
    text_result = hxq("validate", str(file))
    assert text_result.code == ExitCode.NO
    first, summary = text_result.out.splitlines()
    assert first == f"{file}:{line}:{column}: error: {path}: {problem['message']}"
    assert summary == f"{file}: 1 problem ({rule} 1)"


@pytest.mark.parametrize(
    ("text", "rule", "path", "message", "at", "fix"),
    [c[1:] for c in WARNING_CASES],
    ids=[c[0] for c in WARNING_CASES],
)
def test_one_warning(
    hxq: Run,
    tmp_path: Path,
    text: str,
    rule: str,
    path: str,
    message: str,
    at: tuple[str, int],
    fix: tuple[str, str],
) -> None:
    file = write(tmp_path, text)
    line, column = position_of(text, *at)
    document = report(hxq, file)
    assert document["valid"] is True and document["problems"] == []
    assert document["warnings"] == [
        {"line": line, "column": column, "path": path, "message": message, "rule": rule}
    ]
    text_result = hxq("validate", str(file))
    assert text_result.code == ExitCode.OK
    assert text_result.out.splitlines() == [
        f"{file}:{line}:{column}: warning: {path}: {message}",
        f"{file}: valid: 3 nodes, 2 facts, 1 source",
    ]
    fixed = write(tmp_path, edit(text, fix), "fixed.yaml")
    assert report(hxq, fixed)["warnings"] == []


def test_a_draft_warns_of_what_is_left_to_do(hxq: Run, tmp_path: Path) -> None:
    text = edit(
        MINIMAL,
        ("nodes:\n", "draft: true\nnodes:\n"),
        ('{zh: "任务乙", en: "Task B"}', '{zh: "原文：任务乙", en: "[untranslated]"}'),
        ('title: {zh: "两大任务"', 'count: 3\n    title: {zh: "两大任务"'),
    )
    document = report(hxq, write(tmp_path, text))
    assert document["valid"] is True and document["problems"] == []
    said = [(w["rule"], w["path"], w["message"]) for w in document["warnings"]]
    assert said == [
        (
            "count",
            "nodes[0].title.zh",
            "1 两大任务 (2 of 3): 2 of the 3 parts its title states are numbered children;"
            " add the rest",
        ),
        ("draft", "nodes[0].children[1]", "1.2: English still to write (title)"),
        (
            "draft",
            "nodes[0].children[1]",
            "1.2: Chinese still quotes the source (title); rewrite it",
        ),
    ]
    # Finished (no `draft: true`), the count is a problem and the rest is not looked at.
    finished = report(hxq, write(tmp_path, text.replace("draft: true\n", ""), "done.yaml"))
    assert [p["rule"] for p in finished["problems"]] == ["count"]
    assert finished["warnings"] == []


def test_a_draft_s_warnings_of_one_kind_read_as_one_line(hxq: Run, tmp_path: Path) -> None:
    # The English of four items is still to write and the Chinese of four quotes the source:
    # the text says each kind once (where its first stands), which items, and what to do.
    text = edit(
        MINIMAL,
        ("nodes:\n", "draft: true\nnodes:\n"),
        ('en: "Mini framework"', 'en: "[untranslated]"'),
        ('{zh: "两大任务", en: "Two tasks"}', '{zh: "两大任务", en: "[untranslated]"}'),
        ('{zh: "第一个节点。"', '{zh: "原文：第一个节点。"'),
        ('{zh: "测试用的最小框架。"', '{zh: "原文：测试用的最小框架。"'),
        ('{zh: "任务甲", en: "Task A"}', '{zh: "原文：任务甲", en: "[untranslated]"}'),
        ('{zh: "任务乙", en: "Task B"}', '{zh: "原文：任务乙", en: "[untranslated]"}'),
    )
    path = write(tmp_path, text)
    result = hxq("validate", str(path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].endswith(
        ": English still to write: 4 (mini, 1, 1.1, 1.2): replace each [untranslated] with"
        " the English"
    ), lines[0]
    assert lines[1].endswith(
        ": Chinese that still quotes the source: 4 (mini, 1, 1.1, 1.2): rewrite each text that"
        " starts with 原文： in your own words"
    ), lines[1]
    assert lines[2].endswith("valid: 3 nodes, 2 facts, 1 source; 8 warnings (each one: --json)")
    # --json still lists each one.
    assert len(report(hxq, path)["warnings"]) == 8


def test_every_rule_has_a_case() -> None:
    tested = {case[2] for case in CASES} | {case[2] for case in WARNING_CASES} | {"parse"}
    # The draft rule's case is test_a_draft_warns_of_what_is_left_to_do.
    assert tested | {"draft"} == set(RULES)


@pytest.mark.parametrize(
    ("qualifier", "zh", "en"),
    [
        ("nearly", "近65%", "nearly 65%"),
        ("about", "约65%", "about 65%"),
        ("at_most", "最多65%", "at most 65%"),
        ("passed", "突破65%", "over 65%"),
        ("as_little_as", "最快65%", "as little as 65%"),
        # The older names are still read, and said as the new ones.
        ("approximately", "约65%", "about 65%"),
        ("as_low_as", "最快65%", "as little as 65%"),
    ],
)
def test_every_qualifier_name_is_valid(
    hxq: Run, tmp_path: Path, qualifier: str, zh: str, en: str
) -> None:
    file = write(tmp_path, edit(MINIMAL, ('qualifier: "more_than"', f'qualifier: "{qualifier}"')))
    assert report(hxq, file)["valid"] is True
    facts = json.loads(hxq("facts", "--json", "--data", str(file)).out)["facts"]
    share = next(fact for fact in facts if fact["id"] == "1.2.share")
    assert share["display"] == {"zh": zh, "en": en}


def test_an_unknown_qualifier_is_a_schema_problem(hxq: Run, tmp_path: Path) -> None:
    file = write(tmp_path, edit(MINIMAL, ('qualifier: "more_than"', 'qualifier: "roughly"')))
    (problem,) = report(hxq, file)["problems"]
    assert (problem["rule"], problem["path"]) == (
        "schema",
        "nodes[0].children[1].facts[0].qualifier",
    )


def test_same_text_in_both_languages_is_fine(hxq: Run, tmp_path: Path) -> None:
    text = edit(MINIMAL, ('{zh: "任务甲", en: "Task A"}', '{zh: "G20", en: "G20"}'))
    assert report(hxq, write(tmp_path, text))["valid"] is True


def test_named_supplements_are_not_counted(hxq: Run, tmp_path: Path) -> None:
    supplement = (
        '      - {id: "1.notes", title: {zh: "备注", en: "Notes"}, '
        'description: {zh: "备注。", en: "Notes."}}\n'
    )
    text = edit(MINIMAL, (SECOND_CHILD, supplement + SECOND_CHILD))
    assert report(hxq, write(tmp_path, text))["valid"] is True


# --------------------------------------------------------------------------- many problems


def test_all_problems_are_listed_in_file_order(hxq: Run, tmp_path: Path) -> None:
    text = edit(
        MINIMAL,
        ("两大任务", "三大任务"),
        ('source: "doc"', 'source: "dok"'),
        ('      - id: "1.1"\n', '      - id: "1.1"\n        colour: red\n'),
        ('unit: "%"', "unit: 5"),
        ('id: "1.2.share"', 'id: "1.2.Share"'),
    )
    document = report(hxq, write(tmp_path, text))
    got = [(p["rule"], p["line"]) for p in document["problems"]]
    assert got == [("count", 12), ("source", 22), ("schema", 25), ("schema", 32), ("schema", 35)]
    result = hxq("validate", str(tmp_path / "framework.yaml"))
    assert result.out.splitlines()[-1].endswith(": 5 problems (count 1, schema 3, source 1)")


def test_rules_still_run_when_the_schema_complains(hxq: Run, tmp_path: Path) -> None:
    text = edit(MINIMAL, ("value: 9.8", "value: lots"), ('source: "doc"', 'source: "dok"'))
    rules = [p["rule"] for p in report(hxq, write(tmp_path, text))["problems"]]
    assert rules == ["schema", "source"]


def test_listing_stops_at_the_limit(hxq: Run, tmp_path: Path) -> None:
    many = "".join(
        f'  - {{id: "n{i}", title: {{zh: "节点", en: "Node"}}, description: 1}}\n'
        for i in range(MAX_PROBLEMS + 200)
    )
    document = report(hxq, write(tmp_path, MINIMAL + many))
    assert document["truncated"] is True
    assert len(document["problems"]) == MAX_PROBLEMS
    result = hxq("validate", str(tmp_path / "framework.yaml"))
    assert result.out.splitlines()[-1] == (
        f"{tmp_path / 'framework.yaml'}: more than {MAX_PROBLEMS:,} problems; "
        f"the first {MAX_PROBLEMS:,} are listed (schema {MAX_PROBLEMS:,})"
    )


def test_long_values_are_shortened_in_messages(hxq: Run, tmp_path: Path) -> None:
    text = edit(MINIMAL, ('en: "B."', 'en: "' + "long " * 5000 + '"'))
    (problem,) = report(hxq, write(tmp_path, text))["problems"]
    assert "is too long" in problem["message"]
    assert len(problem["message"]) < 200


# --------------------------------------------------------------------------- unreadable files


@pytest.mark.parametrize(
    ("content", "message", "line", "column"),
    [
        (b"", "file is empty", None, None),
        (b"id: [unclosed\n", "did not find expected ',' or ']'", 2, 1),
        (b"id: ok\ntitle: caf\xe9\n", "not valid UTF-8 at byte 17", 2, 11),
        (b"a: &x 1\nb: *x\n", "anchors and aliases (&, *) are not allowed", 2, 4),
    ],
)
def test_unreadable_content_is_one_problem(
    hxq: Run, tmp_path: Path, content: bytes, message: str, line: int | None, column: int | None
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    document = report(hxq, path)
    assert document == {
        "schema_version": 1,
        "file": str(path),
        "valid": False,
        "truncated": False,
        "warnings": [],
        "problems": [
            {
                "line": line,
                "column": column,
                "path": "",
                "message": document["problems"][0]["message"],
                "rule": "parse",
            }
        ],
    }
    assert message in document["problems"][0]["message"]
    result = hxq("validate", str(path))
    where = str(path) if line is None else f"{path}:{line}:{column}"
    assert result.out.splitlines() == [
        f"{where}: error: {document['problems'][0]['message']}",
        f"{path}: 1 problem (parse 1)",
    ]


def test_not_a_mapping(hxq: Run, tmp_path: Path) -> None:
    (problem,) = report(hxq, write(tmp_path, "- a\n- b\n"))["problems"]
    assert problem == {
        "line": 1,
        "column": 1,
        "path": "",
        "message": "expected a framework (a YAML mapping), found a list",
        "rule": "schema",
    }


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_files_that_cannot_be_opened_are_errors(
    hxq: Run, tmp_path: Path, json_flag: list[str]
) -> None:
    missing = hxq("validate", str(tmp_path / "nope.yaml"), *json_flag)
    assert missing.code == ExitCode.TROUBLE
    assert missing.out == ""
    assert missing.err == f"hxq: error: {tmp_path / 'nope.yaml'}: no such file\n"
    directory = hxq("validate", str(tmp_path), *json_flag)
    assert directory.code == ExitCode.TROUBLE
    assert directory.err == f"hxq: error: {tmp_path}: is a directory, not a file\n"


def test_unreadable_file_is_an_error(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, MINIMAL)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    result = hxq("validate", str(path))
    assert result.code == ExitCode.TROUBLE
    assert (result.out, result.err) == ("", f"hxq: error: {path}: permission denied\n")


def test_size_limit_is_an_error(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HXQ_MAX_BYTES", "100")
    result = hxq("validate", str(EXAMPLE), "--json")
    assert result.code == ExitCode.TROUBLE and result.out == ""
    assert result.err.startswith(f"hxq: error: {EXAMPLE}: larger than the 100-byte limit")


# --------------------------------------------------------------------------- JSON contract


def test_json_shape_is_pinned(hxq: Run, tmp_path: Path) -> None:
    document = report(hxq, write(tmp_path, edit(MINIMAL, ("两大任务", "三大任务"))))
    assert list(document) == [
        "schema_version",
        "file",
        "valid",
        "truncated",
        "warnings",
        "problems",
    ]
    assert document["schema_version"] == 1
    (problem,) = document["problems"]
    assert list(problem) == ["line", "column", "path", "message", "rule"]
    assert [type(problem[key]) for key in problem] == [int, int, str, str, str]
    assert problem["rule"] in RULES


def test_clean_json(hxq: Run) -> None:
    result = hxq("validate", str(EXAMPLE), "--json")
    assert result.code == ExitCode.OK
    assert json.loads(result.out) == {
        "schema_version": 1,
        "file": str(EXAMPLE),
        "valid": True,
        "truncated": False,
        "warnings": [],
        "problems": [],
    }


# --------------------------------------------------------------------------- hostile text


def test_control_sequences_in_problems_are_made_visible(hxq: Run, tmp_path: Path) -> None:
    osc8 = "\x1b]8;;https://evil.invalid\x1b\\x\x1b]8;;\x1b\\ \x9b31m \u202e"
    text = edit(
        MINIMAL,
        ('as_of: "2025-12-31"', f"as_of: {json.dumps(osc8)}"),
        ('      - id: "1.1"\n', f'      - id: "1.1"\n        {json.dumps(osc8)}: 1\n'),
        ('source: "doc"', f"source: {json.dumps(osc8)}"),
    )
    path = write(tmp_path, text, name="evil\x1b[31m\u202e.yaml")
    result = hxq("validate", str(path))
    assert result.code == ExitCode.NO
    for raw in ("\x1b", "\x9b", "\u202e"):
        assert raw not in result.out
    assert "\\x1b]8;;https://evil.invalid" in result.out
    lines = result.out.splitlines()
    shown_name = str(path).replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert all(line.startswith(shown_name + ":") for line in lines)
    # The date's two schema messages are one problem at its place (one per place and rule).
    assert lines[-1].endswith(": 4 problems (schema 3, source 1)")
    as_json = hxq("validate", str(path), "--json")
    for raw in ("\x1b", "\x9b", "\u202e"):
        assert raw not in as_json.out
    document = json.loads(as_json.out)
    assert document["file"] == str(path)
    assert len(document["problems"]) == 4


# --------------------------------------------------------------------------- interruptions


def test_interrupt(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(path: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("hxq_cli.queries.validate.validate_file", interrupted)
    result = hxq("validate")
    assert result.code == ExitCode.INTERRUPTED
    assert result.err == "hxq: error: interrupted\n"


@pytest.mark.parametrize("args", [["validate"], ["validate", "--json"], ["schema"]])
def test_closed_pipe(args: list[str]) -> None:
    proc = subprocess.Popen(
        [installed_hxq(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait(timeout=60) == ExitCode.BROKEN_PIPE
    assert err == b""


def test_installed(tmp_path: Path) -> None:
    ok = run_installed("validate", str(EXAMPLE))
    assert ok.returncode == 0 and ok.stdout.startswith(f"{EXAMPLE}: valid") and ok.stderr == ""
    bad = write(tmp_path, edit(MINIMAL, ("两大任务", "三大任务")))
    failed = run_installed("validate", str(bad))
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[0].startswith(f"{bad}:12:17: error: nodes[0].title.zh: ")


def test_a_valid_file_is_read_without_composing_yaml_nodes(
    hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nodes (which know positions) are composed only to place a problem: reading them costs
    # ten times the fast roads on a large file.
    def composed(_doc: object) -> None:
        raise AssertionError("YAML nodes composed for a valid file")

    monkeypatch.setattr("hxq_cli.read.parse.parse_nodes", composed)
    result = hxq("validate", str(SHIPPED))
    assert result.code == 0, result.err
    assert "valid" in result.out


def test_a_misspelt_key_is_one_problem_with_a_suggestion(hxq: Run, tmp_path: Path) -> None:
    """`titel` for `title`: one problem at the key, "did you mean 'title'?" (issue 12)."""
    path = tmp_path / "titel.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    path.write_text(text.replace("    title:", "    titel:", 1), encoding="utf-8")
    result = hxq("validate", str(path))
    assert result.code == ExitCode.NO
    problems = [line for line in result.out.splitlines() if "sources[0]" in line]
    assert len(problems) == 1
    assert "unknown key 'titel'; did you mean 'title'?" in problems[0]


# --------------------------------------------------------------------------- the form editors read

#: The form of gcc, clang, ruff and mypy: FILE:LINE:COL: SEVERITY: MESSAGE.
GCC_FORM = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning): (?P<message>.+)$"
)

#: An error of every kind at its own place: a schema error, a source and a count.
TWO_KINDS = edit(
    MINIMAL,
    ('as_of: "2025-12-31"', 'as_of: "yesterday"'),
    ('source: "doc"', 'source: "elsewhere"'),
)


def _problem_lines(out: str) -> list[str]:
    return out.splitlines()[:-1]


def test_problems_are_in_the_gcc_form(hxq: Run, tmp_path: Path) -> None:
    file = write(tmp_path, TWO_KINDS)
    result = hxq("validate", str(file))
    assert result.code == ExitCode.NO
    document = report(hxq, file)
    lines = _problem_lines(result.out)
    assert len(lines) == len(document["problems"]) == 2
    for line, problem in zip(lines, document["problems"], strict=True):
        matched = GCC_FORM.match(line)
        assert matched is not None, line
        assert matched["file"] == str(file) and matched["severity"] == "error"
        assert (int(matched["line"]), int(matched["col"])) == (problem["line"], problem["column"])
        assert matched["message"] == f"{problem['path']}: {problem['message']}"


@pytest.mark.parametrize(
    "case", [c for c in WARNING_CASES if c[0] != "invisible-character"], ids=lambda c: c[0]
)
def test_warnings_are_in_the_gcc_form(hxq: Run, tmp_path: Path, case: tuple[Any, ...]) -> None:
    file = write(tmp_path, case[1])
    line = hxq("validate", str(file)).out.splitlines()[0]
    matched = GCC_FORM.match(line)
    assert matched is not None, line
    assert matched["severity"] == "warning"


def test_one_message_per_place_and_rule(hxq: Run, tmp_path: Path) -> None:
    # A date that is neither a date nor short enough breaks two schema keywords at one place.
    file = write(tmp_path, edit(MINIMAL, ('as_of: "2025-12-31"', f'as_of: "{"x" * 200}"')))
    document = report(hxq, file)
    places = [(p["line"], p["column"], p["rule"]) for p in document["problems"]]
    assert len(places) == len(set(places)) == 1
    assert "is not a date" in document["problems"][0]["message"]
    assert "is too long" in document["problems"][0]["message"]
    lines = _problem_lines(hxq("validate", str(file)).out)
    assert len(lines) == 1


def _vim_quickfix(tmp_path: Path, errorformat: str | None, out: str) -> list[str]:
    """What Vim's quickfix list holds after reading `out` with `errorformat`: one line per
    valid entry, `file|line|col|type|text`; Vim's default errorformat when None."""
    listing = tmp_path / "validate.txt"
    listing.write_text(out, encoding="utf-8")
    read = tmp_path / "quickfix.txt"
    subprocess.run(
        [
            "vim",
            "-Es",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-N",
            "-c",
            "set errorformat&" if errorformat is None else f"set errorformat={errorformat}",
            "-c",
            f"cgetfile {listing}",
            "-c",
            "call writefile(map(filter(getqflist(), 'v:val.valid'), {_, e -> bufname(e.bufnr)"
            " . '|' . e.lnum . '|' . e.col . '|' . e.type . '|' . e.text}), '" + str(read) + "')",
            "-c",
            "qa!",
        ],
        check=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return read.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(shutil.which("vim") is None, reason="needs Vim")
def test_vim_reads_the_problems(hxq: Run, tmp_path: Path) -> None:
    file = write(tmp_path, TWO_KINDS)
    document = report(hxq, file)
    out = hxq("validate", str(file)).out
    expected = [(str(file), p["line"], p["column"], p["message"]) for p in document["problems"]]
    # Vim's default errorformat (`%f:%l:%c:%m` among others): every problem, none of the summary.
    default = _vim_quickfix(tmp_path, None, out)
    assert [tuple(e.split("|", 4)[i] for i in (0, 1, 2)) for e in default] == [
        (f, str(line), str(col)) for f, line, col, _ in expected
    ]
    # The gcc form with its severity (`%t` takes the first letter of error / warning).
    gcc = _vim_quickfix(tmp_path, r"%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m", out)
    assert [e.split("|", 4) for e in gcc] == [
        [f, str(line), str(col), "e", f"{p['path']}: {message}"]
        for (f, line, col, message), p in zip(expected, document["problems"], strict=True)
    ]
    warned = write(tmp_path, WARNING_CASES[0][1], "warned.yaml")
    warnings = _vim_quickfix(
        tmp_path,
        r"%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m",
        hxq("validate", str(warned)).out,
    )
    assert [e.split("|", 4)[3] for e in warnings] == ["w"]
