"""Writes the demo case's nursery observations workbook (fictional data) next to this file.

Run ``python -m resources.demo.make_nursery_xlsx`` after editing OBSERVATIONS; commit both files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADERS = ("Date", "Key Person", "Area of Learning", "Observation", "Next Steps", "Concern level")
JF = "Jodie Fairbairn"
NH = "Nadia Hussain (Room Leader)"
CL = "Communication and Language"
PSED = "Personal, Social and Emotional Development"
PD = "Physical Development"

# (date, key person, area of learning, observation, next steps, concern level)
OBSERVATIONS: list[tuple[dt.date, str, str, str, str, str]] = [
    (
        dt.date(2023, 9, 7),
        JF,
        PSED,
        "Elsie's first week. She cried when Mum left, settled after a cuddle with Jodie and then "
        "explored the water tray for a long time.",
        "Continue short settling sessions; send Hannah a photo at mid-morning.",
        "None",
    ),
    (
        dt.date(2023, 9, 21),
        JF,
        CL,
        "Elsie points to ask for things and uses about ten words, including 'more', 'juice', 'no' "
        "and 'Nana'.",
        "Use Makaton signs for 'more' and 'finished'; model two-word phrases at snack time.",
        "Low",
    ),
    (
        dt.date(2023, 10, 5),
        NH,
        PD,
        "Climbed the low frame and came down the slide on her tummy, laughing. Good balance.",
        "Offer the balance beam and stepping stones outdoors.",
        "None",
    ),
    (
        dt.date(2023, 11, 2),
        JF,
        PSED,
        "A visiting workman raised his voice in the corridor. Elsie hid under the table and would "
        "not come out for ten minutes; she covered her ears.",
        "Shared with Hannah at collection. Keep a calm corner available; monitor.",
        "Medium",
    ),
    (
        dt.date(2023, 11, 23),
        JF,
        "Expressive Arts and Design",
        "Playing with the dolls' house, Elsie made the 'daddy' doll bang on the door and said "
        "'Daddy shout'.",
        "DSL informed and the social worker told the same day. Record any further comments "
        "verbatim.",
        "Medium",
    ),
    (
        dt.date(2023, 12, 14),
        NH,
        "Understanding the World",
        "Helped to decorate the Christmas tree; named 'star' and 'red'. Watched the other children "
        "closely before joining in.",
        "Continue to encourage joining group activities.",
        "None",
    ),
    (
        dt.date(2024, 1, 19),
        JF,
        PSED,
        "Brought in by Nana for the third day running; Nana said Mum is 'poorly'. Elsie quiet at "
        "drop-off but settled with a favourite book.",
        "Check in with Hannah next week; share with the social worker.",
        "Low",
    ),
    (
        dt.date(2024, 2, 15),
        JF,
        CL,
        "Elsie is starting to put two words together: 'Mummy car', 'big dog', 'more bubbles'.",
        "Keep modelling and expanding; SALT group due in March.",
        "None",
    ),
    (
        dt.date(2024, 3, 7),
        NH,
        "Literacy",
        "Chose a book about moving house and told Jodie 'new house, my room'.",
        "Talk with Elsie about her new home; make a photo book with Hannah.",
        "None",
    ),
    (
        dt.date(2024, 4, 25),
        JF,
        PSED,
        "Clingy at drop-off on Monday and Tuesday after the first contact weekend; settled by mid-"
        "morning.",
        "Shared with Hannah; watch for a pattern after contact weekends.",
        "Low",
    ),
    (
        dt.date(2024, 5, 16),
        JF,
        PSED,
        "Hannah seemed very low at collection and said she had not slept. Elsie was quiet and "
        "held Hannah's hand tightly.",
        "DSL informed; shared with the social worker.",
        "Medium",
    ),
    (
        dt.date(2024, 6, 20),
        JF,
        PSED,
        "In role play Elsie put the baby to bed and said 'Mummy sad, Mummy crying'.",
        "DSL shared with the social worker; continue to offer Elsie time with her key person.",
        "Medium",
    ),
    (
        dt.date(2024, 7, 11),
        NH,
        PD,
        "Sports day: Elsie ran the whole race and jumped with two feet together. Nana and Mum "
        "cheered.",
        "Celebrate with a certificate in her learning journal.",
        "None",
    ),
    (
        dt.date(2024, 9, 12),
        JF,
        CL,
        "Using three-word sentences: 'Daddy got cars', 'I want the red one'. Talks about her "
        "weekend.",
        "Extend with 'why' and 'what happened' questions.",
        "None",
    ),
    (
        dt.date(2024, 10, 10),
        NH,
        "Mathematics",
        "Counted five ducks in the water tray and held up five fingers.",
        "Count during everyday routines; introduce numerals 1-5.",
        "None",
    ),
    (
        dt.date(2024, 11, 7),
        JF,
        "Expressive Arts and Design",
        "Dressed as a dinosaur all morning and led a 'roaring' game with three friends.",
        "Build on her confidence in group play.",
        "None",
    ),
    (
        dt.date(2024, 12, 12),
        JF,
        PSED,
        "Nativity: Elsie was a star and sang. Nana came; Mum did not attend, Nana said she was "
        "unwell.",
        "Share photos with Hannah; check in gently.",
        "Low",
    ),
    (
        dt.date(2025, 1, 16),
        JF,
        PSED,
        "Asked about her weekend, Elsie said 'Mummy crying in the car' and 'Daddy cross'.",
        "DSL informed; shared with the social worker the same day. Record verbatim.",
        "Medium",
    ),
    (
        dt.date(2025, 1, 23),
        NH,
        CL,
        "Elsie retold a story in sequence using 'first' and 'then'. Speech targets from SALT met.",
        "Share progress with Hannah and SALT.",
        "None",
    ),
    (
        dt.date(2025, 1, 30),
        JF,
        "Expressive Arts and Design",
        "Drew a picture of 'Mummy, Nana and me' and asked Jodie to write the names.",
        "Add to her learning journal.",
        "None",
    ),
]


def build(path: Path) -> Path:
    """Write the observations as a workbook with real Excel date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Observations"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for date, person, area, obs, steps, level in OBSERVATIONS:
        ws.append((dt.datetime.combine(date, dt.time()), person, area, obs, steps, level))
        ws.cell(row=ws.max_row, column=1).number_format = "dd/mm/yyyy"
    for col, width in zip("ABCDEF", (12, 26, 36, 70, 50, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    # A fixed timestamp keeps the file identical from one run to the next.
    stamp = dt.datetime(2025, 2, 10, 9, 0)
    wb.properties.creator = "Rowan Tree Day Nursery (fictional demo data)"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.save(path)
    _normalise(path, stamp)
    return path


def _normalise(path: Path, stamp: dt.datetime) -> None:
    """Fix the save time and the zip entries' times, so that rebuilding changes no byte."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as zin:
        members = [(info.filename, zin.read(info)) for info in zin.infolist()]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            zout.writestr(zipfile.ZipInfo(name, stamp.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    print(build(Path(__file__).with_name("nursery_observations.xlsx")))
