"""Who may read the security event log."""

import rules

from partners.rules import is_secretariat_anywhere, runs_the_service

rules.add_perm("security.view_events", runs_the_service | is_secretariat_anywhere)
