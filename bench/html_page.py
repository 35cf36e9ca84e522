"""Measure `hxq export --format html` pages in headless Chromium (issues 15 and 25).

    python bench/html_page.py                 # the shipped framework and a 10,000-node one
    python bench/html_page.py --nodes 2000    # a smaller generated framework

For each framework: the page's size (and how much of it is the document that reads without
JavaScript), the time to write it (in-process, `html_page`), and in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright) the medians over several fresh tabs of: ready with
JavaScript (navigation start to the view drawn, `body.ready`), loaded without JavaScript
(navigation start to the load event), a search keystroke (the input event to the next frame
after the tree, the figures and the status line are redrawn, timed in the page), expanding the
whole tree (the click to the next frame) and sorting the figures by value. Targets: shipped page
≤ 250 KB and ready ≤ 1 s; 10,000 nodes ready ≤ 3 s, a search keystroke ≤ 200 ms and expand all
≤ 1 s. Reported, not enforced: the exit status is 0 unless the browser or a command fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

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


# In the page: do something, then wait for the frame after it (the view laid out and painted),
# and say how long that took from the moment it was done, in milliseconds.
_NEXT_FRAME = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"
_KEYSTROKE = (
    """async query => {
  const box = document.getElementById('hxq_q'), status = document.getElementById('hxq_status');
  const changed = new Promise(resolve => {
    const seen = new MutationObserver(() => { seen.disconnect(); resolve(); });
    seen.observe(status, {childList: true, characterData: true, subtree: true});
  });
  const start = performance.now();
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  await changed;
  await """
    + _NEXT_FRAME
    + """;
  return performance.now() - start;
}"""
)
# A click, timed to the frame after it and to the end of the tree's drawing: rows past the
# first screen are drawn between frames while the tree is aria-busy.
_CLICK = (
    """async selector => {
  const tree = document.getElementById('hxq_tree');
  const start = performance.now();
  document.querySelector(selector).click();
  await """
    + _NEXT_FRAME
    + """;
  const shown = performance.now() - start;
  while (tree.hasAttribute('aria-busy')) await """
    + _NEXT_FRAME
    + """;
  return [shown, performance.now() - start, tree.querySelectorAll('[role=treeitem]').length];
}"""
)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):10.0f} ms   (runs {', '.join(f'{v:.0f}' for v in values)})"


def _verdict(values: list[float], target: float) -> str:
    return f"target {target:.0f} ms: {'met' if statistics.median(values) <= target else 'MISSED'}"


def measure(
    name: str, source: str | None, runs: int, queries: tuple[str, str], targets: dict[str, int]
) -> None:
    start = time.perf_counter()
    text = html_page(load_framework(source), "both")
    write_ms = (time.perf_counter() - start) * 1000
    size = len(text.encode("utf-8"))
    doc = text.split('id="hxq_doc">', 1)[1].split("</main>", 1)[0]
    data = text.split('<script id="hxq_data" type="application/json">', 1)[1].split("</script>")[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(text, encoding="utf-8")
        url = path.as_uri()
        ready, loaded, search, expand, drawn, sort = [], [], [], [], [], []
        rows = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(runs):
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, java_script_enabled=False
                )
                page = context.new_page()
                page.goto(url, wait_until="load", timeout=300_000)
                loaded.append(
                    page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                )
                context.close()
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url, wait_until="load", timeout=300_000)
                # From the browser's own navigation start to the mark page.js sets when the
                # view is drawn: not Playwright's round trips or its polling of a large page.
                ready.append(
                    page.evaluate("performance.getEntriesByName('hxq-ready')[0].startTime")
                )
                # A word typed one keystroke at a time: the second keystroke is the one timed
                # (the first also builds the search's index of the texts).
                page.evaluate(_KEYSTROKE, queries[0][:1])
                search.append(page.evaluate(_KEYSTROKE, queries[0]))
                page.evaluate(_KEYSTROKE, queries[1])
                page.evaluate(_KEYSTROKE, "")
                first, whole, rows = page.evaluate(_CLICK, "#hxq_expand_all")
                expand.append(first)
                drawn.append(whole)
                sort.append(page.evaluate(_CLICK, "th[data-sort=value] button")[0])
                page.close()
            browser.close()
    print(f"{name}")
    print(f"  page size        {size / 1024:10.1f} KB")
    print(
        f"    document       {len(doc.encode()) / 1024:10.1f} KB   (what reads without JavaScript)"
    )
    print(
        f"    data           {len(data.encode()) / 1024:10.1f} KB   (the interactive view's JSON)"
    )
    print(f"  write            {write_ms:10.0f} ms   (load_framework and html_page, in-process)")
    print(f"  loaded, no JS    {_median(loaded)}")
    print(f"  ready            {_median(ready)}; {_verdict(ready, targets['ready'])}")
    print(f"  search keystroke {_median(search)}; {_verdict(search, targets['search'])}")
    print(f"  expand all       {_median(expand)}; {_verdict(expand, targets['expand'])}")
    print(f"    every row      {_median(drawn)}   ({rows:,} rows drawn)")
    print(f"  sort by value    {_median(sort)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="nodes in the generated file")
    parser.add_argument("--facts-per-node", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5, help="fresh tabs per framework")
    args = parser.parse_args(argv)
    measure(
        "shipped framework",
        None,
        args.runs,
        ("科创", "innov"),
        {"ready": 1000, "search": 200, "expand": 1000},
    )
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        make_file(big, args.nodes, args.facts_per_node)
        name = f"generated, {args.nodes:,} nodes, {args.facts_per_node} facts per node"
        targets = {"ready": 3000, "search": 200, "expand": 1000}
        measure(name, str(big), args.runs, ("创新", "platform"), targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
