"""Sample community archive for `lantern demo`: at Wuhan, the published collections "我们城市的抗疫记忆 / Our city
in the epidemic" (calling for contributions) and "居家日记 / Diaries from home" with accepted contributions of
several kinds — a handwritten-looking letter, a community pass with its stamp, a street photo whose camera GPS
stays in the original only, a child's drawing, a social-media screenshot, a poem as text, a diary as PDF — all
drawn here with Pillow (no internet); four contributions waiting for review (one with a reviewer's question) and
one accepted "preserve only" item that is never public. Hangzhou gets a smaller collection.

Contributions go through services.contribute.submit_contribution, as from the public form; their review is then
set directly. Safe to run again: collections are matched by library and short name, items by library and title.
"""

import datetime
import functools
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from lantern.core.models import Library

from .models import Collection, Item, Message
from .services.collections import create_collection, publish_collection
from .services.common import search_text_of
from .services.contribute import submit_contribution

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_SC_INDEX = 2  # the collection's Simplified Chinese face
PAPER = (247, 240, 222)
INK = (30, 45, 90)
CONTACT = "demo-contributor@example.org"

# slug, zh title, en title, zh description, en description, calls for contributions
COLLECTIONS = {
    "our-city": (
        "我们城市的抗疫记忆",
        "Our city in the epidemic",
        "2020年的春天，市民写下的信、拍下的照片、用过的出入证和孩子们的画。图书馆把它们收藏起来，留给以后的人。",
        "Letters, photos, community passes and children's drawings from the spring of 2020, given by the city's "
        "people and kept by the library for those who come after.",
        True,
    ),
    "diaries": (
        "居家日记",
        "Diaries from home",
        "封城期间，读者在家里写下的日记、诗和随笔。",
        "Diaries, poems and notes that readers wrote at home during the lockdown.",
        False,
    ),
}
CALL = (
    "您手里有这段日子的信件、日记、照片、出入证或孩子的画吗？欢迎捐赠给图书馆的抗疫记忆库。",
    "Do you have a letter, a diary, a photo, a community pass or a child's drawing from these days? Give it to "
    "the library's memory archive.",
)


# --- pictures and files, drawn here --------------------------------------------------------------
@functools.cache
def _font(size: int):
    if CJK_FONT.exists():
        try:
            return ImageFont.truetype(str(CJK_FONT), size, index=CJK_SC_INDEX)
        except OSError:
            pass
    # Without a CJK font the words would be boxes; the pictures still show what they are.
    return ImageFont.load_default(size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def letter_image(lines: list[str]) -> Image.Image:
    """A letter on ruled paper, each character a little off the line, as a hand writes."""
    shaky = random.Random(7)  # noqa: S311  (a fixed seed: the same letter every run)
    image = Image.new("RGB", (900, 1200), PAPER)
    draw = ImageDraw.Draw(image)
    for y in range(150, 1150, 70):
        draw.line((60, y, 840, y), fill=(200, 180, 150), width=2)
    draw.line((110, 40, 110, 1160), fill=(220, 140, 140), width=2)
    font = _font(40)
    for row, line in enumerate(lines):
        x = 130
        for char in line:
            draw.text((x + shaky.randint(-2, 2), 95 + row * 70 + shaky.randint(-4, 4)), char, font=font, fill=INK)
            x += 44 + shaky.randint(-3, 3)
    return image.rotate(0.8, fillcolor=PAPER, resample=Image.Resampling.BICUBIC)


def pass_card(community: str = "百步亭社区") -> Image.Image:
    """A community pass: a card with a coloured header, the holder's details and a red stamp."""
    image = Image.new("RGB", (1000, 640), (235, 235, 228))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((40, 40, 960, 600), radius=24, fill=(255, 255, 250), outline=(120, 120, 120), width=3)
    draw.rounded_rectangle((40, 40, 960, 160), radius=24, fill=(20, 90, 160))
    draw.rectangle((40, 130, 960, 160), fill=(20, 90, 160))
    draw.text((80, 62), f"{community} 临时出入证", font=_font(52), fill=(255, 255, 255))
    for row, (label, value) in enumerate([("户主", "王**"), ("楼栋", "5栋2单元"), ("有效期", "2020年2月")]):
        draw.text((90, 210 + row * 90), f"{label}：{value}", font=_font(40), fill=(30, 30, 30))
    for radius in (120, 112):
        draw.ellipse((700 - radius, 420 - radius, 700 + radius, 420 + radius), outline=(200, 30, 30), width=6)
    star = [(700, 360), (715, 405), (762, 405), (724, 432), (738, 478), (700, 450), (662, 478), (676, 432),
            (638, 405), (685, 405)]  # fmt: skip
    draw.polygon(star, fill=(200, 30, 30))
    draw.text((700, 500), "社区居委会", font=_font(30), fill=(200, 30, 30), anchor="mm")
    return image


def street_photo() -> bytes:
    """A photo-like empty street at dusk, as a phone saves it: JPEG with the camera's make and GPS position."""
    image = Image.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(image)
    for y in range(800):
        shade = int(y / 800 * 120)
        draw.line((0, y, 1200, y), fill=(250 - shade, 170 - shade // 2, 110 + shade // 3))
    draw.ellipse((880, 120, 1000, 240), fill=(255, 220, 150))
    for n, (width, height) in enumerate([(160, 420), (220, 520), (140, 360), (260, 600), (180, 460), (200, 500)]):
        x = n * 200
        draw.rectangle((x, 800 - height, x + width, 800), fill=(60 + n * 8, 55 + n * 6, 70 + n * 5))
        for wy in range(800 - height + 30, 760, 60):
            draw.rectangle((x + 20, wy, x + 40, wy + 25), fill=(255, 210, 120) if (wy + n) % 3 else (80, 80, 90))
    draw.polygon([(500, 800), (700, 800), (620, 560), (580, 560)], fill=(90, 90, 95))
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"  # Make
    exif[0x8825] = {1: "N", 2: (30.0, 35.0, 24.0), 3: "E", 4: (114.0, 16.0, 48.0)}  # GPS: Jianghan Road
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def child_drawing() -> Image.Image:
    """A child's crayon drawing: a hospital, a sun, a rainbow, a nurse in a mask, and "武汉加油"."""
    image = Image.new("RGB", (1000, 760), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for n, colour in enumerate([(230, 50, 50), (240, 150, 30), (240, 220, 40), (60, 170, 70), (40, 110, 220)]):
        draw.arc((80 + n * 18, 60 + n * 18, 920 - n * 18, 700 - n * 18), 190, 350, fill=colour, width=14)
    draw.ellipse((60, 40, 200, 180), fill=(255, 210, 0))
    draw.rectangle((560, 360, 860, 660), outline=(200, 40, 40), width=10)
    draw.line((710, 400, 710, 520), fill=(200, 40, 40), width=16)
    draw.line((650, 460, 770, 460), fill=(200, 40, 40), width=16)
    draw.ellipse((230, 330, 350, 450), outline=(50, 50, 50), width=8)
    draw.rectangle((255, 395, 325, 435), fill=(120, 200, 230))
    draw.line((290, 450, 290, 600), fill=(50, 50, 50), width=8)
    draw.line((290, 500, 220, 560), fill=(50, 50, 50), width=8)
    draw.line((290, 500, 360, 560), fill=(50, 50, 50), width=8)
    draw.line((290, 600, 240, 680), fill=(50, 50, 50), width=8)
    draw.line((290, 600, 340, 680), fill=(50, 50, 50), width=8)
    draw.text((330, 200), "武汉加油！", font=_font(80), fill=(230, 60, 60))
    return image


def post_screenshot() -> Image.Image:
    """A phone screenshot of a social-media post (names blurred out by the contributor beforehand)."""
    image = Image.new("RGB", (540, 960), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 540, 80), fill=(40, 40, 40))
    draw.text((24, 20), "朋友圈", font=_font(32), fill=(255, 255, 255))
    draw.ellipse((24, 110, 104, 190), fill=(120, 170, 220))
    draw.rectangle((124, 120, 300, 150), fill=(180, 180, 180))
    for row, line in enumerate(["楼下的团购蔬菜到了！", "谢谢志愿者们，", "一趟一趟送上楼。"]):
        draw.text((124, 170 + row * 44), line, font=_font(30), fill=(30, 30, 30))
    draw.rectangle((124, 320, 444, 640), fill=(110, 170, 90))
    for n in range(6):
        draw.ellipse((150 + n * 45, 420 + (n % 2) * 60, 200 + n * 45, 470 + (n % 2) * 60), fill=(230, 120, 40))
    return image


def diary_pdf(lines: list[str]) -> bytes:
    """A diary page as PDF (Pillow writes the PDF round the page's picture: fast, and no fonts to embed)."""
    out = io.BytesIO()
    letter_image(lines).convert("RGB").save(out, "PDF", resolution=110)
    return out.getvalue()


def _upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- the contributions -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    """One sample contribution: the form's fields, its files (drawn only when it is new), where review left it."""

    files: Callable[[], list]
    state: str  # accepted, submitted or asked
    shelves: tuple[str, ...]
    subjects: str
    days_ago: int
    fields: dict


def _sample(files, state, shelves, subjects, days_ago, **fields) -> Sample:
    return Sample(files, state, tuple(shelves), subjects, days_ago, fields)


LETTER = ["亲爱的护士：", "你好！我是你照顾过的", "三床的病人。出院那天", "没来得及说谢谢。", "等春天来了，",
          "请你来武汉看樱花。", "            陈阿姨"]  # fmt: skip
DIARY = ["居家第三十天", "今天阳台上的花开了。", "楼下有人在唱歌，", "整栋楼都在跟着唱。"]
POEM = "樱花会开\n\n江水慢慢地流，\n城市静静地等。\n等到樱花开的时候，\n我们在江边见。\n"
RECORD = ["住院病历", "姓名：***", "入院日期：2020年2月"]


def _image(name: str, draw) -> Callable[[], list]:
    return lambda: [_upload(name, _png(draw()), "image/png")]


def _photo(name: str) -> Callable[[], list]:
    return lambda: [_upload(name, street_photo(), "image/jpeg")]


def _wuhan() -> list[Sample]:
    return [
        _sample(
            _image("信.png", lambda: letter_image(LETTER)), "accepted", ["our-city"], "医护人员\n感谢信", 40,
            kind="letter", title="给方舱医院护士的一封信", creator="陈阿姨", contributor_name="陈阿姨",
            show_name=True, date="2020-02-20", place="武汉市江汉区", licence="cc_by",
            description="出院后写给照顾过自己的护士的信。\n信纸是病房里护士给的。",
        ),
        _sample(
            _image("pass.png", pass_card), "accepted", ["our-city"], "社区防控\n出入证", 38,
            kind="community_pass", title="百步亭社区临时出入证", creator="百步亭社区居委会", date="2020-02-12",
            place="武汉市江岸区", licence="cc_by_nc", description="封闭管理期间，每户每三天凭证出门一次采购。",
        ),
        _sample(
            _photo("IMG_2041.jpg"), "accepted", ["our-city"], "街景\n封城", 36,
            kind="photo", title="空荡荡的江汉路", creator="刘先生", date="2020-02-05", place="武汉市江汉区",
            licence="cc_by", description="傍晚去医院取药的路上拍的，平时最热闹的步行街一个人也没有。",
        ),
        _sample(
            _image("drawing.png", child_drawing), "accepted", ["our-city"], "儿童\n医护人员", 30,
            kind="drawing", title="我画的白衣天使", creator="小雨（8岁）", contributor_name="小雨的妈妈",
            is_minor=True, guardian_name="小雨的妈妈", guardian_consent=True, date="2020-03-01",
            place="武汉市武昌区", licence="cc_by_nc", description="女儿画给在医院上班的姑姑。",
        ),
        _sample(
            _image("screenshot.png", post_screenshot), "accepted", ["our-city"], "志愿者\n团购", 28,
            kind="social_post", title="朋友圈：楼下的菜到了", creator="匿名居民", date="2020-02-25",
            place="武汉市洪山区", licence="cc_by", source_link="https://social.example.org/posts/20200225",
            description="小区团购的蔬菜由志愿者送到每一层。",
        ),
        _sample(
            lambda: [_upload("poem.txt", POEM.encode(), "text/plain")], "accepted", ["diaries"], "诗歌", 20,
            kind="poem_story", title="樱花会开", creator="张小雨", contributor_name="张小雨", show_name=True,
            date="2020-03", place="武汉市", licence="cc_by", description="一首写给武汉的小诗。",
        ),
        _sample(
            lambda: [_upload("diary.pdf", diary_pdf(DIARY), "application/pdf")], "accepted",
            ["diaries", "our-city"], "日记\n居家", 18,
            kind="diary", title="居家第三十天", creator="周老师", date="2020-02-22", place="武汉市青山区",
            licence="cc_by", description="封城第三十天的日记。",
        ),
        _sample(
            _image("record.png", lambda: letter_image(RECORD)), "accepted", ["our-city"], "", 15,
            kind="document", title="父亲的住院病历本", date="2020-02", place="武汉市", licence="preserve_only",
            description="家属希望图书馆保存，但不公开。",
        ),
        _sample(
            _photo("menu.jpg"), "submitted", [], "", 3,
            kind="photo", title="小区团购的菜单", creator="吴女士", date="2020-03-02", place="武汉市江岸区",
            licence="cc_by", description="每周一次的团购清单。",
        ),
        _sample(
            list, "submitted", [], "", 2,
            kind="letter", title="写给女儿的信", creator="林先生", date="2020-03-10", licence="cc_by_nc",
            description="女儿：\n爸爸在医院值班，家里一切都好，听妈妈的话。",
        ),
        _sample(
            _photo("window.jpg"), "asked", [], "", 4,
            kind="photo", title="隔离酒店的窗外", creator="赵先生", date="2020-02-18", place="武汉市江夏区",
            licence="cc_by", description="隔离第七天，从酒店窗口看出去。",
        ),
        _sample(
            lambda: [_upload("diary.txt", "二月三日 第一次上网课，网络很卡。\n".encode(), "text/plain")],
            "submitted", [], "", 1,
            kind="diary", title="我的抗疫日记（一）", creator="孙同学", date="2020-02", licence="cc_by",
            description="高三学生的网课日记。",
        ),
    ]  # fmt: skip


def _hangzhou() -> list[Sample]:
    return [
        _sample(
            _image("card.png", lambda: pass_card("翠苑社区")), "accepted", ["our-city"], "社区防控", 30,
            kind="community_pass", title="小区出入登记卡", creator="翠苑社区", date="2020-02-08",
            place="杭州市西湖区", licence="cc_by", description="杭州较早实行的小区出入登记卡。",
        ),
        _sample(
            lambda: [_upload("poem.txt", "西湖边的春天\n\n柳树又绿了。\n".encode(), "text/plain")], "accepted",
            ["our-city"], "诗歌", 10,
            kind="poem_story", title="西湖边的春天", creator="钱老师", contributor_name="钱老师", show_name=True,
            date="2020-04", place="杭州市", licence="cc_by", description="复工后第一次去西湖。",
        ),
        _sample(
            list, "submitted", [], "", 2,
            kind="letter", title="写给快递小哥的信", date="2020-02-15", licence="cc_by",
            description="谢谢你每天把书送到家门口。",
        ),
    ]  # fmt: skip


QUESTION = "您好，照片里能看到对面房间的门牌号，可以同意我们把门牌号模糊处理后再公开吗？"


def _collection(library: Library, slug: str, zh: str, en: str, made: list) -> Collection:
    found = Collection.objects.filter(library=library, slug=slug).first()
    if found is not None:
        return found
    title_zh, title_en, description_zh, description_en, calls = COLLECTIONS[slug]
    fields = {
        "slug": slug,
        "title_zh": zh or title_zh,
        "title_en": en or title_en,
        "description_zh": description_zh,
        "description_en": description_en,
        "calls_for_contributions": calls,
        "call_text_zh": CALL[0] if calls else "",
        "call_text_en": CALL[1] if calls else "",
        "call_ends_on": timezone.localdate() + datetime.timedelta(days=60) if calls else None,
    }
    found = create_collection(library, fields, by=None, is_demo=True)
    made.append(found)
    return publish_collection(found, by=None)


def _item(library, shelves, sample: Sample, now, made) -> None:
    if Item.objects.filter(library=library, title=sample.fields["title"]).exists():
        return
    fields = {"contact_email": CONTACT, "language": "zh", "show_name": False, **sample.fields}
    item = submit_contribution(library, fields, sample.files(), is_demo=True)
    when = now - datetime.timedelta(days=sample.days_ago)
    item.subject = sample.subjects
    item.search_text = search_text_of(item)
    if sample.state == "accepted":
        item.status = Item.Status.ACCEPTED
        item.accepted_at = when + datetime.timedelta(days=1)
    elif sample.state == "asked":
        item.status = Item.Status.ASKED
        made.append(Message.objects.create(item=item, text=QUESTION))
    item.save()
    Item.objects.filter(pk=item.pk).update(submitted_at=when)
    item.collections.set([shelves[slug] for slug in sample.shelves])
    made.extend([item, *item.files.all()])


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample archive; return how many rows were made (collections, items, their files and the
    reviewer's question). A second run makes none."""
    now = now or timezone.now()
    made: list = []
    plans = [
        ("wuhan", [("our-city", "", ""), ("diaries", "", "")], _wuhan),
        ("hangzhou", [("our-city", "杭州的抗疫记忆", "Hangzhou in the epidemic")], _hangzhou),
    ]
    with transaction.atomic():
        for slug, collections, items in plans:
            library = libraries.get(slug)
            if library is None:
                continue
            shelves = {key: _collection(library, key, zh, en, made) for key, zh, en in collections}
            for sample in items():
                _item(library, shelves, sample, now, made)
    return len(made)
