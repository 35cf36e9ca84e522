"""The shipped framework: complete, bilingual, and faithful to the interview's figures."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, SHIPPED, load_framework
from hxq_cli.model import Bilingual, Node

FRAMEWORK = load_framework(str(SHIPPED))
FACTS = [fact for _, fact in FRAMEWORK.facts()]
# Read at import: conftest's autouse fixture clears every HXQ_* variable before each test.
_CONFIGURED_SOURCE = os.environ.get("HXQ_SOURCE")


def source_path() -> Path:
    """The interview text: $HXQ_SOURCE (set by CI, must then exist) or ../shared beside the repo."""
    configured = _CONFIGURED_SOURCE
    if configured:
        path = Path(configured)
        assert path.is_file(), f"HXQ_SOURCE={configured} does not exist"
        return path
    path = REPO.parent / "shared" / "sources" / "interview-sun-guoquan-2026.zh.txt"
    if not path.is_file():
        pytest.skip("the interview text is not beside this checkout and HXQ_SOURCE is unset")
    return path


# Numbers in the text that are not figures: dates, the framework's own name and numbering,
# and the 1 of "1+N+X" (a name); counts in titles are checked against children below.
NOT_FIGURES = {
    "2026年全国两会",
    "2024年年初",
    "“123456”",
    "“1”即",
    "“2”即",
    "“3”即",
    "“4”即",
    "“5”即",
    "“6”即",
    "“1+N+X”",
    "(1个党工委",
    "截至2025年年底",
    "案例(2025)",
    "2019年以来",
    "5条底线",
    "3个转变",
    "随着2025年年底",
}


def test_every_arabic_figure_of_the_interview_is_a_fact() -> None:
    text = source_path().read_text(encoding="utf-8")
    for excluded in NOT_FIGURES:
        assert excluded in text, f"stale exclusion {excluded!r}"
        text = text.replace(excluded, "")
    values = {fact.value for fact in FACTS}
    missing = []
    for match in re.finditer(r"\d+(?:\.\d+)?(?:/\d+)?", text):
        written = match.group()
        if "/" in written:
            top, bottom = written.split("/")
            number: float = int(top) / int(bottom)
        else:
            number = float(written)
        if not any(abs(number - value) < 1e-3 for value in values):
            missing.append(text[max(0, match.start() - 8) : match.end() + 4])
    assert missing == []


@pytest.mark.parametrize(
    ("anchor", "value", "unit"),
    [
        ("近亿元", 1, "亿元"),
        ("翻倍", 2, "倍"),
        ("名列第一", 1, "名次"),
        ("近一年", 1, "年"),
        ("两年多", 2, "年"),
    ],
)
def test_figures_written_in_words_are_facts(anchor: str, value: float, unit: str) -> None:
    assert any(
        fact.anchor and anchor in fact.anchor and fact.value == value and fact.unit == unit
        for fact in FACTS
    )


def test_anchors_are_short_spans_of_the_source() -> None:
    text = re.sub(r"\s+", "", source_path().read_text(encoding="utf-8"))
    for fact in FACTS:
        assert fact.anchor, fact.id
        assert len(fact.anchor) <= 30, fact.id
        assert text.count(re.sub(r"\s+", "", fact.anchor)) == 1, fact.id


def test_every_figure_in_chinese_is_as_its_anchor_writes_it() -> None:
    """The Chinese display of each figure is in its anchor, word for word: 近亿元 not 近1亿元,
    两年多 not 超过2年, 突破98% not 超过98%, 名列第一 not 第1名."""
    from hxq_cli.zh.display import chinese

    assert [f.id for f in FACTS if not (f.anchor and chinese(f) in f.anchor)] == []


def _data_check(*args: str) -> subprocess.CompletedProcess[str]:
    script = REPO / "data" / "check_against_source.py"
    command = [sys.executable, str(script), *args, "--source", str(source_path())]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def test_the_data_s_own_check_passes_and_sees_an_anchor_twice(tmp_path: Path) -> None:
    """data/check_against_source.py: no copied run, anchor or glossary problem in the shipped
    file; an anchor that is in the source twice is one."""
    shipped = _data_check(str(SHIPPED))
    assert shipped.returncode == 0, shipped.stdout
    assert shipped.stdout.endswith(": 0 problems (with source text, 44 glossary terms)\n")
    text = SHIPPED.read_text(encoding="utf-8")
    unique = 'anchor: "近一年实践与思考,逐步凝练"'
    assert text.count(unique) == 1
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace(unique, 'anchor: "近一年实践与思考"'), encoding="utf-8")
    result = _data_check(str(edited))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "anchor: background.formation.duration: not unique, 2 times: 近一年实践与思考"
    )


def test_the_data_s_own_check_sees_a_copy_behind_a_full_width_comma(tmp_path: Path) -> None:
    """The source writes an ASCII comma where the data writes a full-width one: a copy is
    still a copy. A name in 《》 is the source's own and may be copied whole."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert "《全国高新区营商环境典型案例（2025）》" in text  # and the shipped check passes
    copied = text.replace(
        'zh: "杜绝生产安全事故。"', 'zh: "两年多来，这位“赶考者”不仅稳住了舵盘。"'
    )
    edited = tmp_path / "edited.yaml"
    edited.write_text(copied, encoding="utf-8")
    result = _data_check(str(edited))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "copied run of 19: nodes[5].children[5.1].description: 两年多来,这位“赶考者”不仅稳住了舵盘"
    )


def _texts(node: Node) -> list[Bilingual]:
    texts = [node.title, node.description]
    texts += [t for t in (node.role, node.action, node.target) if t is not None]
    for fact in node.facts:
        texts.append(fact.statement)
        if fact.compared_with is not None:
            texts.append(fact.compared_with)
    return texts


def test_every_text_has_both_languages() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    for node in FRAMEWORK.walk():
        for text in _texts(node):
            assert han.search(text.zh), (node.id, text)
            assert text.en.strip() and not han.search(text.en), (node.id, text)


def test_ids_are_unique_and_follow_the_tree() -> None:
    ids = [node.id for node in FRAMEWORK.walk()] + [fact.id for fact in FACTS]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for node in FRAMEWORK.walk():
        for child in node.children:
            assert child.id.rsplit(".", 1)[0] == node.id
        for fact in node.facts:
            assert fact.id.rsplit(".", 1)[0] == node.id


@pytest.mark.parametrize(
    ("node_id", "count"),
    [
        ("2", 2),
        ("3", 3),
        ("3.3.1", 4),
        ("4", 4),
        ("4.2.industries", 2),
        ("5", 5),
        ("6", 6),
        ("outlook.transitions", 3),
        ("outlook.risks", 3),
    ],
)
def test_counted_titles_have_that_many_numbered_parts(node_id: str, count: int) -> None:
    node = FRAMEWORK.locate(node_id).node
    numbered = [c for c in node.children if c.id.rsplit(".", 1)[1].isdigit()]
    assert len(numbered) == count


def test_the_framework_order_and_names() -> None:
    assert [n.id for n in FRAMEWORK.nodes] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "outlook",
        "background",
    ]
    cards = [c.title.zh for c in FRAMEWORK.locate("4").node.children[:4]]
    assert cards == ["党建引领", "科创赋能", "质量强区", "营商环境"]
    # Each part of the design is an action, with the interview's own verb.
    verbs = {n.id: n.action.zh[:2] if n.action else None for n in FRAMEWORK.nodes[:6]}
    assert verbs == {"1": "实施", "2": "强化", "3": "破解", "4": "打造", "5": "坚守", "6": "实现"}
    goals = FRAMEWORK.locate("6").node.children
    assert all(g.action and g.action.zh.startswith("聚力") for g in goals)
    assert all(g.target and g.target.zh.startswith("打造") for g in goals)
    bottom_lines = [c.title.zh for c in FRAMEWORK.locate("5").node.children[:5]]
    assert bottom_lines == ["安全生产", "社会稳定", "环境保护", "债务化解", "党风廉政"]


def test_source_entry() -> None:
    (source,) = FRAMEWORK.sources
    assert source.interviewee and source.interviewee.zh == "孙国权"
    assert source.interviewer and source.interviewer.zh == "罗晓燕"
    assert source.year == 2026
    # The interview names no newspaper (it says only 本报, "this paper"): no outlet to cite.
    assert source.outlet is None
    assert all(fact.source == source.id for fact in FACTS)
