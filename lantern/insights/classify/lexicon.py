"""Curated keyword lexicons, one per code, in Simplified Chinese and English.

Text is folded first (`text.fold`: Traditional → Simplified, lower case), so the Chinese lists are
written in Simplified only. English entries are regular expressions matched at word starts and
cover the usual inflections (`volunteer\\w*`). The lists follow CODEBOOK.md's definitions and the
study's vocabulary, not individual posts: each entry is a term a coder would point at when giving
the code. Their hit counts are features of the model (`model.py`) and, alone, the "lexicon only"
baseline of the evaluation.
"""

import re
from functools import lru_cache

from lantern.insights.classify.labels import LABELS

# fmt: off
ZH: dict[str, list[str]] = {
    "reading_online": [
        "线上", "在线", "云阅读", "云端", "云上", "云展", "云朗诵", "云讲座", "云课堂", "网上", "网络",
        "电子书", "电子资源", "数字资源", "数字阅读", "数字图书馆", "电子图书馆", "有声书", "听书",
        "直播", "视频", "短视频", "抖音", "快手", "哔哩", "b站", "公众号", "微信", "小程序", "app",
        "扫码阅读", "二维码", "线上展览", "网上展览", "数字展", "慕课", "网课", "线上读书会", "线上讲座",
        "电子借阅证", "虚拟", "数据库", "免费开放", "远程访问", "线上答题", "线上竞赛", "闯关",
    ],
    "reading_offline": [
        "送书", "借书", "还书", "借还", "借阅", "外借", "宅配", "宅急便", "快递", "邮寄", "配送", "到府",
        "上门", "书箱", "流动书车", "流动图书", "流通点", "服务点", "书屋", "驿站", "书巢", "分馆",
        "预约借", "预约取书", "取书", "超商", "展览", "书画展", "画展", "书展", "图片展", "展出",
        "故事会", "说故事", "讲故事", "绘本", "读书会", "共读", "阅读活动", "读书日", "阅读日", "读书节",
        "阅读节", "征文", "朗诵", "捐书", "赠书", "图书捐赠", "送书下乡", "阅读推广", "讲座", "书香",
    ],
    "information": [
        "防疫知识", "防控知识", "疫情信息", "疫情动态", "健康", "科普", "谣言", "辟谣", "信息素养",
        "咨询", "参考咨询", "问答", "答疑", "解答", "决策", "报告", "指南", "宣传", "知识竞赛",
        "抢答", "知识问答", "疫情机器人", "权威", "防护知识", "普及", "信息服务", "培训", "智能手机",
        "调查", "专题信息", "查询", "信息",
    ],
    "social": [
        "捐赠", "捐款", "捐献", "物资", "志愿者", "志愿服务", "志愿", "老年", "老人", "长者", "乐龄",
        "残疾", "残障", "盲人", "视障", "听障", "聋", "特殊教育", "特殊儿童", "农民工", "移工", "外来务工",
        "下沉", "卡口", "一线", "关爱", "公益", "助残", "留守儿童", "医务人员子女", "社区防控", "慰问",
        "护目镜", "口罩捐", "爱心", "帮扶", "扶贫", "雷锋",
    ],
    "resources": [
        "征集", "地方文献", "数据库", "专题库", "资源库", "专题", "记忆", "口述", "档案", "数字化",
        "家谱", "族谱", "村史", "村志", "老照片", "老物件", "文献资料", "特色资源", "资源建设", "典藏",
        "收藏", "馆藏建设", "抗疫文献", "保存", "史料", "留存",
    ],
    "emergency": [
        "闭馆", "暂停", "关闭", "停止开放", "暂停开放", "恢复开放", "恢复开馆", "恢复服务", "恢复部分",
        "有序开放", "开放时间", "延长", "逾期", "滞纳金", "顺延", "口罩", "体温", "测温", "健康码", "行程码",
        "消毒", "限流", "限时", "预约入馆", "预约开放", "限制", "防控", "防疫", "疫情", "台风", "维修",
        "警戒", "临时", "应急", "入馆", "扫码入馆", "核酸", "隔离", "错峰", "人数", "一级响应", "另行通知",
    ],
    "cross_industry": [
        "联合", "合作", "携手", "共建", "联办", "协办", "承办", "主办", "支持", "博物馆", "书店", "出版社",
        "快递", "邮政", "医院", "学校", "学院", "大学", "中学", "小学", "幼儿园", "电视台", "媒体", "报社",
        "平台", "企业", "公司", "残联", "残疾人联合会", "协会", "研究会", "政府", "卫健", "文旅", "教育局",
        "妇联", "团委", "超商", "便利店", "银行", "基金会", "美术馆", "文化馆", "研究院", "商场", "部门",
    ],
    "social_participation": [
        "志愿者", "志愿", "征集", "捐赠", "捐书", "投稿", "报名", "招募", "共建", "荐购", "领读", "共读",
        "市民", "踊跃", "作品", "征文", "参赛", "来稿", "分享", "共创", "献", "提供线索", "讲述", "录音",
    ],
    "targeted_groups": [
        "儿童", "少儿", "孩子", "小朋友", "亲子", "家长", "学生", "青少年", "老年", "老人", "长者", "乐龄",
        "中老年", "残疾", "残障", "盲人", "视障", "听障", "聋", "医护", "医务人员", "患者", "病人", "隔离",
        "农民工", "移工", "家庭", "幼儿", "特殊", "妇女", "留守", "读者群体", "山区",
    ],
}

EN: dict[str, list[str]] = {
    "reading_online": [
        r"online", r"virtual\w*", r"zoom", r"e-?books?", r"e-?resources?", r"e-?cards?", r"e-?audio\w*",
        r"digital (?:card|librar|resource|collection|content|material|book|reading|access)\w*",
        r"stream\w*", r"live-?stream\w*", r"webinars?", r"facebook live", r"youtube", r"overdrive",
        r"libby", r"hoopla", r"kanopy", r"databases?", r"download\w*", r"audiobooks?", r"website",
        r"podcasts?", r"video\w*", r"remote\w*", r"instagram", r"social media", r"google meet",
    ],
    "reading_offline": [
        r"curbside", r"door-?side", r"porch", r"pick-?ups?", r"picked up", r"pick up", r"home deliver\w*",
        r"homebound", r"deliver\w*", r"by mail", r"mail\w*", r"take-?home", r"kits?", r"grab[- ]?(?:'n|and|&)[- ]?go",
        r"book drops?", r"holds?", r"lend\w*", r"check(?:ed)?[- ]?outs?", r"borrow\w*", r"craft packs?",
        r"bookmobile", r"storytimes?", r"exhibit\w*", r"book club", r"reading program", r"summer reading",
        r"book bundles?", r"bags? of books", r"outreach",
    ],
    "information": [
        r"information", r"info\w*", r"health", r"rumou?rs?", r"misinformation", r"fact\w*", r"reference",
        r"ask a librarian", r"chat", r"phone\w*", r"call\w*", r"census", r"q ?& ?a", r"questions?",
        r"guides?", r"literacy", r"answers?", r"reliable", r"sources?", r"cdc", r"updates?", r"research\w*",
        r"vaccin\w*",
    ],
    "social": [
        r"donat\w*", r"volunteer\w*", r"seniors?", r"elderly", r"older adults?", r"homebound",
        r"disab\w*", r"blind", r"deaf", r"food", r"pantry", r"pantries", r"fines? forgiv\w*", r"masks?",
        r"face shields?", r"sew\w*", r"hot-?spots?", r"chromebooks?", r"laptops?", r"meals?", r"lunch\w*",
        r"vaccin\w*", r"front-?line", r"health ?care workers?", r"in need", r"community response",
        r"shelters?", r"clinics?", r"wi-?fi", r"internet access",
    ],
    "resources": [
        r"archiv\w*", r"collect\w*", r"oral histor\w*", r"time capsule", r"memor\w*", r"stories project",
        r"diar\w*", r"digitiz\w*", r"digitis\w*", r"scan\w*", r"repositor\w*", r"special collections?",
        r"local history", r"document\w*", r"preserv\w*", r"historical record", r"submissions?",
        r"history project", r"record\w*",
    ],
    "emergency": [
        r"clos\w*", r"reopen\w*", r"re-open\w*", r"suspend\w*", r"cancel\w*", r"postpon\w*",
        r"due dates?", r"extend\w*", r"fines? (?:waiv|suspend)\w*", r"waiv\w*", r"masks? (?:are|is) required",
        r"face coverings?", r"temperature", r"social distanc\w*", r"physical distanc\w*", r"capacity",
        r"quarantin\w*", r"sanitiz\w*", r"disinfect\w*", r"expos\w*", r"tested", r"until further notice",
        r"hours", r"covid\w*", r"coronavirus", r"pandemic", r"restrictions?", r"lockdown", r"shutdown",
        r"safety", r"precautions?", r"resum\w*", r"paus\w*", r"storm", r"repairs?", r"power outage",
    ],
    "cross_industry": [
        r"partner\w*", r"in collaboration", r"collaborat\w*", r"sponsor\w*", r"health department",
        r"department of", r"hospitals?", r"school districts?", r"schools?", r"museums?", r"bookstores?",
        r"publishers?", r"compan\w*", r"business\w*", r"bureau", r"agenc\w*", r"federation", r"united way",
        r"storycorps", r"universit\w*", r"college\w*", r"foundation", r"city of", r"county (?:health|office)",
        r"nonprofit\w*", r"non-profit\w*", r"makerspace", r"elder affairs", r"chamber", r"teamed up",
        r"thanks to", r"grant\w*", r"historical society", r"food bank", r"pantry", r"nurse\w*",
    ],
    "social_participation": [
        r"volunteer\w*", r"donat\w*", r"contribut\w*", r"submit\w*", r"share your", r"share their",
        r"sign up", r"residents", r"community members", r"your stor\w*", r"their stor\w*", r"record your",
        r"sew\w*", r"drive", r"friends of", r"invit\w*", r"participa\w*", r"help build", r"bring\w*",
    ],
    "targeted_groups": [
        r"child\w*", r"kids?", r"teens?", r"youth", r"students?", r"famil\w*", r"seniors?", r"elderly",
        r"older adults?", r"disab\w*", r"blind", r"deaf", r"patients?", r"health ?care workers?",
        r"medical staff", r"homebound", r"quarantined", r"parents?", r"toddlers?", r"bab(?:y|ies)",
        r"veterans?", r"immigrants?", r"at-risk", r"low-income", r"vision impair\w*", r"visually impaired",
    ],
}
# fmt: on


def _trie_pattern(terms: list[str]) -> str:
    """A regex for a set of literal terms, factored by common prefixes (longest match first), so
    that the matcher tests a handful of branches at each place instead of hundreds."""
    by_first: dict[str, list[str]] = {}
    ends_here = False
    for term in terms:
        if term:
            by_first.setdefault(term[0], []).append(term[1:])
        else:
            ends_here = True
    branches = [re.escape(ch) + _trie_pattern(rest) for ch, rest in sorted(by_first.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def _compile_zh(terms: list[str]) -> re.Pattern:
    return re.compile(_trie_pattern(sorted(set(terms))))


def _compile_en(terms: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(terms) + r")")


# English: patterns that stand for one word are matched once per distinct word (cached), phrases by regex.
def _is_phrase(pattern: str) -> bool:
    return any(mark in pattern for mark in (" ", "[- ]", "&"))


EN_WORD = {label: re.compile("|".join(f"(?:{p})" for p in EN[label] if not _is_phrase(p))) for label in LABELS}
EN_PHRASES = {
    label: _compile_en([p for p in EN[label] if _is_phrase(p)]) for label in LABELS if any(map(_is_phrase, EN[label]))
}
_EN_TOKEN = re.compile(r"[a-z][a-z0-9'-]*")


@lru_cache(maxsize=100_000)
def _word_codes(word: str) -> tuple[int, ...]:
    return tuple(j for j, label in enumerate(LABELS) if EN_WORD[label].match(word))


# Chinese: one pass for all codes. A matched term counts for every code that lists it or a part of it
# ("志愿者" counts for `social`, which lists it, and for `social_participation`, which lists "志愿").
_ZH_TERMS = sorted({t for terms in ZH.values() for t in terms}, key=len, reverse=True)
ZH_ALL = _compile_zh(_ZH_TERMS)
ZH_CODES = {term: [j for j, label in enumerate(LABELS) if any(u in term for u in ZH[label])] for term in _ZH_TERMS}
_HAS_LATIN = re.compile(r"[a-z]{3}")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def hits(folded: str) -> list[int]:
    """How many lexicon terms of each code (in LABELS order) occur in folded text, both languages."""
    counts = [0] * len(LABELS)
    if _HAS_CJK.search(folded):
        for term in ZH_ALL.findall(folded):
            for j in ZH_CODES[term]:
                counts[j] += 1
    if _HAS_LATIN.search(folded):
        for word in _EN_TOKEN.findall(folded):
            for j in _word_codes(word):
                counts[j] += 1
        for label, pattern in EN_PHRASES.items():
            counts[LABELS.index(label)] += len(pattern.findall(folded))
    return counts
