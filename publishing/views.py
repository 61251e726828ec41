"""The public page and its open data, which anyone may read without signing in, and the
secretariat's pages that decide what they publish."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hcag.caching import cached_html
from hcag.http import attachment, posted
from hcag.spreadsheets import render_csv
from partners.selectors import get_partnership_for_user
from publishing import opendata, services
from publishing.forms import PartnershipPublishingForm, WorkstreamPublishingForm
from publishing.selectors import public_action as published_action
from publishing.selectors import public_page as published_page
from publishing.selectors import public_partnership
from workstreams.models import Workstream

SETTINGS_SAVED = "What the partnership publishes has been saved."
NOTHING_CHANGED = "Nothing was changed."
WORKSTREAM_SAVED = "What is published of workstream {letter} has been saved."


@login_not_required
@require_GET
def public_page(request, slug):
    """Cached for the partnership and the day until anything it shows changes
    (hcag.caching)."""
    partnership = public_partnership(slug)
    today = timezone.localdate()
    content = cached_html(
        "public-page",
        today,
        partnership=partnership.pk,
        render=lambda: render_to_string(
            "publishing/partials/public_content.html",
            {"page": published_page(partnership, today=today)},
        ),
    )
    return render(
        request, "publishing/public_page.html", {"partnership": partnership, "content": content}
    )


@login_not_required
@require_GET
def public_action(request, slug, pk):
    partnership = public_partnership(slug)
    return render(
        request,
        "publishing/public_action.html",
        {"partnership": partnership, "action": published_action(partnership, pk)},
    )


def _licence_link(partnership) -> str:
    return f'<{partnership.open_data_licence_url}>; rel="license"'


@login_not_required
@require_GET
def open_data_csv(request, slug, table):
    partnership = public_partnership(slug)
    if table not in opendata.TABLES:
        raise Http404
    columns, rows = opendata.table(published_page(partnership, tables=False), table)
    response = attachment(render_csv(columns, rows), f"{partnership.slug}-{table}.csv")
    response["Link"] = _licence_link(partnership)
    return response


@login_not_required
@require_GET
def open_data_json(request, slug):
    partnership = public_partnership(slug)
    urls = {"page": request.build_absolute_uri(reverse("publishing:public-page", args=[slug]))}
    for table in opendata.TABLES:
        path = reverse("publishing:open-data-csv", args=[slug, table])
        urls[table] = request.build_absolute_uri(path)
    content = opendata.document(published_page(partnership, tables=False), urls=urls)
    response = HttpResponse(
        json.dumps(content, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Link"] = _licence_link(partnership)
    return response


def _require_to_manage(user, partnership):
    if not user.has_perm("publishing.manage_publishing", partnership):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def publishing_settings(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    form = PartnershipPublishingForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        services.partnership_publishing_set(partnership=partnership, changes=changes)
        messages.success(request, SETTINGS_SAVED if changes else NOTHING_CHANGED)
        return redirect("publishing:settings", slug=partnership.slug)
    workstreams = (
        Workstream.objects.filter(plan__partnership=partnership)
        .select_related("plan")
        .annotate(private_actions=Count("actions", filter=Q(actions__public=False)))
        .order_by("plan__title", "letter")
    )
    return render(
        request,
        "publishing/settings.html",
        {
            "partnership": partnership,
            "form": form,
            "workstreams": workstreams,
        },
    )


@require_http_methods(["GET", "POST"])
def workstream_publishing(request, slug, pk):
    partnership = get_partnership_for_user(request.user, slug)
    workstream = get_object_or_404(
        Workstream.objects.filter(plan__partnership=partnership).select_related("plan"), pk=pk
    )
    _require_to_manage(request.user, partnership)
    form = WorkstreamPublishingForm(posted(request), workstream=workstream)
    if request.method == "POST" and form.is_valid():
        public, made_public, made_private = form.changes()
        changed = services.workstream_publishing_set(
            workstream=workstream, public=public, made_public=made_public, made_private=made_private
        )
        message = WORKSTREAM_SAVED.format(letter=workstream.letter) if changed else NOTHING_CHANGED
        messages.success(request, message)
        return redirect("publishing:settings", slug=partnership.slug)
    return render(
        request,
        "publishing/workstream_form.html",
        {
            "partnership": partnership,
            "workstream": workstream,
            "form": form,
            "back_url": reverse("publishing:settings", args=[partnership.slug]),
        },
    )
