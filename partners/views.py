from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from meetings.selectors import (
    chair_review_standing,
    current_terms_of_reference,
    meetings_around,
    project_groups_of,
)
from partners.selectors import members_by_organisation, partnerships_visible_to


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
        "partners/partnership_detail.html",
        {
            "partnership": partnership,
            "member_groups": members_by_organisation(partnership),
            "terms": terms,
            "meetings": meetings_around(partnership, today),
            "chair_review": chair_review_standing(terms, today),
            "groups": project_groups_of(partnership),
            "may_run": request.user.has_perm("meetings.run_meetings", partnership),
        },
    )
