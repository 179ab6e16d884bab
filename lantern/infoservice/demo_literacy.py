"""Sample information-literacy guides for `lantern demo`: three published guides at the Wuhan library, in
Chinese and English, each with a short self-check quiz: checking a health claim (for everyone), finding
reliable sources (students) and using the library's databases from home (elderly readers). They go through the
services, so their ServiceRecords are real; running it again creates nothing (a guide is matched by its
library and Chinese title)."""

import datetime

from django.db import transaction

from lantern.core.audience import Audience
from lantern.core.models import Library

from .models import Guide, Publishable
from .services import literacy as services

# (question zh, en, why zh, en, [(answer zh, en)], index of the right answer)
HEALTH_QUIZ = [
    (
        "一条消息说“某种茶能预防新冠”，你首先应该做什么？",
        "A message says “a certain tea prevents COVID-19”. What should you do first?",
        "先看是谁说的、依据是什么。卫生部门和正规医学机构的说法才可靠。",
        "First look at who says it and on what evidence. Health authorities and medical institutions are reliable.",
        [
            ("马上转发给家人", "Forward it to the family at once"),
            ("查一查消息的来源和证据", "Look up where it comes from and its evidence"),
            ("多买一些这种茶", "Buy plenty of the tea"),
        ],
        1,
    ),
    (
        "哪一个来源最可靠？",
        "Which source is the most reliable?",
        "国家卫生健康委员会等官方机构发布的信息经过核实，并写明了日期。",
        "Official bodies such as the National Health Commission publish checked information, with a date.",
        [
            ("朋友圈里的截图", "A screenshot in a WeChat Moments post"),
            ("卫生健康委员会的官方网站", "The health commission's official website"),
            ("没有署名的公众号文章", "An unsigned public-account article"),
        ],
        1,
    ),
    (
        "消息里说“专家说”，但没有写是哪位专家。这说明什么？",
        "A message says “experts say” but names no expert. What does that tell you?",
        "说不出名字和单位的“专家”无法核实，这样的消息要格外小心。",
        "An “expert” without a name or an institution cannot be checked; be especially careful with such messages.",
        [
            ("消息一定是真的", "The message must be true"),
            ("无法核实，要小心", "It cannot be checked: be careful"),
        ],
        1,
    ),
]

SOURCES_QUIZ = [
    (
        "写作业时，哪种资料最适合引用？",
        "For an assignment, which kind of material is best to cite?",
        "经过同行评审的论文由其他专家审查过，并注明了作者和出处。",
        "Peer-reviewed articles were checked by other experts and name their authors and where they appeared.",
        [
            ("同行评审的期刊论文", "A peer-reviewed journal article"),
            ("匿名论坛的帖子", "A post on an anonymous forum"),
            ("短视频里的说法", "A claim in a short video"),
        ],
        0,
    ),
    (
        "判断一个网页是否可靠，下面哪一点最重要？",
        "Which matters most when judging whether a web page is reliable?",
        "知道作者是谁、写于何时、依据什么，才能判断内容是否可信、是否过时。",
        "Knowing who wrote it, when, and on what evidence tells you whether it can be trusted and is up to date.",
        [
            ("网页设计得漂亮", "The page looks nice"),
            ("点赞的人多", "Many people liked it"),
            ("有作者、日期和参考来源", "It names its author, its date and its sources"),
        ],
        2,
    ),
    (
        "同一件事，两个来源说法不同，怎么办？",
        "Two sources disagree about the same thing. What do you do?",
        "再找独立的第三个来源，并比较各自的证据；也可以问图书馆员。",
        "Find a third, independent source and compare their evidence; you can also ask a librarian.",
        [
            ("选自己喜欢的说法", "Pick the one you like"),
            ("再找独立来源比较证据", "Find independent sources and compare the evidence"),
        ],
        1,
    ),
]

DATABASES_QUIZ = [
    (
        "在家使用图书馆的数据库，需要什么？",
        "What do you need to use the library's databases from home?",
        "读者证号和密码就能登录，不需要到馆。",
        "Your library card number and password are enough; you do not need to come to the library.",
        [
            ("读者证号和密码", "Your library card number and password"),
            ("必须先到图书馆", "You must visit the library first"),
            ("付费开通", "A paid subscription"),
        ],
        0,
    ),
    (
        "字太小看不清，可以怎么办？",
        "The letters are too small to read. What can you do?",
        "手机和电脑都能放大文字：双指放大，或在设置里调大字体。",
        "Phones and computers can enlarge text: spread two fingers, or choose a larger font in the settings.",
        [
            ("只能放弃", "Give up"),
            ("放大页面或调大字体", "Zoom in or choose a larger font"),
        ],
        1,
    ),
    (
        "登录时遇到困难，最好的办法是什么？",
        "You have trouble signing in. What is best?",
        "图书馆员可以在线或电话帮你，不要把密码告诉陌生人。",
        "A librarian can help online or by phone; never give your password to a stranger.",
        [
            ("把密码发给陌生人帮忙", "Send your password to a stranger for help"),
            ("通过“问馆员”联系图书馆", "Contact the library through “Ask a librarian”"),
            ("换一个陌生网站试试", "Try an unknown website instead"),
        ],
        1,
    ),
    (
        "数据库里的电子书，借阅后可以怎么读？",
        "After borrowing an e-book from a database, how can you read it?",
        "大多数电子书可以在手机、平板或电脑上直接在线阅读。",
        "Most e-books can be read online on a phone, a tablet or a computer.",
        [
            ("在手机或电脑上阅读", "On a phone or a computer"),
            ("只能到馆阅读", "Only at the library"),
        ],
        0,
    ),
]

GUIDES = [
    (
        ("如何核实一条健康说法", "How to check a health claim"),
        ("三步判断一条健康消息是否可信。", "Three steps to tell whether a health message can be trusted."),
        (
            "<h2>第一步：是谁说的？</h2><p>找到消息的原始来源。官方卫生部门、医院和医学期刊比转发的截图可靠。</p>"
            "<h2>第二步：有什么证据？</h2><p>看是否写明了研究、数据和日期。“专家说”而不写名字的，要小心。</p>"
            "<h2>第三步：别人怎么说？</h2><p>到卫生健康委员会网站或图书馆的辟谣页查一查。拿不准就先不转发。</p>",
            "<h2>Step 1: who says it?</h2><p>Find where the message comes from. Health authorities, hospitals and "
            "medical journals are more reliable than a forwarded screenshot.</p>"
            "<h2>Step 2: what is the evidence?</h2><p>Look for the study, the figures and the date. Be careful with "
            "“experts say” when no expert is named.</p>"
            "<h2>Step 3: what do others say?</h2><p>Check the health commission's website or the library's rumour "
            "checks. When in doubt, do not forward it.</p>",
        ),
        "",
        HEALTH_QUIZ,
    ),
    (
        ("如何找到可靠的信息来源", "Finding reliable sources"),
        ("为作业和研究找到值得信赖的资料。", "Find material you can trust for assignments and research."),
        (
            "<h2>从图书馆开始</h2><p>图书馆的数据库收录经过审查的期刊、报纸和电子书，比搜索引擎的结果更可靠。</p>"
            "<h2>看作者、日期和出处</h2><p>可靠的资料写明作者、发表时间和参考文献。</p>"
            "<h2>交叉核对</h2><p>重要的说法至少找两个独立来源核对。</p>",
            "<h2>Start at the library</h2><p>The library's databases hold reviewed journals, newspapers and e-books, "
            "more reliable than a search engine's first results.</p>"
            "<h2>Look at author, date and source</h2><p>Reliable material names its author, its date and its "
            "references.</p><h2>Cross-check</h2><p>Check important claims in at least two independent sources.</p>",
        ),
        Audience.STUDENTS,
        SOURCES_QUIZ,
    ),
    (
        ("在家使用图书馆数据库", "Using the library's databases from home"),
        ("用读者证在家读电子书、查资料。", "Read e-books and look things up from home with your library card."),
        (
            "<h2>登录</h2><p>打开图书馆网站，点“数字资源”，输入读者证号和密码。</p>"
            "<h2>查找</h2><p>在搜索框里输入书名或关键词，点“搜索”。</p>"
            "<h2>需要帮助？</h2><p>字太小可以放大页面。遇到困难，请通过“问馆员”联系我们，我们在线或电话帮你。</p>",
            "<h2>Sign in</h2><p>Open the library's website, choose “Digital resources” and type your library card "
            "number and password.</p><h2>Search</h2><p>Type a title or a few words into the search box and press "
            "“Search”.</p><h2>Need help?</h2><p>If the letters are small, zoom in. If you are stuck, contact us "
            "through “Ask a librarian”: we help online or by phone.</p>",
        ),
        Audience.ELDERLY,
        DATABASES_QUIZ,
    ),
]


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create and publish the sample guides at Wuhan; return how many objects were made (guides, questions and
    their answers)."""
    library = libraries.get("wuhan")
    if library is None:
        return 0
    made = 0
    with transaction.atomic():
        for (title_zh, title_en), (summary_zh, summary_en), (body_zh, body_en), audience, quiz in GUIDES:
            if Guide.objects.filter(library=library, title_zh_hans=title_zh).exists():
                continue
            guide = services.create_guide(
                library,
                by=None,
                title_zh_hans=title_zh,
                title_en=title_en,
                summary_zh_hans=summary_zh,
                summary_en=summary_en,
                body_zh_hans=body_zh,
                body_en=body_en,
                audience=audience,
            )
            Guide.objects.filter(pk=guide.pk).update(is_demo=True)
            made += 1
            for text_zh, text_en, why_zh, why_en, answers, right in quiz:
                services.add_question(
                    guide,
                    by=None,
                    text_zh_hans=text_zh,
                    text_en=text_en,
                    explanation_zh_hans=why_zh,
                    explanation_en=why_en,
                    answers=answers,
                    correct=right,
                )
                made += 1 + len(answers)
            # A library that asks for a second pair of eyes gets the sample approved by "the system".
            if not services.submit_guide(guide, by=None):
                services.approve_guide(guide, by=None)
            if guide.status != Publishable.PUBLISHED:
                raise RuntimeError(f"The sample guide {title_en!r} was not published.")
    return made
