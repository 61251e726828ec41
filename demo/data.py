"""The County Durham and Darlington Joint Hate Crime Action Group, as its report to the
Safer Stronger Communities Overview and Scrutiny Committee (21 September 2018) describes it.

Texts are the report's own words. What the report does not state is marked where it is
set, and flagged in the data so that pages and reports say it is inferred: which
objectives each workstream supports and which priorities each objective serves
(inferred from their wording), and workstream E's lead (the report names none). The
people are fictional, so that the demonstration names nobody real.
"""

import datetime
from typing import NamedTuple

from partners.models import Organisation, Strand

Kind = Organisation.Kind

# Organisations: (name, short name, kind). The first seven are the members named
# in clause 2 of the terms of reference. Lists show the short name where there is one
# ("Led by DBC"); the report calls the police force "Durham Constabulary", which is
# short enough already.
MEMBER_ORGANISATIONS = [
    ("Durham Constabulary", "", Kind.POLICE),
    ("Durham County Council", "DCC", Kind.LOCAL_AUTHORITY),
    ("Darlington Borough Council", "DBC", Kind.LOCAL_AUTHORITY),
    ("Crown Prosecution Service", "CPS", Kind.PROSECUTION),
    ("Victim Care and Advice Service", "VCAS", Kind.VICTIM_SERVICE),
    ("Office of the Durham Police, Crime and Victims' Commissioner", "ODPCVC", Kind.COMMISSIONER),
    ("Local Criminal Justice Board support team", "LCJB", Kind.CRIMINAL_JUSTICE),
]
BOARDS = [
    ("Safe Durham Partnership", "SDP", Kind.PARTNERSHIP_BOARD),
    ("Darlington Community Safety Partnership", "Darlington CSP", Kind.PARTNERSHIP_BOARD),
]
ADVISORY_GROUPS = [
    ("LGBTQ+ Independent Advisory Group", "LGBTQ+ IAG", Kind.ADVISORY_GROUP),
    ("BME Independent Advisory Group", "BME IAG", Kind.ADVISORY_GROUP),
    ("Disability Independent Advisory Group", "Disability IAG", Kind.ADVISORY_GROUP),
]

POLICE = "Durham Constabulary"
DARLINGTON = "Darlington Borough Council"
CPS = "Crown Prosecution Service"
COMMISSIONER = "Office of the Durham Police, Crime and Victims' Commissioner"

PARTNERSHIP = {
    "name": "County Durham and Darlington Joint Hate Crime Action Group",
    "public_page": True,
    "short_name": "JHCAG",
    "slug": "durham-darlington-jhcag",
    "formed_on": datetime.date(2013, 11, 1),
    # The report's paragraph 2, which also says when and why the group was formed.
    "purpose": (
        "The Joint Hate Crime Action group was formed as a delivery group in November 2013 "
        "following the suggestion of the Police & Crime Commissioner. The purpose of the group "
        "was to deliver one coordinated action plan between statutory and voluntary partners."
    ),
    "functions": (
        "To hold service-providing organisations to account\n"
        "To oversee the delivery of initiatives to address hate crime"
    ),
    "supported_by": "Strategic Demand and Reduction Command, Durham Constabulary",
}

PLAN = {
    "title": "Joint Hate Crime Action Plan",
    "slug": "durham-darlington-hate-crime-2018",
    # The report's paragraphs 7 and 8, one per line.
    "description": (
        "On 4 July the PCVC hosted a Hate Crime Conference at the Xcel Centre in Newton "
        "Aycliffe. The conference was attended by 120 people from a very wide range of "
        "organisations in the public and voluntary sectors. One of the key elements of the "
        "conference was a series of twenty workshops at which delegates tried to identify some "
        "workstreams to help achieve the JHCAG's objectives.\n"
        "The JHCAG then met on 10 September to distil ideas and initiatives from the conference "
        "into the following five clear workstreams. Collectively, these are the new Joint Hate "
        "Crime Action Plan."
    ),
    # As paragraph 5 names it ("Ron Hogg's recently refreshed Police, Crime and Victim's
    # Plan"), without the commissioner's name, so that "the …" reads on the dashboard too.
    "priorities_source": "Police, Crime and Victim's Plan",
    "adopted_on": datetime.date(2018, 9, 10),
}

PRIORITIES = [
    ("a", "Tackle and Reduce Hate Crime"),
    ("b", "Ensure that victims are supported at all stages of the criminal justice system"),
    ("c", "Safeguard vulnerable people"),
]

# (label, title, labels of the priorities it serves). The report says only that the
# objectives support the priorities; which serves which is inferred from the wording,
# and each objective is marked so (Objective.priorities_inferred).
OBJECTIVES = [
    ("a", "Understand and reduce the true level of hate crimes and incidents", ["a"]),
    ("b", "Increase reporting of hate incidents", ["a"]),
    ("c", "Provide effective support for victims", ["b", "c"]),
    ("d", "Ensure effective prosecutions", ["b"]),
]

# Each workstream: its letter, title, the words that introduce its actions, its lead
# organisations (and the report's wording of them, where it differs from their names),
# the objectives it supports (inferred, as above, and marked so:
# Workstream.objectives_inferred) and its actions as (label, text, [(label, text) of
# sub-items]).
WORKSTREAMS = [
    {
        "letter": "A",
        "title": (
            "Develop a multi-agency communications strategy, demonstrating a "
            "cross-organisation and cross-sector approach, including a message that there "
            "should be zero-tolerance of hate crime."
        ),
        "lead_in": "The strategy will:",
        "leads": [COMMISSIONER],
        "leads_as_written": "Office of Police, Crime and Victims Commissioner",
        "objectives": ["a", "b"],
        "actions": [
            ("i", "Be developed by an external party, covering:", []),
            (
                "ii",
                "Aim at a variety of audiences:",
                [
                    ("a", "Victims"),
                    ("b", "Offenders"),
                    ("c", "Partner organisations"),
                    ("d", "General public"),
                    ("e", "Young people"),
                ],
            ),
            ("iii", "Clarify what is meant by 'hate'", []),
            ("iv", "Feature good news stories", []),
            ("v", "Include a Durham & Darlington brand / logo", []),
            ("vi", "Cover all protected characteristics", []),
        ],
    },
    {
        "letter": "B",
        "title": "A review of reporting mechanisms and pathways",
        "lead_in": "",
        "leads": [POLICE],
        "objectives": ["b"],
        "actions": [
            (
                "i",
                "Identify how hate crime be reported at present – and to who "
                "(local and national sources)",
                [],
            ),
            ("ii", "Identify any gaps, and how they might be filled", []),
            ("iii", "Identify what staff do when they receive a report of hate crime", []),
            (
                "iv",
                "Share good practice (including via a video) of what to do when hate crime "
                "is reported, including to third party reporting centres",
                [],
            ),
        ],
    },
    {
        "letter": "C",
        "title": "Review how organisations share intelligence",
        "lead_in": "",
        "leads": [POLICE],
        "objectives": ["a"],
        # Which intelligence is shared, and where it is not, is operational: the secretariat
        # keeps these two off the public page.
        "private_actions": ["i", "ii"],
        "actions": [
            ("i", "Map the sharing of intelligence between organisations", []),
            ("ii", "Identify gaps", []),
            ("iii", "Identify good practice", []),
            ("iv", "Make recommendations", []),
        ],
    },
    {
        "letter": "D",
        "title": "Review the use of evidence to ensure prosecutions",
        "lead_in": "",
        "leads": [CPS, DARLINGTON],
        "objectives": ["c", "d"],
        "actions": [
            ("i", "Map the use of evidence at present", []),
            (
                "ii",
                "Consider how it is used at different stages of the victim and perpetrator "
                "journeys",
                [],
            ),
            ("iii", "Identify how and when advocacy other victim support services are used", []),
            ("iv", "Consider how these contribute to outcomes and make recommendations", []),
        ],
    },
    {
        "letter": "E",
        "title": "Map support for victims and identify gaps",
        "lead_in": "",
        # The report names no lead for E; its action gives the review to the ODPCVC.
        "leads": [COMMISSIONER],
        "leads_inferred": True,
        "objectives": ["c"],
        "actions": [
            ("i", "ODPCVC to carry out review and report back to JHCAG, with recommendations", []),
        ],
    },
]

TERMS_OF_REFERENCE = {
    "version": 1,
    "meetings_per_year": 4,
    "chair_review_season": "spring",
    "preamble": (
        "The Hate Crime Action Group (HCAG) exists to take forward initiatives to address the "
        "PCVC's objective, in his Police Crime and Victims' Plan, to:\n"
        "Tackle and reduce hate crime"
    ),
    "clauses": [
        "In so doing it will:\n"
        "- Monitor trends in statistics related to hate crime, and incidents\n"
        "- Aim to identify trends as they emerge\n"
        "- Consider evidence from member organisations and a wide range of stakeholders "
        "including communities affected by hate crime, about the impact of hate crime and how "
        "best to address it\n"
        "- Work together, as a group of partner organisations, to develop and implement plans "
        "and strategies to deal with those trends, drawing on good practice locally, nationally "
        "and internationally\n"
        "- Comment on the success of initiatives designed to reduce hate crime, or the impact "
        "of hate crime",
        "Membership of the Group will include representatives from:\n"
        "- Durham Constabulary\n"
        "- Durham County Council\n"
        "- Darlington Borough Council\n"
        "- Crown Prosecution Service\n"
        "- Victim Care and Advice Service (VCAS)\n"
        "- Office of the Durham Police, Crime and Victims' Commissioner\n"
        "- Local Criminal Justice Board support team\n"
        "The group will also include a diverse range of members of the community, who can "
        "represent the interests of people who are affected by the different strands of hate "
        "crime.",
        "The Group will review and decide who its chair should be once a year, during the "
        "Spring. There will be no limit to the number of years that someone can chair the "
        "Group.",
        "The Group will be supported by the Strategic Demand and Reduction Command within "
        "Durham Constabulary.",
        "The Group will meet four times a year, with communication taking place by e-mail "
        "between meetings.",
        "The Group will also set up Project Groups as necessary. These will have a remit, if "
        "necessary, to identify funding sources for projects.",
        "The Group will send reports to the Safe Durham Partnership and the Darlington "
        "Community Safety Partnership. It will also receive reports from the three Independent "
        "Advisory Groups, covering: LGBTQ+, BME and Disability",
    ],
}

HELD_MEETINGS = [
    {
        "kind": "conference",
        "title": "Hate Crime Conference",
        "date": datetime.date(2018, 7, 4),
        "location": "Xcel Centre, Newton Aycliffe",
        # The report's paragraph 7.
        "summary": PLAN["description"].splitlines()[0],
        "decisions": [],
    },
    {
        "kind": "quarterly",
        "title": "",
        "date": datetime.date(2018, 9, 10),
        "location": "",
        # The report's paragraph 8.
        "summary": PLAN["description"].splitlines()[1],
        "decisions": [
            "Adopt workstreams A to E as the new Joint Hate Crime Action Plan.",
        ],
    },
]
SCHEDULED_MEETING_TIMES = (datetime.time(10, 0), datetime.time(12, 0))


class DemoPerson(NamedTuple):
    """A fictional person of the demonstration; role is their membership's, if any."""

    username: str
    first_name: str
    last_name: str
    organisation: str | None = None
    job_title: str = ""
    role: str | None = None
    strands: tuple[str, ...] = ()


DEMO_PASSWORD_SUFFIX = "-demo-2018"  # noqa: S105 - published, development only

# The strands of hate crime an action concerns, where its words say so:
# (workstream letter, action label, strand codes). A.vi covers every protected
# characteristic, and so every monitored strand.
ACTION_STRANDS = [
    ("A", "vi", ["race", "religion", "sexual-orientation", "disability", "transgender"]),
]

# One account per role of the design, plus someone who belongs to no partnership, a
# service administrator and a superuser for the admin. Each signs in with "<username>-demo-2018".
DEMO_ACCOUNTS = [
    DemoPerson(
        "secretariat",
        "Morgan",
        "Reed",
        COMMISSIONER,
        "Policy and partnerships officer",
        "secretariat",
    ),
    DemoPerson("chair", "Jordan", "Hale", COMMISSIONER, "Head of partnerships", "chair"),
    DemoPerson("police.lead", "Priya", "Shah", POLICE, "Inspector, community cohesion", "member"),
    DemoPerson("council.lead", "Tom", "Barker", DARLINGTON, "Community safety manager", "member"),
    DemoPerson(
        "community.member",
        "Aisha",
        "Rahman",
        role="member",
        strands=(Strand.Code.RACE, Strand.Code.RELIGION),
    ),
    DemoPerson("outsider", "Casey", "Morgan"),
]
SUPERUSER = DemoPerson("admin", "Site", "Administrator")
# Runs the installation without being a member of any partnership: creates partnerships,
# invites their first secretariat member and keeps the organisations register.
SERVICE_ADMIN = DemoPerson("service.admin", "Sam", "Okafor", COMMISSIONER, "Service administrator")

# Members without an account: a representative of each other member organisation,
# two more community members and a representative of each advisory group.
DEMO_MEMBERS = [
    DemoPerson(
        "helen.ward",
        "Helen",
        "Ward",
        "Durham County Council",
        "Community cohesion officer",
        "member",
    ),
    DemoPerson("david.osei", "David", "Osei", CPS, "Hate crime coordinator", "member"),
    DemoPerson(
        "lucy.bell", "Lucy", "Bell", "Victim Care and Advice Service", "Service manager", "member"
    ),
    DemoPerson(
        "mark.hughes",
        "Mark",
        "Hughes",
        "Local Criminal Justice Board support team",
        "Support team manager",
        "member",
    ),
    DemoPerson(
        "sam.taylor",
        "Sam",
        "Taylor",
        role="member",
        strands=(Strand.Code.SEXUAL_ORIENTATION, Strand.Code.TRANSGENDER),
    ),
    DemoPerson("grace.okafor", "Grace", "Okafor", role="member", strands=(Strand.Code.DISABILITY,)),
    DemoPerson(
        "alex.kerr",
        "Alex",
        "Kerr",
        "LGBTQ+ Independent Advisory Group",
        "Chair of the advisory group",
        "adviser",
        (Strand.Code.SEXUAL_ORIENTATION, Strand.Code.TRANSGENDER),
    ),
    DemoPerson(
        "imran.ali",
        "Imran",
        "Ali",
        "BME Independent Advisory Group",
        "Chair of the advisory group",
        "adviser",
        (Strand.Code.RACE, Strand.Code.RELIGION),
    ),
    DemoPerson(
        "ruth.lowe",
        "Ruth",
        "Lowe",
        "Disability Independent Advisory Group",
        "Chair of the advisory group",
        "adviser",
        (Strand.Code.DISABILITY,),
    ),
]


class DemoUpdate(NamedTuple):
    """An illustrative progress report (not from the seed), dated days before loading."""

    letter: str
    parent_label: str | None
    label: str
    author: str
    status: str
    percent: int
    confidence: str
    narrative: str
    days_ago: int
    may_be_published: bool = False  # its author agreed the narrative may be public


DEMO_UPDATES = [
    DemoUpdate("A", None, "i", "secretariat", "on-track", 50, "high",
               "Three agencies have tendered to develop the strategy; the panel meets next "
               "month.", 40, True),
    DemoUpdate("A", None, "iii", "secretariat", "complete", 100, "high",
               "A shared definition of 'hate' agreed with the three Independent Advisory "
               "Groups.", 45, True),
    DemoUpdate("A", "ii", "a", "secretariat", "on-track", 30, "medium",
               "Draft messages for victims shared with VCAS for comment.", 30),
    DemoUpdate("A", "ii", "e", "secretariat", "at-risk", 10, "low",
               "No youth organisation has yet agreed to test the messages.", 20),
    DemoUpdate("B", None, "i", "police.lead", "on-track", 60, "high",
               "Local and national reporting routes mapped, including True Vision.", 60, True),
    DemoUpdate("B", None, "i", "police.lead", "on-track", 75, "high",
               "Routes checked with the victim care service; write-up under way.", 10, True),
    DemoUpdate("B", None, "ii", "police.lead", "at-risk", 20, "low",
               "Third-party reporting centres have been slow to answer the survey.", 14),
    DemoUpdate("B", None, "iv", "police.lead", "not-started", 0, "medium",
               "The video will follow the review of what staff do with reports.", 14),
    DemoUpdate("C", None, "i", "police.lead", "on-track", 40, "medium",
               "Data-sharing agreements collected from four partners.", 35),
    DemoUpdate("C", None, "ii", "police.lead", "off-track", 10, "low",
               "Two partners have not yet shared their agreements.", 5),
    DemoUpdate("D", None, "i", "council.lead", "on-track", 50, "medium",
               "The prosecution service and the council have mapped the evidence used in 30 "
               "recent cases.", 25, True),
    DemoUpdate("E", None, "i", "secretariat", "on-track", 25, "medium",
               "The review of victim support services has begun with VCAS.", 15, True),
]  # fmt: skip

# The chair's reviews of the latest status of two actions: (letter, label, outcome, comment).
DEMO_REVIEWS = [
    ("B", "i", "confirmed", ""),
    ("C", "ii", "challenged", "Two partners missed the deadline: please give a recovery date."),
]

# The action log of the 10 September 2018 meeting, from the report's "Future meetings".
DEMO_MEETING_ACTIONS = [
    (
        "Review the Community Cohesion Toolkit which Durham County Council has produced, and "
        "consider whether it can have wider application to other service providers",
        "Durham County Council",
        "open",
    ),
    (
        "Report to the Safe Durham Partnership and the Darlington Community Safety Partnership",
        COMMISSIONER,
        "open",
    ),
]

# The report itself, as the settings of the plan's first committee report.
COMMITTEE_REPORT = {
    "title": "County Durham and Darlington Hate Crime Action Group: update",
    "committee": "Safer Stronger Communities Overview and Scrutiny Committee",
    "committee_date": datetime.date(2018, 9, 21),
    "report_of": "Alan Reiss, Chief of Staff",
    "report_of_organisation": "Office of the Durham Police, Crime and Victims' Commissioner",
    # Paragraph 3's words for who chairs the group, and paragraphs 5 and 6's openings.
    "chaired_from": "the Office of the Police, Crime and Victims' Commissioner",
    "priorities_introduction": (
        "Ron Hogg's recently refreshed Police, Crime and Victim's Plan contains several "
        "priorities which are relevant to the work of this Group, including:"
    ),
    "objectives_introduction": (
        "Earlier this year the Joint Hate Crime Action Group (JHCAG) distilled four objectives "
        "which support the priorities in Ron's Plan:"
    ),
    "purpose": (
        "To provide members of the Safer, Stronger Communities Overview and Scrutiny Committee "
        "with an update on the work of the Hate Crime Action Group (HCAG) for County Durham "
        "and Darlington."
    ),
    "future_work": (
        "Monitor progress against the five workstreams in the Action Plan\n"
        "Hold the Police to account for putting measures in place to tackle and reduce hate "
        "crime\n"
        "Hold the two Councils to account for delivery of measures to tackle and reduce hate "
        "crime\n"
        "Review the Community Cohesion Toolkit which Durham County Council has produced, and "
        "consider whether it can have wider application to other service providers\n"
        "Report to the Safe Durham Partnership and the Darlington Community Safety Partnership."
    ),
    "recommendations": (
        "The Safer, Stronger Communities Overview and Scrutiny Committee is recommended to "
        "note and comment on the contents of the report."
    ),
    # With the report's own line breaks, and a blank line between the two contacts.
    "contacts": (
        "Jon Carling, Head of Policy and Communications,\n"
        "Office of the Durham Police and Crime Commissioner\n"
        "jon.carling@durham.pcc.pnn.gov.uk\n"
        "\n"
        "Dave Dove, Cohesion Unit Supervisor –\n"
        "Hate Crime Lead / Equality & Diversity, Durham Constabulary\n"
        "david.dove@durham.pnn.police.uk"
    ),
    "crime_and_disorder": "A key focus for the Hate Crime Action Group",
}

# Statistics ---------------------------------------------------------------------------

COUNTY = "County Durham"
FORCE_AREA = "Durham police force area"
# (area, the larger area it is part of): the force covers County Durham and Darlington.
STATISTICS_AREAS = [(FORCE_AREA, None), (COUNTY, FORCE_AREA), ("Darlington", FORCE_AREA)]
INCIDENTS = "Reported hate incidents"
CRIMES = "Recorded hate crimes"
# (name, which way is good, description, labels of the objectives it tells about)
MEASURES = [
    (
        INCIDENTS,
        "up",
        "Hate incidents reported to the police, crimes or not. The group wants more victims "
        "to come forward, so a rise is welcome.",
        ["b"],
    ),
    (
        CRIMES,
        "neither",
        "Hate crimes the police recorded. A rise may mean more crime or better reporting and "
        "recording, so a change either way is worth a look.",
        ["a"],
    ),
]
FACTSHEET = "Durham County Council, hate crime factsheet"
CONSTABULARY = "Durham Constabulary, recorded hate crimes in the year to March 2018"

# Published financial-year figures: (measure, area, year, count, source).
PUBLISHED_COUNTS = [
    (INCIDENTS, COUNTY, "2014/15", 444, FACTSHEET),
    (INCIDENTS, COUNTY, "2015/16", 381, FACTSHEET),
    (INCIDENTS, COUNTY, "2018/19", 360, FACTSHEET),
    (INCIDENTS, COUNTY, "2019/20", 441, FACTSHEET),
    (CRIMES, COUNTY, "2014/15", 168, FACTSHEET),
    (CRIMES, COUNTY, "2015/16", 202, FACTSHEET),
    (CRIMES, COUNTY, "2018/19", 555, FACTSHEET),
    (CRIMES, COUNTY, "2019/20", 723, FACTSHEET),
    (CRIMES, FORCE_AREA, "2017/18", 517, CONSTABULARY),
]

# Made-up monthly breakdowns, so that the charts, changes, small-number suppression and
# emerging-trend flags have something to show. Labelled "illustrative, not real"
# everywhere. County Durham's months add up to the published years (555 and 723 recorded
# hate crimes; 441 reported incidents in 2019/20), and 2019/20 ends in a March spike.
ILLUSTRATIVE_SOURCE = "Illustrative, not real: made up for the demonstration"
ILLUSTRATIVE_MONTHS = [
    # (measure, area, first month, monthly counts, split by strand?)
    (CRIMES, COUNTY, "2018-04", [42, 45, 47, 50, 44, 46, 48, 45, 43, 47, 49, 49], True),
    (CRIMES, COUNTY, "2019-04", [55, 56, 58, 60, 57, 56, 58, 57, 55, 56, 59, 96], True),
    (CRIMES, "Darlington", "2019-04", [8, 6, 9, 4, 7, 10, 5, 3, 8, 6, 7, 9], False),
    (INCIDENTS, COUNTY, "2019-04", [33, 34, 35, 36, 33, 34, 35, 34, 33, 35, 36, 63], False),
]  # fmt: skip
# Each strand's made-up share of a month's recorded hate crimes.
ILLUSTRATIVE_STRAND_SHARES = {
    "race": 0.68,
    "sexual-orientation": 0.12,
    "disability": 0.09,
    "religion": 0.08,
    "transgender": 0.03,
}


def split_by_share(total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` split in proportion to `shares`, rounded so that the parts add up to it
    (largest remainder first)."""
    exact = {key: total * share for key, share in shares.items()}
    parts = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: exact[key] - parts[key], reverse=True)
    for key in by_remainder[: total - sum(parts.values())]:
        parts[key] += 1
    return parts
