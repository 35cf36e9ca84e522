"""Measure `hxq export --format html` pages in headless Chromium (issue 15).

    python bench/html_page.py                 # the shipped framework and a 10,000-node one
    python bench/html_page.py --nodes 2000    # a smaller generated framework

For each framework: the page's size, the time to write it (in-process, `html_page`), and in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) the medians over several
fresh tabs of: ready (navigation start to the tree drawn and the script done, `body.ready`),
a search (typing a query to the tree and facts redrawn), expanding the whole tree, and sorting
the facts by value. Targets: shipped page ≤ 250 KB and ready ≤ 1 s; 10,000 nodes ready ≤ 3 s.
Reported, not enforced: the exit status is 0 unless the browser or a command fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Keep the generated framework out of the user's cache; "write" includes reading the file.
os.environ["HXQ_NO_CACHE"] = "1"

from hxq_cli.formats.html import html_page  # noqa: E402
from hxq_cli.tui.hxq_api import load_framework  # noqa: E402
from make_framework import make_file  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _timed(action: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def _search(page: Page, query: str) -> None:
    page.fill("#q", query)
    # The status line is written last, after the tree and the facts.
    page.wait_for_function("q => document.getElementById('status').textContent !== ''", arg=query)


def _expand_all(page: Page) -> None:
    page.click("#expand-all")
    # Force layout: the time includes drawing the rows, not only building them.
    page.evaluate("() => document.body.offsetHeight")


def measure(name: str, source: str | None, runs: int, query: str, target_ms: float) -> None:
    start = time.perf_counter()
    text = html_page(load_framework(source), "both")
    write_ms = (time.perf_counter() - start) * 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(text, encoding="utf-8")
        url = path.as_uri()
        ready, search, expand, sort = [], [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url, wait_until="commit")
                page.wait_for_selector("body.ready")
                # From the browser's own navigation start: not Playwright's round trips.
                ready.append(
                    page.evaluate(
                        "new Promise(r => requestAnimationFrame(() => r(performance.now())))"
                    )
                )
                search.append(_timed(_search, page, query))
                page.fill("#q", "")
                expand.append(_timed(_expand_all, page))
                sort.append(_timed(page.click, "th[data-sort=value] button"))
                page.close()
            browser.close()
    size = len(text.encode("utf-8"))
    verdict = "met" if statistics.median(ready) <= target_ms else "MISSED"
    print(f"{name}")
    print(f"  page size        {size / 1024:10.1f} KB")
    print(f"  read + write     {write_ms:10.0f} ms   (load_framework and html_page, in-process)")
    print(
        f"  ready            {statistics.median(ready):10.0f} ms   (target {target_ms:.0f} ms: {verdict}; runs {', '.join(f'{v:.0f}' for v in ready)})"
    )
    print(
        f"  search {query!r:9} {statistics.median(search):10.0f} ms   (type, tree and facts redrawn)"
    )
    print(f"  expand all       {statistics.median(expand):10.0f} ms")
    print(f"  sort by value    {statistics.median(sort):10.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="nodes in the generated file")
    parser.add_argument("--facts-per-node", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5, help="fresh tabs per framework")
    args = parser.parse_args(argv)
    measure("shipped framework", None, args.runs, "科创", 1000)
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        make_file(big, args.nodes, args.facts_per_node)
        name = f"generated, {args.nodes:,} nodes, {args.facts_per_node} facts per node"
        measure(name, str(big), args.runs, "创新", 3000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
