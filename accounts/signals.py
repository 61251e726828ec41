"""Signals that apps above accounts listen to (the security event log), so that accounts
need not import them."""

from django.dispatch import Signal

# Sent when a person signs themselves out of every other browser.
# Arguments: request, person, ended (how many sessions).
other_sessions_signed_out = Signal()

# Sent inside the transaction of a service administrator's reset of someone's second
# factor. Arguments: person (whose it was), by (the administrator).
second_factor_reset = Signal()
