"""Check a framework file: every schema error, then the rules no schema can express.

The JSON Schema is the single source of truth for structure; this module adds only
what needs the whole document: IDs unique and in their place, numbered parts counted
1, 2, 3…, counts announced in titles, cited sources that exist, aliases that name one
node, and texts that are in the language their key says. Every problem carries the
line and column of the YAML that causes it. Rules read the document defensively, so
they still run (on whatever is well-formed) when the schema has complaints.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Any

from hxq_cli.errors import DocumentError
from hxq_cli.labels import Labels
from hxq_cli.model import QUOTATION, UNTRANSLATED, Bilingual
from hxq_cli.read import Inspected, format_path, inspect, not_a_framework, schema_errors
from hxq_cli.text import first_invisible, fold, shorten
from hxq_cli.zh.grams import HAN
from hxq_cli.zh.titles import CountMismatch, count_mismatch, is_numbered

#: What each rule checks; a problem's `rule` is one of these keys.
RULES: dict[str, str] = {
    "parse": "the file is UTF-8 text holding one YAML mapping that hxq can read safely",
    "schema": "the JSON Schema printed by `hxq schema`",
    "unique-id": "no two nodes, facts or sources share an ID",
    "id-place": "a node's ID is its parent's ID and one more segment; a fact's is its node's and a "
    "word; a top-level ID is one segment, or in a subtree file the `subtree` ID, its one node",
    "numbering": "the numbered parts of a node are numbered 1, 2, 3… in order",
    "count": "a Chinese title that announces a count (四张名片) has that many numbered parts",
    "source": "every fact's source is one of the framework's sources",
    "alias": "an alias names one node: not another node's alias, ID or title",
    "title": "a title names one node: no other node's title is the same once folded (full-width "
    "letters, case, spaces) unless written the same (then a warning: it names no node)",
    "language": "zh texts contain Chinese and en texts contain Latin letters (unless both are the same)",
    "glossary": "a text whose Chinese holds a glossary term uses the term's English (a warning)",
    "draft": "in a draft (`draft: true`): English still to translate, Chinese that still quotes the source (warnings)",
    "invisible": "no text holds a character a terminal draws as nothing (U+200B, U+2028 …), "
    "which makes it look like another (a warning; views show it as an escape)",
}

#: What a person still has to do in a draft, by kind: what is left, and how to do it. Warnings
#: of one kind read as one line where there are many (`group_warnings`).
TODO: dict[str, tuple[Bilingual, Bilingual]] = {
    "english": (Labels.english_to_write, Labels.write_english),
    "quotation": (Labels.quotation_left, Labels.rewrite_quotation),
    "parts": (Labels.parts_to_add, Labels.add_parts),
}

#: Stop listing after this many problems (a file of random data could yield millions).
MAX_PROBLEMS = 1000

_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")

#: Where a value is in the document: its keys and list positions from the top.
JsonPath = list[str | int]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a framework file, where it is, and which rule it breaks."""

    line: int | None
    column: int | None
    #: Where in the document, e.g. nodes[3].children[0].id; "" for the file as a whole.
    path: str
    message: str
    rule: str
    #: What a person has to do about it, as one of `TODO` (warnings of a draft), or "".
    todo: str = ""
    #: The ID of the node, fact or source it concerns (and the title, for a count), or "".
    subject: str = ""

    def format(self, file: str, severity: str = "error") -> str:
        """`FILE:LINE:COL: SEVERITY: path: message` (the form of gcc, ruff and mypy, which
        editors and CI parse), leaving out what is unknown."""
        return f"{place(file, self.line, self.column)}: {severity}: " + (
            f"{self.path}: {self.message}" if self.path else self.message
        )


def place(file: str, line: int | None, column: int | None) -> str:
    """`FILE:LINE:COL`, or `FILE:LINE` or `FILE` as far as the place is known."""
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


def one_per_place(problems: list[Problem]) -> list[Problem]:
    """One problem per place and rule, in order: the messages of a rule at one place (a schema
    can find several things wrong with one value) joined into one message."""
    merged: dict[tuple[int | None, int | None, str, str, str], Problem] = {}
    for problem in problems:
        key = (problem.line, problem.column, problem.path, problem.rule, problem.todo)
        first = merged.get(key)
        if first is None:
            merged[key] = problem
        elif problem.message not in first.message.split("; "):
            merged[key] = replace(first, message=f"{first.message}; {problem.message}")
    return list(merged.values())


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `hxq validate` found in one file."""

    file: str
    problems: tuple[Problem, ...]
    nodes: int = 0
    facts: int = 0
    sources: int = 0
    #: True when listing stopped at MAX_PROBLEMS.
    truncated: bool = False
    #: What is worth a look but does not make the file invalid (glossary renderings).
    warnings: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_file(path: str) -> Report:
    """Check the framework file at `path` ("-" for stdin).

    A file that cannot be opened raises DataError; anything wrong with its content is a
    problem in the report.
    """
    name, inspected = inspect(path)
    if inspected.problem is not None:
        return Report(name, (_parse_problem(inspected.problem),))
    value = inspected.value
    wrong = not_a_framework(value)
    if wrong is not None:
        return Report(name, (Problem(1, 1, "", wrong, "schema"),))
    checker = _DocumentChecker(inspected, draft=value.get("draft") is True)
    checker.check_schema(value)
    checker.check_rules(value)
    problems = one_per_place(sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0)))
    warnings: tuple[Problem, ...] = ()
    if not problems:
        # Warnings are listed up to MAX_PROBLEMS too: a file of 2 million texts could warn of each.
        # A draft's to-do warnings are all kept: a view shows each kind as one counted line
        # (`group_warnings`), so the count must be whole.
        found = chain(
            checker.warnings, glossary_warnings(value, checker), invisible_warnings(value, checker)
        )
        listed = [*islice(found, MAX_PROBLEMS)]
        if checker.draft:
            listed.extend(draft_warnings(value, checker))
        warnings = tuple(one_per_place(sorted(listed, key=lambda p: (p.line or 0, p.column or 0))))
    return Report(
        name,
        tuple(problems[:MAX_PROBLEMS]),
        nodes=checker.node_count,
        facts=checker.fact_count,
        sources=len(_list(value.get("sources"))),
        truncated=len(problems) > MAX_PROBLEMS,
        warnings=warnings,
    )


#: Warnings of one kind are one line from this many on.
GROUP_AT = 4


@dataclass(frozen=True, slots=True)
class WarningGroup:
    """Warnings of one kind (`TODO`) told as one: the first, and what they concern."""

    todo: str
    first: Problem
    subjects: tuple[str, ...]

    @property
    def what(self) -> str:
        return TODO[self.todo][0].en

    @property
    def action(self) -> str:
        return TODO[self.todo][1].en.format(untranslated=UNTRANSLATED, quotation=QUOTATION)


def group_warnings(warnings: tuple[Problem, ...]) -> list[Problem | WarningGroup]:
    """Warnings as a person reads them: those of a kind a draft has many of (English to write
    for every node) as one group each, where the first of them stands; the rest one by one."""
    by_kind: dict[str, list[Problem]] = {}
    for warning in warnings:
        if warning.todo:
            by_kind.setdefault(warning.todo, []).append(warning)
    out: list[Problem | WarningGroup] = []
    for warning in warnings:
        same = by_kind.get(warning.todo, [])
        if len(same) < GROUP_AT:
            out.append(warning)
        elif warning is same[0]:
            out.append(WarningGroup(warning.todo, warning, tuple(w.subject for w in same)))
    return out


def glossary_warnings(value: dict[str, Any], checker: _DocumentChecker) -> Iterator[Problem]:
    """Each {zh, en} text whose Chinese holds a glossary term while its English holds neither
    the term's rendering nor one of its variants (case aside)."""
    terms = [
        (term["zh"], [term["en"], *term.get("variants", ())])
        for term in _list(value.get("glossary"))
        if isinstance(term, dict)
    ]
    if not terms:
        return
    stack: list[tuple[Any, JsonPath]] = [(value.get("nodes"), ["nodes"])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, list):
            stack.extend((child, [*path, i]) for i, child in reversed(list(enumerate(item))))
        elif isinstance(item, dict):
            zh, en = _text(item, "zh"), _text(item, "en")
            if zh is not None and en is not None:
                folded = fold(en)
                for term, renderings in terms:
                    if term in zh and not any(fold(r) in folded for r in renderings):
                        line, column = checker.position([*path, "en"])
                        message = (
                            f"the Chinese holds {term!r}, whose glossary English is "
                            f"{renderings[0]!r}, but the English does not use it"
                        )
                        yield Problem(line, column, format_path([*path, "en"]), message, "glossary")
            stack.extend((child, [*path, key]) for key, child in reversed(list(item.items())))


#: The bilingual fields of a node and of a fact, in the order a warning names them.
_NODE_TEXTS = ("title", "role", "action", "target", "description")
_FACT_TEXTS = ("statement", "display", "compared_with")


def draft_warnings(value: dict[str, Any], checker: _DocumentChecker) -> Iterator[Problem]:
    """What a person has still to do in a draft: one warning for each node, fact or source whose
    English is still `UNTRANSLATED`, and one for each whose Chinese still quotes the source."""
    items: list[tuple[JsonPath, Any, tuple[str, ...]]] = [([], value, ("title", "description"))]
    items += [(["sources", i], s, ("title",)) for i, s in enumerate(_list(value.get("sources")))]
    for node in checker.walk(value):
        items.append((node.path, node.raw, _NODE_TEXTS))
        for index, fact in enumerate(_list(node.raw.get("facts"))):
            items.append(([*node.path, "facts", index], fact, _FACT_TEXTS))
    for path, item, keys in items:
        untranslated = [k for k in keys if _text(item.get(k), "en") == UNTRANSLATED]
        quoted = [k for k in keys if (_text(item.get(k), "zh") or "").startswith(QUOTATION)]
        what = _text(item, "id") or "the framework"
        line, column = checker.position(path)
        where = format_path(path)
        subject = _text(item, "id") or ""
        if untranslated:
            message = f"{what}: {Labels.english_to_write.en} ({', '.join(untranslated)})"
            yield Problem(line, column, where, message, "draft", "english", subject)
        if quoted:
            message = f"{what}: Chinese still quotes the source ({', '.join(quoted)}); rewrite it"
            yield Problem(line, column, where, message, "draft", "quotation", subject)


def invisible_warnings(value: dict[str, Any], checker: _DocumentChecker) -> Iterator[Problem]:
    """Each text that holds a character a terminal draws as nothing (a zero-width space, a
    line separator …): two such texts look the same and are not."""
    stack: list[tuple[Any, JsonPath]] = [(value, [])]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            found = first_invisible(item)
            if found is not None:
                line, column = checker.position(path)
                message = (
                    f"{_short(item)} holds U+{ord(found):04X} "
                    f"({unicodedata.name(found, 'an invisible character')}), which a terminal "
                    "draws as nothing: the text looks like one without it"
                )
                yield Problem(line, column, format_path(path), message, "invisible")
        elif isinstance(item, dict):
            stack.extend((child, [*path, key]) for key, child in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((child, [*path, i]) for i, child in reversed(list(enumerate(item))))


def _parse_problem(exc: DocumentError) -> Problem:
    return Problem(exc.line, exc.column, exc.path, exc.problem, "parse")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any, key: str) -> str | None:
    """value[key] when value is a mapping and that is a string."""
    if isinstance(value, dict):
        found = value.get(key)
        if isinstance(found, str):
            return found
    return None


def _short(text: str) -> str:
    return repr(shorten(text))


@dataclass(slots=True)
class _Seen:
    """Where an ID was first used: what kind of thing has it, and its path."""

    kind: str
    path: JsonPath


@dataclass(frozen=True, slots=True)
class _Title:
    """A title as written, the node that has it and its path."""

    node_id: str
    path: JsonPath
    written: str


@dataclass(slots=True)
class _RawNode:
    path: JsonPath
    raw: dict[str, Any]
    #: The parent's ID; None for a top-level node or when the parent has no usable ID.
    parent: str | None
    top: bool


@dataclass(slots=True)
class _DocumentChecker:
    inspected: Inspected
    #: A draft (`draft: true`): what a person has still to do is a warning, not a problem.
    draft: bool = False
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: The file's `subtree`: the ID of its one top-level node, a part of a larger framework.
    subtree: str | None = None
    node_count: int = 0
    fact_count: int = 0

    # ----------------------------------------------------------------- reporting

    def position(self, path: JsonPath, key: object = None) -> tuple[int | None, int | None]:
        found = self.inspected.position(path, key)
        return found if found else (None, None)

    def line_of(self, path: JsonPath) -> str:
        line, _ = self.position(path)
        return f" (line {line})" if line else ""

    def add(self, path: JsonPath, message: str, rule: str, *, warning: bool = False) -> None:
        found = self.warnings if warning else self.problems
        if len(found) > MAX_PROBLEMS:
            return
        line, column = self.position(path)
        found.append(Problem(line, column, format_path(path), message, rule))

    # ----------------------------------------------------------------- schema

    def check_schema(self, value: dict[str, Any]) -> None:
        errors = list(schema_errors(value))
        # A misspelt key (`titel`) breaks two rules, "title is required" and "titel is not
        # allowed": one problem, at the key, with the key it was meant to be.
        missing = {(tuple(e.path), e.missing): e for e in errors if e.missing is not None}
        messages: dict[int, str] = {}
        merged: set[int] = set()
        for error in errors:
            if not isinstance(error.key, str):  # a YAML key may be a number
                continue
            wanted = [name for (path, name) in missing if path == tuple(error.path)]
            close = difflib.get_close_matches(error.key, wanted or error.allowed, n=1)
            if close:
                message = f"unknown key {error.key!r}; did you mean {close[0]!r}?"
                twin = missing.get((tuple(error.path), close[0]))
                if twin is not None:
                    merged.add(id(twin))
                    message += f" ({close[0]!r} is required)"
                messages[id(error)] = message
        for error in errors:
            if len(self.problems) > MAX_PROBLEMS:
                return
            if id(error) in merged:
                continue
            message = messages.get(id(error), error.message)
            # An unexpected key is pointed at itself, not at the start of its mapping.
            line, column = self.position(error.path, error.key)
            self.problems.append(Problem(line, column, format_path(error.path), message, "schema"))

    # ----------------------------------------------------------------- rules

    def check_rules(self, value: dict[str, Any]) -> None:
        ids: dict[str, _Seen] = {}
        self.subtree = _text(value, "subtree")
        source_ids = self.check_sources(value, ids)
        nodes = list(self.walk(value))
        self.node_count = len(nodes)
        for node in nodes:
            self.check_node(node, ids)
        if self.subtree is None:
            # A subtree's one part keeps its number in the whole (4 of 1…6): nothing to count.
            self.check_numbering(_list(value.get("nodes")), ["nodes"], "")
        for node in nodes:
            self.check_facts(node, ids, source_ids)
        titles = self.check_titles(nodes)
        self.check_aliases(nodes, ids, titles)
        self.check_languages(value)

    def check_sources(self, value: dict[str, Any], ids: dict[str, _Seen]) -> set[str] | None:
        """Source IDs must be unique; returns them (None when `sources` is not a list)."""
        sources = value.get("sources")
        if not isinstance(sources, list):
            return None
        known: dict[str, JsonPath] = {}
        for index, source in enumerate(sources):
            source_id = _text(source, "id")
            if source_id is None:
                continue
            path: JsonPath = ["sources", index, "id"]
            if source_id in known:
                self.add(
                    path,
                    f"duplicate source ID {_short(source_id)}: "
                    f"also the ID of another source{self.line_of(known[source_id])}",
                    "unique-id",
                )
            else:
                known[source_id] = path
        return set(known)

    def walk(self, value: dict[str, Any]) -> Iterator[_RawNode]:
        """Every node that is a mapping, depth first, with its parent's ID."""
        stack: list[_RawNode] = [
            _RawNode(["nodes", index], raw, None, top=True)
            for index, raw in reversed(list(enumerate(_list(value.get("nodes")))))
            if isinstance(raw, dict)
        ]
        while stack:
            node = stack.pop()
            yield node
            node_id = _text(node.raw, "id")
            children = _list(node.raw.get("children"))
            stack.extend(
                _RawNode([*node.path, "children", index], child, node_id, top=False)
                for index, child in reversed(list(enumerate(children)))
                if isinstance(child, dict)
            )

    def claim(self, ids: dict[str, _Seen], the_id: str, kind: str, path: JsonPath) -> None:
        """Record an ID, or report it as taken."""
        first = ids.get(the_id)
        if first is None:
            ids[the_id] = _Seen(kind, path)
            return
        self.add(
            path,
            f"duplicate ID {_short(the_id)}: also the ID of a {first.kind}{self.line_of(first.path)}",
            "unique-id",
        )

    def check_node(self, node: _RawNode, ids: dict[str, _Seen]) -> None:
        node_id = _text(node.raw, "id")
        id_path = [*node.path, "id"]
        if node_id is not None:
            self.claim(ids, node_id, "node", id_path)
            self.check_place(node, node_id, id_path)
        title_zh = _text(node.raw.get("title"), "zh")
        if node_id is not None and title_zh is not None:
            child_ids = [
                child_id
                for child in _list(node.raw.get("children"))
                if (child_id := _text(child, "id")) is not None
            ]
            stated = node.raw.get("count")
            mismatch = count_mismatch(
                node_id, title_zh, child_ids, stated if type(stated) is int else None
            )
            if mismatch is not None:
                self.count_problem(node, mismatch)
        if node_id is not None:
            children = _list(node.raw.get("children"))
            self.check_numbering(children, [*node.path, "children"], node_id + ".")

    def count_problem(self, node: _RawNode, mismatch: CountMismatch) -> None:
        """A count that the numbered children miss: a problem, or in a draft a warning (the
        person adds the parts the text did not name)."""
        said = "states" if "count" in node.raw else "announces"
        message = (
            f"the title {said} {mismatch.announced} parts but the node has "
            f"{mismatch.actual} numbered children"
        )
        if not self.draft:
            self.add([*node.path, "title", "zh"], message, "count")
            return
        line, column = self.position([*node.path, "title", "zh"])
        path = format_path([*node.path, "title", "zh"])
        subject = f"{_text(node.raw, 'id') or '?'} {_text(node.raw.get('title'), 'zh') or ''}"
        subject = subject.strip()
        if mismatch.actual:
            subject += f" ({mismatch.actual} of {mismatch.announced})"
            message = (
                f"{subject}: {mismatch.actual} of the {mismatch.announced} parts its title "
                "states are numbered children; add the rest"
            )
        else:
            message = (
                f"{subject}: none of the {mismatch.announced} parts its title states is a "
                "numbered child; add those the text names (or keep the count if it names none)"
            )
        problem = Problem(line, column, path, message, "count", "parts", subject)
        self.warnings.append(problem)

    def check_place(self, node: _RawNode, node_id: str, id_path: JsonPath) -> None:
        if node.top:
            self.check_top_place(node, node_id, id_path)
            return
        if node.parent is None:
            return  # the parent has no usable ID: the schema has said so
        # The form of each segment is the schema's to check; the place is checked here.
        prefix = node.parent + "."
        rest = node_id[len(prefix) :] if node_id.startswith(prefix) else ""
        if not rest or "." in rest:
            self.add(
                id_path,
                f"ID {_short(node_id)} does not fit its place: expected {_short(prefix)} "
                "and one number or lowercase word",
                "id-place",
            )

    def check_top_place(self, node: _RawNode, node_id: str, id_path: JsonPath) -> None:
        subtree = self.subtree
        if subtree is None:
            if "." in node_id:
                self.add(
                    id_path,
                    f"top-level ID {_short(node_id)} should be one number or word, without dots "
                    f"(a file that holds one part of a larger framework says so: subtree: "
                    f"{_short(node_id)})",
                    "id-place",
                )
        elif node.path != ["nodes", 0]:
            self.add(
                id_path,
                f"a subtree file holds one top-level node, {_short(subtree)}: "
                f"{_short(node_id)} is a second",
                "id-place",
            )
        elif node_id != subtree:
            self.add(
                id_path,
                f"top-level ID {_short(node_id)} should be the file's subtree, {_short(subtree)}",
                "id-place",
            )

    def check_numbering(self, siblings: list[Any], path: JsonPath, prefix: str) -> None:
        """Numbered siblings (IDs `prefix` + digits) count 1, 2, 3…; named supplements are skipped."""
        expected = 1
        for index, raw in enumerate(siblings):
            sibling_id = _text(raw, "id")
            if sibling_id is None or not sibling_id.startswith(prefix):
                continue
            rest = sibling_id[len(prefix) :]
            if "." in rest or not is_numbered(sibling_id):
                continue  # a misplaced ID is reported by id-place
            if rest != str(expected):
                self.add(
                    [*path, index, "id"],
                    f"numbered part {_short(sibling_id)} should be "
                    f"{_short(prefix + str(expected))}: numbered parts count 1, 2, 3… in order",
                    "numbering",
                )
            expected += 1

    def check_facts(
        self, node: _RawNode, ids: dict[str, _Seen], source_ids: set[str] | None
    ) -> None:
        node_id = _text(node.raw, "id")
        for index, fact in enumerate(_list(node.raw.get("facts"))):
            if not isinstance(fact, dict):
                continue
            self.fact_count += 1
            path: JsonPath = [*node.path, "facts", index]
            fact_id = _text(fact, "id")
            if fact_id is not None:
                self.claim(ids, fact_id, "fact", [*path, "id"])
                if node_id is not None:
                    owner, _, word = fact_id.rpartition(".")
                    if owner != node_id or not word:
                        self.add(
                            [*path, "id"],
                            f"fact ID {_short(fact_id)} does not fit its node: expected "
                            f"{_short(node_id + '.')} and one lowercase word",
                            "id-place",
                        )
            source = _text(fact, "source")
            if source is not None and source_ids is not None and source not in source_ids:
                known = ", ".join(sorted(source_ids)) or "there are none"
                self.add(
                    [*path, "source"],
                    f"source {_short(source)} is not among the framework's sources ({known})",
                    "source",
                )

    def check_titles(self, nodes: list[_RawNode]) -> dict[str, _Title]:
        """Titles name one node each, as `hxq show TITLE` finds them (folded); returns the
        first node to have each folded title."""
        titles: dict[str, _Title] = {}
        for node in nodes:
            node_id = _text(node.raw, "id")
            for lang in ("zh", "en"):
                title = _text(node.raw.get("title"), lang)
                # A draft's placeholder for English still to write names no node.
                if node_id is None or title is None or title == UNTRANSLATED:
                    continue
                path: JsonPath = [*node.path, "title", lang]
                first = titles.setdefault(fold(title), _Title(node_id, path, title))
                if first.node_id == node_id:
                    continue
                where = f"node {first.node_id!r}{self.line_of(first.path)}"
                if first.written == title:
                    # Written the same on purpose, maybe; but the title names neither node.
                    message = (
                        f"title {_short(title)} is also the title of {where}: it names neither"
                    )
                    self.add(path, message, "title", warning=True)
                else:
                    message = (
                        f"title {_short(title)} is the title {_short(first.written)} of {where} "
                        "once full-width letters, case and spaces are folded: the two look "
                        "alike, and only typed exactly does either name its node"
                    )
                    self.add(path, message, "title")
        return titles

    def check_aliases(
        self,
        nodes: list[_RawNode],
        ids: dict[str, _Seen],
        titles: dict[str, _Title],
    ) -> None:
        owners: dict[str, tuple[str | None, JsonPath]] = {}
        for node in nodes:
            node_id = _text(node.raw, "id")
            for index, alias in enumerate(_list(node.raw.get("aliases"))):
                if not isinstance(alias, str):
                    continue
                path: JsonPath = [*node.path, "aliases", index]
                message = self.alias_clash(alias, node_id, owners, ids, titles)
                if message is not None:
                    self.add(path, message, "alias")
                owners.setdefault(alias, (node_id, path))

    def alias_clash(
        self,
        alias: str,
        node_id: str | None,
        owners: dict[str, tuple[str | None, JsonPath]],
        ids: dict[str, _Seen],
        titles: dict[str, _Title],
    ) -> str | None:
        """Why `alias` cannot name just this node, or None. (Aliases and IDs are lowercase
        ASCII words, the schema says: folding changes none.)"""
        shown = _short(alias)
        if alias in owners:
            other, path = owners[alias]
            whose = "this node" if other == node_id else f"node {other!r}"
            return f"alias {shown} is already an alias of {whose}{self.line_of(path)}"
        if alias in ids:
            seen = ids[alias]
            if alias == node_id:
                return f"alias {shown} is this node's own ID"
            return f"alias {shown} is also the ID of a {seen.kind}{self.line_of(seen.path)}"
        title_owner = titles.get(fold(alias))
        if title_owner is not None and title_owner.node_id != node_id:
            return (
                f"alias {shown} is also the title of node {title_owner.node_id!r}"
                f"{self.line_of(title_owner.path)}, so it would name two nodes"
            )
        return None

    def check_languages(self, value: Any) -> None:
        """Each {zh, en} text: Chinese in zh and Latin letters in en, unless both are the same."""
        stack: list[tuple[Any, JsonPath]] = [(value, [])]
        while stack:
            item, path = stack.pop()
            if isinstance(item, dict):
                zh, en = _text(item, "zh"), _text(item, "en")
                if zh is not None and en is not None and zh.strip() and en.strip() and zh != en:
                    if not HAN.search(zh):
                        self.add([*path, "zh"], f"zh text {_short(zh)} has no Chinese", "language")
                    if not _LATIN.search(en):
                        self.add(
                            [*path, "en"], f"en text {_short(en)} has no Latin letters", "language"
                        )
                stack.extend((child, [*path, key]) for key, child in item.items())
            elif isinstance(item, list):
                stack.extend((child, [*path, index]) for index, child in enumerate(item))
