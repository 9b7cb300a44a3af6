import Foundation
import WaymarkCertificates
import WaymarkProgress

extension AnyWaymarkStore {
    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        // The change happens with, and at the time of, the event that records it (see `OutboxStore.append`).
        guard !events.isEmpty else { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await writeAppend(events, summary: summary, certificate: change, mail: [])
        observer?.appended(events)
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await backend.read { db in try await db.fetchFirstRow(CertificateSQL.byCode(code)).map(CertificateSQL.certificate) }
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await backend.read { db in try await db.fetchRows(CertificateSQL.byTrainee(traineeID)).map(CertificateSQL.certificate) }
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await backend.read { db in try await db.fetchRows(CertificateSQL.byProgramme(programmeID)).map(CertificateSQL.certificate) }
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await backend.write { db in _ = try await db.perform(CertificateSQL.recordLookup(code: code, via: channel, at: at)) }
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await backend.read { db in
            let row = try await db.fetchFirstRow(CertificateSQL.lookupCount(code: code))
            return LookupCount(count: try row?.optional("n") ?? 0, lastDay: try row?.optional("last"))
        }
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await backend.read { db in try await db.fetchRows(CertificateSQL.lookupDays(code: code, limit: limit)).map(CertificateSQL.lookupDay) }
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        let windowStart = (at.timeIntervalSince1970 / window).rounded(.down) * window
        return try await backend.write { db in
            try await db.perform(CertificateSQL.forgetLookupWindows(before: windowStart))
            let counted = try await db.fetchRows(CertificateSQL.countLookup(address: address, windowStart: windowStart)).first
            return (try counted?.optional("count", as: Int.self) ?? 0) <= limit
        }
    }
}
