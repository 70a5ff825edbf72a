"""Invented words for generated cases: names, places, services and the ways agencies write.

All fictional and written for these generators; nothing here comes from any real record.
"""

from __future__ import annotations

FIRST = (
    "Aled", "Bronwen", "Caius", "Delyth", "Eamon", "Fenella", "Gethin", "Honor", "Idris",
    "Jolene", "Kit", "Lowri", "Magnus", "Nerys", "Osian", "Perpetua", "Quentin", "Rhiannon",
    "Seren", "Tobias", "Ulla", "Vaughan", "Wren", "Xander", "Yestin", "Zelda", "Anouk",
    "Bartosz", "Chidi", "Dagny", "Eilidh", "Folake", "Gunnar", "Hafsa", "Imogen", "Jago",
)  # fmt: skip
LAST = (
    "Abernethy", "Braithwaite", "Cadwallader", "Dimmock", "Egerton", "Fothergill", "Gwilliam",
    "Hebblethwaite", "Inchbald", "Jagger", "Kershaw", "Loveday", "Mapplebeck", "Nettleship",
    "Oyelaran", "Penhaligon", "Quarmby", "Rowntree", "Satterthwaite", "Tregaskis", "Umfreville",
    "Vosper", "Wadsworth", "Yelland", "Zawadzki", "Ashdown", "Blencowe", "Crabtree",
)  # fmt: skip
TOWNS = (
    "Harrowdene", "Quillbury", "Marlstone", "Tenbury Cross", "Oxleigh", "Wrenfold", "Calder Mill",
    "Bexmoor", "Ashcombe", "Stanwick Vale", "Pellmoor", "Dunholt",
)  # fmt: skip
STREETS = ("Mallow Road", "Coppice Lane", "Tanner's Row", "Linnet Close", "Saltings Way")

# An agency's name is built from a town and one of these.
SOCIAL_CARE = ("Children's Services", "Family Help Team", "Children in Need Team", "Social Care")
HEALTH_VISITING = ("Health Visiting Service", "0-19 Public Health Nursing", "Community Health")
HOSPITAL = ("General Hospital", "Children's Hospital", "Community Paediatrics", "NHS Trust")
POLICE = ("Constabulary", "Police", "Police Public Protection Unit")
NURSERY = ("Nursery", "Day Nursery", "Pre-school", "Early Years Centre")

# One service under the names different systems give it.
SERVICES = (
    ("Child Development Centre", "CDC", "developmental clinic", "child development clinic"),
    ("paediatric outpatients", "children's outpatient clinic", "paediatric clinic", "OPD"),
    ("speech and language therapy", "SALT", "speech therapy", "communication clinic"),
    ("audiology", "hearing clinic", "hearing test", "audiology department"),
    ("physiotherapy", "physio", "children's physio", "physiotherapy clinic"),
    ("dietitian", "feeding clinic", "nutrition clinic", "dietetics"),
)
# Topics a contact is about: one fact both agencies would mention, in their own words.
TOPICS = (
    ("sleeping arrangements", "where the baby sleeps", "cot and bedroom", "safe sleep"),
    ("weight gain", "weight", "growth chart", "feeding and weight"),
    ("speech", "words and babbling", "talking", "language"),
    ("contact with father", "the weekend contact", "father's contact", "contact arrangements"),
    ("nursery attendance", "attendance at nursery", "missed nursery sessions", "nursery days"),
    ("housing", "the damp flat", "rent arrears", "the housing move"),
    ("mother's low mood", "mother's mental health", "how mother is coping", "maternal mood"),
    ("immunisations", "vaccinations", "the booster jabs", "immunisation catch-up"),
)
# Conditional threats, told in many ways; each is followed by the risk topic it hangs on.
THREATS = (
    "mother said that if contact goes ahead she will kill herself and the children",
    "mum stated if they take the kids off her she would end it for all of them",
    "mother said she would rather harm herself and the baby than let father have him",
    "she threatened that if the court orders overnight stays she will take both their lives",
    "mother disclosed she has thought about hurting herself and the child if contact starts",
)
CALM = (
    "mother said she is managing and has support from her sister",
    "mum reported things are settled and the routine is working",
    "mother was calm and engaged well with the discussion",
    "no concerns raised by mother today",
    "mother said the new routine is helping",
)
OBSERVATIONS = (
    "child appeared well and was playing on the floor",
    "baby was settled in the pram throughout",
    "the flat was tidy and warm",
    "child babbled and made good eye contact",
    "there was food in the fridge and the kitchen was clean",
    "child was dressed appropriately and seemed content",
    "sibling was at school",
)
FOLLOW_UP = (
    "will review at the next visit",
    "to follow up next week",
    "plan agreed",
    "no further action needed",
    "will update the team",
    "next appointment booked",
)
# Hearings, named by their type in one record and by their outcome in another.
HEARING_TYPES = (
    "first hearing dispute resolution appointment",
    "FHDRA",
    "dispute resolution appointment",
    "case management hearing",
    "directions hearing",
)
HEARING_OUTCOMES = (
    "interim child arrangements order made for supervised contact",
    "court ordered supervised contact on alternate Saturdays",
    "judge adjourned and directed a section 7 report",
    "interim order: contact at the family centre",
)
MEETINGS = (
    ("Child in Need meeting", "CIN meeting", "CIN review", "child in need review meeting"),
    ("core group meeting", "core group", "core group review"),
    ("strategy discussion", "strategy meeting", "strategy call"),
)
INCIDENTS = (
    ("verbal argument between parents", "domestic argument reported", "shouting heard"),
    ("father attended the address in breach of agreement", "ex-partner turned up at the flat"),
    ("concern for welfare call", "welfare check requested"),
)  # fmt: skip
# Stock phrases case-recording systems fill in: the same words for different appointments.
STOCK = (
    "Child was not brought to the appointment. Letter sent to parent, GP informed",
    "Did not attend. Rebooked and reminder letter posted",
    "Appointment cancelled by the clinic; new date to follow by letter",
)
