"""Pages of `core`: the site index, a library's home page, signing up and in, the reader's account,
and the staff overview of one library."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ApiTokenForm, RegistrationForm, SignInForm
from .models import Library, Network
from .permissions import get_library, get_library_for_staff, staffed_libraries


def index(request):
    networks = Network.objects.prefetch_related(Prefetch("libraries", queryset=Library.objects.serving()))
    unnetworked = Library.objects.serving().filter(network__isnull=True)
    return render(request, "core/index.html", {"networks": networks, "unnetworked": unnetworked})


def library_home(request, slug):
    library = get_library(slug)
    request.library = library
    recent = library.service_records.recent()[:5]
    return render(request, "core/library_home.html", {"library": library, "recent_records": recent})


def register(request):
    initial = {}
    if slug := request.GET.get("library"):
        initial["library"] = Library.objects.filter(slug=slug).first()
        request.library = initial["library"]
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = form.save(language=request.LANGUAGE_CODE)
        except ValidationError as exc:  # lost a race with an identical sign-up
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="lantern.core.auth.EmailOrPhoneBackend")
            messages.success(request, _("Welcome! Your library card is ready."))
            return redirect("account")
    return render(request, "core/register.html", {"form": form}, status=400 if form.errors else 200)


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        messages.success(self.request, _("You are signed in."))
        return super().form_valid(form)


class SignOutView(LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are signed out."))
        return response


def _account_page(request, token_form, status=200):
    user = request.user
    return render(
        request,
        "core/account.html",
        {
            "cards": user.cards.select_related("library"),
            "roles": user.roles.select_related("library", "network", "partner"),
            "staffed": staffed_libraries(user),
            "tokens": user.api_tokens.all(),
            "token_form": token_form,
            "notices": user.notices.select_related("library")[:20],
        },
        status=status,
    )


@login_required
def account(request):
    return _account_page(request, ApiTokenForm())


@login_required
@require_POST
def create_token(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = services.create_api_token(request.user, form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.message_dict.get("name", exc.messages))
        else:
            # Shown once, on the page we redirect to, so a reload cannot create a second token.
            request.session["new_api_key"] = {"token": token.pk, "key": key}
            return redirect("token_created", pk=token.pk)
    return _account_page(request, form, status=400)


@login_required
def token_created(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    shown = request.session.pop("new_api_key", None)
    key = shown["key"] if shown and shown["token"] == token.pk else None
    return render(request, "core/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_api_token(token)
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("account")


@login_required
@require_POST
def read_notices(request):
    services.mark_notices_read(request.user)
    return redirect("account")


@login_required
def export_data(request):
    data = json.dumps(services.export_personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lantern-my-data.json"'
    return response


@login_required
def delete_account(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "delete":
            messages.error(request, _("Tick the box to confirm that you want to delete your account."))
        else:
            try:
                services.delete_account(request.user)
            except ValidationError as refusal:
                for reason in refusal.messages:
                    messages.error(request, reason)
            else:
                messages.success(request, _("Your account and everything held on you have been deleted."))
                return redirect("index")
    return render(request, "core/delete_account.html")


@login_required
def staff_home(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    cards = Paginator(library.cards.select_related("reader").order_by("-issued_at"), 50)
    return render(
        request,
        "core/staff_home.html",
        {
            "library": library,
            "cards": cards.get_page(request.GET.get("page")),
            "mode_changes": library.mode_changes.order_by("-since")[:20],
            "audit_entries": library.audit_entries.select_related("actor")[:20],
        },
    )
