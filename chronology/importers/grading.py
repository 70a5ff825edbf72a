"""A column holding the source's own grading of a record (concern level, priority, RAG rating).

The worker can say which column it is (the mapping field ``grading``); its value is kept among
the entry's details under a label the significance rules read as the source's coding, so that
"High" or "Red" suggests the entry is key (and "Medium" or "Amber" significant), with the reason
shown, for the worker to confirm (``chronology.significance_rules.suggest_coded``). A column whose
header already says it is a grading ("Concern level", "RAG", "Priority") is read so anyway.
"""

from __future__ import annotations

from functools import lru_cache

from chronology.models import EntryType, Significance
from chronology.significance_rules import suggest_coded

GRADING = "grading"  # the mapping field


@lru_cache(maxsize=256)
def header_reads_as_grading(header: str) -> bool:
    """Whether the significance rules already read a column of this name as a grading."""
    probe = suggest_coded(EntryType.OTHER, "", f"{header}: high")
    return probe.significance == Significance.KEY


def grading_label(header: str) -> str:
    """The label a grading column's value is kept under among the entry's details."""
    return header if header_reads_as_grading(header) else f"{header} (grading)"
