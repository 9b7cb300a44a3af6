import Foundation
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// What recording a trainee's events needs of a store: the record, the certificates an event
/// may change and the outbox its mail goes to, all written in one transaction.
public typealias TraineeRecordStore = RecordStore & CertificateStore & OutboxStore

/// Records what happens to trainees: the one way the use cases here write an event. Each change
/// appends one event and rewrites the trainee's summary row in the same transaction, so lists
/// never disagree with the record; when another writer appended first, it reads the record
/// again and retries. A certificate event also writes the certificate's row in that transaction
/// (see `TraineeRecords+Certificates.swift`).
public struct TraineeRecords<Store: TraineeRecordStore>: Sendable {
    /// Where the record lives.
    public let store: Store
    /// How many times to try before giving up when other writers keep getting there first.
    public var attempts = 40

    /// Records kept in this store.
    public init(store: Store) {
        self.store = store
    }

    /// Appends one event and returns the trainee's status after it.
    @discardableResult
    public func record(
        _ kind: EventKind,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String? = nil,
        at now: Date,
        mail: [OutboxDraft] = []
    ) async throws -> TraineeStatus {
        try await record([kind], for: traineeID, on: programme, by: actorID, reason: reason, at: now, mail: mail)
    }

    /// Appends events together, numbered one after another, in one transaction (an attempt and
    /// the reflections written in it); returns the trainee's status after them. At most one of
    /// them may change a certificate. `mail` is written to the outbox in the same transaction.
    ///
    /// `known` is the trainee's record on the programme as the caller read it a moment ago (as
    /// `eventsForProgress` reads it; a page that acts has just read it): the first try builds on
    /// it rather than reading it again. Anything appended since makes the append conflict, and
    /// the next try reads the record afresh, so a stale `known` costs a retry, never a wrong record.
    @discardableResult
    public func record(
        _ kinds: [EventKind],
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String? = nil,
        at now: Date,
        mail: [OutboxDraft] = [],
        known: [TraineeEvent]? = nil
    ) async throws -> TraineeStatus {
        for kind in kinds { try Self.check(kind, on: programme) }
        var known = known
        for _ in 0..<attempts {
            let before: [TraineeEvent]
            if let events = known {
                before = events
                known = nil
            } else {
                before = try await store.eventsForProgress(traineeID: traineeID, programmeID: programme.id)
            }
            var events = before
            var change: CertificateChange?
            for kind in kinds {
                let event = TraineeEvent(
                    sequence: (events.last?.sequence ?? 0) + 1,
                    traineeID: traineeID,
                    programmeID: programme.id,
                    programmeVersion: programme.version,
                    actorID: actorID,
                    at: now,
                    reason: reason,
                    kind: kind
                )
                if let next = try inStoreTerms({ try CertificateEligibility.change(for: event, on: programme, before: events) }) {
                    guard change == nil else { throw StoreError.refused("Change one certificate at a time.") }
                    change = next
                }
                events.append(event)
            }
            let added = Array(events[before.count...])
            guard let last = added.last else { return Progression.evaluate(programme, before, now: now) }
            let status = Progression.evaluate(programme, events, now: now)
            let summary = TraineeSummary(traineeID: traineeID, programmeID: programme.id, status: status, lastSequence: last.sequence)
            do {
                if !mail.isEmpty {
                    try await store.append(added, summary: summary, certificate: change, mail: mail)
                } else if let change {
                    try await store.append(added, summary: summary, certificate: change)
                } else {
                    try await store.append(added, summary: summary)
                }
                return status
            } catch StoreError.conflict {
                // Someone else appended first: wait a moment, a little longer each time and at
                // random, so writers racing for the same trainee fall into single file.
                try await Task.sleep(for: .microseconds(Int.random(in: 100...2_000)))
                continue
            }
        }
        throw StoreError.conflict
    }

    /// Where the trainee stands now.
    public func status(of traineeID: String, on programme: Programme, at now: Date) async throws -> TraineeStatus {
        Progression.evaluate(programme, try await store.eventsForProgress(traineeID: traineeID, programmeID: programme.id), now: now)
    }

    /// Rules an event must keep before it is written.
    static func check(_ kind: EventKind, on programme: Programme) throws {
        if case .checkRecorded(let checkID, _, let note) = kind {
            guard let check = programme.recruitment.first(where: { $0.id == checkID }) else {
                throw StoreError.invalid("The programme has no recruitment check called '\(checkID)'.")
            }
            // Waymark never stores conviction details: a vetting check carries no free text.
            if check.kind == .vetting, let note, !note.isEmpty {
                throw StoreError.invalid("Notes are not kept for a DBS check. Record only the level, certificate number, issue date and decision.")
            }
        }
        if case .anotherTryAllowed(let assessmentID) = kind, programme.assessments[assessmentID] == nil {
            throw StoreError.invalid("The programme has no assessment called '\(assessmentID)'.")
        }
        if case .practiceLogged(_, _, let hours, _) = kind, !(hours > 0 && hours <= 24) {
            throw StoreError.invalid("Practice hours for one day must be more than 0 and at most 24.")
        }
    }
}
