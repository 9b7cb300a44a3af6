import Foundation
import WaymarkProgress

/// Gathers everything held about a person (`PersonalData`) from the store's own reads, and
/// writes who asked in the audit log first: a subject access export is a look at the whole
/// record, DBS record included, so it is logged like one (the DBS reads log themselves too).
public struct PersonalDataReader<Store: WaymarkStore>: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The action written to the audit log for each export.
    public static var exportedAction: String { "person.exported" }

    /// Everything about the person with this id, or nil when there is nobody with it.
    public func read(personID: String, by viewerID: String, at now: Date) async throws -> PersonalData? {
        guard let person = try await store.person(id: personID) else { return nil }
        try await store.audit(AuditEntry(at: now, actorID: viewerID, action: Self.exportedAction, subjectID: personID, detail: nil))
        let records = try await store.traineeRecords(traineeID: personID, answers: true)
        var certificates: [PersonalData.CertificateEntry] = []
        for certificate in try await store.certificates(traineeID: personID) {
            let days = try await store.lookupDays(code: certificate.code, limit: 100_000)
            certificates.append(
                PersonalData.CertificateEntry(
                    code: certificate.code,
                    programmeID: certificate.programmeID,
                    title: certificate.title,
                    holderName: certificate.holderName,
                    issuedAt: certificate.issuedAt,
                    validUntil: certificate.validUntil,
                    status: certificate.status(at: now).rawValue,
                    stateReason: certificate.stateReason,
                    supersededBy: certificate.supersededBy,
                    lookups: days.map { .init(day: $0.day, page: $0.page, credential: $0.credential, status: $0.status) }
                )
            )
        }
        let vetting = try await store.vettingRecord(traineeID: personID, viewedBy: viewerID, at: now)
        let notes = try await store.vettingNotes(traineeID: personID, viewedBy: viewerID, at: now)
        let lines = try await auditLines(personID)
        var data = PersonalData(
            exportedAt: now,
            profile: .init(
                id: person.id,
                name: person.name,
                email: person.email,
                roles: person.roles.sorted().map(\.rawValue),
                active: person.isActive,
                hasPassword: person.passwordHash != nil,
                createdAt: person.createdAt
            ),
            programmes: records.map {
                .init(
                    programmeID: $0.enrolment.programmeID,
                    supervisorID: $0.enrolment.supervisorID,
                    enrolledAt: $0.enrolment.enrolledAt,
                    events: $0.events
                )
            },
            drafts: try await store.drafts(traineeID: personID),
            certificates: certificates,
            vetting: vetting.map {
                .init(
                    level: $0.level.rawValue,
                    certificateNumber: $0.certificateNumber,
                    issueDate: $0.issueDate,
                    decision: $0.decision.rawValue,
                    decidedBy: $0.decidedBy,
                    decidedAt: $0.decidedAt
                )
            },
            vettingNotes: notes.map { .init(text: $0.text, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt) },
            application: try await store.application(traineeID: personID),
            auditAboutThem: lines.filter { $0.subjectID == personID },
            auditByThem: lines.filter { $0.actorID == personID && $0.subjectID != personID },
            names: [:]
        )
        data.names = try await names(for: data)
        data.emails = try await store.outboxEntries(personID: personID)
        return data
    }

    /// Every line of the audit log by or about the person, newest first, a page at a time.
    private func auditLines(_ personID: String) async throws -> [PersonalData.AuditLine] {
        var lines: [PersonalData.AuditLine] = []
        var query = AuditQuery(personID: personID, offset: 0, limit: 500)
        while true {
            let page = try await store.auditLog(query)
            lines += page.entries.map { .init(at: $0.at, actorID: $0.actorID, action: $0.action, subjectID: $0.subjectID, detail: $0.detail) }
            guard page.hasOlder else { return lines }
            query.offset += query.limit
        }
    }

    /// The names of the people the export refers to by id (actors, supervisors, deciders).
    private func names(for data: PersonalData) async throws -> [String: String] {
        var ids: Set<String> = [data.profile.id]
        for programme in data.programmes {
            if let supervisor = programme.supervisorID { ids.insert(supervisor) }
            for event in programme.events {
                ids.insert(event.actorID)
                if case .supervisionRecorded(_, _, let supervisorID, _) = event.kind { ids.insert(supervisorID) }
            }
        }
        if let vetting = data.vetting { ids.insert(vetting.decidedBy) }
        ids.formUnion(data.vettingNotes.map(\.recordedBy))
        for line in data.auditAboutThem + data.auditByThem {
            ids.insert(line.actorID)
            if let subject = line.subjectID { ids.insert(subject) }
        }
        var names: [String: String] = [:]
        for id in ids.sorted() {
            names[id] = try await store.person(id: id)?.name ?? PersonalDataReader.nameOfSomeoneNotAPerson(id)
        }
        return names
    }

    /// What stands for an actor that is not a person: the command line, or Waymark itself.
    public static func nameOfSomeoneNotAPerson(_ id: String) -> String {
        switch id {
        case "cli": "someone at the command line"
        case "system": "Waymark"
        default: "someone no longer here"
        }
    }
}
