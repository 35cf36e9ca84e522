"""The interactive view (`hxq browse`). Textual is imported only when the view runs."""

from __future__ import annotations

from hxq_cli.tui.hxq_api import Lang, UsageError, load_framework, read_source, resolve_id


def browse(
    data: str | None, node_id: str | None, lang: Lang, source: str | None, *, terminal: bool
) -> int:
    """Run the full-screen view; the exit code. `terminal`: whether both stdin and stdout are a
    terminal (keys come in, a screen goes out). Every error is raised before the screen is taken."""
    if not terminal:
        raise UsageError("browse needs a terminal: stdin and stdout must not be redirected")
    framework = load_framework(data)
    start = resolve_id(framework, node_id) if node_id is not None else None
    text = read_source(source) if source is not None else None
    from hxq_cli.tui.app import BrowseApp

    result = BrowseApp(framework, lang=lang, start=start, source=text).run()
    return 0 if result is None else result
