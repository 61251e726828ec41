"""Meetings: the schedule, a meeting's agenda, papers, attendance, decisions, action log
and minutes, and calendars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.editing import save_unless_changed_meanwhile
from hcag.http import content_type_for, posted, posted_files
from hcag.reauthentication import require_recent_authentication
from meetings import emails, services
from meetings.calendar import meetings_calendar
from meetings.forms import (
    AgendaItemForm,
    AgendaItemRemoveForm,
    AttendanceForm,
    DecisionForm,
    MeetingActionForm,
    MeetingForm,
    MinutesApprovalForm,
    PaperForm,
    ScheduleFormSet,
)
from meetings.models import AgendaItem, Meeting, MeetingAction, Paper
from meetings.selectors import (
    agenda_item_removal,
    attendance_changes,
    attendance_history,
    attendance_sheet,
    meeting_agenda,
    meeting_papers,
    meeting_schedule,
    meetings_visible_to,
    membership_of,
    minutes_attendance,
    next_years_meetings,
    with_last_change,
)
from meetings.views.access import (
    get_meeting_for_user,
    may_run,
    require_to_change_record,
    require_to_run,
)
from partners.models import Membership
from partners.selectors import get_partnership_for_user

DEFAULT_TIMES = {"start_time": "10:00", "end_time": "12:00"}
PAST_MEETINGS_PER_PAGE = 20
MEETING_SAVED = "The meeting has been saved."
PAPERS_PUBLISHED = "The papers are published."
MINUTES_APPROVED = "The minutes are approved."
ATTENDANCE_RECORDED = "Attendance has been recorded."
ATTENDANCE_UNCHANGED = "Nothing has changed: the attendance you saved was already recorded."


# The schedule -----------------------------------------------------------------------


@require_GET
def schedule(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    today = timezone.localdate()
    membership = membership_of(request.user, partnership)
    schedule = meeting_schedule(partnership, today)
    return render(
        request,
        "meetings/schedule.html",
        {
            "partnership": partnership,
            "upcoming": schedule.upcoming,
            "past_page": Paginator(schedule.past, PAST_MEETINGS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "may_run": may_run(request.user, partnership),
            "calendar_url": request.build_absolute_uri(
                reverse("meetings:calendar-feed", args=[membership.calendar_token])
            )
            if membership
            else None,
            "attendance": attendance_history(partnership, today),
        },
    )


@require_http_methods(["GET", "POST"])
def schedule_year(request, slug):
    """The next year's regular meetings, proposed from the terms of reference and editable
    before they are all created at once."""
    partnership = get_partnership_for_user(request.user, slug)
    require_to_run(request.user, partnership)
    proposal = next_years_meetings(partnership, timezone.localdate())
    if request.method == "POST":
        formset = ScheduleFormSet(request.POST)
        if formset.is_valid():
            try:
                created = services.meetings_schedule(
                    partnership=partnership, meetings=formset.meetings()
                )
            except services.DatesTaken as taken:
                for form in formset.forms:
                    if form.cleaned_data.get("date") in taken.dates:
                        form.add_error("date", taken.message)
            else:
                messages.success(
                    request,
                    f"{len(created)} meeting{pluralize(len(created))} scheduled, "
                    "each with an agenda.",
                )
                return redirect("meetings:schedule", slug=partnership.slug)
    else:
        formset = ScheduleFormSet(
            initial=[{"date": day, **DEFAULT_TIMES} for day in proposal.dates]
        )
    return render(
        request,
        "meetings/schedule_year.html",
        {
            "partnership": partnership,
            "formset": formset,
            "per_year": proposal.meetings_per_year,
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    require_to_run(request.user, partnership)
    form = MeetingForm(
        posted(request),
        instance=Meeting(partnership=partnership),
        initial={"kind": Meeting.Kind.QUARTERLY, **DEFAULT_TIMES},
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(partnership=partnership, **form.cleaned_data)
        messages.success(request, f"{meeting} has been added.")
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"partnership": partnership, "form": form})


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    form = MeetingForm(posted(request), instance=meeting)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {name: data[name] for name in Meeting.EDITABLE_FIELDS}
        refusal = save_unless_changed_meanwhile(
            lambda: services.meeting_update(
                meeting=meeting, expected_version=data["version"], **edited
            ),
            started_at=data["version"],
            edited=edited,
            form_over=lambda current, initial: MeetingForm(instance=current, initial=initial),
        )
        if refusal is None:
            messages.success(request, MEETING_SAVED)
            return redirect(meeting)
        form = refusal.form
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "partnership": meeting.partnership,
            "meeting": meeting,
            "form": form,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


# A meeting ---------------------------------------------------------------------------


@require_GET
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    return _render_meeting(request, meeting)


def _render_meeting(request, meeting, **forms):
    may_change_record = request.user.has_perm("meetings.change_meeting_record", meeting)
    context = {
        "meeting": meeting,
        "partnership": meeting.partnership,
        "agenda": meeting_agenda(meeting, timezone.localdate()),
        "may_change_record": may_change_record,
    }
    if may_change_record:
        context |= {
            "item_form": AgendaItemForm(),
            "decision_form": DecisionForm(meeting=meeting),
            "action_form": MeetingActionForm(meeting=meeting),
            **forms,
        }
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
def agenda_item_add(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _render_meeting(request, meeting, item_form=form)
    services.agenda_item_add(meeting=meeting, **form.cleaned_data)
    messages.success(request, f"“{form.cleaned_data['title']}” has been added to the agenda.")
    return redirect(f"{meeting.get_absolute_url()}#agenda")


def _get_item_for_user(user, pk) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.filter(meeting__in=meetings_visible_to(user)).select_related(
            "meeting__partnership"
        ),
        pk=pk,
    )
    require_to_run(user, item.meeting.partnership)
    return item


@require_POST
def agenda_item_move(request, pk):
    item = _get_item_for_user(request.user, pk)
    require_to_change_record(request.user, item.meeting)
    services.agenda_item_move(item=item, up=request.POST.get("direction") == "up")
    messages.success(request, f"“{item.title}” has been moved.")
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@require_http_methods(["GET", "POST"])
def agenda_item_remove(request, pk):
    """Removing an item deletes its papers, which members may already have been sent: a
    page says what will go, and a warning button confirms it."""
    item = _get_item_for_user(request.user, pk)
    require_to_change_record(request.user, item.meeting)
    form = AgendaItemRemoveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_remove(item=item, papers_confirmed=form.cleaned_data["papers"])
        except ValidationError as error:
            form.add_error(None, error)  # asked again below, with the papers it has now
        else:
            messages.success(request, f"“{item.title}” has been removed from the agenda.")
            return redirect(f"{item.meeting.get_absolute_url()}#agenda")
    removal = agenda_item_removal(item)
    return render(
        request,
        "meetings/agenda_item_remove.html",
        {
            "item": item,
            "meeting": item.meeting,
            "removal": removal,
            "papers_shown": len(removal.papers),
            "errors": form.non_field_errors() or form.errors.get("papers"),
        },
    )


@require_http_methods(["GET", "POST"])
def paper_add(request, pk):
    item = _get_item_for_user(request.user, pk)
    require_to_change_record(request.user, item.meeting)
    form = PaperForm(posted(request), posted_files(request), instance=Paper(agenda_item=item))
    if request.method == "POST" and form.is_valid():
        services.paper_add(agenda_item=item, uploaded_by=request.user, **form.cleaned_data)
        messages.success(request, f"“{form.cleaned_data['title']}” has been uploaded.")
        return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")
    return render(request, "meetings/paper_form.html", {"item": item, "form": form})


@require_GET
def paper_download(request, pk):
    """A paper, for members of its partnership only."""
    paper = get_object_or_404(
        Paper.objects.filter(agenda_item__meeting__in=meetings_visible_to(request.user)), pk=pk
    )
    return FileResponse(
        paper.document.open("rb"),
        as_attachment=True,
        filename=paper.document.name.rsplit("/", 1)[-1],
        content_type=content_type_for(paper.document.name),
    )


@require_http_methods(["GET", "POST"])
def papers_publish(request, pk):
    """Publishing the papers e-mails every member, once: a page lists the papers and who
    will be told, and a POST from it publishes them."""
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    require_recent_authentication(request)
    if request.method == "GET":
        if meeting.papers_published_at:
            messages.warning(request, services.PAPERS_ALREADY_PUBLISHED)
            return redirect(meeting)
        return render(
            request,
            "meetings/papers_publish.html",
            {
                "meeting": meeting,
                "papers": meeting_papers(meeting),
                "recipients": emails.recipients(meeting),
            },
        )
    try:
        services.papers_publish(meeting=meeting)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        # The e-mail goes after the commit, and a failure there is logged, not shown:
        # say only what is certain.
        messages.success(request, PAPERS_PUBLISHED)
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    form = AttendanceForm(
        posted(request),
        lines=attendance_sheet(meeting),
        meeting=meeting,
    )
    overtaken = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.attendance_record(
                meeting=meeting, statuses=form.statuses(), shown=form.shown()
            )
        except services.AttendanceChangedMeanwhile as conflict:
            overtaken = conflict
            # Nothing was saved: the form again, over what is recorded now, with the
            # sender's own changes kept; saving it again is a deliberate choice.
            form = AttendanceForm(
                lines=attendance_sheet(meeting), meeting=meeting, initial=form.changed_rows()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, ATTENDANCE_RECORDED)
            else:
                messages.info(request, ATTENDANCE_UNCHANGED)
            return redirect(meeting)
    return render(
        request,
        "meetings/attendance_form.html",
        {
            "meeting": meeting,
            "form": form,
            "overtaken": overtaken.people if overtaken else None,
            "changes_meanwhile": attendance_changes(overtaken.records) if overtaken else None,
        },
        status=409 if overtaken else 200,
    )


@require_POST
def decision_add(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    form = DecisionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _render_meeting(request, meeting, decision_form=form)
    services.decision_add(meeting=meeting, **form.cleaned_data)
    messages.success(request, "The decision has been minuted.")
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@require_POST
def meeting_action_add(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    form = MeetingActionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _render_meeting(request, meeting, action_form=form)
    services.meeting_action_add(meeting=meeting, **form.cleaned_data)
    messages.success(request, "The action has been added to the action log.")
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@require_POST
def meeting_action_status(request, pk):
    action = get_object_or_404(
        MeetingAction.objects.filter(meeting__in=meetings_visible_to(request.user)).select_related(
            "meeting__partnership"
        ),
        pk=pk,
    )
    require_to_run(request.user, action.meeting.partnership)
    status = request.POST.get("status")
    if status not in MeetingAction.Status.values:
        raise Http404("No such status.")
    services.meeting_action_set_status(action=action, status=status)
    messages.success(
        request, f"“{action.description}” is now {action.get_status_display().lower()}."
    )
    back_to = request.POST.get("meeting")
    meeting = meetings_visible_to(request.user).filter(pk=back_to).first() or action.meeting
    return redirect(f"{meeting.get_absolute_url()}#agenda")


# Minutes -----------------------------------------------------------------------------


@require_GET
def minutes(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    may_approve = request.user.has_perm("meetings.change_meeting_record", meeting)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "agenda": meeting_agenda(meeting, timezone.localdate()),
            "attendance": minutes_attendance(meeting),
            "form": MinutesApprovalForm(meeting=meeting) if may_approve else None,
        },
    )


@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk):
    """Approving minutes fixes them and e-mails every member: a page says so, and who
    will be told, and a POST from it records the approval. The meeting that approved
    them is chosen on the minutes page, and asked for again here if it cannot be."""
    meeting = get_meeting_for_user(request.user, pk)
    require_to_change_record(request.user, meeting)
    require_recent_authentication(request)
    form = MinutesApprovalForm(
        request.POST if request.method == "POST" else request.GET, meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_approve(meeting=meeting, at_meeting=form.cleaned_data["at_meeting"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MINUTES_APPROVED)
            return redirect("meetings:minutes", pk=meeting.pk)
    confirming = form.is_valid()
    return render(
        request,
        "meetings/minutes_approve.html",
        {
            "meeting": meeting,
            "form": form,
            "at_meeting": form.cleaned_data["at_meeting"] if confirming else None,
            "recipients": emails.recipients(meeting) if confirming else None,
        },
    )


# Calendars ---------------------------------------------------------------------------


def _calendar_response(meetings, *, name, filename) -> HttpResponse:
    response = HttpResponse(meetings_calendar(meetings, name=name), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request, pk):
    meeting = get_object_or_404(
        with_last_change(meetings_visible_to(request.user)).select_related("partnership"), pk=pk
    )
    return _calendar_response(
        [meeting], name=meeting.partnership.name, filename=f"meeting-{meeting.date}.ics"
    )


@login_not_required
@require_GET
def calendar_feed(request, token):
    """A member's subscription to their partnership's meetings. The address holds a secret
    of their membership, since calendar programs cannot sign in; it stops working when
    the membership ends."""
    membership = get_object_or_404(
        Membership.objects.current().select_related("partnership"), calendar_token=token
    )
    partnership = membership.partnership
    meetings = list(
        with_last_change(partnership.meetings.select_related("partnership")).order_by("date")
    )
    return _calendar_response(meetings, name=partnership.name, filename="meetings.ics")
