"""The pages on which the secretariat (and, where the partnership allows, the chair and
vice-chairs: rules.can_author_plan) writes a plan: its details, priorities, objectives,
workstreams, actions and sub-items, added, edited, moved and retired.

People outside the partnership get 404; members who may not write the plan get 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.editing import ChangedMeanwhile, save_unless_changed_meanwhile
from hcag.http import posted
from partners.selectors import get_partnership_for_user, partnerships_visible_to
from partners.services import partnership_plan_authors_set
from workstreams import authoring
from workstreams.forms import (
    ActionAddForm,
    ActionMoveForm,
    ObjectiveForm,
    PlanAuthorsForm,
    PlanForm,
    PlanRefreshForm,
    PlanRollUpForm,
    PriorityForm,
    WorkstreamForm,
)
from workstreams.models import Action, ActionPlan, Objective, Priority, Workstream
from workstreams.refresh import SUPERSEDED, plan_refresh, refresh_preview
from workstreams.selectors import actions_to_weigh, plan_for_authoring, plans_visible_to
from workstreams.views import owner_choices

PLAN_CREATED = "“{plan}” has been created: add its priorities, objectives and workstreams."
SAVED = "Your changes to {item} have been saved."
ADDED = "{item} has been added."
MOVED = "{item} has been moved: it is now {label}."
NOT_MOVED = "{item} is at that end of the list already."
RETIRED = "{item} has been retired. It keeps its updates and history."
ROLL_UP_SAVED = "How progress rolls up has been saved ({count} {weights} changed)."
ROLL_UP_CHANGED_MEANWHILE = (
    "Someone else changed how this plan's progress rolls up meanwhile, so nothing was saved: "
    "here it is as they left it. Make your changes again."
)
AUTHORS_SAVED = "Who writes the action plan has been saved."
CHANGED_MEANWHILE = "Someone else changed this meanwhile, so nothing was done: look again."

# The kinds of item the move and retire pages take, by the name their addresses use.
KINDS = {
    "priority": Priority,
    "objective": Objective,
    "workstream": Workstream,
    "action": Action,
}


def _require_author(user, partnership) -> None:
    if not user.has_perm("workstreams.author_plan", partnership):
        raise PermissionDenied


def _require_current(plan: ActionPlan) -> None:
    if plan.is_superseded:
        raise PermissionDenied(SUPERSEDED.format(successor=plan.successor))


def _get_plan_to_author(user, slug) -> ActionPlan:
    plan = get_object_or_404(plans_visible_to(user).select_related("partnership"), slug=slug)
    _require_author(user, plan.partnership)
    _require_current(plan)
    return plan


def _get_item_to_author(user, model, pk):
    """A part of a plan still in it, in one of the user's partnerships (404 otherwise),
    that they may write (403 otherwise)."""
    visible = partnerships_visible_to(user)
    if model is Action:
        items = Action.objects.filter(workstream__plan__partnership__in=visible).select_related(
            "workstream__plan__partnership", "parent"
        )
    else:
        items = model.objects.filter(plan__partnership__in=visible).select_related(
            "plan__partnership"
        )
    item = get_object_or_404(items.live(), pk=pk)
    _require_author(user, _plan_of(item).partnership)
    _require_current(_plan_of(item))
    return item


def _name(item) -> str:
    if isinstance(item, ActionPlan):
        return "The plan"
    if isinstance(item, Workstream):
        return f"Workstream {item.letter}"
    if isinstance(item, Action):
        return f"{'Sub-item' if item.parent_id else 'Action'} {item.reference}"
    return f"{type(item)._meta.verbose_name.capitalize()} {item.label}"


def _in_sentence(name: str) -> str:
    """A name within a sentence: "workstream B", not "Workstream B" nor "workstream b"."""
    return name[0].lower() + name[1:]


def _plan_of(item) -> ActionPlan:
    if isinstance(item, ActionPlan):
        return item
    return item.workstream.plan if isinstance(item, Action) else item.plan


def _author_url(plan: ActionPlan) -> str:
    return reverse("workstreams:plan-author", args=[plan.slug])


def _authoring_url(item) -> str:
    """The plan's writing page, at the item."""
    return f"{_author_url(_plan_of(item))}#{type(item).__name__.lower()}-{item.pk}"


def _form_page(request, form, *, plan, heading, refusal=None):
    return render(
        request,
        "workstreams/plan_part_form.html",
        {
            "form": form,
            "plan": plan,
            "heading": heading,
            "back_url": _author_url(plan),
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


def _edit(request, *, record, form_class, save, fields, heading, done):
    """An edit page: the form, saved by `save(expected_version, **edited)` unless someone
    else saved the record since it was shown (hcag.editing), when the form comes back
    with their changes and says so."""
    form = form_class(posted(request), instance=record, submit="Save changes")
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {
            name: list(data[name]) if hasattr(data[name], "model") else data[name]
            for name in fields
        }
        try:
            refusal = save_unless_changed_meanwhile(
                lambda: save(data["version"], **edited),
                started_at=data["version"],
                edited=edited,
                form_over=lambda current, initial: form_class(
                    instance=current, initial=initial, submit="Save changes"
                ),
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            if refusal is None:
                messages.success(request, SAVED.format(item=_in_sentence(_name(record))))
                return redirect(done)
            form = refusal.form
    return _form_page(request, form, plan=_plan_of(record), heading=heading, refusal=refusal)


def _add(request, *, form, plan, heading, add):
    """An add page: the form, and on a valid post `add(**cleaned data)`."""
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            item = add(**data)
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(request, ADDED.format(item=_name(item)))
            return redirect(_authoring_url(item))
    return _form_page(request, form, plan=plan, heading=heading)


@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    _require_author(request.user, partnership)
    form = PlanForm(
        posted(request),
        instance=ActionPlan(partnership=partnership),
        submit="Create the plan",
    )
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            plan = authoring.plan_create(partnership=partnership, **data)
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(request, PLAN_CREATED.format(plan=plan.title))
            return redirect("workstreams:plan-author", slug=plan.slug)
    return render(
        request,
        "workstreams/plan_part_form.html",
        {
            "form": form,
            "partnership": partnership,
            "heading": "Create an action plan",
            "back_url": partnership.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_authors(request, slug):
    """The secretariat decides whether the chair and vice-chairs write the plan too."""
    partnership = get_partnership_for_user(request.user, slug)
    if not request.user.has_perm("workstreams.set_plan_authors", partnership):
        raise PermissionDenied
    form = PlanAuthorsForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            partnership_plan_authors_set(partnership=partnership, **form.cleaned_data)
        except ChangedMeanwhile:
            messages.warning(request, CHANGED_MEANWHILE)
            return redirect("workstreams:plan-authors", slug=partnership.slug)
        messages.success(request, AUTHORS_SAVED)
        return redirect(partnership)
    return render(
        request,
        "workstreams/plan_part_form.html",
        {
            "form": form,
            "partnership": partnership,
            "heading": "Who writes the action plan",
            "back_url": partnership.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request, slug):
    plan = _get_plan_to_author(request.user, slug)
    return _edit(
        request,
        record=plan,
        form_class=PlanForm,
        save=lambda version, **edited: authoring.plan_update(
            plan=plan, expected_version=version, **edited
        ),
        fields=["title", "description", "adopted_on", "adopted_at"],
        heading="Edit the plan's details",
        done=_author_url(plan),
    )


@require_http_methods(["GET", "POST"])
def plan_roll_up(request, slug):
    """How the plan's progress rolls up: its settings, and a weight for each action."""
    plan = _get_plan_to_author(request.user, slug)
    form = PlanRollUpForm(posted(request), instance=plan, actions=actions_to_weigh(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = authoring.plan_roll_up_update(
                plan=plan,
                expected_version=data["version"],
                sub_items_roll_up=data["sub_items_roll_up"],
                weighs_actions=data["weighs_actions"],
                weights=form.weights(),
            )
        except ChangedMeanwhile:
            messages.error(request, ROLL_UP_CHANGED_MEANWHILE)
            return redirect("workstreams:plan-roll-up", slug=plan.slug)
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(
                request,
                ROLL_UP_SAVED.format(count=changed, weights=pluralize(changed, "weight,weights")),
            )
            return redirect(_author_url(plan))
    return _form_page(request, form, plan=plan, heading="How progress rolls up")


@require_GET
def plan_author(request, slug):
    """The whole plan, retired parts too, with a way to add, edit, move and retire each."""
    plan = _get_plan_to_author(request.user, slug)
    return render(
        request,
        "workstreams/plan_author.html",
        {"plan": plan, "outline": plan_for_authoring(plan), "may_author": True},
    )


@require_http_methods(["GET", "POST"])
def priority_add(request, slug):
    plan = _get_plan_to_author(request.user, slug)
    form = PriorityForm(posted(request), instance=Priority(plan=plan), submit="Add the priority")
    return _add(
        request,
        form=form,
        plan=plan,
        heading="Add a priority",
        add=lambda **data: authoring.priority_add(plan=plan, **data),
    )


@require_http_methods(["GET", "POST"])
def priority_edit(request, pk):
    priority = _get_item_to_author(request.user, Priority, pk)
    return _edit(
        request,
        record=priority,
        form_class=PriorityForm,
        save=lambda version, **edited: authoring.priority_update(
            priority=priority, expected_version=version, **edited
        ),
        fields=["title"],
        heading=f"Edit priority {priority.label}",
        done=_authoring_url(priority),
    )


@require_http_methods(["GET", "POST"])
def objective_add(request, slug):
    plan = _get_plan_to_author(request.user, slug)
    form = ObjectiveForm(posted(request), instance=Objective(plan=plan), submit="Add the objective")
    return _add(
        request,
        form=form,
        plan=plan,
        heading="Add an objective",
        add=lambda **data: authoring.objective_add(plan=plan, **data),
    )


@require_http_methods(["GET", "POST"])
def objective_edit(request, pk):
    objective = _get_item_to_author(request.user, Objective, pk)
    return _edit(
        request,
        record=objective,
        form_class=ObjectiveForm,
        save=lambda version, **edited: authoring.objective_update(
            objective=objective, expected_version=version, **edited
        ),
        fields=["title", "priorities"],
        heading=f"Edit objective {objective.label}",
        done=_authoring_url(objective),
    )


@require_http_methods(["GET", "POST"])
def workstream_add(request, slug):
    plan = _get_plan_to_author(request.user, slug)
    form = WorkstreamForm(
        posted(request), instance=Workstream(plan=plan), submit="Add the workstream"
    )
    return _add(
        request,
        form=form,
        plan=plan,
        heading="Add a workstream",
        add=lambda **data: authoring.workstream_add(plan=plan, **data),
    )


@require_http_methods(["GET", "POST"])
def workstream_edit(request, pk):
    workstream = _get_item_to_author(request.user, Workstream, pk)
    return _edit(
        request,
        record=workstream,
        form_class=WorkstreamForm,
        save=lambda version, **edited: authoring.workstream_update(
            workstream=workstream, expected_version=version, **edited
        ),
        fields=["title", "lead_in", "lead_organisations", "objectives"],
        heading=f"Edit workstream {workstream.letter}",
        done=_authoring_url(workstream),
    )


def _action_add_page(request, *, workstream, parent=None):
    action = Action(workstream=workstream, parent=parent)
    form = ActionAddForm(
        posted(request),
        instance=action,
        submit="Add the sub-item" if parent else "Add the action",
        **owner_choices(workstream.plan.partnership),
    )
    return _add(
        request,
        form=form,
        plan=workstream.plan,
        heading=f"Add a sub-item to action {parent.reference}"
        if parent
        else f"Add an action to workstream {workstream.letter}",
        add=lambda **data: authoring.action_add(workstream=workstream, parent=parent, **data),
    )


@require_http_methods(["GET", "POST"])
def action_add(request, pk):
    workstream = _get_item_to_author(request.user, Workstream, pk)
    return _action_add_page(request, workstream=workstream)


@require_http_methods(["GET", "POST"])
def sub_item_add(request, pk):
    action = _get_item_to_author(request.user, Action, pk)
    if action.parent_id:
        raise Http404("A sub-item has no sub-items of its own.")
    return _action_add_page(request, workstream=action.workstream, parent=action)


@require_http_methods(["GET", "POST"])
def action_move_to(request, pk):
    """Move an action, with its sub-items, to another workstream of the plan."""
    action = _get_item_to_author(request.user, Action, pk)
    if action.parent_id:
        raise Http404("A sub-item moves only within its action.")
    form = ActionMoveForm(posted(request), action=action)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.action_move_to(action=action, workstream=form.cleaned_data["workstream"])
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(request, MOVED.format(item="The action", label=action.reference))
            return redirect(_authoring_url(action))
    return _form_page(
        request,
        form,
        plan=action.workstream.plan,
        heading=f"Move action {action.reference} to another workstream",
    )


@require_POST
def item_move(request, kind, pk):
    """Move an item one place up or down its list, from the plan's writing page."""
    model = _model_of(kind)
    item = _get_item_to_author(request.user, model, pk)
    step = {"up": authoring.UP, "down": authoring.DOWN}.get(request.POST.get("direction"))
    if step is None:
        raise Http404("Move it up or down.")
    name = _name(item)
    if authoring.item_move(item=item, step=step):
        item.refresh_from_db()
        messages.success(request, MOVED.format(item=name, label=_name(item).split()[-1]))
    else:
        messages.info(request, NOT_MOVED.format(item=name))
    return redirect(_authoring_url(item))


@require_http_methods(["GET", "POST"])
def item_retire(request, kind, pk):
    """Retire an item after a page that says what retiring does."""
    model = _model_of(kind)
    item = _get_item_to_author(request.user, model, pk)
    name = _name(item)
    if request.method == "POST":
        try:
            authoring.item_retire(item=item)
        except (ValidationError, ChangedMeanwhile):
            messages.warning(request, CHANGED_MEANWHILE)
        else:
            messages.success(request, RETIRED.format(item=name))
        return redirect(_author_url(_plan_of(item)))
    return render(
        request,
        "workstreams/item_retire.html",
        {
            "item": item,
            "name": _in_sentence(name),
            "plan": _plan_of(item),
            "back_url": _authoring_url(item),
            "retired_with": _retired_with(item),
        },
    )


def _retired_with(item) -> str:
    """What retiring the item retires with it, in words."""
    if isinstance(item, Workstream):
        if count := item.actions.live().filter(parent=None).count():
            return (
                f"Retiring it retires its {count} action{pluralize(count)} and their sub-items too."
            )
        return ""
    if isinstance(item, Action) and (count := item.sub_items.live().count()):
        return f"Retiring it retires its {count} sub-item{pluralize(count)} too."
    return ""


def _model_of(kind: str):
    if kind not in KINDS:
        raise Http404("No such kind of part of a plan.")
    return KINDS[kind]


PLAN_REFRESHED = (
    "{plan} has been started from {old}, with {count} open action{s} brought forward. "
    "{old} is kept as it was and can no longer be changed."
)


@require_http_methods(["GET", "POST"])
def plan_refresh_page(request, slug):
    """Start next year's plan from this one, after saying what it will carry and what
    stays behind."""
    plan = get_object_or_404(
        plans_visible_to(request.user).select_related("partnership"), slug=slug
    )
    if not request.user.has_perm("workstreams.refresh_plan", plan):
        raise PermissionDenied
    preview = refresh_preview(plan)
    form = PlanRefreshForm(posted(request))
    if request.method == "POST" and form.is_valid():
        successor = plan_refresh(plan=plan, **form.cleaned_data)
        count = preview.carried
        messages.success(
            request,
            PLAN_REFRESHED.format(plan=successor, old=plan, count=count, s=pluralize(count)),
        )
        return redirect(_author_url(successor))
    return render(
        request,
        "workstreams/plan_refresh.html",
        {"form": form, "plan": plan, "preview": preview, "back_url": plan.get_absolute_url()},
    )
