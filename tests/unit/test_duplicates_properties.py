"""Properties of import and duplicate review over generated cases (hypothesis draws the cases):
rows add up, importing again adds nothing, a rejected pair never comes back."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.batches import undo_batch
from chronology.cases import add_case
from chronology.duplicate_pairs import count_possible, list_pairs, reject_pair
from chronology.importers.pipeline import run_import
from chronology.workspace import Workspace
from tests.generators.cases import generate_case

ORDER = ("social", "health", "hospital", "police", "nursery")


def _files(seed: int, events: int, folder: Path) -> list[Path]:
    case = generate_case(random.Random(seed), events=events)
    written = {p.name: p for p in case.write(folder)}
    return [written[case.agencies[k].file] for k in ORDER if case.agencies[k].file in written]


def _counts_add_up(reports: list) -> None:
    for r in reports:
        assert r.error is None, r.error
        assert r.rows == r.imported + r.duplicates + r.already_imported + r.quarantined


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), events=st.integers(2, 10), order=st.randoms())
def test_rows_add_up_reimport_adds_nothing_and_rejections_stay(
    seed: int, events: int, order: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = _files(seed, events, folder)
        order.shuffle(files)  # agencies' files arrive in any order
        ws = Workspace.open(folder / "w.db")
        try:
            case = add_case(ws, "P-1", "Seren Quarmby")
            first = run_import(ws, case.id or 0, files)
            _counts_add_up(first)
            for p in list_pairs(ws, case.id or 0, "possible"):  # both stay in the chronology
                states = ws.conn.execute(
                    "SELECT status, duplicate_of FROM entries WHERE id IN (?, ?)", (p.a, p.b)
                ).fetchall()
                assert [s for s, _ in states] == ["active", "active"]
            held = ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            rejected = {p.pair_key for p in list_pairs(ws, case.id or 0, "possible")}
            for p in list_pairs(ws, case.id or 0, "possible"):
                reject_pair(ws, p.id)
            again = run_import(ws, case.id or 0, files)
            _counts_add_up(again)
            assert all(r.imported == r.duplicates == r.possible_duplicates == 0 for r in again)
            assert [r.already_imported for r in again] == [r.rows for r in again]
            assert ws.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == held
            # Undo every import and import everything again, in another order.
            for r in first:
                undo_batch(ws, r.batch_id or 0)
            order.shuffle(files)
            _counts_add_up(run_import(ws, case.id or 0, files))
            assert count_possible(ws, case.id or 0) == len(
                {p.pair_key for p in list_pairs(ws, case.id or 0, "possible")} - rejected
            )
            for p in list_pairs(ws, case.id or 0):
                if p.pair_key in rejected:
                    assert p.status == "rejected"
                    a, b = (
                        ws.conn.execute(
                            "SELECT duplicate_of FROM entries WHERE id=?", (i,)
                        ).fetchone()[0]
                        or i
                        for i in (p.a, p.b)
                    )
                    assert a != b  # never linked
        finally:
            ws.close()
