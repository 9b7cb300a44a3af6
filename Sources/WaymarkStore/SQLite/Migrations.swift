import GRDB
import WaymarkCertificates

/// The schema, as numbered migrations. A released migration is never edited: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001-people") { db in
            try db.execute(
                sql: """
                    CREATE TABLE people (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        email TEXT NOT NULL UNIQUE,
                        roles TEXT NOT NULL,              -- space-separated Role values
                        password_hash TEXT,
                        active INTEGER NOT NULL DEFAULT 1,
                        created_at REAL NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("002-records") { db in
            try db.execute(
                sql: """
                    CREATE TABLE enrolments (
                        trainee_id TEXT NOT NULL REFERENCES people(id),
                        programme_id TEXT NOT NULL,
                        supervisor_id TEXT REFERENCES people(id),
                        enrolled_at REAL NOT NULL,
                        PRIMARY KEY (trainee_id, programme_id)
                    );
                    CREATE INDEX enrolments_by_supervisor ON enrolments(supervisor_id);

                    -- The evidence trail. Typed columns rather than one JSON blob, so that reading a
                    -- cohort's events is column reads; `detail` holds JSON only for attempts.
                    CREATE TABLE events (
                        trainee_id TEXT NOT NULL,
                        programme_id TEXT NOT NULL,
                        sequence INTEGER NOT NULL,
                        programme_version TEXT NOT NULL,
                        actor_id TEXT NOT NULL,
                        at REAL NOT NULL,
                        reason TEXT,
                        kind TEXT NOT NULL,
                        subject TEXT,
                        outcome TEXT,
                        amount REAL,
                        on_date REAL,
                        body TEXT,
                        detail TEXT,                      -- attempts: pass mark, possible and earned points
                        answers TEXT,                     -- attempts: the answers, as JSON (read only for result pages)
                        erased INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (trainee_id, programme_id, sequence),
                        FOREIGN KEY (trainee_id, programme_id) REFERENCES enrolments(trainee_id, programme_id)
                    ) WITHOUT ROWID;

                    -- Append-only: no event is ever deleted, and the only update allowed is the
                    -- erasure path, which blanks free text once and marks the row erased.
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
                    CREATE TRIGGER events_only_erasure BEFORE UPDATE ON events
                    WHEN NOT (OLD.erased = 0 AND NEW.erased = 1
                              AND NEW.trainee_id = OLD.trainee_id AND NEW.programme_id = OLD.programme_id
                              AND NEW.sequence = OLD.sequence AND NEW.kind = OLD.kind AND NEW.at = OLD.at)
                    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

                    CREATE TABLE trainee_summaries (
                        trainee_id TEXT NOT NULL,
                        programme_id TEXT NOT NULL,
                        stage TEXT NOT NULL,
                        next_step TEXT NOT NULL,
                        next_step_actor TEXT NOT NULL,
                        last_activity REAL,
                        supervision_due REAL,
                        certificate_valid_until REAL,
                        awaiting_review INTEGER NOT NULL,
                        last_sequence INTEGER NOT NULL,
                        PRIMARY KEY (trainee_id, programme_id),
                        FOREIGN KEY (trainee_id, programme_id) REFERENCES enrolments(trainee_id, programme_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX summaries_by_stage ON trainee_summaries(programme_id, stage);
                    """
            )
        }
        migrator.registerMigration("003-vetting-and-audit") { db in
            try db.execute(
                sql: """
                    -- Only what the DBS code of practice allows: no conviction details, no copies.
                    CREATE TABLE vetting_records (
                        trainee_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
                        level TEXT NOT NULL,
                        certificate_number TEXT NOT NULL,
                        issue_date REAL NOT NULL,
                        decision TEXT NOT NULL,
                        decided_by TEXT NOT NULL REFERENCES people(id),
                        decided_at REAL NOT NULL
                    );
                    CREATE TABLE vetting_notes (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        trainee_id TEXT NOT NULL REFERENCES people(id),
                        text TEXT NOT NULL,
                        recorded_by TEXT NOT NULL,
                        recorded_at REAL NOT NULL
                    );
                    CREATE INDEX vetting_notes_by_time ON vetting_notes(recorded_at);
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        actor_id TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject_id TEXT,
                        detail TEXT
                    );
                    CREATE INDEX audit_by_subject ON audit_log(subject_id, at);
                    """
            )
        }
        migrator.registerMigration("004-sessions") { db in
            try db.execute(
                sql: """
                    -- Sessions live in the store so any server can serve any request. Only a hash
                    -- of the cookie's token is kept: a copy of the database signs nobody in.
                    CREATE TABLE sessions (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        person_id TEXT NOT NULL REFERENCES people(id),
                        csrf_token TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL
                    );
                    CREATE INDEX sessions_by_person ON sessions(person_id);
                    -- Setup and invite links: one use each, with an end date.
                    CREATE TABLE one_time_tokens (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        purpose TEXT NOT NULL,
                        person_id TEXT REFERENCES people(id),
                        created_at REAL NOT NULL,
                        expires_at REAL NOT NULL,
                        used_at REAL
                    );
                    -- Counters for throttling sign-ins and verification lookups, per key and window.
                    CREATE TABLE rate_counters (
                        key TEXT PRIMARY KEY NOT NULL,
                        window_start REAL NOT NULL,
                        count INTEGER NOT NULL
                    );
                    -- Reflections a trainee is still writing; not part of the record until submitted.
                    CREATE TABLE reflection_drafts (
                        trainee_id TEXT NOT NULL REFERENCES people(id),
                        programme_id TEXT NOT NULL,
                        prompt_id TEXT NOT NULL,
                        text TEXT NOT NULL,
                        updated_at REAL NOT NULL,
                        PRIMARY KEY (trainee_id, programme_id, prompt_id)
                    );
                    """
            )
        }
        migrator.registerMigration("005-certificates") { db in
            try db.execute(
                sql: """
                    -- One row per certificate: a projection of the certificate events, written in
                    -- the same transaction as each of them. The achievement is copied in when the
                    -- certificate is issued, so a later edit of the programme never changes what
                    -- was certified. Status (valid, expired...) is worked out when read.
                    CREATE TABLE certificates (
                        code TEXT PRIMARY KEY NOT NULL,        -- WM-XXXX-XXXX-XXXX-XXXX-C
                        trainee_id TEXT NOT NULL REFERENCES people(id),
                        programme_id TEXT NOT NULL,
                        programme_version TEXT NOT NULL,
                        holder_name TEXT NOT NULL,
                        title TEXT NOT NULL,
                        description TEXT NOT NULL,
                        criteria TEXT NOT NULL,
                        issued_at REAL NOT NULL,
                        valid_until REAL,                      -- NULL: does not expire
                        state TEXT NOT NULL,                   -- active, suspended, revoked
                        state_reason TEXT,                     -- why suspended or revoked: never shown publicly
                        state_changed_at REAL,
                        superseded_by TEXT REFERENCES certificates(code),
                        superseded_at REAL
                    );
                    CREATE INDEX certificates_by_trainee ON certificates(trainee_id, programme_id, issued_at);

                    -- Every public lookup of a certificate, so a coordinator can see when it was checked.
                    -- Who looked is not kept.
                    CREATE TABLE certificate_lookups (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        code TEXT NOT NULL,
                        at REAL NOT NULL,
                        via TEXT NOT NULL                      -- page, credential, status
                    );
                    CREATE INDEX certificate_lookups_by_code ON certificate_lookups(code, at);

                    -- Lookups per address in the current window, for rate limiting. A row lives
                    -- only until its window has passed.
                    CREATE TABLE lookup_limits (
                        address TEXT PRIMARY KEY NOT NULL,
                        window_start REAL NOT NULL,
                        count INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX lookup_limits_by_window ON lookup_limits(window_start);
                    """
            )
        }
        migrator.registerMigration("006-summary-names") { db in
            try db.execute(
                sql: """
                    -- The cohort overview lists 50 trainees at a time by name: keep the name beside
                    -- the summary with indexes for both orderings, so a page is an index walk
                    -- rather than a join of every trainee sorted on every request.
                    ALTER TABLE trainee_summaries ADD COLUMN name TEXT NOT NULL DEFAULT '';
                    UPDATE trainee_summaries SET name = COALESCE((SELECT name FROM people WHERE people.id = trainee_summaries.trainee_id), '');
                    DROP INDEX summaries_by_stage;
                    CREATE INDEX summaries_by_name ON trainee_summaries(programme_id, name, trainee_id);
                    CREATE INDEX summaries_by_stage_name ON trainee_summaries(programme_id, stage, name, trainee_id);
                    """
            )
        }
        migrator.registerMigration("007-form-submissions") { db in
            try db.execute(
                sql: """
                    -- A form posted twice (a double click, a retry after a timeout) is recorded once:
                    -- the first request claims its key, a repeat finds it and goes where the first went.
                    CREATE TABLE form_submissions (
                        key TEXT PRIMARY KEY NOT NULL,
                        person_id TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        location TEXT
                    ) WITHOUT ROWID;
                    CREATE INDEX form_submissions_by_time ON form_submissions(created_at);
                    """
            )
        }
        migrator.registerMigration("008-lookup-counts") { db in
            try db.execute(
                sql: """
                    -- Public lookups counted per certificate, day (UTC) and kind, not logged one row
                    -- per request: anyone may look a certificate up, so a row each let anyone grow
                    -- the table without bound. Who looked, and when in the day, is not kept.
                    CREATE TABLE certificate_lookup_days (
                        code TEXT NOT NULL,
                        day TEXT NOT NULL,                     -- YYYY-MM-DD, UTC
                        via TEXT NOT NULL,                     -- page, credential, status
                        count INTEGER NOT NULL,
                        PRIMARY KEY (code, day, via)
                    ) WITHOUT ROWID;
                    INSERT INTO certificate_lookup_days (code, day, via, count)
                        SELECT code, date(at, 'unixepoch'), via, COUNT(*) FROM certificate_lookups
                        GROUP BY code, date(at, 'unixepoch'), via;
                    DROP TABLE certificate_lookups;
                    """
            )
        }
        migrator.registerMigration("009-counter-expiry") { db in
            try db.execute(
                sql: """
                    -- When each rate counter means nothing any more (its window has passed), so old
                    -- ones can be deleted a few at a time as new ones are made. Counters from before
                    -- get a day, longer than any window Waymark uses.
                    ALTER TABLE rate_counters ADD COLUMN forget_at REAL NOT NULL DEFAULT 0;
                    UPDATE rate_counters SET forget_at = window_start + 86400;
                    CREATE INDEX rate_counters_by_forget_at ON rate_counters(forget_at);
                    """
            )
        }
        migrator.registerMigration("010-status-lists") { db in
            try db.execute(
                sql: """
                    -- Each certificate's bit in the W3C Bitstring Status Lists (the same slot in the
                    -- revocation and the suspension list), fixed when it is issued.
                    ALTER TABLE certificates ADD COLUMN status_list INTEGER;
                    ALTER TABLE certificates ADD COLUMN status_index INTEGER;
                    CREATE UNIQUE INDEX certificates_status_slot ON certificates(status_list, status_index);

                    -- The lists: a version counted up with every change to their bits (in the change's
                    -- transaction), and the signed list last built, so every server serves the same bytes.
                    CREATE TABLE status_lists (
                        list INTEGER NOT NULL,
                        purpose TEXT NOT NULL,                 -- revocation, suspension
                        version INTEGER NOT NULL DEFAULT 1,
                        jwt TEXT,                              -- the signed BitstringStatusListCredential
                        built_version INTEGER,
                        built_at REAL,
                        built_for TEXT,                        -- the issuer's id (the site address) it names
                        PRIMARY KEY (list, purpose)
                    );
                    """
            )
            // Certificates from before get random slots, different within each list, in a
            // random order, so that their bits say nothing about when each was issued.
            let codes = try String.fetchAll(db, sql: "SELECT code FROM certificates").shuffled()
            let indexes = Array(0..<StatusListSlot.capacity).shuffled()
            for (number, code) in codes.enumerated() {
                try db.execute(
                    sql: "UPDATE certificates SET status_list = ?, status_index = ? WHERE code = ?",
                    arguments: [1 + number / StatusListSlot.capacity, indexes[number % StatusListSlot.capacity], code]
                )
            }
            try db.execute(sql: StatusListSQL.backfillLists)
        }
        migrator.registerMigration("011-audit-log-page") { db in
            try db.execute(
                sql: """
                    -- The audit log page reads the newest lines first, and a person's lines by what
                    -- they did as well as what was done to them: an index for each, so a page is an
                    -- index walk, not a sort of the whole log.
                    CREATE INDEX audit_by_time ON audit_log(at, id);
                    CREATE INDEX audit_by_actor ON audit_log(actor_id, at);
                    """
            )
        }
        migrator.registerMigration("012-applications") { db in
            try db.execute(
                sql: """
                    -- What someone wrote on the public application form besides their name and email:
                    -- personal data, shown only to coordinators and admins, deleted by erasure.
                    CREATE TABLE applications (
                        trainee_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
                        programme_id TEXT NOT NULL,
                        contact TEXT NOT NULL,            -- how they would like to be reached
                        note TEXT NOT NULL,
                        submitted_at REAL NOT NULL
                    );

                    -- What admins change on a page (whether the application form is open), one row a
                    -- setting; no row means the default.
                    CREATE TABLE site_settings (
                        name TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL,
                        changed_by TEXT NOT NULL,
                        changed_at REAL NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("013-outbox") { db in
            try db.execute(
                sql: """
                    -- Emails, written in the transaction of what causes them and sent by a background
                    -- sender. A sender takes a message with a lease (owner and until when), so two
                    -- never send the same one and a crashed sender's messages are taken again.
                    CREATE TABLE outbox (
                        id TEXT PRIMARY KEY NOT NULL,
                        person_id TEXT REFERENCES people(id),
                        address TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        plain_text TEXT NOT NULL,
                        html TEXT NOT NULL,
                        once_key TEXT UNIQUE,                  -- at most one message per key (the reminders)
                        created_at REAL NOT NULL,
                        next_attempt_at REAL NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        state TEXT NOT NULL DEFAULT 'waiting', -- waiting, sending, sent, failed
                        lease_owner TEXT,
                        lease_until REAL,
                        sent_at REAL
                    );
                    CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
                    CREATE INDEX outbox_leases ON outbox(state, lease_until);
                    CREATE INDEX outbox_by_person ON outbox(person_id, kind, created_at);
                    """
            )
        }
        migrator.registerMigration("014-curriculum-versions") { db in
            try db.execute(
                sql: """
                    -- Every curriculum that passed its checks, with all its files, so that every server
                    -- runs the same one: the newest number is the one to run. One digest, one version.
                    CREATE TABLE curriculum_versions (
                        number INTEGER PRIMARY KEY NOT NULL,
                        digest TEXT NOT NULL UNIQUE,
                        stored_by TEXT,                        -- the coordinator's id; NULL when a server stored its folder at start
                        stored_on TEXT NOT NULL,               -- the server that stored it
                        stored_at REAL NOT NULL,
                        programmes TEXT NOT NULL,              -- "id version, id version"
                        file_count INTEGER NOT NULL,
                        total_bytes INTEGER NOT NULL
                    );
                    CREATE TABLE curriculum_files (
                        version INTEGER NOT NULL REFERENCES curriculum_versions(number),
                        path TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        PRIMARY KEY (version, path)
                    );
                    -- Each server's last look for a newer version, and the one it runs.
                    CREATE TABLE curriculum_servers (
                        server_id TEXT PRIMARY KEY NOT NULL,
                        running_version INTEGER,
                        checked_at REAL NOT NULL,
                        started_at REAL NOT NULL
                    );
                    CREATE INDEX curriculum_servers_by_check ON curriculum_servers(checked_at);
                    """
            )
        }
        // PostgreSQL's cohort indexes learn the page's binary order (COLLATE "C"); SQLite
        // compares text by its bytes already, so its indexes serve the page as they are.
        migrator.registerMigration("015-cohort-binary-order") { _ in }
        return migrator
    }

    /// The migrations' names, in order (PostgreSQL's list must match).
    static var names: [String] {
        migrator.migrations
    }
}
