"""What the archive holds on a reader, for their data download: the contributions they made while signed in,
with what they told the library about themselves and their conversation with the reviewers."""

from .models import Item


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_contributions(user) -> dict:
    items = (
        Item.objects.filter(contributor=user)
        .select_related("library")
        .prefetch_related("messages", "files")
        .order_by("submitted_at", "pk")
    )
    return {
        "contributions": [
            {
                "reference": item.reference,
                "library": item.library.slug,
                "title": item.title,
                "kind": item.kind,
                "status": item.status,
                "submitted_at": _iso(item.submitted_at),
                "licence": item.licence,
                "contributor_name": item.contributor_name,
                "show_name": item.show_name,
                "contact_email": item.contact_email,
                "contact_phone": item.contact_phone,
                "is_minor": item.is_minor,
                "guardian_name": item.guardian_name,
                "files": [file.original_name for file in item.files.all()],
                "conversation": [
                    {
                        "from": "you" if message.from_contributor else "library",
                        "at": _iso(message.created_at),
                        "text": message.text,
                    }
                    for message in item.messages.all()
                ],
                "decline_reason": item.decline_reason if item.status == Item.Status.DECLINED else "",
            }
            for item in items
        ]
    }
