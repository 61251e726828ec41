"""The pages on which a member creates and revokes their personal API tokens, linked
from "Your account"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from api import services
from api.forms import ApiTokenForm
from hcag.http import posted
from hcag.reauthentication import require_recent_authentication

TOKEN_REVOKED = "Your token “{name}” has been revoked: it no longer works."  # noqa: S105


@require_GET
def token_list(request):
    tokens = request.user.api_tokens.all()
    return render(request, "api/token_list.html", {"tokens": tokens})


@require_http_methods(["GET", "POST"])
def token_create(request):
    """A token stands for its owner wherever it is pasted, so making one needs the
    password (or a code) again, as other sensitive changes do. Its key is shown on the
    answer to the form, once, and never again."""
    require_recent_authentication(request)
    form = ApiTokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        token, key = services.api_token_create(person=request.user, **form.cleaned_data)
        return render(request, "api/token_created.html", {"token": token, "key": key})
    return render(request, "api/token_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens.filter(revoked_at__isnull=True), pk=pk)
    if request.method == "POST":
        services.api_token_revoke(token=token)
        messages.success(request, TOKEN_REVOKED.format(name=token.name))
        return redirect("api:token-list")
    return render(request, "api/token_revoke.html", {"token": token})
