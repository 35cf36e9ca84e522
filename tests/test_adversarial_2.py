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

from conftest import Run, examples
from hxq_cli.errors import ExitCode
from hxq_cli.queries.draft import draft
from hxq_cli.read import TextFile
from hxq_cli.zh import text_figures
from hxq_cli.zh.text_figures import Anchors


def one_error_line(result: object, *needles: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding every needle, no traceback."""
    assert result.code == ExitCode.TROUBLE, result  # type: ignore[attr-defined]
    assert result.out == ""  # type: ignore[attr-defined]
    lines = result.err.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, result.err  # type: ignore[attr-defined]
    assert lines[0].startswith("hxq: error: ")
    assert all(needle in lines[0] for needle in needles), lines[0]


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
