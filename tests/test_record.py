"""`frozen_record` behaves as `dataclass(frozen=True, slots=True)` in everything hxq relies on."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from hxq_cli.model import Bilingual, Fact, Located, Node
from hxq_cli.record import frozen_record


@frozen_record
class Rec:
    id: str
    value: float
    tags: tuple[str, ...] = ()
    note: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Ref:
    id: str
    value: float
    tags: tuple[str, ...] = ()
    note: str | None = None


@frozen_record
class One:
    only: int


def pair(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
    return Rec(*args, **kwargs), Ref(*args, **kwargs)


def test_is_a_dataclass_with_the_same_fields() -> None:
    assert dataclasses.is_dataclass(Rec)
    assert [(f.name, f.default) for f in dataclasses.fields(Rec)] == [
        (f.name, f.default) for f in dataclasses.fields(Ref)
    ]
    for name in ("__match_args__", "__slots__"):
        assert getattr(Rec, name) == getattr(Ref, name)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("a", 1.5), {}), (("a", 2), {"note": "n"}), ((), {"id": "b", "value": 3, "tags": ("x",)})],
)
def test_construction_equality_hash_repr(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    rec, ref = pair(*args, **kwargs)
    assert repr(rec).replace("Rec(", "Ref(") == repr(ref)
    assert dataclasses.astuple(rec) == dataclasses.astuple(ref)
    assert dataclasses.asdict(rec) == dataclasses.asdict(ref)
    same = Rec(*args, **kwargs)
    assert rec == same
    assert (rec != same) is False
    assert hash(rec) == hash(same) == hash(ref)
    assert rec != ref  # another class is never equal, as with dataclasses
    assert rec != Rec("other", 0)
    assert {rec, same} == {rec}


def test_nan_fields_compare_as_dataclass_fields_do() -> None:
    nan = float("nan")
    assert (Rec("a", nan) == Rec("a", nan)) == (Ref("a", nan) == Ref("a", nan))
    rec = Rec("a", nan)
    assert rec == copy.copy(rec)


@pytest.mark.parametrize("cls", [Rec, Ref])
def test_bad_arguments_are_type_errors(cls: type) -> None:
    with pytest.raises(TypeError):
        cls("a")
    with pytest.raises(TypeError):
        cls("a", 1, (), None, "extra")
    with pytest.raises(TypeError):
        cls("a", 1, colour="red")


@pytest.mark.parametrize("cls", [Rec, Ref])
def test_immutable(cls: type) -> None:
    item = cls("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.id = "b"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del item.id
    with pytest.raises((AttributeError, TypeError)):
        item.other = 1
    assert not hasattr(item, "__dict__")


def test_replace_copy_pickle() -> None:
    rec = Rec("a", 1, ("t",), "n")
    assert dataclasses.replace(rec, value=2) == Rec("a", 2, ("t",), "n")
    assert copy.copy(rec) == rec
    assert copy.deepcopy(rec) == rec
    assert pickle.loads(pickle.dumps(rec)) == rec
    one = One(1)
    assert pickle.loads(pickle.dumps(one)) == one
    assert hash(one) == hash(One(1))
    assert repr(one) == "One(only=1)"


def test_model_records_keep_their_contract() -> None:
    zh_en = Bilingual("甲", "A")
    fact = Fact(id="1.x", statement=zh_en, value=1, unit="个")
    node = Node(id="1", title=zh_en, description=zh_en, facts=(fact,))
    assert node.children == () and node.aliases == () and node.role is None
    assert node == Node("1", Bilingual("甲", "A"), Bilingual("甲", "A"), facts=(fact,))
    assert hash(node) == hash(copy.deepcopy(node))
    assert Located((node,)).node is node
    assert repr(zh_en) == "Bilingual(zh='甲', en='A')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.id = "2"  # type: ignore[misc]
