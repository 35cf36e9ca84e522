"""Compare two editions of a framework as a reader would: what came, went, moved or changed.

Nodes are matched by ID. A node whose ID disappears while a node with the same title (in
either language) appears under a new ID has *moved* (a renumbered goal, a card taken to
another place); the parts below a moved node usually move with it and say so (`within`).
Facts are matched by ID, with the IDs of moved nodes translated, so a renumbered goal's
figures are compared with their old selves. Order among siblings and the layout of the file
are not differences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from hxq_cli.model import Bilingual, Fact, Framework, Node, Source, walk_paths


def _compared(record: type, first: tuple[str, ...], besides: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of a record compared: `first` in this order, then every other field but
    those `besides`, in the order declared (so a field added to the model is compared too)."""
    rest = (f.name for f in fields(record) if f.name not in first and f.name not in besides)
    return (*first, *rest)


#: Fields of a fact compared, in the order changes are reported. Facts are matched by ID, and
#: a fact's `display` says its value in words: a change of value is reported as one.
FACT_FIELDS = _compared(
    Fact,
    ("value", "unit", "qualifier", "as_of", "statement", "compared_with", "anchor", "source"),
    besides=("id", "display"),
)
#: The fields of a fact that make its figure: a change of any is shown as the figure in words
#: before and after (24.24亿元 → 25.1亿元), not as bare numbers.
FIGURE_FIELDS = ("value", "unit", "qualifier")
#: Fields of a node compared besides its ID and title (its facts and parts are matched one by
#: one).
NODE_FIELDS = _compared(Node, (), besides=("id", "title", "facts", "children"))
#: Fields of the framework itself compared.
FRAMEWORK_FIELDS = ("id", "subtree", "title", "description")


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs: its name, and the old and new values (None when absent)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class NodePresence:
    """A node only in the new edition (added) or only in the old one (removed).

    `within` is the ID of the topmost added (removed) node above it, when it came (went)
    with that one; None for the node where the change starts.
    """

    node: Node
    parent_id: str | None
    within: str | None


@dataclass(frozen=True, slots=True)
class Retitled:
    """A node with the same ID and a new title."""

    id: str
    old: Bilingual
    new: Bilingual


@dataclass(frozen=True, slots=True)
class Moved:
    """A node found under a new ID with the same title; `within` names the moved ancestor."""

    old_id: str
    new_id: str
    title: Bilingual
    within: str | None


@dataclass(frozen=True, slots=True)
class NodeEdited:
    """A node present in both editions (by ID, or moved) whose other fields changed."""

    id: str
    title: Bilingual
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class FactChanged:
    """A fact present in both editions whose value, unit or wording changed; `old` and `new`
    are the fact in each edition (a view shows a changed figure as each says it)."""

    id: str
    old_id: str
    node_id: str
    statement: Bilingual
    changes: tuple[Change, ...]
    old: Fact
    new: Fact


@dataclass(frozen=True, slots=True)
class FactPresence:
    """A fact only in one edition; `within` is the added/removed node it came or went with."""

    fact: Fact
    node_id: str
    within: str | None


@dataclass(frozen=True, slots=True)
class SourceEdited:
    id: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class FrameworkDiff:
    """Everything that differs between two editions, grouped by kind, in document order."""

    framework: tuple[Change, ...]
    sources_added: tuple[Source, ...]
    sources_removed: tuple[Source, ...]
    sources_edited: tuple[SourceEdited, ...]
    added: tuple[NodePresence, ...]
    removed: tuple[NodePresence, ...]
    moved: tuple[Moved, ...]
    retitled: tuple[Retitled, ...]
    edited: tuple[NodeEdited, ...]
    facts_changed: tuple[FactChanged, ...]
    facts_added: tuple[FactPresence, ...]
    facts_removed: tuple[FactPresence, ...]

    @property
    def identical(self) -> bool:
        return not any(
            (
                self.framework,
                self.sources_added,
                self.sources_removed,
                self.sources_edited,
                self.added,
                self.removed,
                self.moved,
                self.retitled,
                self.edited,
                self.facts_changed,
                self.facts_added,
                self.facts_removed,
            )
        )


# --------------------------------------------------------------------------- helpers


def _parents(framework: Framework) -> dict[str, str | None]:
    parents: dict[str, str | None] = {}
    for path in walk_paths(framework.nodes):
        parents.setdefault(path[-1].id, path[-2].id if len(path) > 1 else None)
    return parents


def _nodes(framework: Framework) -> dict[str, Node]:
    """Nodes by ID in document order (the first of duplicated IDs wins, as in `by_id`)."""
    nodes: dict[str, Node] = {}
    for node in framework.walk():
        nodes.setdefault(node.id, node)
    return nodes


def _plain(value: Any) -> Any:
    """A field value as JSON-like data, so that equal content compares equal."""
    if isinstance(value, Bilingual):
        return value.to_dict()
    if isinstance(value, tuple):
        return list(value)
    return value


def _changes(old: Any, new: Any, fields: Iterable[str]) -> tuple[Change, ...]:
    found = []
    for name in fields:
        # Values compare as numbers: 98 and 98.0 are the same figure.
        before, after = _plain(getattr(old, name)), _plain(getattr(new, name))
        if before != after:
            found.append(Change(name, before, after))
    return tuple(found)


def _within(
    node_id: str, parents: dict[str, str | None], changed: set[str], *, itself: bool = False
) -> str | None:
    """The topmost ancestor of `node_id` (or the node itself) that is in `changed`, if any."""
    top = node_id if itself and node_id in changed else None
    parent = parents.get(node_id)
    while parent is not None:
        if parent in changed:
            top = parent
        parent = parents.get(parent)
    return top


# --------------------------------------------------------------------------- moves


def _same_title(old: Node, new: Node) -> bool:
    """Whether two nodes share their title in either language (how a move is recognised)."""
    return old.title.zh == new.title.zh or old.title.en == new.title.en


def _pair_moves(
    gone: list[Node],
    came: list[Node],
    old_parents: dict[str, str | None],
    new_parents: dict[str, str | None],
) -> dict[str, str]:
    """Old ID → new ID for nodes that left one ID and reappear, same title, under another."""
    moves: dict[str, str] = {}
    taken: set[str] = set()
    for old in gone:  # document order: parents are paired before their children
        best: tuple[tuple[bool, bool, bool], str] | None = None
        for new in came:
            if new.id in taken:
                continue
            if not _same_title(old, new):
                continue
            old_parent = old_parents.get(old.id)
            expected_parent = moves.get(old_parent, old_parent) if old_parent else None
            score = (
                old.title == new.title,
                new_parents.get(new.id) == expected_parent,
                old.id.rsplit(".", 1)[-1] == new.id.rsplit(".", 1)[-1],
            )
            if best is None or score > best[0]:
                best = (score, new.id)
        if best is not None:
            moves[old.id] = best[1]
            taken.add(best[1])
    return moves


def _move_within(
    old_id: str,
    moves: dict[str, str],
    old_parents: dict[str, str | None],
    new_parents: dict[str, str | None],
) -> str | None:
    """The topmost moved ancestor that carried this node along (its old ID), if any."""
    top = None
    old_parent, new_parent = old_parents.get(old_id), new_parents.get(moves[old_id])
    while old_parent is not None and old_parent in moves and moves[old_parent] == new_parent:
        top = old_parent
        old_parent, new_parent = old_parents.get(old_parent), new_parents.get(new_parent)
    return top


def _fact_id_after(fact_id: str, old_node: str, new_node: str) -> str:
    prefix = old_node + "."
    return new_node + "." + fact_id[len(prefix) :] if fact_id.startswith(prefix) else fact_id


# --------------------------------------------------------------------------- the comparison


def diff_frameworks(old: Framework, new: Framework) -> FrameworkDiff:
    """What changed from `old` to `new` (see the module's docstring for how nodes are matched)."""
    old_nodes, new_nodes = _nodes(old), _nodes(new)
    old_parents, new_parents = _parents(old), _parents(new)
    # An ID kept with a wholly new title may be another node shifted into it (a card inserted
    # before it, two cards swapped): such nodes are candidates for moves too, so that a
    # renumbered node is listed as moved, not as a retitled one.
    shifted = {
        node_id
        for node_id, node in old_nodes.items()
        if node_id in new_nodes and not _same_title(node, new_nodes[node_id])
    }
    gone = [n for i, n in old_nodes.items() if i not in new_nodes or i in shifted]
    came = [n for i, n in new_nodes.items() if i not in old_nodes or i in shifted]
    moves = _pair_moves(gone, came, old_parents, new_parents)
    arrived = set(moves.values())

    # A shifted ID is removed (added) only when its other side took part in a move.
    removed_ids = {
        n.id for n in gone if n.id not in moves and (n.id not in shifted or n.id in arrived)
    }
    added_ids = {
        n.id for n in came if n.id not in arrived and (n.id not in shifted or n.id in moves)
    }
    removed = tuple(
        NodePresence(node, old_parents.get(node.id), _within(node.id, old_parents, removed_ids))
        for node in gone
        if node.id in removed_ids
    )
    added = tuple(
        NodePresence(node, new_parents.get(node.id), _within(node.id, new_parents, added_ids))
        for node in came
        if node.id in added_ids
    )
    moved = tuple(
        Moved(
            old_id,
            new_id,
            new_nodes[new_id].title,
            _move_within(old_id, moves, old_parents, new_parents),
        )
        for old_id, new_id in moves.items()
    )

    # Nodes present in both editions: same ID, or moved (old ID → new ID).
    pairs = [
        (node_id, node_id)
        for node_id in old_nodes
        if node_id in new_nodes and node_id not in moves and node_id not in arrived
    ]
    pairs.extend(moves.items())
    position = {node_id: index for index, node_id in enumerate(new_nodes)}
    pairs.sort(key=lambda pair: position[pair[1]])
    retitled: list[Retitled] = []
    edited: list[NodeEdited] = []
    for old_id, new_id in pairs:
        before, after = old_nodes[old_id], new_nodes[new_id]
        if before.title != after.title:
            retitled.append(Retitled(new_id, before.title, after.title))
        changes = _changes(before, after, NODE_FIELDS)
        if changes:
            edited.append(NodeEdited(new_id, after.title, changes))

    facts_changed, facts_added, facts_removed = _compare_facts(
        old, new, dict(pairs), old_parents, new_parents, removed_ids, added_ids
    )
    sources_added, sources_removed, sources_edited = _compare_sources(old.sources, new.sources)
    return FrameworkDiff(
        framework=_changes(old, new, FRAMEWORK_FIELDS),
        sources_added=sources_added,
        sources_removed=sources_removed,
        sources_edited=sources_edited,
        added=added,
        removed=removed,
        moved=moved,
        retitled=tuple(retitled),
        edited=tuple(edited),
        facts_changed=facts_changed,
        facts_added=facts_added,
        facts_removed=facts_removed,
    )


def _facts_by_id(framework: Framework) -> Iterator[tuple[str, Node, Fact]]:
    seen: set[str] = set()
    for node, fact in framework.facts():
        if fact.id not in seen:
            seen.add(fact.id)
            yield fact.id, node, fact


def _compare_facts(
    old: Framework,
    new: Framework,
    pairs: dict[str, str],
    old_parents: dict[str, str | None],
    new_parents: dict[str, str | None],
    removed_ids: set[str],
    added_ids: set[str],
) -> tuple[tuple[FactChanged, ...], tuple[FactPresence, ...], tuple[FactPresence, ...]]:
    new_facts = {fact_id: (node, fact) for fact_id, node, fact in _facts_by_id(new)}
    matched: set[str] = set()
    changed: list[FactChanged] = []
    removed: list[FactPresence] = []
    for fact_id, node, fact in _facts_by_id(old):
        new_node_id = pairs.get(node.id)
        target = _fact_id_after(fact_id, node.id, new_node_id) if new_node_id else fact_id
        if target in new_facts and target not in matched:
            matched.add(target)
            after_node, after = new_facts[target]
            changes = _changes(fact, after, FACT_FIELDS)
            if changes:
                changed.append(
                    FactChanged(
                        target, fact_id, after_node.id, after.statement, changes, fact, after
                    )
                )
            continue
        within = _within(node.id, old_parents, removed_ids, itself=True)
        removed.append(FactPresence(fact, node.id, within))
    added: list[FactPresence] = []
    for fact_id, (node, fact) in new_facts.items():
        if fact_id not in matched:
            within = _within(node.id, new_parents, added_ids, itself=True)
            added.append(FactPresence(fact, node.id, within))
    return tuple(changed), tuple(added), tuple(removed)


def _compare_sources(
    old: tuple[Source, ...], new: tuple[Source, ...]
) -> tuple[tuple[Source, ...], tuple[Source, ...], tuple[SourceEdited, ...]]:
    old_by_id = {source.id: source for source in old}
    new_by_id = {source.id: source for source in new}
    added = tuple(source for source in new if source.id not in old_by_id)
    removed = tuple(source for source in old if source.id not in new_by_id)
    edited = []
    for source in new:
        if source.id not in old_by_id:
            continue
        before, after = old_by_id[source.id].to_dict(), source.to_dict()
        changes = tuple(
            Change(key, before.get(key), after.get(key))
            for key in dict.fromkeys([*before, *after])
            if before.get(key) != after.get(key)
        )
        if changes:
            edited.append(SourceEdited(source.id, changes))
    return added, removed, tuple(edited)
