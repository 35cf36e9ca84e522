"""PyYAML set up for framework files: YAML 1.2 core-schema scalars, no aliases, no duplicate keys.

Kept apart from `hxq_cli.loader` so that importing the loader does not import PyYAML: a run
answered from the cache never parses YAML.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from functools import cache
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node
from yaml.resolver import BaseResolver


class _Yaml12Resolver(BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans, no sexagesimal, no dates."""


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _StrictConstructor(SafeConstructor):
    """Safe construction that refuses aliases and duplicate keys."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # A node reached twice is an alias: refusing it here stops "billion laughs"
        # and self-referencing documents before anything is expanded.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None, None, "anchors and aliases (&, *) are not allowed", node.start_mark
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Hashable, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping, found a {type(node).__name__}", node.start_mark
            )
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise ConstructorError(None, None, "unhashable mapping key", key_node.start_mark)
            if key in mapping:
                raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


# YAML 1.2 integers: "017" is seventeen (1.1 read it as octal), "0o17" is octal.
def _construct_int(loader: SafeConstructor, node: Node) -> int:
    text = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[type-var]


def _make_loader(c_parser: bool) -> type:
    if c_parser and getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser

        def __init__(self: Any, stream: str) -> None:
            CParser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

        return type(
            "_CLoader", (CParser, _StrictConstructor, _Yaml12Resolver), {"__init__": __init__}
        )

    class _PyLoader(
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _StrictConstructor,
        _Yaml12Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _StrictConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

    return _PyLoader


@cache
def loader_class(c_parser: bool) -> type:
    """The strict loader class: on libyaml's C parser when asked and available, else pure Python."""
    return _make_loader(c_parser)


#: What `parse_plain` returns for a document it leaves to the strict loader.
UNSUPPORTED: Any = object()
_UNSEEN: Any = object()
_STR = "tag:yaml.org,2002:str"
#: Plain scalars remembered once resolved (mapping keys, mostly).
_MEMO_LIMIT = 4096


def parse_plain(text: str, max_depth: int) -> Any:
    """The value of a plain YAML document, built straight from libyaml's events; or UNSUPPORTED.

    Plain: one document with no tags, anchors or aliases, only scalar keys, no key twice, and
    nested at most `max_depth` deep; every framework file is. Anything else, errors included,
    is UNSUPPORTED and left to the strict loader, so that one path decides and words every
    problem. Scalars are resolved and constructed by the strict loader's own resolver and
    constructors, so a plain document reads the same either way. Without the node graph that
    PyYAML composes first, a 24 MB framework reads in a third of the time and a quarter of the
    memory; and nothing here recurses, whatever the nesting.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return UNSUPPORTED
    from yaml._yaml import CParser
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    parser = CParser(text)
    resolver = _Yaml12Resolver()
    constructor = _StrictConstructor()
    scalars: dict[str, Any] = {}
    # One frame per open collection: [the collection, the pending key, whether a key is pending].
    stack: list[list[Any]] = []
    root: Any = UNSUPPORTED
    documents = 0
    try:
        while True:
            event: Any = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    return UNSUPPORTED
                if event.implicit[0]:
                    value = scalars.get(event.value, _UNSEEN)
                    if value is _UNSEEN:
                        value = _plain_scalar(resolver, constructor, event.value)
                        # Keys repeat; most numbers do not, and need not fill memory.
                        if len(scalars) < _MEMO_LIMIT:
                            scalars[event.value] = value
                else:
                    value = event.value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                    return UNSUPPORTED
                stack.append([{} if kind is MappingStartEvent else [], None, False])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return UNSUPPORTED
                continue
            elif kind is StreamEndEvent:
                return root
            elif kind is AliasEvent:
                return UNSUPPORTED
            else:
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            collection = frame[0]
            if type(collection) is list:
                collection.append(value)
            elif not frame[2]:
                if isinstance(value, dict | list):
                    return UNSUPPORTED
                frame[1] = value
                frame[2] = True
            else:
                if frame[1] in collection:
                    return UNSUPPORTED
                collection[frame[1]] = value
                frame[2] = False
    except yaml.YAMLError:
        return UNSUPPORTED


def _plain_scalar(resolver: Any, constructor: Any, text: str) -> Any:
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    node = yaml.ScalarNode(tag, text)
    return constructor.yaml_constructors[tag](constructor, node)
