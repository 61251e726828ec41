from django.urls import path

from workstreams import views

app_name = "workstreams"
urlpatterns = [
    path("<slug:slug>/", views.plan_detail, name="plan-detail"),
]
