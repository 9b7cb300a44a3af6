/// The schema, as numbered migrations written once for both databases; `SQLDialect` spells each
/// step for SQLite or PostgreSQL. A released migration is never edited: add a new one (at the
/// end of `laterMigrations`).
enum Schema {
    static let migrations = firstMigrations + laterMigrations

    /// Migrations 001 to 007; the rest are in `laterMigrations`, to keep each file short.
    static let firstMigrations: [SchemaMigration] = [
        SchemaMigration(
            "001-people",
            [
                .table(
                    "people",
                    [
                        .text("id", .primaryKey, .notNull),
                        .text("name", .notNull),
                        .text("email", .notNull, .unique),
                        .text("roles", .notNull),  // space-separated Role values
                        .text("password_hash"),
                        .boolean("active", .notNull, .defaultValue(.boolean(true))),
                        .real("created_at", .notNull),
                    ],
                    copy: .all(orderedBy: "id")
                )
            ]
        ),
        SchemaMigration(
            "002-records",
            [
                .table(
                    "enrolments",
                    [
                        .text("trainee_id", .notNull, .references(table: "people", column: "id")),
                        .text("programme_id", .notNull),
                        .text("supervisor_id", .references(table: "people", column: "id")),
                        .real("enrolled_at", .notNull),
                    ],
                    primaryKey: ["trainee_id", "programme_id"],
                    copy: .all(orderedBy: "trainee_id, programme_id")
                ),
                .index("enrolments_by_supervisor", on: "enrolments", "supervisor_id"),
                // The evidence trail. Typed columns rather than one JSON blob, so that reading a
                // cohort's events is column reads; `detail` holds JSON only for attempts. The
                // per-trainee sequence is the primary key: two servers appending the same number
                // for one trainee cannot both succeed; the loser retries.
                .table(
                    "events",
                    [
                        .text("trainee_id", .notNull),
                        .text("programme_id", .notNull),
                        .bigInteger("sequence", .notNull),
                        .text("programme_version", .notNull),
                        .text("actor_id", .notNull),
                        .real("at", .notNull),
                        .text("reason"),
                        .text("kind", .notNull),
                        .text("subject"),
                        .text("outcome"),
                        .real("amount"),
                        .real("on_date"),
                        .text("body"),
                        .text("detail"),  // attempts: pass mark, possible and earned points
                        .text("answers"),  // attempts: the answers, as JSON (read only for result pages)
                        .boolean("erased", .notNull, .defaultValue(.boolean(false))),
                    ],
                    primaryKey: ["trainee_id", "programme_id", "sequence"],
                    foreignKeys: [
                        SchemaForeignKey(
                            columns: ["trainee_id", "programme_id"],
                            table: "enrolments",
                            referenced: ["trainee_id", "programme_id"]
                        )
                    ],
                    withoutRowID: true,
                    copy: .all(orderedBy: "trainee_id, programme_id, sequence")
                ),
                // Append-only: no event is ever deleted, and the only update allowed is the
                // erasure path, which blanks free text once and marks the row erased.
                .only(
                    .sqlite,
                    [
                        .statement(
                            """
                            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
                            """
                        ),
                        .statement(
                            """
                            CREATE TRIGGER events_only_erasure BEFORE UPDATE ON events
                            WHEN NOT (OLD.erased = 0 AND NEW.erased = 1
                                      AND NEW.trainee_id = OLD.trainee_id AND NEW.programme_id = OLD.programme_id
                                      AND NEW.sequence = OLD.sequence AND NEW.kind = OLD.kind AND NEW.at = OLD.at)
                            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END
                            """
                        ),
                    ]
                ),
                .only(
                    .postgres,
                    [
                        .statement(
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
                            """
                        ),
                        .statement(
                            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()"
                        ),
                    ]
                ),
                .table(
                    "trainee_summaries",
                    [
                        .text("trainee_id", .notNull),
                        .text("programme_id", .notNull),
                        .text("stage", .notNull),
                        .text("next_step", .notNull),
                        .text("next_step_actor", .notNull),
                        .real("last_activity"),
                        .real("supervision_due"),
                        .real("certificate_valid_until"),
                        .bigInteger("awaiting_review", .notNull),
                        .bigInteger("last_sequence", .notNull),
                    ],
                    primaryKey: ["trainee_id", "programme_id"],
                    foreignKeys: [
                        SchemaForeignKey(
                            columns: ["trainee_id", "programme_id"],
                            table: "enrolments",
                            referenced: ["trainee_id", "programme_id"]
                        )
                    ],
                    withoutRowID: true,
                    copy: .all(orderedBy: "trainee_id, programme_id")
                ),
                .index("summaries_by_stage", on: "trainee_summaries", "programme_id", "stage"),
            ]
        ),
        SchemaMigration(
            "003-vetting-and-audit",
            [
                // Only what the DBS code of practice allows: no conviction details, no copies.
                .table(
                    "vetting_records",
                    [
                        .text("trainee_id", .primaryKey, .notNull, .references(table: "people", column: "id")),
                        .text("level", .notNull),
                        .text("certificate_number", .notNull),
                        .real("issue_date", .notNull),
                        .text("decision", .notNull),
                        .text("decided_by", .notNull, .references(table: "people", column: "id")),
                        .real("decided_at", .notNull),
                    ],
                    copy: .all(orderedBy: "trainee_id")
                ),
                .table(
                    "vetting_notes",
                    [
                        .serial("id"),
                        .text("trainee_id", .notNull, .references(table: "people", column: "id")),
                        .text("text", .notNull),
                        .text("recorded_by", .notNull),
                        .real("recorded_at", .notNull),
                    ],
                    copy: .all(orderedBy: "id")
                ),
                .index("vetting_notes_by_time", on: "vetting_notes", "recorded_at"),
                .table(
                    "audit_log",
                    [
                        .serial("id"),
                        .real("at", .notNull),
                        .text("actor_id", .notNull),
                        .text("action", .notNull),
                        .text("subject_id"),
                        .text("detail"),
                    ],
                    copy: .all(orderedBy: "id")
                ),
                .index("audit_by_subject", on: "audit_log", "subject_id", "at"),
            ]
        ),
        SchemaMigration(
            "004-sessions",
            [
                // Sessions live in the store so any server can serve any request. Only a hash of
                // the cookie's token is kept: a copy of the database signs nobody in.
                .table(
                    "sessions",
                    [
                        .text("token_hash", .primaryKey, .notNull),
                        .text("person_id", .notNull, .references(table: "people", column: "id")),
                        .text("csrf_token", .notNull),
                        .real("created_at", .notNull),
                        .real("expires_at", .notNull),
                    ],
                    copy: .skip(because: "people simply sign in again on the new servers")
                ),
                .index("sessions_by_person", on: "sessions", "person_id"),
                // Setup and invite links: one use each, with an end date.
                .table(
                    "one_time_tokens",
                    [
                        .text("token_hash", .primaryKey, .notNull),
                        .text("purpose", .notNull),
                        .text("person_id", .references(table: "people", column: "id")),
                        .real("created_at", .notNull),
                        .real("expires_at", .notNull),
                        .real("used_at"),
                    ],
                    copy: .all(orderedBy: "token_hash")
                ),
                // Counters for throttling sign-ins and verification lookups, per key and window.
                .table(
                    "rate_counters",
                    [
                        .text("key", .primaryKey, .notNull),
                        .real("window_start", .notNull),
                        .bigInteger("count", .notNull),
                    ],
                    copy: .skip(because: "a counter lasts only until its window has passed")
                ),
                // Reflections a trainee is still writing; not part of the record until submitted.
                .table(
                    "reflection_drafts",
                    [
                        .text("trainee_id", .notNull, .references(table: "people", column: "id")),
                        .text("programme_id", .notNull),
                        .text("prompt_id", .notNull),
                        .text("text", .notNull),
                        .real("updated_at", .notNull),
                    ],
                    primaryKey: ["trainee_id", "programme_id", "prompt_id"],
                    copy: .all(orderedBy: "trainee_id, programme_id, prompt_id")
                ),
            ]
        ),
        SchemaMigration(
            "005-certificates",
            [
                // One row per certificate: a projection of the certificate events, written in the
                // same transaction as each of them. The achievement is copied in when the
                // certificate is issued, so a later edit of the programme never changes what was
                // certified. Status (valid, expired...) is worked out when read.
                .table(
                    "certificates",
                    [
                        .text("code", .primaryKey, .notNull),  // WM-XXXX-XXXX-XXXX-XXXX-C
                        .text("trainee_id", .notNull, .references(table: "people", column: "id")),
                        .text("programme_id", .notNull),
                        .text("programme_version", .notNull),
                        .text("holder_name", .notNull),
                        .text("title", .notNull),
                        .text("description", .notNull),
                        .text("criteria", .notNull),
                        .real("issued_at", .notNull),
                        .real("valid_until"),  // NULL: does not expire
                        .text("state", .notNull),  // active, suspended, revoked
                        .text("state_reason"),  // why suspended or revoked: never shown publicly
                        .real("state_changed_at"),
                        .text("superseded_by", .references(table: "certificates", column: "code")),
                        .real("superseded_at"),
                    ],
                    // Newest first: an older certificate points at the one that superseded it.
                    copy: .all(orderedBy: "issued_at DESC, code")
                ),
                .index("certificates_by_trainee", on: "certificates", "trainee_id", "programme_id", "issued_at"),
                // Every public lookup of a certificate, so a coordinator can see when it was
                // checked. Who looked is not kept. (Counted per day instead since 008.)
                .table(
                    "certificate_lookups",
                    [
                        .serial("id"),
                        .text("code", .notNull),
                        .real("at", .notNull),
                        .text("via", .notNull),  // page, credential, status
                    ],
                    copy: .all(orderedBy: "id")
                ),
                .index("certificate_lookups_by_code", on: "certificate_lookups", "code", "at"),
                // Lookups per address in the current window, for rate limiting. A row lives only
                // until its window has passed.
                .table(
                    "lookup_limits",
                    [
                        .text("address", .primaryKey, .notNull),
                        .real("window_start", .notNull),
                        .bigInteger("count", .notNull),
                    ],
                    withoutRowID: true,
                    copy: .skip(because: "a row lasts only until its window has passed")
                ),
                .index("lookup_limits_by_window", on: "lookup_limits", "window_start"),
            ]
        ),
        SchemaMigration(
            "006-summary-names",
            [
                // The cohort overview lists 50 trainees at a time by name: keep the name beside the
                // summary with indexes for both orderings, so a page is an index walk rather than a
                // join of every trainee sorted on every request.
                .addColumn(table: "trainee_summaries", .text("name", .notNull, .defaultValue(.text("")))),
                .statement(
                    "UPDATE trainee_summaries SET name = COALESCE((SELECT name FROM people WHERE people.id = trainee_summaries.trainee_id), '')"
                ),
                .dropIndex("summaries_by_stage"),
                .index("summaries_by_name", on: "trainee_summaries", "programme_id", "name", "trainee_id"),
                .index("summaries_by_stage_name", on: "trainee_summaries", "programme_id", "stage", "name", "trainee_id"),
            ]
        ),
        SchemaMigration(
            "007-form-submissions",
            [
                // A form posted twice (a double click, a retry after a timeout) is recorded once:
                // the first request claims its key, a repeat finds it and goes where the first went.
                .table(
                    "form_submissions",
                    [
                        .text("key", .primaryKey, .notNull),
                        .text("person_id", .notNull),
                        .real("created_at", .notNull),
                        .text("location"),
                    ],
                    withoutRowID: true,
                    copy: .skip(because: "a form's key matters only while it might be posted again")
                ),
                .index("form_submissions_by_time", on: "form_submissions", "created_at"),
            ]
        ),
    ]
}
