"""A partnership's published content as open data: CSV tables and one JSON document,
both made from the public page's content (publishing.selectors), so that they show
exactly what it shows."""

from publishing.selectors import (
    STATISTICS_COLUMNS,
    PublicPage,
    published_count_rows,
    published_items,
)
from workstreams.models import Action

ACTIONS_COLUMNS = [
    "Plan",
    "Workstream",
    "Workstream title",
    "Reference",
    "Action",
    "Responsible organisations",
    "Target date",
    "Status",
    "Percentage complete",
    "As at",
    "What has happened",
]
DECISIONS_COLUMNS = ["Meeting date", "Meeting", "Decision"]
TABLES = {"actions", "decisions", "statistics"}
NO_CONFIRMED_PROGRESS = "No confirmed progress yet"


def responsible_organisations(workstream, action: Action) -> list[str]:
    owner = action.owner_organisation
    if owner is not None:
        return [owner.name]
    return [organisation.name for organisation in workstream.lead_organisations.all()]


def actions_rows(page: PublicPage) -> list[list]:
    return [
        [
            plan.title,
            workstream.letter,
            workstream.title,
            action.reference,
            action.text,
            "; ".join(responsible_organisations(workstream, action)),
            action.target_date,
            action.progress.status_label if action.progress.status else NO_CONFIRMED_PROGRESS,
            action.progress.percent if action.progress.status else None,
            action.progress.as_at,
            action.published_narrative,
        ]
        for plan, workstream, action in published_items(page.plans)
    ]


def decisions_rows(page: PublicPage) -> list[list]:
    return [
        [decision.meeting.date, decision.meeting.display_title, decision.text]
        for decision in page.decisions
    ]


def table(page: PublicPage, name: str) -> tuple[list[str], list[list]]:
    """The columns and rows of one of TABLES."""
    if name == "actions":
        return ACTIONS_COLUMNS, actions_rows(page)
    if name == "decisions":
        return DECISIONS_COLUMNS, decisions_rows(page)
    return STATISTICS_COLUMNS, published_count_rows(page.partnership)


def _date(value):
    return value.isoformat() if value else None


def _progress(action_or_workstream) -> dict:
    progress = action_or_workstream.progress
    return {
        "status": progress.status_label if progress.status else None,
        "percent_complete": progress.percent if progress.status else None,
        "as_at": _date(progress.as_at),
    }


def _action(workstream, action: Action) -> dict:
    return {
        "reference": action.reference,
        "text": action.text,
        "responsible_organisations": responsible_organisations(workstream, action),
        "target_date": _date(action.target_date),
        **_progress(action),
        "what_has_happened": action.published_narrative,
        "sub_items": [_action(workstream, sub_item) for sub_item in action.sub_item_list],
    }


def document(page: PublicPage, *, urls: dict[str, str]) -> dict:
    """The whole of the published content, with its licence; `urls` are the public
    page's and the CSV tables' addresses."""
    partnership, terms = page.partnership, page.terms
    return {
        "partnership": partnership.name,
        "public_page": urls["page"],
        "last_updated": _date(page.updated),
        "licence": {
            "name": partnership.get_open_data_licence_display(),
            "url": partnership.open_data_licence_url,
        },
        "tables": {name: urls[name] for name in sorted(TABLES)},
        "about": {
            "last_updated": _date(page.about_updated),
            "purpose": partnership.purpose,
            "functions": partnership.function_list(),
            "terms_of_reference": {
                "version": terms.version,
                "approved_on": _date(terms.approved_on),
                "preamble": terms.preamble,
                "clauses": [clause.body for clause in terms.clauses.all()],
            }
            if terms
            else None,
        },
        "plans": {
            "last_updated": _date(page.plan_updated),
            "plans": [
                {
                    "title": published.plan.title,
                    "description": published.plan.description,
                    "workstreams": [
                        {
                            "letter": workstream.letter,
                            "title": workstream.title,
                            "lead_organisations": [
                                organisation.name
                                for organisation in workstream.lead_organisations.all()
                            ],
                            **_progress(workstream),
                            "actions": [
                                _action(workstream, action) for action in workstream.action_list
                            ],
                        }
                        for workstream in published.workstreams
                    ],
                }
                for published in page.plans
            ],
        },
        "meetings": {
            "last_updated": _date(page.meetings_updated),
            "next_meeting": {
                "date": _date(page.next_meeting.date),
                "kind": page.next_meeting.get_kind_display(),
            }
            if page.next_meeting
            else None,
            "decisions": [
                dict(zip(["meeting_date", "meeting", "decision"], row, strict=True))
                | {"meeting_date": _date(row[0])}
                for row in decisions_rows(page)
            ],
        },
        "statistics": {
            "last_updated": _date(page.statistics_updated),
            "counts": [_count(row) for row in published_count_rows(partnership)],
        },
    }


def _count(row: list) -> dict:
    """A row of published_count_rows, where a hidden count's place holds its label."""
    measure, period, area, strand, count, hidden_because, source, illustrative = row
    hidden = isinstance(count, str)
    return {
        "measure": measure,
        "period": period,
        "area": area,
        "strand": strand,
        "count": None if hidden else count,
        "hidden_as": count if hidden else None,
        "hidden_because": hidden_because or None,
        "source": source,
        "illustrative": illustrative == "yes",
    }
