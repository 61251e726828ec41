"""Who may read the security event log."""

import rules

from partners.rules import is_secretariat_anywhere, runs_the_service

reads_security_log = runs_the_service | is_secretariat_anywhere

rules.add_perm("security.view_events", reads_security_log)
# The same rule for the navigation, tested without the permission backends' queries.
rules.add_rule("security.reads_log", reads_security_log)
