"""Write a valid framework file of any size, for benchmarks.

    python bench/make_framework.py --nodes 10000 --facts-per-node 5 -o big.yaml

The file has the shape and style of data/framework.yaml (block YAML, bilingual flow mappings),
so the YAML parser meets the same kind of text. It is deterministic for a given seed. Every
node ID is a dotted path below its parent's, every fact ID starts with its node's ID, every
alias is unique, every fact cites the one source, and a Chinese title that announces a number of
parts ("五项举措") has exactly that many numbered children; other titles announce no number.
The tree is six top-level nodes, then breadth first, 3 to 8 numbered children per node (and now
and then a named supplement such as `3.7.notes`) until the node count is reached.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

TOP_LEVEL = 6
MIN_CHILDREN, MAX_CHILDREN = 3, 8
#: One node in this many gets a named (uncounted) supplement child, like 4.synergy.
SUPPLEMENT_EVERY = 7
#: One node in this many gets an alias.
ALIAS_EVERY = 5
SOURCE_ID = "generated"

_ZH_DIGITS = "零一二三四五六七八九"
# Parallel lists: _EN_WORDS[i] translates _ZH_WORDS[i]. No word starts with a numeral, so only
# the titles given a count on purpose announce one.
_ZH_WORDS = [
    "创新",
    "产业",
    "人才",
    "项目",
    "服务",
    "平台",
    "生态",
    "数字",
    "绿色",
    "开放",
    "质量",
    "安全",
    "招商",
    "科技",
    "金融",
    "园区",
    "制造",
    "营商",
    "改革",
    "协同",
    "转型",
    "升级",
    "链条",
    "集群",
    "孵化",
    "标准",
    "审批",
    "基金",
    "研发",
    "成果",
    "转化",
    "企业",
    "市场",
    "治理",
]
_EN_WORDS = [
    "innovation",
    "industry",
    "talent",
    "project",
    "service",
    "platform",
    "ecosystem",
    "digital",
    "green",
    "opening",
    "quality",
    "safety",
    "investment",
    "technology",
    "finance",
    "park",
    "manufacturing",
    "business",
    "reform",
    "coordination",
    "transition",
    "upgrade",
    "chain",
    "cluster",
    "incubation",
    "standard",
    "approval",
    "fund",
    "research",
    "results",
    "transfer",
    "company",
    "market",
    "governance",
]
_MEASURES = ("项", "大", "个", "条")
_UNITS = ("亿元", "%", "个", "家", "项", "万人", "倍", "天", "km²", "MW")
_QUALIFIERS = ("approximately", "more_than", "at_least", "as_low_as")


def chinese_numeral(n: int) -> str:
    """1 … 99 written in Chinese (十二, 二十, 九十九)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return _ZH_DIGITS[units]
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return head + "十" + (_ZH_DIGITS[units] if units else "")


@dataclass
class PlannedNode:
    id: str
    depth: int
    children: list[PlannedNode] = field(default_factory=list)

    @property
    def numbered(self) -> int:
        return sum(1 for c in self.children if c.id.rsplit(".", 1)[-1].isdigit())


@dataclass(frozen=True)
class Summary:
    """What was written: sizes, and IDs a benchmark can ask for."""

    nodes: int
    facts: int
    depth: int
    deepest_id: str
    bytes: int


def plan_tree(nodes: int, seed: int) -> list[PlannedNode]:
    """The shape of the tree: exactly `nodes` nodes, filled breadth first."""
    if nodes < 1:
        raise ValueError("a framework needs at least one node")
    rng = random.Random(seed)
    top = [PlannedNode(str(i), 1) for i in range(1, min(TOP_LEVEL, nodes) + 1)]
    made = len(top)
    queue: deque[PlannedNode] = deque(top)
    while made < nodes and queue:
        parent = queue.popleft()
        want = min(rng.randint(MIN_CHILDREN, MAX_CHILDREN), nodes - made)
        for i in range(1, want + 1):
            parent.children.append(PlannedNode(f"{parent.id}.{i}", parent.depth + 1))
        made += want
        if made < nodes and rng.randrange(SUPPLEMENT_EVERY) == 0:
            parent.children.append(PlannedNode(f"{parent.id}.notes", parent.depth + 1))
            made += 1
        queue.extend(parent.children)
    return top


def _walk(nodes: list[PlannedNode]) -> Iterator[PlannedNode]:
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def _bi(zh: str, en: str) -> str:
    return f"{{zh: {_q(zh)}, en: {_q(en)}}}"


class _Writer:
    def __init__(self, rng: random.Random, facts_per_node: int, out: TextIO) -> None:
        self.rng = rng
        self.facts_per_node = facts_per_node
        self.out = out
        self.serial = 0
        self.facts = 0

    def words(self, low: int, high: int) -> tuple[str, str]:
        picks = [self.rng.randrange(len(_ZH_WORDS)) for _ in range(self.rng.randint(low, high))]
        return "".join(_ZH_WORDS[i] for i in picks), " ".join(_EN_WORDS[i] for i in picks)

    def title(self, node: PlannedNode) -> tuple[str, str]:
        zh, en = self.words(1, 2)
        count = node.numbered
        if count and count < 100 and self.rng.randrange(2) == 0:
            measure = self.rng.choice(_MEASURES)
            zh = f"{chinese_numeral(count)}{measure}{zh}"
            en = f"{count} parts of {en}"
        # The ID keeps titles unique, so a title always names one node.
        return f"{zh}（{node.id}）", f"{en.capitalize()} ({node.id})"

    def sentence(self) -> tuple[str, str]:
        zh, en = self.words(6, 14)
        return f"围绕{zh}推进工作。", f"Work on {en}."

    def node(self, node: PlannedNode, indent: int) -> None:
        pad = " " * indent
        write = self.out.write
        self.serial += 1
        write(f"{pad}- id: {_q(node.id)}\n")
        pad += "  "
        if self.serial % ALIAS_EVERY == 0:
            write(f"{pad}aliases: [{_q('n-' + node.id.replace('.', '-'))}]\n")
        write(f"{pad}title: {_bi(*self.title(node))}\n")
        if self.serial % 3 == 0:
            write(f"{pad}role: {_bi(*self.words(2, 3))}\n")
        zh, en = self.sentence()
        write(f"{pad}description:\n{pad}  zh: {_q(zh)}\n{pad}  en: {_q(en)}\n")
        if self.facts_per_node:
            write(f"{pad}facts:\n")
            for k in range(1, self.facts_per_node + 1):
                self.fact(node, k, pad + "  ")
        if node.children:
            write(f"{pad}children:\n")

    def fact(self, node: PlannedNode, k: int, pad: str) -> None:
        rng = self.rng
        write = self.out.write
        self.facts += 1
        zh, en = self.words(3, 6)
        unit = rng.choice(_UNITS)
        value: int | float = rng.randint(1, 5000) if k % 2 else round(rng.uniform(0, 100), 2)
        write(f"{pad}- id: {_q(f'{node.id}.fact-{k}')}\n")
        write(f"{pad}  statement: {_bi(zh + '的数量', 'Amount of ' + en)}\n")
        write(f"{pad}  value: {value}\n")
        write(f"{pad}  unit: {_q(unit)}\n")
        if k % 4 == 0:
            write(f"{pad}  qualifier: {_q(rng.choice(_QUALIFIERS))}\n")
        if k % 5 == 0:
            write(f"{pad}  as_of: {_q('2025')}\n")
        write(f"{pad}  anchor: {_q(f'{zh[:8]}达{value}{unit}')}\n")
        write(f"{pad}  source: {_q(SOURCE_ID)}\n")


def write_framework(out: TextIO, nodes: int, facts_per_node: int, seed: int = 1) -> Summary:
    """Write a framework of `nodes` nodes with `facts_per_node` facts each to `out`."""
    if facts_per_node < 0:
        raise ValueError("facts per node cannot be negative")
    top = plan_tree(nodes, seed)
    rng = random.Random(seed + 1)
    writer = _Writer(rng, facts_per_node, out)
    out.write("# A generated framework for benchmarks (bench/make_framework.py).\n")
    out.write("schema_version: 1\n")
    out.write(f"id: {_q(f'generated-{nodes}')}\n")
    out.write(
        f"title: {_bi(f'生成的框架({nodes}个节点)', f'A generated framework ({nodes} nodes)')}\n"
    )
    out.write("description:\n")
    out.write(f"  zh: {_q('用于性能测试的合成框架。')}\n")
    out.write(f"  en: {_q('A synthetic framework for performance tests.')}\n")
    out.write("sources:\n")
    out.write(f"  - id: {_q(SOURCE_ID)}\n")
    out.write(f"    title: {_bi('合成数据', 'Synthetic data')}\n")
    out.write("    year: 2026\n")
    out.write("nodes:\n")
    deepest = top[0]
    # Iterative depth-first writing: children follow their parent's `children:` key.
    stack: list[PlannedNode] = list(reversed(top))
    written = 0
    while stack:
        node = stack.pop()
        writer.node(node, 2 + 4 * (node.depth - 1))
        written += 1
        if node.depth > deepest.depth:
            deepest = node
        stack.extend(reversed(node.children))
    assert written == nodes, (written, nodes)
    return Summary(
        nodes=written,
        facts=writer.facts,
        depth=deepest.depth,
        deepest_id=deepest.id,
        bytes=0,
    )


def make_file(path: Path, nodes: int, facts_per_node: int, seed: int = 1) -> Summary:
    """Write the framework to `path` (atomically enough for a benchmark) and say what it holds."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        summary = write_framework(handle, nodes, facts_per_node, seed)
    return Summary(**{**summary.__dict__, "bytes": path.stat().st_size})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, required=True, help="number of nodes (at least 1)")
    parser.add_argument("--facts-per-node", type=int, default=5, help="facts on every node")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    parser.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
    args = parser.parse_args(argv)
    if args.nodes < 1 or args.facts_per_node < 0:
        parser.error("--nodes must be at least 1 and --facts-per-node at least 0")
    if args.output == "-":
        summary = write_framework(sys.stdout, args.nodes, args.facts_per_node, args.seed)
    else:
        summary = make_file(Path(args.output), args.nodes, args.facts_per_node, args.seed)
    print(
        f"{summary.nodes} nodes, {summary.facts} facts, depth {summary.depth}, "
        f"deepest {summary.deepest_id}, {summary.bytes:,} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
