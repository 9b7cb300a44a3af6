import Foundation
import HTTPTypes
import Hummingbird
import WaymarkStore

extension Web {
    /// What operators and load balancers ask: `/readyz` always, `/metrics` only when a token is
    /// set (without one it is not served on the site's port at all, and answers 404 like any
    /// unknown address). `/healthz` is with the public routes.
    func addOperatorRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)

        everyone.get("/readyz") { exchange in
            let reason = await notReadyReason()
            if let reason { exchange.context.logger.warning("Not ready: \(reason)") }
            return OperatorAnswers.readiness(reason)
        }
        guard let token = metrics.token else { return }
        everyone.get("/metrics") { exchange in
            guard MetricsToken.allows(exchange.request, token: token) else { return OperatorAnswers.metricsRefused }
            return OperatorAnswers.metrics(await metricsText())
        }
    }

    /// Why this server should not be sent requests yet, or nil when it is ready: the database
    /// answers, and has had every migration this version knows. Two small reads, nothing about
    /// anyone.
    func notReadyReason() async -> String? {
        let pending: [String]
        do {
            pending = try await store.pendingMigrations()
        } catch {
            metrics.noteIfDatabaseFailed(error)
            return "the database does not answer"
        }
        guard pending.isEmpty else {
            return "the database is waiting for \(pending.count) migration\(pending.count == 1 ? "" : "s") (\(pending.joined(separator: ", "))); run 'waymark migrate' or restart 'waymark serve'"
        }
        return nil
    }
}

/// The plain-text answers of the operator routes.
enum OperatorAnswers {
    static func readiness(_ reason: String?) -> Response {
        guard let reason else { return text(.ok, "ready\n") }
        // A load balancer reads 503 as "send people to another server for now".
        return text(.serviceUnavailable, "not ready: \(reason)\n")
    }

    static func metrics(_ exposition: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: exposition))
        )
    }

    static var metricsRefused: Response {
        var response = text(.unauthorized, "Send the metrics token: Authorization: Bearer TOKEN\n")
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Web {
    /// `/metrics` as it is now: the outbox is counted from the store, which every server shares.
    func metricsText() async -> String {
        let outbox: OutboxCounts?
        do {
            outbox = try await store.outboxCounts()
        } catch {
            metrics.noteIfDatabaseFailed(error)
            outbox = nil
        }
        return metrics.text(curriculum: curriculum, outbox: outbox)
    }
}
