import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.audit import history_page
from hcag.editing import save_unless_changed_meanwhile
from hcag.http import posted
from partners.selectors import (
    current_members,
    get_partnership_for_user,
    organisations_involved_in,
)
from workstreams.forms import (
    ActionEditForm,
    ConfirmStatusesForm,
    OutlineImportForm,
    ProgressUpdateForm,
    StatusReviewForm,
)
from workstreams.importing import plan_create_from_outline, read_outline
from workstreams.models import LATEST_FIRST, Action, ProgressUpdate, StatusReview
from workstreams.selectors import (
    action_changes,
    action_timeline,
    action_with_progress,
    actions_visible_to,
    brought_forward_from,
    last_confirmed_status,
    latest_reviews,
    next_awaiting_review,
    plan_history_entries,
    plan_outline,
    plans_visible_to,
    statuses_to_confirm,
    workstream_history_entries,
    workstream_with_progress,
    workstreams_visible_to,
)
from workstreams.services import (
    action_update,
    progress_update_create,
    status_review_create,
)
from workstreams.services import status_reviews_confirm as status_reviews_confirm_all

TIMELINE_ENTRIES_PER_PAGE = 20
CHANGES_PER_PAGE = 50
UPDATE_ADDED = "Your update has been added."
ACTION_SAVED = "Your changes to the action have been saved."
NEWER_UPDATE_MEANWHILE = (
    "The lead added a newer update while you were reviewing, so nothing was saved. "
    "Review the newer update below."
)
REVIEW_SAVED = {
    StatusReview.Outcome.CONFIRMED: "You confirmed the status of action {reference}.",
    StatusReview.Outcome.CHALLENGED: "You challenged the status of action {reference}.",
    StatusReview.Outcome.REVISED: "You gave action {reference} a different status.",
}
NONE_LEFT_TO_REVIEW = "No other status is awaiting your review."
STATUSES_CONFIRMED = "You confirmed {count} status{s}."


def _get_action_for_user(user, pk) -> Action:
    """The action, if the user's partnerships include it; 404 otherwise."""
    return get_object_or_404(
        actions_visible_to(user)
        .select_related("workstream__plan__partnership", "parent", "owner_organisation")
        .prefetch_related("workstream__lead_organisations"),
        pk=pk,
    )


def _require_perm(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied


@require_GET
def plan_detail(request, slug):
    plan = get_object_or_404(
        plans_visible_to(request.user).select_related("partnership", "predecessor", "successor"),
        slug=slug,
    )
    return render(
        request,
        "workstreams/plan_detail.html",
        {
            "plan": plan,
            "outline": plan_outline(plan),
            "may_author": request.user.has_perm("workstreams.author_plan", plan.partnership),
        },
    )


@require_GET
def workstream_detail(request, pk):
    workstream = get_object_or_404(
        workstreams_visible_to(request.user)
        .select_related("plan__partnership")
        .prefetch_related("lead_organisations", "objectives"),
        pk=pk,
    )
    return render(
        request,
        "workstreams/workstream_detail.html",
        {"workstream": workstream_with_progress(workstream)},
    )


@require_GET
def plan_history(request, slug):
    plan = get_object_or_404(
        plans_visible_to(request.user).select_related("partnership"), slug=slug
    )
    return render(
        request,
        "workstreams/history.html",
        {
            "subject": plan,
            "subject_name": "the plan",
            "scope_note": "Its details, priorities, objectives and workstreams are listed "
            "here; each workstream's page lists the changes to its actions.",
            "plan": plan,
            "page": history_page(plan_history_entries(plan), request.GET.get("page")),
        },
    )


@require_GET
def workstream_history(request, pk):
    workstream = get_object_or_404(
        workstreams_visible_to(request.user).select_related("plan__partnership"), pk=pk
    )
    entries = workstream_history_entries(workstream)
    return render(
        request,
        "workstreams/history.html",
        {
            "subject": workstream,
            "subject_name": f"workstream {workstream.letter}",
            "scope_note": "Changes to its actions, and their progress updates, are listed too.",
            "plan": workstream.plan,
            "workstream": workstream,
            "page": history_page(entries, request.GET.get("page")),
        },
    )


def _timeline_page(request, timeline):
    return Paginator(timeline, TIMELINE_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))


def _action_page_context(request, action, update_form=None) -> dict:
    """The action with its progress and timeline, and the update form: `update_form` as
    posted, or for someone who may add one, a new one starting from where it stands."""
    timeline = action_timeline(action)
    action = action_with_progress(action, timeline)
    if update_form is None and request.user.has_perm("workstreams.add_progressupdate", action):
        update_form = ProgressUpdateForm(initial=_where_it_stands(action, timeline))
    return {
        "action": action,
        "timeline_page": _timeline_page(request, timeline),
        "update_form": update_form,
        "plan": action.workstream.plan,
        "brought_forward": brought_forward_from(action),
    }


def _where_it_stands(action, timeline) -> dict:
    """A new update's starting values: the action's current status (the one that stands)
    and percentage, and its latest update's confidence."""
    if not timeline:
        return {}
    return {
        "status": action.progress.status,
        "percent_complete": action.progress.percent,
        "confidence": timeline[0].update.confidence,
    }


@require_GET
def action_detail(request, pk):
    action = _get_action_for_user(request.user, pk)
    return render(request, "workstreams/action_detail.html", _action_page_context(request, action))


@require_POST
def progress_update_add(request, pk):
    """Add an update from the action page: without JavaScript, a normal form post; with
    htmx, the page's progress section (timeline and form) is swapped in place."""
    action = _get_action_for_user(request.user, pk)
    _require_perm(request.user, "workstreams.add_progressupdate", action)
    form = ProgressUpdateForm(
        request.POST, instance=ProgressUpdate(action=action, author=request.user)
    )
    added = form.is_valid() and _add_update(request, action, form)
    if added and not request.htmx:
        messages.success(request, UPDATE_ADDED)
        return redirect(action)
    context = _action_page_context(request, action, None if added else form)
    if not request.htmx:
        return render(request, "workstreams/action_detail.html", context)
    return render(
        request,
        "workstreams/partials/progress_swap.html",
        {**context, "added_message": UPDATE_ADDED if added else None},
    )


def _add_update(request, action, form: ProgressUpdateForm) -> bool:
    """Add the form's update. If the service refuses it (a form that added an update to
    another action), the form says why, under a new submission id, so that sending it
    again adds the update once."""
    try:
        progress_update_create(action=action, author=request.user, **form.cleaned_data)
    except ValidationError as refused:
        form.data = form.data.copy()
        form.data["submission"] = str(uuid.uuid4())
        form.add_error(None, refused)
        return False
    return True


def owner_choices(partnership) -> dict:
    """Who may own an action: the organisations involved, and the current members."""
    return {
        "owner_choices": organisations_involved_in(partnership),
        "person_choices": current_members(partnership).order_by("first_name", "last_name"),
    }


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _get_action_for_user(request.user, pk)
    _require_perm(request.user, "workstreams.change_action", action)
    choices = owner_choices(action.workstream.plan.partnership)
    form = ActionEditForm(posted(request), instance=action, **choices)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {name: data[name] for name in Action.EDITABLE_FIELDS}
        refusal = save_unless_changed_meanwhile(
            lambda: action_update(action=action, expected_version=data["version"], **edited),
            started_at=data["version"],
            edited=edited,
            form_over=lambda current, initial: ActionEditForm(
                instance=current, initial=initial, **choices
            ),
        )
        if refusal is None:
            messages.success(request, ACTION_SAVED)
            return redirect(action)
        form = refusal.form
    return render(
        request,
        "workstreams/action_edit.html",
        {"action": action, "form": form, **(refusal.context() if refusal else {})},
        status=refusal.status if refusal else 200,
    )


@require_GET
def action_history(request, pk):
    """What happened to the action, newest first, in plain words: its edits, its progress
    updates and their reviews, and its sub-items'."""
    action = _get_action_for_user(request.user, pk)
    changes = action_changes(action)
    return render(
        request,
        "workstreams/action_history.html",
        {
            "action": action,
            "plan": action.workstream.plan,
            "workstream": action.workstream,
            "page": Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page")),
        },
    )


@require_http_methods(["GET", "POST"])
def status_review(request, pk):
    """The chair or secretariat confirms, challenges or revises the lead's latest reported
    status, then goes on to the next status awaiting their review."""
    action = _get_action_for_user(request.user, pk)
    latest = action.updates.select_related("author__organisation").order_by(*LATEST_FIRST).first()
    if latest is None:
        raise Http404("No status has been reported for this action yet.")
    latest.action = action  # loaded already, for the permission predicates
    _require_perm(request.user, "workstreams.add_statusreview", latest)
    back_to = _safe_next(request, default=action.get_absolute_url())
    form = StatusReviewForm(
        posted(request), instance=StatusReview(update=latest, reviewer=request.user)
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["reviewed_update"] != latest.pk:
            form = StatusReviewForm(instance=StatusReview(update=latest, reviewer=request.user))
            messages.warning(request, NEWER_UPDATE_MEANWHILE)
        else:
            data = form.cleaned_data
            status_review_create(
                update=latest,
                reviewer=request.user,
                outcome=data["outcome"],
                status=data["status"],
                comment=data["comment"],
            )
            messages.success(
                request, REVIEW_SAVED[data["outcome"]].format(reference=action.reference)
            )
            return redirect(_after_review(request, action, back_to))
    return render(
        request,
        "workstreams/status_review.html",
        {
            "action": action,
            "update": latest,
            "current_review": latest_reviews([latest.pk]).get(latest.pk),
            "last_confirmed": last_confirmed_status(action, before=latest),
            "form": form,
            "back_to": back_to,
        },
    )


def _after_review(request, action, back_to: str) -> str:
    """The next status awaiting this reviewer, keeping where they came from; or, with none
    left, back there."""
    following = next_awaiting_review(action, request.user)
    if following is None:
        messages.info(request, NONE_LEFT_TO_REVIEW)
        return back_to
    url = reverse("workstreams:status-review", args=[following.pk])
    return f"{url}?{urlencode({'next': back_to})}"


@require_POST
def status_reviews_confirm(request, slug):
    """Confirm the statuses a list page showed, at once: first a page listing them (and
    any that can no longer be confirmed), then, from there, the confirmation."""
    plan = get_object_or_404(
        plans_visible_to(request.user).select_related("partnership"), slug=slug
    )
    _require_perm(request.user, "partners.review_statuses", plan.partnership)
    back_to = _safe_next(request, default=plan.get_absolute_url())
    form = ConfirmStatusesForm(
        request.POST, updates=ProgressUpdate.objects.filter(action__workstream__plan=plan)
    )
    if not form.is_valid():
        messages.error(request, form.errors["updates"][0])
        return redirect(back_to)
    batch = statuses_to_confirm(form.cleaned_data["updates"], request.user)
    # Confirmed from the page listing them, only if every one listed may still be.
    if request.POST.get("confirmed") and batch.to_confirm and not batch.left_out:
        status_reviews_confirm_all(updates=batch.to_confirm, reviewer=request.user)
        count = len(batch.to_confirm)
        messages.success(request, STATUSES_CONFIRMED.format(count=count, s=pluralize(count, "es")))
        return redirect(back_to)
    return render(
        request,
        "workstreams/status_reviews_confirm.html",
        {
            "plan": plan,
            "batch": batch,
            "back_to": back_to,
            "changed_meanwhile": bool(request.POST.get("confirmed")),
        },
    )


def _safe_next(request, *, default: str) -> str:
    """Where to go back to: the page the reviewer came from, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@require_http_methods(["GET", "POST"])
def plan_import_outline(request, slug):
    """A new plan from its text: read, shown as a tree with what did not fit, and saved
    only when the secretariat confirms it with every lead chosen."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_perm(request.user, "workstreams.author_plan", partnership)
    form = OutlineImportForm(request.POST or None)
    context = {"partnership": partnership, "form": form}
    if request.method == "POST" and form.is_valid():
        reading = read_outline(form)
        context.update(reading=reading)
        if "save" in request.POST:
            form.full_clean()  # again, with the lead choices the reading added
        if "save" in request.POST and form.is_valid() and not reading.blocking:
            plan = plan_create_from_outline(
                partnership=partnership,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                adopted_on=None,
                outline=reading.outline,
                leads=reading.chosen_leads(form.cleaned_data),
            )
            messages.success(request, f"“{plan.title}” is saved, with its workstreams")
            return redirect(plan)
    return render(request, "workstreams/plan_import_outline.html", context)
