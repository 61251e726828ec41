"""How django-allauth behaves here: nobody signs up (accounts come from invitations),
messages in GOV.UK's words, links in e-mails to SITE_URL, e-mail sent after the commit,
and failed sign-ins slowed down per account (accounts.backoff)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.urls import reverse

from accounts import backoff, emails
from accounts.signin import account_key, typed_login
from hcag.reauthentication import authenticated_recently
from partners.models import Person

SIGN_IN_MISMATCH = "Enter a correct username or email address and password"


def wait_message(seconds: int) -> str:
    if seconds < 60:
        return f"Wait {seconds} second{pluralize(seconds)}"
    minutes = -(-seconds // 60)
    return f"Wait {minutes} minute{pluralize(minutes)}"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been closed",
        "duplicate_email": "This is already your email address",
        "email_password_mismatch": SIGN_IN_MISMATCH,
        "username_password_mismatch": SIGN_IN_MISMATCH,
        "invalid_login": SIGN_IN_MISMATCH,
        "email_taken": "Enter a different email address",
        "enter_current_password": "Enter your current password correctly",
        "incorrect_password": "Enter your password correctly",
        "invalid_password_reset": "This link to reset your password has expired or been used",
        "too_many_login_attempts": (
            "There have been too many tries to sign in from your address: wait a few "
            "minutes, then try again"
        ),
        "same_as_current": "Enter an email address different from your current one",
        "rate_limited": "You have asked too many times: wait a few minutes, then try again",
    }

    def is_open_for_signup(self, request) -> bool:
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A password or code entered at sign-in counts as recent as one entered when
        asked (hcag.reauthentication)."""
        return super().is_reauthentication_required(app=app, **kwargs) and not (
            context.request is not None and authenticated_recently(context.request)
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        emails.queue_allauth_message(self.render_mail(template_prefix, email, context))

    def get_reset_password_from_key_url(self, key: str) -> str:
        uidb36, token = key.split("-", 1)
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": token})
        return settings.SITE_URL + path

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_password_change_redirect_url(self, request) -> str:
        return reverse("accounts:account")

    def get_email_verification_redirect_url(self, email_address) -> str:
        if self.request.user.is_authenticated:
            return reverse("accounts:account")
        return reverse("login")

    # Slowing down guesses at one account ---------------------------------------------

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        account = account_key(typed_login(request, credentials))
        if not account or backoff.is_known_browser(request, account):
            return
        seconds = backoff.wait_seconds(account)
        if seconds:
            raise ValidationError(
                f"There have been too many tries to sign in to this account. "
                f"{wait_message(seconds)}, then try again",
                code="backoff",
            )

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        account = account_key(typed_login(request, credentials))
        if not account or backoff.is_known_browser(request, account):
            return
        count = backoff.failure_recorded(account)
        if backoff.starts_waiting(count):
            person = Person.objects.filter(username__iexact=account).exclude(email="").first()
            if person is not None:
                emails.send_sign_in_attempts_warning(
                    email=person.email,
                    name=str(person),
                    failures=count,
                    minutes=settings.SIGN_IN_BACKOFF_WINDOW_MINUTES,
                )

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        backoff.remember_browser(response, user.username.lower())
        return response


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "Enter the code your authenticator app shows now, or a recovery code you have not used"
        ),
        "cannot_generate_recovery_codes": (
            "Turn on two-factor sign-in before making recovery codes"
        ),
        "cannot_delete_authenticator": "You cannot turn off two-factor sign-in",
        "add_email_blocked": "Your email address cannot be changed at the moment",
        "unverified_email": "Confirm your email address before turning on two-factor sign-in",
    }
