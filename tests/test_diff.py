"""`hxq diff`: edited copies of the shipped framework, compared as a reader would."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, Run, framework_of, installed_hxq, load_raw
from hxq_cli.errors import ExitCode
from hxq_cli.queries.diff import diff_frameworks

RAW = load_raw(SHIPPED)
Edit = Callable[[dict[str, Any]], None]


def find(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    stack = list(raw["nodes"])
    while stack:
        node: dict[str, Any] = stack.pop()
        if node["id"] == node_id:
            return node
        stack.extend(node.get("children", []))
    raise KeyError(node_id)


def parent_of(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return find(raw, node_id.rsplit(".", 1)[0])


def renumber(node: dict[str, Any], old: str, new: str) -> None:
    node["id"] = new + node["id"][len(old) :]
    for fact in node.get("facts", []):
        fact["id"] = new + fact["id"][len(old) :]
    for child in node.get("children", []):
        renumber(child, old, new)


def renumber_goal(raw: dict[str, Any]) -> None:
    renumber(find(raw, "6.3"), "6.3", "6.7")


def renumber_card(raw: dict[str, Any]) -> None:
    renumber(find(raw, "4.2"), "4.2", "4.5")


def change_figure(raw: dict[str, Any]) -> None:
    fact = next(f for f in find(raw, "4.2")["facts"] if f["id"] == "4.2.rd-investment")
    fact["value"] = 25.1


def drop_card(raw: dict[str, Any]) -> None:
    cards = find(raw, "4")
    cards["children"] = [child for child in cards["children"] if child["id"] != "4.3"]


def edited_copy(tmp_path: Path, *edits: Edit, name: str = "new.yaml") -> Path:
    raw = copy.deepcopy(RAW)
    for edit in edits:
        edit(raw)
    path = tmp_path / name
    # JSON is YAML: hxq reads it as a framework file like any other.
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def diff_json(hxq: Run, new: Path, old: Path = SHIPPED) -> tuple[int, dict[str, Any]]:
    result = hxq("diff", str(old), str(new), "--json")
    assert result.err == ""
    return result.code, json.loads(result.out)


# --------------------------------------------------------------------------- identical


def test_same_file_is_identical(hxq: Run) -> None:
    result = hxq("diff", str(SHIPPED), str(SHIPPED))
    assert result.code == ExitCode.OK
    assert result.out == ""
    assert result.err == "hxq: no differences\n"


def test_layout_and_sibling_order_are_not_differences(hxq: Run, tmp_path: Path) -> None:
    def reorder(raw: dict[str, Any]) -> None:
        raw["nodes"].reverse()
        find(raw, "4")["children"].reverse()

    code, doc = diff_json(hxq, edited_copy(tmp_path, reorder))
    assert code == ExitCode.OK
    assert doc["identical"] is True
    assert doc["nodes"] == {"added": [], "removed": [], "moved": [], "retitled": [], "edited": []}
    assert doc["facts"] == {"changed": [], "added": [], "removed": []}


def test_a_whole_number_written_as_float_is_the_same_figure(tmp_path: Path) -> None:
    new = copy.deepcopy(RAW)
    fact = next(f for f in find(new, "4.3")["facts"] if f["value"] == 181)
    fact["value"] = 181.0
    assert diff_frameworks(framework_of(RAW), framework_of(new)).identical


# --------------------------------------------------------------------------- the three edits


def test_renumbered_goal_is_moved_not_added_and_removed(hxq: Run, tmp_path: Path) -> None:
    code, doc = diff_json(hxq, edited_copy(tmp_path, renumber_goal))
    assert code == ExitCode.NO
    assert doc["identical"] is False
    assert doc["nodes"]["moved"] == [
        {
            "old_id": "6.3",
            "new_id": "6.7",
            "title": find(RAW, "6.3")["title"],
            "within": None,
        }
    ]
    assert doc["nodes"]["added"] == doc["nodes"]["removed"] == []


def test_renumbered_card_carries_its_parts_and_figures(hxq: Run, tmp_path: Path) -> None:
    code, doc = diff_json(hxq, edited_copy(tmp_path, renumber_card))
    assert code == ExitCode.NO
    moved = {m["old_id"]: m for m in doc["nodes"]["moved"]}
    assert moved["4.2"]["new_id"] == "4.5" and moved["4.2"]["within"] is None
    assert moved["4.2.finance.1"] == {
        "old_id": "4.2.finance.1",
        "new_id": "4.5.finance.1",
        "title": find(RAW, "4.2.finance.1")["title"],
        "within": "4.2",
    }
    # The figures followed their node: nothing added, removed or changed.
    assert doc["facts"] == {"changed": [], "added": [], "removed": []}
    view = hxq("diff", str(SHIPPED), str(tmp_path / "new.yaml"), width=100)
    assert (
        "→ 4.2 → 4.5  科创赋能 · Empowerment through sci-tech innovation  (with 8 parts)"
    ) in view.out


def test_changed_figure(hxq: Run, tmp_path: Path) -> None:
    code, doc = diff_json(hxq, edited_copy(tmp_path, change_figure))
    assert code == ExitCode.NO
    assert doc["facts"]["changed"] == [
        {
            "id": "4.2.rd-investment",
            "old_id": "4.2.rd-investment",
            "node": "4.2",
            "statement": {
                "zh": "截至2025年年底的研发投入",
                "en": "R&D investment as of the end of 2025",
            },
            "changes": [{"field": "value", "old": 24.24, "new": 25.1}],
        }
    ]
    assert doc["nodes"] == {"added": [], "removed": [], "moved": [], "retitled": [], "edited": []}


def test_changed_unit_and_hedge(tmp_path: Path) -> None:
    new = copy.deepcopy(RAW)
    fact = next(f for f in find(new, "4.2")["facts"] if f["id"] == "4.2.rd-investment")
    fact["unit"] = "万元"
    fact["qualifier"] = "more_than"
    report = diff_frameworks(framework_of(RAW), framework_of(new))
    (changed,) = report.facts_changed
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("unit", "亿元", "万元"),
        ("qualifier", None, "more_than"),
    ]


def test_dropped_card_takes_its_parts_and_figures(hxq: Run, tmp_path: Path) -> None:
    code, doc = diff_json(hxq, edited_copy(tmp_path, drop_card))
    assert code == ExitCode.NO
    removed = doc["nodes"]["removed"]
    assert removed[0] == {
        "id": "4.3",
        "title": {"zh": "质量强区", "en": "Strengthening the zone through quality"},
        "parent": "4",
        "within": None,
    }
    assert [n["id"] for n in removed[1:]] == [
        "4.3.steward",
        "4.3.nqi",
        "4.3.nqi.1",
        "4.3.nqi.2",
        "4.3.nqi.3",
        "4.3.nqi.4",
        "4.3.upgrade",
    ]
    assert {n["within"] for n in removed[1:]} == {"4.3"}
    assert [(f["fact"]["id"], f["node"], f["within"]) for f in doc["facts"]["removed"]] == [
        ("4.3.certified-firms", "4.3", "4.3"),
        ("4.3.pass-rate", "4.3", "4.3"),
    ]
    assert doc["nodes"]["added"] == doc["nodes"]["moved"] == []


def test_all_three_edits_in_the_terminal_report(hxq: Run, tmp_path: Path) -> None:
    new = edited_copy(tmp_path, renumber_goal, change_figure, drop_card)
    result = hxq("diff", str(SHIPPED), str(new), "--lang", "en", width=100)
    assert result.code == ExitCode.NO
    assert result.err == ""
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines == [
        f"--- {SHIPPED}",
        f"+++ {new}",
        "",
        "Removed nodes (1)",
        "- 4.3  Strengthening the zone through quality  (with 7 parts and 2 figures)",
        "",
        "Moved: same title, new ID (1)",
        "→ 6.3 → 6.7  Round out the project pipeline",
        "",
        "Figures changed (1)",
        "~ 4.2.rd-investment  R&D investment as of the end of 2025",
        "    value   CNY 2.424 billion → CNY 2.51 billion",
        "",
        "nodes: 1 removed, 1 moved; figures: 1 changed",
    ]


def test_the_chinese_view_speaks_chinese(hxq: Run, tmp_path: Path) -> None:
    """Sections, field names, counts and the summary in show's Chinese words, as every other
    view in zh; IDs and figures as they are."""
    new = edited_copy(tmp_path, renumber_goal, change_figure, drop_card)
    result = hxq("diff", str(SHIPPED), str(new), "--lang", "zh", width=100)
    assert result.code == ExitCode.NO
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[2:] == [
        "",
        "删除的节点 (1)",
        "- 4.3  质量强区  (含7个部分和2项数据)",
        "",
        "移动：名称不变，编号改变 (1)",
        "→ 6.3 → 6.7  做全项目",
        "",
        "变动的数据 (1)",
        "~ 4.2.rd-investment  截至2025年年底的研发投入",
        "    数值   24.24亿元 → 25.1亿元",
        "",
        "节点：删除1个，移动1个；数据：变动1项",
    ]
    both = hxq("diff", str(SHIPPED), str(new), width=100).out
    assert "删除的节点 Removed nodes (1)" in both and "(with 7 parts and 2 figures)" in both


# --------------------------------------------------------------------------- the other kinds


def test_retitled_edited_added_and_facts_in_and_out(hxq: Run, tmp_path: Path) -> None:
    def edits(raw: dict[str, Any]) -> None:
        card = find(raw, "4.2")
        card["title"]["en"] = "Science-led empowerment"
        card["description"]["zh"] = "新的说明。"
        card["aliases"] = ["innovation", "science"]
        card["facts"] = [f for f in card["facts"] if f["id"] != "4.2.rd-investment"]
        card["facts"].append(
            {
                "id": "4.2.labs",
                "statement": {"zh": "实验室", "en": "Laboratories"},
                "value": 12,
                "unit": "个",
            }
        )
        card["children"].append(
            {
                "id": "4.2.labs-programme",
                "title": {"zh": "实验室计划", "en": "Laboratory programme"},
                "description": {"zh": "新。", "en": "New."},
                "facts": [
                    {
                        "id": "4.2.labs-programme.sites",
                        "statement": {"zh": "地点", "en": "Sites"},
                        "value": 3,
                        "unit": "个",
                    }
                ],
            }
        )

    new = edited_copy(tmp_path, edits)
    code, doc = diff_json(hxq, new)
    assert code == ExitCode.NO
    assert doc["nodes"]["retitled"] == [
        {
            "id": "4.2",
            "old": {"zh": "科创赋能", "en": "Empowerment through sci-tech innovation"},
            "new": {"zh": "科创赋能", "en": "Science-led empowerment"},
        }
    ]
    (edited,) = doc["nodes"]["edited"]
    assert [c["field"] for c in edited["changes"]] == ["aliases", "description"]
    assert edited["changes"][0] == {
        "field": "aliases",
        "old": ["innovation"],
        "new": ["innovation", "science"],
    }
    assert [n["id"] for n in doc["nodes"]["added"]] == ["4.2.labs-programme"]
    added = {(f["fact"]["id"], f["within"]) for f in doc["facts"]["added"]}
    assert added == {("4.2.labs", None), ("4.2.labs-programme.sites", "4.2.labs-programme")}
    assert [(f["fact"]["id"], f["within"]) for f in doc["facts"]["removed"]] == [
        ("4.2.rd-investment", None)
    ]
    view = hxq("diff", str(SHIPPED), str(new), width=120).out
    assert "Retitled: same ID, new title (1)" in view
    # The old English title is too long to share a line: - old / + new on two lines.
    lines = [line.rstrip() for line in view.splitlines()]
    i = lines.index("    title (en) - Empowerment through sci-tech innovation")
    assert lines[i + 1] == "               + Science-led empowerment"
    assert "+ 4.2.labs-programme  实验室计划 · Laboratory programme  (with 1 figure)" in view
    # Figure lines show the display form, Chinese / English.
    assert "+ 4.2.labs  12个 / 12  实验室 · Laboratories" in view
    assert "- 4.2.rd-investment  24.24亿元 / CNY 2.424 billion" in view
    english = hxq("diff", str(SHIPPED), str(new), "--lang", "en", width=120).out
    assert "+ 4.2.labs  12  Laboratories" in english
    assert "- 4.2.rd-investment  CNY 2.424 billion  R&D investment as of the end of 2025" in english
    assert "4.2.labs-programme.sites" not in view  # counted on its node's line instead


def test_framework_and_source_changes(tmp_path: Path) -> None:
    new = copy.deepcopy(RAW)
    new["title"]["en"] = "Another title"
    new["sources"][0]["year"] = 2027
    new["sources"].append({"id": "later", "title": {"zh": "后来", "en": "Later"}})
    report = diff_frameworks(framework_of(RAW), framework_of(new))
    assert [c.field for c in report.framework] == ["title"]
    assert [s.id for s in report.sources_added] == ["later"]
    (edited,) = report.sources_edited
    assert [(c.field, c.old, c.new) for c in edited.changes] == [("year", 2026, 2027)]


def test_json_shape_is_pinned(hxq: Run, tmp_path: Path) -> None:
    code, doc = diff_json(hxq, edited_copy(tmp_path, change_figure))
    assert list(doc) == [
        "schema_version",
        "old",
        "new",
        "identical",
        "framework",
        "sources",
        "nodes",
        "facts",
    ]
    assert doc["schema_version"] == 1
    assert doc["old"] == {"file": str(SHIPPED), "framework": "pingdingshan-hitech-123456"}
    assert doc["new"]["file"] == str(tmp_path / "new.yaml")
    assert list(doc["sources"]) == ["added", "removed", "edited"]
    assert list(doc["nodes"]) == ["added", "removed", "moved", "retitled", "edited"]
    assert list(doc["facts"]) == ["changed", "added", "removed"]


# --------------------------------------------------------------------------- inputs


def test_one_side_from_stdin(hxq: Run, tmp_path: Path) -> None:
    new = edited_copy(tmp_path, change_figure)
    result = hxq("diff", str(SHIPPED), "-", "--json", stdin=new.read_text(encoding="utf-8"))
    assert result.code == ExitCode.NO, result.err
    assert json.loads(result.out)["new"]["file"] == "<stdin>"


def test_both_from_stdin_is_a_usage_error(hxq: Run) -> None:
    result = hxq("diff", "-", "-")
    assert result.code == ExitCode.TROUBLE
    assert result.err == "hxq: error: OLD and NEW cannot both be standard input ('-')\n"


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_broken_file_is_a_data_error(hxq: Run, tmp_path: Path, side: str) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nnodes: [unclosed\n", encoding="utf-8")
    args = [str(broken), str(SHIPPED)] if side == "old" else [str(SHIPPED), str(broken)]
    result = hxq("diff", *args)
    assert result.code == ExitCode.TROUBLE
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"hxq: error: {broken}:")


def test_a_missing_argument_is_a_usage_error(hxq: Run) -> None:
    result = hxq("diff")
    assert result.code == ExitCode.TROUBLE
    assert "Missing argument 'OLD'" in result.err
    # One file alone is not a revision: the second file is missing.
    alone = hxq("diff", str(SHIPPED))
    assert alone.code == ExitCode.TROUBLE
    assert alone.err == (
        f"hxq: error: {str(SHIPPED)!r} is a file: give the file to compare it with, "
        "or one git revision\n"
    )


def swap_cards(raw: dict[str, Any]) -> None:
    """4.1 and 4.2 trade places (and numbers)."""
    renumber(find(raw, "4.1"), "4.1", "4.tmp")
    renumber(find(raw, "4.2"), "4.2", "4.1")
    renumber(find(raw, "4.tmp"), "4.tmp", "4.2")
    cards = find(raw, "4")["children"]
    cards[0], cards[1] = cards[1], cards[0]


def test_swapped_cards_are_moved_not_retitled(hxq: Run, tmp_path: Path) -> None:
    """A renumbered node whose old ID another node now holds is moved, not retitled (issue 12)."""
    code, doc = diff_json(hxq, edited_copy(tmp_path, swap_cards))
    assert code == ExitCode.NO
    assert doc["nodes"]["retitled"] == []
    moved = {(m["old_id"], m["new_id"]) for m in doc["nodes"]["moved"]}
    assert {("4.1", "4.2"), ("4.2", "4.1")} <= moved
    assert doc["nodes"]["added"] == [] and doc["nodes"]["removed"] == []


# --------------------------------------------------------------------------- figures in words


def _set_fact(fact_id: str, **fields: Any) -> Edit:
    def edit(raw: dict[str, Any]) -> None:
        node = find(raw, fact_id.rsplit(".", 1)[0])
        fact = next(f for f in node["facts"] if f["id"] == fact_id)
        fact.update(fields)

    return edit


def _figure_line(hxq: Run, new: Path, lang: str) -> list[str]:
    out = hxq("diff", str(SHIPPED), str(new), "--lang", lang, width=120).out
    return [line.strip() for line in out.splitlines() if line.startswith("    ")]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "数值   24.24亿元 → 25.1亿元"),
        ("en", "value   CNY 2.424 billion → CNY 2.51 billion"),
        ("both", "value   24.24亿元 / CNY 2.424 billion → 25.1亿元 / CNY 2.51 billion"),
    ],
)
def test_a_changed_figure_is_shown_with_its_unit(
    hxq: Run, tmp_path: Path, lang: str, expected: str
) -> None:
    new = edited_copy(tmp_path, change_figure)
    assert _figure_line(hxq, new, lang) == [expected]


def test_a_changed_unit_and_qualifier_are_one_figure(hxq: Run, tmp_path: Path) -> None:
    new = edited_copy(
        tmp_path, _set_fact("4.2.rd-investment", unit="万元", value=242400, qualifier="nearly")
    )
    assert _figure_line(hxq, new, "zh") == ["数值   24.24亿元 → 近242400万元"]
    # The JSON keeps each field that changed.
    _, doc = diff_json(hxq, new)
    fields = [c["field"] for c in doc["facts"]["changed"][0]["changes"]]
    assert fields == ["value", "unit", "qualifier"]


def test_a_figure_in_words_that_stays_shows_the_numbers(hxq: Run, tmp_path: Path) -> None:
    # 近亿元 is written in words (`display`): a new value under the same words is told by number.
    new = edited_copy(tmp_path, _set_fact("3.3.park-rent-arrears", value=0.9))
    assert _figure_line(hxq, new, "zh") == ["数值   1 → 0.9"]


# --------------------------------------------------------------------------- a git revision

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="needs git")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


def git_work_tree(folder: Path, *, commit: bool = False) -> Path:
    """A git work tree in `folder`/zone holding data/framework.yaml (the shipped one) in one
    commit, then the R&D figure changed in the work tree (committed too if `commit`)."""
    work = folder / "zone"
    (work / "data").mkdir(parents=True)
    framework = work / "data" / "framework.yaml"
    framework.write_bytes(SHIPPED.read_bytes())
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "first")
    raw = copy.deepcopy(RAW)
    change_figure(raw)
    framework.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    if commit:
        _git(work, "commit", "-qam", "second")
    return work


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return git_work_tree(tmp_path)


@needs_git
def test_a_revision_is_compared_with_the_work_tree(
    hxq: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HXQ_DATA", raising=False)
    monkeypatch.chdir(repo / "data")  # anywhere in the work tree
    result = hxq("diff", "HEAD", "--lang", "zh", width=100)
    assert (result.code, result.err) == (ExitCode.NO, "")
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[:2] == ["--- HEAD:data/framework.yaml", "+++ data/framework.yaml"]
    assert "    数值   24.24亿元 → 25.1亿元" in lines
    doc = json.loads(hxq("diff", "HEAD", "--json").out)
    assert doc["old"]["file"] == "HEAD:data/framework.yaml"
    assert doc["facts"]["changed"][0]["changes"] == [{"field": "value", "old": 24.24, "new": 25.1}]
    # The same file named by --data, from outside the work tree; HEAD itself is the same.
    monkeypatch.chdir(repo.parent)
    _git(repo, "commit", "-qam", "second")
    same = hxq("diff", "HEAD", "--data", str(repo / "data" / "framework.yaml"))
    assert (same.code, same.out, same.err) == (ExitCode.OK, "", "hxq: no differences\n")
    before = hxq("diff", "HEAD~1", "--data", str(repo / "data" / "framework.yaml"), "--lang", "en")
    assert before.code == ExitCode.NO
    assert "value   CNY 2.424 billion → CNY 2.51 billion" in before.out


@needs_git
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not-a-work-tree", "hxq: error: {outside} is not in a git work tree"),
        ("unknown-revision", "hxq: error: unknown revision 'nope'"),
        ("option-as-revision", "hxq: error: unknown revision '--output=x'"),
        ("not-in-revision", "hxq: error: other.yaml is not a file in revision 'HEAD'"),
        ("a-file-alone", "hxq: error: 'data/framework.yaml' is a file: give the file"),
        ("git-missing", "hxq: error: git is not installed"),
    ],
)
def test_a_revision_that_cannot_be_read_is_one_line(
    hxq: Run, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, message: str
) -> None:
    monkeypatch.delenv("HXQ_DATA", raising=False)
    monkeypatch.chdir(repo)
    outside = tmp_path / "outside"
    outside.mkdir()
    args = ["diff", "HEAD"]
    if case == "not-a-work-tree":
        monkeypatch.chdir(outside)
        # git looks no higher than tmp_path for a work tree.
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    elif case == "unknown-revision":
        args = ["diff", "nope"]
    elif case == "option-as-revision":
        args = ["diff", "--", "--output=x"]
    elif case == "not-in-revision":
        (repo / "other.yaml").write_bytes(SHIPPED.read_bytes())
        args = ["diff", "HEAD", "--data", "other.yaml"]
    elif case == "a-file-alone":
        args = ["diff", "data/framework.yaml"]
    else:
        monkeypatch.setenv("PATH", str(outside))
    result = hxq(*args)
    assert (result.code, result.out) == (ExitCode.TROUBLE, "")
    assert result.err.startswith(message.format(outside=outside)), result.err
    assert result.err.count("\n") == 1
    assert not (repo / "x").exists()


@needs_git
def test_hxq_is_git_s_textconv_as_the_readme_says(repo: Path) -> None:
    # The two lines of the README, as they are written there.
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    attributes = "data/framework.yaml diff=hxq"
    command = "hxq export --format md --data"
    assert f"echo '{attributes}' >> .gitattributes" in readme
    assert f"git config diff.hxq.textconv '{command}'" in readme
    (repo / ".gitattributes").write_text(attributes + "\n", encoding="utf-8")
    _git(repo, "config", "diff.hxq.textconv", command)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HXQ_")},
        "HXQ_NO_CACHE": "1",
        # hxq as installed, as a person's shell finds it.
        "PATH": f"{Path(installed_hxq()).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    shown = subprocess.run(
        ["git", "-C", str(repo), "--no-pager", "diff", "--", "data/framework.yaml"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    removed = [line for line in shown.stdout.splitlines() if line.startswith("-| ")]
    added = [line for line in shown.stdout.splitlines() if line.startswith("+| ")]
    assert len(removed) == len(added) == 1, shown.stdout
    assert "| 24.24亿元 / CNY 2.424 billion |" in removed[0]
    assert "| 25.1亿元 / CNY 2.51 billion |" in added[0]
    assert "value: 24.24" not in shown.stdout  # not the YAML
    assert shown.stderr == ""


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_a_changed_figure_is_never_folded(hxq: Run, tmp_path: Path, width: int, lang: str) -> None:
    new = edited_copy(tmp_path, change_figure)
    out = hxq("diff", str(SHIPPED), str(new), "--lang", lang, width=width).out
    forms = {"zh": ["24.24亿元", "25.1亿元"], "en": ["CNY 2.424 billion", "CNY 2.51 billion"]}
    for form in forms.get(lang, forms["zh"] + forms["en"]):
        assert any(form in line for line in out.splitlines()), (form, out)
