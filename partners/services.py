"""Writes to partners' records."""

from partners.models import Strand


def strands_ensure() -> int:
    """Make sure the fixed vocabulary of strands exists (after every `migrate` and
    `flush`, see PartnersConfig, and before the demo loads); returns how many were created."""
    created = 0
    for position, code in enumerate(Strand.Code.values, start=1):
        _, was_created = Strand.objects.update_or_create(code=code, defaults={"position": position})
        created += was_created
    return created
