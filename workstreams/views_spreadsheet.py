"""Importing a plan from a spreadsheet in the layout of its export: into a new plan, or
into an existing one by label. The file is checked whole, then kept (hcag.held) while
the secretariat sees what it adds, changes and retires; nothing is saved until they
confirm, and it is checked again as it is saved.

People outside the partnership get 404; members who may not write the plan get 403
(rules.can_author_plan).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from hcag.held import HeldFiles
from hcag.http import attachment, posted, posted_files
from hcag.tables import ImportRejected, problems_csv
from partners.selectors import get_partnership_for_user
from workstreams.forms import PlanSpreadsheetConfirmForm, PlanSpreadsheetForm
from workstreams.importing import plan_create_from_sheet, plan_update_from_sheet
from workstreams.models import ActionPlan
from workstreams.spreadsheet import plan_changes, read_plan_sheet
from workstreams.views_authoring import _get_plan_to_author, _require_author

held = HeldFiles("plan-imports")
PROBLEMS_FILE = "problems.csv"
NO_LONGER_HELD = "The file is no longer kept, so nothing was imported: upload it again"
CHANGED_SINCE = (
    "The plan has changed since the file was checked, so nothing was imported yet: look "
    "at what it would do now and confirm again"
)
CREATED = "“{plan}” is saved, with its {workstreams} workstreams and {actions} actions"
UPDATED = "The plan is updated: {added} added, {changed} changed and {retired} retired"


@require_http_methods(["GET", "POST"])
def plan_import_spreadsheet(request, slug):
    """A new plan from a spreadsheet."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_author(request.user, partnership)
    return _import(request, partnership, None)


@require_http_methods(["GET", "POST"])
def plan_update_spreadsheet(request, slug):
    """An existing plan's items matched by label, changed, added and retired as a
    spreadsheet says."""
    plan = _get_plan_to_author(request.user, slug)
    return _import(request, plan.partnership, plan)


@require_GET
def plan_import_problems(request, slug, token):
    """Every problem in a file that was refused, listed on its page only in part."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_author(request.user, partnership)
    found = held.held(request.user, token)
    if found is None or found[0] != PROBLEMS_FILE:
        raise Http404("The list of problems is no longer kept: import the file again.")
    return attachment(found[1], PROBLEMS_FILE)


def _import(request, partnership, plan: ActionPlan | None):
    if "token" in request.POST:
        return _confirm(request, partnership, plan)
    form = PlanSpreadsheetForm(posted(request), posted_files(request), new_plan=plan is None)
    problems_token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            sheet = read_plan_sheet(upload.name, data)
        except ImportRejected as rejected:
            form.reject(rejected)
            if len(form.problems) > len(form.problems_shown):
                problems_token = held.hold(request.user, PROBLEMS_FILE, problems_csv(form.problems))
        else:
            token = held.hold(request.user, upload.name, data)
            title = form.cleaned_data.get("title", "")
            return _preview(request, partnership, plan, sheet, token, title)
    return render(
        request,
        "workstreams/plan_import_spreadsheet.html",
        {
            "partnership": partnership,
            "plan": plan,
            "form": form,
            "problems_token": problems_token,
            "back_url": _back(partnership, plan),
        },
    )


def _preview(request, partnership, plan, sheet, token, title, *, status=200):
    changes = plan_changes(plan, sheet)
    form = PlanSpreadsheetConfirmForm(
        initial={"token": token, "fingerprint": changes.fingerprint(), "title": title}
    )
    return render(
        request,
        "workstreams/plan_import_spreadsheet_preview.html",
        {
            "partnership": partnership,
            "plan": plan,
            "title": title,
            "sheet": sheet,
            "changes": changes,
            "form": form,
            "back_url": _back(partnership, plan),
        },
        status=status,
    )


def _confirm(request, partnership, plan):
    """Save a file held since its check, if it still makes the changes shown."""
    confirmation = PlanSpreadsheetConfirmForm(request.POST)
    found = held.held(request.user, confirmation.data.get("token", ""))
    if not confirmation.is_valid() or found is None or found[0] == PROBLEMS_FILE:
        messages.error(request, NO_LONGER_HELD)
        return redirect(_back(partnership, plan, upload=True))
    filename, data = found
    token, title = confirmation.cleaned_data["token"], confirmation.cleaned_data["title"]
    try:
        sheet = read_plan_sheet(filename, data)
    except ImportRejected:  # the organisations register changed meanwhile
        messages.error(request, NO_LONGER_HELD)
        return redirect(_back(partnership, plan, upload=True))
    now = plan_changes(plan, sheet).fingerprint()
    if now != confirmation.cleaned_data["fingerprint"] or (plan is None and not title):
        messages.error(request, CHANGED_SINCE)
        return _preview(request, partnership, plan, sheet, token, title, status=409)
    if plan is None:
        plan = plan_create_from_sheet(
            partnership=partnership, title=title, description="", sheet=sheet
        )
        message = CREATED.format(
            plan=plan.title, workstreams=len(sheet.workstreams), actions=sheet.action_count
        )
    else:
        changes = plan_update_from_sheet(plan=plan, sheet=sheet)
        message = UPDATED.format(
            added=len(changes.added), changed=len(changes.changed), retired=len(changes.retired)
        )
    held.release(request.user, token)
    messages.success(request, message)
    return redirect("workstreams:plan-author", slug=plan.slug)


def _back(partnership, plan, *, upload=False) -> str:
    if plan is None:
        return reverse("workstreams:plan-import-spreadsheet", args=[partnership.slug])
    if upload:
        return reverse("workstreams:plan-update-spreadsheet", args=[plan.slug])
    return reverse("workstreams:plan-author", args=[plan.slug])
