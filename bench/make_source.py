"""Write a framework and a source text of any size for `hxq verify`: its worst case.

    python bench/make_source.py --facts 200 --megabytes 50 --framework case.yaml -o source.txt

The framework's facts share a few figures (5个, 12%, 24.24亿元). Every other fact's anchor is
in the text once per round of sentences, so it is found all over the text (not unique); the
other facts' anchors are absent, and their figures are everywhere: in every anchored sentence
of the same figure, and in a line of bare figures at the end of each round. A checker that lists
every place of every fact writes (facts × size of the text) places; a bounded one, a few per fact.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_framework import _EN_WORDS, _ZH_WORDS  # noqa: E402

#: The figures the facts share: value, unit.
FIGURES = ((5, "个"), (12, "%"), (24.24, "亿元"))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _words(number: int) -> tuple[str, str]:
    """A pair of words, different for each number below len(_ZH_WORDS) ** 2."""
    high, low = divmod(number, len(_ZH_WORDS))
    return _ZH_WORDS[high] + _ZH_WORDS[low], f"{_EN_WORDS[high]} {_EN_WORDS[low]}"


def _anchor(number: int) -> str:
    zh, _ = _words(number)
    value, unit = FIGURES[number % len(FIGURES)]
    # Odd facts' anchors are in no sentence of the text.
    return f"{zh}指标达{value}{unit}" if number % 2 == 0 else f"{zh}缺失的锚点{value}{unit}"


def write_framework(path: Path, facts: int) -> None:
    """A valid framework of one node holding `facts` facts."""
    if not 0 < facts <= len(_ZH_WORDS) ** 2:
        raise ValueError(f"between 1 and {len(_ZH_WORDS) ** 2} facts")
    lines = [
        "schema_version: 1",
        'id: "verify-case"',
        'title: {zh: "核查用例", en: "A case for verify"}',
        'description: {zh: "用于性能测试。", en: "For benchmarks."}',
        "sources:",
        '  - id: "case"',
        '    title: {zh: "合成文本", en: "Synthetic text"}',
        "nodes:",
        '  - id: "1"',
        '    title: {zh: "指标", en: "Indicators"}',
        '    description: {zh: "各项指标。", en: "The indicators."}',
        "    facts:",
    ]
    for number in range(facts):
        zh, en = _words(number)
        value, unit = FIGURES[number % len(FIGURES)]
        lines += [
            f"      - id: {_q(f'1.fact-{number}')}",
            f"        statement: {{zh: {_q(zh + '指标')}, en: {_q(en.capitalize())}}}",
            f"        value: {value}",
            f"        unit: {_q(unit)}",
            f"        anchor: {_q(_anchor(number))}",
            '        source: "case"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def one_round(facts: int) -> str:
    """The sentences of one round: each anchored fact's sentence, then the bare figures."""
    out = [f"据统计，{_anchor(n)}，比上年有所增长。\n" for n in range(0, facts, 2)]
    figures = "、".join(f"{value}{unit}" for value, unit in FIGURES)
    out.append(f"本期数据为{figures}。\n")
    return "".join(out)


def write_source(path: Path, facts: int, megabytes: float) -> int:
    """About `megabytes` MB of rounds (whole lines) to `path`; its size in bytes."""
    round_ = one_round(facts).encode("utf-8")
    target = int(megabytes * 1_000_000)
    with path.open("wb") as handle:
        written = 0
        while written + len(round_) <= target:
            handle.write(round_)
            written += len(round_)
        rest = round_[: target - written]
        handle.write(rest[: rest.rfind(b"\n") + 1])
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=200, help="facts in the framework")
    parser.add_argument("--megabytes", type=float, required=True, help="size of the text")
    parser.add_argument("--framework", type=Path, required=True, help="framework file to write")
    parser.add_argument("-o", "--output", type=Path, required=True, help="source text to write")
    args = parser.parse_args(argv)
    write_framework(args.framework, args.facts)
    size = write_source(args.output, args.facts, args.megabytes)
    print(f"{args.facts} facts, {size:,} bytes of text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
