"""Measure hxq against the floor of its stack and against the speed targets (issue 6).

    python bench/run.py              # full: every target enforced; exit 1 when one is missed
    python bench/run.py --quick      # small sizes, few runs: targets reported, not enforced

Every row is one command timed as a whole process (start to exit, stdout read through a pipe),
several times, by this interpreter and the `hxq` installed beside it. A row with a floor is run
interleaved with that floor (A B B A A B …) so both see the same machine state; the table shows
medians. Peak memory is each process's own maximum resident set size (from wait4).
Rows are data (`ROWS`): a command that is not in `hxq --help` yet is reported as skipped, never as
passed. The cache is on (in a private XDG_CACHE_HOME) unless a row asks for a first run, in which
case it is emptied before every run. Exit status: 0 all targets met (or --quick and every command
ran), 1 a target missed, 2 a command failed.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_framework import Summary, make_file  # noqa: E402
from make_source import write_framework, write_source  # noqa: E402
from timed import Timed, Unavailable  # noqa: E402

BENCH = Path(__file__).resolve().parent

#: Loads the YAML with PyYAML's C loader and prints one node as JSON: the naive way to answer
#: `hxq show ID --json`, which hxq's repeated runs must beat five times over.
NAIVE = """\
import json, sys, yaml
doc = yaml.load(open(sys.argv[1], "rb"), Loader=yaml.CSafeLoader)
stack = list(doc["nodes"])
while stack:
    node = stack.pop()
    if node["id"] == sys.argv[2]:
        print(json.dumps(node, ensure_ascii=False, indent=2))
        break
    stack.extend(node.get("children", ()))
"""

#: Reads the YAML with libyaml and does nothing with its events: the least any reader that
#: goes through PyYAML/libyaml (issue 10) can take on a first run.
EVENTS = """\
import sys
import yaml
parser = yaml.CBaseLoader(open(sys.argv[1], encoding="utf-8").read())
while parser.get_event() is not None:
    pass
"""

FLOORS: dict[str, tuple[str, ...]] = {
    "python -c pass": ("{python}", "-c", "pass"),
    "typer app, JSON": ("{python}", "{bench}/floor_json.py", "4", "--json"),
    "typer app, Rich table": ("{python}", "{bench}/floor_table.py", "4"),
    "naive PyYAML": ("{python}", "-c", NAIVE, "{big}", "{deep}"),
    "libyaml events": ("{python}", "-c", EVENTS, "{big}"),
}

COMPLETE_SHOW = (
    ("_HXQ_COMPLETE", "complete_bash"),
    ("COMP_WORDS", "hxq show "),
    ("COMP_CWORD", "2"),
)


@dataclass(frozen=True)
class Row:
    """One measured command and the target it must meet."""

    label: str
    #: The command; {hxq} {python} {bench} {big} {deep} {deep_parent}, and {huge} {huge_out}
    #: {case} {source} (`Context.huge`, `Context.verify_case`) are filled in.
    argv: tuple[str, ...]
    floor: str | None = None
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_rss_mb: float | None = None
    #: Empty hxq's cache before every run: each run is a first run.
    cold: bool = False
    env: tuple[tuple[str, str], ...] = ()
    #: An hxq command that must exist (be listed in `hxq --help`) for the row to run.
    requires: str | None = None
    #: Fewer runs for slow rows (at most this many).
    max_runs: int | None = None
    #: A row on the huge framework or the verify case (made only when such a row runs), which
    #: takes minutes a run: no warm-up run (the cache is filled when the file is made).
    heavy: bool = False
    #: Exit codes that are a success for this command (verify exits 1 on what it finds).
    exit_codes: tuple[int, ...] = (0,)


SHOW_DEEP = ("{hxq}", "show", "{deep}", "--json", "--data", "{big}")
#: The government work reports `hxq draft` is measured on (issue 22), beside the checkout.
REPORTS = BENCH.parent.parent / "shared" / "draft" / "texts"
DRAFT_ALL = (
    "sh",
    "-c",
    'for f in "{reports}"/*.txt; do "{hxq}" draft "$f" --json > /dev/null || exit 1; done',
)

#: A text of 20,000 figures, one every 41 bytes, written to stdout.
#: No braces: a command's {names} are filled in.
DENSE = "print(''.join('第%d项研发投入约%d.5亿元。' % (i, i) for i in range(1, 20001)))"

ROWS: list[Row] = [
    Row("hxq show 4 --json", ("{hxq}", "show", "4", "--json"), "python -c pass", max_ratio=8),
    Row("hxq show 4 --json", ("{hxq}", "show", "4", "--json"), "typer app, JSON", max_ratio=1.15),
    Row("hxq show 4 (piped)", ("{hxq}", "show", "4"), "python -c pass", max_ratio=12),
    Row("hxq show 4 (piped)", ("{hxq}", "show", "4"), "typer app, Rich table", max_ratio=1.15),
    Row("complete `hxq show <TAB>`", ("{hxq}",), "python -c pass", max_ratio=8, env=COMPLETE_SHOW),
    Row("hxq show 4 --json, first run", ("{hxq}", "show", "4", "--json"), cold=True),
    Row(
        "big: hxq show DEEP --json, first run",
        SHOW_DEEP,
        cold=True,
        # YAML is read by PyYAML/libyaml alone (issue 10): no faster reader of our own.
        max_seconds=3.0,
        max_rss_mb=200,
        # Five, not three: on a shared host the median of three first runs moved by a third
        # between two rows timing the same command one after the other (BENCHMARKS.md).
        max_runs=5,
    ),
    # Informs: how far a first run is above what libyaml alone takes (start-up, the event
    # loop in Python, the schema, the cache entry); the target is the row above.
    Row("big: hxq show DEEP --json, first run", SHOW_DEEP, "libyaml events", cold=True, max_runs=5),
    Row("big: hxq show DEEP --json, repeated", SHOW_DEEP, max_seconds=0.3, max_rss_mb=200),
    Row(
        "big: hxq show DEEP --json, repeated", SHOW_DEEP, "naive PyYAML", max_ratio=0.2, max_runs=3
    ),
    Row(
        "big: hxq search DEEP, repeated",
        ("{hxq}", "search", "{deep}", "--data", "{big}"),
        max_seconds=0.5,
        max_rss_mb=200,
        requires="search",
    ),
    Row(
        "big: hxq facts --under PARENT, repeated",
        ("{hxq}", "facts", "--under", "{deep_parent}", "--data", "{big}"),
        max_seconds=0.5,
        max_rss_mb=200,
        requires="facts",
    ),
    # A 60 KB report (gwr2019, 61 KB) as a whole process, and all 51 reports one after another.
    Row(
        "hxq draft, a 60 KB report",
        ("{hxq}", "draft", "{reports}/gwr2019.txt", "--json"),
        max_seconds=1.0,
        max_rss_mb=100,
        requires="draft",
    ),
    Row("hxq draft, all 51 reports", DRAFT_ALL, max_seconds=30.0, requires="draft", max_runs=3),
    # A figure every 41 bytes (818 KB, 20,000 figures; the second adversarial review's finding
    # 4): memory a small multiple of the text (103 MB before, 47 MB after, BENCHMARKS.md).
    Row(
        "hxq draft, 20,000 figures in 818 KB",
        ("sh", "-c", f'"{{python}}" -c "{DENSE}" | "{{hxq}}" draft - --json -o /dev/null'),
        max_rss_mb=75,
        requires="draft",
        max_runs=3,
    ),
    # Large outputs are written as they are made (issue 26): a whole huge framework's JSON,
    # YAML or CSV in memory bounded by one of its top-level parts, not by the output.
    Row(
        "huge: hxq facts --json, repeated",
        ("{hxq}", "facts", "--json", "--data", "{huge}"),
        max_rss_mb=1024,
        max_runs=1,
        heavy=True,
    ),
    Row(
        "huge: hxq show --json, repeated",
        ("{hxq}", "show", "--json", "--data", "{huge}"),
        max_rss_mb=1024,
        max_runs=1,
        heavy=True,
    ),
    Row(
        "huge: hxq export --format yaml -o FILE, repeated",
        ("{hxq}", "export", "--format", "yaml", "--data", "{huge}", "-o", "{huge_out}"),
        max_rss_mb=1024,
        max_runs=1,
        heavy=True,
    ),
    # verify's worst case (bench/make_source.py): 200 facts that share three figures, half
    # their anchors absent, in a text that repeats them. Time and memory linear in the text,
    # the report a few places per fact.
    Row(
        "verify: 200 facts against a text thick with their figures",
        ("{hxq}", "verify", "--json", "--data", "{case}", "--source", "{source}"),
        max_rss_mb=400,
        max_runs=1,
        heavy=True,
        exit_codes=(1,),
    ),
]


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mb: float


class CommandFailed(Exception):
    """A measured command exited non-zero: its figures would mean nothing."""


def _rss_mb(ru_maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def run_once(argv: Sequence[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Sample:
    """Run a command to its end with stdout read through a pipe; its wall time and peak memory."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, env=env
        )
        assert proc.stdout is not None
        while proc.stdout.read(1 << 16):
            pass
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode not in ok:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            shown = " ".join(a if len(a) < 60 else a[:57] + "..." for a in argv)
            raise CommandFailed(f"{shown} exited {proc.returncode}: {' | '.join(message)}")
    return Sample(elapsed, _rss_mb(usage.ru_maxrss))


@dataclass(frozen=True)
class Sizes:
    """The sizes of the heavy rows' inputs."""

    #: Nodes of the huge framework (5 facts each).
    huge_nodes: int
    #: Megabytes of the verify case's source text.
    source_mb: float


@dataclass
class Context:
    """Where things are: the interpreter, hxq, the generated framework, hxq's private cache."""

    python: str
    hxq: str
    workdir: Path
    big: Path
    summary: Summary
    runs: int
    enforce: bool
    commands: set[str]
    base_env: dict[str, str] = field(default_factory=dict)
    sizes: Sizes = Sizes(100_000, 50)
    _heavy: dict[str, str] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path:
        return self.workdir / "cache"

    def huge(self) -> dict[str, str]:
        """The huge framework, made (and its cache entry filled by one run) the first time a
        row needs it."""
        if "huge" not in self._heavy:
            huge = self.workdir / f"huge-{self.sizes.huge_nodes}.yaml"
            summary = make_file(huge, self.sizes.huge_nodes, 5)
            argv = [self.hxq, "show", summary.deepest_id, "--json", "--data", str(huge)]
            run_once(argv, self.env())
            self._heavy.update(huge=str(huge), huge_out=str(self.workdir / "huge-export.out"))
            print(
                f"  huge framework: {summary.nodes:,} nodes, {summary.bytes / 1e6:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
        return self._heavy

    def verify_case(self) -> dict[str, str]:
        """verify's case and its source text, made the first time a row needs them."""
        if "case" not in self._heavy:
            case, source = self.workdir / "case.yaml", self.workdir / "source.txt"
            write_framework(case, 200)
            size = write_source(source, 200, self.sizes.source_mb)
            self._heavy.update(case=str(case), source=str(source))
            print(f"  verify's source: {size / 1e6:.0f} MB", file=sys.stderr, flush=True)
        return self._heavy

    def fill(
        self, argv: Sequence[str], big: Path | None = None, summary: Summary | None = None
    ) -> list[str]:
        summary = summary or self.summary
        values = {
            "hxq": self.hxq,
            "python": self.python,
            "bench": str(BENCH),
            "big": str(big or self.big),
            "deep": summary.deepest_id,
            "deep_parent": summary.deepest_id.rsplit(".", 1)[0],
            "reports": str(REPORTS),
        }
        if any(re.search(r"\{huge\w*\}", arg) for arg in argv):
            values.update(self.huge())
        if any(re.search(r"\{(case|source)\}", arg) for arg in argv):
            values.update(self.verify_case())
        return [re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], arg) for arg in argv]

    def env(self, extra: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
        env = dict(self.base_env)
        env.update(extra)
        return env

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache_dir, ignore_errors=True)


def measure(ctx: Context, row: Row) -> tuple[list[Sample], list[Sample]]:
    """Samples of the row's command and of its floor, interleaved A B B A …, after a warm-up."""
    argv = ctx.fill(row.argv)
    env = ctx.env(row.env)
    floor = ctx.fill(FLOORS[row.floor]) if row.floor else None
    runs = min(ctx.runs, row.max_runs or ctx.runs)
    # A row starts with nothing left to write back: first-run rows write a cache entry per run,
    # and the kernel flushing those in the background slowed the next row by up to 25%.
    if hasattr(os, "sync"):
        os.sync()
    # The warm-up fills the cache (for repeated rows) and the OS's file cache.
    if not row.heavy:
        run_once(argv, env)
    if floor:
        run_once(floor, env)
    mine: list[Sample] = []
    theirs: list[Sample] = []
    for i in range(runs):
        order = [True, False] if i % 2 == 0 else [False, True]
        for is_mine in order:
            if is_mine:
                if row.cold:
                    ctx.clear_cache()
                mine.append(run_once(argv, env, row.exit_codes))
            elif floor:
                theirs.append(run_once(floor, env))
    return mine, theirs


# --------------------------------------------------------------------------- judging


@dataclass(frozen=True)
class Line:
    """One line of the results table."""

    command: str
    median: str
    floor: str
    ratio: str
    target: str
    result: str
    peak_mb: str
    failed: bool = False


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def judge(ctx: Context, row: Row) -> Iterator[Line]:
    missing = row.requires is not None and row.requires not in ctx.commands
    no_reports = any("{reports}" in arg for arg in row.argv) and not REPORTS.is_dir()
    if missing or no_reports:
        reason = (
            f"skipped: command not available (`hxq {row.requires}`)"
            if missing
            else f"skipped: no reports at {REPORTS}"
        )
        yield Line(
            row.label, "-", "-", "-", _target_text(row.max_ratio, row.max_seconds), reason, "-"
        )
        return
    mine, theirs = measure(ctx, row)
    median = statistics.median(s.seconds for s in mine)
    peak = max(s.rss_mb for s in mine)
    floor_median = statistics.median(s.seconds for s in theirs) if row.floor else None
    yield _judged(
        ctx, row.label, median, row.floor, floor_median, row.max_ratio, row.max_seconds, peak
    )
    if row.max_rss_mb is not None:
        yield _line(
            ctx,
            f"peak memory: {row.label}",
            f"{peak:.0f} MB",
            "-",
            "-",
            f"≤ {row.max_rss_mb:.0f} MB",
            peak <= row.max_rss_mb,
            True,
            f"{peak:.0f}",
        )


def _target_text(max_ratio: float | None, max_seconds: float | None) -> str:
    if max_ratio is not None:
        return f"≤ {max_ratio:g} × floor"
    if max_seconds is not None:
        return f"≤ {_ms(max_seconds)}"
    return "(none)"


def _judged(
    ctx: Context,
    label: str,
    seconds: float,
    floor: str | None,
    floor_seconds: float | None,
    max_ratio: float | None,
    max_seconds: float | None,
    peak_mb: float | None,
) -> Line:
    """The line of a figure measured against its targets (a ratio to its floor, a time)."""
    floor_text = ratio_text = "-"
    ok = True
    if floor_seconds is not None:
        ratio = seconds / floor_seconds
        floor_text = f"{_ms(floor_seconds)} ({floor})"
        ratio_text = f"{ratio:.2f}"
        ok = max_ratio is None or ratio <= max_ratio
    if max_seconds is not None:
        ok = ok and seconds <= max_seconds
    has_target = max_ratio is not None or max_seconds is not None
    peak = "-" if peak_mb is None else f"{peak_mb:.0f}"
    target = _target_text(max_ratio, max_seconds)
    return _line(ctx, label, _ms(seconds), floor_text, ratio_text, target, ok, has_target, peak)


def _line(
    ctx: Context,
    command: str,
    median: str,
    floor: str,
    ratio: str,
    target: str,
    ok: bool,
    has_target: bool,
    peak: str,
) -> Line:
    if not has_target:
        return Line(command, median, floor, ratio, target, "info", peak)
    result = "pass" if ok else "FAIL"
    if not ctx.enforce:
        result += " (not enforced)"
    return Line(command, median, floor, ratio, target, result, peak, failed=not ok)


# --------------------------------------------------------------------------- timed by scripts


#: Modules under bench/ with a `timings(ctx)` function (issues 12 and 14).
SCRIPTS: list[str] = ["browse", "screens"]


def scripted(ctx: Context, name: str) -> Iterator[Line]:
    import importlib

    try:
        results: list[Timed] = importlib.import_module(name).timings(ctx)
    except Unavailable as exc:
        yield Line(f"{name}.py", "-", "-", "-", "-", f"skipped: {exc}", "-")
        return
    except (subprocess.CalledProcessError, SystemExit) as exc:
        # A failed measurement fails the run, but keeps the rows measured before it.
        yield Line(f"{name}.py", "-", "-", "-", "-", f"FAIL: {exc}", "-", failed=True)
        return
    for t in results:
        yield _judged(
            ctx, t.label, t.seconds, t.floor, t.floor_seconds, t.max_ratio, t.max_seconds, None
        )


# --------------------------------------------------------------------------- growth


@dataclass(frozen=True)
class Point:
    nodes: int
    facts: int
    megabytes: float
    first: float
    repeated: float
    peak_mb: float


def growth(ctx: Context, sizes: Sequence[int], facts_per_node: int) -> list[Point]:
    """`hxq show DEEP --json` on frameworks of each size: a first run and repeated runs."""
    points: list[Point] = []
    for nodes in sizes:
        path = ctx.workdir / f"growth-{nodes}.yaml"
        summary = make_file(path, nodes, facts_per_node)
        if hasattr(os, "sync"):
            os.sync()
        argv = ctx.fill(SHOW_DEEP, big=path, summary=summary)
        env = ctx.env()
        # Past 10,000 nodes a first run takes tens of seconds: fewer runs there.
        large = nodes > 10_000
        firsts: list[float] = []
        for _ in range(1 if large else max(1, min(3, ctx.runs // 3))):
            ctx.clear_cache()
            firsts.append(run_once(argv, env).seconds)
        samples = [run_once(argv, env) for _ in range(min(5, ctx.runs) if large else ctx.runs)]
        points.append(
            Point(
                nodes=summary.nodes,
                facts=summary.facts,
                megabytes=summary.bytes / 1e6,
                first=statistics.median(firsts),
                repeated=statistics.median(s.seconds for s in samples),
                peak_mb=max(s.rss_mb for s in samples),
            )
        )
        path.unlink()
        print(f"  growth: {nodes} nodes done", file=sys.stderr)
    return points


#: Linear growth is a slope of 1 on log-log axes; this allows for noise between runs.
MAX_GROWTH_SLOPE = 1.1


def slope(points: list[Point], name: str) -> float:
    """Least-squares slope of log(time) against log(nodes): 1 is linear, 2 quadratic."""
    xs = [math.log(p.nodes) for p in points]
    ys = [math.log(getattr(p, name)) for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def growth_lines(ctx: Context, points: list[Point]) -> list[Line]:
    """Time grows no faster than linearly: the log-log slope over all sizes is at most ~1.

    The worst step between neighbouring sizes (time ratio over node ratio) is shown beside it:
    a single step is noisier than the fit, so it informs rather than decides.
    """
    lines = []
    span = f"{points[0].nodes:,}→{points[-1].nodes:,} nodes"
    for name in ("first", "repeated"):
        worst = max(
            (getattr(b, name) / getattr(a, name)) / (b.nodes / a.nodes)
            for a, b in zip(points, points[1:], strict=False)
        )
        fitted = slope(points, name)
        lines.append(
            _line(
                ctx,
                f"growth of {name} runs, {span} (worst step {worst:.2f})",
                "-",
                "-",
                f"{fitted:.2f}",
                f"log-log slope ≤ {MAX_GROWTH_SLOPE}",
                fitted <= MAX_GROWTH_SLOPE,
                True,
                "-",
            )
        )
    return lines


def growth_table(points: list[Point]) -> str:
    head = "| nodes | facts | file | first run | repeated run | peak memory (repeated) | repeated, per 1,000 nodes |\n"
    head += "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    rows = "".join(
        f"| {p.nodes:,} | {p.facts:,} | {p.megabytes:.1f} MB | {_ms(p.first)} | {_ms(p.repeated)} | {p.peak_mb:.0f} MB | {p.repeated / p.nodes * 1e6:.1f} ms |\n"
        for p in points
    )
    return head + rows + "\n" + growth_chart(points)


def growth_chart(points: list[Point], width: int = 50) -> str:
    """A text chart of repeated-run time against node count (log scale for nodes)."""
    top = max(p.repeated for p in points)
    lines = ["repeated run (`hxq show DEEP --json`), time against nodes:", "```"]
    for p in points:
        bar = "█" * max(1, math.ceil(p.repeated / top * width))
        lines.append(f"{p.nodes:>8,} │{bar} {_ms(p.repeated)}")
    lines.append("```")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


def table(lines: list[Line]) -> str:
    head = "| command | median | floor | ratio | target | result | peak MB |\n"
    head += "| --- | ---: | ---: | ---: | --- | --- | ---: |\n"
    return head + "".join(
        f"| {ln.command} | {ln.median} | {ln.floor} | {ln.ratio} | {ln.target} | {ln.result} | {ln.peak_mb} |\n"
        for ln in lines
    )


def available_commands(hxq: str, env: dict[str, str]) -> set[str]:
    """The commands `hxq --help` lists."""
    out = subprocess.run(
        [hxq, "--help"], capture_output=True, text=True, env=env, check=True
    ).stdout
    return set(re.findall(r"(?m)^[\s│|]*([a-z][a-z-]*)\s{2,}\S", out))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = sys.version.split()[0]
    return f"{os.cpu_count()} CPUs ({cpu}), Python {version} ({sys.platform})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, few runs; targets not enforced"
    )
    parser.add_argument("--runs", type=int, help="runs per command (default 21, quick 3)")
    parser.add_argument(
        "--nodes", type=int, help="nodes of the big framework (default 10000, quick 500)"
    )
    parser.add_argument("--facts-per-node", type=int, default=5)
    parser.add_argument(
        "--huge", type=int, help="nodes of the huge framework (default 100000, quick 2000)"
    )
    parser.add_argument(
        "--source-mb", type=float, help="size of verify's source text (default 50, quick 2)"
    )
    parser.add_argument(
        "--growth",
        help="comma-separated node counts (default 1000,3000,10000,30000,100000; quick 100,300,1000); 'none' to skip",
    )
    parser.add_argument("--only", help="run only rows whose label contains this text")
    parser.add_argument(
        "--hxq", help="the hxq to measure (default: the one beside this interpreter)"
    )
    args = parser.parse_args(argv)

    runs = args.runs or (3 if args.quick else 21)
    nodes = args.nodes or (500 if args.quick else 10_000)
    sizes_text = args.growth or ("100,300,1000" if args.quick else "1000,3000,10000,30000,100000")
    sizes = [] if sizes_text == "none" else [int(s) for s in sizes_text.split(",")]
    hxq = args.hxq or str(Path(sys.executable).with_name("hxq"))

    workdir = Path(tempfile.mkdtemp(prefix="hxq-bench-"))
    try:
        base_env = {
            k: v for k, v in os.environ.items() if not k.startswith(("HXQ_", "_HXQ_", "COMP_"))
        }
        # Users' Pythons cache bytecode; without it an editable install recompiles hxq every run.
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        base_env.update(
            {
                "XDG_CACHE_HOME": str(workdir / "cache"),
                "COLUMNS": "80",
                # The growth curve goes past the default 64 MiB file limit.
                "HXQ_MAX_BYTES": str(2**30),
            }
        )
        big = workdir / f"big-{nodes}.yaml"
        summary = make_file(big, nodes, args.facts_per_node)
        ctx = Context(
            python=sys.executable,
            hxq=hxq,
            workdir=workdir,
            big=big,
            summary=summary,
            runs=runs,
            enforce=not args.quick,
            commands=available_commands(hxq, base_env),
            base_env=base_env,
            sizes=Sizes(
                args.huge or (2_000 if args.quick else 100_000),
                args.source_mb or (2 if args.quick else 50),
            ),
        )
        print(f"# hxq benchmark{' (quick: targets not enforced)' if args.quick else ''}\n")
        print(f"Machine: {machine()}. {runs} runs per command, medians.")
        print(
            f"Big framework: {summary.nodes:,} nodes, {summary.facts:,} facts, depth {summary.depth}, "
            f"{summary.bytes / 1e6:.1f} MB; DEEP = {summary.deepest_id}.\n",
            flush=True,
        )
        lines: list[Line] = []
        for row in ROWS:
            if args.only and args.only not in row.label:
                continue
            lines.extend(judge(ctx, row))
            print(f"  measured: {row.label}", file=sys.stderr, flush=True)
        for name in SCRIPTS:
            if args.only and args.only not in name:
                continue
            lines.extend(scripted(ctx, name))
            print(f"  measured: {name}.py", file=sys.stderr, flush=True)
        points = growth(ctx, sizes, args.facts_per_node) if len(sizes) >= 2 else []
        if points:
            lines.extend(growth_lines(ctx, points))
        print(table(lines))
        if points:
            print(f"Growth ({args.facts_per_node} facts per node):\n")
            print(growth_table(points))
    except CommandFailed as exc:
        print(f"bench: a command failed: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    missed = [ln for ln in lines if ln.failed]
    if missed and not args.quick:
        print(f"{len(missed)} target(s) missed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
