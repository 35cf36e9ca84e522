"""`hxq show`, `hxq facts` and `hxq search`: reading the framework."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from hxq_cli.cli.messages import note
from hxq_cli.cli.options import (
    ColorChoice,
    ColorOption,
    CsvOption,
    DataOption,
    JsonOption,
    LangChoice,
    LangOption,
    PagerOption,
    UnderOption,
    environment,
    examples,
    id_argument,
    typed_text,
)
from hxq_cli.cli.stdout import emit_json, emit_text, emit_view
from hxq_cli.errors import ExitCode, UsageError
from hxq_cli.model import Framework
from hxq_cli.queries.resolve import find_node, resolve_fact, resolve_id
from hxq_cli.read import load_framework
from hxq_cli.text import fold

if TYPE_CHECKING:
    from hxq_cli.cli.environment import Environment
    from hxq_cli.queries.facts import FactRow


class SortChoice(str, Enum):
    doc = "doc"
    id = "id"
    value = "value"


SHOW_EPILOG = examples(
    "hxq show 4",
    "hxq show innovation --lang en",
    "hxq show 科创赋能",
    "hxq show 4.2 --json | jq '.node.facts'",
    "hxq show 4.2.rd-investment",
    "hxq show --data other-zone.yaml",
)


def show(
    ctx: typer.Context,
    node_id: Annotated[
        str | None,
        id_argument(
            # No Chinese here: Rich cuts a help line holding it at some widths ("th…").
            "Dotted ID, fact ID, alias, or title in Chinese or English: 4.2, "
            "4.2.rd-investment, innovation. Omit it for the whole tree."
        ),
    ] = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """Show the framework as a tree, or one node with its parts and figures."""
    env = environment(ctx, color, pager)
    framework = load_framework(data)
    if node_id is None:
        if json_:
            from hxq_cli.formats.json import framework_json

            emit_json(env, framework_json(framework))
            return
        from hxq_cli.render.terminal import framework_tree

        emit_view(env, framework_tree(framework, lang.value))
        return
    # A node ID is looked up first: only a query that names no node can be a fact's ID.
    fact = None if find_node(framework, node_id) is not None else resolve_fact(framework, node_id)
    if fact is not None:
        if json_:
            from hxq_cli.formats.json import fact_json

            emit_json(env, fact_json(framework, *fact))
            return
        from hxq_cli.render.terminal import fact_view

        emit_view(env, fact_view(*fact, lang.value))
        return
    located = resolve_id(framework, node_id)
    if json_:
        from hxq_cli.formats.json import node_json

        emit_json(env, node_json(framework, located))
        return
    from hxq_cli.render.terminal import node_view

    emit_view(env, node_view(located, lang.value))


FACTS_EPILOG = examples(
    "hxq facts",
    "hxq facts 4.2",
    "hxq facts --search 专利 --sort value",
    "hxq facts --chart",
    "hxq facts --csv > facts.csv",
    "hxq facts --json | jq '.facts[].normalized'",
)


def facts(
    ctx: typer.Context,
    node_id: Annotated[
        str | None,
        id_argument("Only this node and its parts, or this one fact (the same as --under)."),
    ] = None,
    under: UnderOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only facts whose statement holds TEXT, in Chinese or English (case aside).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        SortChoice,
        typer.Option(
            "--sort",
            metavar="ORDER",
            help="Order: doc (as in the framework), id, or value (within each base unit).",
            case_sensitive=False,
        ),
    ] = SortChoice.doc,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="Draw the ratios, shares and percentages as bars."),
    ] = False,
    csv_: CsvOption = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="With --csv: start with a byte-order mark, so that Excel reads UTF-8."
        ),
    ] = False,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """List the framework's facts (figures) as a table, a bar chart, CSV or JSON.

    Exit 0 when facts are listed, 1 when none match (an ID without facts, --search, --chart), 2 on trouble (unknown ID, unreadable file).
    """
    env = environment(ctx, color, pager)
    if sum((chart, csv_, json_)) > 1:
        raise UsageError("choose one of --chart, --csv and --json")
    if excel and not csv_:
        raise UsageError("--excel goes with --csv")
    if node_id is not None and under is not None and node_id != under:
        raise UsageError("give the ID once: as the argument or as --under")
    from hxq_cli.queries.facts import each_fact_row, fact_rows

    framework = load_framework(data)
    where = node_id if node_id is not None else under
    if json_ and sort is SortChoice.doc and not reverse:
        from hxq_cli.formats.json import facts_json

        # In document order, each row is made as it is written: a large framework's facts
        # are never all held at once.
        written = 0

        def counted() -> Iterator[FactRow]:
            nonlocal written
            for row in each_fact_row(framework, where, search):
                written += 1
                yield row

        emit_json(env, facts_json(framework, counted()))
        _none_match(env, written)
        return
    rows = fact_rows(framework, under=where, search=search, sort=sort.value)
    if reverse:
        rows.reverse()
    if json_:
        from hxq_cli.formats.json import facts_json

        emit_json(env, facts_json(framework, rows))
    elif csv_:
        from hxq_cli.formats.csv import facts_csv

        emit_text(env, facts_csv(rows, bom=excel))
    elif chart:
        charted = [row for row in rows if row.chartable]
        if rows and not charted:
            note(env, "no ratios, shares or percentages among these facts")
            raise typer.Exit(int(ExitCode.NO))
        if charted:
            from hxq_cli.render.facts_view import facts_chart

            emit_view(env, facts_chart(charted, lang.value))
    elif rows:
        from hxq_cli.render.facts_view import fact_rows_table

        emit_view(env, fact_rows_table(rows, lang.value))
    _none_match(env, len(rows))


def _none_match(env: Environment, count: int) -> None:
    """When no fact matched: a line on stderr and exit 1, whatever the output (as `search`)."""
    if not count:
        note(env, "no facts match")
        raise typer.Exit(int(ExitCode.NO))


SEARCH_EPILOG = examples(
    "hxq search 名片",
    "hxq search innovation",
    "hxq search 'name card' --lang en",
    "hxq search 亿元 --under 4",
    "hxq search patent --json | jq -r '.hits[].node.id'",
)


def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="Chinese matches anywhere; other text matches at the start of words, any case.",
            show_default=False,
            callback=typed_text,
        ),
    ],
    under: UnderOption = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """Find text in titles, aliases, descriptions and facts.

    Exit 0 when something matches, 1 when nothing does, 2 on trouble (unknown --under ID, unreadable file).
    """
    env = environment(ctx, color, pager)
    from hxq_cli.queries.search import search as find

    framework = load_framework(data)
    located = resolve_id(framework, under) if under is not None else None
    hits = find(framework, text, located)
    if json_:
        from hxq_cli.formats.json import search_json

        emit_json(env, search_json(framework.id, text, hits))
    elif hits:
        from hxq_cli.render.search_view import search_view

        emit_view(env, search_view(hits, lang.value))
    if not hits:
        note(env, f"no match for {text!r}{_show_hint(framework, text)}")
        raise typer.Exit(int(ExitCode.NO))


def _show_hint(framework: Framework, text: str) -> str:
    """When the text searched for is an ID, what to type to see that node or fact."""
    fact = resolve_fact(framework, text)
    if fact is not None:
        return f"; did you mean `hxq show {fact[1].id}`?"
    try:
        node = framework.locate(fold(text))
    except KeyError:
        return ""
    return f"; did you mean `hxq show {node.node.id}`?"


TERMS_EPILOG = examples(
    "hxq terms",
    "hxq terms 名片",
    "hxq terms 'calling card' --lang en",
    "hxq terms --lang en",
    "hxq terms --csv > glossary.csv",
    "hxq terms --json | jq -r '.terms[] | \"\\(.zh)\\t\\(.en)\"'",
    "hxq terms 名片 --json | jq -r '.terms[].uses[].id'",
)


def terms(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="A term in Chinese or English (or a variant), matched as search matches: list"
            " the nodes and facts that use it.",
            show_default=False,
            callback=typed_text,
        ),
    ] = None,
    csv_: CsvOption = False,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """List the glossary: each key term in Chinese, its standard English, and a note; or, given a QUERY, where each term it names is used.

    With QUERY: the glossary terms whose Chinese, English or a variant it matches (case and full-width forms aside, as `hxq search`), each with the nodes and facts whose texts hold it (ID, title, the fields), for translators. Exit 0 when a term is listed, 1 when none matches (or the framework has no glossary), 2 on trouble.
    """
    env = environment(ctx, color, pager)
    if csv_ and json_:
        raise UsageError("choose one of --csv and --json")
    if csv_ and query is not None:
        raise UsageError("--csv lists the whole glossary; with QUERY, use the view or --json")
    framework = load_framework(data)
    if query is not None or json_:
        from hxq_cli.queries.terms import look_up

        found = look_up(framework, query)
        if json_:
            from hxq_cli.formats.json import terms_json

            emit_json(env, terms_json(framework, found, query))
        elif found:
            from hxq_cli.render.terminal import term_uses_view

            emit_view(env, term_uses_view(found, lang.value))
        if query is not None and not found:
            where = "" if framework.glossary else " (this framework has no glossary)"
            note(env, f"no glossary term matches {query!r}{where}")
            raise typer.Exit(int(ExitCode.NO))
    elif csv_:
        from hxq_cli.formats.csv import terms_csv

        emit_text(env, terms_csv(framework))
    elif framework.glossary:
        from hxq_cli.render.terminal import terms_table

        emit_view(env, terms_table(framework.glossary, lang.value))
    if not framework.glossary:
        # Nothing to list is a negative answer, as a query that matches nothing.
        note(env, "this framework has no glossary")
        raise typer.Exit(int(ExitCode.NO))
