"""The secretariat decides what a partnership publishes."""

import rules

from partners.rules import is_secretariat

rules.add_perm("publishing.manage_publishing", is_secretariat)
