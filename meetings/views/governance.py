"""A partnership's governance: terms of reference, the chair review, the register of
reports, and project groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.editing import ChangedMeanwhile, Refusal, save_unless_changed_meanwhile
from hcag.http import content_type_for, posted, posted_files
from meetings import services
from meetings.forms import (
    ChairReviewForm,
    ProjectGroupForm,
    ReportForm,
    TermsApprovalForm,
    TermsDraftForm,
)
from meetings.models import ProjectGroup, Report, TermsOfReference
from meetings.selectors import (
    by_direction,
    chair_review_standing,
    compare_terms,
    current_chair,
    current_terms_of_reference,
    project_groups_of,
    reports_register,
    terms_changes_since,
)
from meetings.views.access import may_run, require_to_run
from partners.selectors import get_partnership_for_user, partnerships_visible_to

REPORTS_PER_PAGE = 25
PROJECT_GROUP_SAVED = "“{name}” has been saved."
DRAFT_CHANGED_MEANWHILE = (
    "Someone changed the draft after you opened this comparison, so it was not approved. "
    "The comparison now shows the draft as it is: check it, then approve it again."
)


def _draft_form_over_newer_revision(data, current: TermsOfReference) -> TermsDraftForm:
    """The editor's own words, now based on the revision someone else saved, so that
    saving again is a deliberate choice made after seeing their change. (A draft's clause
    boxes cannot be moved onto that revision one by one, as hcag.editing.edit_rebased does
    for other records' fields.)"""
    data = data.copy()
    data["revision"] = current.revision
    return TermsDraftForm(data, instance=current)


# Terms of reference ------------------------------------------------------------------


def _get_terms_for_user(user, pk) -> TermsOfReference:
    return get_object_or_404(
        TermsOfReference.objects.filter(
            partnership__in=partnerships_visible_to(user)
        ).select_related("partnership", "approved_at"),
        pk=pk,
    )


@require_GET
def terms_list(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    versions = partnership.terms_of_reference.select_related("approved_at").order_by("-version")
    return render(
        request,
        "meetings/terms_list.html",
        {
            "partnership": partnership,
            "terms": current_terms_of_reference(partnership),
            "versions": versions,
            "draft": next((v for v in versions if v.status == TermsOfReference.Status.DRAFT), None),
            "may_run": may_run(request.user, partnership),
        },
    )


@require_GET
def terms_detail(request, pk):
    terms = _get_terms_for_user(request.user, pk)
    return render(
        request,
        "meetings/terms_detail.html",
        {
            "terms": terms,
            "partnership": terms.partnership,
            "may_run": may_run(request.user, terms.partnership),
        },
    )


@require_POST
def terms_draft_create(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    require_to_run(request.user, partnership)
    try:
        draft = services.terms_draft_create(partnership=partnership)
    except services.DraftExists as error:
        messages.warning(
            request,
            format_html(
                '{} <a class="govuk-link" href="{}">Open version {}, the draft</a>.',
                error.message,
                reverse("meetings:terms-edit", args=[error.draft.pk]),
                error.draft.version,
            ),
        )
        return redirect("meetings:terms-list", slug=partnership.slug)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
        return redirect("meetings:terms-list", slug=partnership.slug)
    messages.success(request, f"Version {draft.version} has been drafted from the current terms.")
    return redirect("meetings:terms-edit", pk=draft.pk)


def _get_draft_for_runner(user, pk) -> TermsOfReference:
    terms = _get_terms_for_user(user, pk)
    require_to_run(user, terms.partnership)
    if terms.status != TermsOfReference.Status.DRAFT:
        raise Http404("Only a draft can be changed.")
    return terms


@require_http_methods(["GET", "POST"])
def terms_edit(request, pk):
    draft = _get_draft_for_runner(request.user, pk)
    form = TermsDraftForm(posted(request), instance=draft)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.terms_draft_update(
                draft=draft,
                expected_revision=data["revision"],
                preamble=data["preamble"],
                meetings_per_year=data["meetings_per_year"],
                chair_review_season=data["chair_review_season"],
                clause_bodies=form.clause_bodies(),
            )
        except ChangedMeanwhile as conflict:
            form = _draft_form_over_newer_revision(request.POST, conflict.current)
            refusal = Refusal(terms_changes_since(draft, data["revision"]), form, [])
        except ValidationError as error:  # approved meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, "The draft has been saved.")
            return redirect("meetings:terms-compare", pk=draft.pk)
    return render(
        request,
        "meetings/terms_edit.html",
        {
            "draft": draft,
            "form": form,
            "partnership": draft.partnership,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


@require_http_methods(["GET", "POST"])
def terms_compare(request, pk):
    """The draft beside the current terms, clause by clause, and its approval."""
    draft = _get_terms_for_user(request.user, pk)
    partnership = draft.partnership
    if request.method == "POST":
        require_to_run(request.user, partnership)
    form = None
    changes_meanwhile = None
    if may_run(request.user, partnership):
        # Whether this version can still be approved is the service's to say
        # (NOT_A_DRAFT); the page offers the form for drafts only.
        form = TermsApprovalForm(
            posted(request),
            partnership=partnership,
            draft=draft,
            initial={"approved_on": timezone.localdate()},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.terms_approve(
                draft=draft,
                expected_revision=data["revision"],
                meeting=data["meeting"],
                approved_on=data["approved_on"],
            )
        except ChangedMeanwhile as conflict:
            changes_meanwhile = terms_changes_since(draft, data["revision"])
            draft = conflict.current
            form = TermsApprovalForm(
                {**request.POST.dict(), "revision": draft.revision},
                partnership=partnership,
                draft=draft,
            )
            form.is_valid()
            form.add_error(None, DRAFT_CHANGED_MEANWHILE)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Version {draft.version} is now the current terms of reference."
            )
            return redirect("meetings:terms-list", slug=partnership.slug)
    current = current_terms_of_reference(partnership)
    return render(
        request,
        "meetings/terms_compare.html",
        {
            "draft": draft,
            "current": current,
            "partnership": partnership,
            "comparison": compare_terms(current, draft),
            "form": form,
            "changes_meanwhile": changes_meanwhile,
        },
        status=409 if changes_meanwhile is not None else 200,
    )


# The chair review --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def chair_review(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    require_to_run(request.user, partnership)
    form = ChairReviewForm(
        posted(request),
        partnership=partnership,
        initial={"held_on": timezone.localdate(), "chair": current_chair(partnership)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.chair_review_record(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{review.get_outcome_display()}: {review.chair}.")
            return redirect(partnership)
    return render(
        request,
        "meetings/chair_review_form.html",
        {
            "partnership": partnership,
            "form": form,
            "standing": chair_review_standing(
                current_terms_of_reference(partnership), timezone.localdate()
            ),
            "reviews": partnership.chair_reviews.select_related("chair", "meeting"),
        },
    )


# Reports -----------------------------------------------------------------------------


@require_GET
def reports(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    page = Paginator(reports_register(partnership), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    received, submitted = by_direction(page)
    return render(
        request,
        "meetings/reports.html",
        {
            "partnership": partnership,
            "page": page,
            "received": received,
            "submitted": submitted,
            "may_add": request.user.has_perm("meetings.add_report", partnership),
        },
    )


@require_http_methods(["GET", "POST"])
def report_add(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    if not request.user.has_perm("meetings.add_report", partnership):
        raise PermissionDenied
    # A representative of an advisory group files only their own group's reports.
    advisory_group = (
        None
        if request.user.has_perm("meetings.add_any_report", partnership)
        else request.user.organisation
    )
    form = ReportForm(
        posted(request),
        posted_files(request),
        partnership=partnership,
        advisory_group=advisory_group,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = services.report_add(
            partnership=partnership,
            submitted_by=request.user,
            direction=data.get("direction", Report.Direction.RECEIVED),
            organisation=data.get("organisation", advisory_group),
            title=data["title"],
            date=data["date"],
            meeting=data["meeting"],
            document=data["document"],
            summary=data["summary"],
        )
        messages.success(request, f"“{report.title}” has been added to the register.")
        return redirect("meetings:reports", slug=partnership.slug)
    return render(
        request,
        "meetings/report_form.html",
        {"partnership": partnership, "form": form, "advisory_group": advisory_group},
    )


@require_GET
def report_download(request, pk):
    report = get_object_or_404(
        Report.objects.filter(partnership__in=partnerships_visible_to(request.user)), pk=pk
    )
    if not report.document:
        raise Http404("This report has no file.")
    return FileResponse(
        report.document.open("rb"),
        as_attachment=True,
        filename=report.document.name.rsplit("/", 1)[-1],
        content_type=content_type_for(report.document.name),
    )


# Project groups ----------------------------------------------------------------------


@require_GET
def project_groups(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    return render(
        request,
        "meetings/project_groups.html",
        {
            "partnership": partnership,
            "groups": project_groups_of(partnership),
            "may_run": may_run(request.user, partnership),
        },
    )


@require_http_methods(["GET", "POST"])
def project_group_form(request, slug, pk=None):
    partnership = get_partnership_for_user(request.user, slug)
    require_to_run(request.user, partnership)
    group = (
        get_object_or_404(partnership.project_groups, pk=pk)
        if pk
        else ProjectGroup(partnership=partnership)
    )
    form = ProjectGroupForm(posted(request), instance=group, partnership=partnership)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {name: data[name] for name in [*ProjectGroup.EDITABLE_FIELDS, "members"]}
        started_at = data.get("version")  # a new group has none
        try:
            refusal = save_unless_changed_meanwhile(
                lambda: _project_group_save(group, partnership, started_at, edited),
                started_at=started_at,
                edited=edited,
                form_over=lambda current, initial: ProjectGroupForm(
                    instance=current, initial=initial, partnership=partnership
                ),
            )
        except ValidationError as error:  # a name another group of the partnership has
            form.add_error(None, error)
        else:
            if refusal is None:
                messages.success(request, PROJECT_GROUP_SAVED.format(name=data["name"]))
                return redirect("meetings:project-groups", slug=partnership.slug)
            form, group = refusal.form, refusal.form.instance
    return render(
        request,
        "meetings/project_group_form.html",
        {
            "partnership": partnership,
            "form": form,
            "group": group,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


def _project_group_save(group, partnership, expected_version, edited):
    if group.pk:
        return services.project_group_update(
            group=group, expected_version=expected_version, **edited
        )
    return services.project_group_create(partnership=partnership, **edited)
