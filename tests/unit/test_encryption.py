"""Encryption at rest: no case text in the file, its log, its backups; every command works with
the passphrase, a wrong one is named; sqlite-utils works over the SQLCipher connection."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from chronology import passphrases
from chronology.cases import add_case
from chronology.database import connect, header_kind
from chronology.encryption import encrypt_workspace, rekey_workspace
from chronology.entries import EntryFilter, list_entries
from chronology.importers.pipeline import run_import
from chronology.workspace import (
    PassphraseNeeded,
    Workspace,
    WorkspaceDamaged,
    WrongPassphrase,
    backup_dir_for,
)
from exports.service import ExportRequest, export_document

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = 'it\'s a "long" one; -- DROP TABLE cases'
SECRET_WORDS = (b"Quillfeather", b"Marrowdene", b"Brackenwood")


@pytest.fixture(autouse=True)
def no_remembered_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passphrases, "_known", {})
    monkeypatch.delenv(passphrases.ENVIRONMENT, raising=False)


def _notes(path: Path) -> Path:
    path.write_text(
        "Date,Type,Note\n"
        "03/02/2024,Home visit,Seen with Ada Quillfeather at Marrowdene.\n"
        "10/02/2024,Telephone call,Nursery in Brackenwood rang about attendance.\n"
        "17/02/2024,Home visit,Quillfeather family seen; home warm and tidy.\n",
        encoding="utf-8",
    )
    return path


def run(*args: str, home: Path, passphrase: str | None = None, **extra: str):  # noqa: ANN201
    env = dict(os.environ, THROUGHLINE_HOME=str(home), **extra)
    env.pop(passphrases.ENVIRONMENT, None)
    if passphrase is not None:
        env[passphrases.ENVIRONMENT] = passphrase
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _plaintext_in(folder: Path) -> list[str]:
    """Every file under ``folder`` (workspace, WAL, backups, temporary files, log) holding a
    secret word."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and any(w in path.read_bytes() for w in SECRET_WORDS):
            found.append(path.name)
    return found


def test_an_encrypted_workspace_holds_no_case_text_anywhere_and_works(tmp_path: Path) -> None:
    folder = tmp_path / "caseload"
    db = folder / "work.db"
    with Workspace.open(db, passphrase=PASSPHRASE) as ws:
        assert ws.encrypted and header_kind(db) == "encrypted"
        case = add_case(ws, "E-1", "Ada Quillfeather")
        (report,) = run_import(ws, case.id or 0, [_notes(tmp_path / "notes.csv")])
        assert report.error is None and report.imported == 3
        found = list_entries(ws, case.id or 0, EntryFilter(search="Marrowdene"))
        assert [e.source_row for e in found] == [1]
        ws.daily_backup()
        ws.backup(reason="manual")
        # Sorting and temporary tables stay in memory: no plaintext temporary file.
        assert ws.conn.execute("PRAGMA temp_store").fetchone()[0] == 2
        ws.conn.execute("CREATE TEMP TABLE scratch AS SELECT text FROM entries ORDER BY text")
        assert Path(str(db) + "-wal").exists()
        # While it is open: the file, its write-ahead log and its backups are all ciphertext.
        assert _plaintext_in(folder) == []
        out = tmp_path / "chronology.docx"
        export_document(ws, "E-1", ExportRequest("chronology", "docx", out))
    text = "\n".join(
        c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells
    )
    assert "Marrowdene" in text  # the export is the one plaintext copy the worker asked for
    assert _plaintext_in(folder) == []
    backups = list(backup_dir_for(db).glob("*.db"))
    assert len(backups) == 2 and all(header_kind(b) == "encrypted" for b in backups)
    # A plain SQLite (the standard library's) sees nothing in it.
    plain = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_without_its_passphrase_it_says_encrypted_and_with_a_wrong_one_names_the_backup(
    tmp_path: Path,
) -> None:
    db = tmp_path / "work.db"
    with Workspace.open(db, passphrase=PASSPHRASE) as ws:
        add_case(ws, "E-2", "Ada Quillfeather")
        ws.backup(reason="manual")
    passphrases.forget(db)
    with pytest.raises(PassphraseNeeded, match="this workspace is encrypted: give its passphrase"):
        Workspace.open(db)
    with pytest.raises(WrongPassphrase, match="wrong passphrase or damaged file") as refused:
        Workspace.open(db, passphrase=PASSPHRASE.replace("'", "’"))
    assert "the latest backup is work-" in str(refused.value)
    assert "workspace restore --workspace" in str(refused.value)
    with Workspace.open(db, passphrase=PASSPHRASE) as ws:  # the quotes were the key all along
        assert ws.conn.execute("SELECT ref FROM cases").fetchall() == [("E-2",)]


def test_the_header_check_tells_encrypted_from_damaged(tmp_path: Path) -> None:
    encrypted = tmp_path / "enc.db"
    Workspace.open(encrypted, passphrase=PASSPHRASE).close()
    passphrases.forget(encrypted)
    zeros = tmp_path / "zeros.db"
    zeros.write_bytes(bytes(8192))
    cut = tmp_path / "cut.db"
    cut.write_bytes(encrypted.read_bytes()[:5000])  # not a whole number of pages
    text = tmp_path / "notes.db"
    text.write_text("Date,Note\n" * 500, encoding="utf-8")
    with pytest.raises(PassphraseNeeded):
        Workspace.open(encrypted)
    for damaged in (zeros, cut, text):
        with pytest.raises(WorkspaceDamaged, match="damaged or of another kind"):
            Workspace.open(damaged)


def test_sqlite_utils_works_over_the_sqlcipher_connection(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "work.db", passphrase=PASSPHRASE) as ws:
        db = ws.db
        table = db["scratch"]
        table.insert({"id": 1, "note": "Quillfeather seen"}, pk="id")
        # alter=True relies on sqlite-utils catching the 'no such column' OperationalError.
        table.insert({"id": 2, "note": "Marrowdene", "extra": "new column"}, alter=True)
        assert "extra" in table.columns_dict
        table.enable_fts(["note"], fts_version="FTS5")
        assert [r["id"] for r in table.search("Marrowdene")] == [2]
        # The errors it and the app catch are the standard library's classes.
        with pytest.raises(sqlite3.IntegrityError):
            table.insert({"id": 1, "note": "again"})
        with pytest.raises(sqlite3.OperationalError):
            ws.conn.execute("SELECT * FROM no_such_table")
        assert isinstance(table.upsert({"id": 1, "note": "upserted"}, pk="id").last_pk, int)
        assert db.table_names()[0] in db.table_names()


def test_encrypting_a_workspace_encrypts_its_backups_and_rekey_changes_them_all(
    tmp_path: Path,
) -> None:
    db = tmp_path / "work.db"
    with Workspace.open(db) as ws:
        case = add_case(ws, "E-3", "Ada Quillfeather")
        run_import(ws, case.id or 0, [_notes(tmp_path / "notes.csv")])
        ws.backup(reason="manual")
    assert _plaintext_in(tmp_path / "work-backups") != []
    report = encrypt_workspace(db, PASSPHRASE)
    assert report.backups == 2 and not report.skipped  # the manual one, and one taken first
    assert [p for p in _plaintext_in(tmp_path) if p != "notes.csv"] == []
    rekey_workspace(db, PASSPHRASE, "a new passphrase, with 'quotes'")
    with pytest.raises(WrongPassphrase):
        Workspace.open(db, passphrase=PASSPHRASE)
    backup = next(backup_dir_for(db).glob("*.db"))
    connect(backup, "a new passphrase, with 'quotes'").close()
    with Workspace.open(db, passphrase="a new passphrase, with 'quotes'") as ws:
        found = list_entries(ws, 1, EntryFilter(search="Brackenwood"))
        assert len(found) == 1


def test_the_command_line_with_an_encrypted_workspace(tmp_path: Path) -> None:
    db = tmp_path / "work.db"
    assert run("workspace", "encrypt", "--workspace", str(db), home=tmp_path).returncode == 2
    made = run("workspace", "encrypt", "--workspace", str(db), home=tmp_path, passphrase="short")
    assert "at least 8 characters" in made.stderr
    made = run("workspace", "encrypt", "--workspace", str(db), home=tmp_path, passphrase=PASSPHRASE)
    assert made.returncode == 0 and "new encrypted workspace" in made.stdout
    steps = [
        ("case", "add", "--ref", "E-4", "--child", "Ada Quillfeather"),
        ("import", "--case", "E-4", "--json", str(_notes(tmp_path / "notes.csv"))),
        ("entries", "--case", "E-4", "--search", "Brackenwood", "--json"),
        ("summary", "--case", "E-4", "--json"),
        ("export", "--case", "E-4", "--document", "chronology", "--format", "pdf",
         "--output", str(tmp_path / "out.pdf")),
        ("workspace", "backup"),
        ("workspace", "check"),
    ]  # fmt: skip
    outputs = []
    for step in steps:
        command, rest = step[0], step[1:]
        sub = [command, *rest[:1]] if command in ("case", "workspace") else [command]
        args = [*sub, "--workspace", str(db), *(rest[1:] if len(sub) == 2 else rest)]
        result = run(*args, home=tmp_path, passphrase=PASSPHRASE)
        assert result.returncode == 0, (step, result.stderr)
        outputs.append(result.stdout)
    assert [e["row"] for e in json.loads(outputs[2])] == [2]
    locked = run("entries", "--workspace", str(db), "--case", "E-4", home=tmp_path)
    assert locked.returncode == 2 and "encrypted: give its passphrase" in locked.stderr
    wrong = run("cases", "--workspace", str(db), home=tmp_path, passphrase="not the one at all")
    assert wrong.returncode == 2
    assert "wrong passphrase or damaged file; the latest backup is" in wrong.stderr
    assert "Traceback" not in wrong.stderr and "ERROR" not in wrong.stderr  # nor SQLCipher's log
    rekeyed = run(
        "workspace", "rekey", "--workspace", str(db), home=tmp_path, passphrase=PASSPHRASE,
        THROUGHLINE_NEW_PASSPHRASE="another 'long' passphrase",
    )  # fmt: skip
    assert rekeyed.returncode == 0, rekeyed.stderr
    again = run("cases", "--workspace", str(db), home=tmp_path, passphrase=PASSPHRASE)
    assert again.returncode == 2
    ok = run("cases", "--workspace", str(db), home=tmp_path, passphrase="another 'long' passphrase")
    assert ok.returncode == 0 and ok.stdout.startswith("E-4")
    # The log says what happened, never what the case says.
    assert not any(w in (tmp_path / "throughline.log").read_bytes() for w in SECRET_WORDS)
    assert [p for p in _plaintext_in(tmp_path) if p not in ("notes.csv", "out.pdf")] == []
