"""The second adversarial pass (issue 26, "a fresh adversarial pass"): each finding of the
severity that must be fixed, pinned by a test that failed before its fix
(docs/adversarial-review-2.md lists every finding)."""

from __future__ import annotations

import os
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, Run, examples, one_error_line
from hxq_cli.queries import verify as verify_module
from hxq_cli.queries.draft import draft
from hxq_cli.queries.verify import MAX_PLACES, ONE_PASS_FROM, occurrences, verify
from hxq_cli.read import TextFile, load_framework
from hxq_cli.text import find_all
from hxq_cli.zh import text_figures
from hxq_cli.zh.text_figures import Anchors

# --------------------------------------------------------------------------- files written


def test_sqlite_into_a_fifo_plants_no_metadata_file_beside_it(hxq: Run, tmp_path: Path) -> None:
    # `-o /dev/null` or `-o /dev/stdout` wrote FILE.metadata.json into /dev; a FIFO likewise
    # got a regular file planted beside it. A device or FIFO has no "beside": refused first.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = hxq("export", "--format", "sqlite", "-o", str(fifo))
    one_error_line(result, "pipe", "pipe.metadata.json", "not a regular file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_sqlite_into_a_device_is_refused_before_anything_is_written(hxq: Run) -> None:
    planted = Path("/dev/null.metadata.json")
    existed = planted.exists()
    result = hxq("export", "--format", "sqlite", "-o", "/dev/null")
    one_error_line(result, "/dev/null", "not a regular file")
    assert planted.exists() == existed


# --------------------------------------------------------------------------- draft, bounded


@settings(max_examples=examples(400), deadline=None)
@given(
    text=st.text(alphabet="12.5亿元%\n约第项", max_size=300),
    needles=st.lists(st.text(alphabet="12.5亿元%约", min_size=1, max_size=4), max_size=120),
)
def test_anchors_find_in_one_pass_what_a_search_per_needle_finds(
    text: str, needles: list[str]
) -> None:
    # `Anchors.expect` finds the occurrences of many needles of one length in one pass over
    # the text (a draft of a text with 50,000 distinct figures took minutes, one search each).
    one_pass = Anchors(text)
    with patch.object(text_figures, "_ONE_PASS_FROM", 1):  # every length in one pass
        one_pass.expect(needles)
    assert set(one_pass._places) >= set(needles)
    for needle in needles:
        assert one_pass._occurrences(needle) == Anchors(text)._occurrences(needle)


def test_a_draft_places_figures_under_thousands_of_paragraphs(tmp_path: Path) -> None:
    # One section per paragraph: each figure's section was found by rebuilding the list of
    # every section's start (figures x paragraphs). The placing itself is what is pinned here.
    lines = [f"第{i}项工作的研发投入约{i}.5亿元，比上年增长{i % 90 + 1}%。" for i in range(300)]
    result = draft(TextFile("report.txt", "\n".join(lines)))
    placed = {figure.section for figure in result.figures}
    assert len(result.sections) == 300
    assert placed == {section.id for section in result.sections}
    for figure in result.figures:
        section = next(s for s in result.sections if s.id == figure.section)
        assert figure.where.line == section.where.line


# --------------------------------------------------------------------------- verify, bounded


@settings(max_examples=examples(400), deadline=None)
@given(
    text=st.text(alphabet="预算9.8亿元约第项\n", max_size=300),
    needles=st.lists(st.text(alphabet="预算9.8亿元约", min_size=1, max_size=12), max_size=60),
)
def test_verify_finds_all_anchors_in_one_pass_as_it_finds_each(
    text: str, needles: list[str]
) -> None:
    # 10,000 anchors missing from a 1 MB source took minutes: the source was searched again
    # for each. `find_all` searches it once for all of them, and must find the same.
    found = find_all(text, needles, MAX_PLACES)
    for needle in needles:
        every = list(occurrences(text, needle))
        assert found[needle] == (every[:MAX_PLACES], len(every))


def test_verify_of_many_facts_reads_as_verify_of_each(tmp_path: Path) -> None:
    # Over `ONE_PASS_FROM` anchors, verify takes them from `find_all`: the report is the one
    # each fact gets on its own, found, missing, ambiguous, or found with another number.
    lines = [f"第{i}项工作的研发投入约{i}.5亿元。" for i in range(ONE_PASS_FROM + 10)]
    lines.append("第1项工作的研发投入约1.5亿元。")  # twice: ambiguous
    facts = "".join(
        f"""
      - id: "1.f{i}"
        statement: {{zh: "投入", en: "Investment"}}
        value: {value}
        unit: "亿元"
        anchor: "{anchor}"
"""
        for i, (value, anchor) in enumerate(
            [(i + 0.5, f"第{i}项工作的研发投入约{i}.5亿元") for i in range(ONE_PASS_FROM + 10)]
            + [(7.5, "不在原文里的锚点"), (3.5, "第9项工作的研发投入约3.5亿元")]
        )
    )
    framework = (
        (FIXTURES / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("    facts:\n", "    facts:\n" + facts.lstrip("\n"), 1)
    )
    path = tmp_path / "many.yaml"
    path.write_text(framework, encoding="utf-8")
    source = TextFile("source.txt", "\n".join(lines))
    whole = verify(load_framework(str(path)), source)
    assert len(whole.facts) > ONE_PASS_FROM
    with patch.object(verify_module, "ONE_PASS_FROM", 10**9):  # each anchor searched alone
        alone = verify(load_framework(str(path)), source)
    assert whole == alone
    statuses = {check.fact.id: check.status for check in whole.facts}
    assert statuses["1.f1"] == "ambiguous"
    assert statuses["1.f2"] == "found"
    assert statuses[f"1.f{ONE_PASS_FROM + 10}"] == "missing"
