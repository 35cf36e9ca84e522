"""The framework as the view walks it: every node once, with its parent, its searchable text
and the names that `:` completes. Built once per framework, on first use."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator

from hxq_cli.tui.hxq_api import Framework, Node, compile_query

#: Between two texts of the haystack: neither a space (a phrase never spans two fields) nor a
#: letter (a word always starts after it).
_SEP = "\x00"


def fold_query(text: str) -> str:
    """What a person typed, with full-width letters, digits and spaces made half-width (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def _node_texts(node: Node) -> Iterator[str]:
    """Every text `hxq search` looks in: titles, aliases, descriptive text, facts."""
    yield node.title.zh
    yield node.title.en
    yield from node.aliases
    for value in (node.role, node.action, node.target):
        if value is not None:
            yield value.zh
            yield value.en
    yield node.description.zh
    yield node.description.en
    for fact in node.facts:
        yield fact.statement.zh
        yield fact.statement.en
        if fact.compared_with is not None:
            yield fact.compared_with.zh
            yield fact.compared_with.en
        if fact.anchor is not None:
            yield fact.anchor


class FrameworkIndex:
    """Every node of a framework in document order, with parent links and a search haystack."""

    def __init__(self, framework: Framework) -> None:
        self.nodes: list[Node] = []
        self.parents: list[int] = []
        stack: list[tuple[Node, int]] = [(node, -1) for node in reversed(framework.nodes)]
        while stack:
            node, parent = stack.pop()
            position = len(self.nodes)
            self.nodes.append(node)
            self.parents.append(parent)
            stack.extend((child, position) for child in reversed(node.children))
        self.position = {id(node): i for i, node in enumerate(self.nodes)}
        self._haystack: str | None = None
        self._starts: list[int] = []
        self._names: list[tuple[str, str, Node]] | None = None

    def _build_haystack(self) -> str:
        parts: list[str] = []
        starts: list[int] = []
        offset = 0
        normalized = unicodedata.is_normalized
        for node in self.nodes:
            text = _SEP.join(_node_texts(node)) + _SEP
            if not text.isascii() and not normalized("NFKC", text):
                text = unicodedata.normalize("NFKC", text)
            # Lower case once here, so that the scan below is a plain substring search.
            text = text.lower()
            starts.append(offset)
            parts.append(text)
            offset += len(text)
        self._starts = starts
        return "".join(parts)

    def prepare(self) -> None:
        """Build the search text now rather than on the first search."""
        if self._haystack is None:
            self._haystack = self._build_haystack()

    def search(self, query: str) -> list[int]:
        """Positions (in `nodes`) of the nodes that hold `query`, by `hxq search`'s rules,
        in document order; UsageError for an empty or overlong query."""
        folded = fold_query(query).lower()
        pattern = compile_query(folded)
        if self._haystack is None:
            self._haystack = self._build_haystack()
        haystack, starts = self._haystack, self._starts
        # The regex's word-start look-behinds make it try every position; a substring search
        # for the first word finds the few places worth trying at the speed of a literal scan.
        probe = folded.split()[0]
        found: list[int] = []
        at = haystack.find(probe)
        while at != -1:
            if pattern.match(haystack, at) is not None:
                node = bisect.bisect_right(starts, at) - 1
                found.append(node)
                if node + 1 >= len(starts):
                    break
                # One hit per node is all the view needs: go on from the next node's text.
                at = haystack.find(probe, starts[node + 1])
            else:
                at = haystack.find(probe, at + 1)
        return found

    def path(self, position: int) -> list[int]:
        """The positions of a node's ancestors and of the node itself, root first."""
        out = [position]
        while self.parents[out[-1]] >= 0:
            out.append(self.parents[out[-1]])
        out.reverse()
        return out

    def _name_table(self) -> list[tuple[str, str, Node]]:
        if self._names is None:
            ids: list[tuple[str, str, Node]] = []
            others: list[tuple[str, str, Node]] = []
            for node in self.nodes:
                ids.append((_folded_name(node.id), node.id, node))
                for key in (*node.aliases, node.title.zh, node.title.en):
                    others.append((_folded_name(key), key, node))
            self._names = ids + others
        return self._names

    def names(self, typed: str, limit: int = 8) -> list[tuple[str, Node]]:
        """Up to `limit` (name, node) pairs whose ID, alias or title starts with `typed`
        (case and full-width aside), IDs first; each node once."""
        wanted = _folded_name(typed)
        if not wanted:
            return []
        out: list[tuple[str, Node]] = []
        seen: set[int] = set()
        for folded, name, node in self._name_table():
            if folded.startswith(wanted) and id(node) not in seen:
                out.append((name, node))
                seen.add(id(node))
                if len(out) >= limit:
                    break
        return out


def _folded_name(text: str) -> str:
    return " ".join(fold_query(text).split()).casefold()
