"""Writes to a person's own account."""

from django.db import transaction

from partners.models import Person


@transaction.atomic
def person_details_update(
    *, person: Person, first_name: str, last_name: str, job_title: str
) -> Person:
    person.first_name = first_name
    person.last_name = last_name
    person.job_title = job_title
    person.full_clean()
    person.save(update_fields=["first_name", "last_name", "job_title"])
    return person
