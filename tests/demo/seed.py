"""The seed report's words that the demo must reproduce, shared by the tests of the demo
and of the documents made from it."""

SEED_WORKSTREAMS = {
    "A": (
        "Develop a multi-agency communications strategy, demonstrating a cross-organisation "
        "and cross-sector approach, including a message that there should be zero-tolerance "
        "of hate crime."
    ),
    "B": "A review of reporting mechanisms and pathways",
    "C": "Review how organisations share intelligence",
    "D": "Review the use of evidence to ensure prosecutions",
    "E": "Map support for victims and identify gaps",
}
SEED_ACTION_SAMPLE = [
    ("A", None, "i", "Be developed by an external party, covering:"),
    ("A", "ii", "e", "Young people"),
    ("A", None, "v", "Include a Durham & Darlington brand / logo"),
    (
        "B",
        None,
        "i",
        "Identify how hate crime be reported at present – and to who (local and national sources)",
    ),
    ("C", None, "iv", "Make recommendations"),
    ("D", None, "iii", "Identify how and when advocacy other victim support services are used"),
    ("E", None, "i", "ODPCVC to carry out review and report back to JHCAG, with recommendations"),
]


# Paragraphs of the seed report, word for word.
SEED_PARAGRAPH_2 = (
    "The Joint Hate Crime Action group was formed as a delivery group in November 2013 "
    "following the suggestion of the Police & Crime Commissioner. The purpose of the group "
    "was to deliver one coordinated action plan between statutory and voluntary partners."
)
SEED_PARAGRAPH_7 = (
    "On 4 July the PCVC hosted a Hate Crime Conference at the Xcel Centre in Newton Aycliffe. "
    "The conference was attended by 120 people from a very wide range of organisations in the "
    "public and voluntary sectors. One of the key elements of the conference was a series of "
    "twenty workshops at which delegates tried to identify some workstreams to help achieve "
    "the JHCAG's objectives."
)
SEED_PARAGRAPH_8 = (
    "The JHCAG then met on 10 September to distil ideas and initiatives from the conference "
    "into the following five clear workstreams. Collectively, these are the new Joint Hate "
    "Crime Action Plan."
)
# Paragraph 5 names it "Ron Hogg's recently refreshed Police, Crime and Victim's Plan".
SEED_PRIORITIES_SOURCE = "Police, Crime and Victim's Plan"

# The seed's cover, then its headed sections: each heading, and each numbered paragraph
# as (number, text, [(letter, point), …]), word for word.
SEED_COVER = [
    "Safer Stronger Communities Overview and Scrutiny Committee",
    "21 September 2018",
    "County Durham and Darlington Hate Crime Action Group: update",
    "Report of Alan Reiss, Chief of Staff, Office of the Durham Police, Crime and Victims' "
    "Commissioner",
]
SEED_SECTIONS = [
    ("Purpose of the Report", [(1, (
        "To provide members of the Safer, Stronger Communities Overview and Scrutiny Committee "
        "with an update on the work of the Hate Crime Action Group (HCAG) for County Durham and "
        "Darlington."), [])]),
    ("Background", [
        (2, SEED_PARAGRAPH_2, []),
        (3, "The group meets every quarter and is chaired from the Office of the Police, Crime "
            "and Victims' Commissioner. The Group's Terms of Reference are attached at "
            "Appendix 2.", []),
        (4, "In practice the group has two broad functions:", [
            ("a", "To hold service-providing organisations to account"),
            ("b", "To oversee the delivery of initiatives to address hate crime"),
        ]),
    ]),
    ("Aims", [
        (5, "Ron Hogg's recently refreshed Police, Crime and Victim's Plan contains several "
            "priorities which are relevant to the work of this Group, including:", [
            ("a", "Tackle and Reduce Hate Crime"),
            ("b", "Ensure that victims are supported at all stages of the criminal justice "
                  "system"),
            ("c", "Safeguard vulnerable people"),
        ]),
        (6, "Earlier this year the Joint Hate Crime Action Group (JHCAG) distilled four "
            "objectives which support the priorities in Ron's Plan:", [
            ("a", "Understand and reduce the true level of hate crimes and incidents"),
            ("b", "Increase reporting of hate incidents"),
            ("c", "Provide effective support for victims"),
            ("d", "Ensure effective prosecutions"),
        ]),
    ]),
    ("New Joint Hate Crime Action Plan", [
        (7, SEED_PARAGRAPH_7, []),
        (8, SEED_PARAGRAPH_8, []),
    ]),
    ("Future meetings", [
        (9, "Over the next year, the JHCAG will:", [
            ("a", "Monitor progress against the five workstreams in the Action Plan"),
            ("b", "Hold the Police to account for putting measures in place to tackle and "
                  "reduce hate crime"),
            ("c", "Hold the two Councils to account for delivery of measures to tackle and "
                  "reduce hate crime"),
            ("d", "Review the Community Cohesion Toolkit which Durham County Council has "
                  "produced, and consider whether it can have wider application to other "
                  "service providers"),
            ("e", "Report to the Safe Durham Partnership and the Darlington Community Safety "
                  "Partnership."),
        ]),
    ]),
    ("Recommendations", [(10, (
        "The Safer, Stronger Communities Overview and Scrutiny Committee is recommended to note "
        "and comment on the contents of the report."), [])]),
]  # fmt: skip

# Each workstream's lead line as the seed prints it; E has none in the seed (the demo's
# is inferred, and says so).
SEED_LEAD_LINES = {
    "A": "Lead organisation: Office of Police, Crime and Victims Commissioner",
    "B": "Lead organisation: Durham Constabulary",
    "C": "Lead organisation: Durham Constabulary",
    "D": "Lead organisations: Crown Prosecution Service and Darlington Borough Council",
}

SEED_ACTION_TEXTS = [
    "Be developed by an external party, covering:",
    "Aim at a variety of audiences:",
    "Victims",
    "Offenders",
    "Partner organisations",
    "General public",
    "Young people",
    "Clarify what is meant by 'hate'",
    "Feature good news stories",
    "Include a Durham & Darlington brand / logo",
    "Cover all protected characteristics",
    "Identify how hate crime be reported at present – and to who (local and national sources)",
    "Identify any gaps, and how they might be filled",
    "Identify what staff do when they receive a report of hate crime",
    "Share good practice (including via a video) of what to do when hate crime is reported, "
    "including to third party reporting centres",
    "Map the sharing of intelligence between organisations",
    "Identify gaps",
    "Identify good practice",
    "Make recommendations",
    "Map the use of evidence at present",
    "Consider how it is used at different stages of the victim and perpetrator journeys",
    "Identify how and when advocacy other victim support services are used",
    "Consider how these contribute to outcomes and make recommendations",
    "ODPCVC to carry out review and report back to JHCAG, with recommendations",
]
