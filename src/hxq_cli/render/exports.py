"""One entry point for the text formats of `hxq export`; each renderer is imported on use."""

from __future__ import annotations

from hxq_cli.model import Framework, Lang


def export_text(fmt: str, framework: Framework, lang: Lang = "both") -> str:
    """The framework in a text format: md, csv, mermaid, dot, json, yaml or html.

    `lang` applies to the formats people read (md, mermaid, dot; html's default language);
    the data formats always carry both languages.
    """
    if fmt == "md":
        from hxq_cli.render.markdown import framework_markdown

        return framework_markdown(framework, lang)
    if fmt == "csv":
        from hxq_cli.facts import fact_rows
        from hxq_cli.render.csvout import facts_csv

        return facts_csv(fact_rows(framework))
    if fmt == "mermaid":
        from hxq_cli.render.mermaid import mindmap

        return mindmap(framework, lang)
    if fmt == "dot":
        from hxq_cli.render.dot import digraph

        return digraph(framework, lang)
    if fmt == "json":
        from hxq_cli.render.jsonout import dumps, framework_document

        return dumps(framework_document(framework))
    if fmt == "yaml":
        from hxq_cli.render.yamlout import dumps_yaml

        return dumps_yaml(framework.to_dict())
    if fmt == "html":
        from hxq_cli.formats.html import html_page

        return html_page(framework, lang)
    raise ValueError(f"not a text format: {fmt}")
