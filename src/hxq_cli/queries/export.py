"""What `hxq export` writes: the framework, or one subtree of it as a framework."""

from __future__ import annotations

from hxq_cli.model import Framework, Located, Node


def subtree(framework: Framework, located: Located | None) -> Framework:
    """The framework with only `located`'s node (and its subtree) as its top level; all of it
    for None. Title, description and sources are kept, so the result is a framework file too.
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
    )


def diagram_root(framework: Framework) -> Node | None:
    """The node a diagram grows from: the one top-level node of a subtree export (or of a
    framework of one part), else None, for the framework's title as the root."""
    nodes = framework.nodes
    return nodes[0] if len(nodes) == 1 else None
