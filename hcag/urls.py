from django.contrib import admin
from django.urls import include, path

from hcag import views

urlpatterns = [
    path("", include("overview.urls")),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("accessibility/", views.accessibility_statement, name="accessibility-statement"),
    path("", include("workstreams.urls")),
    path("", include("meetings.urls")),
    path("", include("reports.urls")),
    path("partnerships/<slug:slug>/trends/", include("trends.urls")),
    path("admin/", admin.site.urls),
]
