from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from meetings.selectors import current_terms_of_reference
from partners.selectors import members_by_organisation, partnerships_visible_to


@require_GET
def partnership_detail(request, slug):
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).prefetch_related(
            "reports_to", "advised_by", "action_plans"
        ),
        slug=slug,
    )
    return render(
        request,
        "partners/partnership_detail.html",
        {
            "partnership": partnership,
            "member_groups": members_by_organisation(partnership),
            "terms": current_terms_of_reference(partnership),
        },
    )
