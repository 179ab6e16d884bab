"""The codebook as data: every code of the taxonomy as a human coder applies it, in both languages.

Paraphrased faithfully from the study's codebook (`shared/CODEBOOK.md`, "Codebook: coding library service
announcements into the taxonomy"); the page `observatory:codebook` and the coding page read it from here.
Labels and definitions go through gettext (the lead translates them); examples are kept per language
explicitly, because a Chinese announcement is not a translation of an English one — each language gets
examples of the kind of post a coder meets in it.

Competencies are not coded by hand: they are derived from the codes and the kind of activity by the rules in
`lantern.insights.competencies`; their entries here say what each means and restate those rules for coders.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .taxonomy import Category, Competency, Feature

SOURCE = "shared/CODEBOOK.md"


@dataclass(frozen=True)
class Entry:
    """One code: what it means, what it covers, and short examples per language ("en", "zh")."""

    code: str
    kind: str  # "category", "feature" or "competency"
    label: str
    definition: str
    covers: str
    examples: dict = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"code-{self.code}"

    def examples_here(self, language: str | None = None) -> list[str]:
        """The examples in the active language (Chinese for any zh-* language, English otherwise)."""
        language = (language or get_language() or "en").lower()
        return self.examples["zh" if language.startswith("zh") else "en"]


CATEGORIES = (
    Entry(
        Category.READING_ONLINE,
        "category",
        Category.READING_ONLINE.label,
        _("Online reading promotion: the library brings reading and its resources to readers over the internet."),
        _(
            "E-book and e-resource recommendations (often with QR codes), free access to digital resources, "
            "online exhibitions, online reading groups or clubs, online lectures, storytimes and courses, "
            "reading challenges, short-video or livestream reading campaigns, joint online activities of "
            "several libraries."
        ),
        {
            "en": [
                "Free e-books and audiobooks while we are closed: scan the QR code to borrow with your card.",
                "Join our storytime live on Facebook every Tuesday at 10 am.",
                "Spring reading challenge: log your books online and earn a badge.",
            ],
            "zh": [
                "闭馆不闭服务：扫码免费畅读数字资源，电子书、有声书任你选。",
                "“云上展厅”开放：足不出户看线上展览。",
                "每周五晚直播读书会，和馆员一起在线共读。",
            ],
        },
    ),
    Entry(
        Category.READING_OFFLINE,
        "category",
        Category.READING_OFFLINE.label,
        _("Offline or contactless reading promotion: books reach readers physically without a normal visit."),
        _(
            "Reading stations or deposit collections in shelters, hospitals, quarantine hotels, communities; "
            "book donations to such places; home delivery, mail or courier lending; curbside, porch or "
            "side-door pickup; sending books home; take-home program kits; book drops kept open for returns "
            "as a reading service."
        ),
        {
            "en": [
                "Curbside pickup starts Monday: place holds online and we bring them to your car.",
                "Books by mail for homebound readers — call us to sign up.",
                "Take-home craft kits for kids are ready at the side door.",
            ],
            "zh": [
                "“网借到家”服务上线：线上选书，快递送书上门。",
                "向方舱医院捐赠图书，设立流动阅读点。",
                "隔离酒店阅读角启用，图书由馆员定期更换。",
            ],
        },
    ),
    Entry(
        Category.INFORMATION,
        "category",
        Category.INFORMATION.label,
        _("Information service: the library finds, checks and explains information for people."),
        _(
            "Epidemic or health information, rumour debunking, information literacy, reference help by "
            "phone, chat or online forms, decision-support reports, guides to reliable sources."
        ),
        {
            "en": [
                "Where to find reliable COVID-19 information: our guide to trusted sources.",
                "Ask a librarian by phone or chat, Monday to Friday.",
                "How to spot a health rumour: a short information-literacy lesson.",
            ],
            "zh": [
                "新冠肺炎防护知识问答，权威信息请认准官方发布。",
                "辟谣：这些关于病毒的说法都是假的。",
                "为市政府提供疫情防控专题信息简报（决策参考）。",
            ],
        },
    ),
    Entry(
        Category.SOCIAL,
        "category",
        Category.SOCIAL.label,
        _("Social service: the library or its staff help the community beyond library work."),
        _(
            "Donations of money or supplies, volunteer work by staff or public, services for special groups "
            "(elderly, disabled, deaf, blind, children of medical workers, patients, migrant workers), staff "
            "helping the community outside library work (for example checkpoints or grocery delivery)."
        ),
        {
            "en": [
                "Our 3D printers are making face shields for local hospitals.",
                "Library staff are volunteering at the county food bank.",
                "Phone calls to check on elderly members living alone.",
            ],
            "zh": [
                "馆员下沉社区，协助做好卡口值守和测温登记。",
                "为医务人员子女开设线上辅导课。",
                "向疫区捐赠口罩和消毒用品。",
            ],
        },
    ),
    Entry(
        Category.RESOURCES,
        "category",
        Category.RESOURCES.label,
        _("Resource construction: the library builds and keeps collections about the epidemic."),
        _(
            "Building collections, databases, repositories or special topic pages about the epidemic; calls "
            "for contributions (works, letters, photos, diaries) to document community memory; digitising or "
            "preserving such material."
        ),
        {
            "en": [
                "Share your pandemic diary: help us document this time for future generations.",
                "New COVID-19 local history collection of photos and letters.",
                "Our digital archive of the community's response is now online.",
            ],
            "zh": [
                "征集“抗疫记忆”：书信、照片、日记、文艺作品。",
                "建设新冠肺炎疫情防控专题数据库。",
                "抗疫文献征集与保存工作启动。",
            ],
        },
    ),
    Entry(
        Category.EMERGENCY,
        "category",
        Category.EMERGENCY.label,
        _("Emergency management: how the library itself closes, restricts, protects and reopens."),
        _(
            "Closure, partial or full reopening, suspended services or events, extended loan periods and "
            "waived fines, safety measures (masks, temperature checks, health codes, disinfection, quarantine "
            "of returned items, capacity limits, entry reservations), staff exposure and testing, staff "
            "training, emergency plans."
        ),
        {
            "en": [
                "All branches are closed until further notice; due dates are extended and no fines will accrue.",
                "We reopen June 8 with limited capacity; masks are required.",
                "Returned items are quarantined for 72 hours before they go back on the shelf.",
            ],
            "zh": [
                "即日起暂停对外开放，恢复时间另行通知。",
                "3月2日起有序恢复开放，读者须预约入馆、出示健康码、测量体温。",
                "闭馆期间借阅图书不计逾期费。",
            ],
        },
    ),
)

FEATURES = (
    Entry(
        Feature.CROSS_INDUSTRY,
        "feature",
        Feature.CROSS_INDUSTRY.label,
        _("The service is done with an organisation outside the library field."),
        _(
            "A museum, bookstore, publisher, courier, hospital, school, media or video platform, government "
            "department, company or disabled persons' federation. Cooperation with other libraries only does "
            "not count."
        ),
        {
            "en": [
                "Together with the county museum, an online exhibition of local history.",
                "Home delivery in partnership with the postal service.",
                "Storytime with the school district, streamed on its channel.",
            ],
            "zh": [
                "与顺丰快递合作开展图书免费送到家服务。",
                "联合本地书店推出“你选书，我买单”线上版。",
                "与市博物馆联合举办线上展览。",
            ],
        },
    ),
    Entry(
        Feature.SOCIAL_PARTICIPATION,
        "feature",
        Feature.SOCIAL_PARTICIPATION.label,
        _("Members of the public take an active part beyond using a service."),
        _("Volunteering, contributing works or items, donating, co-creating, leading reading groups."),
        {
            "en": [
                "Send us your poems about this spring; we will publish them online.",
                "Volunteers wanted to read stories aloud for our video series.",
                "Readers lead this month's online book club.",
            ],
            "zh": [
                "面向社会征集抗疫主题书画、摄影作品。",
                "招募志愿者参与线上读书会领读。",
                "市民捐赠图书支援隔离点阅读角。",
            ],
        },
    ),
    Entry(
        Feature.TARGETED_GROUPS,
        "feature",
        Feature.TARGETED_GROUPS.label,
        _("The service is explicitly aimed at a named group."),
        _(
            "Children, students, elderly, disabled, deaf, medical staff, patients, quarantined people, families. "
            "Services for everyone do not count, even if a group may use them."
        ),
        {
            "en": [
                "Online homework help for students in grades 1–8.",
                "Large-print books delivered to seniors at home.",
                "Free e-resources for hospital staff on the front line.",
            ],
            "zh": [
                "为中小学生推出“停课不停学”线上学习资源。",
                "为视障读者提供有声读物。",
                "为一线医护人员开通免费数字阅读服务。",
            ],
        },
    ),
)

COMPETENCIES = (
    Entry(
        Competency.RESOURCE_ORGANISATION,
        "competency",
        Competency.RESOURCE_ORGANISATION.label,
        _("Organising resources: collections and reading lists built from sources."),
        _(
            "Derived: coded resource construction; or a reading list curated in Lantern (online reading "
            "promotion that is curation of resources)."
        ),
        {
            "en": ["A special collection of pandemic letters.", "A curated list of free e-books with QR codes."],
            "zh": ["建设抗疫专题数据库。", "精选电子书书单，扫码即读。"],
        },
    ),
    Entry(
        Competency.INFORMATION_SERVICE,
        "competency",
        Competency.INFORMATION_SERVICE.label,
        _("Serving information needs: information service and reading promotion tailored to readers' needs."),
        _(
            "Derived: coded information service; or reading promotion (online or offline) with the feature "
            "targeted groups."
        ),
        {
            "en": ["Ask-a-librarian by chat.", "Reading lists for parents of children at home."],
            "zh": ["在线参考咨询。", "为居家儿童家长推荐亲子阅读书目。"],
        },
    ),
    Entry(
        Competency.INFORMATION_TECHNOLOGY,
        "competency",
        Competency.INFORMATION_TECHNOLOGY.label,
        _("Using information technology: services that needed a platform to be built or run."),
        _(
            "Derived: coded online reading promotion (it runs on a digital platform); or an activity run on "
            "a Lantern platform: online ordering with delivery or pickup, purchases, timed-entry booking."
        ),
        {
            "en": ["An online ordering system for curbside pickup.", "A livestreamed lecture series."],
            "zh": ["上线图书网借平台。", "直播在线讲座。"],
        },
    ),
    Entry(
        Competency.RESEARCH,
        "competency",
        Competency.RESEARCH.label,
        _("Research: research reports, decision-support briefs and studies."),
        _(
            "Derived only from the kind of activity (decision-support briefs and studies published in "
            "Lantern). No code says research, so an announcement from outside never shows it."
        ),
        {
            "en": ["A decision-support brief for the city government."],
            "zh": ["编制疫情防控决策参考信息专报。"],
        },
    ),
)

CODED = CATEGORIES + FEATURES  # the nine codes a coder gives
ALL = CODED + COMPETENCIES
BY_CODE = {entry.code: entry for entry in ALL}


def entry(code: str) -> Entry:
    return BY_CODE[code]
