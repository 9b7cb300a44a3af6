import PostgresNIO

/// The schema on PostgreSQL: the same numbered migrations as `Migrations` (SQLite), in
/// PostgreSQL's words, one statement per string. A released migration is never edited: add a new
/// one to both lists (a test checks that the names agree).
enum PostgresMigrations {
    static let all: [(name: String, statements: [String])] = [
        (
            "001-people",
            [
                """
                CREATE TABLE people (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    roles TEXT NOT NULL,
                    password_hash TEXT,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    created_at DOUBLE PRECISION NOT NULL
                )
                """
            ]
        ),
        (
            "002-records",
            [
                """
                CREATE TABLE enrolments (
                    trainee_id TEXT NOT NULL REFERENCES people(id),
                    programme_id TEXT NOT NULL,
                    supervisor_id TEXT REFERENCES people(id),
                    enrolled_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (trainee_id, programme_id)
                )
                """,
                "CREATE INDEX enrolments_by_supervisor ON enrolments(supervisor_id)",
                // The per-trainee sequence is the primary key: two servers appending the same
                // number for one trainee cannot both succeed; the loser retries.
                """
                CREATE TABLE events (
                    trainee_id TEXT NOT NULL,
                    programme_id TEXT NOT NULL,
                    sequence BIGINT NOT NULL,
                    programme_version TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    reason TEXT,
                    kind TEXT NOT NULL,
                    subject TEXT,
                    outcome TEXT,
                    amount DOUBLE PRECISION,
                    on_date DOUBLE PRECISION,
                    body TEXT,
                    detail TEXT,
                    answers TEXT,
                    erased BOOLEAN NOT NULL DEFAULT FALSE,
                    CONSTRAINT events_pkey PRIMARY KEY (trainee_id, programme_id, sequence),
                    FOREIGN KEY (trainee_id, programme_id) REFERENCES enrolments(trainee_id, programme_id)
                )
                """,
                // Append-only: no event is ever deleted, and the only update allowed is the erasure
                // path, which blanks free text once and marks the row erased.
                """
                CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'events are append-only';
                    END IF;
                    IF NOT (OLD.erased = FALSE AND NEW.erased = TRUE
                            AND NEW.trainee_id = OLD.trainee_id AND NEW.programme_id = OLD.programme_id
                            AND NEW.sequence = OLD.sequence AND NEW.kind = OLD.kind AND NEW.at = OLD.at) THEN
                        RAISE EXCEPTION 'events are append-only';
                    END IF;
                    RETURN NEW;
                END
                $$
                """,
                "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()",
                """
                CREATE TABLE trainee_summaries (
                    trainee_id TEXT NOT NULL,
                    programme_id TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    next_step TEXT NOT NULL,
                    next_step_actor TEXT NOT NULL,
                    last_activity DOUBLE PRECISION,
                    supervision_due DOUBLE PRECISION,
                    certificate_valid_until DOUBLE PRECISION,
                    awaiting_review BIGINT NOT NULL,
                    last_sequence BIGINT NOT NULL,
                    PRIMARY KEY (trainee_id, programme_id),
                    FOREIGN KEY (trainee_id, programme_id) REFERENCES enrolments(trainee_id, programme_id)
                )
                """,
                "CREATE INDEX summaries_by_stage ON trainee_summaries(programme_id, stage)",
            ]
        ),
        (
            "003-vetting-and-audit",
            [
                """
                CREATE TABLE vetting_records (
                    trainee_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
                    level TEXT NOT NULL,
                    certificate_number TEXT NOT NULL,
                    issue_date DOUBLE PRECISION NOT NULL,
                    decision TEXT NOT NULL,
                    decided_by TEXT NOT NULL REFERENCES people(id),
                    decided_at DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE vetting_notes (
                    id BIGSERIAL PRIMARY KEY,
                    trainee_id TEXT NOT NULL REFERENCES people(id),
                    text TEXT NOT NULL,
                    recorded_by TEXT NOT NULL,
                    recorded_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX vetting_notes_by_time ON vetting_notes(recorded_at)",
                """
                CREATE TABLE audit_log (
                    id BIGSERIAL PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    actor_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject_id TEXT,
                    detail TEXT
                )
                """,
                "CREATE INDEX audit_by_subject ON audit_log(subject_id, at)",
            ]
        ),
        (
            "004-sessions",
            [
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL REFERENCES people(id),
                    csrf_token TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    expires_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX sessions_by_person ON sessions(person_id)",
                """
                CREATE TABLE one_time_tokens (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    purpose TEXT NOT NULL,
                    person_id TEXT REFERENCES people(id),
                    created_at DOUBLE PRECISION NOT NULL,
                    expires_at DOUBLE PRECISION NOT NULL,
                    used_at DOUBLE PRECISION
                )
                """,
                """
                CREATE TABLE rate_counters (
                    key TEXT PRIMARY KEY NOT NULL,
                    window_start DOUBLE PRECISION NOT NULL,
                    count BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE reflection_drafts (
                    trainee_id TEXT NOT NULL REFERENCES people(id),
                    programme_id TEXT NOT NULL,
                    prompt_id TEXT NOT NULL,
                    text TEXT NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (trainee_id, programme_id, prompt_id)
                )
                """,
            ]
        ),
        (
            "005-certificates",
            [
                """
                CREATE TABLE certificates (
                    code TEXT PRIMARY KEY NOT NULL,
                    trainee_id TEXT NOT NULL REFERENCES people(id),
                    programme_id TEXT NOT NULL,
                    programme_version TEXT NOT NULL,
                    holder_name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    criteria TEXT NOT NULL,
                    issued_at DOUBLE PRECISION NOT NULL,
                    valid_until DOUBLE PRECISION,
                    state TEXT NOT NULL,
                    state_reason TEXT,
                    state_changed_at DOUBLE PRECISION,
                    superseded_by TEXT REFERENCES certificates(code),
                    superseded_at DOUBLE PRECISION
                )
                """,
                "CREATE INDEX certificates_by_trainee ON certificates(trainee_id, programme_id, issued_at)",
                """
                CREATE TABLE certificate_lookups (
                    id BIGSERIAL PRIMARY KEY,
                    code TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    via TEXT NOT NULL
                )
                """,
                "CREATE INDEX certificate_lookups_by_code ON certificate_lookups(code, at)",
                """
                CREATE TABLE lookup_limits (
                    address TEXT PRIMARY KEY NOT NULL,
                    window_start DOUBLE PRECISION NOT NULL,
                    count BIGINT NOT NULL
                )
                """,
                "CREATE INDEX lookup_limits_by_window ON lookup_limits(window_start)",
            ]
        ),
        (
            "006-summary-names",
            [
                "ALTER TABLE trainee_summaries ADD COLUMN name TEXT NOT NULL DEFAULT ''",
                "UPDATE trainee_summaries s SET name = p.name FROM people p WHERE p.id = s.trainee_id",
                "DROP INDEX summaries_by_stage",
                "CREATE INDEX summaries_by_name ON trainee_summaries(programme_id, name, trainee_id)",
                "CREATE INDEX summaries_by_stage_name ON trainee_summaries(programme_id, stage, name, trainee_id)",
            ]
        ),
        (
            "007-form-submissions",
            [
                // A form posted twice (a double click, a retry after a timeout) is recorded once: the
                // first request claims its key, a repeat finds it and is sent where the first went.
                """
                CREATE TABLE form_submissions (
                    key TEXT PRIMARY KEY NOT NULL,
                    person_id TEXT NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    location TEXT
                )
                """,
                "CREATE INDEX form_submissions_by_time ON form_submissions(created_at)",
            ]
        ),
        (
            "008-lookup-counts",
            [
                // Public lookups counted per certificate, day (UTC) and kind, not logged one row per
                // request: anyone may look a certificate up, so a row each let anyone grow the table
                // without bound. Who looked, and when in the day, is not kept.
                """
                CREATE TABLE certificate_lookup_days (
                    code TEXT NOT NULL,
                    day TEXT NOT NULL,
                    via TEXT NOT NULL,
                    count BIGINT NOT NULL,
                    PRIMARY KEY (code, day, via)
                )
                """,
                """
                INSERT INTO certificate_lookup_days (code, day, via, count)
                SELECT code, to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), via, COUNT(*) FROM certificate_lookups
                GROUP BY 1, 2, 3
                """,
                "DROP TABLE certificate_lookups",
            ]
        ),
        (
            "009-counter-expiry",
            [
                // When each rate counter means nothing any more (its window has passed), so old ones
                // can be deleted a few at a time as new ones are made. Counters from before get a
                // day, longer than any window Waymark uses.
                "ALTER TABLE rate_counters ADD COLUMN forget_at DOUBLE PRECISION NOT NULL DEFAULT 0",
                "UPDATE rate_counters SET forget_at = window_start + 86400",
                "CREATE INDEX rate_counters_by_forget_at ON rate_counters(forget_at)",
            ]
        ),
        (
            "010-status-lists",
            [
                // Each certificate's bit in the W3C Bitstring Status Lists (the same slot in the
                // revocation and the suspension list), fixed when it is issued.
                "ALTER TABLE certificates ADD COLUMN status_list INTEGER",
                "ALTER TABLE certificates ADD COLUMN status_index INTEGER",
                "CREATE UNIQUE INDEX certificates_status_slot ON certificates(status_list, status_index)",
                // The lists: a version counted up with every change to their bits (in the change's
                // transaction), and the signed list last built, so every server serves the same bytes.
                """
                CREATE TABLE status_lists (
                    list INTEGER NOT NULL,
                    purpose TEXT NOT NULL,
                    version BIGINT NOT NULL DEFAULT 1,
                    jwt TEXT,
                    built_version BIGINT,
                    built_at DOUBLE PRECISION,
                    built_for TEXT,
                    PRIMARY KEY (list, purpose)
                )
                """,
                // Certificates from before get random slots, different within each list, in a
                // random order, so that their bits say nothing about when each was issued.
                """
                UPDATE certificates AS c SET status_list = 1 + numbered.n / 131072, status_index = picks.i
                FROM (SELECT code, row_number() OVER (ORDER BY random()) - 1 AS n FROM certificates) AS numbered
                JOIN (SELECT i, row_number() OVER (ORDER BY random()) - 1 AS n FROM generate_series(0, 131071) AS i) AS picks
                    ON picks.n = numbered.n % 131072
                WHERE c.code = numbered.code
                """,
                StatusListSQL.backfillLists,
            ]
        ),
        (
            "011-audit-log-page",
            [
                // The audit log page reads the newest lines first, and a person's lines by what they
                // did as well as what was done to them: an index for each.
                "CREATE INDEX audit_by_time ON audit_log(at, id)",
                "CREATE INDEX audit_by_actor ON audit_log(actor_id, at)",
            ]
        ),
        (
            "012-applications",
            [
                // What someone wrote on the public application form besides their name and email:
                // personal data, shown only to coordinators and admins, deleted by erasure.
                """
                CREATE TABLE applications (
                    trainee_id TEXT PRIMARY KEY NOT NULL REFERENCES people(id),
                    programme_id TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    note TEXT NOT NULL,
                    submitted_at DOUBLE PRECISION NOT NULL
                )
                """,
                // What admins change on a page (whether the application form is open), one row a
                // setting; no row means the default.
                """
                CREATE TABLE site_settings (
                    name TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    changed_by TEXT NOT NULL,
                    changed_at DOUBLE PRECISION NOT NULL
                )
                """,
            ]
        ),
        (
            "013-outbox",
            [
                """
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY NOT NULL,
                    person_id TEXT REFERENCES people(id),
                    address TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    plain_text TEXT NOT NULL,
                    html TEXT NOT NULL,
                    once_key TEXT UNIQUE,
                    created_at DOUBLE PRECISION NOT NULL,
                    next_attempt_at DOUBLE PRECISION NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    state TEXT NOT NULL DEFAULT 'waiting',
                    lease_owner TEXT,
                    lease_until DOUBLE PRECISION,
                    sent_at DOUBLE PRECISION
                )
                """,
                "CREATE INDEX outbox_due ON outbox(state, next_attempt_at)",
                "CREATE INDEX outbox_leases ON outbox(state, lease_until)",
                "CREATE INDEX outbox_by_person ON outbox(person_id, kind, created_at)",
            ]
        ),
        (
            "014-curriculum-versions",
            [
                // Every curriculum that passed its checks, with all its files, so that every server
                // runs the same one: the newest number is the one to run. One digest, one version.
                """
                CREATE TABLE curriculum_versions (
                    number BIGINT PRIMARY KEY NOT NULL,
                    digest TEXT NOT NULL UNIQUE,
                    stored_by TEXT,
                    stored_on TEXT NOT NULL,
                    stored_at DOUBLE PRECISION NOT NULL,
                    programmes TEXT NOT NULL,
                    file_count BIGINT NOT NULL,
                    total_bytes BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE curriculum_files (
                    version BIGINT NOT NULL REFERENCES curriculum_versions(number),
                    path TEXT NOT NULL,
                    bytes BYTEA NOT NULL,
                    PRIMARY KEY (version, path)
                )
                """,
                // Each server's last look for a newer version, and the one it runs.
                """
                CREATE TABLE curriculum_servers (
                    server_id TEXT PRIMARY KEY NOT NULL,
                    running_version BIGINT,
                    checked_at DOUBLE PRECISION NOT NULL,
                    started_at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX curriculum_servers_by_check ON curriculum_servers(checked_at)",
            ]
        ),
        (
            "015-cohort-binary-order",
            // The cohort page orders by name and id COLLATE "C" (SQLite's order, whatever the
            // database's locale); indexes in the locale's order could not serve it.
            [
                "DROP INDEX summaries_by_name",
                "DROP INDEX summaries_by_stage_name",
                "CREATE INDEX summaries_by_name ON trainee_summaries(programme_id, name COLLATE \"C\", trainee_id COLLATE \"C\")",
                "CREATE INDEX summaries_by_stage_name ON trainee_summaries(programme_id, stage, name COLLATE \"C\", trainee_id COLLATE \"C\")",
            ]
        ),
    ]
}
