"""Who may run a partnership's meetings and governance, and who may file its reports.

The chair, a vice-chair and the secretariat run meetings, terms of reference, chair
reviews, reports and project groups. A representative of one of the partnership's
independent advisory groups may file the reports their own group sends it. Once a
meeting's minutes are approved, its record is fixed (Meeting.is_fixed): no one changes
it.
"""

import rules

from partners.rules import is_chair_or_secretariat, role_in, runs_the_group


@rules.predicate
def represents_an_advisory_group(user, partnership) -> bool:
    return (
        role_in(user, partnership.pk) is not None
        and user.organisation_id is not None
        and partnership.advised_by.filter(pk=user.organisation_id).exists()
    )


@rules.predicate
def runs_the_meetings_group(user, meeting) -> bool:
    return runs_the_group(user, meeting.partnership_id)


@rules.predicate
def record_not_fixed(user, meeting) -> bool:
    return not meeting.is_fixed


rules.add_perm("meetings.run_meetings", is_chair_or_secretariat)
rules.add_perm("meetings.change_meeting_record", runs_the_meetings_group & record_not_fixed)
rules.add_perm("meetings.add_report", is_chair_or_secretariat | represents_an_advisory_group)
# Any report, from or to any organisation; a representative files only their group's.
rules.add_perm("meetings.add_any_report", is_chair_or_secretariat)
