from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(request, "hcag/accessibility_statement.html")
