import GRDB
import WaymarkCertificates

extension Schema {
    /// Migrations 008 on; a new one goes at the end.
    static let laterMigrations: [SchemaMigration] = [
        SchemaMigration(
            "008-lookup-counts",
            [
                // Public lookups counted per certificate, day (UTC) and kind, not logged one row
                // per request: anyone may look a certificate up, so a row each let anyone grow the
                // table without bound. Who looked, and when in the day, is not kept.
                .table(
                    "certificate_lookup_days",
                    [
                        .text("code", .notNull),
                        .text("day", .notNull),  // YYYY-MM-DD, UTC
                        .text("via", .notNull),  // page, credential, status
                        .bigInteger("count", .notNull),
                    ],
                    primaryKey: ["code", "day", "via"],
                    withoutRowID: true,
                    copy: .all(orderedBy: "code, day, via")
                ),
                // Each database has its own words for a UTC date.
                .only(
                    .sqlite,
                    [
                        .statement(
                            """
                            INSERT INTO certificate_lookup_days (code, day, via, count)
                                SELECT code, date(at, 'unixepoch'), via, COUNT(*) FROM certificate_lookups
                                GROUP BY code, date(at, 'unixepoch'), via
                            """
                        )
                    ]
                ),
                .only(
                    .postgres,
                    [
                        .statement(
                            """
                            INSERT INTO certificate_lookup_days (code, day, via, count)
                            SELECT code, to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), via, COUNT(*) FROM certificate_lookups
                            GROUP BY 1, 2, 3
                            """
                        )
                    ]
                ),
                .dropTable("certificate_lookups"),
            ]
        ),
        SchemaMigration(
            "009-counter-expiry",
            [
                // When each rate counter means nothing any more (its window has passed), so old
                // ones can be deleted a few at a time as new ones are made. Counters from before
                // get a day, longer than any window Waymark uses.
                .addColumn(table: "rate_counters", .real("forget_at", .notNull, .defaultValue(.integer(0)))),
                .statement("UPDATE rate_counters SET forget_at = window_start + 86400"),
                .index("rate_counters_by_forget_at", on: "rate_counters", "forget_at"),
            ]
        ),
        SchemaMigration(
            "010-status-lists",
            [
                // Each certificate's bit in the W3C Bitstring Status Lists (the same slot in the
                // revocation and the suspension list), fixed when it is issued.
                .addColumn(table: "certificates", .integer("status_list")),
                .addColumn(table: "certificates", .integer("status_index")),
                .index("certificates_status_slot", on: "certificates", "status_list", "status_index", unique: true),
                // The lists: a version counted up with every change to their bits (in the
                // change's transaction), and the signed list last built, so every server serves
                // the same bytes.
                .table(
                    "status_lists",
                    [
                        .integer("list", .notNull),
                        .text("purpose", .notNull),  // revocation, suspension
                        .bigInteger("version", .notNull, .defaultValue(.integer(1))),
                        .text("jwt"),  // the signed BitstringStatusListCredential
                        .bigInteger("built_version"),
                        .real("built_at"),
                        .text("built_for"),  // the issuer's id (the site address) it names
                    ],
                    primaryKey: ["list", "purpose"],
                    // A server builds a list again if the copy names another site or key.
                    copy: .all(orderedBy: "list, purpose")
                ),
                // Certificates from before get random slots, different within each list, in a
                // random order, so that their bits say nothing about when each was issued.
                .only(.sqlite, [.sqliteCode(giveEarlierCertificatesRandomSlots)]),
                .only(
                    .postgres,
                    [
                        .statement(
                            """
                            UPDATE certificates AS c SET status_list = 1 + numbered.n / 131072, status_index = picks.i
                            FROM (SELECT code, row_number() OVER (ORDER BY random()) - 1 AS n FROM certificates) AS numbered
                            JOIN (SELECT i, row_number() OVER (ORDER BY random()) - 1 AS n FROM generate_series(0, 131071) AS i) AS picks
                                ON picks.n = numbered.n % 131072
                            WHERE c.code = numbered.code
                            """
                        )
                    ]
                ),
                .statement(StatusListSQL.backfillLists),
            ]
        ),
        SchemaMigration(
            "011-audit-log-page",
            [
                // The audit log page reads the newest lines first, and a person's lines by what
                // they did as well as what was done to them: an index for each, so a page is an
                // index walk, not a sort of the whole log.
                .index("audit_by_time", on: "audit_log", "at", "id"),
                .index("audit_by_actor", on: "audit_log", "actor_id", "at"),
            ]
        ),
        SchemaMigration(
            "012-applications",
            [
                // What someone wrote on the public application form besides their name and email:
                // personal data, shown only to coordinators and admins, deleted by erasure.
                .table(
                    "applications",
                    [
                        .text("trainee_id", .primaryKey, .notNull, .references(table: "people", column: "id")),
                        .text("programme_id", .notNull),
                        .text("contact", .notNull),  // how they would like to be reached
                        .text("note", .notNull),
                        .real("submitted_at", .notNull),
                    ],
                    copy: .all(orderedBy: "trainee_id")
                ),
                // What admins change on a page (whether the application form is open), one row a
                // setting; no row means the default.
                .table(
                    "site_settings",
                    [
                        .text("name", .primaryKey, .notNull),
                        .text("value", .notNull),
                        .text("changed_by", .notNull),
                        .real("changed_at", .notNull),
                    ],
                    copy: .all(orderedBy: "name")
                ),
            ]
        ),
        SchemaMigration(
            "013-outbox",
            [
                // Emails, written in the transaction of what causes them and sent by a background
                // sender. A sender takes a message with a lease (owner and until when), so two
                // never send the same one and a crashed sender's messages are taken again.
                .table(
                    "outbox",
                    [
                        .text("id", .primaryKey, .notNull),
                        .text("person_id", .references(table: "people", column: "id")),
                        .text("address", .notNull),
                        .text("kind", .notNull),
                        .text("subject", .notNull),
                        .text("plain_text", .notNull),
                        .text("html", .notNull),
                        .text("once_key", .unique),  // at most one message per key (the reminders)
                        .real("created_at", .notNull),
                        .real("next_attempt_at", .notNull),
                        .integer("attempts", .notNull, .defaultValue(.integer(0))),
                        .text("last_error"),
                        .text("state", .notNull, .defaultValue(.text("waiting"))),  // waiting, sending, sent, failed
                        .text("lease_owner"),
                        .real("lease_until"),
                        .real("sent_at"),
                    ],
                    // Emails waiting, and those sent or failed, for the admin's counts and
                    // people's copies.
                    copy: .all(orderedBy: "created_at, id")
                ),
                .index("outbox_due", on: "outbox", "state", "next_attempt_at"),
                .index("outbox_leases", on: "outbox", "state", "lease_until"),
                .index("outbox_by_person", on: "outbox", "person_id", "kind", "created_at"),
            ]
        ),
        SchemaMigration(
            "014-curriculum-versions",
            [
                // Every curriculum that passed its checks, with all its files, so that every
                // server runs the same one: the newest number is the one to run. One digest, one
                // version.
                .table(
                    "curriculum_versions",
                    [
                        .bigInteger("number", .primaryKey, .notNull),
                        .text("digest", .notNull, .unique),
                        .text("stored_by"),  // the coordinator's id; NULL when a server stored its folder at start
                        .text("stored_on", .notNull),  // the server that stored it
                        .real("stored_at", .notNull),
                        .text("programmes", .notNull),  // "id version, id version"
                        .bigInteger("file_count", .notNull),
                        .bigInteger("total_bytes", .notNull),
                    ],
                    // Every version, so the new servers run the one the old one ran.
                    copy: .all(orderedBy: "number")
                ),
                .table(
                    "curriculum_files",
                    [
                        .bigInteger("version", .notNull, .references(table: "curriculum_versions", column: "number")),
                        .text("path", .notNull),
                        .blob("bytes", .notNull),
                    ],
                    primaryKey: ["version", "path"],
                    copy: .all(orderedBy: "version, path")
                ),
                // Each server's last look for a newer version, and the one it runs.
                .table(
                    "curriculum_servers",
                    [
                        .text("server_id", .primaryKey, .notNull),
                        .bigInteger("running_version"),
                        .real("checked_at", .notNull),
                        .real("started_at", .notNull),
                    ],
                    copy: .skip(because: "each server records itself when it starts")
                ),
                .index("curriculum_servers_by_check", on: "curriculum_servers", "checked_at"),
            ]
        ),
        SchemaMigration(
            "015-cohort-binary-order",
            [
                // The cohort page orders by name and id in bytes' order (`COLLATE "C"` on
                // PostgreSQL, whatever the database's locale); indexes in the locale's order could
                // not serve it. SQLite compares text by its bytes already, so its indexes serve
                // the page as they are.
                .only(
                    .postgres,
                    [
                        .dropIndex("summaries_by_name"),
                        .dropIndex("summaries_by_stage_name"),
                        .index("summaries_by_name", on: "trainee_summaries", "programme_id", .binary("name"), .binary("trainee_id")),
                        .index("summaries_by_stage_name", on: "trainee_summaries", "programme_id", "stage", .binary("name"), .binary("trainee_id")),
                    ]
                )
            ]
        ),
    ]

    /// Migration 010 on SQLite, which has no `generate_series` to draw the slots from.
    private static func giveEarlierCertificatesRandomSlots(_ db: Database) throws {
        let codes = try String.fetchAll(db, sql: "SELECT code FROM certificates").shuffled()
        let indexes = Array(0..<StatusListSlot.capacity).shuffled()
        for (number, code) in codes.enumerated() {
            try db.execute(
                sql: "UPDATE certificates SET status_list = ?, status_index = ? WHERE code = ?",
                arguments: [1 + number / StatusListSlot.capacity, indexes[number % StatusListSlot.capacity], code]
            )
        }
    }
}
