"""Dates and times in the GOV.UK style: “10 September 2018”, “9:30am”."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "g:ia"
DATETIME_FORMAT = "j F Y, g:ia"
SHORT_DATETIME_FORMAT = "j M Y, g:ia"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
