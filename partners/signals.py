"""Signals that apps above partners listen to (the security event log), so that
partners need not import them."""

from django.dispatch import Signal

# Sent inside the transaction of a membership's change.
# Arguments: membership, change (one of "joined", "role", "strands", "ended"), detail (str).
membership_changed = Signal()
