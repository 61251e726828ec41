"""Who may run a partnership's meetings and governance, and who may file its reports.

The chair, a vice-chair and the secretariat run meetings, terms of reference, chair
reviews, reports and project groups. A representative of one of the partnership's
independent advisory groups may file the reports their own group sends it.
"""

import rules

from partners.rules import is_chair_or_secretariat, role_in


@rules.predicate
def represents_an_advisory_group(user, partnership) -> bool:
    return (
        role_in(user, partnership.pk) is not None
        and user.organisation_id is not None
        and partnership.advised_by.filter(pk=user.organisation_id).exists()
    )


rules.add_perm("meetings.run_meetings", is_chair_or_secretariat)
rules.add_perm("meetings.add_report", is_chair_or_secretariat | represents_an_advisory_group)
