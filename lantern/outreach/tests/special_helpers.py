"""What the tests of services for special groups share: a captions file, a file that is not WebVTT, a
service with a lesson, each tests' own media folder."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lantern.outreach.services import special as services

VTT = (
    "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\n大家好，欢迎来到手语课堂。\n\n"
    "2\n00:00:04.000 --> 00:00:08.000\n请正确佩戴口罩。\n"
)


def captions(text: str = VTT, name: str = "lesson.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/vtt")


def not_vtt() -> SimpleUploadedFile:
    """A subtitles file of another format (SubRip), renamed .vtt."""
    return SimpleUploadedFile("lesson.vtt", b"1\n00:00:00,000 --> 00:00:04,000\nHello\n", content_type="text/vtt")


def use_own_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def service_fields(**overrides) -> dict:
    fields = {
        "kind": "phone_ordering",
        "audience": "elderly",
        "title_zh": "老年读者电话借书",
        "title_en": "Ordering books by phone",
        "who_zh": "六十岁以上的读者",
        "who_en": "Readers over 60",
        "how_zh": "打电话给图书馆。",
        "how_en": "Call the library.",
        "description_zh": "",
        "description_en": "",
        "phone": "027-8588 6000",
        "link": "",
    }
    fields.update(overrides)
    return fields


def lesson_fields(**overrides) -> dict:
    fields = {
        "title_zh": "第一课：戴口罩",
        "title_en": "Lesson 1: masks",
        "video_url": "https://video.example.org/lesson-1.mp4",
        "duration_minutes": 4,
        "captions": captions(),
    }
    fields.update(overrides)
    return fields


def make_video_service(library, by, *, publish=True):
    """A sign-language video service with one captioned lesson (shown to readers unless asked)."""
    service = services.create_service(
        library, by=by, **service_fields(kind="sign_language_video", audience="deaf", title_zh="手语防疫微课堂",
                                          title_en="Sign-language lessons", phone="")
    )  # fmt: skip
    services.add_lesson(service, by=by, **lesson_fields())
    if publish:
        services.publish_service(service, by=by)
    return service
