from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("<int:pk>/briefing/", views.briefing, name="briefing"),
    path("<int:pk>/briefing.pdf", views.briefing_pdf, name="briefing-pdf"),
]
