"""Sample online exhibition for `lantern demo`: Wuhan library's "战疫记忆" (Memories of the fight against the
epidemic), co-curated with the sample Hubei Museum, three sections of posters drawn here with Pillow (no
internet), and a partner-contact account (curator@example.org) who may edit it.

Safe to run again: the exhibition is matched by its library and Chinese title, the account by its email.
"""

import io
import shutil
import subprocess

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from lantern.core import services as core_services
from lantern.core.demo import DEMO_PASSWORD
from lantern.core.models import Library, Partner, Role

from .models import Exhibition
from .services import exhibitions as services

MUSEUM = "湖北省博物馆（示例）"
CURATOR = ("curator@example.org", "博物馆策展人 Museum curator")
TITLE = ("战疫记忆：武汉的图书馆与博物馆", "Memories of the fight: Wuhan's library and museum")
SUMMARY = (
    "2020年春天，图书馆闭馆、读者居家。这个线上展览与湖北省博物馆合作，记录闭馆期间的阅读与生活。",
    "In spring 2020 the library closed and readers stayed home. This online exhibition, curated with the "
    "Hubei Museum, remembers reading and daily life during the closure.",
)
# (section zh, en, text zh, en, [(poster zh, poster en, colour, caption zh, en, colour's name zh, en)])
SECTIONS = [
    (
        "闭馆不闭学",
        "Closed doors, open reading",
        "图书馆的大门关上了，线上阅读的门打开了。",
        "The doors closed; online reading opened.",
        [
            (
                "闭馆通知",
                "Closure notice",
                (176, 42, 42),
                "闭馆通知海报，2020年1月",
                "The closure notice poster, January 2020",
                "红色",
                "red",
            ),
            (
                "线上借阅",
                "Borrow online",
                (29, 78, 216),
                "电子书免费借阅的宣传海报",
                "A poster for free e-book lending",
                "蓝色",
                "blue",
            ),
        ],
    ),
    (
        "馆藏里的抗疫史",
        "Epidemics in the collections",
        "湖北省博物馆提供的藏品图片，讲述历史上人们怎样面对瘟疫。",
        "Pictures of objects lent by the Hubei Museum: how people faced epidemics in the past.",
        [
            (
                "古代药方",
                "Old remedies",
                (120, 85, 40),
                "古籍中的防疫药方（示意图）",
                "Epidemic remedies in old books (illustration)",
                "棕色",
                "brown",
            ),
            (
                "编钟之声",
                "Sound of the bells",
                (21, 101, 72),
                "线上聆听馆藏编钟（示意图）",
                "Listening online to the museum's bronze bells (illustration)",
                "绿色",
                "green",
            ),
        ],
    ),
    (
        "读者来信",
        "Letters from readers",
        "居家的读者写给图书馆的话。",
        "What readers at home wrote to the library.",
        [
            (
                "谢谢你们",
                "Thank you",
                (190, 90, 20),
                "一位读者的感谢信（示意图）",
                "A reader's thank-you letter (illustration)",
                "橙色",
                "orange",
            ),
        ],
    ),
]


def _font(size: int):
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        path = subprocess.run(  # noqa: S603  (a fixed command; the arguments are constants)
            [fc_match, "-f", "%{file}", "Noto Sans CJK SC:bold"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
        if path:
            return ImageFont.truetype(path, size)
    except (OSError, subprocess.SubprocessError):
        pass
    return None


def poster(zh: str, en: str, colour) -> bytes:
    """A simple poster: a coloured ground, a frame, a sun, the title in Chinese and English."""
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1160, 860), outline=(255, 255, 255), width=8)
    draw.ellipse((900, 100, 1060, 260), fill=(255, 214, 102))
    draw.rectangle((200, 560, 1000, 760), fill=(255, 255, 255))
    draw.line((600, 560, 600, 760), fill=colour, width=6)
    big, small = _font(120), _font(56)
    if big is not None:
        draw.text((120, 220), zh, font=big, fill=(255, 255, 255))
        draw.text((120, 400), en, font=small, fill=(255, 255, 255))
    else:
        # Without a CJK font, the title would be boxes: draw shapes only.
        for n in range(5):
            draw.rectangle((120 + n * 150, 260, 220 + n * 150, 360), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _curator(museum: Partner) -> int:
    created = 0
    User = get_user_model()
    identifier, name = CURATOR
    kind, username = core_services.normalize_identifier(identifier)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, name=name, **{kind: username})
        user.set_password(DEMO_PASSWORD)
        user.save()
        created += 1
    if not Role.objects.filter(user=user, kind=Role.Kind.PARTNER_CONTACT, partner=museum).exists():
        core_services.grant_role(user, Role.Kind.PARTNER_CONTACT, partner=museum)
        created += 1
    return created


def load(libraries: dict[str, Library], now) -> int:
    """Create the sample exhibition and the curator's account if missing; return how many objects were new."""
    library = libraries.get("wuhan")
    museum = Partner.objects.filter(name_zh_hans=MUSEUM).first()
    if library is None or museum is None:
        return 0
    created = _curator(museum)
    if Exhibition.objects.filter(library=library, title_zh_hans=TITLE[0]).exists():
        return created
    if not library.partners.filter(pk=museum.pk).exists():
        library.partners.add(museum)
    exhibition = services.create_exhibition(
        library,
        by=None,
        title_zh=TITLE[0],
        title_en=TITLE[1],
        summary_zh=SUMMARY[0],
        summary_en=SUMMARY[1],
        audience="",
        partners=[museum],
    )
    Exhibition.objects.filter(pk=exhibition.pk).update(is_demo=True)
    created += 1
    for title_zh, title_en, text_zh, text_en, items in SECTIONS:
        section = services.add_section(
            exhibition, by=None, title_zh=title_zh, title_en=title_en, text_zh=text_zh, text_en=text_en
        )
        created += 1
        for zh, en, colour, caption_zh, caption_en, colour_zh, colour_en in items:
            # The text alternative says what the drawing really shows.
            alt_zh = f"{colour_zh}海报：白色大字“{zh}”和英文“{en}”，右上角一轮黄色的太阳，下方画着一本打开的书。"
            alt_en = (
                f"A {colour_en} poster: the large white words “{zh}” and “{en}”, "
                "a yellow sun top right, an open book below."
            )
            upload = SimpleUploadedFile(f"{en}.png", poster(zh, en, colour), content_type="image/png")
            services.add_item(
                section,
                by=None,
                kind="image",
                image=upload,
                caption_zh=caption_zh,
                caption_en=caption_en,
                alt_zh=alt_zh,
                alt_en=alt_en,
                credit_zh="湖北省博物馆（示例）",
                credit_en="Hubei Museum (sample)",
                rights="CC BY 4.0",
            )
            created += 1
    services.publish_exhibition(exhibition, by=None)
    return created
