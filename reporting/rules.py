"""Who may set when updates are due: the secretariat, who run the reporting cycle."""

import rules

from partners.rules import is_secretariat

rules.add_perm("reporting.manage_rounds", is_secretariat)
