"""What `infoservice` holds on a reader, for their data download: the questions they asked (with the
conversation they can see: never internal notes) and the messages they sent in doubting a rumour."""

from .models import Doubt, Message, Question


def export_information_data(user) -> dict:
    questions = Question.objects.filter(reader=user).select_related("library").prefetch_related("messages")
    return {
        "questions": [
            {
                "reference": question.reference,
                "library": question.library.slug,
                "asked_at": question.created_at.isoformat(),
                "subject": question.subject,
                "question": question.body,
                "status": question.status,
                "rating": question.rating,
                "conversation": [
                    {"kind": message.kind, "at": message.created_at.isoformat(), "text": message.body}
                    for message in question.messages.all()
                    if message.kind in (Message.Kind.READER, Message.Kind.ANSWER)
                ],
            }
            for question in questions
        ],
        "doubted_messages": [
            {
                "reference": doubt.reference,
                "library": doubt.library.slug,
                "sent_at": doubt.created_at.isoformat(),
                "text": doubt.text,
                "link": doubt.link,
                "status": doubt.status,
            }
            for doubt in Doubt.objects.filter(reader=user).select_related("library")
        ],
    }
