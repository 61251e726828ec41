"""The organisations register shared by every partnership: a secretariat adds to it;
service administrators also rename, merge and retire organisations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcag.editing import ChangedMeanwhile, save_unless_changed_meanwhile
from hcag.http import posted
from partners import services
from partners.forms import OrganisationEditForm, OrganisationForm, OrganisationMergeForm, SearchForm
from partners.models import Organisation
from partners.selectors import organisations_register
from partners.views.access import get_organisation_to_manage, require_to_see_the_register

ORGANISATIONS_PER_PAGE = 25
ADDED = "{organisation} has been added to the register."
SAVED = "{organisation} has been saved."
RETIRED = "{organisation} has been retired: it is no longer offered for anything new."
RESTORED = "{organisation} is offered again."
MERGED = "{duplicate} has been merged into {survivor}."
CHANGED_MEANWHILE = "Someone else changed this organisation meanwhile: look again, then retry."


@require_GET
def organisation_list(request):
    require_to_see_the_register(request.user)
    search = SearchForm(request.GET)
    search.fields["q"].label = "Search by name"
    include_retired = request.GET.get("retired") == "yes"
    organisations = organisations_register(search=search.search(), include_retired=include_retired)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "search_form": search,
            "include_retired": include_retired,
            "page": Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "may_manage": request.user.has_perm("partners.manage_organisations"),
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_add(request):
    require_to_see_the_register(request.user)
    form = OrganisationForm(posted(request), submit="Add the organisation")
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_add(**form.cleaned_data)
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            messages.success(request, ADDED.format(organisation=organisation))
            return redirect("partners:organisation-list")
    return render(request, "partners/organisation_form.html", {"form": form, "adding": True})


@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = get_organisation_to_manage(request.user, pk)
    form = OrganisationEditForm(posted(request), instance=organisation)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edited = {name: data[name] for name in Organisation.EDITABLE_FIELDS}
        try:
            refusal = save_unless_changed_meanwhile(
                lambda: services.organisation_update(
                    organisation=organisation, expected_version=data["version"], **edited
                ),
                started_at=data["version"],
                edited=edited,
                form_over=lambda current, initial: OrganisationEditForm(
                    instance=current, initial=initial
                ),
            )
        except ValidationError as problems:
            form.add_error(None, problems)
        else:
            if refusal is None:
                messages.success(request, SAVED.format(organisation=organisation))
                return redirect("partners:organisation-list")
            form = refusal.form
    return render(
        request,
        "partners/organisation_form.html",
        {"form": form, "organisation": organisation, **(refusal.context() if refusal else {})},
        status=refusal.status if refusal else 200,
    )


@require_http_methods(["GET", "POST"])
def organisation_retire(request, pk):
    organisation = get_organisation_to_manage(request.user, pk)
    if request.method == "POST":
        try:
            services.organisation_retire(organisation=organisation)
        except (ValidationError, ChangedMeanwhile):
            messages.warning(request, CHANGED_MEANWHILE)
        else:
            messages.success(request, RETIRED.format(organisation=organisation))
        return redirect("partners:organisation-list")
    return render(request, "partners/organisation_retire.html", {"organisation": organisation})


@require_POST
def organisation_restore(request, pk):
    organisation = get_organisation_to_manage(request.user, pk)
    try:
        services.organisation_restore(organisation=organisation)
    except ChangedMeanwhile:
        messages.warning(request, CHANGED_MEANWHILE)
    else:
        messages.success(request, RESTORED.format(organisation=organisation))
    return redirect("partners:organisation-list")


@require_http_methods(["GET", "POST"])
def organisation_merge(request, pk):
    """Choose the organisation to keep; the next page says what moves, and merges."""
    duplicate = get_organisation_to_manage(request.user, pk)
    form = OrganisationMergeForm(posted(request), duplicate=duplicate)
    if request.method == "POST" and form.is_valid():
        return redirect(
            "partners:organisation-merge-confirm",
            pk=duplicate.pk,
            survivor=form.cleaned_data["survivor"].pk,
        )
    return render(
        request, "partners/organisation_merge.html", {"form": form, "duplicate": duplicate}
    )


@require_http_methods(["GET", "POST"])
def organisation_merge_confirm(request, pk, survivor):
    duplicate = get_organisation_to_manage(request.user, pk)
    survivor = get_object_or_404(
        Organisation.objects.offered().filter(~Q(pk=duplicate.pk)), pk=survivor
    )
    if request.method == "POST":
        try:
            services.organisation_merge(duplicate=duplicate, survivor=survivor)
        except (ValidationError, ChangedMeanwhile):
            messages.warning(request, CHANGED_MEANWHILE)
        else:
            messages.success(request, MERGED.format(duplicate=duplicate, survivor=survivor))
        return redirect("partners:organisation-list")
    return render(
        request,
        "partners/organisation_merge_confirm.html",
        {
            "duplicate": duplicate,
            "survivor": survivor,
            "moves": services.organisation_merge_preview(duplicate),
        },
    )
