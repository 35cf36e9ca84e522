"""Hostile and broken framework files: each a clear one-line error (or correct output), never
a traceback, never a hang. One table row per case; each row runs through every command that
reads a framework file."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, FULL, Run
from hxq_cli.cli import main
from hxq_cli.cli.environment import Environment
from hxq_cli.errors import DocumentError, ExitCode
from hxq_cli.read import TextFile
from hxq_cli.read import parse as yaml_parse

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str) -> bytes:
    """The minimal framework with one edit (which must apply)."""
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1).encode("utf-8")


def in_task_a(value: str) -> bytes:
    """The minimal framework with Task A's English title replaced by raw YAML."""
    return edit('en: "Task A"', f"en: {value}")


def in_budget(value: str) -> bytes:
    """The minimal framework with the budget's value replaced by raw YAML."""
    return edit("value: 9.8", f"value: {value}")


def extra_key(line: str) -> bytes:
    """The minimal framework with one more line in node 1.1."""
    return edit('      - id: "1.1"\n', f'      - id: "1.1"\n        {line}\n')


_BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]"
            for i in range(8)
        ),
    ]
)

# (case id, file content, a part of the one-line error)
REFUSED: list[tuple[str, bytes, str]] = [
    # --- YAML: only safe loading
    ("python-object", b"a: !!python/object/apply:os.system ['true']\n", "python/object"),
    ("python-name", b"a: !!python/name:os.system\n", "python/name"),
    ("unknown-tag", in_task_a("!shout hello"), "could not determine a constructor"),
    # --- anchors and aliases: refused before anything expands them
    ("billion-laughs", _BILLION_LAUGHS.encode(), "anchors and aliases"),
    ("self-reference", b"a: &a [1, *a]\n", "anchors and aliases"),
    ("many-small-aliases", b"a: &x 1\nb: [" + b", ".join([b"*x"] * 100_000) + b"]\n", "anchors"),
    ("merge-alias", b"base: &b {id: x}\nmerged:\n  <<: *b\n", "anchors and aliases"),
    ("undefined-alias", b"a: *nowhere\n", "anchors and aliases"),
    # --- merge keys are plain keys, which the schema does not allow
    ("merge-key", extra_key("<<: {colour: red}"), "'<<' was unexpected"),
    ("merge-tag", extra_key("!!merge <<: {colour: red}"), "could not determine a constructor"),
    # --- other YAML types are not text
    ("binary", in_task_a("!!binary aGVsbG8="), "b'hello' is not of type 'string'"),
    ("set", in_task_a("!!set {a, b}"), "is not of type 'string'"),
    ("omap", in_task_a("!!omap [a: 1]"), "is not of type 'string'"),
    ("timestamp", edit('as_of: "2025-12-31"', "as_of: !!timestamp 2025-12-31"), "datetime.date"),
    ("non-string-key", extra_key("1: one"), "(1 was unexpected)"),
    ("unhashable-key", extra_key("? [a]\n        : b"), "unhashable mapping key"),
    # --- nesting, however it is written
    ("deep-flow", b"a: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested more than 64"),
    ("deep-flow-commented", b"a:\n" + b"  [ #]\n" * 40_000, "nested more than 64"),
    ("deep-block-dashes", b"a:\n  " + b"- " * 40_000 + b"x\n", "nested more than 64"),
    (
        "deep-block-indent",
        b"a:\n" + b"".join(b" " * i + b"k:\n" for i in range(1, 200)),
        "nested more than 64",
    ),
    # --- keys
    ("duplicate-key", b"schema_version: 1\nid: x\nid: y\n", "duplicate key 'id'"),
    # --- YAML 1.1 surprises: read as YAML 1.2 strings, then the schema says what is wrong
    ("sexagesimal", in_budget("1:30"), "'1:30' is not"),
    ("yaml11-bool", in_budget("on"), "'on' is not"),
    ("yaml11-yes", edit("year: 2026", "year: yes"), "'yes' is not of type 'integer'"),
    ("underscore-number", in_budget("1_000"), "'1_000' is not"),
    # --- numbers JSON cannot hold
    ("nan", in_budget(".nan"), "'.nan' is not a finite number"),
    ("infinity", in_budget("-.inf"), "'-.inf' is not a finite number"),
    ("float-overflow", in_budget("1e400"), "'1e400' is not a finite number"),
    ("int-overflow", in_budget("1" + "0" * 400), "is not a finite number"),
    ("int-huge", in_budget("9" * 5000), "is not a finite number"),
    ("hex-huge", in_budget("0x" + "f" * 5000), "is not a finite number"),
    ("explicit-float-nan", in_budget("!!float nan"), "is not a finite number"),
    # An explicit tag reads only its whole text: a final newline is not "the end".
    ("tagged-int-newline", in_budget(r'!!int "98\n"'), r"'98\n' is not an integer"),
    ("tagged-hex-newline", in_budget(r'!!int "0x1F\n"'), r"'0x1F\n' is not an integer"),
    ("tagged-float-newline", in_budget(r'!!float "9.8\n"'), r"'9.8\n' is not a number"),
    # It read as False (the text was not "true"), which the schema then refused as a value.
    ("tagged-bool-newline", in_budget(r'!!bool "true\n"'), r"'true\n' is not true or false"),
    ("tagged-null-newline", in_budget(r'!!null "\n"'), r"'\n' is not null"),
    (
        "tagged-date-newline",
        edit('as_of: "2025-12-31"', r'as_of: !!timestamp "2025-12-31\n"'),
        r"'2025-12-31\n' is not a date or time",
    ),
    # Finite, but 1e301 亿元 is beyond any float: the schema bounds a value at 1e290.
    ("value-beyond-its-unit", in_budget("1e301"), "1e+301 is greater than the maximum of 1e+290"),
    # --- characters
    ("nul-byte", in_task_a('"Task \x00 A"'), "U+0000 is not allowed"),
    ("raw-escape", in_task_a("Task \x1b[31m A"), "U+001B is not allowed"),
    ("raw-c1", in_task_a('"Task \u009b31m A"'), "U+009B is not allowed"),
    ("lone-surrogate", in_task_a(r'"Task \ud800 A"'), "invalid Unicode character escape"),
    ("tab-indent", edit('      - id: "1.1"\n', '\t- id: "1.1"\n'), "a tab is not allowed"),
    # libyaml reads a tab after a value or in a flow collection; PyYAML's own reader refuses
    # it: refused on every road, so that a file never reads two ways.
    ("tab-after-value", in_task_a('"Task A"\t'), "a tab is not allowed"),
    ("tab-inside-text", in_task_a('"Task\tA"'), "a tab is not allowed"),
    ("second-bom", edit('      - id: "1.1"\n', '\ufeff      - id: "1.1"\n'), "U+FEFF"),
    # --- documents
    ("two-documents", b"a: 1\n---\nb: 2\n", "expected a single document"),
    ("only-a-comment", b"# nothing here\n", "file holds no YAML document"),
    ("top-level-list", b"- a\n- b\n", "found a list"),
    ("top-level-scalar", b"just a scalar\n", "found a single str value"),
    ("top-level-null", b"~\n", "found a single null value"),
    ("unclosed", b"id: [unclosed\n", "did not find expected ',' or ']'"),
    # --- files
    ("empty", b"", "file is empty"),
    ("blank", b"  \n\t\n", "file is empty"),
    ("not-utf8", b"id: ok\ntitle: caf\xe9\n", "not valid UTF-8 at byte 17"),
    ("utf16", "id: x\n".encode("utf-16"), "not valid UTF-8 at byte 0"),
    # --- a long line: the message stays short
    ("long-line", in_task_a('"' + "x" * 1_000_000 + '"'), "is too long"),
]


def refused_everywhere(hxq: Run, path: Path, needle: str) -> None:
    """Every command that reads the file exits 1 naming the file and the problem in one line."""
    for args in (["show"], ["show", "--json"], ["show", "1"]):
        result = hxq(*args, "--data", str(path))
        assert result.code == ExitCode.TROUBLE, (args, result)
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        assert lines[0].startswith(f"hxq: error: {path}"), lines[0]
        assert needle in lines[0], lines[0]
        assert len(lines[0]) < 500
        assert "Traceback" not in result.err
    # `hxq validate` reports the same problem on stdout, as text and as JSON.
    checked = hxq("validate", str(path))
    assert checked.code == ExitCode.NO
    assert checked.err == ""
    *problems, summary = checked.out.splitlines()
    assert problems and all(line.startswith(f"{path}") for line in problems)
    assert any(needle in line for line in problems), checked.out
    assert summary.startswith(f"{path}: ")
    as_json = hxq("validate", str(path), "--json")
    assert as_json.code == ExitCode.NO and as_json.err == ""
    document = json.loads(as_json.out)
    assert document["valid"] is False
    assert any(needle in problem["message"] for problem in document["problems"])


@pytest.mark.parametrize(
    ("content", "needle"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_refused(hxq: Run, tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    refused_everywhere(hxq, path, needle)


# (case id, file content): valid files that look odd; they must load and show.
ACCEPTED: list[tuple[str, bytes]] = [
    ("bom-crlf", b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode()),
    ("cr-only-lines", MINIMAL.replace("\n", "\r").encode()),
    ("yaml11-words-are-strings", in_task_a("no")),
    ("unquoted-date-is-a-string", edit('as_of: "2025-12-31"', "as_of: 2025-12-31")),
    ("octal-and-hex", in_budget("0o17")),
    ("escaped-nul", in_task_a(r'"Task \0 A"')),
    ("tab-escaped-in-text", in_task_a('"Task\\tA"')),
    ("long-line-within-limits", in_task_a('"' + "长" * 9000 + '"')),
    ("json-is-yaml", json.dumps(yaml.safe_load(MINIMAL), ensure_ascii=False).encode()),
]


@pytest.mark.parametrize("content", [r[1] for r in ACCEPTED], ids=[r[0] for r in ACCEPTED])
def test_accepted(hxq: Run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    shown = hxq("show", "1", "--data", str(path))
    assert shown.code == 0, shown.err
    assert "两大任务" in shown.out
    as_json = hxq("show", "--json", "--data", str(path))
    assert as_json.code == 0, as_json.err
    assert json.loads(as_json.out)["id"] == "mini"
    checked = json.loads(hxq("validate", str(path), "--json").out)
    assert [p for p in checked["problems"] if p["rule"] in ("parse", "schema")] == []


def test_yaml12_numbers(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_bytes(in_budget("017").replace(b"value: 65", b"value: 0x1F"))
    facts = json.loads(hxq("show", "1", "--json", "--data", str(path)).out)["node"]
    assert facts["facts"][0]["value"] == 17  # YAML 1.1 read 017 as octal 15
    assert facts["children"][1]["facts"][0]["value"] == 31


def test_node_budget_follows_the_size_limit(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.yaml"
    path.write_bytes(b"a: [" + b"1," * 1500 + b"1]\n")
    monkeypatch.setenv("HXQ_MAX_BYTES", "4000")
    refused_everywhere(hxq, path, "more than 1,000 YAML values")


@pytest.mark.parametrize(
    ("value", "needle"),
    [("abc", "not a whole number of bytes"), ("0", "must be a positive"), ("-5", "positive")],
)
def test_bad_size_limit(hxq: Run, monkeypatch: pytest.MonkeyPatch, value: str, needle: str) -> None:
    monkeypatch.setenv("HXQ_MAX_BYTES", value)
    result = hxq("show", "--data", str(FIXTURES / "minimal.yaml"))
    assert result.code == ExitCode.TROUBLE
    assert result.err.startswith("hxq: error: HXQ_MAX_BYTES=") and needle in result.err
    assert len(result.err.splitlines()) == 1


# --------------------------------------------------------------------------- text in the data

HOSTILE_TEXT = {
    "csi": "\x1b[31mred\x1b[0m",
    "osc8": "\x1b]8;;https://evil.invalid\x1b\\click\x1b]8;;\x1b\\",
    "c1-csi": "\x9b31mred",
    "c1-osc": "\x9d8;;https://evil.invalid\x9c",
    "bidi-override": "abc\u202edcba",
    "bidi-isolate": "x\u2066y\u2069z",
    "bell-backspace": "ding\x07\x08",
    "markup": "[bold red]Task[/] [link=https://evil.invalid]x[/link]",
}
RAW_CONTROLS = ["\x1b", "\x9b", "\x9d", "\x9c", "\u202e", "\u2066", "\u2069", "\x07", "\x08"]


def _escaped_yaml(text: str) -> str:
    """`text` as a double-quoted YAML scalar (escapes for everything non-printable)."""
    return json.dumps(text, ensure_ascii=True)


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_control_sequences_never_reach_the_terminal(hxq: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "text.yaml"
    path.write_bytes(in_task_a(_escaped_yaml(text)))
    for args in (["show"], ["show", "1"], ["show", "1.1", "--lang", "en"]):
        result = hxq(*args, "--data", str(path), width=200)
        assert result.code == 0, result.err
        assert not any(raw in result.out for raw in RAW_CONTROLS), repr(result.out)
    shown = hxq("show", "1.1", "--lang", "en", "--data", str(path), width=200).out
    if text.startswith("[bold"):
        assert text in shown  # markup is shown as written
    as_json = hxq("show", "1.1", "--json", "--data", str(path))
    assert not any(raw in as_json.out for raw in RAW_CONTROLS)
    assert json.loads(as_json.out)["node"]["title"]["en"] == text


def test_control_sequences_in_a_file_name(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b]8;;x\x1b\\\u202e.yaml"
    result = hxq("show", "--data", str(path))
    assert result.code == ExitCode.TROUBLE
    assert "\x1b" not in result.err and "\u202e" not in result.err
    assert "\\x1b]8;;x\\x1b\\\\u202e.yaml: no such file" in result.err


# --------------------------------------------------------------------------- output


def _with_columns(columns: str | None) -> Environment:
    """The environment of a process whose COLUMNS is `columns` (None: unset)."""
    environ = {} if columns is None else {"COLUMNS": columns}
    return Environment.from_process(environ, stdout=sys.stdout, stderr=sys.stderr)


@pytest.mark.parametrize("columns", ["1", "5", "0", "-3", "abc", "", None])
def test_any_columns(capsys: pytest.CaptureFixture[str], columns: str | None) -> None:
    for args, title in (
        (["show"], "四张名片"),
        (["show", "4"], "四张名片"),
        (["show", "4.2"], "科创赋能"),
    ):
        code = main(args, env=_with_columns(columns))
        out, err = capsys.readouterr()
        assert code == 0, err
        assert err == ""
        # However narrow the terminal, no character is dropped.
        assert title in out.replace("\n", "")


@pytest.mark.parametrize("columns", ["1", "abc", None])
def test_validate_lines_are_never_wrapped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, columns: str | None
) -> None:
    path = tmp_path / "count.yaml"
    path.write_bytes(edit("两大任务", "三大任务"))
    assert main(["validate", str(path)], env=_with_columns(columns)) == ExitCode.NO
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"{path}:12:17: error: nodes[0].title.zh: the title announces 3 parts "
        "but the node has 2 numbered children",
        f"{path}: 1 problem (count 1)",
    ]


# --------------------------------------------------------------------------- without libyaml

# Where PyYAML's pure-Python scanner words a problem differently from libyaml's.
_PYTHON_NEEDLES = {
    "lone-surrogate": "half of a UTF-16 surrogate pair",
    "unclosed": "expected ',' or ']', but got '<stream end>'",
}


@pytest.fixture
def without_libyaml(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Read YAML as hxq does where PyYAML was installed without libyaml."""
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    yaml_parse._loader.cache_clear()
    yield
    yaml_parse._loader.cache_clear()


@pytest.mark.usefixtures("without_libyaml")
@pytest.mark.parametrize(
    ("case", "content", "needle"),
    # PyYAML's own reader is slow on large inputs: the quick run keeps the small ones.
    [r for r in REFUSED if len(r[1]) < (200_000 if FULL else 50_000)],
    ids=[r[0] for r in REFUSED if len(r[1]) < (200_000 if FULL else 50_000)],
)
def test_refused_without_libyaml(
    hxq: Run, tmp_path: Path, case: str, content: bytes, needle: str
) -> None:
    assert yaml_parse._loader()[1] is False
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    refused_everywhere(hxq, path, _PYTHON_NEEDLES.get(case, needle))


@pytest.mark.usefixtures("without_libyaml")
@pytest.mark.parametrize("content", [r[1] for r in ACCEPTED], ids=[r[0] for r in ACCEPTED])
def test_accepted_without_libyaml(hxq: Run, tmp_path: Path, content: bytes) -> None:
    test_accepted(hxq, tmp_path, content)


#: "?" inside a flow collection: PyYAML's own scanner ends a plain scalar there and reads a
#: key, where libyaml reads text or refuses ("[a?b]" is ["a?b"] to libyaml, an error or a
#: mapping to PyYAML).
_FLOW_QUESTION_MARKS = [
    "a: [a?b]",
    "a: [?:x]",
    "a: [?x]",
    "a: {?x: 1}",
    "a: [ ? a : b ]",
    "a: [x, ?]",
]


def _reading(text: str) -> Any:
    try:
        return yaml_parse.parse(TextFile("q.yaml", text))
    except DocumentError as exc:
        return exc


@pytest.mark.parametrize("text", _FLOW_QUESTION_MARKS)
def test_a_question_mark_in_a_flow_collection_never_reads_as_other_data_without_libyaml(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    with_libyaml = _reading(text)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    yaml_parse._loader.cache_clear()
    try:
        without = _reading(text)
    finally:
        yaml_parse._loader.cache_clear()
    assert isinstance(without, DocumentError)
    assert "'?' inside [ ] or { }" in str(without) and "quotes" in str(without)
    assert "\n" not in str(without)
    # libyaml reads each of them, except "[?:x]", which it refuses too.
    assert isinstance(with_libyaml, DocumentError) == (text == "a: [?:x]")


@pytest.mark.usefixtures("without_libyaml")
def test_a_question_mark_in_quotes_or_outside_flow_collections_reads_without_libyaml() -> None:
    assert _reading("a: ['a?b', \"?\"]\nb: what? yes\n") == {"a": ["a?b", "?"], "b": "what? yes"}
