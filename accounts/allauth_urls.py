"""django-allauth's pages at this service's addresses, under the names allauth reverses
(no namespace). Signing up is left out: accounts come from invitations."""

from allauth.account import views as allauth_views
from django.urls import include, path, re_path

from accounts import views

urlpatterns = [
    # LOGIN_URL is "login"; allauth reverses "account_login".
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/", views.SignInView.as_view(), name="account_login"),
    path("sign-out/", views.sign_out, name="logout"),
    path("sign-out/", views.sign_out, name="account_logout"),
    # Two-factor sign-in (allauth.mfa): entering a code at sign-in, setting up an
    # authenticator app, recovery codes and re-authentication with a code.
    path("account/two-factor/", include("allauth.mfa.urls")),
    path("account/inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("account/reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("account/email/", views.email_change, name="account_email"),
    path(
        "account/email/confirm/",
        allauth_views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^account/email/confirm/(?P<key>[-:\w]+)/$",
        allauth_views.confirm_email,
        name="account_confirm_email",
    ),
    path("account/password/change/", views.password_change, name="account_change_password"),
    path("account/password/set/", allauth_views.password_set, name="account_set_password"),
    path("account/password/reset/", allauth_views.password_reset, name="account_reset_password"),
    path(
        "account/password/reset/done/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    re_path(
        r"^account/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "account/password/reset/key/done/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
