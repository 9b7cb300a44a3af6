import Foundation
import WaymarkCertificates

/// A change to the certificates, applied in the transaction of the event that records it.
extension SQLSession {
    func apply(_ change: CertificateChange, traineeID: String, programmeID: String, programmeVersion: String, at: Date) async throws {
        var checked: (state: CertificateState, reason: String?)?
        if let code = change.existingCode {
            guard let row = try await fetchFirstRow(CertificateSQL.lockedByCode(code)) else { throw StoreError.notFound("Certificate \(code)") }
            checked = try change.check(CertificateSQL.certificate(row), traineeID: traineeID, programmeID: programmeID)
        }
        switch change {
        case .issue(let code, let achievement, let validUntil), .renew(_, let code, let achievement, let validUntil):
            guard let holder = try await fetchFirstRow(CertificateSQL.holderName(traineeID: traineeID)) else { throw StoreError.notFound("The trainee") }
            let insert = CertificateSQL.insert(
                code: code,
                slot: try await newStatusSlot(),
                traineeID: traineeID,
                programmeID: programmeID,
                version: programmeVersion,
                holderName: try holder.required("name"),
                achievement: achievement,
                issuedAt: at,
                validUntil: validUntil
            )
            guard try await fetchRows(insert).count == 1 else { throw StoreError.refused("A certificate with the code \(code) exists already.") }
            if case .renew(let previousCode, _, _, _) = change { try await perform(CertificateSQL.supersede(previousCode, by: code, at: at)) }
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _):
            guard let checked else { return }
            try await perform(CertificateSQL.setState(code: code, checked.state, reason: checked.reason, at: at))
            try await perform(CertificateSQL.bumpListVersions(code: code))
        }
    }

    /// A free slot for a new certificate, and the rows of its lists. Two PostgreSQL servers may
    /// choose the same free bit at once: the unique index refuses the second, which is then a
    /// conflict that `TraineeRecords` retries, choosing again.
    private func newStatusSlot() async throws -> StatusListSlot {
        let current = try await fetchFirstRow(CertificateSQL.lastStatusList)?.optional("list", as: Int.self)
        var used: Set<Int> = []
        if let current {
            for row in try await fetchRows(CertificateSQL.usedIndexes(statusList: current)) { used.insert(try row.required("status_index", as: Int.self)) }
        }
        let slot = StatusListSlot.next(currentList: current, usedInCurrent: used)
        try await perform(CertificateSQL.addLists(slot.list))
        return slot
    }
}
