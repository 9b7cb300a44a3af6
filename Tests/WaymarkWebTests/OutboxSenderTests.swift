import Foundation
import Synchronization
import Testing
import WaymarkMail
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A mail server that keeps what it is given, and fails as a test tells it to.
final class RecordingTransport: MailTransport {
    private let state = Mutex<(sent: [MailMessage], failures: [MailDeliveryError])>(([], []))

    var sent: [MailMessage] { state.withLock { $0.sent } }

    /// The next sends fail with these, in order.
    func fail(with errors: [MailDeliveryError]) {
        state.withLock { $0.failures = errors }
    }

    func send(_ message: MailMessage) async throws {
        let failure: MailDeliveryError? = state.withLock { state in
            if state.failures.isEmpty {
                state.sent.append(message)
                return nil
            }
            return state.failures.removeFirst()
        }
        if let failure { throw failure }
    }
}

private let start = Date(timeIntervalSince1970: 1_790_000_000)

private func drafts(_ count: Int) -> [OutboxDraft] {
    (0..<count).map { number in
        OutboxDraft(personID: nil, address: "person\(number)@example.org", kind: .invite, subject: "Hello \(number)", plainText: "Hi", html: "<p>Hi</p>")
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum OutboxSenderChecks {
    /// Two servers' senders on one database, sending at the same time: every message goes
    /// exactly once.
    static func twoSendersSendEachMessageOnce(_ temporary: TemporaryStore) async throws {
        let second = try await temporary.location.open(timeout: TestDatabase.openTimeout)
        defer { Task { await second.close() } }
        try await temporary.store.enqueue(drafts(60), quietSince: nil, at: start)
        let transport = RecordingTransport()
        let senders = [
            OutboxSender(store: temporary.store, transport: transport, messageDomain: "test.example", owner: "one", now: { start }),
            OutboxSender(store: second, transport: transport, messageDomain: "test.example", owner: "two", now: { start }),
        ].map { sender in
            var sender = sender
            sender.batch = 7
            return sender
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in senders {
                group.addTask {
                    while try await sender.sendDue() > 0 {}
                }
            }
            try await group.waitForAll()
        }
        let addresses = transport.sent.map(\.to)
        #expect(addresses.count == 60)
        #expect(Set(addresses).count == 60)
        #expect(Set(transport.sent.map(\.messageID)).count == 60)
        #expect(try await temporary.store.outboxCounts() == OutboxCounts(sent: 60))
    }

    /// A server that is busy is tried again after a minute, then five; a refusal fails at
    /// once; and after about two days of trying, a message fails for good.
    static func temporaryFailuresBackOffAndRefusalsFailAtOnce(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let clock = TestClock()
        let transport = RecordingTransport()
        let sender = OutboxSender(store: store, transport: transport, messageDomain: "test.example", now: clock.now)
        try await store.enqueue(drafts(1), quietSince: nil, at: clock.now())
        transport.fail(with: [.temporary("421 busy"), .temporary("421 busy")])
        #expect(try await sender.sendDue() == 1)
        #expect(try await sender.sendDue() == 0)
        clock.advance(by: 60)
        #expect(try await sender.sendDue() == 1)
        clock.advance(by: 299)
        #expect(try await sender.sendDue() == 0)
        clock.advance(by: 1)
        #expect(try await sender.sendDue() == 1)
        #expect(transport.sent.count == 1)
        #expect(try await store.outboxCounts() == OutboxCounts(sent: 1))

        try await store.enqueue(drafts(1), quietSince: nil, at: clock.now())
        transport.fail(with: [.permanent("550 no such mailbox")])
        #expect(try await sender.sendDue() == 1)
        #expect(try await store.failedMessages(limit: 5).map(\.lastError) == ["550 no such mailbox"])

        try await store.enqueue(drafts(1), quietSince: nil, at: clock.now())
        transport.fail(with: Array(repeating: .temporary("connection refused"), count: 20))
        var tries = 0
        var waited: TimeInterval = 0
        while try await store.outboxCounts().failed < 2, tries < 20 {
            tries += try await sender.sendDue()
            clock.advance(by: 3_600)
            waited += 3_600
        }
        #expect(tries == 9)
        #expect(waited > 40 * 3_600 && waited < 60 * 3_600)
    }

    /// Each message as the mail server gets it: the outbox row's words, and a Message-ID of
    /// its own that stays the same on every try.
    static func theMessageCarriesTheRowsWordsAndAStableID(_ temporary: TemporaryStore) async throws {
        let clock = TestClock()
        let transport = RecordingTransport()
        let sender = OutboxSender(store: temporary.store, transport: transport, messageDomain: "mentors.example", now: clock.now)
        try await temporary.store.enqueue(drafts(1), quietSince: nil, at: clock.now())
        transport.fail(with: [.temporary("busy")])
        try await sender.sendDue()
        clock.advance(by: 60)
        try await sender.sendDue()
        let message = try #require(transport.sent.first)
        let id = try #require(try await temporary.store.outboxCounts().sent == 1 ? message.messageID : nil)
        #expect(id.hasPrefix("<") && id.hasSuffix("@mentors.example>"))
        #expect(message == MailMessage(to: "person0@example.org", subject: "Hello 0", plainText: "Hi", html: "<p>Hi</p>", messageID: id))
    }
}

extension OutboxSenderChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("twoSendersSendEachMessageOnce", twoSendersSendEachMessageOnce),
        StoreCheck("temporaryFailuresBackOffAndRefusalsFailAtOnce", temporaryFailuresBackOffAndRefusalsFailAtOnce),
        StoreCheck("theMessageCarriesTheRowsWordsAndAStableID", theMessageCarriesTheRowsWordsAndAStableID),
    ])
}
