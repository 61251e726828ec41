"""A partnership's statistics: trend pages for members, import and set-up for the
secretariat, and exports with small numbers hidden."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.held import HeldFiles
from hcag.http import attachment, posted, posted_files
from hcag.reauthentication import require_recent_authentication
from hcag.spreadsheets import render_csv, render_xlsx
from partners.selectors import get_partnership_for_user
from security.services import export_downloaded
from trends import services
from trends.forms import (
    AreaForm,
    ImportConfirmForm,
    MeasureForm,
    StatisticsImportForm,
    ThresholdForm,
)
from trends.importing import FORMATS_HELP, ImportRejected, problems_csv, template_table
from trends.models import Area, Measure
from trends.selectors import EXPORT_COLUMNS, export_rows, measure_trends, statistics_index

LAYOUTS = {"long", "wide"}
PROBLEMS_FILE = "problems.csv"
PREVIEW_ROWS = 100  # counts replaced listed before an import is confirmed
IMPORT_NO_LONGER_HELD = (
    "The file is no longer kept, so nothing was imported: upload it again to import it"
)
DOWNLOAD_FORMATS = {"csv", "xlsx"}
held = HeldFiles("statistics-imports")


def _may_manage(user, partnership) -> bool:
    return user.has_perm("trends.manage_statistics", partnership)


def _require_to_manage(user, partnership):
    if not _may_manage(user, partnership):
        raise PermissionDenied


def _sees_small_numbers(user, partnership) -> bool:
    return user.has_perm("trends.see_small_numbers", partnership)


@require_GET
def trends_index(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    sees_small_numbers = _sees_small_numbers(request.user, partnership)
    return render(
        request,
        "trends/trends_index.html",
        {
            "partnership": partnership,
            "index": statistics_index(partnership, sees_small_numbers=sees_small_numbers),
            "may_manage": _may_manage(request.user, partnership),
        },
    )


@require_GET
def measure_detail(request, slug, measure):
    partnership = get_partnership_for_user(request.user, slug)
    measure = get_object_or_404(partnership.measures, slug=measure)
    sees_small_numbers = _sees_small_numbers(request.user, partnership)
    return render(
        request,
        "trends/measure_detail.html",
        {
            "partnership": partnership,
            "trends": measure_trends(measure, sees_small_numbers=sees_small_numbers),
            "sees_small_numbers": sees_small_numbers,
            "may_manage": _may_manage(request.user, partnership),
        },
    )


@require_http_methods(["GET", "POST"])
def statistics_import(request, slug):
    """Check a file of counts. One that would replace counts held goes to a page saying
    which, so that nothing is replaced before the secretariat confirms; one that would
    not is imported at once."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    form = StatisticsImportForm(posted(request), posted_files(request))
    problems_token = None
    if request.method == "POST" and form.is_valid():
        upload, illustrative = form.cleaned_data["file"], form.cleaned_data["illustrative"]
        data = upload.read()
        try:
            records = services.statistics_file_records(
                partnership=partnership, filename=upload.name, data=data
            )
        except ImportRejected as rejected:
            problems_token = _rejected(request, form, rejected)
        else:
            replacements = services.import_replacements(partnership=partnership, records=records)
            if replacements:
                token = held.hold(request.user, upload.name, data)
                return _confirm_import(
                    request, partnership, upload.name, records, replacements, token, illustrative
                )
            batch = services.statistics_import(
                partnership=partnership,
                records=records,
                filename=upload.name,
                imported_by=request.user,
                illustrative=illustrative,
            )
            return _imported(request, partnership, batch)
    return _import_page(request, partnership, form, problems_token)


@require_POST
def statistics_import_confirm(request, slug):
    """Import a file held since its check, once the secretariat has seen what it
    replaces. It is checked again, whole, as it is imported."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    confirmation = ImportConfirmForm(request.POST)
    found = held.held(request.user, confirmation.data.get("token", ""))
    if not confirmation.is_valid() or found is None:
        messages.error(request, IMPORT_NO_LONGER_HELD)
        return redirect("trends:import", slug=partnership.slug)
    filename, data = found
    try:
        batch = services.statistics_import_file(
            partnership=partnership,
            filename=filename,
            data=data,
            imported_by=request.user,
            illustrative=confirmation.cleaned_data["illustrative"],
        )
    except ImportRejected as rejected:
        form = StatisticsImportForm()
        problems_token = _rejected(request, form, rejected)
        return _import_page(request, partnership, form, problems_token)
    held.release(request.user, confirmation.cleaned_data["token"])
    return _imported(request, partnership, batch)


def _rejected(request, form, rejected: ImportRejected) -> str | None:
    """Show why a file was refused; the token of the full list of its problems, when the
    page shows only some."""
    form.reject(rejected)
    if len(form.problems) > len(form.problems_shown):
        return held.hold(request.user, PROBLEMS_FILE, problems_csv(form.problems))
    return None


def _imported(request, partnership, batch):
    replaced = f", replacing {batch.replaced:,} held before" if batch.replaced else ""
    messages.success(request, f"{batch.rows:,} counts imported from {batch.filename}{replaced}.")
    return redirect("trends:index", slug=partnership.slug)


def _import_page(request, partnership, form, problems_token):
    return render(
        request,
        "trends/import.html",
        {
            "partnership": partnership,
            "form": form,
            "formats_help": FORMATS_HELP,
            "measures": partnership.measures.all(),
            "areas": partnership.areas.all(),
            "problems_token": problems_token,
        },
    )


def _confirm_import(request, partnership, filename, records, replacements, token, illustrative):
    deleted = sum(1 for replacement in replacements if replacement.value is None)
    return render(
        request,
        "trends/import_confirm.html",
        {
            "partnership": partnership,
            "filename": filename,
            "rows": len(records),
            "replacements": replacements[:PREVIEW_ROWS],
            "replaced": len(replacements),
            "deleted": deleted,
            "form": ImportConfirmForm(initial={"token": token, "illustrative": illustrative}),
            "back_url": reverse("trends:import", args=[partnership.slug]),
        },
    )


@require_GET
def import_problems(request, slug, token):
    """Every problem in a file that was refused, listed on its page only in part."""
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    found = held.held(request.user, token)
    if found is None:
        raise Http404("The list of problems is no longer kept: import the file again.")
    return attachment(found[1], PROBLEMS_FILE)


@require_GET
def import_template(request, slug, layout, format):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    if layout not in LAYOUTS or format not in DOWNLOAD_FORMATS:
        raise Http404("No such template.")
    columns, rows = template_table(partnership, layout)
    return _download(columns, rows, f"counts-{layout}-layout.{format}", title="Counts")


@require_GET
def export(request, slug, format, measure=None):
    """Every count (or one measure's) as CSV or XLSX, small numbers hidden for everyone."""
    partnership = get_partnership_for_user(request.user, slug)
    if format not in DOWNLOAD_FORMATS:
        raise Http404("No such format.")
    name = partnership.slug
    if measure is not None:
        measure = get_object_or_404(partnership.measures, slug=measure)
        name = f"{name}-{measure.slug}"
    rows = export_rows(partnership, measure=measure)
    filename = f"{name}-statistics.{format}"
    export_downloaded(
        request=request, partnership=partnership, filename=filename, small_numbers_hidden=True
    )
    return _download(EXPORT_COLUMNS, rows, filename, title=partnership.name)


def _download(columns, rows, filename, *, title) -> HttpResponse:
    if filename.endswith(".csv"):
        content = render_csv(columns, rows)
    else:
        content = render_xlsx(
            columns, rows, title=title, sheet_title="Counts", widths={1: 14, 2: 20, 4: 28, 6: 30}
        )
    return attachment(content, filename)


@require_http_methods(["GET", "POST"])
def measure_form(request, slug, measure=None):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    instance = get_object_or_404(partnership.measures, slug=measure) if measure else Measure()
    form = MeasureForm(posted(request), instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        objectives = list(data.pop("objectives"))
        saved = services.measure_save(measure=instance, objectives=objectives, **data)
        messages.success(request, f"“{saved.name}” has been saved.")
        return redirect(saved)
    back_url = instance.get_absolute_url() if instance.pk else reverse("trends:index", args=[slug])
    return render(
        request,
        "trends/measure_form.html",
        {"partnership": partnership, "form": form, "measure": instance, "back_url": back_url},
    )


@require_POST
def usual_measures_add(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    added = services.usual_measures_add(partnership=partnership)
    if added:
        names = ", ".join(measure.name for measure in added)
        messages.success(request, f"Added: {names}.")
    else:
        messages.info(request, "The partnership has every usual measure already.")
    return redirect("trends:index", slug=partnership.slug)


@require_http_methods(["GET", "POST"])
def area_form(request, slug, pk=None):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    instance = get_object_or_404(partnership.areas, pk=pk) if pk else Area()
    name = instance.name  # as saved: binding the form changes the instance
    form = AreaForm(posted(request), instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        area = services.area_save(
            area=instance, name=form.cleaned_data["name"], part_of=form.cleaned_data["part_of"]
        )
        messages.success(request, f"“{area.name}” has been {'saved' if pk else 'added'}.")
        return redirect("trends:index", slug=partnership.slug)
    return render(
        request,
        "trends/area_form.html",
        {
            "partnership": partnership,
            "form": form,
            "area_name": name,
            "back_url": reverse("trends:index", args=[slug]),
        },
    )


@require_http_methods(["GET", "POST"])
def small_numbers(request, slug):
    partnership = get_partnership_for_user(request.user, slug)
    _require_to_manage(request.user, partnership)
    require_recent_authentication(request)
    form = ThresholdForm(posted(request), instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.small_number_threshold_set(
            partnership=partnership, threshold=form.cleaned_data["small_number_threshold"]
        )
        messages.success(
            request, f"Counts below {partnership.small_number_threshold} are now hidden."
        )
        return redirect("trends:index", slug=partnership.slug)
    return render(
        request,
        "trends/small_numbers_form.html",
        {
            "partnership": partnership,
            "form": form,
            "back_url": reverse("trends:index", args=[slug]),
        },
    )
