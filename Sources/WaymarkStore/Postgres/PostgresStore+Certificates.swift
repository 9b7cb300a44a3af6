import Foundation
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

extension PostgresStore: CertificateStore {
    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        // The change happens with, and at the time of, the event that records it (see `OutboxStore.append`).
        guard !events.isEmpty else { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await append(events, summary: summary, certificate: change, mail: [])
    }

    func apply(
        _ change: CertificateChange,
        _ connection: PostgresConnection,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        at: Date
    ) async throws {
        var checked: (state: CertificateState, reason: String?)?
        if let code = change.existingCode {
            guard let row = try await connection.fetchFirstRow(CertificateSQL.lockedByCode(code), logger: logger) else {
                throw StoreError.notFound("Certificate \(code)")
            }
            checked = try change.check(CertificateSQL.certificate(row), traineeID: traineeID, programmeID: programmeID)
        }
        switch change {
        case .issue(let code, let achievement, let validUntil), .renew(_, let code, let achievement, let validUntil):
            guard let holder = try await connection.fetchFirstRow(CertificateSQL.holderName(traineeID: traineeID), logger: logger) else {
                throw StoreError.notFound("The trainee")
            }
            let insert = CertificateSQL.insert(
                code: code,
                slot: try await newStatusSlot(connection),
                traineeID: traineeID,
                programmeID: programmeID,
                version: programmeVersion,
                holderName: try holder.required("name"),
                achievement: achievement,
                issuedAt: at,
                validUntil: validUntil
            )
            guard try await connection.perform(insert, logger: logger) == 1 else {
                throw StoreError.refused("A certificate with the code \(code) exists already.")
            }
            if case .renew(let previousCode, _, _, _) = change {
                try await connection.perform(CertificateSQL.supersede(previousCode, by: code, at: at), logger: logger)
            }
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _):
            guard let checked else { return }
            try await connection.perform(CertificateSQL.setState(code: code, checked.state, reason: checked.reason, at: at), logger: logger)
            try await connection.perform(CertificateSQL.bumpListVersions(code: code), logger: logger)
        }
    }

    /// A free slot for a new certificate, and the rows of its lists. Two servers may choose the
    /// same free bit at once: the unique index refuses the second, which is then a conflict that
    /// `TraineeRecords` retries, choosing again.
    private func newStatusSlot(_ connection: PostgresConnection) async throws -> StatusListSlot {
        let current = try await connection.fetchFirstRow(CertificateSQL.lastStatusList, logger: logger)?.optional("list", as: Int.self)
        var used: Set<Int> = []
        if let current {
            for row in try await connection.fetchRows(CertificateSQL.usedIndexes(statusList: current), logger: logger) {
                used.insert(try row.required("status_index", as: Int.self))
            }
        }
        let slot = StatusListSlot.next(currentList: current, usedInCurrent: used)
        try await connection.perform(CertificateSQL.addLists(slot.list), logger: logger)
        return slot
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(CertificateSQL.byCode(code), logger: logger).map(CertificateSQL.certificate)
        }
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CertificateSQL.byTrainee(traineeID), logger: logger).map(CertificateSQL.certificate)
        }
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CertificateSQL.byProgramme(programmeID), logger: logger).map(CertificateSQL.certificate)
        }
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(CertificateSQL.recordLookup(code: code, via: channel, at: at), logger: logger)
        }
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await onConnection { [self] connection in
            let row = try await connection.fetchFirstRow(CertificateSQL.lookupCount(code: code), logger: logger)
            return LookupCount(count: try row?.optional("n") ?? 0, lastDay: try row?.optional("last"))
        }
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CertificateSQL.lookupDays(code: code, limit: limit), logger: logger).map(CertificateSQL.lookupDay)
        }
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        let windowStart = (at.timeIntervalSince1970 / window).rounded(.down) * window
        return try await transaction { [self] connection in
            try await connection.perform(CertificateSQL.forgetLookupWindows(before: windowStart), logger: logger)
            let counted = try await connection.fetchFirstRow(CertificateSQL.countLookup(address: address, windowStart: windowStart), logger: logger)
            return (try counted?.optional("count", as: Int.self) ?? 0) <= limit
        }
    }
}
