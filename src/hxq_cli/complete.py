"""Shell completion of node IDs, with titles as descriptions.

Completion runs on every TAB, so it reads the checked document from the cache when it holds
the file (no YAML, no schema check), and nothing here imports Rich. A file that cannot be
read, parsed or checked completes nothing rather than failing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from hxq_cli.errors import HxqError
from hxq_cli.loader import STDIN, default_data_path, load_raw
from hxq_cli.render.safe import visible

#: Names of the options and environment variable that choose the framework file.
DATA_PARAM = "data"
DATA_ENV = "HXQ_DATA"

_SPACE = re.compile(r"\s+")


class _Context(Protocol):
    """What completion needs of a click/Typer context: the values parsed so far."""

    @property
    def params(self) -> Mapping[str, Any]: ...


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _raw_nodes(document: Any) -> Iterator[tuple[dict[str, Any], int]]:
    """Every node mapping of a parsed (unchecked) framework document with its depth (0 = top)."""
    nodes = document.get("nodes") if isinstance(document, dict) else None
    stack = [(node, 0) for node in reversed(nodes)] if isinstance(nodes, list) else []
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        yield node, depth
        children = node.get("children")
        if isinstance(children, list):
            stack.extend((child, depth + 1) for child in reversed(children))


def _title(node: dict[str, Any], *, skip_zh: bool = False) -> str:
    title = node.get("title")
    if not isinstance(title, dict):
        return ""
    parts = [_text(title.get("en"))] if skip_zh else [_text(title.get(k)) for k in ("zh", "en")]
    return " · ".join(part for part in parts if part)


def _help(text: str) -> str:
    # Shells show help on one line; data must not bring control characters to the terminal.
    return visible(_SPACE.sub(" ", text).strip())


def id_candidates(document: Any, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs that complete `incomplete` in a parsed framework document.

    IDs are offered one level at a time: the top level and its parts for an empty word,
    then the parts one level below what is typed ("4" offers 4 and 4.1 … 4.outcomes,
    "4.2." the parts of 4.2 and theirs). A word that starts like an alias also gets the
    alias, and a Chinese word the Chinese titles it begins.
    """
    deepest = incomplete.count(".") + 1
    ids: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    chinese = bool(incomplete) and not incomplete.isascii()
    for node, _depth in _raw_nodes(document):
        node_id: str = node["id"]
        if node_id.startswith(incomplete) and node_id.count(".") <= deepest:
            ids.append((node_id, _help(_title(node))))
        if not incomplete:
            continue
        aliases = node.get("aliases")
        for alias in aliases if isinstance(aliases, list) else ():
            if isinstance(alias, str) and alias.startswith(incomplete):
                others.append((alias, _help(f"{node_id} {_title(node)}")))
        title = node.get("title")
        zh = _text(title.get("zh")) if isinstance(title, dict) else ""
        if chinese and zh.startswith(incomplete) and not _SPACE.search(zh):
            others.append((zh, _help(f"{node_id} {_title(node, skip_zh=True)}")))
    seen = {value for value, _ in ids}
    return ids + [(value, text) for value, text in others if value not in seen]


def _data_path(ctx: _Context) -> str | None:
    given = ctx.params.get(DATA_PARAM)
    if isinstance(given, str) and given:
        return given
    return os.environ.get(DATA_ENV) or None


def complete_node_id(ctx: _Context, incomplete: str) -> list[tuple[str, str]]:
    """Typer `autocompletion=` callback: node IDs (and aliases, Chinese titles) with titles.

    Honours `--data PATH` when it is already on the command line, then HXQ_DATA, then the
    shipped framework. Standard input is never read: `--data -` completes nothing.
    """
    path = _data_path(ctx)
    if path == STDIN:
        return []
    try:
        # The checked document: from the cache when it holds this file, so a TAB costs little.
        document = load_raw(path or str(default_data_path()))
    except HxqError:
        return []
    return id_candidates(document, incomplete)
