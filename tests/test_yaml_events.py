"""Every road that reads YAML gives exactly what the strict loader gives.

`parse_lines` (one value per line) and `parse_plain` (libyaml's events) are only faster roads:
every document they do not take on, and every error, goes on to the next road and in the end
to the strict loader. So for any text, `parse_yaml` must give the same value (or the same error
message) whichever roads are open.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, SHIPPED, examples, load_raw
from hxq_cli.errors import DataError
from hxq_cli.read import TextFile, limits
from hxq_cli.read import parse as yaml_parse

sys.path.insert(0, str(REPO / "bench"))

from hxq_cli.formats.yaml import dumps_yaml  # noqa: E402
from make_framework import make_file  # noqa: E402

EXAMPLE = REPO / "examples" / "riverton-321.yaml"


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (True is not 1) and NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


def _closed(*_args: Any) -> Any:
    return yaml_parse.UNSUPPORTED


def outcome(text: str, *, roads: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    """("value", the value) or ("error", the message) of `parse_yaml` with only some roads open:
    "events" (and the strict loader) or "strict"."""
    with monkeypatch.context() as patch:
        if roads == "strict":
            patch.setattr(yaml_parse, "parse_plain", _closed)
        try:
            return "value", yaml_parse.parse(TextFile("t.yaml", text))
        except DataError as exc:
            return "error", str(exc)


def assert_same_outcome(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    strict = outcome(text, roads="strict", monkeypatch=monkeypatch)
    for roads in ("events",):
        fast = outcome(text, roads=roads, monkeypatch=monkeypatch)
        assert fast[0] == strict[0], (roads, text, fast, strict)
        assert same(fast[1], strict[1]), (roads, text, fast, strict)


def test_framework_files_take_the_fast_roads_and_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated = tmp_path / "gen.yaml"
    make_file(generated, 200, 3, seed=4)
    exported = tmp_path / "exported.yaml"
    exported.write_text(dumps_yaml(load_raw(str(SHIPPED))), encoding="utf-8")
    for path in [SHIPPED, generated, exported, EXAMPLE, *sorted(FIXTURES.glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8-sig")
        by_events = yaml_parse.parse_plain(text, limits.MAX_NESTING, limits.max_yaml_nodes())
        if path.parent != FIXTURES:
            assert by_events is not yaml_parse.UNSUPPORTED, path
        assert_same_outcome(text, monkeypatch)


EDGE_CASES = [
    "a: 1\nb: yes\nc: no\nd: on\ne: off\nf: ~\ng: null\nh: NULL\ni:\n",
    "a: 0o17\nb: 017\nc: 0x1f\nd: 1_000\ne: 1:30\nf: 2024-01-01\ng: -0\nh: +5\n",
    "a: .inf\nb: -.inf\nc: .NaN\nd: +.5\ne: 1e3\nf: 1.\ng: -1.5E-3\nh: .5e+2\n",
    "a: true\nb: True\nc: TRUE\nd: tRUE\ne: false\n",
    'a: "1"\nb: \'2\'\nc: "true"\nd: "~"\ne: "" \n',
    "a: |\n  one\n  two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
    "- - - x\n    - y\n  - z\n- []\n- {}\n",
    "{a: [1, 2, {b: c}], d: e}",
    "a: !!str 1\n",
    'a: !!int "3"\n',
    "a: !!float 1\n",
    "a: !!binary aGk=\n",
    "a: !!timestamp 2020-01-01\n",
    "a: !custom x\n",
    "a: ! 12\n",
    "a: !!set {x, y}\n",
    "a: !!omap [x: 1]\n",
    "a: &anchor 1\n",
    "a: &anchor 1\nb: *anchor\n",
    "a: &m {x: 1}\nb:\n  <<: *m\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "1: a\n1.0: b\n",
    "true: a\n1: b\n",
    ".nan: a\n.nan: b\n",
    "? [a, b]\n: c\n",
    "{a: 1}: b\n",
    "? |\n  block key\n: v\n",
    "a: 1\n---\nb: 2\n",
    "--- a\n...\n",
    "",
    "# only a comment\n",
    "~\n",
    "[1, 2\n",
    "a: b: c\n",
    "a:\n\t- tab\n",
    "%YAML 1.1\n---\na: yes\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!thing x\n",
    "a: '\u202e bidi'\nb: \"\\x1b[31m\"\n",
    "[" * 70 + "]" * 70,
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)) + "  " * 80 + "end\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_read_the_same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_outcome(text, monkeypatch)


def test_what_the_fast_road_leaves_to_the_strict_loader() -> None:
    for text in ["a: !!str 1\n", "a: &x 1\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "", "[1, 2\n"]:
        assert yaml_parse.parse_plain(text, 64, 1000) is yaml_parse.UNSUPPORTED, text
    assert yaml_parse.parse_plain("[[[1]]]", 2, 1000) is yaml_parse.UNSUPPORTED
    assert yaml_parse.parse_plain("[[[1]]]", 3, 1000) == [[[1]]]
    # The value budget holds on the fast road too: a list and three numbers are four values.
    # Over it, the fast road says where, without a second pass through the strict loader.
    assert yaml_parse.parse_plain("[1, 1, 1]", 64, 3) == yaml_parse.TooManyValues(1, 8)
    assert yaml_parse.parse_plain("[1, 1, 1]", 64, 4) == [1, 1, 1]


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(
        ["yes", "No", "on", "0o17", "017", "0x1F", "1_0", "1:30", ".inf", "-.Inf", ".nan", "~", ""]
    ),
)
_keys = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.booleans(), st.none())
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=examples(300), deadline=None)
@given(
    _documents,
    st.sampled_from([None, True, False]),
    st.sampled_from([None, '"', "'"]),
    st.booleans(),
)
def test_dumped_documents_read_the_same(
    document: Any, flow: bool | None, style: str | None, explicit_start: bool
) -> None:
    text = yaml.safe_dump(
        document,
        default_flow_style=flow,
        default_style=style,
        explicit_start=explicit_start,
        allow_unicode=True,
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_outcome(text, monkeypatch)


#: What the adversarial review used to make the readers disagree: raw C1 (NEL), LS/PS, lone
#: surrogate escapes, explicit tags, tabs, a second BOM, and characters that end a scalar.
_TARGETED = [
    "\x85",
    "  # note\x85        qualifier: more_than",
    "\u2028",
    "\u2029",
    '"\\udc00"',
    '"\\ud800"',
    "!!int abc",
    "!!float ''",
    "!!bool maybe",
    "!!timestamp 2025-13-45",
    "!!int 0b101",
    "\t",
    "\ufeff",
    "? x",
    ": ",
    "#",
    "\x9b31m",
]
_SHIPPED_LINES = SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)


@settings(max_examples=examples(400), deadline=None)
@given(
    st.integers(0, len(_SHIPPED_LINES) - 1),
    st.integers(0, 200),
    st.sampled_from(_TARGETED),
)
def test_targeted_edits_of_the_framework_read_the_same_on_every_road(
    line: int, column: int, insert: str
) -> None:
    lines = list(_SHIPPED_LINES)
    at = min(column, len(lines[line].rstrip("\n")))
    lines[line] = lines[line][:at] + insert + lines[line][at:]
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert_same_outcome("".join(lines), monkeypatch)
