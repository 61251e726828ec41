"""The pages that bring the apps together: they read from workstreams, meetings and
trends, which never read from here."""

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from hcag.caching import cached_html
from hcag.pagination import page_of
from meetings.selectors import (
    chair_review_standing,
    current_terms_of_reference,
    meetings_around,
    project_groups_of,
)
from overview.attention import needs_attention
from overview.charts import status_history_chart
from overview.dashboard import plan_dashboard
from overview.selectors import (
    actions_for_reporting,
    actions_to_report_on,
    home_partnerships,
    why_no_actions,
)
from partners.selectors import members_by_organisation, partnerships_visible_to
from reporting.selectors import plan_round_standing
from trends.selectors import partnership_overview, statistics_by_objective
from workstreams.filters import DashboardFilter, MyActionsFilter, PlanActionsFilter
from workstreams.models import Action
from workstreams.selectors import (
    attention_counts,
    my_actions_workstreams,
    plans_visible_to,
)

ACTIONS_PER_PAGE = 25


@require_GET
def home(request):
    return render(
        request,
        "overview/home.html",
        {
            "attention": needs_attention(request.user, today=timezone.localdate()),
            "partnerships": home_partnerships(request.user),
        },
    )


@require_GET
def partnership_detail(request, slug):
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).prefetch_related(
            "reports_to", "advised_by", "action_plans"
        ),
        slug=slug,
    )
    today = timezone.localdate()
    terms = current_terms_of_reference(partnership)
    return render(
        request,
        "overview/partnership_detail.html",
        {
            "partnership": partnership,
            "member_groups": members_by_organisation(partnership),
            "terms": terms,
            "meetings": meetings_around(partnership, today),
            "chair_review": chair_review_standing(terms, today),
            "groups": project_groups_of(partnership),
            "may_run": request.user.has_perm("meetings.run_meetings", partnership),
            "may_manage_members": request.user.has_perm("partners.manage_members", partnership),
            "may_manage_rounds": request.user.has_perm("reporting.manage_rounds", partnership),
            "may_see_undelivered_mail": request.user.has_perm(
                "partners.see_undelivered_mail", partnership
            ),
            "may_manage_publishing": request.user.has_perm(
                "publishing.manage_publishing", partnership
            ),
            "may_author_plan": request.user.has_perm("workstreams.author_plan", partnership),
            "may_set_plan_authors": request.user.has_perm(
                "workstreams.set_plan_authors", partnership
            ),
        },
    )


def _get_plan_for_user(user, slug):
    return get_object_or_404(plans_visible_to(user).select_related("partnership"), slug=slug)


def _is_filtered(filterset) -> bool:
    return filterset.is_bound and filterset.is_valid() and any(filterset.form.cleaned_data.values())


@require_GET
def dashboard(request, slug):
    plan = _get_plan_for_user(request.user, slug)
    today = timezone.localdate()
    sees_small_numbers = request.user.has_perm("trends.see_small_numbers", plan.partnership)
    # Those who run the group are told when the chair review is due, and where to record it.
    may_run = request.user.has_perm("meetings.run_meetings", plan.partnership)
    body = cached_html(
        "dashboard",
        plan.pk,
        today,
        request.GET.urlencode(),
        sees_small_numbers,
        may_run,
        partnership=plan.partnership_id,
        render=lambda: _render_dashboard_body(request, plan, today, sees_small_numbers, may_run),
    )
    return render(request, "overview/dashboard.html", {"plan": plan, "body": body})


def _render_dashboard_body(request, plan, today, sees_small_numbers, may_run) -> str:
    filterset = DashboardFilter(
        request.GET or None,
        queryset=actions_for_reporting(
            Action.objects.filter(workstream__plan=plan), today=today, partnership=plan.partnership
        ),
        plan=plan,
    )
    is_filtered = _is_filtered(filterset)
    standing = plan_dashboard(plan, filterset.qs, today=today, filtered=is_filtered)
    context = {
        "plan": plan,
        "filterset": filterset,
        "is_filtered": is_filtered,
        "dashboard": standing,
        "chart": status_history_chart(standing.history),
        "meetings": meetings_around(plan.partnership, today),
        "round_standing": plan_round_standing(plan, today=today),
        "may_run": may_run,
        "chair_review": chair_review_standing(current_terms_of_reference(plan.partnership), today)
        if may_run
        else None,
        "statistics": statistics_by_objective(
            partnership_overview(plan.partnership, sees_small_numbers=sees_small_numbers),
            [standing.objective for standing in standing.objectives],
        ),
    }
    return render_to_string("overview/partials/dashboard_body.html", context, request=request)


@require_GET
def plan_actions(request, slug):
    """The plan's reportable actions that a dashboard number counts."""
    plan = _get_plan_for_user(request.user, slug)
    actions = actions_for_reporting(
        Action.objects.filter(workstream__plan=plan),
        today=timezone.localdate(),
        partnership=plan.partnership,
    )
    filterset = PlanActionsFilter(request.GET or None, queryset=actions.in_plan_order(), plan=plan)
    page = page_of(filterset.qs, request.GET.get("page"), ACTIONS_PER_PAGE)
    may_review = request.user.has_perm("partners.review_statuses", plan.partnership)
    return render(
        request,
        "overview/plan_actions.html",
        {
            "plan": plan,
            "filterset": filterset,
            "is_filtered": _is_filtered(filterset),
            "page": page,
            # The statuses shown that the viewer may confirm at once: awaiting review, and
            # not their own (workstreams.rules.may_review_update decides again on posting).
            "to_confirm": [
                action.latest_update_id
                for action in page
                if action.is_awaiting_review and action.latest_author_id != request.user.pk
            ]
            if may_review
            else [],
        },
    )


@require_GET
def my_actions(request):
    actions = actions_to_report_on(request.user, today=timezone.localdate())
    filterset = MyActionsFilter(
        request.GET or None,
        queryset=actions.in_plan_order(),
        workstream_choices=my_actions_workstreams(actions),
    )
    page = page_of(filterset.qs, request.GET.get("page"), ACTIONS_PER_PAGE)
    counts = attention_counts(actions)
    return render(
        request,
        "overview/my_actions.html",
        {
            "filterset": filterset,
            "page": page,
            "counts": counts,
            "is_filtered": _is_filtered(filterset),
            "why_none": None if counts["total"] else why_no_actions(request.user),
        },
    )
