"""JSON output: written with the json module, UTF-8, never through Rich."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from hxq_cli.model import Framework, Located
from hxq_cli.render.safe import escape_for_json

if TYPE_CHECKING:
    from hxq_cli.validate import Report

#: Version of every JSON document hxq writes; bumped when a key changes meaning or goes away.
SCHEMA_VERSION = 1


def dumps(document: Any) -> str:
    """Indented JSON, Chinese kept as UTF-8; control and bidi characters escaped."""
    return escape_for_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def write_json(document: Any, stream: TextIO) -> None:
    stream.write(dumps(document))


def framework_document(framework: Framework) -> dict[str, Any]:
    """The whole framework: every node, fact and source, in the framework file's shape."""
    return framework.to_dict()


def node_document(framework: Framework, located: Located) -> dict[str, Any]:
    """One node with its subtree, and the path of ancestors that leads to it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "path": [{"id": n.id, "title": n.title.to_dict()} for n in located.path[:-1]],
        "node": located.node.to_dict(),
    }


def validation_document(report: Report) -> dict[str, Any]:
    """`hxq validate --json`: whether the file is valid, and every problem with its place."""
    return {
        "schema_version": SCHEMA_VERSION,
        "file": report.file,
        "valid": report.valid,
        "truncated": report.truncated,
        "problems": [
            {
                "line": problem.line,
                "column": problem.column,
                "path": problem.path,
                "message": problem.message,
                "rule": problem.rule,
            }
            for problem in report.problems
        ],
    }
