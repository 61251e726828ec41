from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("<slug:slug>/", views.partnership_detail, name="partnership-detail"),
]
