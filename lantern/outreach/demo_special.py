"""Sample services for special groups for `lantern demo`, at the Wuhan library: sign-language micro-lessons on
epidemic prevention (手语防疫微课堂, two lessons with Chinese WebVTT captions written here), a large-print
and audio collection, ordering by phone for elderly readers, and reading support for children of medical
staff; all in Chinese and English, all shown to readers (so their ServiceRecords are real).

Safe to run again: a service is matched by its library and Chinese title.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import AccessibleService
from .services import special as services

PHONE = "027-8588 6000"
VIDEOS = "https://video.example.org/wuhan/sign-language"

LESSONS = [
    (
        "第一课：正确佩戴口罩",
        "Lesson 1: wearing a mask the right way",
        f"{VIDEOS}/lesson-1-masks.mp4",
        4,
        [
            ("00:00:00.000", "00:00:04.000", "大家好，欢迎来到手语防疫微课堂。"),
            ("00:00:04.000", "00:00:09.000", "今天我们学习怎样正确佩戴口罩。"),
            ("00:00:09.000", "00:00:14.000", "第一步：洗手，分清口罩的正反面和上下。"),
            ("00:00:14.000", "00:00:19.000", "第二步：把口罩罩住口鼻和下巴，挂好耳带。"),
            ("00:00:19.000", "00:00:24.000", "第三步：用双手按压鼻夹，让口罩贴紧脸部。"),
            ("00:00:24.000", "00:00:29.000", "口罩弄湿或弄脏了，要及时更换。谢谢观看。"),
        ],
    ),
    (
        "第二课：七步洗手法",
        "Lesson 2: washing hands in seven steps",
        f"{VIDEOS}/lesson-2-hands.mp4",
        5,
        [
            ("00:00:00.000", "00:00:04.000", "欢迎回到手语防疫微课堂。"),
            ("00:00:04.000", "00:00:09.000", "今天学习七步洗手法，用流动的水和肥皂洗手。"),
            ("00:00:09.000", "00:00:14.000", "内：掌心相对，手指并拢，相互揉搓。"),
            ("00:00:14.000", "00:00:19.000", "外：手心对手背，沿指缝相互揉搓。"),
            ("00:00:19.000", "00:00:24.000", "夹：掌心相对，双手交叉，沿指缝相互揉搓。"),
            ("00:00:24.000", "00:00:29.000", "弓、大、立、腕：洗指背、拇指、指尖和手腕。"),
            ("00:00:29.000", "00:00:34.000", "每次洗手至少二十秒。谢谢观看。"),
        ],
    ),
]

# kind, audience, (title zh, en), (who zh, en), (how zh, en), (description zh, en), phone
SERVICES = [
    (
        AccessibleService.Kind.SIGN_LANGUAGE_VIDEO,
        "deaf",
        ("手语防疫微课堂", "Sign-language micro-lessons on epidemic prevention"),
        ("聋人和听力不好的读者，以及他们的家人。", "Deaf and hard-of-hearing readers, and their families."),
        (
            "打开下面的视频。视频里有手语老师，也有中文字幕。\n看不了视频？点“以文字阅读字幕”。",
            "Open a video below. A sign-language teacher explains, with Chinese captions.\n"
            "Cannot play the video? Choose “Read the captions as text”.",
        ),
        (
            "图书馆与手语老师一起录制的防疫小课，每课几分钟。",
            "Short lessons on staying safe in the epidemic, recorded by the library with a sign-language teacher.",
        ),
        "",
    ),
    (
        AccessibleService.Kind.LARGE_PRINT,
        "blind",
        ("大字本和有声书", "Large-print and audio books"),
        (
            "视力不好的读者，盲人读者，以及看小字吃力的老年读者。",
            "Readers with low vision, blind readers, and older readers who find small print hard.",
        ),
        (
            "在图书目录里搜索“大字本”或“有声书”。\n像平时一样下单，书会送到您家或社区。\n有声书可以在电话里听。",
            "Search the catalogue for “large print” or “audio book”.\n"
            "Order as usual: the books come to your home or community.\nAudio books can also be heard by phone.",
        ),
        (
            "大字本字号大、行距宽；有声书有光盘和在线收听两种。",
            "Large-print books have big letters and wide lines; audio books come on disc or online.",
        ),
        "",
    ),
    (
        AccessibleService.Kind.PHONE_ORDERING,
        "elderly",
        ("老年读者电话借书", "Ordering books by phone for older readers"),
        (
            "六十岁以上、不方便上网或出门的读者。",
            "Readers over 60 who cannot easily go online or come to the library.",
        ),
        (
            "每天上午九点到下午五点打电话给图书馆。\n说出您的名字、读者证号和想借的书。\n我们把书送到您家，或者放到社区借书点。",
            "Call the library any day from 9 am to 5 pm.\nSay your name, card number and the books you want.\n"
            "We bring them to your home or to your community's pickup point.",
        ),
        ("馆员会帮您选书，也可以帮您续借。", "A librarian can help you choose books and renew your loans."),
        PHONE,
    ),
    (
        AccessibleService.Kind.CHILDREN_SUPPORT,
        "medical_staff",
        ("医护人员子女阅读陪伴", "Reading support for children of medical staff"),
        (
            "在抗疫一线工作的医护人员的孩子（6到14岁）。",
            "Children aged 6 to 14 whose parents work on the front line against the epidemic.",
        ),
        (
            "家长打电话或在网上报名。\n每周两次线上读书会，志愿者老师陪孩子读书、做作业。\n图书馆免费寄送童书。",
            "A parent signs up by phone or online.\nTwice a week, volunteer teachers read with the child online "
            "and help with homework.\nThe library posts children's books free of charge.",
        ),
        (
            "感谢医护人员的付出：让孩子在家也有书读、有人陪。",
            "A thank-you to medical staff: their children have books and company at home.",
        ),
        PHONE,
    ),
]


def captions_file(cues, name: str) -> SimpleUploadedFile:
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        lines += [str(number), f"{start} --> {end}", text, ""]
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), content_type="text/vtt")


def load(libraries: dict, now) -> int:
    """Create the Wuhan library's sample services; return how many new objects were made."""
    library = libraries.get("wuhan")
    if library is None:
        return 0
    created = 0
    for kind, audience, title, who, how, description, phone in SERVICES:
        if AccessibleService.objects.filter(library=library, title_zh_hans=title[0]).exists():
            continue
        service = services.create_service(
            library, by=None, kind=kind, audience=audience, title_zh=title[0], title_en=title[1], who_zh=who[0],
            who_en=who[1], how_zh=how[0], how_en=how[1], description_zh=description[0],
            description_en=description[1], phone=phone,
        )  # fmt: skip
        AccessibleService.objects.filter(pk=service.pk).update(is_demo=True)
        created += 1
        if kind == AccessibleService.Kind.SIGN_LANGUAGE_VIDEO:
            for number, (title_zh, title_en, video_url, minutes, cues) in enumerate(LESSONS, start=1):
                services.add_lesson(
                    service, by=None, title_zh=title_zh, title_en=title_en, video_url=video_url,
                    duration_minutes=minutes, captions=captions_file(cues, f"lesson-{number}.vtt"),
                )  # fmt: skip
                created += 1
        services.publish_service(service, by=None)
    return created
