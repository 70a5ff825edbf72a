"""The workspace schema and its migrations, versioned in ``PRAGMA user_version``."""

from __future__ import annotations

from collections.abc import Callable
from sqlite3 import Connection

from chronology.history_chain import chain_existing_history

# Each migration takes the workspace from version N-1 to N. Append only; never edit a released one.
# A migration is SQL, or a function of the connection where SQL cannot do the work (hashing).
MIGRATIONS: list[str | Callable[[Connection], None]] = [
    # 1: the case record
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        legal_status TEXT NOT NULL DEFAULT 'Child in Need',
        proceedings TEXT NOT NULL DEFAULT 'none',
        court TEXT NOT NULL DEFAULT '',
        court_case_number TEXT NOT NULL DEFAULT '',
        party TEXT NOT NULL DEFAULT '',
        statement_number INTEGER NOT NULL DEFAULT 1,
        worker TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        employer TEXT NOT NULL DEFAULT '',
        team_manager TEXT NOT NULL DEFAULT '',
        cadence TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        name TEXT NOT NULL,
        dob TEXT
    );
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        confidential INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        profile TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        rows INTEGER NOT NULL DEFAULT 0,
        imported INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        already_imported INTEGER NOT NULL DEFAULT 0,
        quarantined INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        undone_at TEXT
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        date TEXT NOT NULL,
        time TEXT,
        date_end TEXT,
        precision TEXT NOT NULL,
        approximate INTEGER NOT NULL DEFAULT 0,
        date_text TEXT NOT NULL DEFAULT '',
        date_assumption TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL,
        agency TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL DEFAULT 'other',
        source_type TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '',
        significance TEXT NOT NULL DEFAULT 'routine',
        in_court INTEGER NOT NULL DEFAULT 0,
        analysis TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL DEFAULT '',
        confidential INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'active',
        status_reason TEXT NOT NULL DEFAULT '',
        duplicate_of INTEGER REFERENCES entries(id),
        batch_id INTEGER REFERENCES import_batches(id),
        source_file TEXT NOT NULL DEFAULT '',
        source_row INTEGER,
        record_key INTEGER,
        raw TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX entries_case_sort ON entries(case_id, sort_key, id);
    CREATE INDEX entries_batch ON entries(batch_id);
    CREATE INDEX entries_dup ON entries(duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE UNIQUE INDEX entries_record_key ON entries(case_id, record_key)
        WHERE record_key IS NOT NULL AND status != 'undone';
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        summary, text, content='entries', content_rowid='id', tokenize='unicode61',
        columnsize=0
    );
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        batch_id INTEGER REFERENCES import_batches(id),
        source_file TEXT NOT NULL,
        row INTEGER,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        record_key INTEGER,
        status TEXT NOT NULL DEFAULT 'waiting',
        resolution TEXT NOT NULL DEFAULT '',
        entry_id INTEGER REFERENCES entries(id)
    );
    CREATE INDEX quarantine_case ON quarantine(case_id, status);
    CREATE UNIQUE INDEX quarantine_record_key ON quarantine(case_id, record_key)
        WHERE record_key IS NOT NULL AND status != 'undone';
    CREATE TABLE mapping_profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL
    );
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX history_row ON history(tbl, row_id);
    CREATE TRIGGER history_no_update BEFORE UPDATE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER history_no_delete BEFORE DELETE ON history
        BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    """,
    # 2: risks, trip-wires, reviews, evidence; the worker's narrative; saved summary versions
    """
    CREATE TABLE risks (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        title TEXT NOT NULL,
        if_text TEXT NOT NULL DEFAULT '',
        then_text TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        to_whom TEXT NOT NULL DEFAULT '',
        from_whom TEXT NOT NULL DEFAULT '',
        urgency TEXT NOT NULL DEFAULT 'important' CHECK (urgency IN ('urgent', 'important')),
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'monitoring', 'closed')),
        status_reason TEXT NOT NULL DEFAULT '',
        primary_pinned INTEGER NOT NULL DEFAULT 0,
        review_days INTEGER CHECK (review_days IS NULL OR review_days > 0),
        identified_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX risks_case ON risks(case_id, status);
    CREATE TABLE risk_reviews (
        id INTEGER PRIMARY KEY,
        risk_id INTEGER NOT NULL REFERENCES risks(id),
        date TEXT NOT NULL,
        by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX risk_reviews_risk ON risk_reviews(risk_id, date);
    CREATE TABLE risk_triggers (
        id INTEGER PRIMARY KEY,
        risk_id INTEGER NOT NULL REFERENCES risks(id),
        kind TEXT NOT NULL CHECK (kind IN ('phrase', 'type')),
        value TEXT NOT NULL,
        UNIQUE (risk_id, kind, value)
    );
    CREATE TABLE risk_evidence (
        id INTEGER PRIMARY KEY,
        risk_id INTEGER NOT NULL REFERENCES risks(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        UNIQUE (risk_id, entry_id)
    );
    CREATE TABLE narrative (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        section TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        UNIQUE (case_id, section)
    );
    CREATE TABLE summary_versions (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        generated_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX summary_versions_case ON summary_versions(case_id, id);
    CREATE INDEX entries_case_type ON entries(case_id, type);
    CREATE INDEX entries_case_significance ON entries(case_id, significance)
        WHERE significance != 'routine';
    """,
    # 3: exhibit marks (witness initials + a number that runs on across statements)
    """
    CREATE TABLE exhibits (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        witness TEXT NOT NULL,
        number INTEGER NOT NULL CHECK (number > 0),
        statement_number INTEGER NOT NULL,
        description TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (case_id, witness, number),
        UNIQUE (case_id, witness, statement_number, description)
    );
    """,
    # 4: what a source said beyond the note itself (extra columns such as a police log's
    # Grading and Location, a nursery's Next Steps), kept apart from the text of the event
    """
    ALTER TABLE entries ADD COLUMN details TEXT NOT NULL DEFAULT '';
    """,
    # 5: search finds words in an entry's details too (a place, a next step), not only its text
    """
    DROP TABLE entries_fts;
    CREATE VIRTUAL TABLE entries_fts USING fts5(
        summary, text, details, content='entries', content_rowid='id', tokenize='unicode61',
        columnsize=0
    );
    INSERT INTO entries_fts(rowid, summary, text, details)
        SELECT id, summary, text, details FROM entries WHERE status != 'undone';
    """,
    # 6: the source agency's own reference for a record (occurrence or log number, case note id,
    # appointment id, calendar UID), shown with the agency in court chronologies
    """
    ALTER TABLE entries ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
    """,
    # 7: supervision: the team's audit thresholds, summary versions marked as read, and the
    # supervision records (checklist snapshot, notes, decisions, actions, sign-off). A signed
    # record is immutable: triggers refuse any change to it or to its decisions and actions.
    """
    CREATE TABLE team_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE summary_reviews (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES summary_versions(id),
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX summary_reviews_version ON summary_reviews(version_id);
    CREATE TABLE supervision_records (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        date TEXT NOT NULL,
        manager TEXT NOT NULL,
        worker TEXT NOT NULL,
        period_from TEXT,
        period_to TEXT NOT NULL,
        checklist TEXT NOT NULL,
        summary_version INTEGER REFERENCES summary_versions(id),
        summary_digest TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        corrects INTEGER REFERENCES supervision_records(id),
        correction_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        signed_at TEXT,
        signed_by TEXT,
        seal TEXT
    );
    CREATE INDEX supervision_records_case ON supervision_records(case_id, date);
    CREATE TABLE supervision_decisions (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES supervision_records(id),
        text TEXT NOT NULL,
        rationale TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX supervision_decisions_record ON supervision_decisions(record_id);
    CREATE TABLE supervision_actions (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES supervision_records(id),
        text TEXT NOT NULL,
        owner TEXT NOT NULL,
        due TEXT NOT NULL
    );
    CREATE INDEX supervision_actions_record ON supervision_actions(record_id);
    CREATE TABLE supervision_action_updates (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES supervision_actions(id),
        status TEXT NOT NULL CHECK (status IN ('done', 'open')),
        on_date TEXT NOT NULL,
        by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX supervision_action_updates_action ON supervision_action_updates(action_id, id);
    CREATE TRIGGER supervision_signed_no_update BEFORE UPDATE ON supervision_records
        WHEN OLD.signed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_no_delete BEFORE DELETE ON supervision_records
        BEGIN SELECT RAISE(ABORT, 'supervision records are never deleted'); END;
    CREATE TRIGGER supervision_decisions_no_insert BEFORE INSERT ON supervision_decisions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=NEW.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_decisions_no_update BEFORE UPDATE ON supervision_decisions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=OLD.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_decisions_no_delete BEFORE DELETE ON supervision_decisions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=OLD.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_actions_no_insert BEFORE INSERT ON supervision_actions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=NEW.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_actions_no_update BEFORE UPDATE ON supervision_actions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=OLD.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_actions_no_delete BEFORE DELETE ON supervision_actions
        WHEN (SELECT signed_at FROM supervision_records WHERE id=OLD.record_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed supervision record cannot be changed'); END;
    CREATE TRIGGER supervision_action_updates_no_update BEFORE UPDATE ON supervision_action_updates
        BEGIN SELECT RAISE(ABORT, 'action updates are append-only'); END;
    CREATE TRIGGER supervision_action_updates_no_delete BEFORE DELETE ON supervision_action_updates
        BEGIN SELECT RAISE(ABORT, 'action updates are append-only'); END;
    """,
    # 8: proceedings as periods on the case: suggested from the chronology, confirmed or edited
    # by the worker (a suggestion is keyed on its first entry's stable source identity, so a
    # decision survives re-import)
    """
    CREATE TABLE proceedings_periods (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        type TEXT NOT NULL DEFAULT '' CHECK (type IN ('private', 'public', '')),
        court TEXT NOT NULL DEFAULT '',
        case_number TEXT NOT NULL DEFAULT '',
        start_date TEXT,
        end_date TEXT,
        end_reason TEXT NOT NULL DEFAULT '',
        end_uncertain INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'suggested'
            CHECK (status IN ('suggested', 'confirmed', 'rejected', 'superseded')),
        basis TEXT NOT NULL DEFAULT '',
        suggestion_key TEXT NOT NULL DEFAULT '',
        start_entry INTEGER REFERENCES entries(id),
        end_entry INTEGER REFERENCES entries(id),
        decided_by TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE INDEX proceedings_periods_case ON proceedings_periods(case_id, status);
    """,
    # 9: possible duplicates for the worker to review: a pair of entries, the reasons, and the
    # decision, keyed on both records' stable source identities so it survives re-import
    """
    CREATE TABLE duplicate_pairs (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        a INTEGER NOT NULL REFERENCES entries(id),
        b INTEGER NOT NULL REFERENCES entries(id),
        key_a TEXT NOT NULL,
        key_b TEXT NOT NULL,
        pair_key TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '[]',
        score REAL NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'possible'
            CHECK (status IN ('possible', 'confirmed', 'rejected')),
        automatic INTEGER NOT NULL DEFAULT 0,
        decided_by TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (case_id, pair_key)
    );
    CREATE INDEX duplicate_pairs_case ON duplicate_pairs(case_id, status);
    CREATE INDEX duplicate_pairs_a ON duplicate_pairs(a);
    CREATE INDEX duplicate_pairs_b ON duplicate_pairs(b);
    """,
    # 10: the history becomes a hash chain (each row sealed with the seal before it); the rows
    # already there are sealed in order, and a checkpoint table lets opening check only new rows
    chain_existing_history,
    # 11: court documents that say what matters (issue 12): significance suggested with its
    # reason and confirmed by the worker; the moment an entry happened (UTC offset); the child's
    # voice; another worker's chronology attributed to its author; the court selection's
    # exclusions and bundle pages; agencies and their aliases; contact details found in the text
    # and the worker's decisions on them; the witness's work address and the parties.
    """
    ALTER TABLE entries ADD COLUMN utc_offset INTEGER;
    ALTER TABLE entries ADD COLUMN significance_status TEXT NOT NULL DEFAULT 'suggested';
    ALTER TABLE entries ADD COLUMN significance_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN significance_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN significance_at TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN child_voice INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE import_batches ADD COLUMN source_author TEXT NOT NULL DEFAULT '';
    ALTER TABLE import_batches ADD COLUMN source_title TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN work_address TEXT NOT NULL DEFAULT '';
    ALTER TABLE cases ADD COLUMN parties TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE court_exclusions (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        UNIQUE (case_id, entry_id)
    );
    CREATE TABLE bundle_pages (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        page TEXT NOT NULL,
        UNIQUE (case_id, entry_id)
    );
    CREATE TABLE agencies (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        name TEXT NOT NULL,
        UNIQUE (case_id, name)
    );
    CREATE TABLE agency_aliases (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        alias TEXT NOT NULL,
        UNIQUE (case_id, alias)
    );
    CREATE TABLE contact_details (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'undecided'
            CHECK (status IN ('undecided', 'confidential', 'not confidential')),
        by TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL DEFAULT '',
        UNIQUE (case_id, kind, key)
    );
    CREATE INDEX entries_court_flags ON entries(case_id) WHERE in_court = 1 OR child_voice = 1;
    CREATE INDEX entries_with_reason ON entries(case_id) WHERE significance_reason != '';
    UPDATE entries SET sort_key = date || 'T01:~' || substr(time, 4, 2)
        WHERE time BETWEEN '01:00' AND '01:59' AND date_assumption LIKE '%UK time (GMT)%'
        AND substr(date, 6, 2) = '10' AND CAST(substr(date, 9, 2) AS INTEGER) >= 25
        AND strftime('%w', date) = '0';
    """,
    # 12: the court selection's indexes for a workspace made while migration 11 did not yet have
    # them (they are in 11 since; IF NOT EXISTS makes this a no-op otherwise)
    """
    CREATE INDEX IF NOT EXISTS entries_court_flags ON entries(case_id)
        WHERE in_court = 1 OR child_voice = 1;
    CREATE INDEX IF NOT EXISTS entries_with_reason ON entries(case_id)
        WHERE significance_reason != '';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
