"""Take the README's screenshot of the HTML page (docs/html-page.png) in headless Chromium.

    python bench/html_screenshot.py                      # docs/html-page.png, 4.2 selected
    python bench/html_screenshot.py --width 400 -o /tmp/narrow.png --full-page

Needs Debian's chromium and, for the Chinese text, a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from hxq_cli.formats.html import html_page
from hxq_cli.tui.hxq_api import load_framework

sys.path.insert(0, str(Path(__file__).resolve().parent))
from html_page import ARGS, CHROMIUM  # noqa: E402  (the same browser, started the same way)

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", default=str(DOCS / "html-page.png"))
    parser.add_argument("--node", default="4.2", help="node to select (a deep link)")
    parser.add_argument("--lang", default="both", choices=("zh", "en", "both"))
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--full-page", action="store_true")
    parser.add_argument("--query", default="", help="type this into the search box first")
    parser.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    parser.add_argument("--print", action="store_true", help="the print layout")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html_page(load_framework(None), args.lang), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(
                viewport={"width": args.width, "height": args.height},
                color_scheme="dark" if args.dark else "light",
            )
            page.goto(f"{path.as_uri()}#{args.node}")
            page.wait_for_selector("body.ready")
            if args.query:
                page.fill("#hxq_q", args.query)
            if args.print:
                page.emulate_media(media="print")
            page.evaluate("() => window.scrollTo(0, 0)")
            page.screenshot(path=args.output, full_page=args.full_page)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
