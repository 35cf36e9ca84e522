"""Every `--json` output holds to its published schema (`hxq schema NAME`), over a matrix: every
kind of argument (node ID, fact ID, alias, title in each language, full-width forms, none),
every language, on the shipped data, the example, a generated large framework and frameworks
Hypothesis draws (tests/framework_strategy.py). The schemas are closed: an output with a key
its schema does not name fails, and so does one of a shape no schema describes.

The default run takes one language and a few drawn frameworks; HXQ_TEST_PROFILE=ci takes
every language (and checks that the JSON is the same in each) and many drawn frameworks.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import FIXTURES, FULL, REPO, SHIPPED, Run, load_framework
from framework_strategy import frameworks, write
from hxq_cli.errors import UsageError
from hxq_cli.model import Framework
from hxq_cli.queries.resolve import resolve_id
from hxq_cli.read import OUTPUT_SCHEMAS, framework_schema, output_schema

sys.path.insert(0, str(REPO / "bench"))

from make_framework import make_file  # noqa: E402

RIVERTON = REPO / "examples" / "riverton-321.yaml"
# A framework of the generator's shape, small enough to keep the suite quick (the schema
# check of a large output takes jsonschema seconds).
GENERATED = Path(tempfile.mkdtemp(prefix="hxq-contracts-")) / "generated.yaml"
make_file(GENERATED, 400 if FULL else 40, 2, seed=5)
DATA = {"shipped": SHIPPED, "riverton": RIVERTON, "generated": GENERATED}
LANGS = ("both", "zh", "en") if FULL else ("both",)

#: The schema of each document kind: an output's own, or the framework file's for exports.
_VALIDATORS: dict[str, jsonschema.Draft7Validator] = {}


def validator(name: str) -> jsonschema.Draft7Validator:
    if name not in _VALIDATORS:
        schema = framework_schema() if name == "framework" else output_schema(name)
        jsonschema.Draft7Validator.check_schema(schema)
        _VALIDATORS[name] = jsonschema.Draft7Validator(schema)
    return _VALIDATORS[name]


def problems(name: str, document: Any) -> list[tuple[list[Any], str]]:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    return [(list(e.path), e.message[:300]) for e in errors[:5]]


# --------------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class Case:
    """One command line (after `--data FILE`) and the schema its output holds to."""

    label: str
    argv: tuple[str, ...]
    schema: str
    #: Whether it takes --lang.
    lang: bool = True


def full_width(text: str) -> str:
    """ASCII letters, digits and punctuation in their full-width forms (４．２)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _first_word(text: str) -> str:
    words = [w for w in text.split() if w[:1].isalpha() and w[:1].isascii()]
    return words[0] if words else ""


def arguments(framework: Framework) -> dict[str, str]:
    """An argument of each kind that names a node or a fact of the framework."""
    nodes = list(framework.walk())
    # A node with parts and facts, deep enough to have a path, if there is one.
    node = max(nodes, key=lambda n: (bool(n.children), bool(n.facts), n.id.count(".") <= 2))
    found: dict[str, str] = {
        "node": node.id,
        "title-zh": node.title.zh,
        "title-en": node.title.en,
        "full-width": full_width(node.id),
        "ideographic-stop": node.id.replace(".", "。"),
        "title-case": node.title.en.upper(),
    }
    # A title that more than one node bears names none (hxq says so, exit 2): the contract is
    # about the shapes of the outputs, so only a title that names its node is an argument.
    for kind in ("title-zh", "title-en", "title-case"):
        try:
            named = resolve_id(framework, found[kind]).node
        except UsageError:
            named = None
        if named is not node:
            del found[kind]
    fact = next((f for n in nodes for f in n.facts), None)
    if fact is not None:
        found["fact"] = fact.id
        found["full-width-fact"] = full_width(fact.id)
    alias = next((a for n in nodes for a in n.aliases), None)
    if alias is not None:
        found["alias"] = alias
    return found


def search_words(framework: Framework) -> dict[str, str]:
    """Words that hit each kind of field: a title, prose, a statement, an alias, an anchor."""
    nodes = list(framework.walk())
    words = {"title-zh": nodes[-1].title.zh[:2], "nothing": "zzz-nothing-zzz"}
    english = _first_word(nodes[-1].title.en)
    if english:
        words["title-en"] = english
    words["description"] = nodes[0].description.zh[:3]
    for node in nodes:
        if node.aliases:
            words["alias"] = node.aliases[0]
            break
    for node in nodes:
        for fact in node.facts:
            words.setdefault("statement", fact.statement.zh[:2])
            if fact.anchor:
                words.setdefault("anchor", fact.anchor[:3])
    return {kind: word for kind, word in words.items() if word.strip()}


def cases(framework: Framework) -> list[Case]:
    """Every JSON output of every command on a framework, with each kind of argument."""
    out = [
        Case("show", ("show", "--json"), "show"),
        Case("facts", ("facts", "--json"), "facts"),
        Case(
            "facts --sort value --reverse",
            ("facts", "--sort", "value", "--reverse", "--json"),
            "facts",
        ),
        Case("terms", ("terms", "--json"), "terms"),
        Case("terms nothing", ("terms", "zzzz-no-such-term", "--json"), "terms"),
        Case("validate", ("validate", "--json"), "validate", lang=False),
        Case("export json", ("export", "--format", "json"), "framework"),
    ]
    for kind, argument in arguments(framework).items():
        out += [
            Case(f"show {kind}", ("show", argument, "--json"), "show"),
            Case(f"facts {kind}", ("facts", argument, "--json"), "facts"),
            Case(f"export json {kind}", ("export", "--format", "json", argument), "framework"),
        ]
    words = search_words(framework)
    for kind, word in words.items():
        out.append(Case(f"search {kind}", ("search", word, "--json"), "search"))
    # A term looked up by its Chinese and by its English: the same shape, with its uses.
    # (A form that reads as an option or is too long for a query is not typed.)
    for language in ("zh", "en"):
        forms = [getattr(term, language) for term in framework.glossary]
        typed = [f for f in forms if f.split() and not f.startswith("-") and len(f) <= 200]
        if typed:
            out.append(Case(f"terms {language}", ("terms", typed[0], "--json"), "terms"))
    node = arguments(framework)["node"]
    out.append(
        Case("search --under", ("search", words["title-zh"], "--under", node, "--json"), "search")
    )
    return out


def verify_cases(framework: Framework, source: Path) -> list[Case]:
    which: tuple[str, ...] = ("--source", str(source))
    if len(framework.sources) > 1:  # a text named otherwise than every source: say which
        which += ("--source-id", framework.sources[-1].id)
    return [
        Case("verify", ("verify", *which, "--json"), "verify"),
        Case("verify --problems", ("verify", *which, "--problems", "--json"), "verify"),
    ]


def source_for(framework: Framework, path: Path) -> Path:
    """A source text for verify: some anchors once, some twice, some left out, between words."""
    lines = ["开头的一段话。"]
    for number, (_, fact) in enumerate(framework.facts()):
        if fact.anchor and number % 3 != 2:
            lines += [f"据介绍，{fact.anchor}。"] * (1 + number % 3)
        lines.append(f"另有数据{fact.value}{fact.unit}。")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_case(hxq: Run, data: Path, case: Case) -> str:
    """The case's output in each language (the same text in each); checked against its schema."""
    texts = []
    for lang in LANGS if case.lang else ("both",):
        argv = [*case.argv, "--data", str(data)]
        if case.lang:
            argv += ["--lang", lang]
        result = hxq(*argv)
        assert result.code in (0, 1), (argv, result.code, result.err)
        assert result.out, (argv, result.err)
        texts.append(result.out)
    assert all(text == texts[0] for text in texts), f"{case.label}: the JSON changes with --lang"
    document = json.loads(texts[0])
    assert not problems(case.schema, document), (case.label, problems(case.schema, document))
    return texts[0]


def _matrix() -> Iterator[Any]:
    sources = {"shipped": FIXTURES / "verify-source.txt"}
    for name, path in DATA.items():
        framework = load_framework(path)
        source = sources.get(name) or source_for(framework, GENERATED.with_name(f"{name}.txt"))
        for case in cases(framework) + verify_cases(framework, source):
            yield pytest.param(path, case, id=f"{name}: {case.label}")


@pytest.mark.parametrize(("data", "case"), list(_matrix()))
def test_json_output_holds_to_its_schema(hxq: Run, data: Path, case: Case) -> None:
    run_case(hxq, data, case)


def test_the_interview_verifies_to_its_schema(hxq: Run) -> None:
    from test_data import source_path

    source = source_path()
    if source is None:
        pytest.skip("the interview text is not here (HXQ_SOURCE)")
    run_case(hxq, SHIPPED, Case("verify", ("verify", "--source", str(source), "--json"), "verify"))


@pytest.mark.parametrize(
    ("old", "new"),
    [("shipped", "riverton"), ("riverton", "riverton"), ("riverton", "generated")],
)
def test_diff_holds_to_its_schema(hxq: Run, old: str, new: str) -> None:
    case = Case("diff", ("diff", str(DATA[old]), str(DATA[new]), "--json"), "diff")
    for lang in LANGS:
        result = hxq(*case.argv, "--lang", lang)
        assert result.code in (0, 1), result.err
        assert not problems("diff", json.loads(result.out))


def test_a_failed_validation_holds_to_its_schema(hxq: Run, tmp_path: Path) -> None:
    for name in ("hostile.yaml", "verify-bad.yaml"):
        result = hxq("validate", "--json", "--data", str(FIXTURES / name))
        assert not problems("validate", json.loads(result.out))
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: [x\n", encoding="utf-8")
    result = hxq("validate", "--json", "--data", str(broken))
    assert result.code == 1 and not problems("validate", json.loads(result.out))


# --------------------------------------------------------------------------- drawn frameworks


def _mutated(document: dict[str, Any]) -> dict[str, Any]:
    """Another edition: a node removed, a node added, a title and a figure changed."""
    other = copy.deepcopy(document)
    nodes = other["nodes"]
    first = nodes[0]
    first["title"] = {"zh": first["title"]["zh"] + "改", "en": first["title"]["en"] + " new"}
    facts = [f for n in nodes for f in n.get("facts", ())]
    if facts:
        facts[0]["value"] = 7
        facts[0]["unit"] = "个"
    if len(nodes) > 1 and nodes[-1].get("children"):
        nodes[-1]["children"].pop()
    nodes.append(
        {
            "id": "added",
            "title": {"zh": "新增", "en": "Added"},
            "description": {"zh": "新增的部分。", "en": "An added part."},
        }
    )
    return other


@settings(
    max_examples=120 if FULL else 3,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=frameworks())
def test_drawn_frameworks_hold_to_every_schema(
    hxq: Run, tmp_path: Path, document: dict[str, Any]
) -> None:
    data = write(document, tmp_path / "drawn.yaml")
    checked = hxq("validate", "--json", "--data", str(data))
    report = json.loads(checked.out)
    assert report["valid"] and not problems("validate", report), report["problems"][:3]
    framework = load_framework(data)
    source = source_for(framework, tmp_path / "drawn.txt")
    for case in cases(framework) + verify_cases(framework, source):
        run_case(hxq, data, case)
    other = write(_mutated(document), tmp_path / "other.yaml")
    result = hxq("diff", str(data), str(other), "--json")
    assert result.code == 1 and not problems("diff", json.loads(result.out))
    exported = hxq("export", "--format", "json", "--data", str(data))
    assert json.loads(exported.out) == json.loads(hxq("show", "--json", "--data", str(data)).out)


# --------------------------------------------------------------------------- closed schemas


def _objects(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object shape a schema describes (conditions of if/then/else left out)."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield where, schema
        for key, value in schema.items():
            if key not in ("if", "then", "else"):
                yield from _objects(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _objects(value, f"{where}[{index}]")


@pytest.mark.parametrize("name", ["framework", *OUTPUT_SCHEMAS])
def test_every_object_a_schema_describes_is_closed(hxq: Run, name: str) -> None:
    # What `hxq schema NAME` prints is a draft-07 schema, the one the tests hold outputs to.
    printed = json.loads(hxq("schema", *([] if name == "framework" else [name])).out)
    jsonschema.Draft7Validator.check_schema(printed)
    schema = framework_schema() if name == "framework" else output_schema(name)
    assert printed == schema
    shapes = list(_objects(schema))
    assert shapes
    for where, shape in shapes:
        assert shape.get("additionalProperties") is False, f"{name}{where} is open"
        assert set(shape.get("required", ())) <= set(shape["properties"]), where


def _dicts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path to every object in a JSON document, except inside a diff's old and new values
    (data of any shape)."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            if key not in ("old", "new") or not isinstance(value.get("field"), str):
                yield from _dicts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _dicts(item, (*path, index))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@pytest.mark.parametrize(
    ("name", "argv"),
    [
        ("show", ("show", "--json")),
        ("show", ("show", "4.2", "--json")),
        ("show", ("show", "4.2.rd-investment", "--json")),
        ("facts", ("facts", "4", "--json")),
        ("search", ("search", "创新", "--json")),
        ("verify", ("verify", "--source", str(FIXTURES / "verify-source.txt"), "--json")),
        ("diff", ("diff", str(SHIPPED), str(RIVERTON), "--json")),
        ("validate", ("validate", "--json", "--data", str(FIXTURES / "hostile.yaml"))),
        ("terms", ("terms", "--json")),
        ("terms", ("terms", "名片", "--json")),
    ],
)
def test_a_key_no_schema_names_fails(hxq: Run, name: str, argv: tuple[str, ...]) -> None:
    """Each object of the output, given one more key, no longer holds to the schema: a new key
    in an output cannot pass unnoticed."""
    document = json.loads(hxq(*argv).out)
    assert not problems(name, document)
    paths = list(_dicts(document))
    # A spread of its objects: a hundred in CI, a few by default.
    for path in paths[:: max(1, len(paths) // (100 if FULL else 6))]:
        changed = copy.deepcopy(document)
        _at(changed, path)["unexpected"] = 1
        assert problems(name, changed), f"{name}: a key added at {path} passes"


def test_the_two_shapes_once_missing_are_described(hxq: Run) -> None:
    # `show FACT-ID --json` and an alias or anchor hit of `search` (lang null) were outputs
    # their schemas did not describe.
    fact = json.loads(hxq("show", "4.2.rd-investment", "--json").out)
    assert set(fact) == {"schema_version", "framework", "path", "fact"}
    assert not problems("show", fact)
    untranslated = []
    for query in ("创新", "innovation"):
        document = json.loads(hxq("search", query, "--json").out)
        assert not problems("search", document)
        untranslated += [hit for hit in document["hits"] if hit["lang"] is None]
    assert {hit["field"] for hit in untranslated} == {"aliases", "anchor"}
    # And the conditions hold: a language on an alias hit, or none on a title, fails.
    wrong = copy.deepcopy(untranslated[0])
    wrong["lang"] = "zh"
    document = {"schema_version": 1, "framework": "x", "query": "q", "hits": [wrong]}
    assert problems("search", document)


def test_a_figure_that_becomes_a_fraction_is_written_as_the_file_writes_it(
    hxq: Run, tmp_path: Path
) -> None:
    # Found by the drawn frameworks: `diff --json` ended in a traceback (orjson cannot write a
    # Fraction) when a fact's value was or became one.
    old = FIXTURES / "minimal.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("value: 65\n", 'value: "1/3"\n'))
    result = hxq("diff", str(old), str(new), "--json")
    assert result.code == 1, result.err
    document = json.loads(result.out)
    assert not problems("diff", document)
    (changed,) = document["facts"]["changed"]
    assert changed["changes"] == [{"field": "value", "old": 65, "new": "1/3"}]
