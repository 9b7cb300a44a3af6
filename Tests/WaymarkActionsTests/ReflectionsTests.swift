import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ReflectionsChecks {
    static func sendingAReflectionRemovesItsDraft(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let trainee = try await addPerson("Fay Trainee", roles: [.trainee], to: store, on: programme)
        try await store.saveDraft(traineeID: trainee.id, programmeID: programme.id, promptID: "why", text: "Half written", at: start)
        try await store.saveDraft(traineeID: trainee.id, programmeID: programme.id, promptID: "other", text: "Kept", at: start)
        try await Reflections(store: store).send("Because I was helped once", on: "why", by: trainee.id, on: programme, at: start)
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.kind) == [.reflectionSubmitted(promptID: "why", text: "Because I was helped once")])
        #expect(try await store.draft(traineeID: trainee.id, programmeID: programme.id, promptID: "why") == nil)
        #expect(try await store.draft(traineeID: trainee.id, programmeID: programme.id, promptID: "other") == "Kept")
    }

    static func onlyAReflectionSentBackIsMailed(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let trainee = try await addPerson("Gus Trainee", roles: [.trainee], to: store, on: programme)
        let reflections = Reflections(store: store)
        let mail = OutboxDraft(
            personID: trainee.id,
            address: trainee.email,
            kind: .reflectionSentBack,
            subject: "Have another look",
            plainText: "Your coordinator asks you to have another look.",
            html: "<p>Your coordinator asks you to have another look.</p>"
        )
        for (promptID, outcome) in [("first", ReviewOutcome.accepted), ("second", .revisit)] {
            try await reflections.send("Written", on: promptID, by: trainee.id, on: programme, at: start)
            try await reflections.review(promptID, outcome: outcome, feedback: "", of: trainee.id, on: programme, by: "c", at: start, sentBackMail: mail)
        }
        let sent = try await store.outboxEntries(personID: trainee.id)
        #expect(sent.map(\.kind) == [.reflectionSentBack])
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.filter { if case .reflectionReviewed = $0.kind { true } else { false } }.count == 2)
    }
}

extension ReflectionsChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("sendingAReflectionRemovesItsDraft", sendingAReflectionRemovesItsDraft),
        StoreCheck("onlyAReflectionSentBackIsMailed", onlyAReflectionSentBackIsMailed),
    ])
}
