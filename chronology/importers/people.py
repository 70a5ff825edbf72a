"""One person per case: a table whose person column (patient, child, NHS number) names several
people is never imported whole; the worker says whose records these are (``--person``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronology.importers.records import FileRefused

_NHS = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{4}")


def person_key(value: str) -> str:
    """A person's value as compared: case and spacing ignored, NHS numbers without spaces."""
    text = " ".join(value.split()).casefold()
    return text.replace(" ", "").replace("-", "") if _NHS.fullmatch(text) else text


class SeveralPeople(FileRefused):
    """The file names more than one person: the worker must say whose records to import."""

    def __init__(self, column: str, people: list[tuple[str, int]]) -> None:
        self.column = column
        self.people = people
        shown = "; ".join(f"{name} ({n} record{'s' if n != 1 else ''})" for name, n in people[:4])
        if len(people) > 4:
            shown += f" and {len(people) - 4} more"
        super().__init__(
            f"the column '{column}' names {len(people)} different people ({shown}): one case "
            "holds one child's records, so choose whose to import with --person VALUE"
        )


@dataclass
class PersonFilter:
    """Counts the people a file names and keeps only the chosen person's rows."""

    column: str
    wanted: str | None = None  # --person, as given
    seen: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (as written, rows)
    left_out: int = 0
    unnamed: int = 0

    def keep(self, value: object) -> bool | None:
        """True to import the row, False to leave it out (another person's), None when the row
        names nobody (the pipeline decides once it knows how many people the file names)."""
        text = "" if value is None else str(value).strip()
        if not text:
            self.unnamed += 1
            return None
        key = person_key(text)
        name, count = self.seen.get(key, (text, 0))
        self.seen[key] = (name, count + 1)
        if self.wanted is None:
            return True
        if key == person_key(self.wanted):
            return True
        self.left_out += 1
        return False

    def check(self) -> list[str]:
        """Refuse a file naming several people when none was chosen; notes for the report."""
        people = sorted(self.seen.values(), key=lambda p: (-p[1], p[0].lower()))
        if self.wanted is None:
            if len(people) > 1:
                raise SeveralPeople(self.column, people)
            if people:
                return [f"records of {people[0][0]} (column '{self.column}')"]
            return []
        if person_key(self.wanted) not in self.seen:
            shown = ", ".join(name for name, _n in people[:6])
            more = f" and {len(people) - 6} more" if len(people) > 6 else ""
            raise FileRefused(
                f"--person {self.wanted}: no records of that person in the column "
                f"'{self.column}' (it names {shown}{more})"
            )
        notes = [f"records of {self.wanted} only (column '{self.column}')"]
        if self.left_out:
            notes.append(f"{self.left_out} record(s) of other people left out")
        return notes

    def several(self) -> bool:
        return len(self.seen) > 1 or self.wanted is not None


__all__ = ["PersonFilter", "SeveralPeople", "person_key"]
