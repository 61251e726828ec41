"""The chair, a vice-chair and the secretariat write committee reports and generate
documents; every member downloads what has been generated."""

import rules

from partners.rules import is_chair_or_secretariat

rules.add_perm("reports.generate", is_chair_or_secretariat)
