from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from workstreams.selectors import plan_outline, plans_visible_to


@require_GET
def plan_detail(request, slug):
    plan = get_object_or_404(
        plans_visible_to(request.user).select_related("partnership"), slug=slug
    )
    return render(
        request, "workstreams/plan_detail.html", {"plan": plan, "outline": plan_outline(plan)}
    )
