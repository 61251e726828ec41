"""The secretariat imports and edits a partnership's statistics and alone sees its small
numbers; every other member reads them with small numbers hidden."""

import rules

from partners.rules import is_secretariat

rules.add_perm("trends.manage_statistics", is_secretariat)
rules.add_perm("trends.see_small_numbers", is_secretariat)
