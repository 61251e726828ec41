"""Reads of a partnership's governance: terms of reference and meetings."""

from meetings.models import TermsOfReference
from partners.models import Partnership


def current_terms_of_reference(partnership: Partnership) -> TermsOfReference | None:
    return (
        partnership.terms_of_reference.filter(status=TermsOfReference.Status.CURRENT)
        .prefetch_related("clauses")
        .first()
    )
