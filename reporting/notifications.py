"""One-click unsubscribe (RFC 8058) from the optional kinds of e-mail: a signed token
naming the person and the kind, and the headers that let a mail program offer it."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from reporting.models import OPTIONAL_NOTIFICATIONS, Notification

SALT = "reporting.unsubscribe"


def unsubscribe_token(*, person, kind: str) -> str:
    if kind not in OPTIONAL_NOTIFICATIONS:
        raise ValueError(f"{kind} cannot be switched off")
    return signing.dumps({"person": person.pk, "kind": kind}, salt=SALT)


def read_unsubscribe_token(token: str) -> tuple[int, Notification] | None:
    """The person's id and the kind a token stops; None if it was not made by us."""
    try:
        value = signing.loads(token, salt=SALT)
        kind = Notification(value["kind"])
        person_id = int(value["person"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if kind not in OPTIONAL_NOTIFICATIONS:
        return None
    return person_id, kind


def unsubscribe_url(*, person, kind: str) -> str:
    token = unsubscribe_token(person=person, kind=kind)
    return settings.SITE_URL + reverse("reporting:unsubscribe", args=[token])


def unsubscribe_headers(*, person, kind: str) -> dict[str, str]:
    """The headers of a message of an optional kind, so that a mail program's own
    unsubscribe button stops that kind with one POST."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(person=person, kind=kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
