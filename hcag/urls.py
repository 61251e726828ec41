from django.contrib import admin
from django.urls import include, path

from hcag import views

urlpatterns = [
    path("", include("accounts.allauth_urls")),
    path("account/", include("accounts.urls")),
    path("security/", include("security.urls")),
    path("", include("partners.urls")),
    path("", include("overview.urls")),
    path("accessibility/", views.accessibility_statement, name="accessibility-statement"),
    path("", include("workstreams.urls")),
    path("", include("meetings.urls")),
    path("", include("reports.urls")),
    path("", include("reporting.urls")),
    path("partnerships/<slug:slug>/trends/", include("trends.urls")),
    path("", include("publishing.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]
