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
