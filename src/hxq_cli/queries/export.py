"""What `hxq export` writes: the framework, or one subtree of it as a framework."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone

from hxq_cli.errors import UsageError
from hxq_cli.model import Framework, Located, Node
from hxq_cli.text import shorten


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
        draft=framework.draft,
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


#: The last second SOURCE_DATE_EPOCH may name: the end of the year 9999, as far as dates go.
_LAST_EPOCH = 253402300799


def created() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH's time when that is set (for reproducible builds).

    A value that is not a whole number of seconds (ASCII digits) is refused, as the
    reproducible-builds specification asks: a build would silently not be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(timezone.utc).replace(microsecond=0)
    if not (epoch.isascii() and epoch.isdigit()):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={shorten(epoch)!r} is not a whole number of seconds since 1970"
        )
    if len(epoch) > len(str(_LAST_EPOCH)) or int(epoch) > _LAST_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH={shorten(epoch)!r} is past the year 9999")
    return datetime.fromtimestamp(int(epoch), timezone.utc)
