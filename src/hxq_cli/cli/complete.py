"""Shell completion of node IDs, with titles as descriptions.

Completion runs on every TAB, so it reads the checked document from the cache when it holds
the file (no YAML, no schema check), and nothing here imports Rich. A file that cannot be
read, parsed or checked completes nothing rather than failing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, Protocol

from hxq_cli.errors import HxqError
from hxq_cli.model import Framework, Node
from hxq_cli.read import STDIN, load_framework
from hxq_cli.text import visible

#: Names of the options and environment variable that choose the framework file.
DATA_PARAM = "data"
DATA_ENV = "HXQ_DATA"

_SPACE = re.compile(r"\s+")


class _Context(Protocol):
    """What completion needs of a click/Typer context: the values parsed so far."""

    @property
    def params(self) -> Mapping[str, Any]: ...


def _title(node: Node, *, skip_zh: bool = False) -> str:
    return node.title.en if skip_zh else node.title.pick("both", " · ")


def _help(text: str) -> str:
    # Shells show help on one line; data must not bring control characters to the terminal.
    return visible(_SPACE.sub(" ", text).strip())


def id_candidates(framework: Framework, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) pairs that complete `incomplete` in a framework.

    IDs are offered one level at a time: the top level and its parts for an empty word,
    then the parts one level below what is typed ("4" offers 4 and 4.1 … 4.outcomes,
    "4.2." the parts of 4.2 and theirs). A word that starts like an alias also gets the
    alias, and a Chinese word the Chinese titles it begins.
    """
    deepest = incomplete.count(".") + 1
    ids: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    chinese = bool(incomplete) and not incomplete.isascii()
    for node in framework.walk():
        node_id = node.id
        if node_id.startswith(incomplete) and node_id.count(".") <= deepest:
            ids.append((node_id, _help(_title(node))))
        if not incomplete:
            continue
        # A fact's ID is offered once its node and a first letter of its own name are typed.
        holder, _, own = incomplete.rpartition(".")
        for fact in node.facts if holder == node_id and own else ():
            if fact.id.startswith(incomplete):
                others.append((fact.id, _help(fact.statement.pick("both", " · "))))
        for alias in node.aliases:
            if alias.startswith(incomplete):
                others.append((alias, _help(f"{node_id} {_title(node)}")))
        zh = node.title.zh
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
        # From the cache when it holds this file, so a TAB costs little.
        framework = load_framework(path)
    except HxqError:
        return []
    return id_candidates(framework, incomplete)
