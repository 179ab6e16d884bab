"""Views of the archive: moderation. The staff queue, the review page (what the contributor sent, their
contact and consent, the files, the conversation and the history) with its forms — describe, ask, accept,
decline, withdraw and restore —, and the library's archive settings. Staff of the library only; files
(downloads, blurring, hiding, captions) are in views/moderate_files.py, takedown requests in views/takedown.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import can_manage, get_library_for_staff

from ..forms_moderate import (
    AcceptForm,
    AskForm,
    CaptionForm,
    DeclineForm,
    DescribeForm,
    QueueFilterForm,
    SettingsForm,
    WithdrawForm,
)
from ..models import Item, ItemFile
from ..services import moderation as services
from ..services.takedown import open_takedowns

PAGE_SIZE = 25
Status = Item.Status


# --- fetching what a request names ---------------------------------------------------------------
def get_item_for_staff(request, slug: str, reference: str) -> Item:
    """The item `reference` of the library `slug`, for its staff only (403 for others, 404 if not there)."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    item = (
        Item.objects.select_related("library", "contributor", "first_approved_by", "reviewed_by")
        .filter(library=library, reference=reference[:20])
        .first()
    )
    if item is None:
        raise Http404
    return item


def get_file_for_staff(request, slug: str, reference: str, position: int) -> ItemFile:
    item = get_item_for_staff(request, slug, reference)
    item_file = item.files.filter(position=position).first()
    if item_file is None:
        raise Http404
    item_file.item = item
    return item_file


def contribution_link(request, item: Item) -> str:
    """The absolute address of the contributor's status page."""
    return request.build_absolute_uri(reverse("archive:contribution", args=[item.library.slug, item.reference]))


def add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _not_told(request, item: Item, told: bool) -> None:
    if not told:
        messages.warning(
            request,
            _("The contributor gave no email address: phone them on %(phone)s.")
            % {"phone": item.contact_phone or _("(no number given)")},
        )


def back_to_item(item: Item, anchor: str = ""):
    url = reverse("archive:staff_item", args=[item.library.slug, item.reference])
    return redirect(f"{url}#{anchor}" if anchor else url)


# --- the queue -----------------------------------------------------------------------------------
@login_required
def staff_queue(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    filter_form = QueueFilterForm(request.GET)
    status = filter_form.status_value()
    counts = services.status_counts(library)
    page = Paginator(services.staff_items(library, status).prefetch_related("files"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "archive/moderate/queue.html",
        {
            "library": library,
            "page": page,
            "status": status,
            "status_label": Status(status).label if status else "",
            "tabs": [(value, label, counts[value]) for value, label in Status.choices],
            "total": sum(counts.values()),
            "takedowns_open": open_takedowns(library).count(),
            "can_manage": can_manage(request.user, library),
            "bad_filter": bool(request.GET.get("status")) and not filter_form.is_valid(),
        },
    )


# --- the review page -----------------------------------------------------------------------------
def submitted_rows(item: Item) -> list[tuple[str, str]]:
    """What the contributor typed, as they typed it, with readable labels (choices shown by their label)."""
    labels = {
        "kind": _("What it is"),
        "title": _("Title"),
        "description": _("Description"),
        "date": _("Date"),
        "place": _("Place"),
        "creator": _("Creator"),
        "contributor_name": _("Contributor's name"),
        "show_name": _("Their name may be shown"),
        "licence": _("Licence"),
        "is_minor": _("Under 18"),
        "guardian_name": _("Parent or guardian"),
        "guardian_consent": _("A parent or guardian agrees"),
        "source_link": _("Link to the original post"),
        "language": _("Language"),
        "files": _("Files as named on their device"),
    }
    choices = {"kind": dict(Item.Kind.choices), "licence": dict(Item.Licence.choices)}
    submitted = item.submitted or {}
    # In the form's order (PostgreSQL's jsonb keeps keys in its own order), then anything else that was kept.
    keys = [key for key in labels if key in submitted] + [key for key in submitted if key not in labels]
    rows = []
    for key in keys:
        value = submitted[key]
        if isinstance(value, bool):
            shown = _("yes") if value else _("no")
        elif isinstance(value, list):
            shown = ", ".join(str(part) for part in value)
        elif isinstance(value, str):
            shown = str(choices.get(key, {}).get(value, value))
        else:
            shown = "" if value is None else str(value)
        rows.append((labels.get(key, key), shown))
    return rows


def review_page(request, item: Item, *, status: int = 200, error: str = "", **forms):
    library = item.library
    files = list(item.files.order_by("position", "pk"))
    captions = forms.pop("captions", {})
    for item_file in files:
        item_file.caption_form = captions.get(item_file.pk) or CaptionForm(
            initial={"caption": item_file.caption}, prefix=f"file{item_file.position}"
        )
        item_file.caption_form.fields["caption"].label = _("Caption of file %(n)d") % {"n": item_file.position + 1}
    can_decide = item.status in (Status.SUBMITTED, Status.FIRST_APPROVAL)
    context = {
        "library": library,
        "item": item,
        "error": error,
        "files": files,
        "submitted": submitted_rows(item),
        "thread": item.messages.select_related("author").order_by("created_at", "pk"),
        "history": services.history_of(item),
        "takedowns": item.takedowns.order_by("-created_at", "-pk"),
        "second_review": services.settings_of(library).second_review,
        "can_ask": can_decide,
        "can_accept": can_decide,
        "can_decline": item.status in (Status.SUBMITTED, Status.ASKED, Status.FIRST_APPROVAL),
        "describe_form": forms.get("describe_form") or DescribeForm(initial=DescribeForm.initial_for(item)),
        "ask_form": forms.get("ask_form") or AskForm(),
        "accept_form": forms.get("accept_form")
        or AcceptForm(library=library, initial={"collections": list(item.collections.all())}),
        "decline_form": forms.get("decline_form") or DeclineForm(),
    }
    return render(request, "archive/moderate/item.html", context, status=status)


@login_required
def staff_item(request, slug, reference):
    return review_page(request, get_item_for_staff(request, slug, reference))


def _decision(request, item, form_name, form, act):
    """Run a decision `act()` for a valid form; the review page again with the errors otherwise."""
    if not form.is_valid():
        return review_page(request, item, status=400, **{form_name: form})
    try:
        return act()
    except Refused as exc:
        return review_page(request, item, status=exc.status, error=str(exc), **{form_name: form})
    except ValidationError as exc:
        add_errors(form, exc)
        return review_page(request, item, status=400, **{form_name: form})


@login_required
@require_POST
def staff_item_describe(request, slug, reference):
    item = get_item_for_staff(request, slug, reference)
    form = DescribeForm(request.POST)

    def act():
        services.describe_item(item, form.cleaned_data, by=request.user)
        messages.success(request, _("The description is saved."))
        return back_to_item(item, "describe")

    return _decision(request, item, "describe_form", form, act)


@login_required
@require_POST
def staff_item_ask(request, slug, reference):
    item = get_item_for_staff(request, slug, reference)
    form = AskForm(request.POST)

    def act():
        _message, told = services.ask_contributor(
            item, form.cleaned_data["text"], by=request.user, link=contribution_link(request, item)
        )
        messages.success(request, _("Your question is sent. The item waits for the contributor's answer."))
        _not_told(request, item, told)
        return back_to_item(item, "thread")

    return _decision(request, item, "ask_form", form, act)


@login_required
@require_POST
def staff_item_accept(request, slug, reference):
    item = get_item_for_staff(request, slug, reference)
    form = AcceptForm(request.POST, library=item.library)

    def act():
        collections = form.cleaned_data["collections"]
        accepted, told = services.accept_item(item, collections, by=request.user, link=contribution_link(request, item))
        names = ", ".join(collection.title for collection in collections)
        if accepted.status == Status.FIRST_APPROVAL:
            messages.success(
                request,
                _("First approval given (into %(collections)s). A different member of staff must approve it too.")
                % {"collections": names},
            )
            return back_to_item(item)
        if accepted.licence == Item.Licence.PRESERVE_ONLY:
            outcome = _("Its licence is “preserve only”: the library keeps it and does not publish it.")
        else:
            outcome = _("It is now public.")
        messages.success(request, _("Accepted into %(collections)s.") % {"collections": names} + " " + outcome)
        _not_told(request, item, told)
        return back_to_item(item)

    return _decision(request, item, "accept_form", form, act)


@login_required
@require_POST
def staff_item_decline(request, slug, reference):
    item = get_item_for_staff(request, slug, reference)
    form = DeclineForm(request.POST)

    def act():
        _item, told = services.decline_item(
            item, form.cleaned_data["reason"], by=request.user, link=contribution_link(request, item)
        )
        messages.success(request, _("The item is declined; the reason is sent to the contributor."))
        _not_told(request, item, told)
        return back_to_item(item)

    return _decision(request, item, "decline_form", form, act)


@login_required
def staff_item_withdraw(request, slug, reference):
    """A confirmation page first: withdrawing takes the item off every public page and out of OAI-PMH."""
    item = get_item_for_staff(request, slug, reference)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    status, error = 200, ""
    if item.status != Status.ACCEPTED:
        error, status = _("Only an accepted item can be withdrawn."), 409
    elif request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                _item, told = services.withdraw_item(
                    item,
                    data["reason"],
                    by=request.user,
                    tell_contributor=data["tell_contributor"],
                    link=contribution_link(request, item),
                )
            except Refused as exc:
                error, status = str(exc), exc.status
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("The item is withdrawn: it is no longer shown in public."))
                if data["tell_contributor"]:
                    _not_told(request, item, told)
                return back_to_item(item)
        else:
            status = 400
    return render(
        request,
        "archive/moderate/withdraw.html",
        {"library": item.library, "item": item, "form": form, "error": error},
        status=status,
    )


@login_required
def staff_item_restore(request, slug, reference):
    """Undo a mistaken withdrawal, after a confirmation."""
    item = get_item_for_staff(request, slug, reference)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.restore_item(item, by=request.user)
        except Refused as exc:
            error, status = str(exc), exc.status
        else:
            messages.success(request, _("The item is restored: it is accepted again."))
            return back_to_item(item)
    elif item.status != Status.WITHDRAWN:
        error, status = _("Only a withdrawn item can be restored."), 409
    return render(
        request,
        "archive/moderate/restore.html",
        {"library": item.library, "item": item, "error": error},
        status=status,
    )


# --- settings ------------------------------------------------------------------------------------
@login_required
def staff_settings(request, slug):
    library = get_library_for_staff(request.user, slug, manage=True)
    request.library = library
    current = services.settings_of(library)
    initial = {"accepts_contributions": current.accepts_contributions, "second_review": current.second_review}
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_settings(library, **form.cleaned_data, by=request.user)
        messages.success(request, _("The archive settings are saved."))
        return redirect("archive:staff_settings", library.slug)
    return render(request, "archive/moderate/settings.html", {"library": library, "form": form})
