"""Builds the demonstration partnership. Idempotent: what exists already is left alone."""

import datetime
from collections import Counter
from collections.abc import Callable

from auditlog.context import set_actor
from django.db import transaction

from demo import data
from meetings.models import Clause, Decision, Meeting, MeetingAction, TermsOfReference
from meetings.schedule import regular_meeting_dates
from meetings.services import meeting_create, standard_agenda_create
from partners.models import Membership, Organisation, Partnership, Person, Strand
from partners.services import strands_ensure
from reports.models import CommitteeReport, default_implications
from trends.models import Area, Count, Measure
from trends.periods import Period, parse_period
from workstreams.models import Action, ActionPlan, Objective, Priority, Workstream
from workstreams.services import progress_update_create, status_review_create


class DemoLoad:
    """Creates what is missing and counts what it created, per kind of record."""

    def __init__(self, *, today: datetime.date, progress: Callable[[str], None] | None = None):
        self.today = today
        self.progress = progress or (lambda message: None)
        self.created: Counter[str] = Counter()
        self.accounts: list[tuple[str, str, str]] = []

    def get_or_create(self, model, defaults=None, **lookup):
        instance, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            self.created[model._meta.verbose_name_plural] += 1
        return instance, created

    @transaction.atomic
    def run(self) -> "DemoLoad":
        organisations = self.load_organisations()
        partnership = self.load_partnership(organisations)
        self.load_people(partnership, organisations)
        self.load_plan(partnership, organisations)
        self.load_terms_of_reference(partnership)
        self.load_meetings(partnership, organisations)
        self.load_progress(partnership)
        self.load_committee_report()
        self.load_statistics(partnership)
        return self

    def load_organisations(self) -> dict[str, Organisation]:
        self.progress("Organisations")
        if created := strands_ensure():
            self.created["strands"] += created
        organisations = {}
        for name, short_name, kind in [
            *data.MEMBER_ORGANISATIONS,
            *data.BOARDS,
            *data.ADVISORY_GROUPS,
        ]:
            organisations[name], _ = self.get_or_create(
                Organisation, name=name, defaults={"short_name": short_name, "kind": kind}
            )
        return organisations

    def load_partnership(self, organisations: dict[str, Organisation]) -> Partnership:
        self.progress("Partnership")
        fields = dict(data.PARTNERSHIP)
        partnership, created = self.get_or_create(
            Partnership, slug=fields.pop("slug"), defaults=fields
        )
        if created:
            partnership.reports_to.set(organisations[name] for name, _, _ in data.BOARDS)
            partnership.advised_by.set(organisations[name] for name, _, _ in data.ADVISORY_GROUPS)
        return partnership

    def load_people(self, partnership: Partnership, organisations: dict[str, Organisation]):
        self.progress("People, memberships and demo accounts")
        for spec in data.DEMO_ACCOUNTS:
            self.person(spec, partnership, organisations, can_sign_in=True)
        for spec in data.DEMO_MEMBERS:
            self.person(spec, partnership, organisations, can_sign_in=False)
        self.person(
            data.SERVICE_ADMIN, partnership, organisations, can_sign_in=True, service_admin=True
        )
        self.person(data.SUPERUSER, partnership, organisations, can_sign_in=True, superuser=True)

    def person(
        self,
        spec: data.DemoPerson,
        partnership,
        organisations,
        *,
        can_sign_in,
        superuser=False,
        service_admin=False,
    ):
        person, created = self.get_or_create(
            Person,
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@example.org",
                "organisation": organisations.get(spec.organisation),
                "job_title": spec.job_title,
                "is_staff": superuser,
                "is_superuser": superuser,
                "is_service_admin": service_admin,
            },
        )
        if created:
            if can_sign_in:
                password = f"{spec.username}{data.DEMO_PASSWORD_SUFFIX}"
                person.set_password(password)
                self.accounts.append((spec.username, password, str(person)))
            else:
                person.set_unusable_password()
            person.save(update_fields=["password"])
        if spec.role:
            self.membership(partnership, person, spec.role, spec.strands)

    def membership(self, partnership, person, role, strand_codes):
        membership, created = self.get_or_create(
            Membership,
            partnership=partnership,
            person=person,
            ended_on=None,
            defaults={"role": role},
        )
        if created and strand_codes:
            membership.strands.set(Strand.objects.filter(code__in=strand_codes))

    def load_plan(self, partnership: Partnership, organisations: dict[str, Organisation]):
        self.progress("Action plan: priorities, objectives, workstreams and actions")
        fields = dict(data.PLAN)
        plan, _ = self.get_or_create(
            ActionPlan, slug=fields.pop("slug"), defaults={"partnership": partnership, **fields}
        )
        priorities = {}
        for label, title in data.PRIORITIES:
            priorities[label], _ = self.get_or_create(
                Priority, plan=plan, label=label, defaults={"title": title}
            )
        objectives = {}
        for label, title, priority_labels in data.OBJECTIVES:
            objectives[label], created = self.get_or_create(
                Objective,
                plan=plan,
                label=label,
                defaults={"title": title, "priorities_inferred": True},
            )
            if created:
                objectives[label].priorities.set(priorities[p] for p in priority_labels)
        for spec in data.WORKSTREAMS:
            workstream, created = self.get_or_create(
                Workstream,
                plan=plan,
                letter=spec["letter"],
                defaults={
                    "title": spec["title"],
                    "lead_in": spec["lead_in"],
                    "leads_as_written": spec.get("leads_as_written", ""),
                    "leads_inferred": spec.get("leads_inferred", False),
                    "objectives_inferred": True,
                },
            )
            if created:
                workstream.lead_organisations.set(organisations[name] for name in spec["leads"])
                workstream.objectives.set(objectives[label] for label in spec["objectives"])
            self.load_actions(workstream, spec["actions"], spec.get("private_actions", []))
        for letter, label, strand_codes in data.ACTION_STRANDS:
            action = Action.objects.get(
                workstream__plan=plan, workstream__letter=letter, parent=None, label=label
            )
            if not action.strands.exists():
                action.strands.set(Strand.objects.filter(code__in=strand_codes))

    def load_actions(self, workstream: Workstream, actions, private_labels):
        for position, (label, text, sub_items) in enumerate(actions, start=1):
            action, _ = self.get_or_create(
                Action,
                workstream=workstream,
                parent=None,
                label=label,
                defaults={
                    "text": text,
                    "position": position,
                    "public": label not in private_labels,
                },
            )
            for sub_position, (sub_label, sub_text) in enumerate(sub_items, start=1):
                self.get_or_create(
                    Action,
                    workstream=workstream,
                    parent=action,
                    label=sub_label,
                    defaults={"text": sub_text, "position": sub_position},
                )

    def load_terms_of_reference(self, partnership: Partnership):
        self.progress("Terms of reference")
        spec = dict(data.TERMS_OF_REFERENCE)
        clauses = spec.pop("clauses")
        terms, _ = self.get_or_create(
            TermsOfReference,
            partnership=partnership,
            version=spec.pop("version"),
            defaults={"status": TermsOfReference.Status.CURRENT, **spec},
        )
        for number, body in enumerate(clauses, start=1):
            self.get_or_create(Clause, terms=terms, number=number, defaults={"body": body})

    def load_meetings(self, partnership: Partnership, organisations: dict[str, Organisation]):
        self.progress("Meetings")
        for spec in data.HELD_MEETINGS:
            fields = dict(spec)
            decisions = fields.pop("decisions")
            meeting, created = self.get_or_create(
                Meeting,
                partnership=partnership,
                date=fields.pop("date"),
                defaults={"status": Meeting.Status.HELD, **fields},
            )
            if created and meeting.kind == Meeting.Kind.QUARTERLY:
                standard_agenda_create(meeting)
            for text in decisions:
                self.get_or_create(Decision, meeting=meeting, text=text)
            if meeting.date == data.PLAN["adopted_on"]:
                for description, owner, status in data.DEMO_MEETING_ACTIONS:
                    self.get_or_create(
                        MeetingAction,
                        meeting=meeting,
                        description=description,
                        defaults={"owner_organisation": organisations[owner], "status": status},
                    )
        # The next four quarters from the day the demonstration is first loaded, so
        # that the demonstration always has meetings to come.
        if not partnership.meetings.filter(status=Meeting.Status.SCHEDULED).exists():
            start_time, end_time = data.SCHEDULED_MEETING_TIMES
            dates = regular_meeting_dates(
                after=self.today,
                meetings_per_year=data.TERMS_OF_REFERENCE["meetings_per_year"],
                count=4,
            )
            for date in dates:
                meeting_create(
                    partnership=partnership, date=date, start_time=start_time, end_time=end_time
                )
                self.created["meetings"] += 1

    def load_progress(self, partnership: Partnership):
        """Illustrative progress, added only to actions that have none yet."""
        self.progress("Illustrative progress updates and reviews")
        actions = Action.objects.filter(workstream__plan__partnership=partnership)
        already_reported = set(actions.filter(updates__isnull=False).values_list("pk", flat=True))
        for spec in data.DEMO_UPDATES:
            action = actions.get(
                workstream__letter=spec.letter, parent__label=spec.parent_label, label=spec.label
            )
            if action.pk in already_reported:
                continue
            author = Person.objects.get(username=spec.author)
            with set_actor(author):  # the history names the author, as the timeline does
                progress_update_create(
                    action=action,
                    author=author,
                    status=spec.status,
                    percent_complete=spec.percent,
                    confidence=spec.confidence,
                    narrative=spec.narrative,
                    as_at=self.today - datetime.timedelta(days=spec.days_ago),
                    may_be_published=spec.may_be_published,
                )
            self.created["progress updates"] += 1
        chair = Person.objects.get(username="chair")
        for letter, label, outcome, comment in data.DEMO_REVIEWS:
            latest = actions.get(
                workstream__letter=letter, parent=None, label=label
            ).updates.first()
            if latest and not latest.reviews.exists():
                with set_actor(chair):
                    status_review_create(
                        update=latest,
                        reviewer=chair,
                        outcome=outcome,
                        comment=comment,
                        tell_the_lead=False,
                    )
                self.created["status reviews"] += 1

    def load_committee_report(self):
        self.progress("The committee report")
        spec = dict(data.COMMITTEE_REPORT)
        crime_and_disorder = spec.pop("crime_and_disorder")
        implications = default_implications() | {"Crime and Disorder": crime_and_disorder}
        plan = ActionPlan.objects.get(slug=data.PLAN["slug"])
        self.get_or_create(
            CommitteeReport,
            plan=plan,
            committee_date=spec.pop("committee_date"),
            defaults={**spec, "implications": implications},
        )

    def load_statistics(self, partnership: Partnership):
        self.progress("Statistics")
        areas = {}
        for name, larger in data.STATISTICS_AREAS:
            areas[name], _ = self.get_or_create(
                Area, partnership=partnership, name=name, defaults={"part_of": areas.get(larger)}
            )
        measures = {}
        for name, direction, description, objective_labels in data.MEASURES:
            measure, created = self.get_or_create(
                Measure,
                partnership=partnership,
                slug=Measure.slug_for(name),
                defaults={"name": name, "good_direction": direction, "description": description},
            )
            if created:
                measure.objectives.set(
                    Objective.objects.filter(
                        plan__slug=data.PLAN["slug"], label__in=objective_labels
                    )
                )
            measures[name] = measure
        for name, area, year, value, source in data.PUBLISHED_COUNTS:
            self.count(measures[name], areas[area], None, parse_period(year), value, source)
        for name, area, first, values, by_strand in data.ILLUSTRATIVE_MONTHS:
            month = parse_period(first)
            for value in values:
                self.illustrative_month(measures[name], areas[area], month, value, by_strand)
                month = month.shifted(1)

    def illustrative_month(self, measure, area, month: Period, value: int, by_strand: bool):
        source = data.ILLUSTRATIVE_SOURCE
        self.count(measure, area, None, month, value, source, illustrative=True)
        if by_strand:
            parts = data.split_by_share(value, data.ILLUSTRATIVE_STRAND_SHARES)
            for code, part in parts.items():
                self.count(measure, area, code, month, part, source, illustrative=True)

    def count(self, measure, area, strand_code, period: Period, value, source, illustrative=False):
        self.get_or_create(
            Count,
            measure=measure,
            area=area,
            strand_id=strand_code,
            period_kind=period.kind,
            period_start=period.start,
            defaults={"value": value, "source": source, "illustrative": illustrative},
        )
