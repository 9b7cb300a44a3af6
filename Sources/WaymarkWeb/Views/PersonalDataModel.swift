import Foundation
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// Everything Waymark holds about a person as a page to read (the same as the JSON download):
/// for an admin answering a subject access request.
struct PersonalDataModel {
    struct FactLine {
        var label: String
        var value: String
    }

    struct EventLine {
        var number: Int
        var when: String
        var what: String
        var by: String
        /// What was written, word for word (a reflection, feedback, a note, a reason, answers).
        var texts: [String]
    }

    struct ProgrammeEntry {
        var title: String
        var facts: [FactLine]
        var events: [EventLine]
    }

    struct DraftLine {
        var prompt: String
        var updated: String
        var text: String
    }

    struct CertificateEntry {
        var code: String
        var facts: [FactLine]
    }

    var id: String
    var name: String
    var exported: String
    var profile: [FactLine]
    /// What they wrote on the public application form, word for word; empty if they did not apply there.
    var application: [FactLine]
    var programmes: [ProgrammeEntry]
    var drafts: [DraftLine]
    var certificates: [CertificateEntry]
    var vetting: [FactLine]
    var notes: [VettingModel.NoteLine]
    var auditAbout: [AuditLogModel.Line]
    var auditBy: [AuditLogModel.Line]
    /// The emails written to them: when, what about, and whether it went.
    var emails: [AuditLogModel.Line] = []

    init(_ data: PersonalData, curriculum: Curriculum, dates: WebDates) {
        let names = data.names
        func called(_ id: String) -> String { names[id] ?? PersonalDataReader<AnyWaymarkStore>.nameOfSomeoneNotAPerson(id) }
        id = data.profile.id
        name = data.profile.name
        exported = dates.dayAndTime(data.exportedAt)
        profile = [
            FactLine(label: "Name", value: data.profile.name),
            FactLine(label: "Email address", value: data.profile.email),
            FactLine(label: "Roles", value: data.profile.roles.joined(separator: ", ")),
            FactLine(label: "Account", value: data.profile.active ? "Can sign in" : "Cannot sign in (deactivated or erased)"),
            FactLine(label: "Password", value: data.profile.hasPassword ? "Set (Waymark keeps only a scrambled form of it)" : "Not set"),
            FactLine(label: "Added", value: dates.dayAndTime(data.profile.createdAt)),
            FactLine(label: "Id", value: data.profile.id),
        ]
        application = data.application.map {
            [
                FactLine(label: "Sent on", value: dates.dayAndTime($0.submittedAt)),
                FactLine(label: "How to reach them", value: $0.contact),
                FactLine(label: "What they wrote", value: $0.note),
            ]
        } ?? []
        programmes = data.programmes.map { record in
            let programme = curriculum.programme(record.programmeID)
            return ProgrammeEntry(
                title: programme?.title ?? record.programmeID,
                facts: [
                    FactLine(label: "Joined", value: dates.dayAndTime(record.enrolledAt)),
                    FactLine(label: "Supervisor", value: record.supervisorID.map(called) ?? "None"),
                ],
                events: record.events.map { event in
                    EventLine(
                        number: event.sequence,
                        when: dates.dayAndTime(event.at),
                        what: Timeline.describe(event.kind, programme: programme, dates: dates),
                        by: called(event.actorID),
                        texts: Self.texts(of: event, names: called)
                    )
                }
            )
        }
        drafts = data.drafts.map { DraftLine(prompt: $0.promptID, updated: dates.dayAndTime($0.updatedAt), text: $0.text) }
        certificates = data.certificates.map { certificate in
            var facts = [
                FactLine(label: "Title", value: certificate.title),
                FactLine(label: "Name on it", value: certificate.holderName.isEmpty ? "None (erased)" : certificate.holderName),
                FactLine(label: "Status", value: CertificateStatus(rawValue: certificate.status)?.label ?? certificate.status),
                FactLine(label: "Issued", value: dates.day(certificate.issuedAt)),
                FactLine(label: "Valid until", value: certificate.validUntil.map(dates.day) ?? "Does not expire"),
            ]
            if let reason = certificate.stateReason { facts.append(FactLine(label: "Reason for its status", value: reason)) }
            if let newer = certificate.supersededBy { facts.append(FactLine(label: "Replaced by", value: newer)) }
            let lookups = certificate.lookups.map { "\($0.day): \($0.page) on the page, \($0.credential) as a credential, \($0.status) by status" }
            facts.append(
                FactLine(
                    label: "Checked by others",
                    value: lookups.isEmpty ? "Never" : lookups.joined(separator: "; ") + " (who checked is not kept)"
                )
            )
            return CertificateEntry(code: certificate.code, facts: facts)
        }
        vetting =
            data.vetting.map { record in
                [
                    FactLine(label: "Level", value: VettingLevel(rawValue: record.level).map(VettingModel.label) ?? record.level),
                    FactLine(label: "Certificate number", value: record.certificateNumber),
                    FactLine(label: "Issued", value: dates.day(record.issueDate)),
                    FactLine(label: "Decision", value: SuitabilityDecision(rawValue: record.decision).map(VettingModel.label) ?? record.decision),
                    FactLine(label: "Decided by", value: "\(called(record.decidedBy)), \(dates.day(record.decidedAt))"),
                ]
            } ?? []
        notes = data.vettingNotes.map { VettingModel.NoteLine(text: $0.text, by: called($0.recordedBy), date: dates.day($0.recordedAt)) }
        func line(_ entry: PersonalData.AuditLine) -> AuditLogModel.Line {
            AuditLogModel.Line(
                when: dates.dayAndTime(entry.at),
                words: called(entry.actorID) + " " + AuditWording.line(entry.action, about: entry.subjectID.map(called))
            )
        }
        auditAbout = data.auditAboutThem.map(line)
        auditBy = data.auditByThem.map(line)
        emails = data.emails.map { email in
            let state: String =
                switch email.state {
                case .sent: "sent" + (email.sentAt.map { " \(dates.dayAndTime($0))" } ?? "")
                case .waiting, .sending: "waiting to go"
                case .failed: "not sent"
                }
            return AuditLogModel.Line(
                when: dates.dayAndTime(email.createdAt),
                words: "\(OutboxModel.label(email.kind)) email to \(email.address.isEmpty ? "an erased address" : email.address), \(state)"
            )
        }
    }

    /// The words written in an event, each whole.
    static func texts(of event: TraineeEvent, names: (String) -> String) -> [String] {
        var texts: [String] = []
        switch event.kind {
        case .checkRecorded(_, _, let note?): texts.append("Note: \(note)")
        case .reflectionSubmitted(_, let text): texts.append("Reflection: \(text)")
        case .reflectionReviewed(_, _, let feedback): texts.append("Feedback: \(feedback)")
        case .supervisionRecorded(_, _, let supervisor, _): texts.append("Supervisor: \(names(supervisor))")
        case .assessmentAttempted(let attempt):
            for (question, answer) in attempt.answers.sorted(by: { $0.key < $1.key }) { texts.append("Answer to \(question): \(Self.words(answer))") }
        default: break
        }
        if let reason = event.reason { texts.append("Reason: \(reason)") }
        return texts
    }

    static func words(_ answer: Answer) -> String {
        switch answer {
        case .choice(let id): id
        case .choices(let ids): ids.joined(separator: ", ")
        case .trueFalse(let value): value ? "true" : "false"
        case .text(let text), .reflection(let text): text
        case .number(let number): String(number)
        case .matches(let pairs): pairs.sorted { $0.key < $1.key }.map { "\($0.key) with \($0.value)" }.joined(separator: ", ")
        case .order(let ids): ids.joined(separator: ", ")
        case .blanks(let given): given.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "blank \($0.key): \($0.value)" }.joined(separator: ", ")
        }
    }
}

extension PersonalDataModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .exported: reader.read { $0.pointee.exported }
        case .profile: reader.read { $0.pointee.profile }
        case .application: reader.read { $0.pointee.application }
        case .programmes: reader.read { $0.pointee.programmes }
        case .drafts: reader.read { $0.pointee.drafts }
        case .certificates: reader.read { $0.pointee.certificates }
        case .vetting: reader.read { $0.pointee.vetting }
        case .notes: reader.read { $0.pointee.notes }
        case .auditAbout: reader.read { $0.pointee.auditAbout }
        case .auditBy: reader.read { $0.pointee.auditBy }
        case .emails: reader.read { $0.pointee.emails }
        default: break
        }
    }
}

extension PersonalDataModel.CertificateEntry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .code: reader.read { $0.pointee.code }
        case .facts: reader.read { $0.pointee.facts }
        default: break
        }
    }
}

extension PersonalDataModel.DraftLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .prompt: reader.read { $0.pointee.prompt }
        case .updated: reader.read { $0.pointee.updated }
        case .text: reader.read { $0.pointee.text }
        default: break
        }
    }
}

extension PersonalDataModel.EventLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .number: reader.read { $0.pointee.number }
        case .when: reader.read { $0.pointee.when }
        case .what: reader.read { $0.pointee.what }
        case .by: reader.read { $0.pointee.by }
        case .texts: reader.read { $0.pointee.texts }
        default: break
        }
    }
}

extension PersonalDataModel.FactLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .label: reader.read { $0.pointee.label }
        case .value: reader.read { $0.pointee.value }
        default: break
        }
    }
}

extension PersonalDataModel.ProgrammeEntry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .facts: reader.read { $0.pointee.facts }
        case .events: reader.read { $0.pointee.events }
        default: break
        }
    }
}
