"""`hxq export --format html`: the page's own guarantees (CSP, offline, size), then the page
itself in real headless Chromium, opened from a file:// address (one browser for the module).

The browser is Debian's chromium (`apt-get install chromium`), driven by Playwright; no
browser is downloaded. Without it the browser tests skip, unless CI is set, where they fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, sync_playwright
from playwright.sync_api import expect as _expect

from conftest import FIXTURES, SHIPPED, Run, load_framework
from hxq_cli.formats.html import html_page, script_json

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = '<img src=x onerror=alert(1)></script>"quotes"\u2028end'
CJK = re.compile("[\u3400-\u9fff]")


def shipped_html(lang: str = "both") -> str:
    return html_page(load_framework(str(SHIPPED)), lang)  # type: ignore[arg-type]


def hostile_framework(tmp: Path) -> Path:
    """The minimal framework with hostile text in titles, description, figures and source."""
    doc = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    doc["title"] = {"zh": HOSTILE, "en": HOSTILE}
    doc["sources"][0]["title"] = {"zh": HOSTILE, "en": HOSTILE}
    node = doc["nodes"][0]
    node["title"] = {"zh": "标题" + HOSTILE, "en": "Title " + HOSTILE}
    node["description"] = {"zh": HOSTILE, "en": "<b>bold</b> " + HOSTILE}
    node["facts"][0]["statement"] = {"zh": HOSTILE, "en": HOSTILE}
    node["facts"][0]["anchor"] = HOSTILE
    path = tmp / "hostile.yaml"
    # JSON with \u escapes is YAML too; a raw U+2028 is refused by the reader.
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# ---- the page as text ---------------------------------------------------------------------


def _inline_blocks(page: str) -> tuple[str, str]:
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(style) == 1 and len(scripts) == 1
    return style[0], scripts[0]


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_allows_exactly_the_inline_style_and_script() -> None:
    page = shipped_html()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.group(1).split(";"))
    style, script = _inline_blocks(page)
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == _sha(script)
    assert directives["style-src"] == _sha(style)
    assert "unsafe" not in csp.group(1)


def test_no_inline_handlers_or_style_attributes() -> None:
    page = shipped_html()
    assert not re.search(r"\son[a-z]+\s*=", page.split('<script id="hxq-data"')[0])
    assert " style=" not in page
    assert ".innerHTML" not in page and "insertAdjacentHTML" not in page


def test_page_holds_no_url_to_fetch() -> None:
    page = shipped_html()
    assert not re.search(r"https?://|//[a-z0-9-]+\.[a-z]", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_shipped_page_is_at_most_250_kb() -> None:
    assert len(shipped_html().encode("utf-8")) <= 250 * 1024


def test_data_block_escapes_what_could_end_it() -> None:
    text = script_json({"a": HOSTILE + " & -->"})
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": HOSTILE + " & -->"}


def test_hostile_page_keeps_one_script_and_one_data_block(tmp_path: Path) -> None:
    page = html_page(load_framework(str(hostile_framework(tmp_path))), "both")
    assert page.count("</script>") == 2
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the <title>, escaped


def test_export_writes_the_page(hxq: Run, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = hxq("export", "--format", "html", "4.2", "--lang", "en", "-o", str(out))
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert '"lang":"en"' in page and '"id":"4.2"' in page and '"id":"4.3"' not in page


def test_open_needs_a_file(hxq: Run) -> None:
    result = hxq("export", "--format", "html", "--open")
    assert result.code == 2
    assert result.err == "hxq: error: --open opens the written file: give it with -o FILE\n"


def test_open_opens_the_written_file(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    out = tmp_path / "page.html"
    assert hxq("export", "-f", "html", "-o", str(out), "--open").code == 0
    assert opened == [out.resolve().as_uri()]


# ---- the page in Chromium ------------------------------------------------------------------


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    _need_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped framework's page (default language both and en) and the hostile one."""
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for name, text in (
        ("both", shipped_html("both")),
        ("en", shipped_html("en")),
        ("hostile", html_page(load_framework(str(hostile_framework(folder))), "both")),
    ):
        out[name] = folder / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    return out


@dataclass
class Opened:
    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def item(self, node_id: str) -> Any:
        return self.page.locator(f'[role=treeitem][data-i="{self.index(node_id)}"]')

    def index(self, node_id: str) -> int:
        found = self.page.evaluate(
            "id => JSON.parse(document.getElementById('hxq-data').textContent)"
            ".nodes.findIndex(n => n.id === id)",
            node_id,
        )
        assert isinstance(found, int) and found >= 0, node_id
        return found

    def check_clean(self) -> None:
        assert self.requests == [self.url], "the page asked for something besides itself"
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture
def open_page(browser: Browser, pages: dict[str, Path]) -> Iterator[Any]:
    opened: list[Opened] = []

    def open_(name: str = "both", fragment: str = "", width: int = 1280) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": 900})
        url = pages[name].as_uri()
        result = Opened(page, url)

        def on_request(request: Request) -> None:
            result.requests.append(request.url.split("#")[0])

        def on_console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                result.errors.append(message.text)

        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda exc: result.errors.append(str(exc)))

        def on_dialog(dialog: Dialog) -> None:
            result.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url + fragment)
        page.wait_for_selector("body.ready")
        opened.append(result)
        return result

    yield open_
    for result in opened:
        result.check_clean()
        result.page.close()


def test_opens_offline_with_no_error(open_page: Any) -> None:
    opened = open_page()
    _expect(opened.page.locator("[role=tree] > [role=treeitem]")).to_have_count(8)
    # check_clean (requests, console, dialogs) runs as the fixture ends


def test_tree_expands_and_collapses_by_mouse(open_page: Any) -> None:
    opened = open_page()
    node = opened.item("2")
    _expect(node).to_have_attribute("aria-expanded", "false")
    _expect(opened.item("2.1")).to_have_count(0)  # children are drawn on first expand
    node.locator(":scope > .row > .twisty").click()
    _expect(node).to_have_attribute("aria-expanded", "true")
    _expect(opened.item("2.1")).to_be_visible()
    node.locator(":scope > .row > .twisty").click()
    _expect(node).to_have_attribute("aria-expanded", "false")
    _expect(opened.item("2.1")).to_be_hidden()
    opened.page.get_by_role("button", name="Expand all").click()
    _expect(opened.item("4.2.industries")).to_be_visible()
    opened.page.get_by_role("button", name="Collapse all").click()
    _expect(opened.item("4.2")).to_be_hidden()


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_tree_follows_the_aria_tree_pattern_by_keyboard(open_page: Any) -> None:
    opened = open_page()
    page = opened.page
    assert page.locator("[role=treeitem][tabindex='0']").count() == 1  # roving tabindex
    opened.item("1").focus()
    page.keyboard.press("ArrowDown")
    _expect(opened.item("2")).to_be_focused()
    page.keyboard.press("ArrowRight")
    _expect(opened.item("2")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowRight")
    _expect(opened.item("2.1")).to_be_focused()
    _expect(opened.item("2.1")).to_have_attribute("tabindex", "0")
    _expect(opened.item("2")).to_have_attribute("tabindex", "-1")
    page.keyboard.press("Enter")
    _expect(opened.item("2.1")).to_have_attribute("aria-selected", "true")
    _expect(page.locator(".node-title")).to_contain_text("2.1")
    assert page.evaluate("location.hash") == "#2.1"
    page.keyboard.press("ArrowLeft")
    _expect(opened.item("2")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    _expect(opened.item("2")).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("End")
    _expect(page.locator("[role=tree] > [role=treeitem]").last).to_be_focused()
    page.keyboard.press("Home")
    _expect(opened.item("1")).to_be_focused()


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_deep_link_opens_selects_and_scrolls_to_the_node(open_page: Any) -> None:
    opened = open_page(fragment="#4.2")
    node = opened.item("4.2")
    _expect(node).to_have_attribute("aria-selected", "true")
    _expect(node).to_have_attribute("aria-expanded", "true")
    _expect(node).to_be_in_viewport()
    _expect(opened.page.locator(".node-title")).to_contain_text("科创赋能")
    opened.item("4.3").locator(":scope > .row .title").click()
    assert opened.page.evaluate("location.hash") == "#4.3"


@pytest.mark.parametrize(
    ("query", "hit", "shown", "gone"),
    [
        ("科创", "科创", "4.2", "1"),
        ("ＩＮＮＯＶ", "Innov", "4.2", "1"),  # full-width input, folded; a word prefix
        ("calling card", "calling card", "4", "1"),
    ],
)
def test_search_filters_and_highlights(
    open_page: Any, query: str, hit: str, shown: str, gone: str
) -> None:
    opened = open_page()
    opened.page.get_by_label("搜索 Search").fill(query)
    _expect(opened.item(shown)).to_be_visible()
    _expect(opened.item(gone)).to_have_count(0)
    _expect(opened.page.locator("[role=tree] mark").first).to_have_text(re.compile(hit, re.I))
    _expect(opened.page.locator("#status")).to_contain_text("nodes")


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_search_filters_the_facts(open_page: Any) -> None:
    opened = open_page()
    opened.page.get_by_label("搜索 Search").fill("研发")
    rows = opened.page.locator("#facts-body tr")
    _expect(rows.first).to_be_visible()
    assert rows.count() == rows.filter(has=opened.page.locator("mark")).count()
    _expect(opened.page.locator("#facts-count")).to_contain_text(f"of {rows.count()}")


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_search_matches_english_only_at_word_starts(open_page: Any) -> None:
    opened = open_page()
    opened.page.get_by_label("搜索 Search").fill("nnovation")
    _expect(opened.page.locator("[role=tree] [role=treeitem]")).to_have_count(0)
    _expect(opened.page.locator("#facts-body tr")).to_have_count(0)


_TEXT_OUTSIDE_ZH = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest('script, [lang^="zh"], .briefing, .amount') || !p.checkVisibility()) continue;
    if (n.textContent.trim()) out.push(n.textContent);
  }
  return out.join("\\n");
}"""


def test_language_switch_changes_every_label(open_page: Any) -> None:
    opened = open_page(fragment="#4.2")
    page = opened.page
    page.get_by_label("English").check()
    assert page.evaluate("document.documentElement.lang") == "en"
    # Only the source's own words (lang="zh") stay Chinese, and the figures, whose units are
    # as the source writes them (104个).
    assert not CJK.search(page.evaluate(_TEXT_OUTSIDE_ZH))
    _expect(page.locator("q[lang^=zh]").first).to_be_visible()
    assert page.evaluate("location.hash") == "#4.2&lang=en"
    page.get_by_label("中文").check()
    _expect(page.get_by_role("button", name="全部展开")).to_be_visible()
    _expect(page.get_by_role("button", name="Expand all")).to_have_count(0)
    _expect(page.locator("#facts-heading")).to_have_text("数据")
    _expect(opened.item("4.2").locator(":scope > .row .title")).to_have_text("科创赋能")


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_language_comes_from_the_address(open_page: Any) -> None:
    opened = open_page("en", fragment="#4&lang=zh")
    _expect(opened.page.locator("#tree-heading")).to_have_text("框架")
    _expect(opened.item("4")).to_have_attribute("aria-selected", "true")
    english = open_page("en")
    _expect(english.page.locator("#tree-heading")).to_have_text("Framework")


def test_facts_table_sorts(open_page: Any) -> None:
    opened = open_page("en")
    page = opened.page

    def dates() -> list[str]:
        texts: list[str] = page.locator("#facts-body td.date").all_text_contents()
        return [d for d in texts if d != "—"]

    page.get_by_role("button", name="As of").click()
    _expect(page.locator("th[data-sort=date]")).to_have_attribute("aria-sort", "ascending")
    assert dates() == sorted(dates())
    page.get_by_role("button", name="As of").click()
    _expect(page.locator("th[data-sort=date]")).to_have_attribute("aria-sort", "descending")
    assert dates() == sorted(dates(), reverse=True)
    page.get_by_role("button", name="Value").click()
    _expect(page.locator("th[data-sort=value]")).to_have_attribute("aria-sort", "ascending")
    _expect(page.locator("th[data-sort=date]")).not_to_have_attribute("aria-sort", "ascending")
    page.get_by_role("button", name="Node").click()
    _expect(page.locator("#facts-body tr").first).to_contain_text("1")
    # Bars: shares out of 100%, ratios out of the largest (which fills its track).
    widths = page.locator(".is-ratio .bar").evaluate_all("bars => bars.map(b => b.style.width)")
    assert "100%" in widths


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_facts_filter_by_subtree(open_page: Any) -> None:
    opened = open_page("en", fragment="#4.4")
    page = opened.page
    page.get_by_label("Only under the selected node").check()
    rows = page.locator("#facts-body tr .node-cell").all_text_contents()
    assert rows and all(text.startswith("4.4") for text in rows)


def test_hostile_strings_show_as_text(open_page: Any) -> None:
    opened = open_page("hostile", fragment="#1")
    page = opened.page
    _expect(opened.item("1").locator(":scope > .row .title")).to_contain_text(
        'Title <img src=x onerror=alert(1)></script>"quotes"\u2028end'
    )
    _expect(page.locator(".anchor q")).to_have_text(HOSTILE)
    _expect(page.locator(".description")).to_contain_text("<b>bold</b>")
    _expect(page.locator("#sources-body cite")).to_contain_text(HOSTILE)
    assert page.locator("img, b").count() == 0
    page.get_by_label("搜索 Search").fill("<img")
    _expect(page.locator("[role=tree] mark").first).to_have_text("<img")
    # check_clean: no dialog opened, no error, no request


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
def test_print_lays_out_the_whole_framework(open_page: Any) -> None:
    opened = open_page("en")
    page = opened.page
    page.emulate_media(media="print")
    _expect(page.locator("#briefing .brief-node")).to_have_count(
        page.evaluate("JSON.parse(document.getElementById('hxq-data').textContent).nodes.length")
    )
    _expect(page.locator("#controls")).to_be_hidden()
    _expect(page.locator("[role=tree]")).to_be_hidden()
