"""Numbered formulations (提法) in Chinese policy text: 三大攻坚战, “六稳”, 两个毫不动摇, “1+N+X”,
两不愁三保障 …, each with the number it states and the parts the text names for it.

A formulation is found in six ways, strongest first:
- a quoted term whose numerals count parts (“四风”, “两学一做”, “123456”, “1+N+X”), a run of digits
  the text explains digit by digit (“1335”：“1”就是…), and the segments of a code it takes one by
  one (“一核两翼三带”：“一核”即…，“两翼”即…);
- a short list of standard formulations that texts write without quotation marks (六稳, 双创, 五保);
- a name its shape marks: a programme joining N things (三网融合, 三证合一), a slogan in two counted
  halves, named by its first (两手抓、两手都要硬 → 两手抓);
- a number, a measure word and a head (三大攻坚战, 两个积极性, 5条底线) that the text uses as a
  name: its measure word is 大, or its head is a word for a designed set (原则, 行动, 底线 …), or a
  digit code names it as one of its parts; with 个, 项 or 种 and any other head it is a plain count,
  list or no list (香港、澳门两个特别行政区);
- a 双 or N重 form whose parts stand beside it (总量和结构双重调节, 需求收缩、供给冲击、预期转弱
  三重压力, 化肥农药使用量实现双下降);
- a count of colours or letters written out before it (“红黄绿”三色, ABC三类).
Parts are read where texts of every genre state them: listed before the name (with 、, 和, 的, or
as quotations in a row), stated after it (in brackets, after 即, a colon, a dash or 是, on the lines
after it, with list marks, or as clauses that repeat its word), near it by its key character
(三农 ← 农业、农村、农民), or in the sections its heading opens.
Every rule reads only the text in front of it: nothing here knows a particular document.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain

from hxq_cli.zh.numerals import chinese_integer

__all__ = ["FoundFormulation", "find_formulations"]


@dataclass(frozen=True)
class FoundFormulation:
    """One numbered formulation of a text, once, at the place that best shows it."""

    name: str  # as written, no quotation marks (三大攻坚战, 123456, 1+N+X)
    count: int  # the number the name states (for codes: the number of parts the digits count)
    parts: tuple[str, ...]  # named parts in the text's order, () when the text gives none
    anchor: str  # exact substring holding the name, unique in the text where possible, ≤ 40 chars
    start: int  # character offsets of the name (at the anchor's place) in the text
    end: int
    parts_guessed: bool  # the parts come from a weaker pattern a person should check


MAX_ANCHOR = 40
# A count above this is a quantity (一百五十六项), not a set a reader could name member by member.
_MAX_COUNT = 60

_CJK = "\u4e00-\u9fff"
_ZH_DIGIT = "两二三四五六七八九十"
_OPEN_QUOTES = "“「『\"'‘"
_CLOSE_QUOTES = "”」』\"'’"
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’"}


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, words separated by spaces."""
    return tuple(text.split())


# --- knowledge of the language -----------------------------------------------------------------

# Measure words that make a number count members of a named set: 三大攻坚战, 两个市场, 八项规定,
# 五条底线, 四张名片, 两种资源, 四类主体, 五位一体, 八个字. (期, 样 and 字 only inside quotes or with parts.)
_CLASSIFIERS = "大个项条张种类支件道场"
# Heads that are units of time or measure, or plain counts of people: 三个月, 两个多月, 两个人.
_MEASURE_HEADS = frozenset("年月日天周岁倍成号次批些点米吨元人户家亩代届期层级座所间台辆只头口")
# Words that are a designed set when counted: a number before them names the set (八项规定,
# 十大行动, 四个意识). Kept to general words of policy language.
_SET_WORDS = _words(
    "原则 主张 规定 行动 工程 战略 方针 理念 意识 自信 目标 支撑 底线 名片 导向 转变 板块 战役 攻坚战 保障线 "
    "文明 基本点 积极性 大局 要求 主题 制度 改造 运动 字 公报 国策 准则 路线 现代化 功能区 "
    "闸门 课题 战线 改革 红线 控制线 抓手 支柱 轮子 翅膀 引擎 硬仗"
)
# Where a head may end, beyond the words above: nouns that 大 counts as a set (三大钢铁工业基地)
# but 个 counts plainly (三个基地).
_HEAD_ENDS = _SET_WORDS + _words("基地")
# Heads that count without naming a set, even with 大 and a list beside them: the speech's own
# agenda (突出抓好三个方面, 重点抓好五件事) and generic nouns (分为预期性和约束性两大类).
_PLAIN_HEADS = _words("方面 问题 事 事情 类 阶段 环节 条件 可能 因素 层次 情况 部分")
# Verbs that name a set only as the whole head (两个确保, 三个代表, 五个统筹), not inside a longer
# one (三个联合公报确立的原则).
_SET_VERBS = _words("维护 确立 确保 代表 统筹 有利于 毫不动摇")
# Verbs that take a list of parts as their object, and so can never end a part: a clause that
# ends in one (坚决做到“两个维护”, 制造“两个中国”) lists no parts, and the first part of a list
# starts after the last of them (该高新区紧扣尼龙新材料 → 尼龙新材料).
_VERB_ENDS = _words(
    "进一步 更好地 更好 切实 着力 聚力 加快 加强 加大 推进 推动 促进 实现 实施 坚持 坚守 坚定 打造 打好 强化 发挥 利用 做好 抓好 "
    "搞好 办好 破解 聚焦 围绕 紧扣 统筹 开展 完善 深化 提升 增强 提高 巩固 构建 形成 落实 贯彻 锚定 突出 抓住 把握 依托 立足 "
    "包括 支持 全力 尊重 关于 对于 通过 根据 按照 着重 严把 建成 做到 领悟 纠正 纠治 树牢 鼓吹 宣扬 采取 实行 执行 运用 "
    "必须 需要 调动 处理 区别 认识 解决 进行 粉碎 揭批 反对 批判 打倒 面临 面对 应对 克服 承受 遭受 "
    "划定 守住 守牢 严守 筑牢 用好 管好 抓实 "
    # and the verbs of a zone's or a city's industrial policy (前瞻布局生物医药, 培育壮大新能源)
    "布局 培育 壮大 深耕 主攻 招引 瞄准 抢占 抢抓 谋划 擦亮 打响 建强 育强"
)
# Words that open a clause before its object, stripped from the start of a first part (加强工业 →
# 工业, 发展塑料 → 塑料): the verbs above, verbs that also end noun phrases (环境保护, 经济发展),
# adverbs and one-character prepositions.
_LEAD_WORDS = _VERB_ENDS + _words(
    "全面 继续 积极 大力 努力 认真 充分 不断 重点 主要 特别 同时 发展 保护 建立 健全 开拓 开发 改善 调整 扩大 降低 减少 增加 鼓励 "
    "引导 规范 建设 我国 即 是 把 将 以 对 在 从 为 于 向 由"
)
# One-character prepositions and particles: the first part of a list starts after the last of them
# (周总理从农业、工业 → 农业; 进行了阶级斗争、生产斗争 → 阶级斗争).
_PREPOSITIONS = frozenset("从于对把向在以将给了就为由同跟有")
# What follows a part at the head of a sentence and is not part of its name (精准脱贫有力推进,
# 防范化解重大风险要强化底线思维, 污染防治得到加强).
_PREDICATE_MARKS = re.compile(
    "要|有力|得到|取得|持续|不断|稳步|明显|扎实|深入|全面|进一步|加快|加大|成效|实现|将|已|"
    "坚持|聚焦|必须|需要|应当|继续"
)

# Standard formulations that texts commonly write without quotation marks, so that no pattern
# marks them as names: the central themes of recent Party and State documents. Each is a name
# in its own right (六稳 is a set of six 稳 tasks) and is found only where the text uses it as a
# word; quoted or listed formulations need no entry here. Counts as the name states them; 一国两制
# counts its two systems (一国 is the one country that holds them), as 五位一体 counts five.
_STANDARD = {
    "中央八项规定": 8,
    "八项规定": 8,
    "六稳": 6,
    "六保": 6,
    "三农": 3,
    "四风": 4,
    "双创": 2,
    "双碳": 2,
    "双循环": 2,
    "两新": 2,
    "两重": 2,
    "五位一体": 5,
    "四个全面": 4,
    "四个意识": 4,
    "四个自信": 4,
    "两个维护": 2,
    "两个确立": 2,
    "两个毫不动摇": 2,
    "两个一百年": 2,
    "三个代表": 3,
    "四个现代化": 4,
    "四项基本原则": 4,
    "一国两制": 2,
    "两个市场": 2,
    "两种资源": 2,
    "两个文明": 2,
    "两手抓": 2,
    "双拥": 2,
    "五保": 5,
}

# Numbered words that are not formulations: idioms and set phrases, and ordinary words that begin
# with a numeral (两岸, 双边, 三角 …). A candidate that is one of these, or starts with one, is dropped.
_NOT_SETS = _words(
    "一以贯之 一步一个脚印 千方百计 三令五申 四面八方 五湖四海 七上八下 一心一意 三心二意 接二连三 独一无二 一举两得 两全其美 约法三章 "
    "四两拨千斤 一穷二白 合二而一 一分为二 九牛一毛 十全十美 两难 两岸 两国 两头 两手 两性 两者 两侧 两端 两次 两极 两用人才 双边 双方 双向 "
    "双赢 双手 双倍 双语 双层 双城 双打 双休 双轮 双良 双重 两会 三角 三峡 四季 五金 八股 九州 十分 百姓 万一"
)

# --- patterns ----------------------------------------------------------------------------------

_QUOTED = re.compile(
    '“([^“”\n]{1,24})”|「([^「」\n]{1,24})」|『([^『』\n]{1,24})』|"([^"\n]{1,24})"'
)
# A quotation inside a quotation (他说：“要做到‘两个坚持’”), read on its own pass.
_INNER_QUOTED = re.compile("‘([^‘’\n]{1,24})’")
# A segment of a numbered code: a count and what it counts (两学, 一做, 三去, 双随机, 五险, 十大行动).
_SEGMENT = re.compile(rf"([{_ZH_DIGIT}一双]{{1,3}})([{_CJK}]*?)(?=[{_ZH_DIGIT}一双]|$)")
_ARABIC_RUN = re.compile(r"1(?:2(?:3(?:4(?:5(?:6(?:7(?:8(?:9)?)?)?)?)?)?)?)?")
_PLUS_CODE = re.compile(
    r"[0-9A-Za-zＮＸ一二两三四五六七八九十]{1,3}(?:[+＋][0-9A-Za-zＮＸ一二两三四五六七八九十]{1,3})+"
)
_COUNTED = re.compile(
    rf"(?=[{_ZH_DIGIT}1-9])(?<![0-9０-９零〇一二两三四五六七八九十百千万亿第几每前后余多数某双届])"
    rf"([{_ZH_DIGIT}]{{1,3}}|[1-9][0-9]?)([{_CLASSIFIERS}])(?=([{_CJK}]{{1,8}}))"
)  # the head is a lookahead, so that a count inside it (五项原则和万隆会议十项原则) is found too
# Where an unquoted head ends: a particle, conjunction or preposition, a numeral, a list comma.
# Some of them also begin common words (要素, 和平, 就业, 对外), which do not stop a head.
_HEAD_STOP = re.compile(
    f"[的与及或等在是将把了着都也而并之于从被让由{_ZH_DIGIT}一、]"
    "|(?<![主重需只必纲摘概])要(?![素求点件])|和(?![平谐])|就(?!业)|对(?![外口])|为(?!民)|以(?![上下])"
)
# The numeral is matched before the look-behind that checks the character in front of it, so that
# the look-behind runs only where a numeral stands (a scan of every position costs far more).
_PAIR = re.compile(
    rf"(?=[{_ZH_DIGIT}双])(?<![{_ZH_DIGIT}一第])(双重?|[{_ZH_DIGIT}]重)([{_CJK}]{{1,2}})"
)
# Texts mix full-width and ASCII punctuation (the interview writes "规划:" and "(招商引资、招才引智)").
_SENTENCE_END = re.compile("[。！？；;!?\n]")
_CLAUSE_END = re.compile("[，,。！？!?；;：:\n]")
_CLAUSE_MARKS = "，,。！？!?；;：:\n（("
_PARENTHESES = re.compile(r"[（(][^（）()]*[）)]")


@dataclass
class _Mention:
    name: str
    count: int
    start: int
    end: int
    quoted: bool
    kind: str  # "quote", "counted", "standard", "pair", "symbols"
    classifier: str = ""
    arabic: bool = False
    closed: bool = True  # the name's end is known (False: an unquoted head still to be cut)
    # The words around it mark a plain count: a reference back (这两条原则, 以下的十项主要任务) or
    # a ranking (入选全国十大创新案例, 十大钢铁企业之一).
    in_passing: bool = False
    # Parts the name's own shape gives (红黄绿三色 → 红, 黄, 绿).
    given: tuple[str, ...] = ()


@dataclass
class _Parts:
    parts: tuple[str, ...]
    strength: int  # 3 stated right after the name, 2 listed before it, 1 a weaker reading
    guessed: bool
    distance: int = 0  # how far from the mention the parts stand (of two mentions, the nearer wins)
    # The parts are quoted names (“科技贷”“人才贷”三类产品): the count names a set.
    named: bool = False


_NO_PARTS = _Parts((), 0, False)

# --- reading codes -----------------------------------------------------------------------------


def _code_count(code: str) -> int | None:
    """The number of parts a quoted code counts, or None when it is no count of a set.

    123456 → 6, 1+N+X → 3, 3+2 → 5, 两学一做 → 3, 三去一降一补 → 5, 双招双引 → 2, 四个意识 → 4,
    新三样 → 3, 碳达峰十大行动 → 10; 十四五, 一带一路, 九二共识, 第一 → None."""
    code = code.strip()
    if not code or code.startswith(_NOT_SETS):
        return None
    if _ARABIC_RUN.fullmatch(code) and len(code) >= 2:
        return len(code)  # 123456: one part for each digit
    if _PLUS_CODE.fullmatch(code):
        terms = re.split("[+＋]", code)
        values = [_value(term) for term in terms]
        if all(v is not None for v in values):
            total = sum(v for v in values if v is not None)
            return total if 2 <= total <= _MAX_COUNT else None  # 3+2: three and two parts
        return len(terms)  # 1+N+X: three groups, two of them open
    if code.isascii() or re.search("[0-9０-９百千万亿第]", code):
        return None  # 5G, 中国制造2025, 百花齐放, 第一
    items = [item for item in re.split("[、，,·]", code) if item]
    if len(items) == 2 and items[0][:2] == items[1][:2]:
        return None  # 两手抓、两手都要硬: two halves of one slogan, read by _shaped_mentions
    if len(items) > 1 and items[0][:1] == "一" and items[1][:1] == "二":
        return None  # 一要吃饭，二要建设: list markers, not counts
    if len(items) > 1 and items[0] in ("一国", "一个国家", "一个中国"):
        items = items[1:]  # 一个国家、两种制度: the one country holds the two systems
    counts = [_segments_count(item) for item in items]
    if not all(c is not None for c in counts):
        return None
    if len(items) > 1 and all(c == 1 for c in counts):
        return None  # 一个项目、一名领导、一抓到底: the parts of a “四个一”, not a code of its own
    total = sum(c for c in counts if c is not None)
    return total if 2 <= total <= _MAX_COUNT else None


def _value(term: str) -> int | None:
    if term.isdigit():
        return int(term)
    return chinese_integer(term) if re.fullmatch(f"[{_ZH_DIGIT}]+", term) else None


def _segments_count(item: str) -> int | None:
    """The count of one item of a code: 两不愁三保障 → 5, 四个意识 → 4, 新三样 → 3, 一国两制 → 2,
    一公开 → 1 (an item of 双随机、一公开); None when the item is no count."""
    first = re.search(f"[{_ZH_DIGIT}一双]", item)
    if first is None or first.start() > 4:
        return None
    body = item[first.start() :]
    if body.startswith(_NOT_SETS):
        return None  # 新八股
    # A number with a measure word counts the whole rest: 两个一百年 is two, 五位一体 five.
    counted = re.fullmatch(rf"([{_ZH_DIGIT}]{{1,3}})([{_CLASSIFIERS}期样字])(.*)", body)
    if counted:
        number, classifier, head = counted.groups()
        value = chinese_integer(number)
        if value is None or head[:1] in _MEASURE_HEADS | {"多", "余"}:
            return None
        return value if 2 <= value <= _MAX_COUNT and (head or classifier in "条样字") else None
    segments = _SEGMENT.findall(body)
    if not segments or "".join(n + h for n, h in segments) != body:
        return None
    values: list[int] = []
    for number, head in segments:
        if not head or head[:1] in _MEASURE_HEADS or head.startswith("连"):
            return None  # 普九, 三八, 十年磨一剑, 八连增
        value = 2 if number == "双" else chinese_integer(number)
        if value is None:
            return None  # 九二共识, 一二三产业
        values.append(value)
    if len(values) > 1 and values[:2] == [1, 2] and segments[1][0] == "二":
        return None  # 一要吃饭、二要建设: list markers, not counts
    if len(values) > 1 and all(number == "双" for number, _ in segments):
        return 2  # 双招双引: both 双 run over the same two parts
    if (
        len(values) > 1
        and values[0] == 1
        and segments[0][1] in ("国", "体", "岗", "个国家", "个中国")
    ):
        values = values[1:]  # 一国两制, 一岗双责: the one country holds the two systems
    if len(values) > 1 and values[-1] == 1 and segments[-1][1] in ("体", "合一"):
        values = values[:-1]  # 三证合一
    if len(values) > 1 and all(v == 1 for v in values):
        return None  # 一带一路, 一老一小: the ones count nothing
    return sum(values)


# --- finding mentions --------------------------------------------------------------------------


def _quoted_mentions(text: str) -> Iterator[_Mention]:
    digit_codes: dict[str, bool] = {}  # whether a run of digits is a code, read at its first place
    for match in chain(_QUOTED.finditer(text), _INNER_QUOTED.finditer(text)):
        group = match.lastindex or 1  # the one group of the alternation that took part
        inner, start = match.group(group), match.start(group)
        start += len(inner) - len(inner.lstrip())
        inner = inner.strip()
        count = _code_count(inner)
        if count is None and inner not in digit_codes:
            digit_codes[inner] = _is_digit_code(text, inner, match.end())
        if count is None and digit_codes[inner]:
            count = len(inner)  # 1335, 一三三三: one part for each digit
        if count is not None:
            yield _Mention(inner, count, start, start + len(inner), True, "quote")


def _is_digit_code(text: str, inner: str, end: int) -> bool:
    """A quoted run of digits that the text reads as a code: it explains it digit by digit
    (“1335”：“1”就是…), or, for three or more Chinese digits, a framework's word follows it
    (“一三三三”总体发展战略). Arabic digits name dates and programmes too (“863”计划, “2035”远景目标),
    and 十 periods (“十四五”规划)."""
    if not _is_digit_run(inner):
        return False
    named = (
        len(inner) >= 3
        and re.fullmatch("[一二三四五六七八九]+", inner) is not None
        or _counts_up(inner)
    ) and text.startswith(_FRAMEWORK_WORDS, end)
    return named or _digit_marks(text, end, inner) is not None


def _counts_up(code: str) -> bool:
    """Whether a run of Arabic digits reads as counts of a plan's groups: two to six digits that
    never fall and are not all ones (“135”工程, “1335”发展思路, “2333”战略). The programmes
    named for a date fall somewhere (“863”计划: March 1986, “985”工程, “973”计划), as do
    “211”工程 and a year, which holds a 0 as well (“2035”远景目标)."""
    return (
        code.isascii() and 2 <= len(code) <= 6 and list(code) == sorted(code) and set(code) != {"1"}
    )


# Words that follow a numbered code of a plan (“1335”发展思路, “一三三三”总体发展战略).
_FRAMEWORK_WORDS = _words(
    "战略 思路 体系 格局 布局 工程 模式 机制 规划 计划 目标 发展 工作 行动 部署 路径 方略 举措 总体 顶层 定位 "
    "框架 架构 理念 方针 总要求 工作法"
)


def _counted_mentions(text: str) -> Iterator[_Mention]:
    for match in _COUNTED.finditer(text):
        number, classifier, raw_head = match.groups()
        head = _HEAD_STOP.split(raw_head, maxsplit=1)[0]
        if classifier == "个" and len(raw_head) == 2 and raw_head[0] == "一":
            head = raw_head  # 三个一批: N sets of one batch each, a code of its own
        if not head and classifier != "条":
            continue
        if head[:1] in _MEASURE_HEADS or head[:1] in "多余" or head.startswith("连"):
            continue
        arabic = number.isdigit()
        value = int(number) if arabic else chinese_integer(number)
        if value is None or not 2 <= value <= _MAX_COUNT:
            continue
        if classifier == "大" and _is_congress(text, match):
            continue
        before_de = raw_head[len(head) : len(head) + 1] == "的"
        if before_de and not head.endswith(_SET_WORDS) and head[-1:] not in _NOUN_ENDS:
            continue  # 两个最大的发展中国家: the head noun comes after 的
        # A head that runs to punctuation within four characters is whole (两大主导产业，).
        closed = (
            len(head) <= 4
            and head == raw_head
            and not _is_cjk(text[match.end(3) : match.end(3) + 1])
        )
        name = number + classifier + head
        start = match.start()
        in_passing = bool(
            _REFERRING.search(text, max(0, start - 3), start)
            or _RANKING.search(text, max(0, start - 12), start)
            or _ONE_OF.match(text, match.end(2))
        )
        yield _Mention(
            name,
            value,
            start,
            start + len(name),
            False,
            "counted",
            classifier,
            arabic,
            closed,
            in_passing,
        )


_REFERRING = re.compile("(?:这|这些|上述|以下|下列|以上|前述|上面|下面)的?$")
_RANKING = re.compile("(?:入选|评为|获评|荣获|评选|跻身|位列|当选|荣膺|列入)[^，,。；;：:！？、]*$")
_ONE_OF = re.compile(f"[{_CJK}]{{1,10}}之一")


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _is_congress(text: str, match: re.Match[str]) -> bool:
    """十九大, 党的二十大: a Party congress, not three big things."""
    value = chinese_integer(match.group(1)) if not match.group(1).isdigit() else None
    if value is None or value < 8:
        return False
    before = text[max(0, match.start() - 2) : match.start()]
    return (
        before.endswith("党")
        or before.endswith("党的")
        or match.group(3)[:1] in "精和以召胜报确提制科期部代闭开之后前上的届"
    )


def _standard_mentions(text: str) -> Iterator[_Mention]:
    for match in _STANDARD_RE.finditer(text):
        name = match.group()
        yield _Mention(name, _STANDARD[name], match.start(), match.end(), False, "standard")


_STANDARD_RE = re.compile("|".join(sorted(map(re.escape, _STANDARD), key=len, reverse=True)))


def _shaped_mentions(text: str) -> Iterator[_Mention]:
    """Names that their shape marks, quoted or not: a programme that joins N things (三网融合,
    三证合一, 三权分置, 四化同步), and a slogan in two counted halves, named by its first
    (两手抓、两手都要硬 → 两手抓, two hands, not four)."""
    for match in _PROGRAMME.finditer(text):
        if not text.startswith(_NOT_SETS, match.start()) and match.group(2) not in "者":
            yield _shaped(match, chinese_integer(match.group(1)))
    for match in _HALVES.finditer(text):
        number, head = match.group(1), match.group(2)
        if head not in _MEASURE_HEADS and head not in _CLASSIFIERS + _ZH_DIGIT + "百千万":
            yield _shaped(match, 2 if number in "双两" else chinese_integer(number), match.end(3))


def _shaped(match: re.Match[str], count: int | None, end: int | None = None) -> _Mention:
    end = match.end() if end is None else end
    name = match.string[match.start() : end]
    return _Mention(name, count or 0, match.start(), end, False, "standard")


_PROGRAMME = re.compile(
    rf"(?=[{_ZH_DIGIT}])(?<![{_ZH_DIGIT}一第])([{_ZH_DIGIT}])([{_CJK}])(?:融合|合一|分置|同步)"
)
_HALVES = re.compile(
    rf"(?=[{_ZH_DIGIT}双])(?<![{_ZH_DIGIT}一第])([两三四五六七八九十双])([{_CJK}])([{_CJK}]{{1,3}}?)[、，,]\1\2"
)


def _symbol_mentions(text: str) -> Iterator[_Mention]:
    """A count of colours or letters written out just before it, one character each: “红黄绿”三色
    管理, 红、黄、蓝三级预警, ABC三类企业 → 三色 (红, 黄, 绿); and of parties, each a character of a
    quoted word: “政银企”三方 → 政, 银, 企."""
    for match in _SYMBOL_COUNT.finditer(text):
        at = match.start()
        pattern = _PARTIES_BEFORE if match.group(2) == "方" else _SYMBOLS_BEFORE
        before = pattern.search(text, max(0, at - 16), at)
        if before is None:
            continue
        symbols = re.sub(f"[、{_OPEN_QUOTES}{_CLOSE_QUOTES}]", "", before.group())
        count = chinese_integer(match.group(1))
        colours = all(c in _COLOURS for c in symbols)
        if count != len(symbols) or (match.group(2) == "色" and not colours):
            continue
        if count == 2 and (before.group() == symbols or not colours):
            continue  # 黑白两色, A、B两类: two colours run together describe, two letters sort
        if _SORTING.search(text, max(0, before.start() - 3), before.start()):
            continue  # 分为A、B、C三类: a text's own sorting, not a set it names
        yield _Mention(
            match.group(), count, at, match.end(), False, "symbols", given=tuple(symbols)
        )


_COLOURS = "红橙黄绿青蓝紫黑白灰"
_SORTING = re.compile("(?:分为|分成|划为|划分为|分)$")
# The count is found first, the symbols then read back from it (a scan for the symbols would try
# every character of the text).
_SYMBOL_COUNT = re.compile("([两二三四五六七八九十])([色类级档方])")
_PARTIES_BEFORE = re.compile(f"“[{_CJK}]{{2,7}}”$")
_SYMBOLS_BEFORE = re.compile(
    f"(?<![A-Za-z])[{_OPEN_QUOTES}]?(?:[{_COLOURS}](?:、?[{_COLOURS}]){{1,6}}"
    f"|[A-Z](?:、?[A-Z]){{1,6}})[{_CLOSE_QUOTES}]?$"
)


def _pair_mentions(text: str) -> Iterator[_Mention]:
    """双 or N重 with the things it counts named just before it: 总量和结构双重调节, 需求收缩、
    供给冲击、预期转弱三重压力, 化肥农药使用量实现双下降."""
    for match in _PAIR.finditer(text):
        at = match.start()
        prefix, head = match.groups()
        if prefix == "双" and text.startswith(_NOT_SETS, at):
            continue  # 双边, 双方, 双向
        if len(prefix) == 2 and head[:1] in "大要点视新复叠":
            continue  # 三重大, 双重要: 重 begins a word of its own
        head = _HEAD_STOP.split(head, maxsplit=1)[0]
        if len(head) == 2 and text.startswith(_FRAMEWORK_WORDS, at + len(prefix) + 1):
            head = head[:1]  # 双链机制: the pair is 双链, 机制 what it forms
        count = 2 if prefix[0] in "双两二" else chinese_integer(prefix[0])
        if head and count:
            name = prefix + head
            yield _Mention(name, count, at, at + len(name), False, "pair")


# --- finding parts -----------------------------------------------------------------------------


def _strip_lead(item: str, words: tuple[str, ...] = _LEAD_WORDS) -> str:
    """`item` without the verbs and prepositions that open its clause (加强工业 → 工业)."""
    changed = True
    while changed:
        changed = False
        for word in _by_first_character(words).get(item[:1], ()):
            if item.startswith(word) and len(item) > len(word) + 1:
                item = item[len(word) :]
                # A verb's complement or aspect goes with it (把好土地, 调动好中央, 开展了阶级斗争).
                if item[:1] in _VERB_COMPLEMENTS and len(item) > 2:
                    item = item[1:]
                changed = True
                break
    return item


_VERB_COMPLEMENTS = frozenset("好牢了着过")


@functools.lru_cache(maxsize=8)
def _by_first_character(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """`words` grouped by their first character, each group in the order of `words` (a lookup
    instead of a scan of the whole list for each item)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in groups.items()}


def _first_part(item: str, others: list[str]) -> tuple[str, bool]:
    """The first item of a list without the words of its clause before it, and whether that is a
    guess: 加强工业 → 工业, 该高新区紧扣尼龙新材料 → 尼龙新材料 (after the last verb), 周总理从农业 → 农业
    (after the last preposition), 继续推动东 → 东 (when the other items are as short)."""
    shortest, longest = min(map(len, others)), max(map(len, others))
    item = _strip_lead(item)
    cut = 0
    for word in _VERB_ENDS:  # not 保护, 发展 …, which end nouns too (按保护价敞开收购)
        at = item.rfind(word)
        if at >= 0 and len(word) >= 2 and len(item) - (at + len(word)) >= min(2, shortest):
            cut = max(cut, at + len(word))
    item = _strip_lead(item[cut:])
    if cut and item[:1] in _VERB_COMPLEMENTS and len(item) > 2:
        item = item[1:]  # 充分调动好中央 → 中央
    if len(item) > longest + 1:
        at = max((i for i, c in enumerate(item[:-1]) if c in _PREPOSITIONS and i > 0), default=-1)
        if at > 0 and len(item) - at - 1 >= min(2, shortest):
            item = item[at + 1 :]
    item = _clean_part(item)
    if len(item) >= 2 * longest + 1:
        return item[-len(others[0]) :], True  # 调动中央、地方 → 中央 (a guess)
    return item, False


def _clean_part(item: str) -> str:
    """`item` without parenthetical remarks, edge punctuation and unmatched quotation marks
    (“一带一路”建设 keeps its pair)."""
    item = _PARENTHESES.sub("", item).strip(" \u3000、，,。；;：:")
    while item and item[0] in _OPEN_QUOTES and _QUOTE_PAIRS[item[0]] not in item[1:]:
        item = item[1:]
    while (
        item
        and item[-1] in _CLOSE_QUOTES
        and not any(
            item[i] in _OPEN_QUOTES and _QUOTE_PAIRS[item[i]] == item[-1]
            for i in range(len(item) - 1)
        )
    ):
        item = item[:-1]
    wrapped = len(item) >= 2 and item[0] in _OPEN_QUOTES and item[-1] == _QUOTE_PAIRS[item[0]]
    if wrapped and not any(c in _OPEN_QUOTES + _CLOSE_QUOTES for c in item[1:-1]):
        item = item[1:-1]  # “党建引领” → 党建引领
    return item.strip(" \u3000")


def _clause_before(text: str, start: int) -> str:
    """The clause that ends at `start`, parenthetical remarks left out."""
    window = _PARENTHESES.sub("", text[max(0, start - 200) : start])
    cut = max(window.rfind(ch) for ch in _CLAUSE_MARKS)
    clause = window[cut + 1 :]
    return clause.rsplit("即", 1)[-1] if "即" in clause[:-1] else clause


def _parts_before(text: str, mention: _Mention) -> _Parts:
    """Parts listed right before the name: 工业、燃煤、机动车三大污染源, 中央和地方两个积极性,
    “党建引领、科创赋能、质量强区、营商环境”，这“四张名片”."""
    start = mention.start
    while start > 0 and text[start - 1] in _OPEN_QUOTES + " \u3000":
        start -= 1  # 邓小平理论和“ 三个代表”: the quotation mark, and a stray space inside it
    gap = re.search(f"(?:[{_CLOSE_QUOTES}][，,]?这|这|等)$", text[max(0, start - 4) : start])
    if gap:
        start -= len(gap.group()) - (1 if gap.group()[0] in _CLOSE_QUOTES else 0)
    clause = _clause_before(text, start)
    linked = _LINKED.search(clause)  # 计划生育、环境保护是我国的两项基本国策: read below
    if (
        clause.endswith("的")
        and not linked
        and (mention.kind == "pair" or clause.count("、") + 2 >= mention.count)
    ):
        # 通货膨胀和经济增速回落的双重压力; 土地改革、抗美援朝、肃清反革命、三反五反和思想改造的
        # 五大运动: a list as long as the count, or the pair 双 counts, may join its name by 的.
        clause = clause[:-1]
    if clause.endswith(("和", "与", "及", "、")):
        return _NO_PARTS  # 邓小平理论和“三个代表”: the name ends a list, it does not follow one
    body = clause
    wrapped = re.fullmatch(
        f"(.*?)[{_OPEN_QUOTES}]([^{_OPEN_QUOTES}{_CLOSE_QUOTES}]*)[{_CLOSE_QUOTES}]", clause
    )
    # (A quoted name right after quoted names is one more of them: “六稳”“六保”“两个一百年”.)
    in_a_row = _QUOTED_RUN.search(clause) if gap or not mention.quoted else None
    if in_a_row:
        # “党建引领”“科创赋能”“质量强区”“营商环境”四张名片: quotations in a row are the list.
        body = "、".join(_quotations(in_a_row.group()))
    elif wrapped and ("、" in wrapped.group(2) or "+" in wrapped.group(2)):
        body = wrapped.group(2).replace("+", "、")  # “巩固、增强、提升、畅通”八个字, “链长+链主”
    elif gap and gap.group()[0] in _CLOSE_QUOTES:
        return _NO_PARTS  # ，这 links back only to a quoted list
    # An item that holds a count ends a list of its own: 利用国内国外两种资源、开拓国内国外两个市场
    # lists 两个市场's parts after it.
    pieces = body.split("、")
    # The parts of a code of 'one …' phrases are such phrases (“一个项目、一名领导”的“四个一”).
    ones = _head_of(mention.name)[1].startswith("一")
    counted = [i for i, piece in enumerate(pieces) if _COUNT_WORD.search(piece) and not ones]
    if counted:
        body = "、".join(pieces[counted[-1] + 1 :])
    if not body:
        return _NO_PARTS
    want = mention.count
    by_chars = mention.classifier == "字" or _head_of(mention.name)[1] == "字"
    items = _list_items(body, want, by_chars)
    if items is None:
        if want == 2 and "、" not in body and not mention.quoted:
            return _split_pair(_strip_lead(_clean_part(body)))
        return _NO_PARTS
    guessed = False
    linked = re.fullmatch(f"(.+?){_LINKED.pattern}", items[-1])
    if linked:
        # 计划生育、环境保护是我国的两项基本国策; 和平与发展仍然是当今世界面临的两大主题
        items[-1], guessed = _LINK_ADVERB.sub("", linked.group(1)) or linked.group(1), True
    common = next(
        (
            w
            for w in _by_first_character(_LEAD_WORDS).get(items[0][:1], ())
            if all(i.startswith(w) and len(i) > len(w) for i in items)
        ),
        "",
    )
    items = [i[len(common) :] for i in items]  # 在经济领域、在政治思想领域 → 经济领域, 政治思想领域
    items[1:] = [_strip_lead(i, _VERB_ENDS) for i in items[1:]]  # 坚持依法行政 → 依法行政
    items[0], first_guessed = _first_part(items[0], items[1:])
    if not all(items) or max(len(i) for i in items[1:]) > 12:
        return _NO_PARTS
    verbs = _VERB_ENDS + _NAMING_WORDS + (_QUOTE_VERBS if mention.quoted else ())
    if items[-1].endswith(verbs) or items[-1][-1] in _CLAUSE_TAILS:
        return _NO_PARTS  # 坚定不移贯彻“一国两制”, 储蓄银行为“三农”服务: no list of parts
    if items[-1].endswith(_PEOPLE):
        return _NO_PARTS  # 困难和重度残疾人“两项补贴”: who it is for, not what it holds
    if any((_COUNT_WORD.search(i) and not ones) or _MODAL.search(i) for i in items):
        return _NO_PARTS  # 路线和一套“两条腿走路”: a count is no part of a list
    name = mention.name
    keyed = len(name) == 2 and name[0] in _ZH_DIGIT and name[1] not in _CLASSIFIERS + "样字"
    listed = body.count("、") + 1 == want  # 任务、数量、时间、标准“四清”: a full list of parts
    if keyed and not listed and not all(name[1] in i for i in items):
        return _NO_PARTS  # 工业“三废”: the parts of 三废 carry 废 (废水、废气、废渣)
    if mention.kind == "pair" and (max(map(len, items)) > 6 or any(map(_has_numeral, items))):
        return _NO_PARTS  # 双 counts short words (总量和结构), not 党政同责、一岗
    if by_chars and sum(map(len, items)) != want:
        return _NO_PARTS  # 八个字 counts the characters of its four words
    return _Parts(tuple(items), 2, guessed or first_guessed, named=bool(in_a_row))


def _list_items(body: str, want: int, by_chars: bool) -> list[str] | None:
    """The items of a list that ends a clause, if it has `want` of them (by_chars: any number):
    A、B、C / A、B和C / A和B; for two, the last pair of a longer clause (资产阶级两个阶级、社会主义和
    资本主义 → 社会主义, 资本主义)."""
    items = body.split("、")
    if len(items) >= 2:
        tail = _CONJUNCTION.split(items[-1])
        if len(tail) == 2 and len(items) + 1 == want:
            items = [*items[:-1], *tail]
    else:
        items = _CONJUNCTION.split(body)
    items = [_clean_part(i) for i in items]
    if len(items) == want or (by_chars and len(items) >= 2):
        return items
    if want == 2 and len(items) > 2:
        pair = _CONJUNCTION.split(items[-1])
        if len(pair) == 2:
            return [_clean_part(i) for i in pair]
    return None


# A list linked to its name by 是 … 的 (环境保护是我国的两项基本国策).
_LINKED = re.compile("(?:是|为|作为)[^、]{0,6}的$")
# Adverbs between a list and the 是 that links it to its name (发展仍然是): no part of the last item.
_LINK_ADVERB = re.compile("(?:仍然|依然|仍|还|也|都|已经|始终|一直|就)$")
# The words that join the last two items of a list, where they are no part of a word (和平, 及时,
# 共同, 同步).
_CONJUNCTION = re.compile(
    "以及|(?<![调温])和(?![平谐睦])|与|(?<![普涉])及(?![时早格])|(?<![共协相认合])同(?![志步时样等期])"
)
# Words for people: a list that ends in one names whom a set serves, not its parts.
_PEOPLE = _words("人 者 员 户 群众 儿童 老人 学生 家庭 人口")
# A predicate inside an item (各基层单位要全面负起): the list is a clause's subject, not parts.
_MODAL = re.compile("(?<![主重需必纲摘概只])要(?![素求点件])|必须|应当|都要")
# A count with its measure word (一套, 两个阶级): such an item is no part of a list.
_COUNT_WORD = re.compile(f"[{_ZH_DIGIT}一][个套种项条类位批大]")


# Verbs that take a quoted name as their object (以任何形式制造“两个中国”), though they end nouns too.
_QUOTE_VERBS = _words("制造 实行 搞 建设")
# Words that introduce a name (制造所谓“两个中国”, 鼓吹什么“三自一包”): no list before them.
_NAMING_WORDS = _words("所谓 什么 叫做 称为 称作")
# Characters that end a clause before a name (为“三农”服务, 或“一国两府”): no list of parts.
_CLAUSE_TAILS = frozenset("为对在把以向从给让被将于或的")


def _has_numeral(item: str) -> bool:
    return any(c in _ZH_DIGIT + "一0123456789" for c in item)


def _split_pair(item: str) -> _Parts:
    """国际国内 before 两个市场: two two-character words run together (a guess)."""
    if len(item) != 4 or not all(_is_cjk(c) for c in item) or _has_numeral(item):
        return _NO_PARTS
    if any(word in item for word in _VERB_ENDS + ("充分", "统筹")):
        return _NO_PARTS  # 充分利用两个市场: a verb, not two things
    return _Parts((item[:2], item[2:]), 1, True)


_AFTER_LEAD = re.compile(
    rf"[{_CLOSE_QUOTES}]?[ \u3000]*[{_CJK}]{{0,8}}?[ \u3000]*(?:[（(]|[：:]|——|[，,。]?即|[，,]?包括|是指|[，,]分别[是为])"
)
# Where a statement of parts ends, and where each smaller piece of it ends: parts stated after a
# name fill its first clause (，即新材料、绿色食品、文旅康养；…), else its first clause group
# (：A，…；B，…), else its sentence.
_BODY_END = re.compile("[。！？!?\n]")
_BODY_PIECES = (re.compile("[，,；;：:]"), re.compile("[；;]"))


def _parts_after(text: str, mention: _Mention) -> _Parts:
    """Parts stated right after the name: （A、B、C）, ：A；B；C, ，即A、B、C, ——A、B、C, 是A、B和C."""
    end = mention.end
    window = text[end : end + 500]
    lead = _AFTER_LEAD.match(window) or _IS_LEAD.match(window) or _ECHO_LEAD.match(window)
    if lead is None:
        return _NO_PARTS
    # 三大优势是区位、资源和人才: after a bare 是, only a short list that fills the first clause.
    linked = lead.re is _IS_LEAD
    # “四个统筹”，统筹发展和安全，统筹城市和乡村…: after a bare comma, only clauses that each
    # repeat the name's own word.
    echoed = lead.re is _ECHO_LEAD
    opener, body_start = lead.group(), lead.end()
    if opener.endswith(("（", "(")):
        close = re.compile("[）)]").search(window, body_start)
        if close is None:
            return _NO_PARTS
        body = window[body_start : close.start()]
    else:
        stop = _BODY_END.search(window, body_start)
        body = window[body_start : stop.start() if stop else len(window)]
    # A plus code's parts are its groups, one for each term (“1+2+3”即1个…、2个…、3个…), and a
    # code of parallel segments (四比四看) may list one part for each pair (比A看B、比C看D…).
    terms = len(_PLUS_SPLIT.split(mention.name)) if _PLUS_CODE.fullmatch(mention.name) else 0
    wants = dict.fromkeys((mention.count, terms, _paired_count(mention.name) or 0))
    items = next(
        (
            found
            for want in wants
            if want and (found := _stated_items(body, mention, want, linked, echoed)) is not None
        ),
        None,
    )
    if items is None:
        runs = _segment_runs(body, mention)
        return _NO_PARTS if runs is None else _Parts(runs, 3, False)
    cleaned = _drop_shared_lead([_short_part(i, mention) for i in items], mention)
    # A word every part ends in is no part of its own (认识到位、责任到位: 认识 is no verb here).
    tails = [_CLAUSE_END.split(_clean_part(i), maxsplit=1)[0] for i in items]
    shared_end = os.path.commonprefix([t[::-1] for t in tails])[::-1]
    cleaned = [t if c == shared_end else c for c, t in zip(cleaned, tails, strict=True)]
    cleaned = _drop_frame(cleaned)
    if not all(cleaned) or any(len(i) > 24 or i.endswith("的") for i in cleaned):
        return _NO_PARTS  # 其中一个是苏联帮助设计的: a description, not a name
    if linked and any(len(i) > 8 for i in cleaned):
        return _NO_PARTS  # 三大攻坚战是决胜全面建成小康社会的关键: a predicate, not a list
    if any(i in _NOT_PART_OPENERS or i.startswith(_TIME_OPENERS) for i in cleaned):
        return _NO_PARTS  # 从今年新学年开始…；同时…: when, not what
    return _Parts(tuple(cleaned), 3, any(len(i) > 12 for i in cleaned))


_RUN_LEAD = re.compile("^(?:即|也就是|就是|是|包括)?[：:]?")


def _segment_runs(body: str, mention: _Mention) -> tuple[str, ...] | None:
    """The parts of a code whose segments each count things of one kind named by its head
    (三河三湖: three rivers, three lakes), where the text writes each segment's members as one
    run (（即：淮河海河辽河、太湖巢湖滇池）): each run cut after every head character, or, where
    a member does not end in it (滇池 is a lake), into names of two characters when that gives
    as many; None unless every run gives as many members as its segment counts."""
    segments = _SEGMENT.findall(mention.name)
    if len(segments) < 2 or "".join(n + h for n, h in segments) != mention.name:
        return None
    runs = [run for run in re.split("[、，,；;]", _RUN_LEAD.sub("", body.strip())) if run]
    if len(runs) != len(segments):
        return None
    parts: list[str] = []
    for (number, head), run in zip(segments, runs, strict=True):
        value = chinese_integer(number)
        if len(head) != 1 or value is None or head not in run:
            return None
        members = [m + head for m in run.split(head)[:-1]] if run.endswith(head) else []
        if len(members) != value and len(run) == 2 * value:
            members = [run[i : i + 2] for i in range(0, len(run), 2)]
        if len(members) != value or not all(2 <= len(m) <= 6 for m in members):
            return None
        parts += members
    return tuple(parts)


def _stated_items(
    body: str, mention: _Mention, want: int, linked: bool, echoed: bool
) -> list[str] | None:
    """The `want` items a statement of parts after a name makes: quotations in a row, else the
    first clause's list, else the first clause group's, else the whole sentence's, split at the
    first separator that gives as many (after a bare 是, the first clause's list only; after a
    bare comma, items that repeat the name's word only)."""
    if _QUOTED_ITEMS.fullmatch(body.strip()):  # “工业名城”“文化名城”…
        quotations = _quotations(body)
        return quotations if len(quotations) == want else None
    if echoed:
        return _echoed(body, mention)
    for piece in _BODY_PIECES:
        first = piece.split(body, maxsplit=1)[0]
        items = _split_items(first, want, ("、",)) if first != body or linked else None
        if items or linked:
            return items
    return _split_items(body, want, ("；;", "、", "，,；;")) or _echoed(body, mention)


_IS_LEAD = re.compile(f"[{_CLOSE_QUOTES}]?(?:主要|分别|就|也就)?是[：:]?")
_ECHO_LEAD = re.compile(f"[{_CLOSE_QUOTES}]?[{_CJK}]{{0,6}}?[，,]")
# Quotations (“…” or, inside a quotation, ‘…’) in a row, and each one's text.
_QUOTED_RUN = re.compile("(?:“[^“”、]+”|‘[^‘’、]+’){2,}$")
_QUOTED_ITEMS = re.compile("(?:(?:“[^“”]+”|‘[^‘’]+’)[、，, \u3000]*){2,}")
_QUOTATION = re.compile("“([^“”]+)”|‘([^‘’]+)’")


def _quotations(text: str) -> list[str]:
    return [double or single for double, single in _QUOTATION.findall(text)]


_PLUS_SPLIT = re.compile("[+＋]")


def _paired_count(name: str) -> int | None:
    """The count of each of a code's segments when all are the same (四比四看 → 4, 三严三实 → 3)."""
    segments = _SEGMENT.findall(name)
    if len(segments) < 2 or "".join(n + h for n, h in segments) != name:
        return None
    values = {chinese_integer(n) for n, _ in segments}
    return values.pop() if len(values) == 1 else None


def _drop_frame(items: list[str]) -> list[str]:
    """Parts without the frame they all share: 在科技创新上取得新突破、在产业升级上取得新突破 →
    科技创新, 产业升级."""
    if len(items) < 2 or not all(i[:1] in "在从对于" and i[:1] == items[0][:1] for i in items):
        return items
    tail = os.path.commonprefix([i[::-1] for i in items])[::-1]
    frame = _FRAME_END.match(tail)
    if frame is None or any(len(i) - 1 - len(frame.group()) < 2 for i in items):
        return items
    return [i[1 : len(i) - len(frame.group())] for i in items]


# The end of a 在…上 frame that all parts share (…上取得新突破, …方面走在前列).
_FRAME_END = re.compile(f"(?:上|中|方面|领域)[{_CJK}]*$")


def _split_items(body: str, want: int, separators: tuple[str, ...]) -> list[str] | None:
    """`body` split into `want` items at the first of `separators` that gives as many, the last
    two of a short list joined by a conjunction (A、B和C; 东区和西区)."""
    for separator in separators:
        items = [i for i in re.split(f"[{separator}]", body) if i.strip()]
        if len(items) + 1 == want and separator == "、":
            tail = _CONJUNCTION.split(items[-1])
            items = [*items[:-1], *tail] if len(tail) == 2 else items
        elif len(items) == 1 and want == 2 and separator == "、":
            items = _CONJUNCTION.split(items[0])
        if len(items) == want:
            return items
    return None


def _drop_shared_lead(items: list[str], mention: _Mention) -> list[str]:
    """Parts without the lead-in they all repeat from the name: “三个更加注重”：更加注重创新，
    更加注重绿色… → 创新, 绿色. A code's own key (热爱祖国、热爱党 of 三热爱) stays."""
    shared = _shared_lead(items, mention)
    return [i[shared:] for i in items] if shared else items


def _echoed(body: str, mention: _Mention) -> list[str] | None:
    """The items that open `body` and each repeat the name's word, as many as it counts, though
    the sentence may go on past them: “三个聚焦”：聚焦A，聚焦B，聚焦C，奋力实现… → the three;
    None if there are more such items than it counts."""
    want = mention.count
    for separators in ("、", "，,；;"):
        items = [c for c in re.split(f"[{separators}]", body) if c.strip()]
        if len(items) < want or not _echoes(items[:want], mention):
            continue
        more = len(items) > want and _echoes(items[: want + 1], mention)
        return None if more else items[:want]
    return None


def _echoes(items: list[str], mention: _Mention) -> bool:
    """Whether each item repeats the name's word at its start (统筹… of 四个统筹) or its end (制造
    强省、文化强省 of 五个强省), or its 'one' (一个目标、一套体系 of 三个一)."""
    items = [_CLAUSE_END.split(_clean_part(i), maxsplit=1)[0] for i in items]
    head = _head_of(mention.name)[1] if _COUNT_HEAD.match(mention.name) else ""
    if head == "一":
        return all(re.match(f"一[{_CODE_COUNTERS}]", i) for i in items)
    ends = len(head) >= 2 and all(i.endswith(head) and len(i) > len(head) for i in items)
    # A short code's own word opens each part (“三服务”：服务企业、服务群众、服务基层).
    key = mention.name[1:] if mention.name[:1] in _ZH_DIGIT and not head else ""
    keyed = len(key) >= 2 and all(i.startswith(key) and len(i) > len(key) + 1 for i in items)
    return ends or keyed or bool(_shared_lead(items, mention))


def _shared_lead(items: list[str], mention: _Mention) -> int:
    """The length of the lead-in of two or more characters that all `items` open with and the
    name counts (更加注重 of 三个更加注重, 一手抓 of 两手抓), 0 when there is none."""
    if len(items) < 2:
        return 0
    one = "一" + mention.name[1:]  # 两手抓：一手抓A，一手抓B
    if mention.name[:1] in _ZH_DIGIT and all(
        i.startswith(one) and len(i) > len(one) + 1 for i in items
    ):
        return len(one)
    if not mention.classifier and not _COUNT_HEAD.match(mention.name):
        return 0
    shared = 0
    while all(len(i) > shared + 2 for i in items) and len({i[shared] for i in items}) == 1:
        shared += 1
    return shared if shared >= 2 and items[0][:shared] in mention.name else 0


# A name that counts with a measure word (三个更加注重, 四项措施), quoted or not.
_COUNT_HEAD = re.compile(rf"(?:[{_ZH_DIGIT}]{{1,3}}|[0-9]{{1,2}})[{_CLASSIFIERS}]")


_TIME_OPENERS = _words("从今年 今年 明年 去年 近年 目前")


def _short_part(item: str, mention: _Mention) -> str:
    """The shortest phrase naming a part: the first clause, without a list marker (一是), a code
    term (“1个党工委统筹” → 党工委统筹) or a lead verb."""
    item = re.sub("[ \u3000\t]+", "", _clean_part(item))  # text from a PDF: “ 1+6+N” 即 1 个
    item = _ORDINAL.sub("", item)  # 首先，推动…: the order, not the part
    item = _CLAUSE_END.split(item, maxsplit=1)[0].split("——", 1)[0]  # 创新高地——建设…
    item = re.sub(
        "^(?:[一二三四五六七八九十][是、]|其[一二三四五六七八九十]是?|(?:一|另一)[类种个项条]是)",
        "",
        item,
    )
    terms = _PLUS_SPLIT.split(mention.name) if _PLUS_CODE.fullmatch(mention.name) else []
    coded = re.match(f"([0-9A-Za-zＮＸ]+)[{_CODE_COUNTERS}]?(?=[{_CJK}])", item)
    if coded and coded.group(1) in terms:
        # 1个综合党委统筹 of “1+N+X”: the group the term counts, without its count and its verb.
        item = item[coded.end() :]
        item = re.sub(f"(?<=[{_CJK}]{{2}})为[{_CJK}]{{1,2}}$", "", item)  # 以1个开发区为核心
        verb = next((v for v in _TAIL_VERBS if item.endswith(v) and len(item) > len(v) + 1), "")
        item = item[: len(item) - len(verb)]
    return _clean_part(_strip_lead(_clean_part(item), _PART_LEADS))


# Verbs that open a part stated after its name and are no part of it (建设制造强省 → 制造强省),
# beyond those that take a list: 建设 also ends nouns (作风建设), so it ends no list.
_PART_LEADS = _VERB_ENDS + _words("建设")


_ORDINAL = re.compile("^(?:首先|其次|再次|然后|最后|第[一二三四五六七八九十])(?:是|要)?[，,、：:]?")
# Measure words after a code's term (1个, N家, 6大), and the verbs that say what each group of a
# code does (1个党委统筹、N个支部联动、X个网格覆盖): no part of the group's name.
_CODE_COUNTERS = "个项条家名大类支批张套"
_TAIL_VERBS = _words(
    "统筹 联动 覆盖 协同 引领 带动 支撑 推进 管理 保障 挂帅 负责 牵头 参与 兜底 落实 服务 配合 攻坚 "
    "共建 驱动 赋能 示范 联建 联创 共享 托底 协作 支持 指导 主导 助力 补充 辐射 跟进 集聚 落地 "
    "配套 响应"
)


def _term_parts(text: str, mention: _Mention) -> _Parts:
    """A plus code's groups in the sentence after it, each opening with its term in order:
    “4+8+N”产业体系，做强4大万亿级产业、8个千亿级集群、N个新兴产业 → 万亿级产业, 千亿级集群, 新兴产业."""
    if not _PLUS_CODE.fullmatch(mention.name):
        return _NO_PARTS
    # The first term follows the name closely, in its sentence or the next (…格局。以1个…为核心);
    # the others stand in the sentence of the first.
    starts: list[int] = []
    position, limit = mention.end, min(len(text), mention.end + 60)
    for term in _PLUS_SPLIT.split(mention.name):
        found = _term_mark(term).search(text, position, limit)
        if found is None:
            return _NO_PARTS
        if not starts:
            stop = _BODY_END.search(text, found.end(), found.end() + 300)
            limit = stop.start() if stop else min(len(text), found.end() + 300)
        starts.append(found.start())
        position = found.end()
    ends = [*starts[1:], limit]
    items = [text[a:b].rstrip(" \u3000、，,；;和及与") for a, b in zip(starts, ends, strict=True)]
    parts = [_short_part(i, mention) for i in items]
    if not all(parts) or any(len(p) > 16 for p in parts):
        return _NO_PARTS
    return _Parts(tuple(parts), 3, True)


@functools.lru_cache(maxsize=64)
def _term_mark(term: str) -> re.Pattern[str]:
    """A plus code's term opening its group: 1个, N 个, 6大 (a term inside a number is none)."""
    return re.compile(
        f"(?<![0-9A-Za-z.．]){re.escape(term)}[ \u3000]*[{_CODE_COUNTERS}]?[ \u3000]*(?=[{_CJK}])"
    )


def _enumerated_after(text: str, mention: _Mention) -> _Parts:
    """一是A，…二是B，…, （一）A。…, 1.A；…: list markers of one style right after the name, within
    the next few sentences, or opening the lines after the name's line (a plan's sections)."""
    want = mention.count
    if want > 10:
        return _NO_PARTS
    head = text[mention.end : mention.end + 50]
    first = _FIRST_MARK.search(head)
    if first is None or not _OPENS_LIST.fullmatch(head, 0, first.start()):
        return _NO_PARTS
    style = _MARK_STYLES[int((first.lastgroup or "s0")[1:])]
    # Marks that open lines may stand a section apart; marks inside a paragraph, a few sentences.
    by_line = "\n" in head[: first.start()]
    window = text[mention.end : mention.end + (5000 if by_line else 1200)]
    reach = 1500 if by_line else 400  # how far a mark one past the count is looked for
    position = 0
    parts = []
    for value in range(1, want + 1):
        mark = _mark(style, value).search(window, position)
        if mark is None or (by_line and window[: mark.start()].rstrip(" \u3000\t")[-1:] != "\n"):
            return _NO_PARTS
        phrase = _CLAUSE_END.split(window[mark.end() : mark.end() + 60], maxsplit=1)[0]
        parts.append(_strip_lead(phrase))
        position = mark.end()
    if want < 10 and _mark(style, want + 1).search(window, position, position + reach):
        return _NO_PARTS  # the text lists more items than the name counts
    if not all(parts):
        return _NO_PARTS
    return _Parts(tuple(_drop_shared_lead(parts, mention)), 3, True)


# The styles of list marks, for the n-th item as a Chinese and an Arabic numeral: 一是, 一要,
# （一）, 一、, 第一，, 1., （1）, ①.
_MARK_STYLES = (
    "{n}是",
    "{n}要",
    "（{n}）",
    "{n}、",
    "第{n}，",
    "(?<![0-9.．]){v}[.．、](?![0-9])",
    "[（(]{v}[）)]",
    "{c}",
)


# The first mark of a list in any style, one group for each style (a single search).
_FIRST_MARK = re.compile(
    "|".join(
        f"(?P<s{i}>{style.format(n='一', v=1, c=chr(0x2460))})"
        for i, style in enumerate(_MARK_STYLES)
    )
)


@functools.lru_cache(maxsize=128)
def _mark(style: str, value: int) -> re.Pattern[str]:
    number = "一二三四五六七八九十"[value - 1]
    return re.compile(style.format(n=number, v=value, c=chr(0x245F + value)))


# What may stand between a name and the first mark of its list: the rest of its clause, and the
# end of its line (四个到位：\n（一）…, 实施“六大行动”。\n（一）…).
_OPENS_LIST = re.compile("[^。！？!?；;\n]*(?:[：:。]?[ \u3000]*\n[ \u3000\t]*|[。；;])?")


def _lines_after(text: str, mention: _Mention) -> _Parts:
    """A name whose line ends in a colon or a dash, and as many lines after it, each opening with
    a short sentence that names one part: 做到“四个到位”：\n认识到位。…\n责任到位。…"""
    line_end = text.find("\n", mention.end, mention.end + 80)
    if line_end < 0 or mention.count > 10:
        return _NO_PARTS
    rest = text[mention.end : line_end].rstrip(" \u3000\t")
    if not rest.endswith(("：", ":", "——")) or _SENTENCE_END.search(rest):
        return _NO_PARTS
    leads: list[str] = []
    marked = False
    extra = None  # the line after the last part
    for line in _lines_from(text, line_end + 1, line_end + 3000):
        lead = _LINE_LEAD.match(line)
        if len(leads) == mention.count:
            extra = lead
            break
        if lead is None:
            break
        leads.append(lead.group(2))
        marked = bool(lead.group(1))
    if len(leads) != mention.count or any(
        not 2 <= len(p) <= 12
        or p.startswith(_NOT_PART_OPENERS)
        or _COUNT_WORD.search(p)
        or re.search("[0-9]", p)
        for p in leads
    ):
        return _NO_PARTS
    if extra is not None and (_parallel(leads, extra.group(2)) or (marked and extra.group(1))):
        return _NO_PARTS  # one line more of the same kind: a longer list than the name counts
    return _Parts(tuple(_drop_shared_lead(leads, mention)), 3, True)


def _lines_from(text: str, start: int, limit: int) -> Iterator[str]:
    """The non-empty lines of text[start:limit], stripped, read one at a time."""
    while start < limit:
        end = text.find("\n", start, limit)
        end = limit if end < 0 else end
        line = text[start:end].strip(" \u3000\t")
        if line:
            yield line
        start = end + 1


# A line that opens with a short sentence or clause: its lead, without a list marker.
_LINE_LEAD = re.compile(
    "([一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|[①-⑩]|——)?"
    "([^。！？!?；;：:，,\n]{2,12})[。！？!?；;：:，,]"
)


def _parallel(items: list[str], other: str) -> bool:
    """Whether `other` shares the start or the end that all `items` share (认识到位 … 督查到位)."""
    return any(len({i[at] for i in items}) == 1 and other[at] == items[0][at] for at in (0, -1))


def _digit_parts(text: str, mention: _Mention) -> _Parts:
    """The parts of a digit code, each introduced by its digit: “1”即…“2”即… (123456), “1”就是…，
    第一个“3”就是…，第二个“3”就是… (1335)."""
    spans = _digit_marks(text, mention.end, mention.name)
    if spans is None:
        return _NO_PARTS
    window = text[mention.end : mention.end + 2000]
    parts = []
    for i, (_, body_start) in enumerate(spans):
        body_end = spans[i + 1][0] if i + 1 < len(spans) else body_start + 200
        sentence = _SENTENCE_END.split(window[body_start:body_end], maxsplit=1)[0]
        value = _digit_value(mention.name[i]) or i + 1
        phrase = _naming_phrase(sentence, value)
        parts.append(_counted_name(text, phrase, value, mention.end) if value > 1 else phrase)
    return _Parts(tuple(parts), 3, True)


def _counted_name(text: str, head: str, value: int, at: int) -> str:
    """The name the text gives near `at` for a part a digit introduces by its head alone: “4”即…
    “名片” → 四张名片, where the text counts them so; else the head."""
    if not head or _has_numeral(head) or not 2 <= value <= 9:
        return head
    numerals = "两|二" if value == 2 else "一二三四五六七八九"[value - 1]
    counted = re.compile(f"(?:{numerals}|(?<![0-9]){value})[{_CLASSIFIERS}]{re.escape(head)}")
    match = counted.search(text, max(0, at - 3000), at + 3000)
    return match.group() if match else head


def _sub_code_parts(text: str, mention: _Mention) -> _Parts:
    """A code of counted segments that the text then takes one by one: “一核两翼三带”格局：“一核”
    即…，“两翼”即…，“三带”即… → 一核, 两翼, 三带 (each a formulation of its own)."""
    places = _segment_places(text, mention)
    return _NO_PARTS if places is None else _Parts(tuple(places), 3, False)


def _segment_places(text: str, mention: _Mention) -> dict[str, int] | None:
    """Where the text, right after a quoted code of two or more counted segments, takes each in
    turn, quoted (“两翼”) or explained (两翼即): each segment and its offset; None if it does not."""
    if not mention.quoted or len(_NUMERAL_CHARS.findall(mention.name)) < 2:
        return None  # 123456, 四风: no two counted segments
    segments = [
        n + h for item in re.split("[、，,]", mention.name) for n, h in _SEGMENT.findall(item)
    ]
    if len(segments) < 2 or "".join(segments) != re.sub("[、，,]", "", mention.name):
        return None
    # The first segment follows the code closely, each next one the one before it.
    places: dict[str, int] = {}
    position, reach = mention.end, 60
    for segment in segments:
        found = re.compile(
            f"[“‘]{re.escape(segment)}[”’]|{re.escape(segment)}(?={_EXPLAINS})"
        ).search(text, position, position + reach + len(segment) + 2)
        if found is None or segment in places:
            return None
        places[segment] = found.start() + (found.group()[0] in "“‘")
        position, reach = found.end(), 200
    return places


def _segment_mentions(text: str, quoted: list[_Mention]) -> Iterator[_Mention]:
    """The segments of a code that the text takes one by one, where it does not quote them (“一区
    三园”：一区即…，三园即…): formulations of their own, as the quoted ones are."""
    for mention in quoted:
        for segment, at in (_segment_places(text, mention) or {}).items():
            count = _segments_count(segment)
            if count is not None and count >= 2:
                yield _Mention(segment, count, at, at + len(segment), False, "standard")


def _digit_marks(text: str, end: int, code: str) -> list[tuple[int, int]] | None:
    """Where the text, right after a digit code ending at `end`, introduces each of its digits in
    turn (“1”即, 第二个“3”就是), as spans in the 2,000 characters after `end`; None if it does not."""
    if not _is_digit_run(code):
        return None
    position, limit = end, end + 80  # the first mark follows the code closely
    spans: list[tuple[int, int]] = []
    for digit in code:
        found = _find_digit_mark(text, digit, position, limit)
        if found is None or (not spans and found[0] > end + 60):
            return None
        spans.append((found[0] - end, found[1] - end))
        position, limit = found[1], end + 2000
    return spans


def _find_digit_mark(text: str, digit: str, start: int, limit: int) -> tuple[int, int] | None:
    """The first place in text[start:limit] where `digit` is introduced: quoted (“3”就是) or, for
    an Arabic digit, standing alone (3是, not 15分钟是), with an ordinal before it (第二个“3”)."""
    pattern = _digit_mark(digit)
    at = start
    while (mark := pattern.search(text, at, limit)) is not None:
        begin = mark.start()
        quoted = mark.group(1) is not None
        opened = begin > 0 and text[begin - 1] in '“"'
        if quoted and opened:
            begin -= 1
        elif quoted or opened or not digit.isdigit() or text[begin - 1 : begin] in "0123456789.．":
            at = mark.start() + 1  # half quoted, a Chinese digit bare, a digit inside a number
            continue
        ordinal = _ORDINAL_BEFORE.search(text, max(0, begin - 3), begin)
        return (ordinal.start() if ordinal else begin), mark.end()
    return None


@functools.lru_cache(maxsize=32)
def _digit_mark(digit: str) -> re.Pattern[str]:
    # The digit first, so that the search skips to it; what stands before it is checked after.
    return re.compile(f'{digit}([”"])?(?![0-9.．%])(?:{_EXPLAINS})')


_ORDINAL_BEFORE = re.compile("第[一二三四五六七八九十]个$")
_EXPLAINS = "即|就是|是指|指的是|是|指|[：:]"


def _is_digit_run(code: str) -> bool:
    """Whether `code` is two to nine digits, none of them 0 (1335, 123456, 一三三三)."""
    return _DIGIT_RUN.fullmatch(code) is not None


_DIGIT_RUN = re.compile("[1-9]{2,9}|[一二三四五六七八九]{2,9}")
_NUMERAL_CHARS = re.compile(f"[{_ZH_DIGIT}一双]")


def _digit_value(digit: str) -> int | None:
    if digit.isdigit():
        return int(digit)
    return chinese_integer(digit) if digit in _ZH_DIGIT + "一" else None


def _naming_phrase(sentence: str, count: int) -> str:
    """The phrase naming the part a digit introduces: a formulation counting that many parts
    (“2”即…两大支撑), else the noun that closes the sentence (…“名片”, …发展愿景)."""
    for match in _COUNTED.finditer(sentence):
        number = match.group(1)
        value = int(number) if number.isdigit() else chinese_integer(number)
        if value == count:
            head = _HEAD_STOP.split(match.group(3), maxsplit=1)[0]
            return number + match.group(2) + head
    for quoted in _QUOTED.finditer(sentence):
        inner = next(g for g in quoted.groups() if g is not None)
        if _code_count(inner) == count:
            return inner
    pieces = re.split(f"[{_OPEN_QUOTES}{_CLOSE_QUOTES}、，,：:（()）]", sentence)
    tail = next((p for p in reversed(pieces) if p.strip()), sentence)
    tail = re.sub(
        "^一[个项条种大]", "", _strip_lead(tail, _VERB_ENDS)
    )  # 锚定一个目标愿景 → 目标愿景
    named = re.split("这个|这一|这项", tail)[-1]  # 把握高质量发展这个首要任务 → 首要任务
    return (named if len(named) >= 2 else tail)[-8:]


def _key_parts(text: str, mention: _Mention) -> _Parts:
    """The parts of a short code, each carrying the character it counts, listed near it:
    三农 ← 农业、农村、农民, 三保 ← 保基本民生、保工资、保运转, 双拥 ← 拥军优属、拥政爱民, and for
    two parts run together, parallel words that share it at the same place: 双创 ← 大众创业万众创新."""
    name, want = mention.name, mention.count
    joined = len(name) == 4 and name[2:] in _JOINERS  # 三外联动 ← 外贸、外资、外经
    ones = len(name) == 4 and name[1:3] == "个一"  # 三个一批 ← 谋划一批、储备一批、实施一批
    if (len(name) != 2 and not joined and not ones) or name[0] not in _ZH_DIGIT + "双":
        return _NO_PARTS
    if not 2 <= want <= 8:
        return _NO_PARTS
    key = name[2:] if ones else name[1]
    low, high = max(0, mention.start - 600), min(len(text), mention.end + 600)
    # Lists near the name, clause by clause (a split, so each character is read once).
    for clause in _CLAUSE_SPLIT.split(text[low:high]):
        if key not in clause or ("、" not in clause and want != 2):
            continue
        # A pair may be joined by a conjunction alone (推动信息化和工业化深度融合).
        items = clause.split("、") if "、" in clause else _CONJUNCTION.split(clause, maxsplit=1)
        if len(items) < 2:
            continue
        items[0], items[-1] = items[0][-10:], items[-1][:10]
        if len(items) + 1 == want:
            tail = _CONJUNCTION.split(items[-1], maxsplit=1)
            items = [*items[:-1], *tail] if len(tail) == 2 else items
        if len(items) != want or not all(key in item for item in items):
            continue
        # The key stands at one place in every part (农业、农村、农民; 拥政爱民、拥军优属): the first
        # part starts that far before it, the last is as long as the others.
        reference = items[1] if want > 2 else items[-1]
        offset = reference.find(key)
        first_at = items[0].rfind(key) - offset
        if first_at < 0:
            continue
        items[0] = items[0][first_at:]
        last = _CONJUNCTION.split(items[-1], maxsplit=1)[0]
        items[-1] = last if key in last else items[-1]  # 大众创业、万众创新和… → 万众创新
        longest = max(len(i) for i in items[:-1])
        if len(items[-1]) > longest + 1:
            items[-1] = items[-1][:longest]
        items = [i[:-1] if i.endswith("的") else i for i in items]  # 讲正气的“三讲”
        # Parts of a short code are short words of one length that carry its character near their
        # start (农业、农村、农民), not phrases (农业土地开发、农田水利) or clauses (农业更强、农民更富).
        # In the name's own sentence they may be longer phrases with it at one place (“六保”工作，
        # 强化保居民就业、保基本民生、…、保基层运转).
        at = low + text[low:high].find(clause)
        own = _SENTENCE_END.search(text, min(at, mention.start), max(at, mention.end)) is None
        if not own and "、" not in clause:
            continue  # a pair joined by 和 only in the name's own sentence
        lengths = [len(i) for i in items]
        if own:
            if max(lengths) > 10 or len({i.find(key) for i in items}) > 1:
                continue
        elif max(lengths) > 6 or max(lengths) - min(lengths) > 1:
            continue
        if any(not 0 <= i.find(key) <= 2 or _PREDICATE_ADVERB.search(i) for i in items):
            continue
        if all(key in item for item in items) and name not in items:
            return _Parts(tuple(items), 2, True, abs(at - mention.start))
    if want == 2:
        return _parallel_pair(text, mention, key)
    return _NO_PARTS


# Words that join the things a short code counts (三外联动, 五水共治, 三链融合).
_JOINERS = _words(
    "联动 融合 并举 协同 共治 同治 共建 并重 合一 同步 齐抓 一体 互动 联创 共享 齐发 并进 互促 贯通 统筹"
)
_CLAUSE_SPLIT = re.compile(f"[^{_CJK}、]+")
_PREDICATE_ADVERB = re.compile("[更最很不都也要]")


def _parallel_pair(text: str, mention: _Mention, key: str) -> _Parts:
    """双创 ← 大众创业万众创新: two four-character words, in the mention's paragraph, that share the
    counted character at the same place (and, run together, one more)."""
    para_start = text.rfind("\n", max(0, mention.start - 600), mention.start) + 1
    para_end = text.find("\n", mention.end, mention.end + 600)
    para = text[para_start : para_end if para_end >= 0 else mention.end + 600]
    best: tuple[int, str, str, int] | None = None
    at = para.find(key)
    while at >= 0:
        for offset in range(4):
            first = para[max(0, at - offset) : at - offset + 4]
            rest = para[at - offset + 4 :]
            separated = rest[:1] in "、和与及"
            second = rest[1:5] if separated else rest[:4]
            if not (len(first) == len(second) == 4 and second[offset] == key and first != second):
                continue
            if not all(_is_cjk(c) for c in first + second) or mention.name in first + second:
                continue
            # Parallel words share the counted character and, run together, one more (大众创业万众创新).
            shared = sum(a == b for a, b in zip(first, second, strict=True))
            if not (separated or shared >= 2):
                continue
            # Of two readings, the one that starts where a word can start (把大众创业…).
            before = para[: max(0, at - offset)]
            score = 2 * shared + (
                not before or before[-1] in _PUNCTUATION or before.endswith(_LEAD_WORDS)
            )
            if best is None or score > best[0]:
                best = (score, first, second, abs(para_start + at - mention.start))
        at = para.find(key, at + 1)
    return _NO_PARTS if best is None else _Parts(best[1:3], 2, True, best[3])


def _subject_pair(text: str, mention: _Mention) -> _Parts:
    """双 after a verb of change counts the two things its clause is about, named at the clause's
    start: 化肥农药使用量实现双下降 → 化肥, 农药; 化学需氧量、二氧化硫排放总量首次出现双下降."""
    if mention.count != 2 or not mention.name.endswith(_CHANGES):
        return _NO_PARTS
    clause = _clause_before(text, mention.start)
    measure = _MEASURE_NOUN.search(clause)
    if measure is None:
        return _NO_PARTS
    subject = _clean_part(_strip_lead(clause[: measure.start()]))
    items = [_clean_part(i) for i in re.split("[、]|和|与|及", subject)]
    if len(items) == 2 and all(2 <= len(i) <= 6 for i in items):
        return _Parts(tuple(items), 2, False)
    pair = _split_pair(subject)  # 化肥农药: two words run together (a guess)
    return replace(pair, strength=2) if pair.parts else _NO_PARTS


# Verbs of change after 双 (双下降, 双缩减), and the nouns of a measure that follow the things
# measured (化肥农药使用量, 二氧化硫排放总量, 荒漠化、沙化土地面积).
_CHANGES = _words("下降 缩减 减少 降低 提升 提高 增长 增加 上升 回落")
_MEASURE_NOUN = re.compile(
    "使用量|排放|总量|用量|土地面积|面积|产量|数量|比重|强度|价格|成本|消耗|能耗"
)


def _heads_nearby(text: str, mention: _Mention) -> _Parts:
    """A list in the next few sentences whose items each end in the name's head word, as many as
    it counts: 建设“四个中心”…。《意见》明确，基本建成科技创新中心、先进制造中心、商贸物流中心和
    文化旅游中心 → the four (a guess: the text does not say they are its parts)."""
    if not _COUNT_HEAD.match(mention.name) or not 2 <= mention.count <= 10:
        return _NO_PARTS
    head = _head_of(mention.name)[1]
    if len(head) < 2:
        return _NO_PARTS
    for clause in _CLAUSE_SPLIT.split(text[mention.end : mention.end + 300]):
        if "、" not in clause or not clause.endswith(head):
            continue
        items = _list_items(clause, mention.count, False)
        if items is None or not all(i.endswith(head) and len(i) > len(head) for i in items):
            continue
        items[0] = _first_part(items[0], items[1:])[0]
        if items[0].endswith(head) and len(items[0]) > len(head) and mention.name not in items:
            return _Parts(tuple(items), 1, True)
    return _NO_PARTS


def _sentence_heads(text: str, mention: _Mention) -> _Parts:
    """The name opens a paragraph whose following sentences each begin with one part:
    三大攻坚战开局良好。防范化解重大风险，…。精准脱贫有力推进，…。污染防治得到加强，…"""
    para_start = text.rfind("\n", max(0, mention.start - 200), mention.start) + 1
    para_end = text.find("\n", mention.end, mention.end + 1500)
    if para_end < 0 or _SENTENCE_END.search(text, para_start, mention.start):
        return _NO_PARTS
    first_stop = _SENTENCE_END.search(text, mention.end, para_end)
    if first_stop is None:
        return _NO_PARTS
    if first_stop.start() - para_start > 40:
        return _NO_PARTS  # the name's sentence is a short lead (——三大攻坚战开局良好。)
    sentences = [s for s in re.split("[。！？!?]", text[first_stop.end() : para_end]) if s.strip()]
    if len(sentences) != mention.count:
        return _NO_PARTS
    parts = []
    for sentence in sentences:
        clause = _CLAUSE_END.split(sentence, maxsplit=1)[0]
        cut = _PREDICATE_MARKS.search(clause, 2)
        phrase = clause[: cut.start()] if cut else clause
        if (
            not 2 <= len(phrase) <= 10
            or phrase.startswith(_NOT_PART_OPENERS)
            or _has_numeral(phrase)
        ):
            return _NO_PARTS
        parts.append(phrase)
    return _Parts(tuple(parts), 1, True)


def _paragraph_heads(text: str, mention: _Mention) -> _Parts:
    """The name heads a section of as many paragraphs as it counts, each led by a short sentence
    that names one part: （四）坚决打好三大攻坚战。…\n推动重大风险防范化解取得明显进展。…\n
    加大精准脱贫力度。…\n推进污染防治取得更大成效。…\n（五）…"""
    line_start = text.rfind("\n", max(0, mention.start - 40), mention.start) + 1
    if (line_start == 0 and mention.start >= 40) or _SENTENCE_END.search(
        text, line_start, mention.start
    ):
        return _NO_PARTS  # the name stands in its section's heading
    line_end = text.find("\n", mention.end, mention.end + 1500)
    if line_end < 0:
        return _NO_PARTS
    paragraphs: list[str] = []
    for line in text[line_end : line_end + 4000].split("\n"):
        line = line.strip(" \u3000\t")
        if _HEADING.match(line):
            break  # the next section
        if line:
            paragraphs.append(line)
        if len(paragraphs) > mention.count:
            return _NO_PARTS
    else:
        return _NO_PARTS  # no next section within reach
    if len(paragraphs) != mention.count:
        return _NO_PARTS
    parts = []
    for paragraph in paragraphs:
        lead = _SENTENCE_END.split(paragraph, maxsplit=1)[0]
        phrase = _strip_lead(lead, _VERB_ENDS)
        cut = _PREDICATE_MARKS.search(phrase, 2)
        phrase = _EFFORT.sub("", phrase[: cut.start()] if cut else phrase)
        if (
            len(lead) > 20
            or not 2 <= len(phrase) <= 12
            or phrase.startswith(_NOT_PART_OPENERS)
            or _has_numeral(phrase)
        ):
            return _NO_PARTS
        parts.append(phrase)
    return _Parts(tuple(parts), 1, True)


_HEADING = re.compile(
    "（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，、]"
)
# Nouns of effort that close a heading's verb phrase (加大精准脱贫力度): no part of the part's name.
_EFFORT = re.compile("(?:力度|工作|水平)$")


# Sentences that open with these talk about the parts rather than name one (我们还, 这些措施).
_NOT_PART_OPENERS = _words(
    "我们 我国 这些 这 那 他们 其 今年 去年 明年 同时 此外 但 但是 而且 因此 所以 从 在 对 到 自"
)


def _find_parts(text: str, mention: _Mention) -> _Parts:
    if mention.count > 12:
        return _NO_PARTS
    if mention.given:
        return _Parts(mention.given, 3, False)
    if mention.kind == "pair":
        found = _parts_before(text, mention)
        return found if found.parts else _subject_pair(text, mention)
    before = None
    if mention.kind == "counted":
        # A list right before a counted name is its parts (生物医药、低空经济两大未来产业), whatever
        # the sentences after it go on to say about each.
        before = _parts_before(text, mention)
        if before.parts and not before.guessed:
            return before
    for finder in (
        _digit_parts,
        _sub_code_parts,
        _parts_after,
        _term_parts,
        _enumerated_after,
        _lines_after,
        _parts_before,
        _key_parts,
        _heads_nearby,
        _sentence_heads,
        _paragraph_heads,
    ):
        found = before if finder is _parts_before and before is not None else finder(text, mention)
        if found.parts:
            return found
    return _NO_PARTS


# --- deciding ----------------------------------------------------------------------------------

# Characters that close a noun (产业, 污染源, 主粮, 保障线): where an unquoted head may end.
_NOUN_ENDS = frozenset(
    "业源战役粮区线性带圈块策法品料链群局场体题标网库园港城端域面部门厂矿站院校报"
)


def _head_of(name: str) -> tuple[str, str]:
    """`name` split after its measure word: 三大攻坚战 → (三大, 攻坚战), 5条底线 → (5条, 底线)."""
    number = len(name) - len(name.lstrip("0123456789" + _ZH_DIGIT))
    return name[: number + 1], name[number + 1 :]


def _is_name(mention: _Mention, parts: _Parts, known_names: set[str]) -> bool:
    """Whether a mention is used as a name (a formulation), not a plain count."""
    if mention.kind in ("quote", "standard", "symbols") or mention.name in known_names:
        return True
    if mention.kind == "pair":
        return parts.strength >= 2  # 双 counts the things named beside it
    head = _head_of(mention.name)[1]
    if head.startswith("一"):
        return True  # 三个一批, 五个一: a count of "one …" phrases is a code
    if head.startswith(_NOT_SET_HEADS) or head.endswith(_PLAIN_HEADS):
        return False  # 报告分为六个部分, 突出抓好三个方面, 两大类: the text's pieces, its agenda
    set_word = head.endswith(_SET_WORDS) or head in _SET_VERBS
    if parts.named:
        return True  # “科技贷”“人才贷”“园区贷”三类金融产品: quoted names make the count a set
    if mention.classifier != "大" and not set_word:
        # 香港、澳门两个特别行政区, 经济增长、物价总水平两个指标, 3个项目, 四件事: with 个, 项 or
        # 种 a number counts things in passing unless its head is a word for a designed set.
        return False
    if parts.strength >= 2:
        return True
    if mention.arabic or mention.count > 12:
        return False  # 三十八个续建工程: a plain count
    if mention.in_passing:
        return False  # 要按照这两条原则, 入选全国十大创新案例: a reference back, a ranking
    return set_word or len(head) >= 2


# Heads that count the pieces of a text or a talk, not a set a reader would name (分六个部分).
_NOT_SET_HEADS = _words("部分 章 节 段")


def _trim_head(mention: _Mention, prefixes: Counter[str]) -> _Mention:
    """End an unquoted counted name where its head noun ends (三大攻坚战开局良好 → 三大攻坚战)."""
    stem, head = _head_of(mention.name)
    if (
        mention.kind != "counted"
        or head.startswith("一")
        or (
            mention.closed
            and (head.endswith(_HEAD_ENDS) or head in _SET_VERBS or head[-1:] in _NOUN_ENDS)
        )
    ):
        return mention
    if mention.closed:
        # A whole head that ends in no noun's end: cut after a noun inside it (方面组成 → 方面),
        # else keep it (油气田).
        inside = next((n for n in range(len(head) - 1, 1, -1) if head[n - 1] in _NOUN_ENDS), 0)
        head = head[: inside or len(head)]
        return replace(mention, name=stem + head, end=mention.start + len(stem + head))
    # The first word for a designed set ends it (三大标志性战役全面打响 → 三大标志性战役).
    ends = [at + len(word) for word in _HEAD_ENDS if (at := head.find(word)) >= 0]
    ends += [len(word) for word in _SET_VERBS if head.startswith(word)]
    best = min(ends, default=0)
    if not best:
        # A noun's end (三大污染源治理, 两个特别行政区行政长官), else the part its other mentions
        # share (三大改造 / 三大改造能够), else a longer noun (两个资产阶级司令部), else two characters.
        best = next((n for n in (5, 4, 3, 2) if len(head) >= n and head[n - 1] in _NOUN_ENDS), 0)
    if not best:
        best = _shortest_shared(stem, head, prefixes)
    if not best:
        best = next((n for n in (7, 6) if len(head) >= n and head[n - 1] in _NOUN_ENDS), 0)
    best = best or min(2, len(head))
    name = stem + head[:best]
    return replace(mention, name=name, end=mention.start + len(name), closed=True)


def _shortest_shared(stem: str, head: str, prefixes: Counter[str]) -> int:
    """The shortest length (two or more) at which another head after the same count stops sharing
    this head's start: 三大改造本身 beside 三大改造， → 2 (改造). 0 when no other head shares two.

    `prefixes` counts, over the distinct heads, every start of two characters or more."""
    for n in range(2, len(head) + 1):
        here = prefixes[stem + head[:n]]
        longer = prefixes[stem + head[: n + 1]] if n < len(head) else 1
        if here > longer:
            return n  # some other head shares exactly the first n characters
        if here < 2:
            return 0
    return 0


# How many mentions of one name are searched for parts: real texts give a name's parts at one of
# its first few mentions. And how many searches a text gets in all (each reads a few thousand
# characters around its mention): far more than a real text needs (a 60 KB report has a few
# hundred mentions), so that a text packed with mentions stays linear in its length.
_MAX_PART_SEARCHES = 24


def _search_budget(text: str) -> int:
    return 1000 + len(text) // 64


def find_formulations(text: str) -> list[FoundFormulation]:
    """Every numbered formulation of `text`, in text order, each once."""
    quoted = list(_quoted_mentions(text))
    # Names the text marks as names: quoted ones, and the parts its digit codes name (“3”就是建设
    # 三个平台), which are read before the counted mentions that repeat them.
    known_names = {m.name for m in quoted}
    counted = list(_counted_mentions(text))
    prefixes: Counter[str] = Counter()
    for head in {_head_of(m.name) for m in counted}:
        prefixes.update("".join(head)[: len(head[0]) + n] for n in range(2, len(head[1]) + 1))
    counted = [_trim_head(m, prefixes) for m in counted]
    mentions = [
        *quoted,
        *_segment_mentions(text, quoted),
        *_standard_mentions(text),
        *_shaped_mentions(text),
        *counted,
        *_pair_mentions(text),
        *_symbol_mentions(text),
    ]
    # A mention inside a stronger one (十大行动 in “碳达峰十大行动”) is the same formulation.
    taken = bytearray(len(text))
    searched: Counter[str] = Counter()
    searches, budget = 0, _search_budget(text)
    kept: list[tuple[_Mention, _Parts]] = []
    for mention in mentions:
        if any(taken[mention.start : mention.end]):
            continue
        parts = _NO_PARTS
        if searched[mention.name] < _MAX_PART_SEARCHES and searches < budget:
            searched[mention.name] += 1
            searches += 1
            parts = _find_parts(text, mention)
        if not _is_name(mention, parts, known_names):
            continue
        if mention.kind == "quote" and _is_digit_run(mention.name):
            known_names.update(parts.parts)
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        kept.append((mention, parts))
    kept.sort(key=lambda mp: mp[0].start)
    # 国际国内两个市场两种资源: a name that follows another of the same count shares its parts.
    for i in range(1, len(kept)):
        (before, before_parts), (mention, parts) = kept[i - 1], kept[i]
        gap = text[before.end : mention.start]
        if (
            not parts.parts
            and before_parts.parts
            and before.count == mention.count
            and len(gap) <= 2
            and not gap.strip(_OPEN_QUOTES + _CLOSE_QUOTES + "、和与及")
        ):
            kept[i] = (mention, before_parts)
    best: dict[str, tuple[_Mention, _Parts]] = {}
    positions: dict[str, list[int]] = {}
    for mention, parts in kept:
        positions.setdefault(mention.name, []).append(mention.start)
        current = best.get(mention.name)
        if current is None or (parts.strength, -parts.distance) > (
            current[1].strength,
            -current[1].distance,
        ):
            best[mention.name] = (mention, parts)
    budget = _SCAN_BUDGET
    found = []
    for mention, parts in best.values():
        if budget >= len(text):
            budget -= len(text)
            others = _occurrences(text, mention.name)
        else:
            others = positions[mention.name]
        anchor_start, anchor_end = _anchor(text, mention, others)
        found.append(
            FoundFormulation(
                name=mention.name,
                count=mention.count,
                parts=parts.parts,
                anchor=text[anchor_start:anchor_end],
                start=mention.start,
                end=mention.end,
                parts_guessed=parts.guessed,
            )
        )
    return sorted(found, key=lambda f: (f.start, f.name))


# How many characters the search for a name's other places may read in all, so that a long text
# full of distinct names stays linear; past it, a name's own mentions stand for its places.
_SCAN_BUDGET = 20_000_000
# Past this many other places, no anchor of 40 characters is likely to be unique: stop trying.
_MAX_OTHERS = 500


def _occurrences(text: str, name: str) -> list[int]:
    out: list[int] = []
    at = text.find(name)
    while at >= 0 and len(out) <= _MAX_OTHERS:
        out.append(at)
        at = text.find(name, at + 1)
    return out


def _anchor(text: str, mention: _Mention, places: list[int]) -> tuple[int, int]:
    """A short span around the name, within its clause, grown until it is unique (≤ 40 chars)."""
    start, end = mention.start, mention.end
    if start > 0 and text[start - 1] in _OPEN_QUOTES:
        start -= 1
    if end < len(text) and text[end] in _CLOSE_QUOTES:
        end += 1
    left_limit = max(0, mention.end - MAX_ANCHOR)
    right_limit = min(len(text), mention.start + MAX_ANCHOR)
    # Some context either side, as a reader would quote it.
    for _ in range(4):
        if start > left_limit and text[start - 1] not in _PUNCTUATION and end - start < MAX_ANCHOR:
            start -= 1
    for _ in range(6):
        if end < right_limit and text[end] not in _PUNCTUATION and end - start < MAX_ANCHOR:
            end += 1
    others = [o for o in places if o != mention.start][:_MAX_OTHERS]

    def same_as(other: int) -> bool:
        a = other - (mention.start - start)
        return a >= 0 and text[a : a + end - start] == text[start:end]

    others = [o for o in others if same_as(o)]
    while others and end - start < MAX_ANCHOR:
        if end < right_limit and text[end] != "\n":
            end += 1
        elif start > left_limit and text[start - 1] != "\n":
            start -= 1
        else:
            break
        others = [o for o in others if same_as(o)]
    return start, end


_PUNCTUATION = frozenset("，,。！？!?；;：:\n（）()")
