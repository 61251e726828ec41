"""The secretariat's reporting-round page: the usual notice, where the open round stands,
and the rounds to come, each of whose due dates they may move."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hcag.editing import save_unless_changed_meanwhile
from hcag.http import posted
from partners.models import Person
from partners.selectors import get_partnership_for_user
from reporting import services
from reporting.forms import DueDateForm, NotificationSettingsForm, WorkingDaysForm
from reporting.models import OPTIONAL_NOTIFICATIONS
from reporting.notifications import read_unsubscribe_token
from reporting.selectors import (
    notification_settings_of,
    open_rounds,
    round_actions,
    round_standing,
    rounds_to_come,
)
from workstreams.models import Action

NOTIFICATIONS_SAVED = "Your e-mail settings are saved."


def _get_partnership_to_manage(user, slug):
    """Outsiders get 404; members other than the secretariat, 403."""
    partnership = get_partnership_for_user(user, slug)
    if not user.has_perm("reporting.manage_rounds", partnership):
        raise PermissionDenied
    return partnership


@require_http_methods(["GET", "POST"])
def round_page(request, slug):
    partnership = _get_partnership_to_manage(request.user, slug)
    form = WorkingDaysForm(posted(request), instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.partnership_update_due_set(
            partnership=partnership, working_days=form.cleaned_data["update_due_working_days"]
        )
        messages.success(
            request,
            f"Updates are now due {partnership.update_due_working_days} working days "
            "before each meeting, unless a round's date was moved.",
        )
        return redirect("reporting:round", slug=partnership.slug)
    today = timezone.localdate()
    rounds = open_rounds([partnership.pk], today=today)
    standing = None
    if rounds:
        items = round_actions(
            Action.objects.filter(workstream__plan__partnership=partnership), rounds
        )
        standing = round_standing(items, rounds[partnership.pk], [], today=today)
    return render(
        request,
        "reporting/round.html",
        {
            "partnership": partnership,
            "form": form,
            "standing": standing,
            "rounds": rounds_to_come(partnership, today=today),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def due_date_move(request, slug, pk):
    partnership = _get_partnership_to_manage(request.user, slug)
    today = timezone.localdate()
    found = [r for r in rounds_to_come(partnership, today=today) if r.meeting.pk == pk]
    if not found:
        raise Http404
    meeting_round = found[0]
    meeting = meeting_round.meeting
    form = DueDateForm(posted(request), meeting=meeting)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {"updates_due_on": data["updates_due_on"]}
        try:
            refusal = save_unless_changed_meanwhile(
                lambda: services.meeting_updates_due_move(
                    meeting=meeting, expected_version=data["version"], due_on=data["updates_due_on"]
                ),
                started_at=data["version"],
                edited=edited,
                form_over=lambda current, initial: DueDateForm(meeting=current, initial=initial),
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            if refusal is None:
                moved = data["updates_due_on"]
                messages.success(
                    request,
                    f"Updates for the meeting on {date_format(meeting.date)} are now due "
                    + (f"on {date_format(moved)}." if moved else "on the usual date."),
                )
                return redirect("reporting:round", slug=partnership.slug)
            form = refusal.form
    return render(
        request,
        "reporting/due_date_form.html",
        {
            "partnership": partnership,
            "meeting_round": meeting_round,
            "form": form,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        posted(request), instance=notification_settings_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            person=request.user,
            **{kind: form.cleaned_data[kind] for kind in OPTIONAL_NOTIFICATIONS},
        )
        messages.success(request, NOTIFICATIONS_SAVED)
        return redirect("accounts:account")
    return render(
        request,
        "reporting/notification_settings.html",
        {"form": form, "back_url": reverse("accounts:account")},
    )


@login_not_required
@csrf_exempt  # RFC 8058: a mail program posts it, signed in nowhere; the token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """A link in an optional kind of e-mail: GET asks first, POST stops that kind."""
    found = read_unsubscribe_token(token)
    person = found and Person.objects.filter(pk=found[0], is_active=True).first()
    if not person:
        raise Http404
    kind = found[1]
    if request.method == "POST":
        services.notification_unsubscribe(person=person, kind=kind)
    return render(
        request,
        "reporting/unsubscribe.html",
        {"kind": kind, "done": request.method == "POST"},
    )
