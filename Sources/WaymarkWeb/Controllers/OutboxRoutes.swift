import Foundation
import Hummingbird
import WaymarkStore

/// The admin's view of the email outbox: how many messages wait, were sent or failed, and for
/// each failed one who it was to and why (never its words), with a way to try it again.
extension Web {
    func addOutboxRoutes(to router: Router<WebContext>) {
        let admin = group(router, .only([.admin]))

        admin.get("/outbox") { exchange in
            let notice = exchange.query("notice") == "retried" ? Notices.text("retried") : nil
            return page("outbox", try await outboxModel(), title: "Email", exchange, notice: notice)
        }

        admin.post("/outbox/:message/retry") { exchange in
            let id = try exchange.parameter("message")
            guard try await store.retryFailedMessage(id: id, by: try exchange.person.id, at: now()) else {
                var model = try await outboxModel()
                model.problem = "That email is not waiting to be tried again: it may have been sent, or tried already. Nothing was changed."
                return page("outbox", model, title: "Email", exchange, status: .conflict)
            }
            return redirect("/outbox?notice=retried")
        }
    }

    func outboxModel() async throws -> OutboxModel {
        let counts = try await store.outboxCounts()
        let failed = try await store.failedMessages(limit: 100)
        return OutboxModel(
            sendsEmail: sendsEmail,
            waiting: counts.waiting + counts.sending,
            sent: counts.sent,
            failed: counts.failed,
            failures: failed.map { entry in
                OutboxModel.Row(
                    id: entry.id,
                    address: entry.address.isEmpty ? "(erased)" : entry.address,
                    kind: OutboxModel.label(entry.kind),
                    created: dates.dayAndTime(entry.createdAt),
                    attempts: entry.attempts,
                    error: entry.lastError ?? "",
                    canRetry: !entry.address.isEmpty
                )
            }
        )
    }
}

struct OutboxModel {
    struct Row {
        var id: String
        var address: String
        var kind: String
        var created: String
        var attempts: Int
        var error: String
        var canRetry: Bool
    }

    var sendsEmail: Bool
    var waiting: Int
    var sent: Int
    var failed: Int
    var failures: [Row]
    var problem: String?
    var hasErrors: Bool { problem != nil }
    var hasFailures: Bool { !failures.isEmpty }

    static func label(_ kind: OutboxKind) -> String {
        switch kind {
        case .invite: "Invite"
        case .passwordReset: "New password link"
        case .certificateIssued: "Certificate ready"
        case .certificateExpiring: "Certificate ending soon"
        case .reflectionSentBack: "Reflection to look at again"
        case .supervisionOverdue: "Supervision due"
        case .newApplications: "New applications"
        }
    }
}
