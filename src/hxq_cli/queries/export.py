"""What `hxq export` writes: the framework, or one subtree of it as a framework."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone

from hxq_cli.model import Framework, Located, Node


def subtree(framework: Framework, located: Located | None) -> Framework:
    """The framework with only `located`'s node (and its subtree) as its top level, named by
    the framework's `subtree`; all of it for None. IDs, title, description, sources and
    glossary are kept as they are, so the result is a framework file of its own whose IDs are
    the whole's (`hxq diff` and `hxq verify` name the same nodes and facts in both).
    """
    if located is None:
        return framework
    return Framework(
        schema_version=framework.schema_version,
        id=framework.id,
        title=framework.title,
        description=framework.description,
        sources=framework.sources,
        nodes=(located.node,),
        glossary=framework.glossary,
        subtree=located.node.id,
    )


def diagram_root(framework: Framework) -> Node | None:
    """The node a diagram grows from: the one top-level node of a subtree export (or of a
    framework of one part), else None, for the framework's title as the root."""
    nodes = framework.nodes
    return nodes[0] if len(nodes) == 1 else None


def content_version(framework: Framework) -> str:
    """A version that changes exactly when the framework's data does: 0.0.0+ a digest."""
    # Imported here: hashlib costs start-up time that `hxq show` and completion must not pay.
    import hashlib

    text = json.dumps(framework.to_dict(), ensure_ascii=False, sort_keys=True)
    return f"0.0.0+{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def created() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH's time when that is set (for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)
