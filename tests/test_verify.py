"""`hxq verify`: anchor matching, each outcome on small fixture sources, JSON, bad input."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import (
    FIXTURES,
    SHIPPED,
    Run,
    load_framework,
    run_installed,
)
from hxq_cli.errors import ExitCode, UsageError
from hxq_cli.model import Bilingual, Fact, Framework, Node, Source
from hxq_cli.queries.verify import STATUSES, occurrences, verify
from hxq_cli.queries.verify import fold_source as fold
from hxq_cli.read import TextFile
from test_data import source_path

SOURCE = FIXTURES / "verify-source.txt"
GOOD = FIXTURES / "verify-good.yaml"
BAD = FIXTURES / "verify-bad.yaml"


def _text(text: str, name: str = "doc.txt") -> TextFile:
    return TextFile(name, text, hashlib.sha256(text.encode()).hexdigest())


def _framework(*facts: Fact, sources: tuple[Source, ...] = ()) -> Framework:
    node = Node("1", Bilingual("甲", "A"), Bilingual("甲", "A"), facts=facts)
    return Framework(1, "t", Bilingual("t", "t"), Bilingual("t", "t"), sources, (node,))


def _fact(value: float, unit: str, anchor: str | None, fact_id: str = "1.x") -> Fact:
    return Fact(fact_id, Bilingual("事实", "fact"), value, unit, anchor=anchor)


def _status(text: str, value: float, unit: str, anchor: str | None) -> str:
    report = verify(_framework(_fact(value, unit, anchor)), _text(text))
    (check,) = report.facts
    return check.status


# --------------------------------------------------------------------------- folding


def test_fold_ignores_line_breaks_spaces_and_width() -> None:
    folded = fold("研发投入达\n24.24 亿元,合格率突破９８％\u3000。")
    assert folded.text == "研发投入达24.24亿元,合格率突破98%。"
    # Each folded character points back at its place in the original.
    assert folded.origin[5] == 6


def test_fold_keeps_combining_marks_with_their_letter() -> None:
    assert fold("Cafe\u0301 x").text == fold("Café x").text == "Caféx"


def test_anchor_across_a_line_break() -> None:
    assert _status("预算9.8\n亿元,其余略。", 9.8, "亿元", "预算9.8亿元") == "found"
    assert _status("预\r\n算 9.8亿元", 9.8, "亿元", "预算9.8亿元") == "found"


def test_anchor_across_full_and_half_width() -> None:
    assert _status("合格率突破９８％。", 98, "%", "合格率突破98%") == "found"
    assert _status("合格率突破98%。", 98, "%", "合格率突破９８％") == "found"


def test_find_all_counts_overlapping_occurrences() -> None:
    assert list(occurrences("aaa", "aa")) == [0, 1]
    assert list(occurrences("abc", "")) == []


@given(st.text(max_size=80))
def test_fold_maps_every_character_back(text: str) -> None:
    folded = fold(text)
    assert len(folded.text) == len(folded.origin)
    assert list(folded.origin) == sorted(folded.origin)
    assert all(0 <= i < len(text) for i in folded.origin)
    assert not any(ch.isspace() for ch in folded.text)


@given(st.text(max_size=120), st.text(min_size=1, max_size=12))
def test_any_text_and_anchor_give_a_status(text: str, anchor: str) -> None:
    report = verify(_framework(_fact(1, "项", anchor)), _text(text))
    (check,) = report.facts
    assert check.status in STATUSES
    for place in check.places + check.elsewhere:
        assert place.line >= 1 and place.column >= 1


# --------------------------------------------------------------------------- outcomes


@pytest.mark.parametrize(
    ("text", "value", "unit", "anchor", "status"),
    [
        ("研发投入达24.24亿元。", 24.24, "亿元", "研发投入达24.24亿元", "found"),
        ("研发投入达24.24亿元。", 24.24, "亿元", "研发投入达", "found"),  # figure right after
        ("24.24亿元研发投入", 24.24, "亿元", "研发投入", "found"),  # figure right before
        ("占全市1/3。", 0.3333, "占比", "占全市1/3", "found"),  # a fact may round 1/3
        ("占全市1/3。", 0.33, "占比", "占全市1/3", "found"),
        ("占全市1/3。", 0.25, "占比", "占全市1/3", "mismatch"),
        ("占全市1/3。", 0.3, "%", "占全市1/3", "mismatch"),
        ("占全市33%。", 0.33, "占比", "占全市33%", "found"),
        ("产值翻倍。", 2, "倍", "产值翻倍", "found"),
        ("名列第一。", 1, "名次", "名列第一", "found"),
        ("拖欠近亿元租金", 1, "亿元", "近亿元租金", "found"),
        ("规模达10000万元。", 1, "亿元", "规模达", "found"),  # same amount, other magnitude
        ("产量达5吨。", 5, "吨", "产量达5吨", "found"),  # a unit hxq does not know
        ("产量达5吨。", 6, "吨", "产量达5吨", "mismatch"),
        ("研发投入达24.24亿元。", 24.2, "亿元", "研发投入达24.24亿元", "mismatch"),
        ("研发投入达25亿元。", 24.24, "亿元", "研发投入达24.24亿元", "mismatch"),  # new edition
        ("为61家企业", 61, "名", "为61家企业", "mismatch"),  # counts of other things
        ("为61家企业", 61, "%", "为61家企业", "mismatch"),
        ("研发投入很多。", 24.24, "亿元", "研发投入", "mismatch"),  # no figure at the anchor
        ("研发投入达24.24亿元。", 24.24, "亿元", "科研经费", "missing"),
        ("合作139次,又合作12次。", 139, "次", "合作", "ambiguous"),
        # Twice, even with the same figure: an anchor must name one place.
        ("近一年筹备,近一年试运行。", 1, "年", "近一年", "ambiguous"),
        ("近一年筹备,近一年试运行。", 1, "年", "近一年筹备", "found"),
        ("研发投入达24.24亿元。", 24.24, "亿元", None, "unanchored"),
        ("研发投入达24.24亿元。", 24.24, "亿元", " \n", "unanchored"),
    ],
)
def test_outcome(text: str, value: float, unit: str, anchor: str | None, status: str) -> None:
    assert _status(text, value, unit, anchor) == status


def test_found_reports_places_and_hedges() -> None:
    report = verify(_framework(_fact(98, "%", "合格率突破98%")), _text("第一行\n合格率突破98%。"))
    (check,) = report.facts
    assert check.status == "found"
    (place,) = check.places
    assert (place.line, place.column) == (2, 1)
    assert place.figure is not None and place.figure.qualifier == "passed"
    assert "hedged differently" in check.message


def test_missing_points_at_the_figure_elsewhere() -> None:
    report = verify(
        _framework(_fact(24.24, "亿元", "科研经费24.24亿元")), _text("甲\n投入24.24亿元")
    )
    (check,) = report.facts
    assert check.status == "missing"
    assert [(p.line, p.column) for p in check.elsewhere] == [(2, 3)]
    assert "2:3" in check.message


def test_count_mismatch_fails_the_report() -> None:
    node = Node("5", Bilingual("5条底线", "Five"), Bilingual("d", "d"))
    framework = Framework(1, "t", Bilingual("t", "t"), Bilingual("t", "t"), (), (node,))
    report = verify(framework, _text("无"))
    (count,) = report.counts
    assert (count.announced, count.actual, count.ok) == (5, 0, False)
    assert not report.ok


def test_unanchored_alone_does_not_fail() -> None:
    report = verify(_framework(_fact(1, "项", None)), _text("无"))
    assert report.ok and report.tally["unanchored"] == 1


def test_source_entry_is_chosen_by_hash_name_or_id() -> None:
    text = _text("预算9.8亿元", "/somewhere/b.txt")
    a = Source("a", Bilingual("甲", "A"), file="a.txt")
    b = Source("b", Bilingual("乙", "B"), file="b.txt")
    by_hash = Source("c", Bilingual("丙", "C"), sha256=text.sha256)
    fact_a = Fact("1.a", Bilingual("x", "x"), 9.8, "亿元", anchor="预算9.8亿元", source="a")
    fact_b = Fact("1.b", Bilingual("x", "x"), 9.8, "亿元", anchor="预算9.8亿元", source="b")
    report = verify(_framework(fact_a, fact_b, sources=(a, b)), text)
    assert report.source == b and [c.fact.id for c in report.facts] == ["1.b"]
    assert report.other_sources == 1 and "1 facts of other sources" in report.summary()
    assert verify(_framework(fact_a, sources=(a, b, by_hash)), text).source == by_hash
    assert verify(_framework(fact_a, sources=(a, b)), text, "a").source == a
    with pytest.raises(UsageError, match="unknown source 'z'"):
        verify(_framework(fact_a, sources=(a, b)), text, "z")
    with pytest.raises(UsageError, match="pass --source-id"):
        verify(_framework(fact_a, sources=(a, b)), _text("x", "other.txt"))


# --------------------------------------------------------------------------- the command


def test_good_fixture_passes(hxq: Run) -> None:
    result = hxq("verify", "--data", str(GOOD), "--source", str(SOURCE), "--lang", "en", width=120)
    assert result.code == ExitCode.OK, result.err
    assert result.err == (
        "hxq: checked 8, found 7, mismatched 0, missing 0, ambiguous 0, unanchored 1; "
        "title counts checked 1, wrong 0\n"
    )
    # Columns are separated by two or more spaces; "Value" is the display form.
    lines = {
        cells[1]: cells
        for cells in (re.split(r"\s{2,}", line.strip()) for line in result.out.splitlines())
        if len(cells) > 1 and cells[1].startswith("1.")
    }
    # The source says it in its own words, quoted.
    assert lines["1.budget"][:4] == ["found", "1.budget", "CNY 980 million", "“9.8亿元”"]
    assert lines["1.budget"][4] == "2:5"  # the anchor starts on line 2, across a line break
    assert lines["1.pass-rate"][:4] == ["found", "1.pass-rate", "over 98%", "“突破98%”"]
    assert lines["1.rd"][2] == "CNY 2.424 billion"
    assert lines["1.note"][:3] == ["unanchored", "1.note", "5"]
    assert lines["1.1.share"][-2:] == ["“1/3”", "6:16"]
    assert lines["1.2.output"][2:4] == ["2 times", "“翻倍”"]
    assert "Counts in titles" in result.out


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("en", ["Status", "ID", "Value", "Value at anchor", "Line:col"]),
        ("zh", ["状态", "编号", "数值", "原文数值", "行:列"]),
    ],
)
def test_headers_say_what_each_column_holds(hxq: Run, lang: str, headers: list[str]) -> None:
    """The fact's value and the figure the source writes at its anchor, in show's words (数值 /
    Value, 原文 / Anchor); 位置 is show's word for a path, not for a line and column."""
    out = hxq("verify", "--data", str(GOOD), "--source", str(SOURCE), "--lang", lang, width=120)
    header = next(line for line in out.out.splitlines() if line.startswith(headers[0]))
    assert re.split(r"\s{2,}", header.strip())[:5] == headers
    assert "says" not in out.out and "位置" not in out.out


def test_stacked_checks_name_both_values(hxq: Run) -> None:
    result = hxq("verify", "--data", str(GOOD), "--source", str(SOURCE), "--lang", "both", width=60)
    out = re.sub(r" +\n", "\n", result.out)
    assert "  数值 Value: 9.8亿元 / CNY 980 million\n" in out
    assert "  原文数值 Value at anchor: “9.8亿元”  @ 2:5\n" in out


def test_bad_fixture_reports_every_outcome(hxq: Run) -> None:
    result = hxq("verify", "--data", str(BAD), "--source", str(SOURCE), "--lang", "en", width=160)
    assert result.code == ExitCode.NO
    statuses = {
        line.split()[1]: line.split()[0] for line in result.out.splitlines() if " 1." in line
    }
    assert statuses == {
        "1.budget": "mismatch",
        "1.absent": "missing",
        "1.rd": "missing",
        "1.cooperation": "ambiguous",
        "1.ip": "mismatch",
        "1.firms": "mismatch",
    }
    # The Value at anchor column holds the figure; the note adds only what it does not say.
    assert "1900项" in result.out
    assert "another unit" in result.out
    warning, summary = result.err.splitlines()
    assert warning.startswith("hxq: warning: ") and "another edition" in warning
    assert summary == (
        "hxq: checked 6, found 0, mismatched 3, missing 2, ambiguous 1, unanchored 0; "
        "title counts checked 1, wrong 1"
    )


def test_statuses_are_words_and_coloured_on_a_terminal() -> None:
    result = run_installed(
        "verify",
        "--data",
        str(BAD),
        "--source",
        str(SOURCE),
        env={"FORCE_COLOR": "1", "COLUMNS": "160"},
    )
    assert result.returncode == ExitCode.NO
    # In both languages (the default), the Chinese word and the English one, coloured as one.
    assert "\x1b[1;31m不一致 mismatch\x1b[0m" in result.stdout
    assert "\x1b[1;33m有歧义 ambiguous\x1b[0m" in result.stdout


def test_json_report_shape(hxq: Run) -> None:
    result = hxq("verify", "--data", str(BAD), "--source", str(SOURCE), "--json")
    assert result.code == ExitCode.NO
    doc = json.loads(result.out)  # the summary and warning are on stderr only
    assert list(doc) == [
        "schema_version",
        "framework",
        "source",
        "ok",
        "summary",
        "facts",
        "counts",
    ]
    assert doc["schema_version"] == 1 and doc["framework"] == "verify-bad" and doc["ok"] is False
    assert doc["source"] == {
        "id": "report",
        "file": str(SOURCE),
        "sha256": hashlib.sha256(SOURCE.read_bytes()).hexdigest(),
        "recorded_sha256": "0" * 64,
        "same_edition": False,
    }
    assert doc["summary"] == {
        "checked": 6,
        "found": 0,
        "mismatched": 3,
        "missing": 2,
        "ambiguous": 1,
        "unanchored": 0,
        "counts_checked": 1,
        "counts_wrong": 1,
        "counts_todo": 0,
        "other_sources": 0,
    }
    budget = doc["facts"][0]
    assert budget == {
        "id": "1.budget",
        "node": "1",
        "status": "mismatch",
        "anchor": "预算9.8亿元",
        "expected": {"value": 9.9, "unit": "亿元", "qualifier": None},
        "places": [
            {
                "line": 2,
                "column": 5,
                "figure": {"text": "9.8亿元", "value": 9.8, "unit": "亿元", "qualifier": None},
            }
        ],
        "places_total": 1,
        "elsewhere": [],
        "elsewhere_total": 0,
        "message": "the source says 9.8亿元",
    }
    cooperation = next(f for f in doc["facts"] if f["id"] == "1.cooperation")
    assert [p["figure"]["text"] for p in cooperation["places"]] == ["139次", "12次"]
    assert cooperation["places_total"] == 2
    assert doc["counts"] == [
        {
            "node": "1",
            "title": {"zh": "三项指标", "en": "Three indicators"},
            "announced": 3,
            "actual": 2,
            "status": "mismatch",
        }
    ]
    assert "checked 6" in result.err


def test_source_from_environment_and_stdin(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HXQ_SOURCE", str(SOURCE))
    assert hxq("verify", "--data", str(GOOD)).code == ExitCode.OK
    monkeypatch.delenv("HXQ_SOURCE")
    piped = hxq("verify", "--data", str(GOOD), "--source", "-", stdin=SOURCE.read_text("utf-8"))
    assert piped.code == ExitCode.OK, piped.err


def test_another_edition_warns_but_passes(hxq: Run, tmp_path: Path) -> None:
    edited = tmp_path / "verify-source.txt"
    edited.write_text(SOURCE.read_text("utf-8") + "\n附记。\n", encoding="utf-8")
    result = hxq("verify", "--data", str(GOOD), "--source", str(edited), "--json")
    assert result.code == ExitCode.OK
    assert json.loads(result.out)["source"]["same_edition"] is False
    warning = result.err.splitlines()[0]
    assert warning.startswith(f"hxq: warning: {edited}: SHA-256 ")
    assert "recorded for source 'report'" in warning


def test_no_recorded_hash_no_warning(hxq: Run) -> None:
    # minimal.yaml records no SHA-256; its 预算9.8亿元 is in the source, its 65% has no anchor.
    args = ("verify", "--data", str(FIXTURES / "minimal.yaml"), "--source", str(SOURCE))
    result = hxq(*args)
    assert result.code == ExitCode.OK
    assert "warning" not in result.err
    assert json.loads(hxq(*args, "--json").out)["source"]["same_edition"] is None


# --------------------------------------------------------------------------- bad input


def _one_line_error(err: str, *needles: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hxq: error: ") and "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "file is empty"),
        (b" \n\t\n", "file is empty"),
        ("正文".encode("gbk"), "not valid UTF-8 at byte 0"),
        (b"ok \xff", "not valid UTF-8 at byte 3"),
    ],
)
def test_bad_source_files(hxq: Run, tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "source.txt"
    path.write_bytes(content)
    result = hxq("verify", "--data", str(GOOD), "--source", str(path))
    assert result.code == ExitCode.TROUBLE
    assert result.out == ""
    _one_line_error(result.err, str(path), needle)


def test_source_is_a_directory_or_missing(hxq: Run, tmp_path: Path) -> None:
    directory = hxq("verify", "--data", str(GOOD), "--source", str(tmp_path))
    assert directory.code == ExitCode.TROUBLE
    _one_line_error(directory.err, "is a directory")
    missing = hxq("verify", "--data", str(GOOD), "--source", str(tmp_path / "nope.txt"))
    assert missing.code == ExitCode.TROUBLE
    _one_line_error(missing.err, "nope.txt: no such file")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ([], "verify needs the source text the facts are checked against: --source FILE or"),
        (["--source", "-", "--data", "-"], "cannot both read stdin"),
        (["--source", str(SOURCE), "--source-id", "nope"], "unknown source 'nope'"),
    ],
)
def test_usage_errors(hxq: Run, args: list[str], needle: str) -> None:
    result = hxq("verify", *args)
    assert result.code == ExitCode.TROUBLE
    _one_line_error(result.err, needle)


# --------------------------------------------------------------------------- the interview


def test_shipped_data_holds_against_the_interview(hxq: Run) -> None:
    source = source_path()
    result = hxq("verify", "--source", str(source), "--json")
    assert result.code == ExitCode.OK, result.err
    doc = json.loads(result.out)
    assert doc["ok"] is True
    assert doc["source"]["same_edition"] is True
    facts = load_framework(str(SHIPPED)).facts()
    assert doc["summary"]["checked"] == doc["summary"]["found"] == sum(1 for _ in facts)
    assert doc["summary"]["counts_checked"] == 8 and doc["summary"]["counts_wrong"] == 0
    # Each hedge as the source's (突破98% is passed, not more_than), each number as written.
    assert {f["id"]: f["message"] for f in doc["facts"] if f["message"]} == {}
    assert result.err.startswith("hxq: checked ")


def test_recorded_hash_is_the_interview_s() -> None:
    (source,) = load_framework(str(SHIPPED)).sources
    assert source.sha256 == hashlib.sha256(source_path().read_bytes()).hexdigest()


def test_installed_verify_and_no_rich_on_json() -> None:
    result = run_installed("verify", "--source", str(source_path()))
    assert result.returncode == 0, result.stderr
    assert "found" in result.stdout and "mismatch" not in result.stdout
    probe = (
        "import sys\n"
        "from hxq_cli.cli import main\n"
        f"code = main(['verify', '--source', {str(source_path())!r}, '--json'])\n"
        "assert code == 0, code\n"
        "assert 'rich' not in sys.modules, 'rich was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_problems_shows_only_what_is_wrong(hxq: Run) -> None:
    bad = (
        "--source",
        str(FIXTURES / "verify-source.txt"),
        "--data",
        str(FIXTURES / "verify-bad.yaml"),
    )
    everything = hxq("verify", *bad).out
    only = hxq("verify", *bad, "--problems")
    assert only.code == ExitCode.NO
    assert "不一致 mismatch" in only.out and "一致 found" not in only.out
    good = (
        "--source",
        str(FIXTURES / "verify-source.txt"),
        "--data",
        str(FIXTURES / "verify-good.yaml"),
    )
    clean = hxq("verify", *good, "--problems")
    assert clean.code == ExitCode.OK
    assert "No problems found" in clean.out
    assert len(only.out) <= len(everything)


def test_notes_do_not_repeat_the_value_columns(hxq: Run) -> None:
    bad = (
        "--source",
        str(FIXTURES / "verify-source.txt"),
        "--data",
        str(FIXTURES / "verify-bad.yaml"),
    )
    out = hxq("verify", *bad, width=160).out
    assert "the source says" not in out
    assert "139次 at 4:17" not in out
    assert "another unit" in out and "anchor not unique: found 2 times" in out


def test_help_says_where_the_source_comes_from(hxq: Run) -> None:
    text = " ".join(hxq("verify", "--help", width=200).out.split())
    assert "HXQ_SOURCE" in text and "`file` field" in text


def test_the_interview_with_any_one_figure_changed_fails(hxq: Run, tmp_path: Path) -> None:
    """Each shipped fact is really checked: change the number at one anchor and verify fails,
    naming that fact."""
    text = source_path().read_text(encoding="utf-8")
    for _, fact in load_framework(str(SHIPPED)).facts():
        assert fact.anchor is not None
        digits = re.search(r"[0-9]+", fact.anchor)
        if digits is None:  # 近亿元, 翻倍, 名列第一: no digit to change
            continue
        changed = fact.anchor[: digits.start()] + "7" + digits.group() + fact.anchor[digits.end() :]
        assert text.count(fact.anchor) == 1, fact.id
        copy = tmp_path / "interview.txt"
        copy.write_text(text.replace(fact.anchor, changed), encoding="utf-8")
        result = hxq("verify", "--source", str(copy), "--json")
        assert result.code == ExitCode.NO, fact.id
        statuses = {f["id"]: f["status"] for f in json.loads(result.out)["facts"]}
        assert statuses[fact.id] != "found", fact.id


# --------------------------------------------------------------------------- the view's language

_BAD = ("verify", "--data", str(BAD), "--source", str(SOURCE))
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _rows(out: str) -> dict[str, list[str]]:
    """The table's rows by fact ID: the cells, split where two or more spaces separate them."""
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        ids = [cell for cell in cells if re.fullmatch(r"1\.[a-z.]+", cell)]
        if ids:
            rows[ids[0]] = cells
    return rows


def _shipped_copy(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The shipped framework with each (old, new) text replaced once."""
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_chinese_view_speaks_chinese(hxq: Run) -> None:
    """Statuses and notes in a fact-checker's Chinese (一致, 不一致, 未找到, 有歧义); no English
    word but the IDs, and the summary on stderr in the same words."""
    result = hxq(*_BAD, "--lang", "zh", width=160)
    assert result.code == ExitCode.NO
    rows = _rows(result.out)
    assert {fact_id: cells[0] for fact_id, cells in rows.items()} == {
        "1.budget": "不一致",
        "1.absent": "未找到",
        "1.rd": "未找到",
        "1.cooperation": "有歧义",
        "1.ip": "不一致",
        "1.firms": "不一致",
    }
    assert rows["1.absent"][-1] == "来源中没有这段原文"
    assert rows["1.rd"][-1] == "来源中没有这段原文；该数值见于别处"
    assert rows["1.cooperation"][-1] == "原文不唯一：出现2次"
    assert rows["1.firms"][-1] == "单位不同"
    assert re.search(r"^不一致\s+1\s+三项指标\s+3\s+2$", result.out, re.MULTILINE)
    without_ids = re.sub(r"\b1\.[a-z.]+", "", result.out)
    assert re.findall(r"[A-Za-z]+", without_ids) == []
    assert result.err.splitlines()[-1] == (
        "hxq: 核查6项：一致0项，不一致3项，未找到2项，有歧义1项，无原文0项；"
        "标题数目核查1个，不一致1个"
    )


def test_the_english_view_speaks_english(hxq: Run) -> None:
    """Statuses and notes in English; Chinese only in the source's own figures, quoted."""
    result = hxq(*_BAD, "--lang", "en", width=160)
    rows = _rows(result.out)
    assert rows["1.budget"][0] == "mismatch" and rows["1.absent"][0] == "missing"
    assert rows["1.rd"][-1] == "anchor not in the source; its figure is elsewhere"
    assert rows["1.firms"][-1] == "another unit"
    unquoted = re.sub(r"“[^”]*”", "", result.out)
    assert _CJK.findall(unquoted) == []
    assert _CJK.findall(result.err.splitlines()[-1]) == []


def test_both_languages_say_each_status_and_note_twice(hxq: Run) -> None:
    """Chinese then English: the status on one line, a note's English under its Chinese, the
    summary as two lines."""
    result = hxq(*_BAD, "--lang", "both", width=160)
    rows = _rows(result.out)
    assert rows["1.budget"][0] == "不一致 mismatch"
    assert rows["1.cooperation"][0] == "有歧义 ambiguous"
    assert rows["1.absent"][-1] == "来源中没有这段原文"
    lines = [line.strip() for line in result.out.splitlines()]
    below = lines[lines.index(next(line for line in lines if "1.absent" in line)) + 1]
    assert below == "anchor not in the source"
    zh, en = result.err.splitlines()[-2:]
    assert zh.startswith("hxq: 核查6项：") and en.startswith("hxq: checked 6, ")


def test_stacked_checks_speak_the_view_s_language(hxq: Run) -> None:
    """Below 60 columns each check is stacked: its status word leads, in the view's language."""
    zh = hxq(*_BAD, "--lang", "zh", "--problems", width=50).out
    assert "不一致  1.budget\n" in zh and "有歧义  1.cooperation\n" in zh
    assert "\n  来源中没有这段原文；该数值见于别处" in zh and "mismatch" not in zh
    both = re.sub(r" +\n", "\n", hxq(*_BAD, "--lang", "both", width=50).out)
    assert "不一致 mismatch  1.firms\n" in both
    assert "\n  单位不同\n  another unit\n" in both


def test_the_shipped_data_with_a_changed_figure_and_a_lost_anchor(hxq: Run, tmp_path: Path) -> None:
    """Against the real interview: a figure changed is 不一致, an anchor the text does not have
    is 未找到, a hedge dropped is noted in words (突破, not passed); the rest are 一致."""
    data = _shipped_copy(
        tmp_path,
        ("value: 24.24", "value: 25.1"),
        ('anchor: "已有181家企业"', 'anchor: "已有181家公司"'),
        (
            'qualifier: "passed"\n            anchor: "产品合格率突破98%"',
            'anchor: "产品合格率突破98%"',
        ),
    )
    args = ("verify", "--data", str(data), "--source", str(source_path()))
    zh = hxq(*args, "--lang", "zh", width=200)
    assert zh.code == ExitCode.NO
    rows = {
        cells[1]: cells
        for cells in (re.split(r"\s{2,}", line.strip()) for line in zh.out.splitlines())
        if len(cells) > 2
    }
    assert rows["4.2.rd-investment"][:4] == [
        "不一致",
        "4.2.rd-investment",
        "25.1亿元",
        "“24.24亿元”",
    ]
    assert rows["4.3.certified-firms"][0] == "未找到"
    assert rows["4.3.certified-firms"][-1] == "来源中没有这段原文；该数值见于别处"
    assert rows["4.3.pass-rate"][0] == "一致"
    assert rows["4.3.pass-rate"][-1] == "限定不同（原文：突破；数据：无）"
    assert rows["4.national-zones"][0] == "一致"
    en = hxq(*args, "--lang", "en", width=200).out
    assert "hedged differently (source: over; fact: none)" in en
    assert "passed" not in en


def test_an_anchor_found_twice_with_the_same_figure_is_not_unique(hxq: Run, tmp_path: Path) -> None:
    """Against the real interview: 近一年实践与思考 is in the text twice, both times with 近一年,
    so it cannot say which place the fact stands on; the shipped anchor names one."""
    data = _shipped_copy(
        tmp_path, ('anchor: "近一年实践与思考,逐步凝练"', 'anchor: "近一年实践与思考"')
    )
    args = ("verify", "--data", str(data), "--source", str(source_path()))
    zh = hxq(*args, "--lang", "zh", "--problems", width=200)
    assert zh.code == ExitCode.NO
    (row,) = (line for line in zh.out.splitlines() if "background.formation.duration" in line)
    cells = re.split(r"\s{2,}", row.strip())
    assert cells[0] == "有歧义" and cells[-1] == "原文不唯一：出现2次"
    assert "有歧义1项" in zh.err
    en = hxq(*args, "--lang", "en", "--problems", width=200)
    assert "ambiguous" in en.out and "anchor not unique: found 2 times" in en.out
    doc = json.loads(hxq(*args, "--json").out)
    assert doc["ok"] is False and doc["summary"]["ambiguous"] == 1
    (check,) = (f for f in doc["facts"] if f["id"] == "background.formation.duration")
    assert check["status"] == "ambiguous"
    assert [(p["line"], p["figure"]["text"]) for p in check["places"]] == [
        (13, "近一年"),
        (39, "近一年"),
    ]
    assert check["message"] == "anchor not unique, found 2 times: 近一年 at 13:72, 近一年 at 39:123"


def test_json_keeps_machine_words_in_every_language(hxq: Run) -> None:
    """--json is the same document whatever --lang says: status codes and English messages
    that scripts read."""
    outputs = {lang: hxq(*_BAD, "--json", "--lang", lang).out for lang in ("zh", "en", "both")}
    assert outputs["zh"] == outputs["en"] == outputs["both"]
    doc = json.loads(outputs["zh"])
    assert [f["status"] for f in doc["facts"]] == [
        "mismatch",
        "missing",
        "missing",
        "ambiguous",
        "mismatch",
        "mismatch",
    ]
    assert doc["facts"][2]["message"] == "anchor not in the source; its figure appears at 4:6"
    assert doc["counts"][0]["status"] == "mismatch"
    assert not _CJK.search(hxq(*_BAD, "--json", "--lang", "zh").err.splitlines()[-1])


def test_a_mismatch_names_the_figure_in_the_facts_unit_and_measure_word() -> None:
    """Where no figure at the anchor agrees, the one compared is the one in the fact's unit: for
    a count, the one that counts the same things (60家, not 61名)."""
    text = "共有61名学生和60家企业。"
    report = verify(_framework(_fact(62, "家", "共有61名学生和60家企业")), _text(text))
    (check,) = report.facts
    assert check.status == "mismatch"
    assert check.notes == ()
    assert check.message == "the source says 60家"
