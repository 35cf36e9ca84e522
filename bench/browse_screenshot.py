"""Take the README's screenshot of `hxq browse` (docs/browse.svg): 4.outcomes, after a search
for 专利, in both languages, as Textual draws it at 80×24 (the size the view is made for).

    python bench/browse_screenshot.py
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from hxq_cli.tui.app import BrowseApp
from hxq_cli.tui.hxq_api import load_framework, resolve_id

DOCS = Path(__file__).resolve().parents[1] / "docs"


async def shoot(output: Path) -> None:
    framework = load_framework(None)
    app = BrowseApp(framework, lang="both", start=resolve_id(framework, "4.outcomes"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"专利", "enter")
        for _ in range(20):
            await pilot.pause()
        app.save_screenshot(filename=output.name, path=str(output.parent))


def main() -> int:
    output = DOCS / "browse.svg"
    asyncio.run(shoot(output))
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
