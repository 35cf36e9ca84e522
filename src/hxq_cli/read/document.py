"""The one checked document every read returns: a framework file after the YAML parse and the
schema check, as plain JSON-like data, in the parts it is cached in."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from hxq_cli.errors import DataError

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

#: A line of a cache entry as (entry bytes, start, stop): sliced out only when it is parsed.
Span = tuple[bytes, int, int]


class CheckedDocument:
    """A checked framework document in the parts it is cached in.

    `head` is the document without its nodes; `owners` maps each node ID to the position of the
    top-level node holding its first occurrence (`unique` says no ID occurs twice); each
    top-level node is kept as JSON text and parsed the first time it is asked for, so a command
    that needs one subtree of a large framework never parses the rest, and a search can test the
    text before parsing it (`may_contain`).
    """

    __slots__ = ("head", "owners", "unique", "_nodes", "_from_cache")

    def __init__(
        self,
        head: dict[str, Any],
        owners: dict[str, int],
        unique: bool,
        nodes: list[dict[str, Any] | bytes | str | Span],
        *,
        discard: Callable[[], None] | None = None,
    ) -> None:
        self.head = head
        self.owners = owners
        self.unique = unique
        self._nodes = nodes
        # Nodes read from a cache entry are checked for their shape as they are parsed;
        # `discard` removes an entry found lying.
        self._from_cache = discard

    @classmethod
    def of(cls, document: dict[str, Any]) -> CheckedDocument:
        """Split a checked document (one that has passed the schema)."""
        owners: dict[str, int] = {}
        count = 0
        for top, node in enumerate(document["nodes"]):
            stack = [node]
            while stack:
                item = stack.pop()
                count += 1
                owners.setdefault(item["id"], top)
                stack.extend(item.get("children", ()))
        head = {name: value for name, value in document.items() if name != "nodes"}
        return cls(head, owners, len(owners) == count, list(document["nodes"]))

    @property
    def from_cache(self) -> bool:
        """Whether the document was read from a cache entry (not parsed and checked just now)."""
        return self._from_cache is not None

    def damaged(self) -> DataError:
        """Remove the cache entry this document came from, and say so: a node of it could not
        be built (its shape lies, which only an edit of the entry by its owner can do)."""
        if self._from_cache is not None:
            self._from_cache()
        return DataError(
            "a cache entry does not hold a framework node; it was removed (run the command again)"
        )

    def __len__(self) -> int:
        """The number of top-level nodes."""
        return len(self._nodes)

    def node(self, index: int, *, keep: bool = True) -> dict[str, Any]:
        """The top-level node at `index`, with its whole subtree; parsed once and kept, unless
        `keep` is false (one pass over a large framework holds one parsed node at a time)."""
        item = self._nodes[index]
        if not isinstance(item, dict):
            parsed: Any = None
            with contextlib.suppress(ValueError):  # a damaged entry; refused just below
                parsed = parse_json(item)
            if self._from_cache is not None and not _node_accepted(parsed):
                self._from_cache()
                raise DataError(
                    "a cache entry does not hold a framework node; it was removed "
                    "(run the command again)"
                )
            assert isinstance(parsed, dict)
            if not keep:
                return parsed
            item = self._nodes[index] = parsed
        return item

    def may_contain(self, index: int, pattern: re.Pattern[str]) -> bool:
        """False only when the top-level node at `index` is still unparsed and `pattern` finds
        nothing in its JSON text (compact, `ensure_ascii=False`).

        So a search may skip the node without parsing it, provided that `pattern` matches no
        character that JSON escapes (`"`, `\\`, U+0000-U+001F): every other character of a
        string stands verbatim in the text.
        """
        item = self._nodes[index]
        if isinstance(item, dict):
            return True
        if isinstance(item, str):
            text = item
        else:
            data, start, stop = (item, 0, len(item)) if isinstance(item, bytes) else item
            # Decoded as json.loads decodes bytes, straight from the entry (no slice copied).
            text = str(memoryview(data)[start:stop], "utf-8", "surrogatepass")
        if pattern.search(text) is None:
            return False
        # Kept decoded: the caller parses it next, and json.loads would decode it again.
        self._nodes[index] = text
        return True

    def document(self) -> dict[str, Any]:
        """The whole document as one plain mapping."""
        return {**self.head, "nodes": [self.node(i) for i in range(len(self))]}


def _node_accepted(node: Any) -> bool:
    # A cheap check of the shape; the entry's hash and owner are what make it trusted.
    return isinstance(node, dict) and isinstance(node.get("id"), str)


def parse_span(span: Span) -> Any:
    """The JSON value of one line of a cache entry (NaN and the infinities refused)."""
    data, start, stop = span
    return parse_json(memoryview(data)[start:stop])


def parse_json(item: bytes | str | memoryview | Span) -> Any:
    """The JSON value of a stored node, its text or a line of an entry, read by orjson (several
    times faster than the json module here); it refuses NaN, which no framework file holds."""
    if isinstance(item, tuple):
        return parse_span(item)
    import orjson

    return orjson.loads(item)
