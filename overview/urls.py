from django.urls import path

from overview import views

app_name = "overview"
urlpatterns = [
    path("", views.home, name="home"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership-detail"),
    path("plans/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/actions/", views.plan_actions, name="plan-actions"),
    path("my-actions/", views.my_actions, name="my-actions"),
]
