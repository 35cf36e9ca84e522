"""The finder of numbered formulations (提法): real sentences from the government work reports,
the forms it must leave alone, and properties that hold for any text."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FULL, examples
from hxq_cli.zh.formulations import FoundFormulation, find_formulations
from test_data import source_path

# (report, sentence as printed there, [(name, count, parts)]): every formulation the sentence holds.
REAL = [
    (
        "gwr2019",
        "——三大攻坚战开局良好。防范化解重大风险，宏观杠杆率趋于稳定，金融运行总体平稳。"
        "精准脱贫有力推进，农村贫困人口减少1386万。污染防治得到加强，生态文明建设成效显著。\n",
        [("三大攻坚战", 3, ("防范化解重大风险", "精准脱贫", "污染防治"))],
    ),
    (
        "gwr2018",
        "（四）坚决打好三大攻坚战。要围绕完成年度攻坚任务，明确各方责任。\n\n"
        "推动重大风险防范化解取得明显进展。当前我国经济金融风险总体可控。\n\n"
        "加大精准脱贫力度。今年再减少农村贫困人口1000万以上。\n\n"
        "推进污染防治取得更大成效。巩固蓝天保卫战成果。\n\n"
        "（五）大力实施乡村振兴战略。\n",
        [("三大攻坚战", 3, ("重大风险防范化解", "精准脱贫", "污染防治"))],
    ),
    (
        "gwr2019",
        "加强工业、燃煤、机动车三大污染源治理。",
        [("三大污染源", 3, ("工业", "燃煤", "机动车"))],
    ),
    ("gwr2019", "更好发挥中央和地方两个积极性。", [("两个积极性", 2, ("中央", "地方"))]),
    (
        "gwr2019",
        "更好利用国际国内两个市场两种资源。",
        [("两个市场", 2, ("国际", "国内")), ("两种资源", 2, ("国际", "国内"))],
    ),
    (
        "gwr2019",
        "在“巩固、增强、提升、畅通”八个字上下功夫。",
        [("八个字", 8, ("巩固", "增强", "提升", "畅通"))],
    ),
    ("gwr2019", "“双随机、一公开”监管全面实施。", [("双随机、一公开", 3, ())]),
    ("gwr2019", "推进“两学一做”学习教育常态化制度化。", [("两学一做", 3, ())]),
    ("gwr2019", "巩固“三去一降一补”成果。", [("三去一降一补", 5, ())]),
    ("gwr2019", "重点解决实现“两不愁三保障”面临的突出问题。", [("两不愁三保障", 5, ())]),
    ("gwr2019", "加大“三区三州”等深度贫困地区脱贫攻坚力度。", [("三区三州", 6, ())]),
    ("gwr2019", "统筹推进“五位一体”总体布局。", [("五位一体", 5, ())]),
    ("gwr2019", "实现“两个一百年”奋斗目标。", [("两个一百年", 2, ())]),
    ("gwr2019", "严格落实中央八项规定及其实施细则精神。", [("中央八项规定", 8, ())]),
    (
        "gwr2019",
        "进一步把大众创业万众创新引向深入。加强全方位服务，发挥双创示范基地带动作用。",
        [("双创", 2, ("大众创业", "万众创新"))],
    ),
    (
        "gwr2024",
        "电动汽车、锂电池、光伏产品“新三样”出口增长近30%。",
        [("新三样", 3, ("电动汽车", "锂电池", "光伏产品"))],
    ),
    ("gwr2024", "加强总量和结构双重调节。", [("双重调节", 2, ("总量", "结构"))]),
    # 双 and N重 count the things named before them, also across 的 (gwr2022, gwr2012), and after a
    # verb of change the things the clause is about (gwr2019, gwr2008).
    (
        "gwr2022",
        "经济发展面临需求收缩、供给冲击、预期转弱三重压力。局部疫情时有发生。",
        [("三重压力", 3, ("需求收缩", "供给冲击", "预期转弱"))],
    ),
    (
        "gwr2012",
        "面临通货膨胀和经济增速回落的双重压力。",
        [("双重压力", 2, ("通货膨胀", "经济增速回落"))],
    ),
    (
        "gwr2019",
        "全面建立河长制、湖长制。化肥农药使用量实现双下降。加强生态环保督察执法。",
        [("双下降", 2, ("化肥", "农药"))],
    ),
    (
        "gwr2008",
        "化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14％和4.66％。",
        [("双下降", 2, ("化学需氧量", "二氧化硫"))],
    ),
    ("gwr2024", "推进“平急两用”公共基础设施建设。", [("平急两用", 2, ())]),
    ("gwr2024", "扎实开展“碳达峰十大行动”。", [("碳达峰十大行动", 10, ())]),
    ("gwr2024", "支持高质量共建“一带一路”八项行动的落实落地。", [("八项行动", 8, ())]),
    ("gwr2024", "在全国实施三大主粮生产成本和收入保险政策。", [("三大主粮", 3, ())]),
    ("gwr2024", "“三北”工程三大标志性战役全面打响。", [("三北", 3, ()), ("三大标志性战役", 3, ())]),
    ("gwr2024", "贯彻“一国两制”、“港人治港”、“澳人治澳”方针。", [("一国两制", 2, ())]),
    (
        "gwr2003",
        "（三）坚持把解决“三农”问题放在突出位置\n\n农业、农村、农民问题，关系我国改革开放全局。",
        [("三农", 3, ("农业", "农村", "农民"))],
    ),
    # Names that their shape marks without quotation marks or a measure word: a programme that
    # joins N things, a standard short set, a slogan in two counted halves named by its first.
    ("gwr2012", "推动三网融合取得实质性进展。", [("三网融合", 3, ())]),
    ("gwr2014", "坚持走以人为本、四化同步、优化布局的新型城镇化道路。", [("四化同步", 4, ())]),
    ("gwr2016", "工商登记前置审批精简85%，全面实施三证合一、一照一码。", [("三证合一", 3, ())]),
    ("gwr2010", "农村五保户供养水平、优抚对象抚恤补助标准都有新的提高。", [("五保", 5, ())]),
    (
        "gwr1994",
        "必须始终不渝地坚持两手抓、两手都要硬的方针，加强社会主义精神文明建设。",
        [("两手抓", 2, ())],
    ),
    ("gwr2000", "各级政府要坚持“两手抓、两手都要硬”的方针。", [("两手抓", 2, ())]),
    # Parts without the verbs of their clause, whichever item carries one (gwr2004, gwr2006,
    # gwr1964, gwr2012), and without the adverb before 是 (gwr1998).
    (
        "gwr2004",
        "突出强调实行科学民主决策、坚持依法行政和加强行政监督三项基本准则，并认真贯彻执行。",
        [("三项基本准则", 3, ("科学民主决策", "依法行政", "行政监督"))],
    ),
    (
        "gwr2006",
        "继续把好土地、信贷两个闸门，坚持实行最严格的土地管理制度。",
        [("两个闸门", 2, ("土地", "信贷"))],
    ),
    (
        "gwr1964",
        "在全国范围内开展了阶级斗争、生产斗争、科学实验三大革命运动，有力地反击了资本主义。",
        [("三大革命运动", 3, ("阶级斗争", "生产斗争", "科学实验"))],
    ),
    ("gwr2012", "更好地调动中央和地方两个积极性；", [("两个积极性", 2, ("中央", "地方"))]),
    ("gwr2012", "要充分调动好中央与地方两个积极性。", [("两个积极性", 2, ("中央", "地方"))]),
    (
        "gwr1998",
        "和平与发展仍然是当今世界的两大主题。国际局势正在发生重大而深刻的变化。",
        [("两大主题", 2, ("和平", "发展"))],
    ),
    (
        "gwr1999",
        "今年要继续围绕贯彻按保护价敞开收购农民余粮、粮食收储企业实行顺价销售、粮食收购资金实行封闭运行"
        "“三项政策”和加快国有粮食企业自身改革。",
        [
            (
                "三项政策",
                3,
                (
                    "按保护价敞开收购农民余粮",
                    "粮食收储企业实行顺价销售",
                    "粮食收购资金实行封闭运行",
                ),
            )
        ],
    ),
    (
        "gwr1986",
        "在利用国内国外两种资源、开拓国内国外两个市场、学会组织国内建设和发展对外经济关系两套本领方面，"
        "取得了显著的成绩。",
        [("两种资源", 2, ("国内", "国外")), ("两个市场", 2, ("国内", "国外"))],
    ),
    # Clauses after a comma that each end in the name's word, led by order words (gwr1981).
    (
        "gwr1981",
        "我们要利用两种资源，首先是国内资源，其次是国际资源；开拓两个市场，首先是国内市场，"
        "其次是国际市场；学会两套本领。",
        [("两种资源", 2, ("国内资源", "国际资源")), ("两个市场", 2, ("国内市场", "国际市场"))],
    ),
    # A code of parallel segments whose pairs the text spells out, each half a part (gwr1987).
    (
        "gwr1987",
        "对基本建设坚决实行“三保三压”的方针，即保计划内建设，压计划外建设；保生产性建设，"
        "压非生产性建设；保重点建设，压非重点建设。",
        [
            (
                "三保三压",
                6,
                (
                    "保计划内建设",
                    "压计划外建设",
                    "保生产性建设",
                    "压非生产性建设",
                    "保重点建设",
                    "压非重点建设",
                ),
            )
        ],
    ),
    ("gwr1993", "必须坚持两手抓的战略方针。", [("两手抓", 2, ())]),
    # A list as long as the count may join its name by 的 (gwr1957, gwr1982).
    (
        "gwr1957",
        "接着，我們先后进行了土地改革、抗美援朝、肃淸反革命、三反五反和思想改造的五大运动。",
        [("五大运动", 5, ("土地改革", "抗美援朝", "肃淸反革命", "三反五反", "思想改造"))],
    ),
    (
        "gwr1982",
        "许多地方开展了热爱祖国、热爱社会主义、热爱党的“三热爱”活动。",
        [("三热爱", 3, ("热爱祖国", "热爱社会主义", "热爱党"))],
    ),
    # A list that the name closes, or that names whom it serves, gives it no parts (gwr2002, gwr2018).
    (
        "gwr2002",
        "坚持不懈地用马列主义、毛泽东思想、邓小平理论和“ 三个代表”重要思想教育广大干部群众。",
        [("三个代表", 3, ())],
    ),
    ("gwr2018", "建立困难和重度残疾人“两项补贴”制度，惠及2100多万人。", [("两项补贴", 2, ())]),
    # In the name's own sentence, a code's parts may be longer phrases (gwr2023).
    (
        "gwr2023",
        "持续做好“六稳”、“六保”工作，强化保居民就业、保基本民生、保市场主体、保粮食能源安全、"
        "保产业链供应链稳定、保基层运转，以改革开放办法推动经济爬坡过坎。",
        [
            ("六稳", 6, ()),
            (
                "六保",
                6,
                (
                    "保居民就业",
                    "保基本民生",
                    "保市场主体",
                    "保粮食能源安全",
                    "保产业链供应链稳定",
                    "保基层运转",
                ),
            ),
        ],
    ),
    # Words that carry a code's character but are no list of its parts (gwr2011, gwr2015), and a
    # list of parts that runs on (gwr2016).
    (
        "gwr2011",
        "土地出让收益重点投向农业土地开发、农田水利和农村基础设施建设，确保足额提取。"
        "今年中央财政用于“三农”的投入拟安排9884.5亿元。",
        [("三农", 3, ())],
    ),
    (
        "gwr2015",
        "坚持“三农”重中之重地位不动摇，加快转变农业发展方式，让农业更强、农民更富、农村更美。",
        [("三农", 3, ())],
    ),
    (
        "gwr2016",
        "二是发挥大众创业、万众创新和“互联网+”集众智汇众力的乘数效应。建设一批“双创”示范基地。",
        [("双创", 2, ("大众创业", "万众创新"))],
    ),
    (
        "gwr1992",
        "只要双方恪守中美三个联合公报的原则，就能排除障碍。",
        [("三个联合公报", 3, ())],
    ),
    (
        "gwr1959",
        "在维护和平共处五项原则和万隆会议十项原则的共同努力中，我国同这些国家广泛地建立了友谊。",
        [("五项原则", 5, ()), ("十项原则", 10, ())],
    ),
    ("gwr2008", "严把土地、信贷两个闸门。", [("两个闸门", 2, ("土地", "信贷"))]),
    ("gwr1978", "要坚持“三要三不要”的基本原则。", [("三要三不要", 6, ())]),
    ("gwr1978", "逐步缩小三大差别。", [("三大差别", 3, ())]),
    (
        "gwr1992",
        "计划生育、环境保护是我国的两项基本国策。",
        [("两项基本国策", 2, ("计划生育", "环境保护"))],
    ),
    (
        "gwr2016",
        "推进“一带一路”建设、京津冀协同发展、长江经济带发展“三大战略”。",
        [("三大战略", 3, ("“一带一路”建设", "京津冀协同发展", "长江经济带发展"))],
    ),
]


def _summary(found: list[FoundFormulation]) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(f.name, f.count, f.parts) for f in found]


@pytest.mark.parametrize(("report", "sentence", "expected"), REAL, ids=[r[0] for r in REAL])
def test_real_sentences(report: str, sentence: str, expected: list[object]) -> None:
    assert _summary(find_formulations(sentence)) == expected


def test_parts_from_a_weaker_pattern_are_marked_as_guesses() -> None:
    by_name = {
        f.name: f for f in find_formulations(REAL[0][1] + "加强工业、燃煤、机动车三大污染源治理。")
    }
    assert by_name["三大攻坚战"].parts_guessed  # read from the heads of the sentences after it
    assert not by_name["三大污染源"].parts_guessed  # listed right before it


# Codes and zone texts in the interview's manner (written for this test, not quoted from it).
CODES = [
    (
        "构建“1+N+X”服务体系（1个中心统筹，N个站点联动，X个网格覆盖）。",
        [("1+N+X", 3, ("中心", "站点", "网格"))],
    ),
    ("推行“3+2”产业布局。", [("3+2", 5, ())]),
    (
        "形成“123”工作思路：“1”即锚定一个目标愿景。“2”即抓好两大任务。“3”即守住三条红线。",
        [
            ("123", 3, ("目标愿景", "两大任务", "三条红线")),
            ("两大任务", 2, ()),
            ("三条红线", 3, ()),
        ],
    ),
    ("坚守安全、稳定、环保、廉政4条底线。", [("4条底线", 4, ("安全", "稳定", "环保", "廉政"))]),
    (
        "实现3个转变：从“要素驱动”向“创新驱动”转变，从“规模”向“质量”转变，从“单打”向“协同”转变。",
        [
            (
                "3个转变",
                3,
                (
                    "从“要素驱动”向“创新驱动”转变",
                    "从“规模”向“质量”转变",
                    "从“单打”向“协同”转变",
                ),
            )
        ],
    ),
    ("突出“双招双引”（招商引资、招才引智）。", [("双招双引", 2, ("招商引资", "招才引智"))]),
    ("持续推进三个一批，项目落地提速。", [("三个一批", 3, ())]),
    (
        "统筹划定生态保护红线、永久基本农田、城镇开发边界三条控制线。",
        [("三条控制线", 3, ("生态保护红线", "永久基本农田", "城镇开发边界"))],
    ),
    ("他说：“我们要做到‘两个坚持’，推进‘一核两翼’。”", [("两个坚持", 2, ()), ("一核两翼", 3, ())]),
    ("推广“五个一”工作法。", [("五个一", 5, ())]),
    ("落实“一岗双责”。", [("一岗双责", 2, ())]),
    (
        "聚焦新材料与装备制造两大主导产业。",
        [("两大主导产业", 2, ("新材料", "装备制造"))],
    ),
]


# Parts stated after a name in the ways zone news, interviews, city plans and meeting summaries
# state them (sentences written for this test).
STATED_AFTER = [
    # A code explained after 即 by items that open with its own terms: the group each term counts,
    # without the count and the verb.
    (
        "打造“1+N+X”服务网络，即1个区级服务中心统筹、N个园区服务站联动、X个企业联络员覆盖。",
        [("1+N+X", 3, ("区级服务中心", "园区服务站", "企业联络员"))],
    ),
    (
        "完善“1+5+N”招商体系即1个招商专班牵头，5大产业链小组协同，N个驻外联络点支撑。",
        [("1+5+N", 3, ("招商专班", "产业链小组", "驻外联络点"))],
    ),
    (
        "推行“2+N”链式招商，即2个龙头企业带动、N个配套企业跟进。",
        [("2+N", 2, ("龙头企业", "配套企业"))],
    ),
    # The same with the spaces that text taken from a PDF keeps around digits and quotation marks.
    (
        "创新建立“ 1+3+N” 工作体系即 1 个工作专班统筹,3 大片区支部联动,N 个部门协同。",
        [("1+3+N", 3, ("工作专班", "片区支部", "部门"))],
    ),
    # A list after a dash, and after a colon with the lead-in every item repeats from the name.
    (
        "推行“五个一”包联机制——一名领导牵头、一个部门负责、一套方案推进、一本台账管理、一抓到底。",
        [
            (
                "五个一",
                5,
                ("一名领导牵头", "一个部门负责", "一套方案推进", "一本台账管理", "一抓到底"),
            )
        ],
    ),
    (
        "坚持“三个更加注重”：更加注重科技创新，更加注重绿色转型，更加注重共同富裕。",
        [("三个更加注重", 3, ("科技创新", "绿色转型", "共同富裕"))],
    ),
    # A word every part ends in keeps the word before it (认识 is no verb of 认识到位).
    (
        "做到“四个到位”：认识到位、责任到位、措施到位、督查到位。",
        [("四个到位", 4, ("认识到位", "责任到位", "措施到位", "督查到位"))],
    ),
    # A colon that ends the name's line, and a part opening each of the lines after it, with or
    # without list markers; a list longer than the count gives none.
    (
        "全面落实“四个到位”：\n思想到位。把任务摆上议程。\n组织到位。成立工作专班。\n"
        "投入到位。足额安排资金。\n考核到位。纳入年度考评。\n\n下一步，我们将继续努力。\n",
        [("四个到位", 4, ("思想到位", "组织到位", "投入到位", "考核到位"))],
    ),
    (
        "建立“三项机制”：\n（一）周例会机制。每周研究问题。\n（二）月调度机制。每月通报进度。\n"
        "（三）季考评机制。每季排名通报。\n",
        [("三项机制", 3, ("周例会机制", "月调度机制", "季考评机制"))],
    ),
    (
        "开展“三大行动”：\n1.招商引资行动。引进项目。\n2.项目建设行动。加快建设。\n"
        "3.营商环境行动。优化服务。\n4.人才集聚行动。引育人才。\n",
        [("三大行动", 3, ())],
    ),
    (
        "做到“三个到位”：\n思想到位。\n组织到位。\n投入到位。\n考核到位。\n",
        [("三个到位", 3, ())],
    ),
    (
        "做到“三个到底”：\n一抓到底。每个项目都有领导牵头。\n跟踪到底。每周调度一次。\n"
        "问责到底。对推进不力的严肃问责。\n我们还推行了首问负责制。",
        [("三个到底", 3, ("一抓到底", "跟踪到底", "问责到底"))],
    ),
    (
        "实施“三大工程”：\n——园区扩容工程。新建标准厂房。\n——城市更新工程。改造老旧小区。\n"
        "——民生保障工程。办好十件实事。\n",
        [("三大工程", 3, ("园区扩容工程", "城市更新工程", "民生保障工程"))],
    ),
    (
        "坚持“两个导向”：\n问题导向。聚焦短板弱项。\n目标导向。对标先进地区。",
        [("两个导向", 2, ("问题导向", "目标导向"))],
    ),
    # A plan's sections, each opening a line with a mark of one style, however long each is.
    (
        "二、重点任务\n全面实施“三大行动”。\n（一）园区提质行动。\n1.完善配套设施。"
        + "推进道路、管网和标准厂房建设。" * 20
        + "\n2.盘活闲置土地。\n（二）企业培育行动。\n1.梯次培育企业。\n"
        "（三）服务优化行动。\n1.深化审批改革。\n三、保障措施\n（一）加强组织领导。\n",
        [("三大行动", 3, ("园区提质行动", "企业培育行动", "服务优化行动"))],
    ),
    # 是 opens a short list that fills its clause, not a predicate.
    ("全县的三大优势是区位、资源和人才。", [("三大优势", 3, ("区位", "资源", "人才"))]),
    ("三大攻坚战是全面建成小康社会的关键一步。", [("三大攻坚战", 3, ())]),
    # A plus code of numbers has as many parts as terms, one group for each.
    (
        "确立“1+2+3”发展思路，即1个总目标引领、2个平台支撑、3个片区协同。",
        [("1+2+3", 6, ("总目标", "平台", "片区"))],
    ),
    # Order words (首先, 最后) open the clauses, they are no part of them.
    (
        "推动“三个转变”：首先，由要素驱动向创新驱动转变；其次，由规模扩张向质量提升转变；"
        "最后，由单一发展向融合发展转变。",
        [
            (
                "三个转变",
                3,
                (
                    "由要素驱动向创新驱动转变",
                    "由规模扩张向质量提升转变",
                    "由单一发展向融合发展转变",
                ),
            )
        ],
    ),
    # 即 opening the next sentence; quotations in a row; clauses after a bare comma that each
    # repeat the name's word; list marks opening the next sentence.
    (
        "（二）建设“三个中心”。即区域金融中心、商贸中心和会展中心。",
        [("三个中心", 3, ("区域金融中心", "商贸中心", "会展中心"))],
    ),
    (
        "擦亮“四张名片”：“钢城”“煤城”“绿城”“水城”。",
        [("四张名片", 4, ("钢城", "煤城", "绿城", "水城"))],
    ),
    (
        "坚持“三个统筹”，统筹发展和安全，统筹城市和乡村，统筹当前和长远。",
        [("三个统筹", 3, ("发展和安全", "城市和乡村", "当前和长远"))],
    ),
    ("坚持“三个统筹”，推动各项工作，确保取得实效，争创一流。", [("三个统筹", 3, ())]),
    (
        "坚持“三个聚焦”：聚焦主导产业，聚焦重大项目，聚焦营商环境，奋力实现全年目标。",
        [("三个聚焦", 3, ("主导产业", "重大项目", "营商环境"))],
    ),
    (
        "坚持“两个聚焦”：聚焦主导产业，聚焦重大项目，聚焦营商环境。",
        [("两个聚焦", 2, ())],
    ),
    (
        "强化“三个保障”。一是组织保障，成立专班；二是资金保障，设立基金；三是要素保障，优先供地。",
        [("三个保障", 3, ("组织保障", "资金保障", "要素保障"))],
    ),
    (
        "概括起来就是“三个一”，一个目标、一套体系、一支队伍。",
        [("三个一", 3, ("一个目标", "一套体系", "一支队伍"))],
    ),
    (
        "推动“四个强区”建设，建设制造强区、文化强区、生态强区、人才强区。",
        [("四个强区", 4, ("制造强区", "文化强区", "生态强区", "人才强区"))],
    ),
    # A plus code's groups in the sentence after it, each opening with its term.
    (
        "加快构建“3+5+N”产业体系，做强3大百亿级产业、5个特色产业集群、N个新兴产业。",
        [("3+5+N", 3, ("百亿级产业", "特色产业集群", "新兴产业"))],
    ),
    # A code of parallel segments may list one part for each pair (四比四看 → 4 parts).
    (
        "开展“两比两争”活动：比发展速度，争创一流业绩；比工作作风，争当服务标兵。",
        [("两比两争", 4, ("比发展速度", "争创一流业绩", "比工作作风", "争当服务标兵"))],
    ),
    (
        "开展“三比三看”活动，即比进度看速度、比投资看实效、比服务看作风。",
        [("三比三看", 6, ("比进度看速度", "比投资看实效", "比服务看作风"))],
    ),
    # A short code's word opening each part stays (服务企业); a 'one' of the code's count goes
    # (两手抓：一手抓A，一手抓B).
    (
        "落实“三服务”要求，服务企业、服务群众、服务基层，成效明显。",
        [("三服务", 3, ("服务企业", "服务群众", "服务基层"))],
    ),
    (
        "坚持‘两手抓’：一手抓存量企业提质，一手抓增量项目落地。",
        [("两手抓", 2, ("存量企业提质", "增量项目落地"))],
    ),
    # A plus code's groups in the next sentence, in a 以…为… frame.
    (
        "构建“1+2+N”园区格局。以1个省级开发区为核心、2个特色园区为支撑、N个工业集中区为补充。",
        [("1+2+N", 3, ("省级开发区", "特色园区", "工业集中区"))],
    ),
    # The 在…上 frame every part shares is no part of any.
    (
        "推动“三大突破”，即在科技创新上取得新突破、在产业升级上取得新突破、在扩大内需上取得新突破。",
        [("三大突破", 3, ("科技创新", "产业升级", "扩大内需"))],
    ),
    # A part a digit introduces as 这个…: the noun after it.
    (
        "确立“一二”思路。“一”是把握高质量发展这个首要任务；“二”是用好两大优势，即区位和产业。",
        [("一二", 2, ("首要任务", "两大优势")), ("两大优势", 2, ("区位", "产业"))],
    ),
    # A part named before a dash that explains it; 分别为.
    (
        "打造“三个高地”：创新高地——建设创新平台；产业高地——壮大主导产业；人才高地——引育人才。",
        [("三个高地", 3, ("创新高地", "产业高地", "人才高地"))],
    ),
    ("园区的两大主导产业，分别为光伏和储能。", [("两大主导产业", 2, ("光伏", "储能"))]),
    # Parts after 即 that end at the first ；, not the clauses separated by ；.
    (
        "壮大三大产业，即先进装备、新型材料、数字经济；建设两大平台；推进三项改革。",
        [
            ("三大产业", 3, ("先进装备", "新型材料", "数字经济")),
            ("两大平台", 2, ()),
            ("三项改革", 3, ()),
        ],
    ),
    # The last two parts joined by a conjunction (gwr2007 writes “两基”（A和B）).
    (
        "全区“两翼”即南部新城和北部园区，各有侧重。",
        [("两翼", 2, ("南部新城", "北部园区"))],
    ),
]


# Parts listed right before the name (sentences written for this test).
LISTED_BEFORE = [
    # A quoted list of 'one …' phrases joined to its code by 的: the code's parts, no code itself.
    (
        "落实“一个重点项目、一名牵头领导、一个工作专班、一抓到底”的“四个一”推进机制。",
        [("四个一", 4, ("一个重点项目", "一名牵头领导", "一个工作专班", "一抓到底"))],
    ),
    # A full list before a short code is its parts, though they do not carry its character.
    (
        "按照人员、责任、时限、标准“四清”的要求推进。",
        [("四清", 4, ("人员", "责任", "时限", "标准"))],
    ),
    (
        "加快建设智慧新城、活力新城、宜居新城“三个新城”。",
        [("三个新城", 3, ("智慧新城", "活力新城", "宜居新城"))],
    ),
    # Quotations in a row before the name, and before a quoted name that refers back to them.
    (
        "擦亮“绿色矿城”“智造新城”“文旅名城”三张名片。",
        [("三张名片", 3, ("绿色矿城", "智造新城", "文旅名城"))],
    ),
    ("打好“项目牌”“人才牌”这“两张牌”。", [("两张牌", 2, ("项目牌", "人才牌"))]),
    # Quoted names make a count a set though its head is no word for one.
    (
        "推出“科创贷”“人才贷”“园区贷”三类金融产品。",
        [("三类金融产品", 3, ("科创贷", "人才贷", "园区贷"))],
    ),
    ("做好“六稳”“六保”“两个维护”工作。", [("六稳", 6, ()), ("六保", 6, ()), ("两个维护", 2, ())]),
    # Terms of a quoted list joined by plus signs before a 双 (双链, not 双链机: 机制 is what it forms).
    ("建立“链长+链主”双链机制。", [("双链", 2, ("链长", "链主"))]),
    # A list directly before a counted name wins over what the sentences after it say of each.
    (
        "前瞻布局合成生物、商业航天两大未来产业，一是建设合成生物中试基地，二是打造航天配套园区。",
        [("两大未来产业", 2, ("合成生物", "商业航天"))],
    ),
    (
        "重点发展智能装备、电子信息、现代医药三大主导产业：智能装备突出整机带动，"
        "电子信息突出链条延伸，现代医药突出创新引领。",
        [("三大主导产业", 3, ("智能装备", "电子信息", "现代医药"))],
    ),
    (
        "培育壮大氢能、储能两大新兴产业（氢能产值增长20%，储能增长15%）。",
        [("两大新兴产业", 2, ("氢能", "储能"))],
    ),
]


# Parts that the name's own characters point to (sentences written for this test).
KEYED = [
    # A code of N things joined (联动, 共治, 融合), whose parts carry its key character.
    ("坚持“三外联动”，统筹外贸、外资、外经。", [("三外联动", 3, ("外贸", "外资", "外经"))]),
    (
        "推动“三链融合”，打通产业链、创新链、资金链。",
        [("三链融合", 3, ("产业链", "创新链", "资金链"))],
    ),
    # A pair joined by 和 alone, in the name's own sentence.
    (
        "扎实推进“两业融合”，推动制造业和服务业深度融合。",
        [("两业融合", 2, ("制造业", "服务业"))],
    ),
    ("坚持“双创”引领。加强创新和创业服务。", [("双创", 2, ())]),
    # A list in the sentences after the name whose items each end in its head word (a guess).
    (
        "关于建设“三个中心”的实施意见\n意见明确，到2030年，基本建成区域金融中心、商贸中心和会展中心。",
        [("三个中心", 3, ("区域金融中心", "商贸中心", "会展中心"))],
    ),
    # A code of N 'one …' phrases, whose parts repeat its 'one …'.
    (
        "落实“三个一批”要求，谋划一批、储备一批、实施一批重大项目。",
        [("三个一批", 3, ("谋划一批", "储备一批", "实施一批"))],
    ),
    # Colours or letters written out before their count, one character each.
    ("对项目实行“红黄绿”三色督办。", [("三色", 3, ("红", "黄", "绿"))]),
    ("建立红、橙、黄、蓝四级预警。", [("四级", 4, ("红", "橙", "黄", "蓝"))]),
    ("对园区企业实行“ABC”三类管理。", [("三类", 3, ("A", "B", "C"))]),
    # Parties, each a character of a quoted word.
    ("建立“政银企”三方对接机制。", [("三方", 3, ("政", "银", "企"))]),
]


# Codes the text takes apart piece by piece (sentences written for this test).
TAKEN_APART = [
    # A digit code without plus signs, explained digit by digit: its parts are the components each
    # digit names, and those components are names in their own right, with their own parts.
    (
        "确立“1234”发展思路：“1”就是锚定一个愿景，“2”就是抓好两大支柱，即装备制造和现代物流，"
        "第一个“3”就是建设三个平台，“4”就是实施四项工程。",
        [
            ("1234", 4, ("愿景", "两大支柱", "三个平台", "四项工程")),
            ("两大支柱", 2, ("装备制造", "现代物流")),
            ("三个平台", 3, ()),
            ("四项工程", 4, ()),
        ],
    ),
    (
        "“2133”工作布局：“2”即两个率先，“1”即一个中心，第一个“3”即三大攻坚，第二个“3”即三项改革。",
        [
            ("2133", 4, ("两个率先", "中心", "三大攻坚", "三项改革")),
            ("两个率先", 2, ()),
            ("三大攻坚", 3, ()),
            ("三项改革", 3, ()),
        ],
    ),
    ("全面落实市委“一三三三”总体发展战略。", [("一三三三", 4, ())]),
    # Nested codes: the whole code's parts are its segments, each segment's its own.
    (
        "构建“一心两轴三片”空间格局：“一心”即老城区，“两轴”即滨河轴和迎宾轴，"
        "“三片”即北片、南片和西片。",
        [
            ("一心两轴三片", 6, ("一心", "两轴", "三片")),
            ("两轴", 2, ("滨河轴", "迎宾轴")),
            ("三片", 3, ("北片", "南片", "西片")),
        ],
    ),
    # The same inside a quotation, as interviews print it.
    (
        "他说：“我们要构建‘一轴两带’格局：‘一轴’即滨江大道，‘两带’即产业带和生态带。”",
        [("一轴两带", 3, ("一轴", "两带")), ("两带", 2, ("产业带", "生态带"))],
    ),
    # The same with the segments explained unquoted.
    (
        "形成“一区三园”布局：一区即经开区，三园即电子园、食品园和物流园。",
        [("一区三园", 4, ("一区", "三园")), ("三园", 3, ("电子园", "食品园", "物流园"))],
    ),
]


# The sentences written for these tests, by the way they give a formulation and its parts.
WRITTEN = {
    "codes": CODES,
    "stated-after": STATED_AFTER,
    "listed-before": LISTED_BEFORE,
    "keyed": KEYED,
    "taken-apart": TAKEN_APART,
}
CASES = [(sentence, expected) for cases in WRITTEN.values() for sentence, expected in cases]
CASE_IDS = [f"{group}-{i}" for group, cases in WRITTEN.items() for i in range(len(cases))]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=CASE_IDS)
def test_sentences_in_the_ways_texts_give_parts(sentence: str, expected: list[object]) -> None:
    assert _summary(find_formulations(sentence)) == expected


# Numbers that name no set: periods, idioms, ordinals and list markers, plain counts, names
# whose number counts nothing, dates, versions, Party congresses.
NOT_FORMULATIONS = [
    "“十四五”时期经济社会发展主要目标",
    "编制“十五五”规划",
    "把党的领导一以贯之",
    "一步一个脚印把蓝图变为现实",
    "第一，坚持稳中求进。一是扩大内需。（三）深化改革。",
    "全年新增4个街道",
    "设置了20项主要指标",
    "共建“一带一路”取得重要进展",
    "提高“一老一小”个人所得税专项附加扣除标准",
    "全面贯彻党的十九大和十九届二中、三中全会精神",
    "坚持一个中国原则和“九二共识”",
    "推动一二三产业融合发展",
    "深化两岸融合发展",
    "将长三角区域一体化发展上升为国家战略",
    "推动成渝地区双城经济圈建设",
    "应当实行双重领导",
    "高等教育实行中央和省级政府两级办学、两级管理的体制",
    "做到工业产值、实现利润和上交税利三者同步增长",
    "绝大多数棉田的亩产量都超过四十斤，四十斤以下的主要是新发展的棉田",
    "要把三重大问题研究透",
    "促进各类要素双向流动",
    "用了三个月时间，历时两个多月",
    "推广“最多跑一次”",
    "粮食生产实现“十二连增”",
    "宝钢二期工程投产",
    "“嫦娥五号”完成任务",
    "实施“中国制造2025”",
    "开展“人工智能+”行动",
    "二氧化硫排放量下降3%",
    "千方百计稳就业",
    "召开2026年全国两会",
    "报告分为六个部分",
    "三十八个续建工程",
    "画面采用黑白两色，标识使用红蓝双色。",
    # A text's own sorting by letters is no set it names.
    "项目分为A、B两类，企业分为A、B、C三类。",
    "在省“两会”召开前夕，代表们建言献策。",
    # Quoted digits that name a date or a programme, not a code of parts.
    "启动“863”计划，对标“2035”远景目标，实施“十四五”规划。",
    # Things counted in passing, with their names beside them (gwr2003, gwr1955, gwr2013, gwr1955).
    "中央政府全力支持香港、澳门两个特别行政区行政长官和政府依法施政。",
    "在改建鞍山钢铁联合企业的同时，将进行武汉和包头两个钢铁联合企业的建设。",
    "这里，着重对经济增长和物价总水平两个指标作些说明。",
    "私营商业可以分为两大类：一类是批发商，一类是零售商。",
    # The same in a zone's news: plain counts beside names (written for this test).
    "尼龙新材料和电气装备制造两个产业集群产值突破500亿元。",
    "建设研发中心、检测中心和孵化中心三个中心。",
    "打造两个中心、三个基地，全市共有三个区、两个县。",
    "全年新增4个街道，3个项目获得省级奖励，建成5个产业园区、2个物流基地。",
    # Rankings and awards, common in news: membership of a list, not a set the text names.
    "该项目入选全国十大创新案例。",
    "宝钢是我国十大钢铁企业之一。",
    # The speech's own agenda, which its list markers then spell out (gwr2005, gwr2009, gwr2008).
    "在工作指导和部署上，要突出抓好三个方面：一是着力搞好宏观调控。二是深化改革。三是构建和谐社会。",
    "今年重点抓好五件事：\n一是稳定发展粮食生产。",
    "今年要采取四项措施：一要健全廉租住房制度，增加房源供给。二要增加普通商品住房供应，"
    "建立多渠道投融资机制。三要综合运用税收、信贷、土地等手段，抑制不合理需求。"
    "四要加强市场监管，严格市场准入和退出条件。",
]


@pytest.mark.parametrize("sentence", NOT_FORMULATIONS)
def test_numbers_that_name_no_set(sentence: str) -> None:
    assert find_formulations(sentence) == []


def test_each_formulation_once_at_the_place_that_gives_its_parts() -> None:
    text = (
        "统筹推进各项工作，坚持“三农”优先。\n"
        "深入推进“三农”工作，把农业、农村、农民问题作为重中之重。\n"
        "“三农”工作取得新成效。"
    )
    (found,) = find_formulations(text)
    assert found.parts == ("农业", "农村", "农民")
    assert text.count(found.anchor) == 1
    assert (
        text.index(found.anchor)
        <= found.start
        < found.end
        <= text.index(found.anchor) + len(found.anchor)
    )
    assert "深入推进“三农”" in found.anchor


def test_the_interview_gives_its_numbered_nodes() -> None:
    text = source_path().read_text(encoding="utf-8")
    found = {f.name: f for f in find_formulations(text)}
    expected = {
        "123456": 6,
        "双招双引": 2,
        "两大支撑": 2,
        "三期叠加": 3,
        "四张名片": 4,
        "5条底线": 5,
        "六大发展目标": 6,
        "1+N+X": 3,
        "四大导向": 4,
        "两大主导产业": 2,
        "3个转变": 3,
    }
    assert {name: found[name].count for name in expected if name in found} == expected
    assert found["三期叠加"].parts == ("发展瓶颈期", "改革攻坚期", "还债高峰期")
    assert found["六大发展目标"].parts[:2] == ("做大产业", "做强企业")
    # “4”即…“名片”: the part the digit introduces by its head, named as the text counts it.
    assert found["123456"].parts[3] == "四张名片"
    assert "十五五" not in found


def _check(text: str) -> list[FoundFormulation]:
    found = find_formulations(text)
    names = [f.name for f in found]
    assert len(names) == len(set(names))
    assert [f.start for f in found] == sorted(f.start for f in found)
    for f in found:
        assert f.name and f.count >= 1 and len(f.anchor) <= 40
        assert text[f.start : f.end] == f.name
        # The anchor is a substring that holds the name at [start:end].
        assert f.name in f.anchor
        around = range(max(0, f.end - len(f.anchor)), f.start + 1)
        assert any(text.startswith(f.anchor, p) for p in around)
        assert all(part for part in f.parts)
    return found


# Characters that build formulations, and the ones that break them.
_ALPHABET = st.sampled_from(
    list("一二两三四五六七八九十双百千大个项条张种类支期位字123456+NX")
    + list('“”「」"（）()、，,。；;：:！？\n 即是和与及等这的')
    + list("农风保稳攻坚战行动原则市场资源意识自信维护目标名片底线工业燃煤")
    + ["\x00", "\u202e", "\ud800", "😀", "ａ"]
)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_any_text_gives_sound_findings(text: str) -> None:
    _check(text)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.sampled_from([s for _, s, _ in REAL] + [s for s, _ in CASES] + NOT_FORMULATIONS),
        max_size=12,
    )
)
def test_any_mix_of_real_sentences_gives_sound_findings(sentences: list[str]) -> None:
    text = "".join(sentences)
    assert _check(text) == find_formulations(text)  # deterministic


@pytest.mark.parametrize(
    "text",
    [
        "“" * 200_000,
        "三个攻坚战开局良好" * 20_000,
        "双" * 200_000,
        ("工业、" * 100 + "三大污染源，") * 300,
        "“123456”“1”即" * 15_000,
        "".join(f"“{a}{chr(0x4E00 + b)}”" for a in "两三四五" for b in range(10_000)),
        "".join(f"做到“三个{chr(0x4E00 + b)}位”：\n认识到位。\n" for b in range(10_000)),
        "".join(
            f"实施“{chr(0x4E00 + b)}大行动”。\n（一）甲。\n（二）乙。\n" for b in range(10_000)
        ),
        "“一核两翼三带”“一核”“两翼”" * 10_000,
        "“1335”：“1”就是" * 15_000,
        "".join(f"“{a}{b}{c}{d}”：“{a}”就是" for a, b, c, d in product("123456789", repeat=4)),
        "红黄绿三色、A、B、C三类" * 15_000,
        "".join(
            f"“{a}{b}”：“{a}”即甲。“{b}”即“名片”。两张名片" for a in "123456789" for b in "23456789"
        )
        * 200,
    ],
    ids=[
        "quotes",
        "repeated-head",
        "pairs",
        "long-lists",
        "digit-markers",
        "distinct-codes",
        "colon-lines",
        "heading-lists",
        "sub-codes",
        "digit-codes",
        "distinct-digit-codes",
        "symbols",
        "explained-digit-codes",
    ],
)
def test_texts_packed_with_mentions_are_read_whole(text: str) -> None:
    """No pattern backtracks or rereads without bound: these finish (bench/ times them) and give
    sound findings. The 1 MB versions run with HXQ_TEST_PROFILE=ci."""
    _check(text if not FULL else text * 5)
