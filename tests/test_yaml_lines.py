"""The one-value-per-line reader: what it takes on, what it leaves to the other roads.

Whatever it returns must be what the strict loader returns for the same text; whatever the
strict loader refuses, it must leave alone (UNSUPPORTED), so that the strict loader words the
error. Random line-shaped texts, most of them odd or broken YAML, hold it to that.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hxq_cli import loader, yamlsafe
from hxq_cli.errors import DataError
from hxq_cli.yamllines import parse_lines
from test_yaml_events import assert_same_outcome, same

UNSUPPORTED = yamlsafe.UNSUPPORTED


def lines(text: str, max_depth: int = 64, max_values: int = 10_000) -> Any:
    return parse_lines(text, max_depth, max_values)


def strict(text: str) -> Any:
    return yamlsafe.parse_nodes(loader.Document("t.yaml", text))[0]


TAKEN = [
    # (text, value)
    ("a: 1\nb: x\n", {"a": 1, "b": "x"}),
    ("a: 1\nb: x", {"a": 1, "b": "x"}),  # no newline at the end
    ("a: 1\r\nb: 2\r\n", {"a": 1, "b": 2}),
    ("# c\n\na: 1  # trailing\n   # indented comment\nb: 2\n", {"a": 1, "b": 2}),
    ("  a: 1\n  b: 2\n", {"a": 1, "b": 2}),  # the root may be indented
    ("a:\nb: 2\n", {"a": None, "b": 2}),
    ("a:\n  b:\nc: 1\n", {"a": {"b": None}, "c": 1}),
    ("a:\n  - 1\n  - x\n", {"a": [1, "x"]}),
    ("a:\n- 1\n- 2\nb: 3\n", {"a": [1, 2], "b": 3}),  # an indentless sequence
    ("a:\n  - k: 1\n    j: 2\n  -   k: 3\n", {"a": [{"k": 1, "j": 2}, {"k": 3}]}),
    ("a:\n- k:\n  - 1\n  j: 2\n- 3\n", {"a": [{"k": [1], "j": 2}, 3]}),
    ("a:\n  - k:\n  - 2\n", {"a": [{"k": None}, 2]}),
    ('a: {zh: "中", en: "x"}\n', {"a": {"zh": "中", "en": "x"}}),
    ('a: {zh: "中",en: "x"}  # c\n', {"a": {"zh": "中", "en": "x"}}),
    ("a: {x: 1, y: 'q', z: w v}\n", {"a": {"x": 1, "y": "q", "z": "w v"}}),
    ("a: [\"x\", 1, y z, 'w']\nb: []\nc: {}\n", {"a": ["x", 1, "y z", "w"], "b": [], "c": {}}),
    ("a: 'it''s'\nb: ''\n", {"a": "it's", "b": ""}),
    ('a: "say \\"hi\\"\\n\\t\\u00e9 \\\\"\n', {"a": 'say "hi"\n\té \\'}),
    ('a: "# not a comment"\nb: "x" # a comment\n', {"a": "# not a comment", "b": "x"}),
    (
        "a: x#y\nb: 1:30\nc: a, b [c] {d}\nd: http://e.f/g\n",
        {"a": "x#y", "b": "1:30", "c": "a, b [c] {d}", "d": "http://e.f/g"},
    ),
    ("a: 全\u3000角\nb: x\u00a0y\n", {"a": "全\u3000角", "b": "x\u00a0y"}),
    (
        "a: true\nb: False\nc: ~\nd: null\ne: yes\nf: 017\ng: 0o17\nh: -1.5\ni: 1e3\n",
        {
            "a": True,
            "b": False,
            "c": None,
            "d": None,
            "e": "yes",
            "f": 17,
            "g": 15,
            "h": -1.5,
            "i": 1000.0,
        },
    ),
    ("true: 1\nnull: 2\n", {True: 1, None: 2}),
    ("a: -5\nb: -.5\nc: +3\n", {"a": -5, "b": -0.5, "c": 3}),
]


@pytest.mark.parametrize(("text", "value"), TAKEN)
def test_line_shaped_documents_read_as_yaml_reads_them(text: str, value: Any) -> None:
    assert same(lines(text), value), lines(text)
    assert same(strict(text), value)


LEFT = [
    "a:\tb\n",  # a tab
    "a: |\n  text\n",  # block scalars
    "a: >-\n  text\n",
    "a: plain\n  continued\n",  # multi-line scalars
    'a: "open\n  close"\n',
    "a:\n  plain on the next line\n",
    "a: &x 1\nb: *x\n",  # anchors, aliases, tags
    "a: !!str 1\n",
    '"a": 1\n',  # quoted or complex keys
    "? a\n: 1\n",
    "---\na: 1\n",  # document markers and directives
    "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    'a: "\\/"\n',  # escapes YAML and JSON do not share, or read differently
    'a: "\\x41"\n',
    'a: "\\ud83d\\ude00"\n',
    'a: "\\N"\n',
    "a: [[1]]\n",  # nested or unusual flow collections
    "a: [1, 2,]\n",
    "a: {x: {y: 1}}\n",
    '{"a": 1}\n',
    "a: 1\na: 2\n",  # duplicate keys, in blocks and in flow
    'a: {zh: "x", zh: "y"}\n',
    "a: {k: 1, k: 2}\n",
    "just a scalar\n",  # not a mapping, or a value without a key
    "- a\n- b\n",
    "a:\n  - x\n  y\n",
    "a:\n  -\n    b: 1\n",  # an entry whose value is below
    "a:\n  - - x\n",
    "a: 1\n  b: 2\n",  # indentation that belongs nowhere
    "a:\n    b: 1\n  c: 2\n",
    "a: x\u0085y\n",  # characters libyaml refuses or reads as line breaks
    "a: x\u2028y\n",
    "a: x\ufeffy\n",
    "a: 1\rb: 2\n",
    "a: \x07\n",
    "a: .inf\n",  # numbers JSON cannot hold
    "a: " + "9" * 500 + "\n",
    "a: b: c\n",  # plain scalars YAML reads otherwise, or refuses
    "a: x #\n# c\nb: -x\n",
    "a: x:\n",
    "a: @x\n",
    "a: 'x' y\n",
    'a: "x"y\n',
    "",
    "# only a comment\n",
    # Long runs of spaces in lines that do not match: each must cost its length, not its
    # length squared (which, for these, would be hours).
    "- " + " " * 100_000 + "@\n",
    "a:" + " " * 100_000 + "@\n",
    "a: [" + " " * 100_000 + "x\n",
    "a: {" + " " * 100_000 + "\n",
    "a: x" + " y" * 50_000 + ": \n",
]


@pytest.mark.parametrize("text", LEFT, ids=lambda text: repr(text[:30]))
def test_anything_else_is_left_to_the_other_roads(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lines(text) is UNSUPPORTED
    assert_same_outcome(text, monkeypatch)


def test_nesting_and_value_budgets_are_counted_as_the_event_road_counts_them() -> None:
    texts = [
        "a: 1\nb:\n  c: [1, 2]\n  d: {x: 1, y: 2}\n",
        'a:\n- k: "v"\n  j:\n  - 1\n  - {zh: "a", en: "b"}\nb:\n',
        "a:\n  b:\n    c:\n      d: [x]\n",
    ]
    for text in texts:
        for depth in range(1, 7):
            for budget in range(1, 30):
                by_events = yamlsafe.parse_plain(text, depth, budget)
                by_lines = parse_lines(text, depth, budget)
                assert (by_lines is UNSUPPORTED) == (by_events is UNSUPPORTED), (
                    text,
                    depth,
                    budget,
                )
                if by_lines is not UNSUPPORTED:
                    assert same(by_lines, by_events)


# Random texts made of lines of the kinds framework files hold, with random indentation: a
# few read as YAML, most are odd or broken. Whatever the line reader returns must be what
# the strict loader returns; whatever the strict loader refuses must be left to it.
INDENTS = [0, 0, 1, 2, 2, 3, 4, 4, 6]
DASHES = ["", "", "", "- ", "-  ", "-"]
KEYS = [None, "a", "b", "id", "zh", "en", "true", "null", "No", "k-1", "_x"]
VALUES = [
    "",
    "",
    "1",
    "-2.5",
    "017",
    "1e3",
    "0x1f",
    ".nan",
    "~",
    "yes",
    "x y",
    "a:b",
    "a#b",
    "中文",
    '"q"',
    '"a\\"b\\u00e9"',
    '"\\/"',
    '"\\x41"',
    '"" ',
    "'s''t'",
    "''",
    '{zh: "中", en: "x"}',
    '{zh: "中", zh: "x"}',
    "{a: 1, b: x}",
    "[1, x, 'y']",
    "[]",
    "{}",
    "[[1]]",
    "&a 1",
    "*a",
    "!!str 1",
    "|",
    "x # c",
    "x#c",
    "- 1",
]
ENDS = ["", "", "", "  # c", "\n# full-line comment", "\n"]


def make_line(indent: int, dash: str, key: str | None, value: str, end: str) -> str:
    written_key = "" if key is None else f"{key}:" + (" " if value else "")
    return " " * indent + dash + written_key + value + end


_line = st.builds(
    make_line,
    st.sampled_from(INDENTS),
    st.sampled_from(DASHES),
    st.sampled_from(KEYS),
    st.sampled_from(VALUES),
    st.sampled_from(ENDS),
)


def assert_reads_as_strict(text: str) -> bool:
    """Check the line reader against the strict loader; whether it took the text on."""
    fast = lines(text)
    try:
        expected = strict(text)
    except DataError:
        assert fast is UNSUPPORTED, text
        return False
    if fast is UNSUPPORTED:
        return False
    assert same(fast, expected), (text, fast, expected)
    return True


@settings(max_examples=1000, deadline=None)
@given(st.lists(_line, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_random_line_shaped_texts_read_as_the_strict_loader_reads_them(
    body: list[str], newline: str
) -> None:
    assert_reads_as_strict(newline.join(body) + newline)


def test_many_random_texts_read_as_the_strict_loader_reads_them() -> None:
    # The same property over a fixed set of texts, counting those the line reader takes on:
    # it means little unless a fair share of them are.
    rng = random.Random(6)
    taken = 0
    for _ in range(3000):
        body = [
            make_line(
                rng.choice(INDENTS),
                rng.choice(DASHES),
                rng.choice(KEYS),
                rng.choice(VALUES),
                rng.choice(ENDS),
            )
            for _ in range(rng.randint(1, 8))
        ]
        taken += assert_reads_as_strict("\n".join(body) + "\n")
    assert taken >= 150, taken


# Random documents written the ways framework files are written (block or flow, indented or
# indentless sequences, any indentation, every quoting style, comments), then often damaged
# by one edit of the kind people make. Most are taken on by the line reader.
SCALARS = [
    "1",
    "-2.5",
    "017",
    "x",
    "x y",
    "a:b",
    "中文",
    "true",
    "~",
    '"q"',
    '"\\u00e9\\""',
    "'s''t'",
    "a, b",
    "null",
    "0o7",
    "1e3",
    ".5",
]
FLOW_SCALARS = [s for s in SCALARS if ":" not in s and "," not in s]


def write_document(rng: random.Random) -> list[str]:
    out: list[str] = []
    column = rng.choice([0, 0, 2])
    write_mapping(rng, out, column, " " * column, depth=0)
    return out


def write_mapping(rng: random.Random, out: list[str], column: int, lead: str, depth: int) -> None:
    """Write a block mapping whose keys start at `column`; `lead` is written before the first
    key (a "- " that opens a sequence entry)."""
    keys = rng.sample(["a", "b", "c", "id", "zh", "en", "true"], rng.randint(1, 4))
    for number, key in enumerate(keys):
        prefix = lead if number == 0 else " " * column
        kind = rng.random()
        if depth < 3 and kind < 0.25:
            out.append(f"{prefix}{key}:")
            inner = column + rng.choice([1, 2, 4])
            write_mapping(rng, out, inner, " " * inner, depth + 1)
        elif depth < 3 and kind < 0.5:
            out.append(f"{prefix}{key}:")
            write_sequence(rng, out, column + rng.choice([0, 2, 3]), depth + 1)
        elif kind < 0.6:
            pairs = ", ".join(
                f"{k}: {rng.choice(FLOW_SCALARS)}" for k in rng.sample(["zh", "en", "k"], 2)
            )
            out.append(f"{prefix}{key}: {{{pairs}}}")
        elif kind < 0.65:
            out.append(f"{prefix}{key}: [{', '.join(rng.sample(FLOW_SCALARS, 2))}]")
        elif kind < 0.7:
            out.append(f"{prefix}{key}:")
        else:
            out.append(f"{prefix}{key}: {rng.choice(SCALARS)}" + rng.choice(["", "", "  # c"]))
        if rng.random() < 0.1:
            out.append(" " * rng.randint(0, 6) + rng.choice(["# comment", ""]))


def write_sequence(rng: random.Random, out: list[str], column: int, depth: int) -> None:
    for _ in range(rng.randint(1, 3)):
        dash = rng.choice(["- ", "- ", "-   "])
        if depth < 3 and rng.random() < 0.5:
            write_mapping(rng, out, column + len(dash), " " * column + dash, depth + 1)
        else:
            out.append(" " * column + dash + rng.choice(SCALARS))


def damage(rng: random.Random, body: list[str]) -> list[str]:
    body = list(body)
    at = rng.randrange(len(body))
    edit = rng.randrange(6)
    if edit == 0:
        body[at] = " " + body[at]
    elif edit == 1:
        body[at] = body[at][1:]
    elif edit == 2:
        del body[at]
    elif edit == 3:
        body.insert(at, body[at])
    elif edit == 4:
        body[at] += rng.choice(["#c", " #c", ":", " x", "\t"])
    else:
        body.insert(at, " " * rng.randint(0, 8) + rng.choice(["- x", "k: v", "x", "-"]))
    return body


def test_written_documents_read_as_the_strict_loader_reads_them() -> None:
    rng = random.Random(7)
    taken = 0
    for number in range(3000):
        body = write_document(rng)
        if number % 2:
            body = damage(rng, body)
        taken += assert_reads_as_strict("\n".join(body) + "\n")
    # Half the texts are undamaged and nearly all of those are taken on.
    assert taken >= 1800, taken
