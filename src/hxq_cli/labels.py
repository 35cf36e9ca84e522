"""Every label a reader sees, in Chinese and English, written once: the terminal views, the
Markdown briefing, `hxq browse` and the HTML page (which receives the table as data) all take
their words from here, so that a field is called the same on every screen.

One word for each thing: 原文 / Anchor is the source's own words at a fact's anchor, 来源 /
Source the document a fact comes from; 数值 / Value a fact's figure, 事实 / Fact its statement.
A label is capitalised; a view that puts one inside a sentence lowercases it. A sentence that
counts something (3 matches in 2 nodes) is the view's own; the words it names things with are
these. `tests/test_labels.py` fails when a view writes a label of its own.
"""

from __future__ import annotations

from hxq_cli.model import Bilingual, Lang, Node
from hxq_cli.text import colon


class Labels:
    """The table: one attribute per label."""

    # A node's or a fact's fields, as every view names them (diff's Chinese view too).
    id = Bilingual("编号", "ID")
    title = Bilingual("名称", "Title")
    description = Bilingual("描述", "Description")
    role = Bilingual("定位", "Role")
    action = Bilingual("举措", "Action")
    target = Bilingual("目标", "Target")
    aliases = Bilingual("别名", "Aliases")
    statement = Bilingual("事实", "Fact")
    value = Bilingual("数值", "Value")
    unit = Bilingual("单位", "Unit")
    qualifier = Bilingual("限定", "Qualifier")
    as_of = Bilingual("时间", "As of")
    compared_with = Bilingual("比较对象", "Compared with")
    anchor = Bilingual("原文", "Anchor")
    source = Bilingual("来源", "Source")

    # Where a node or a fact is, and what a node holds.
    node = Bilingual("所属节点", "Node")
    path = Bilingual("位置", "Path")
    parts = Bilingual("组成", "Parts")
    figures = Bilingual("数据", "Figures")
    key_figures = Bilingual("关键数据", "Key figures")
    nodes = Bilingual("节点", "Nodes")
    framework = Bilingual("框架", "Framework")
    # A file's `subtree`: the one part of a larger framework it holds (diff's Chinese view).
    subtree = Bilingual("节选", "Subtree")
    sources = Bilingual("来源", "Sources")

    # The Markdown briefing's title block.
    version = Bilingual("版本", "Version")
    date = Bilingual("日期", "Date")
    contents = Bilingual("目录", "Contents")

    # Languages, and the glossary's columns.
    chinese = Bilingual("中文", "Chinese")
    english = Bilingual("英文", "English")
    note = Bilingual("说明", "Note")
    none = Bilingual("无", "none")

    # `hxq facts --chart`.
    shares = Bilingual("占比与百分比", "Shares and percentages")
    ratios = Bilingual("倍数", "Ratios")
    full_bar = Bilingual("整条", "full bar")
    times = Bilingual("倍", "×")

    # `hxq verify`: its sections and columns.
    fact_checks = Bilingual("事实核查", "Facts")
    counts_in_titles = Bilingual("标题中的数目", "Counts in titles")
    status = Bilingual("状态", "Status")
    # The figure the source writes at the anchor, beside the fact's own value.
    value_at_anchor = Bilingual("原文数值", "Value at anchor")
    line_col = Bilingual("行:列", "Line:col")
    announced = Bilingual("标题数目", "Announced")
    numbered_parts = Bilingual("编号子项", "Numbered parts")
    no_problems = Bilingual("没有发现问题", "No problems found")
    # Each status as a fact-checker says it: 一致/不一致 as a statistics office says a figure
    # agrees or not with its source (the same for a title's count), 未找到 for an anchor not in
    # the text, 有歧义 for one found with different figures, 无原文 for a fact without one.
    found = Bilingual("一致", "found")
    mismatch = Bilingual("不一致", "mismatch")
    missing = Bilingual("未找到", "missing")
    ambiguous = Bilingual("有歧义", "ambiguous")
    unanchored = Bilingual("无原文", "unanchored")
    ok = Bilingual("一致", "ok")
    # A draft's count whose parts are still to add (待补: to be filled in); not a failure.
    todo = Bilingual("待补", "to do")
    # What a check's note says; {times} is how many places, {source} and {fact} how each
    # hedges the figure.
    no_anchor = Bilingual("未标注原文，不核查", "the fact has no anchor")
    not_in_source = Bilingual("来源中没有这段原文", "anchor not in the source")
    figure_elsewhere = Bilingual("该数值见于别处", "its figure is elsewhere")
    number_written_differently = Bilingual(
        "原文数字写法不同", "anchor found with its number written differently"
    )
    hedged_differently = Bilingual(
        "限定不同（原文：{source}；数据：{fact}）",
        "hedged differently (source: {source}; fact: {fact})",
    )
    found_several_times = Bilingual(
        "原文不唯一：出现{times}次", "anchor not unique: found {times} times"
    )
    no_figure = Bilingual("原文处没有数值", "no figure at the anchor")
    # Under the first places listed, how many more there are.
    more_places = Bilingual("另有{count}处", "{count} more")
    another_unit = Bilingual("单位不同", "another unit")

    # `hxq validate` of a draft: what a person still has to do, and how (one line for each
    # kind of warning a draft has many of); {untranslated} and {quotation} are the marks a
    # draft leaves (model.UNTRANSLATED, model.QUOTATION).
    english_to_write = Bilingual("待译英文", "English still to write")
    write_english = Bilingual(
        "把每个 {untranslated} 换成英文", "replace each {untranslated} with the English"
    )
    quotation_left = Bilingual("仍在引用原文的中文", "Chinese that still quotes the source")
    rewrite_quotation = Bilingual(
        "用自己的话改写每段以“{quotation}”开头的文字",
        "rewrite each text that starts with {quotation} in your own words",
    )
    parts_to_add = Bilingual(
        "所述组成多于编号子项的标题", "titles that state more parts than the node has"
    )
    add_parts = Bilingual(
        "在各节点下补上原文列出的组成；原文未列出的，保留数目即可",
        "add the parts the text names under each, or keep the count where it names none",
    )

    # `hxq diff`: its sections, and the words of its summary.
    removed_nodes = Bilingual("删除的节点", "Removed nodes")
    added_nodes = Bilingual("新增的节点", "Added nodes")
    moved_nodes = Bilingual("移动：名称不变，编号改变", "Moved: same title, new ID")
    retitled_nodes = Bilingual("改名：编号不变，名称改变", "Retitled: same ID, new title")
    edited = Bilingual("修改", "Edited")
    figures_changed = Bilingual("变动的数据", "Figures changed")
    figures_removed = Bilingual("删除的数据", "Figures removed")
    figures_added = Bilingual("新增的数据", "Figures added")
    removed = Bilingual("删除", "removed")
    added = Bilingual("新增", "added")
    moved = Bilingual("移动", "moved")
    retitled = Bilingual("改名", "retitled")
    changed = Bilingual("变动", "changed")
    was = Bilingual("原为", "was")
    no_differences = Bilingual("没有差异", "no differences")

    # `hxq browse`.
    no_figures = Bilingual("（无数据）", "(no figures)")
    # The order of its table of figures (`v` changes it).
    document_order = Bilingual("按原文顺序", "in document order")
    by_value = Bilingual("按数值排序", "by value")
    # What its status line says once something is copied; {what} is the ID. The copy goes
    # through the terminal (OSC 52), which not every terminal passes on: the ID is said too.
    copied = Bilingual(
        "已复制 {what}（经终端 OSC 52 复制，部分终端不支持）",
        "Copied {what} (through the terminal, OSC 52; some terminals ignore it)",
    )
    copied_json = Bilingual(
        "已复制 {what} 的 JSON（经终端 OSC 52 复制，部分终端不支持）",
        "Copied the JSON of {what} (through the terminal, OSC 52; some terminals ignore it)",
    )

    # The HTML page's controls and messages.
    search = Bilingual("搜索", "Search")
    search_placeholder = Bilingual("标题、描述、数据……", "titles, descriptions, figures…")
    language = Bilingual("语言", "Language")
    both_languages = Bilingual("中英", "Both")
    expand_all = Bilingual("全部展开", "Expand all")
    collapse_all = Bilingual("全部收起", "Collapse all")
    expand_level = Bilingual("展开一层", "Expand a level")
    collapse_level = Bilingual("收起一层", "Collapse a level")
    tree_hint = Bilingual(
        "方向键移动,回车选中,→ 展开,← 收起",
        "Arrow keys move, Enter selects, → expands, ← collapses",
    )
    details = Bilingual("详情", "Details")
    every_figure = Bilingual("全部数据", "Every figure")
    only_under = Bilingual("只看所选节点之下", "Only under the selected node")
    share_or_ratio = Bilingual("比例", "Share or ratio")
    show_more = Bilingual("显示更多", "Show more")
    no_figures_here = Bilingual("本节点没有数据。", "No figures on this node.")
    none_selected = Bilingual("在左侧选择一个节点。", "Choose a node in the tree.")
    no_match = Bilingual("没有匹配的节点。", "Nothing matches.")
    interview_by = Bilingual("采访", "Interview by")
    # How many of a thing, as the page counts: {n} is the number with thousands separators
    # (1,234); Chinese counts with a measure word and no space (3个部分, 5项数据), English has
    # a form for one (1 node, 2 figures).
    count_node = Bilingual("{n}个节点", "{n} node")
    count_nodes = Bilingual("{n}个节点", "{n} nodes")
    count_part = Bilingual("{n}个部分", "{n} part")
    count_parts = Bilingual("{n}个部分", "{n} parts")
    count_figure = Bilingual("{n}项数据", "{n} figure")
    count_figures = Bilingual("{n}项数据", "{n} figures")
    # Sentences the page fills in: {nodes}, {figures} and {total} are counts as above,
    # {shown} a number; {id} is what a link named.
    search_matches = Bilingual("{nodes}、{figures}匹配", "{nodes} and {figures} match")
    figures_shown = Bilingual("显示{shown}/{total}", "Showing {shown} of {total}")
    # `hxq terms QUERY`: a glossary term no text of the framework holds.
    term_unused = Bilingual("框架中未使用", "not used in the framework")
    unknown_link = Bilingual(
        "链接指向“{id}”，但本框架中没有这个编号或别名。",
        "The link names “{id}”, but no node, alias or figure here has that ID.",
    )


def table() -> dict[str, Bilingual]:
    """Every label by its name, in the order of the table."""
    return {name: text for name, text in vars(Labels).items() if isinstance(text, Bilingual)}


def named(name: str) -> Bilingual | None:
    """The label of a field named as the data file names it (`as_of`), or None."""
    text = vars(Labels).get(name)
    return text if isinstance(text, Bilingual) else None


def roles(node: Node) -> list[tuple[Bilingual, Bilingual]]:
    """What a node is for, each with its label: its role, action and target, those it has."""
    said = ((Labels.role, node.role), (Labels.action, node.action), (Labels.target, node.target))
    return [(name, value) for name, value in said if value is not None]


def label(text: Bilingual, lang: Lang, *, stacked: bool = False, separator: str = " ") -> str:
    """A label in one language, or Chinese then English (on two lines when `stacked`, else
    joined by `separator`)."""
    return text.pick(lang, "\n" if stacked else separator)


def lead(text: Bilingual, lang: Lang) -> str:
    """A label before its value on the same line: 数值：, Value: (see `text.colon`)."""
    return label(text, lang) + colon(lang)


def word(text: Bilingual, lang: Lang) -> str:
    """A label inside a sentence, in the sentence's one language: Chinese as it is, English
    lowercased (figures); a sentence in both languages is said twice, once in each."""
    return text.zh if lang == "zh" else text.en.lower()
