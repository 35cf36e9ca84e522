"""Everything the interactive view uses from the rest of hxq, in one place.

The tui imports hxq's internals only through this module, so that moving the package onto its
layers (read/, queries/, zh/, formats/ …) changes this file and no other in tui/.
"""

from __future__ import annotations

from hxq_cli.errors import HxqError, UnknownIdError, UsageError
from hxq_cli.formats.json import dumps
from hxq_cli.formats.json import fact_json as fact_document
from hxq_cli.formats.json import node_json as node_document
from hxq_cli.labels import Labels, label, lead, roles, word
from hxq_cli.model import Bilingual, Fact, Framework, Lang, Located, Node
from hxq_cli.queries.facts import FactRow, fact_rows
from hxq_cli.queries.resolve import resolve_id
from hxq_cli.queries.search import compile_query
from hxq_cli.queries.verify import fold_source as fold
from hxq_cli.read import TextFile as SourceText
from hxq_cli.read import load_framework, read_text

# Text folded as the terminal views fold it: never inside an ID or a figure, no line starting
# with closing punctuation (render/whole_text.py); a fact in full as `hxq show FACT_ID` shows it.
from hxq_cli.render.stream import Block
from hxq_cli.render.terminal import bilingual_text, data_text, fact_view, figure
from hxq_cli.render.whole_text import WholeText
from hxq_cli.text import visible

__all__ = [
    "Bilingual",
    "Block",
    "Fact",
    "FactRow",
    "Framework",
    "HxqError",
    "Labels",
    "Lang",
    "Located",
    "Node",
    "SourceText",
    "UnknownIdError",
    "UsageError",
    "WholeText",
    "bilingual_text",
    "compile_query",
    "data_text",
    "fact_json",
    "fact_rows",
    "fact_view",
    "figure",
    "fold",
    "label",
    "lead",
    "load_framework",
    "node_json",
    "read_source",
    "resolve_id",
    "roles",
    "visible",
    "word",
]


def node_json(framework: Framework, located: Located) -> str:
    """The JSON text `hxq show ID --json` writes for this node, byte for byte."""
    return dumps(node_document(framework, located))


def fact_json(framework: Framework, located: Located, fact: Fact) -> str:
    """The JSON text `hxq show FACT_ID --json` writes for this fact, byte for byte."""
    return dumps(fact_document(framework, located, fact))


def read_source(path: str) -> SourceText:
    """A source text, as `hxq verify` reads it."""
    return read_text(path, digest=True)
