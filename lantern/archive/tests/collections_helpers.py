"""What the collections and public-page tests share: items in every state that must stay out of public view,
and a small published archive (a collection with a photo, a letter in Traditional Chinese, a poem as text)."""

from django.utils import timezone

from lantern.archive.models import Item

from .helpers import accepted_item, collection, photo, submitted_item, text

CONTACT_EMAIL = "secret-contact@example.org"
CONTACT_PHONE = "13812345678"

# How an item can be kept from the public: each makes an otherwise public item private.
NOT_PUBLIC = ["preserve_only", "hidden", "submitted", "asked", "first_approval", "declined", "withdrawn"]


def item_in_state(library, state: str, shelf=None, **overrides) -> Item:
    """An item with a picture, in `shelf` (a collection), made private in the way `state` names."""
    overrides.setdefault("title", f"不应公开的条目 {state}")
    if state == "preserve_only":
        return accepted_item(library, shelf, licence="preserve_only", **overrides)
    if state == "hidden":
        item = accepted_item(library, shelf, **overrides)
        item.hidden_at = timezone.now()
        item.save()
        return item
    item = submitted_item(library, **overrides)
    if shelf is not None:
        item.collections.add(shelf)
    if state == "submitted":
        return item
    item.status = {
        "asked": Item.Status.ASKED,
        "first_approval": Item.Status.FIRST_APPROVAL,
        "declined": Item.Status.DECLINED,
        "withdrawn": Item.Status.WITHDRAWN,
    }[state]
    if state == "withdrawn":
        item.accepted_at = timezone.now()
        item.withdrawn_at = timezone.now()
    if state == "declined":
        item.decline_reason = "Not about the epidemic."
    item.save()
    return item


def small_archive(library):
    """A published collection with three public items (a photo, a letter, a poem) and a draft collection."""
    city = collection(library)
    draft = collection(library, "draft-shelf", published=False, title_zh_hans="草稿收藏", title_en="Draft shelf")
    volunteer = accepted_item(
        library,
        city,
        files=[photo(gps=True)],
        contact_email=CONTACT_EMAIL,
        contact_phone=CONTACT_PHONE,
    )
    letter = accepted_item(
        library,
        city,
        files=[],
        kind="letter",
        title="給醫護人員的一封信",
        description="親愛的醫生：\n謝謝你們。\n\n紅樓裡的燈一直亮著。",
        date="2020-03-08",
        place="武汉市武昌区",
        creator="李华",
        contributor_name="李华的妈妈",
        show_name=False,
        contact_email=CONTACT_EMAIL,
    )
    poem = accepted_item(
        library,
        city,
        files=[text("poem.txt", "春天会来\n樱花会开")],
        kind="poem_story",
        title="春天会来",
        description="一首写给武汉的小诗。",
        date="2021",
        place="武汉市江岸区",
        creator="张小雨",
        contributor_name="张小雨",
        show_name=True,
    )
    # Public (accepted, published by its licence) although its only collection is a draft.
    draft_only = accepted_item(
        library, draft, files=[], kind="diary", title="草稿里的日记", description="日记。", date="2022", place="黄石市"
    )
    return {"city": city, "draft": draft, "photo": volunteer, "letter": letter, "poem": poem, "draft_only": draft_only}
