"""A link the worker made by hand between two entries the matcher would never pair holds when
one side's import is undone and the file imported again."""

from __future__ import annotations

from pathlib import Path

from chronology.batches import undo_batch
from chronology.duplicate_pairs import list_pairs
from chronology.entries import get_entry, link_duplicate, list_entries
from chronology.importers.pipeline import run_import
from chronology.models import Case
from chronology.workspace import Workspace


def _entry(ws: Workspace, case: Case, source: str) -> int:
    (found,) = [e.id for e in list_entries(ws, case.id or 0) if e.source_file == source]
    return found or 0


def test_a_hand_made_link_survives_undo_and_reimport(
    ws: Workspace, case: Case, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "Date,Time,Note Type,Worker,Note\n"
        "03/06/2024,09:00,Home Visit,Ines Varga,Kitchen tidy; the children played in the garden.\n",
        encoding="utf-8",
    )
    clinic = tmp_path / "clinic.csv"
    clinic.write_text(
        "Date,Time,Note Type,Worker,Note\n"
        "03/06/2024,16:30,Clinic,Oona Petrakis,Weighed at clinic; growth on the centile line.\n",
        encoding="utf-8",
    )
    run_import(ws, case.id or 0, [notes])
    (report,) = run_import(ws, case.id or 0, [clinic])
    assert report.possible_duplicates == 0 and report.duplicates == 0  # never proposed
    a, b = _entry(ws, case, "notes.csv"), _entry(ws, case, "clinic.csv")
    link_duplicate(ws, b, a)  # the worker knows better: one event
    undo_batch(ws, report.batch_id or 0)
    run_import(ws, case.id or 0, [clinic])
    back = _entry(ws, case, "clinic.csv")
    assert back != b and get_entry(ws, back).duplicate_of == a
    (pair,) = [p for p in list_pairs(ws, case.id or 0) if {p.a, p.b} == {a, back}]
    assert pair.status == "confirmed"
