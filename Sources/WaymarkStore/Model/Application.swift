import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// What someone wrote on the public application form besides their name and email. It is
/// personal data: shown only to coordinators and admins, in the person's copy of their data,
/// and gone after erasure.
public struct ApplicationDetails: Sendable, Hashable, Codable {
    public var traineeID: String
    public var programmeID: String
    /// How they would like to be reached (a phone number, a good time to call), as they wrote it.
    public var contact: String
    /// Anything else they wanted to say.
    public var note: String
    public var submittedAt: Date

    public init(traineeID: String, programmeID: String, contact: String, note: String, submittedAt: Date) {
        self.traineeID = traineeID
        self.programmeID = programmeID
        self.contact = contact
        self.note = note
        self.submittedAt = submittedAt
    }
}

/// One application from the public form, with everything it makes, ready to be written in one
/// transaction (`ApplicationStore.submitApplication`): the person with no password, their
/// enrolment, the application event, their first summary, what they wrote and the link to set
/// a password with.
public struct OnlineApplication: Sendable {
    public let person: Person
    public let enrolment: Enrolment
    public let event: TraineeEvent
    public let summary: TraineeSummary
    public let details: ApplicationDetails
    /// The SHA-256 of the invite link's token (the token itself is never stored).
    public let inviteTokenHash: String
    public let inviteExpiresAt: Date
    /// Emails written in the same transaction (the applicant's link to set a password), so one
    /// goes out exactly when the application is stored. Empty when the address has an account.
    public var mail: [OutboxDraft] = []

    public init(
        name: String,
        email: String,
        contact: String,
        note: String,
        programme: Programme,
        inviteTokenHash: String,
        inviteExpiresAt: Date,
        at now: Date
    ) {
        let person = NewPerson(name: name, email: email, roles: [.trainee], passwordHash: nil).person(createdAt: now)
        let event = TraineeEvent(
            sequence: 1,
            traineeID: person.id,
            programmeID: programme.id,
            programmeVersion: programme.version,
            actorID: person.id,
            at: now,
            kind: .applicationSubmitted
        )
        self.person = person
        enrolment = Enrolment(traineeID: person.id, programmeID: programme.id, supervisorID: nil, enrolledAt: now)
        self.event = event
        summary = TraineeSummary(
            traineeID: person.id,
            programmeID: programme.id,
            status: Progression.evaluate(programme, [event], now: now),
            lastSequence: 1
        )
        details = ApplicationDetails(traineeID: person.id, programmeID: programme.id, contact: contact, note: note, submittedAt: now)
        self.inviteTokenHash = inviteTokenHash
        self.inviteExpiresAt = inviteExpiresAt
    }
}

/// What became of an application from the public form.
public enum ApplicationOutcome: Sendable, Equatable {
    /// The person, their record and their invite link were made.
    case submitted(personID: String)
    /// The email address already has an account: nothing was written or changed.
    case emailTaken
}

/// What an admin can change on the applications page.
public enum SiteSetting: String, Sendable {
    /// Whether the public application form takes applications ("open" or "closed").
    case applications
}
