"""Forms of ask a librarian: the reader's question, reply and rating; the staff's answer, note, transfer,
canned answer, knowledge-base entry, and the queue's filter. The services check again what matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.forms import NoColonMixin
from lantern.core.models import Library

from .services.ask import BODY_MAX, COMMENT_MAX, SUBJECT_MAX

TEXT = forms.Textarea(attrs={"rows": 6})


class AskForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email"), help_text=_("The answer and the link to follow your question are sent here.")
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Your question"),
        max_length=BODY_MAX,
        widget=TEXT,
        help_text=_("Do not include personal details the librarian does not need."),
    )
    joint = forms.BooleanField(
        label=_("Let any library of our network answer (a faster answer)"), required=False, initial=True
    )

    def __init__(self, *args, library: Library, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["name"], self.fields["email"]
        if not library.network_id:
            del self.fields["joint"]


class ReplyForm(NoColonMixin, forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=BODY_MAX, widget=TEXT)


class RateForm(NoColonMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was the answer? (5 is best)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=COMMENT_MAX, required=False)


class AnswerForm(NoColonMixin, forms.Form):
    body = forms.CharField(
        label=_("Answer to the reader"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text, or simple HTML (paragraphs, lists, links). The reader gets it by email too."),
    )


class NoteForm(NoColonMixin, forms.Form):
    body = forms.CharField(label=_("Internal note (staff only)"), max_length=BODY_MAX, widget=TEXT)


class TransferForm(NoColonMixin, forms.Form):
    to = forms.ModelChoiceField(label=_("Pass to"), queryset=Library.objects.none())
    note = forms.CharField(label=_("Note for their staff"), max_length=BODY_MAX, widget=TEXT)

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = libraries


class CannedForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Answer"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10}))


class PublishForm(NoColonMixin, forms.Form):
    question = forms.CharField(
        label=_("Question, as published"),
        max_length=BODY_MAX,
        widget=TEXT,
        help_text=_("Names, emails and phone numbers were masked; check for anything else that identifies the reader."),
    )
    answer = forms.CharField(
        label=_("Answer, as published"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )


class QueueFilterForm(forms.Form):
    SHOWS = [
        ("open", _("Open")),
        ("new", _("New")),
        ("mine", _("Mine")),
        ("overdue", _("Overdue")),
        ("answered", _("Answered")),
        ("closed", _("Closed")),
    ]
    show = forms.ChoiceField(choices=SHOWS, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the answers"), max_length=100, required=False)
