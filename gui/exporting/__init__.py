"""Exporting documents: the export dialog, its options and statement details, and the
background export worker."""
