"""Reads for the project-wide pages."""

from partners.models import Membership, Partnership
from partners.rules import role_in
from partners.selectors import partnerships_visible_to


def home_partnerships(user) -> list[Partnership]:
    """The user's partnerships with their plans, each marked with the user's role in it."""
    partnerships = list(partnerships_visible_to(user).prefetch_related("action_plans"))
    for partnership in partnerships:
        role = role_in(user, partnership.pk)
        partnership.viewer_role = Membership.Role(role).label if role else None
    return partnerships
