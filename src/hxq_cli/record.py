"""`frozen_record`: `@dataclass(frozen=True, slots=True)` at a fraction of its start-up cost.

hxq starts on every command and every TAB, and `dataclass` compiles six methods per frozen class
at import time (about 1 ms a class here, a third of what hxq may add to Typer's own start-up).
A frozen record is still a dataclass (`fields`, `replace`, `asdict`, `astuple` work, and type
checkers see one), with `__init__` compiled as dataclass does, so building a large framework
stays as fast; equality, hashing, `repr`, immutability and pickling come from shared methods
with the same behaviour as the generated ones.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[Any], Any]:
        return lambda decorator: decorator


T = TypeVar("T")

_MISSING = dataclasses.MISSING


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._values(self) == self._values(other)


def _hash(self: Any) -> int:
    return hash(self._values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self) if f.repr
    )
    return f"{self.__class__.__qualname__}({shown})"


def _setattr(self: Any, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return list(self._values(self))


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=True):
        object.__setattr__(self, f.name, value)


#: What `dataclass(frozen=True)` would generate, written once and shared by every record.
_SHARED = {
    "__eq__": _eq,
    "__hash__": _hash,
    "__repr__": _repr,
    "__setattr__": _setattr,
    "__delattr__": _delattr,
    "__getstate__": _getstate,
    "__setstate__": _setstate,
}


def _values_getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) == 1:
        single = attrgetter(names[0])
        return lambda item: (single(item),)
    getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return getter


def _compile_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    # Each field's slot descriptor, called directly: a fifth faster than object.__setattr__
    # (which dataclasses use), and it is what a large framework's build spends its time on.
    namespace: dict[str, Any] = {f"_set_{f.name}": getattr(cls, f.name).__set__ for f in fields}
    params = []
    for f in fields:
        if f.default_factory is not _MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a frozen record takes no default_factory")
        if f.default is _MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"\n    _set_{f.name}(self, {f.name})" for f in fields) or "\n    pass"
    source = f"def __init__(self, {', '.join(params)}):{body}"
    exec(source, namespace)  # the same technique as dataclasses, on trusted field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]


@dataclass_transform(frozen_default=True)
def frozen_record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted dataclass (equal by value, hashable, immutable)."""
    for name, method in _SHARED.items():
        setattr(cls, name, method)
    record: Any = dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    fields = dataclasses.fields(record)
    record._values = staticmethod(_values_getter([f.name for f in fields]))
    _compile_init(record, fields)
    result: type[T] = record
    return result
