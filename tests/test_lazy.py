"""A framework built lazily answers exactly as the same framework built in full."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, REPO, SHIPPED, framework_of, load_framework, load_raw
from hxq_cli import model
from hxq_cli.model import Framework, Node
from hxq_cli.read import CheckedDocument, build_framework

sys.path.insert(0, str(REPO / "bench"))

from make_framework import make_file  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "gen.yaml"
    make_file(path, 300, 2, seed=11)
    return path


DUPLICATES = """\
schema_version: 1
id: dup
title: {zh: 重复, en: Duplicates}
description: {zh: 有重复编号。, en: Has a repeated ID.}
sources: []
nodes:
  - id: "1"
    title: {zh: 甲, en: A}
    description: {zh: 甲。, en: A.}
    children:
      - id: "1.1"
        title: {zh: 甲一, en: A one}
        description: {zh: 甲一。, en: A one.}
  - id: "2"
    title: {zh: 乙, en: B}
    description: {zh: 乙。, en: B.}
    children:
      - id: "1.1"
        title: {zh: 乙里的甲一, en: A one inside B}
        description: {zh: 重复。, en: Repeated.}
      - id: "2.1"
        title: {zh: 乙一, en: B one}
        description: {zh: 乙一。, en: B one.}
        children:
          - id: "1"
            title: {zh: 又一个甲, en: Another A}
            description: {zh: 重复。, en: Repeated.}
"""


_PARTS: dict[Path, tuple[dict[str, Any], dict[str, int], bool, list[bytes]]] = {}


def _fresh_lazy(path: Path) -> Framework:
    """A new lazy framework of the file, its top-level nodes as JSON text as the cache keeps them."""
    if path not in _PARTS:
        split = CheckedDocument.of(load_raw(str(path)))
        nodes = [json.dumps(split.node(i)).encode() for i in range(len(split))]
        _PARTS[path] = (split.head, split.owners, split.unique, nodes)
    head, owners, unique, nodes = _PARTS[path]
    return build_framework(CheckedDocument(head, owners, unique, list(nodes)))


def _unbuilt(node: Node) -> bool:
    """Whether the node's children are still to be built (its slot holds what builds them)."""
    return not isinstance(model._CHILDREN_SLOT.__get__(node, Node), tuple)


def _pair(path: Path) -> tuple[Framework, Framework]:
    return framework_of(load_raw(str(path))), _fresh_lazy(path)


@pytest.fixture(params=["shipped", "minimal", "generated", "duplicates"])
def source(request: pytest.FixtureRequest, generated: Path, tmp_path: Path) -> Path:
    if request.param == "shipped":
        return SHIPPED
    if request.param == "minimal":
        return FIXTURES / "minimal.yaml"
    if request.param == "generated":
        return generated
    path = tmp_path / "duplicates.yaml"
    path.write_text(DUPLICATES, encoding="utf-8")
    return path


def test_load_framework_is_lazy(source: Path) -> None:
    assert isinstance(load_framework(str(source)), Framework)


def test_every_id_locates_to_the_same_path(source: Path) -> None:
    full, _ = _pair(source)
    for node_id in full.by_id:
        # A fresh lazy framework each time, so every lookup takes the lazy road.
        lazy = _fresh_lazy(source)
        assert lazy.locate(node_id) == full.locate(node_id), node_id
        assert lazy.locate(node_id).path == full.locate(node_id).path


def test_same_content_same_answers(source: Path) -> None:
    full, lazy = _pair(source)
    assert lazy == full
    assert full == lazy
    assert lazy.to_dict() == full.to_dict()
    assert [n.id for n in lazy.walk()] == [n.id for n in full.walk()]
    assert list(lazy.facts()) == list(full.facts())
    assert lazy.by_id == full.by_id
    assert lazy.nodes == full.nodes
    assert lazy.sources == full.sources
    # Once everything is built, locate answers from the full index, the same way.
    for node_id in full.by_id:
        assert lazy.locate(node_id) == full.locate(node_id)


def test_unknown_id_is_a_key_error(source: Path) -> None:
    full, lazy = _pair(source)
    for framework in (full, lazy):
        with pytest.raises(KeyError):
            framework.locate("no.such.id")


def test_locating_builds_only_the_subtree_that_holds_the_node(generated: Path) -> None:
    lazy = _fresh_lazy(generated)
    assert isinstance(lazy, Framework)
    deepest = max(framework_of(load_raw(str(generated))).walk(), key=lambda n: n.id.count("."))
    assert lazy.locate(deepest.id).node == deepest
    built = [node for node in lazy._tops if node is not None]
    assert len(built) == 1
    assert built[0].id == deepest.id.split(".")[0]
    assert not lazy._by_id
    # Within that subtree, only the path's nodes have built their children: every other node
    # that has children still holds them unbuilt.
    path = lazy.locate(deepest.id).path
    on_path = {node.id for node in path[:-1]}
    siblings = [child for node in path[:-1] for child in node.children if child.id not in on_path]
    unbuilt = [child for child in siblings if _unbuilt(child)]
    assert unbuilt, "the generated file should give the path's siblings children of their own"
    assert all(child.id not in on_path for child in unbuilt)
    # Asking for them builds them, equal to a full build.
    full = framework_of(load_raw(str(generated)))
    assert unbuilt[0].children == full.locate(unbuilt[0].id).node.children
    assert not _unbuilt(unbuilt[0])


def test_a_lazy_node_has_no_other_attribute_than_a_built_one(generated: Path) -> None:
    top = _fresh_lazy(generated).nodes[0]
    assert _unbuilt(top)
    with pytest.raises(AttributeError):
        top.titel  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(top, "no_such_field")
    assert _unbuilt(top)  # asking for something else builds nothing


def test_duplicate_ids_take_the_first_occurrence_like_a_full_build(tmp_path: Path) -> None:
    path = tmp_path / "duplicates.yaml"
    path.write_text(DUPLICATES, encoding="utf-8")
    document = CheckedDocument.of(load_raw(str(path)))
    assert document.unique is False
    assert document.owners == {"1": 0, "1.1": 0, "2": 1, "2.1": 1}
    full, lazy = _pair(path)
    assert lazy.locate("1.1").node.title.en == full.locate("1.1").node.title.en == "A one"


def test_framework_without_nodes_built_is_equal_to_one_with() -> None:
    raw = load_raw(str(SHIPPED))
    a = build_framework(CheckedDocument.of(raw))
    b = build_framework(CheckedDocument.of(raw))
    a.locate("4.2")
    assert a == b
    a.by_id  # noqa: B018 (builds the index)
    assert a == b == framework_of(raw)


@pytest.mark.slow
def test_model_records_are_frozen_to_the_type_checker(tmp_path: Path) -> None:
    """The model's records are not frozen at run time (for speed; `model.record`), so mypy,
    which CI runs in strict mode, is what refuses an assignment to a field."""
    import subprocess

    snippet = tmp_path / "assign.py"
    snippet.write_text(
        "from hxq_cli.model import Bilingual, Fact, Node\n"
        "b = Bilingual('甲', 'a')\n"
        "b.zh = '乙'\n"
        "n = Node('1', b, b)\n"
        "n.children = ()\n"
        "f = Fact('1.x', b, 1, '项')\n"
        "f.value = 2\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "MYPYPATH": str(REPO / "src")},
        check=False,
    )
    assert result.returncode == 1, result.stdout
    for field in ("zh", "children", "value"):
        assert f'Property "{field}" defined in' in result.stdout
        assert "is read-only" in result.stdout
    # And they are hashable by content, as frozen dataclasses are.
    from hxq_cli.model import Bilingual

    assert hash(Bilingual("甲", "a")) == hash(Bilingual("甲", "a"))


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle"])
def test_a_lazy_node_copies_like_a_built_one(generated: Path, how: str) -> None:
    """Copying makes an instance before its fields are set: asking it for an attribute then
    must be an AttributeError, not a recursion; the copy is built in full."""
    import copy
    import pickle

    top = _fresh_lazy(generated).nodes[0]
    assert _unbuilt(top)
    if how == "copy":
        copied = copy.copy(top)
    elif how == "deepcopy":
        copied = copy.deepcopy(top)
    else:
        copied = pickle.loads(pickle.dumps(top))
    assert copied == framework_of(load_raw(str(generated))).nodes[0]


def test_two_threads_asking_for_the_same_children_get_the_same_nodes(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`hxq browse` walks the tree for its index in a thread while the tree view expands nodes,
    and knows a node by its id(): both must be given the same child objects (and neither an
    AttributeError for a `children` that the other has just set)."""
    import threading

    from hxq_cli.read import build

    top = _fresh_lazy(generated).nodes[0]
    assert _unbuilt(top)
    building, go_on = threading.Event(), threading.Event()
    build_node = build._node

    def held(raw: Any, document: Any) -> Any:
        if not building.is_set():  # the first thread waits, inside the build, for the second
            building.set()
            go_on.wait(timeout=30)
        return build_node(raw, document)

    monkeypatch.setattr(build, "_node", held)
    got: dict[str, Any] = {}
    asking = threading.Event()

    def ask(name: str) -> None:
        if name == "second":
            asking.set()
        got[name] = top.children

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    assert building.wait(timeout=30)
    second = threading.Thread(target=ask, args=("second",))
    second.start()
    assert asking.wait(timeout=30)
    go_on.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert got["first"] is got["second"] is top.children


def test_builders_put_every_field_where_it_belongs() -> None:
    """Fact and Node are built by position from their fields: a distinct value in every field of the
    mapping must come out in the field of the same name."""
    from hxq_cli.model import Bilingual, Fact

    def pair(name: str) -> dict[str, str]:
        return {"zh": f"{name}-zh", "en": f"{name}-en"}

    fact_raw = {
        "id": "f",
        "statement": pair("statement"),
        "value": 7,
        "unit": "unit",
        "anchor": "anchor",
        "source": "source",
        "qualifier": "qualifier",
        "compared_with": pair("compared_with"),
        "as_of": "as_of",
        "display": pair("display"),
    }
    fact = Fact.from_dict(fact_raw)
    for name, raw in fact_raw.items():
        want = Bilingual(**raw) if isinstance(raw, dict) else raw
        assert getattr(fact, name) == want, name
    node_raw = {
        "id": "n",
        "title": pair("title"),
        "description": pair("description"),
        "aliases": ["alias"],
        "role": pair("role"),
        "action": pair("action"),
        "target": pair("target"),
        "facts": [fact_raw],
    }
    node = Node.from_dict(node_raw)
    for name, raw in node_raw.items():
        if isinstance(raw, dict):
            assert getattr(node, name) == Bilingual(**raw), name
    assert (node.id, node.aliases, node.facts, node.children) == ("n", ("alias",), (fact,), ())
