"""A person's own account page, under /account/ (see also accounts.allauth_urls)."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("name/", views.details_edit, name="details-edit"),
    path("sign-out-elsewhere/", views.sign_out_elsewhere, name="sign-out-elsewhere"),
    path(
        "people/<int:pk>/two-factor/reset/",
        views.second_factor_reset,
        name="second-factor-reset",
    ),
    path(
        "calendar/<int:pk>/new-address/",
        views.calendar_address_renew,
        name="calendar-address-renew",
    ),
]
