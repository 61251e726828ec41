"""Whose account a sign-in attempt is for, whichever of its names was typed.

A person signs in with their username or their e-mail address. Counting failures against
what was typed would give a guesser two separate allowances for one account, so the
lockout (django-axes) and the back-off (accounts.backoff) both count against the account.
"""

from django.db.models import Q

from partners.models import Person


def account_key(login: str) -> str:
    """The account's username (lower case) if `login` is its username or e-mail address;
    otherwise what was typed, in lower case, so that guesses at names that do not exist
    are counted and answered the same way."""
    typed = login.strip().lower()
    if not typed:
        return ""
    username = (
        Person.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
        .order_by("pk")
        .values_list("username", flat=True)
        .first()
    )
    return (username or typed).lower()


def typed_login(request, credentials) -> str:
    """What the person typed in the sign-in form (or a re-authentication supplies)."""
    credentials = credentials or {}
    return (
        credentials.get("username")
        or credentials.get("email")
        or (request.POST.get("login", "") if request is not None else "")
    )


def username_for_lockout(request, credentials) -> str:
    """django-axes' AXES_USERNAME_CALLABLE."""
    return account_key(typed_login(request, credentials))
