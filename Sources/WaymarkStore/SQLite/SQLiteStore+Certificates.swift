import Foundation
import GRDB
import WaymarkCertificates
import WaymarkProgress

extension SQLiteStore: CertificateStore {
    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        // The change happens with, and at the time of, the event that records it (see `OutboxStore.append`).
        guard !events.isEmpty else { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await append(events, summary: summary, certificate: change, mail: [])
    }

    static func apply(
        _ change: CertificateChange,
        _ db: Database,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        at: Date
    ) throws {
        var checked: (state: CertificateState, reason: String?)?
        if let code = change.existingCode {
            guard let row = try db.fetchFirstRow(CertificateSQL.lockedByCode(code)) else { throw StoreError.notFound("Certificate \(code)") }
            checked = try change.check(CertificateSQL.certificate(row), traineeID: traineeID, programmeID: programmeID)
        }
        switch change {
        case .issue(let code, let achievement, let validUntil), .renew(_, let code, let achievement, let validUntil):
            guard let holder = try db.fetchFirstRow(CertificateSQL.holderName(traineeID: traineeID)) else { throw StoreError.notFound("The trainee") }
            let insert = CertificateSQL.insert(
                code: code,
                slot: try newStatusSlot(db),
                traineeID: traineeID,
                programmeID: programmeID,
                version: programmeVersion,
                holderName: try holder.required("name"),
                achievement: achievement,
                issuedAt: at,
                validUntil: validUntil
            )
            guard try db.fetchRows(insert).count == 1 else { throw StoreError.refused("A certificate with the code \(code) exists already.") }
            if case .renew(let previousCode, _, _, _) = change { try db.perform(CertificateSQL.supersede(previousCode, by: code, at: at)) }
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _):
            guard let checked else { return }
            try db.perform(CertificateSQL.setState(code: code, checked.state, reason: checked.reason, at: at))
            try db.perform(CertificateSQL.bumpListVersions(code: code))
        }
    }

    /// A free slot for a new certificate, and the rows of its lists.
    private static func newStatusSlot(_ db: Database) throws -> StatusListSlot {
        let current = try db.fetchFirstRow(CertificateSQL.lastStatusList)?.optional("list", as: Int.self)
        let used = try current.map { list in
            Set(try db.fetchRows(CertificateSQL.usedIndexes(statusList: list)).map { try $0.required("status_index", as: Int.self) })
        }
        let slot = StatusListSlot.next(currentList: current, usedInCurrent: used ?? [])
        try db.perform(CertificateSQL.addLists(slot.list))
        return slot
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await readDatabase { db in try db.fetchFirstRow(CertificateSQL.byCode(code)).map(CertificateSQL.certificate) }
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await readDatabase { db in try db.fetchRows(CertificateSQL.byTrainee(traineeID)).map(CertificateSQL.certificate) }
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await readDatabase { db in try db.fetchRows(CertificateSQL.byProgramme(programmeID)).map(CertificateSQL.certificate) }
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await writeDatabase { db in _ = try db.perform(CertificateSQL.recordLookup(code: code, via: channel, at: at)) }
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await readDatabase { db in
            let row = try db.fetchFirstRow(CertificateSQL.lookupCount(code: code))
            return LookupCount(count: try row?.optional("n") ?? 0, lastDay: try row?.optional("last"))
        }
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await readDatabase { db in try db.fetchRows(CertificateSQL.lookupDays(code: code, limit: limit)).map(CertificateSQL.lookupDay) }
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        let windowStart = (at.timeIntervalSince1970 / window).rounded(.down) * window
        return try await writeDatabase { db in
            try db.perform(CertificateSQL.forgetLookupWindows(before: windowStart))
            let count = try db.fetchRows(CertificateSQL.countLookup(address: address, windowStart: windowStart)).first?.optional("count", as: Int.self)
            return (count ?? 0) <= limit
        }
    }
}
