"""A seeded generator of realistic bilingual catalogue records, for the demo and the search benchmark.

Chinese titles are built from real word lists by theme (epidemic, health, history, literature, children,
society), some in Traditional script as Taiwan and Hong Kong publishers print them; English titles,
Chinese and English author names, CLC classification numbers, valid ISBN-13s. The first records are
well-known books (红楼梦 by 曹雪芹, The Plague by Albert Camus...) so that searching by Traditional form
or by pinyin is easy to show. Records are plain dicts: the same seed and count give the same records.
"""

import random
from collections.abc import Iterator

import opencc

from lantern.catalogue.isbn import _isbn13_check

FAMOUS = [
    # title, authors, language, publisher, year, subjects, classification, summary
    (
        "红楼梦",
        ["曹雪芹", "高鹗"],
        "chi",
        "人民文学出版社",
        1996,
        ["章回小说—中国—清代"],
        "I242.4",
        "中国古典小说的巅峰之作，以贾、史、王、薛四大家族的兴衰为背景。",
    ),
    (
        "三国演义",
        ["罗贯中"],
        "chi",
        "人民文学出版社",
        1998,
        ["章回小说—中国—明代"],
        "I242.4",
        "以东汉末年至西晋初年的历史为背景的长篇章回体小说。",
    ),
    (
        "西游记",
        ["吴承恩"],
        "chi",
        "人民文学出版社",
        2005,
        ["章回小说—中国—明代"],
        "I242.4",
        "唐僧师徒四人西天取经的神魔小说。",
    ),
    ("水浒传", ["施耐庵"], "chi", "人民文学出版社", 1997, ["章回小说—中国—明代"], "I242.4", "梁山好汉的故事。"),
    ("呐喊", ["鲁迅"], "chi", "人民文学出版社", 2009, ["短篇小说—小说集—中国—现代"], "I246.7", "鲁迅的第一部小说集。"),
    ("活着", ["余华"], "chi", "作家出版社", 2012, ["长篇小说—中国—当代"], "I247.5", "一个人和他命运之间的友情。"),
    ("围城", ["钱钟书"], "chi", "人民文学出版社", 1991, ["长篇小说—中国—现代"], "I246.5", "知识分子的婚姻与人生。"),
    ("乡土中国", ["费孝通"], "chi", "北京出版社", 2005, ["社会学—中国"], "C912.82", "中国基层社会的结构。"),
    (
        "鼠疫",
        ["阿尔贝·加缪", "刘方"],
        "chi",
        "上海译文出版社",
        2013,
        ["长篇小说—法国—现代"],
        "I565.45",
        "一座城市在瘟疫中的封城与抗争。",
    ),
    (
        "霍乱时期的爱情",
        ["加西亚·马尔克斯"],
        "chi",
        "南海出版公司",
        2012,
        ["长篇小说—哥伦比亚—现代"],
        "I775.45",
        "一段跨越半个多世纪的爱情。",
    ),
    (
        "瘟疫与人",
        ["威廉·麦克尼尔"],
        "chi",
        "中信出版社",
        2018,
        ["瘟疫—历史—世界"],
        "R51-091",
        "传染病如何影响人类历史。",
    ),
    (
        "The Plague",
        ["Albert Camus", "Stuart Gilbert"],
        "eng",
        "Vintage",
        1991,
        ["Plague—Fiction", "Algeria—Fiction"],
        "I565.45",
        "A city under quarantine, and the people who stay to fight the epidemic.",
    ),
    (
        "Love in the Time of Cholera",
        ["Gabriel García Márquez"],
        "eng",
        "Penguin",
        1989,
        ["Love stories"],
        "I775.45",
        "A love that waits more than fifty years.",
    ),
    (
        "Plagues and Peoples",
        ["William H. McNeill"],
        "eng",
        "Anchor Books",
        1977,
        ["Epidemics—History"],
        "R51-091",
        "How infectious diseases shaped human history.",
    ),
    (
        "The Great Influenza",
        ["John M. Barry"],
        "eng",
        "Penguin",
        2005,
        ["Influenza Epidemic, 1918-1919"],
        "R511.7",
        "The story of the deadliest pandemic in history.",
    ),
    (
        "A Journal of the Plague Year",
        ["Daniel Defoe"],
        "eng",
        "Oxford University Press",
        2010,
        ["Plague—England—London—Fiction"],
        "I561.44",
        "London in the plague of 1665.",
    ),
    (
        "Spillover",
        ["David Quammen"],
        "eng",
        "W. W. Norton",
        2012,
        ["Zoonoses", "Virus diseases"],
        "R535",
        "Animal infections and the next human pandemic.",
    ),
    (
        "The Library Book",
        ["Susan Orlean"],
        "eng",
        "Simon & Schuster",
        2018,
        ["Libraries—History"],
        "G259.712",
        "The fire at the Los Angeles Central Library and why libraries matter.",
    ),
]

THEMES = {
    "epidemic": (
        [
            "疫情",
            "防疫",
            "抗疫",
            "新冠肺炎",
            "病毒",
            "传染病",
            "公共卫生",
            "口罩",
            "隔离",
            "疫苗",
            "流行病学",
            "防控",
            "核酸检测",
            "社区防控",
            "方舱医院",
            "医护人员",
            "复工复产",
            "居家隔离",
            "呼吸道",
            "免疫力",
            "流感",
            "病原体",
            "消毒",
            "疾控",
        ],
        "R18",
        ["新型冠状病毒肺炎—预防(卫生)", "传染病—防治", "公共卫生—卫生管理", "疫苗—普及读物"],
        ["Epidemics", "Public health", "Communicable diseases—Prevention", "Vaccines"],
        ["epidemic", "virus", "vaccine", "quarantine", "pandemic", "outbreak", "infection", "mask", "immunity"],
    ),
    "health": (
        [
            "健康",
            "心理",
            "营养",
            "运动",
            "睡眠",
            "中医",
            "养生",
            "急救",
            "家庭医生",
            "心理疏导",
            "慢性病",
            "老年护理",
            "饮食",
            "康复",
            "焦虑",
            "情绪",
            "压力",
            "儿童保健",
            "居家锻炼",
            "健康教育",
        ],
        "R1",
        ["保健—普及读物", "心理卫生—普及读物", "中医学—基本知识", "营养卫生—普及读物"],
        ["Health", "Mental health", "Nutrition", "Exercise", "Chinese medicine"],
        ["health", "mind", "nutrition", "sleep", "exercise", "wellbeing", "stress", "healing", "medicine"],
    ),
    "history": (
        [
            "中国历史",
            "丝绸之路",
            "唐朝",
            "宋代",
            "明清",
            "近代史",
            "考古",
            "长城",
            "故宫",
            "敦煌",
            "三国",
            "秦汉",
            "江南",
            "运河",
            "城市史",
            "瘟疫史",
            "医学史",
            "地方志",
            "武汉",
            "杭州",
        ],
        "K2",
        ["中国历史—通俗读物", "考古—中国", "丝绸之路—历史", "医学史—世界"],
        ["China—History", "Archaeology", "Silk Road—History", "Medicine—History"],
        ["history", "empire", "dynasty", "river", "city", "silk", "road", "ancient", "war", "civilisation"],
    ),
    "literature": (
        [
            "小说",
            "诗歌",
            "散文",
            "文学",
            "唐诗",
            "宋词",
            "武侠",
            "童话",
            "随笔",
            "日记",
            "书信",
            "短篇小说",
            "长篇小说",
            "现代诗",
            "古典文学",
            "乡愁",
            "青春",
            "家书",
            "故乡",
            "春天",
        ],
        "I2",
        ["长篇小说—中国—当代", "散文集—中国—当代", "诗歌—中国—当代", "古典诗歌—诗歌欣赏"],
        ["Fiction", "Poetry", "Essays", "Chinese literature"],
        ["novel", "poems", "stories", "letters", "garden", "river", "night", "spring", "journey", "home"],
    ),
    "children": (
        [
            "儿童",
            "绘本",
            "故事",
            "科普",
            "动物",
            "恐龙",
            "宇宙",
            "数学",
            "童谣",
            "成语",
            "百科",
            "小学生",
            "幼儿",
            "亲子阅读",
            "自然",
            "植物",
            "昆虫",
            "海洋",
            "星空",
            "科学实验",
        ],
        "Z228",
        ["儿童故事—中国—当代", "科学知识—儿童读物", "图画故事—中国—当代", "动物—儿童读物"],
        ["Children's stories", "Picture books", "Science—Juvenile literature", "Animals—Juvenile literature"],
        ["children", "dinosaurs", "animals", "stars", "ocean", "science", "stories", "bedtime", "friends"],
    ),
    "society": (
        [
            "城市",
            "乡村",
            "经济",
            "教育",
            "互联网",
            "人工智能",
            "图书馆",
            "阅读",
            "社区",
            "志愿者",
            "公益",
            "数字化",
            "信息素养",
            "传播",
            "媒体",
            "家庭",
            "老龄化",
            "应急管理",
            "社会治理",
            "在线学习",
        ],
        "C91",
        ["社会学—研究—中国", "图书馆工作—研究", "应急管理—研究", "数字图书馆—研究"],
        ["Sociology", "Libraries", "Emergency management", "Digital libraries", "Education"],
        ["library", "community", "reading", "digital", "learning", "society", "information", "media", "volunteer"],
    ),
}
ZH_SUFFIXES = [
    "手册",
    "指南",
    "读本",
    "简史",
    "十讲",
    "入门",
    "故事集",
    "研究",
    "概论",
    "百问",
    "全书",
    "漫谈",
    "之旅",
    "笔记",
    "问答",
    "图说",
    "与我们",
    "新编",
    "常识",
]
ZH_AUDIENCES = ["普通读者", "青少年", "家长和孩子", "医务工作者", "老年读者", "大学生"]
SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "林",
    "罗",
    "高",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "韩",
    "冯",
    "邓",
    "曹",
    "彭",
    "曾",
    "萧",
    "田",
    "董",
    "欧阳",
    "司马",
]
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "文",
    "华",
    "建国",
    "晓",
    "思远",
    "子涵",
    "雨",
    "欣怡",
    "浩然",
    "宇",
    "梦",
    "佳",
    "一鸣",
]
FIRST = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Susan",
    "Richard",
    "Sarah",
    "Thomas",
    "Emily",
    "Daniel",
    "Laura",
    "Wei",
    "Mei",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Lee",
    "Chen",
    "Wang",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
]
ZH_PUBLISHERS = [
    "人民卫生出版社",
    "人民文学出版社",
    "中华书局",
    "商务印书馆",
    "科学出版社",
    "长江文艺出版社",
    "湖北科学技术出版社",
    "浙江人民出版社",
    "四川少年儿童出版社",
    "广东人民出版社",
    "国家图书馆出版社",
    "中信出版社",
]
TW_PUBLISHERS = ["聯經出版公司", "遠流出版公司", "三聯書店（香港）", "時報文化出版"]
EN_PUBLISHERS = [
    "Penguin",
    "Oxford University Press",
    "Vintage",
    "HarperCollins",
    "Cambridge University Press",
    "Scholastic",
    "MIT Press",
    "Routledge",
]
EN_TEMPLATES = [
    "The {A} {N}",
    "A Short History of {Ns}",
    "Understanding {Ns}",
    "{Ns} and {Ms}",
    "Living with {Ns}",
    "The {N} Book",
    "{Ns} for Children",
    "Why {Ns} Matter",
    "After the {N}",
]
EN_ADJECTIVES = [
    "Hidden",
    "Quiet",
    "Long",
    "Great",
    "Invisible",
    "Healing",
    "Little",
    "Open",
    "Last",
    "Second",
    "Wild",
    "Careful",
]
FORMATS = (
    ["print_book"] * 60 + ["ebook"] * 25 + ["audiobook"] * 5 + ["video"] * 3 + ["database"] * 2 + ["periodical"] * 5
)
_to_traditional = opencc.OpenCC("s2t")


def isbn13(prefix: str, serial: int) -> str:
    """A valid ISBN-13: `prefix` (e.g. "9787") followed by the serial number, and its check digit."""
    core = prefix + str(serial).zfill(12 - len(prefix))
    return core + _isbn13_check(core)


def _chinese(rng: random.Random, theme: str, index: int, traditional: bool) -> dict:
    words, clc, zh_subjects, _en_subjects, _en_words = THEMES[theme]
    other = THEMES[rng.choice(list(THEMES))][0]
    first, second = rng.choice(words), rng.choice(other)
    shape = rng.random()
    if shape < 0.45:
        title = f"{first}{rng.choice(ZH_SUFFIXES)}"
    elif shape < 0.8:
        title = f"{first}与{second}"
    else:
        title = f"{first}{second}{rng.choice(ZH_SUFFIXES)}"
    authors = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(rng.choice((1, 1, 1, 2)))]
    summary = f"本书介绍了{first}与{second}的基本知识和实用方法，适合{rng.choice(ZH_AUDIENCES)}阅读。"
    record = {
        "title": title,
        "authors": authors,
        "language": "chi",
        "publisher": rng.choice(TW_PUBLISHERS if traditional else ZH_PUBLISHERS),
        "subjects": rng.sample(zh_subjects, 2),
        "classification": f"{clc}{rng.randint(1, 99)}.{rng.randint(1, 9)}",
        "summary": summary,
        "isbns": [isbn13("9787", index)],
    }
    if traditional:
        for key in ("title", "summary"):
            record[key] = _to_traditional.convert(record[key])
        record["authors"] = [_to_traditional.convert(author) for author in authors]
        record["subjects"] = [_to_traditional.convert(subject) for subject in record["subjects"]]
    return record


def _plural(word: str) -> str:
    if word.lower().endswith("us"):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _english(rng: random.Random, theme: str, index: int) -> dict:
    _words, clc, _zh, en_subjects, en_words = THEMES[theme]
    noun, other = rng.choice(en_words).capitalize(), rng.choice(en_words).capitalize()
    title = rng.choice(EN_TEMPLATES).format(
        A=rng.choice(EN_ADJECTIVES), N=noun, M=other, Ns=_plural(noun), Ms=_plural(other)
    )
    authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice((1, 1, 2)))]
    return {
        "title": title,
        "authors": authors,
        "language": "eng",
        "publisher": rng.choice(EN_PUBLISHERS),
        "subjects": rng.sample(en_subjects, 2),
        "classification": f"{clc}{rng.randint(1, 99)}",
        "summary": f"An introduction to {_plural(noun.lower())} and {_plural(other.lower())} for curious readers.",
        "isbns": [isbn13("9780", index)],
    }


def generate(count: int, seed: int = 2020) -> Iterator[dict]:
    """`count` records as dicts (title, authors, language, publisher, year, subjects, classification,
    summary, format, isbns, control_number); deterministic for a given seed."""
    rng = random.Random(seed)  # noqa: S311 (sample data, not secrets)
    for index in range(count):
        if index < len(FAMOUS):
            title, authors, language, publisher, year, subjects, clc, summary = FAMOUS[index]
            prefix = "9787" if language == "chi" else "9780"
            record = {
                "title": title,
                "authors": authors,
                "language": language,
                "publisher": publisher,
                "subjects": subjects,
                "classification": clc,
                "summary": summary,
                "isbns": [isbn13(prefix, 99_000_000 + index)],
                "format": "print_book",
                "year": year,
            }
        else:
            theme = rng.choice(list(THEMES))
            if rng.random() < 0.7:
                record = _chinese(rng, theme, index, traditional=rng.random() < 0.08)
            else:
                record = _english(rng, theme, index)
            record["format"] = rng.choice(FORMATS)
            record["year"] = rng.randint(1980, 2021)
        record["control_number"] = f"LS{seed}-{index:08d}"
        yield record
