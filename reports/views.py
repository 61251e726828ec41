from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.editing import save_unless_changed_meanwhile
from hcag.http import content_type_for, posted
from reports import services
from reports.forms import CommitteeReportForm, GenerateForm
from reports.models import CommitteeReport, GeneratedReport
from reports.selectors import (
    committee_report_start_from_latest,
    committee_reports,
    generated_reports,
)
from security.services import export_downloaded
from workstreams.selectors import plans_visible_to

REPORT_SAVED = "The report has been saved. Download it below."


def _get_plan_for_user(user, slug):
    return get_object_or_404(plans_visible_to(user).select_related("partnership"), slug=slug)


def _get_report_for_user(user, pk) -> CommitteeReport:
    return get_object_or_404(
        CommitteeReport.objects.filter(plan__in=plans_visible_to(user)).select_related(
            "plan__partnership"
        ),
        pk=pk,
    )


def _require_to_generate(user, plan):
    if not user.has_perm("reports.generate", plan.partnership):
        raise PermissionDenied


@require_GET
def report_list(request, slug):
    plan = _get_plan_for_user(request.user, slug)
    return render(
        request,
        "reports/report_list.html",
        {
            "plan": plan,
            "saved": committee_reports(plan),
            "generated": generated_reports(plan),
            "may_generate": request.user.has_perm("reports.generate", plan.partnership),
        },
    )


@require_http_methods(["GET", "POST"])
def report_new(request, slug):
    """A new report, starting from the last one's settings and prose (or defaults)."""
    plan = _get_plan_for_user(request.user, slug)
    _require_to_generate(request.user, plan)
    report = committee_report_start_from_latest(plan=plan, today=timezone.localdate())
    return _builder(request, plan, report)


@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = _get_report_for_user(request.user, pk)
    _require_to_generate(request.user, report.plan)
    return _builder(request, report.plan, report)


def _builder(request, plan, report):
    form = CommitteeReportForm(posted(request), instance=report)
    refusal = None
    if request.method == "POST" and form.is_valid():
        edited = form.report_fields()
        version = form.cleaned_data.get("version")
        refusal = save_unless_changed_meanwhile(
            lambda: services.committee_report_save(
                report=report, saved_by=request.user, expected_version=version, **edited
            ),
            started_at=version,
            edited=edited,
            form_over=lambda current, initial: CommitteeReportForm(
                instance=current, initial=initial
            ),
        )
        if refusal is None:
            messages.success(request, REPORT_SAVED)
            return redirect("reports:report-edit", pk=report.pk)
        form = refusal.form
    return render(
        request,
        "reports/report_builder.html",
        {
            "plan": plan,
            "report": report,
            "form": form,
            **(refusal.context() if refusal else {}),
        },
        status=refusal.status if refusal else 200,
    )


@require_POST
def report_generate(request, pk):
    report = _get_report_for_user(request.user, pk)
    _require_to_generate(request.user, report.plan)
    return _generate(request, report.plan, report, allowed={"docx", "pdf"})


@require_POST
def plan_export(request, slug):
    plan = _get_plan_for_user(request.user, slug)
    _require_to_generate(request.user, plan)
    return _generate(request, plan, None, allowed={"xlsx", "csv"})


def _generate(request, plan, report, *, allowed):
    form = GenerateForm(request.POST)
    if not form.is_valid() or form.cleaned_data["format"] not in allowed:
        raise Http404("No such format.")
    generated = services.document_generate(
        plan=plan,
        format=form.cleaned_data["format"],
        report=report,
        generated_by=request.user,
        today=timezone.localdate(),
    )
    return redirect("reports:generated-download", pk=generated.pk)


@require_GET
def generated_download(request, pk):
    """A generated document exactly as it was made, for any member of its partnership."""
    generated = get_object_or_404(
        GeneratedReport.objects.filter(plan__in=plans_visible_to(request.user)).select_related(
            "plan__partnership"
        ),
        pk=pk,
    )
    export_downloaded(
        request=request,
        partnership=generated.plan.partnership,
        filename=generated.filename,
        small_numbers_hidden=True,
    )
    return FileResponse(
        generated.document.open("rb"),
        as_attachment=True,
        filename=generated.filename,
        content_type=content_type_for(generated.filename),
    )
