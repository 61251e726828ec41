"""The service administrators' pages: every partnership, and setting up a new one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hcag.http import posted
from hcag.mail import UNDELIVERED_DAYS, undelivered_for
from hcag.reauthentication import require_recent_authentication
from partners import services
from partners.forms import PartnershipCreateForm
from partners.selectors import get_partnership_for_user, partnerships_with_staffing
from partners.views.access import require_service_administrator
from partners.views.invitations import say_whether_sent


@require_GET
def partnership_list(request):
    require_service_administrator(request.user)
    return render(
        request, "partners/partnership_list.html", {"partnerships": partnerships_with_staffing()}
    )


@require_http_methods(["GET", "POST"])
def partnership_create(request):
    require_service_administrator(request.user)
    require_recent_authentication(request)
    form = PartnershipCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            partnership, invitation = services.partnership_create(
                **form.cleaned_data, created_by=request.user
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(request, f"{partnership.name} has been created.")
            say_whether_sent(request, invitation)
            return redirect("partners:members", slug=partnership.slug)
    return render(request, "partners/partnership_create.html", {"form": form})


@require_GET
def undelivered_mail(request, slug):
    """The partnership's e-mail the mail server has not taken: for its secretariat."""
    partnership = get_partnership_for_user(request.user, slug)
    if not request.user.has_perm("partners.see_undelivered_mail", partnership):
        raise PermissionDenied
    return render(
        request,
        "partners/undelivered_mail.html",
        {
            "partnership": partnership,
            "undelivered": undelivered_for(partnership.pk),
            "days": UNDELIVERED_DAYS,
        },
    )
