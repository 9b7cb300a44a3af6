import Foundation
import Logging
import ServiceLifecycle
import WaymarkMail
import WaymarkStore

/// Sends what waits in the outbox through a `MailTransport`: takes a few due messages with a
/// lease, sends each, and marks it sent, or backs off and tries later (`OutboxBackOff`). A
/// sender on every server is safe: the store gives each message to one of them at a time, and a
/// crashed sender's messages are taken again once its lease runs out.
public struct OutboxSender<Store: OutboxStore>: Sendable {
    let store: Store
    let transport: any MailTransport
    /// Names this sender on its leases (unique per process).
    let owner: String
    /// The right-hand side of each message's Message-ID (the site's host name).
    let messageDomain: String
    let logger: Logger
    let now: @Sendable () -> Date
    /// Messages taken in one go: few, so a batch is sent well inside its lease.
    var batch = 10

    public init(
        store: Store,
        transport: any MailTransport,
        messageDomain: String,
        owner: String = "sender-" + UUID().uuidString.lowercased(),
        logger: Logger = Logger(label: "waymark.outbox"),
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.transport = transport
        self.messageDomain = messageDomain
        self.owner = owner
        self.logger = logger
        self.now = now
    }

    /// Sends the messages due now, one batch; returns how many it took.
    @discardableResult
    public func sendDue() async throws -> Int {
        let started = now()
        let messages = try await store.claimOutbox(owner: owner, at: started, leaseUntil: started.addingTimeInterval(OutboxBackOff.lease), limit: batch)
        for message in messages {
            do {
                try await transport.send(mailMessage(message))
                try await store.markSent(id: message.id, owner: owner, at: now())
            } catch let error as MailDeliveryError {
                try await notSent(message, error)
            } catch {
                // The reason is shown on the admin's Email page: plain words there, the detail in the log.
                logger.warning("Email \(message.id) hit an error with no words of its own: \(String(reflecting: error))")
                try await notSent(message, .temporary("Waymark could not hand this message to the mail server; it will try again."))
            }
        }
        return messages.count
    }

    private func notSent(_ message: OutboxMessage, _ error: MailDeliveryError) async throws {
        let (reason, retryAt): (String, Date?) =
            switch error {
            case .permanent(let reason): (reason, nil)
            case .temporary(let reason): (reason, OutboxBackOff.retry(afterAttempts: message.attempts, at: now()))
            }
        // The address and the words stay out of the log: only which message and why.
        logger.warning("Email \(message.id) (\(message.kind.rawValue)) not sent, try \(message.attempts): \(reason)\(retryAt == nil ? "; no more tries" : "")")
        try await store.markNotSent(id: message.id, owner: owner, error: reason, retryAt: retryAt)
    }

    func mailMessage(_ message: OutboxMessage) -> MailMessage {
        MailMessage(
            to: message.address,
            subject: message.subject,
            plainText: message.plainText,
            html: message.html,
            messageID: "<\(message.id)@\(messageDomain)>"
        )
    }
}

/// Runs an `OutboxSender` while the server runs: a batch, then another at once while batches
/// come back full, otherwise a pause.
struct OutboxSenderService<Store: OutboxStore>: Service {
    let sender: OutboxSender<Store>
    let ready: Readiness
    var pause: Duration = .seconds(10)

    func run() async throws {
        await ready.repeatUntilShutdown(every: pause) {
            do {
                return try await sender.sendDue() >= sender.batch
            } catch {
                sender.logger.error("The outbox could not be read: \(error)")
                return false
            }
        }
    }
}
