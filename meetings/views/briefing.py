from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from hcag.caching import cached_html
from hcag.http import attachment
from hcag.pdf import html_to_pdf
from meetings.briefing import meeting_briefing_for_chair
from meetings.forms import BriefingComparisonForm
from meetings.views.access import get_meeting_for_user
from trends.selectors import flags_in, partnership_overview


def _briefing_context(request, meeting, *, page=None):
    """The page's context; with `page`, that page of the changes (the PDF has them all)."""
    today = timezone.localdate()
    may_review = request.user.has_perm("partners.review_statuses", meeting.partnership)
    sees_small_numbers = request.user.has_perm("trends.see_small_numbers", meeting.partnership)
    comparison = BriefingComparisonForm(
        request.GET if "compare_with" in request.GET else None, meeting=meeting
    )
    compare_with = comparison.meeting_compared()
    body = cached_html(
        "briefing",
        meeting.pk,
        today,
        compare_with.pk if compare_with else None,
        bool(comparison.errors),
        # Which updates a reviewer is offered depends on who they are: not their own.
        request.user.pk if may_review else None,
        sees_small_numbers,
        page,
        partnership=meeting.partnership_id,
        render=lambda: render_to_string(
            "meetings/partials/briefing_body.html",
            {
                "briefing": meeting_briefing_for_chair(
                    meeting, today=today, compare_with=compare_with, page=page
                ),
                "comparison": comparison,
                "statistics_flags": flags_in(
                    partnership_overview(meeting.partnership, sees_small_numbers=sees_small_numbers)
                ),
            },
            request=request,
        ),
    )
    return {"meeting": meeting, "body": body, "has_errors": bool(comparison.errors)}


@require_GET
def briefing(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    context = _briefing_context(request, meeting, page=request.GET.get("page") or 1)
    return render(request, "meetings/briefing.html", context)


@require_GET
def briefing_pdf(request, pk):
    """The same page, drawn as an A4 PDF through the print stylesheet."""
    meeting = get_meeting_for_user(request.user, pk)
    html = render_to_string(
        "meetings/briefing.html", _briefing_context(request, meeting), request=request
    )
    name = slugify(meeting.partnership.short_name or meeting.partnership.name)
    return attachment(html_to_pdf(html), f"briefing-{name}-{meeting.date}.pdf")
