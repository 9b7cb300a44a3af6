import Foundation
import Hummingbird
import WaymarkCredentials
import WaymarkStore

extension Web {
    func addPublicRoutes(to router: Router<WebContext>, stylesheet: ByteBuffer) {
        add(router, .get, "/", .everyone) { exchange in
            page("home", HomeModel(home: exchange.context.person.map(Navigation.home)), title: "Waymark", exchange)
        }

        add(router, .get, "/healthz", .everyone) { _ in
            _ = try await store.hasAdmin()
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }

        add(router, .get, "/static/waymark.css", .everyone) { _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet)
            )
        }

        add(router, .get, "/verify", .everyone) { exchange in
            if let code = exchange.query("code")?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
                return redirect("/verify/\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? "")")
            }
            return page("verify", VerifyModel(), title: "Check a certificate", exchange)
        }

        add(router, .get, "/verify/:code", .everyone) { exchange in
            let typed = try exchange.parameter("code").removingPercentEncoding ?? ""
            let key = "verify:address:\(exchange.context.clientAddress ?? "unknown")"
            guard try await store.hit(key: key, limit: 30, window: 60, at: now()) else { throw WebError.tooManyRequests }
            var model = VerifyModel(typed: typed)
            switch CertificateCode.read(typed) {
            case .malformed:
                model.problem = "That does not look like a Waymark certificate code. Codes look like WM-7KQ2-9XHP-3D8M-TB4N-Q."
                return page("verify", model, title: "Check a certificate", exchange, status: .notFound)
            case .typo:
                model.problem = "This code has a typo: one of the characters is wrong. Check it against the certificate and try again."
                return page("verify", model, title: "Check a certificate", exchange, status: .notFound)
            case .code(let code):
                guard let result = try await certificateStatus(code) else {
                    model.problem =
                        "We have no certificate with the code \(code.description). Check the code, or ask the holder for their certificate link."
                    return page("verify", model, title: "Check a certificate", exchange, status: .notFound)
                }
                try await store.audit(
                    AuditEntry(at: now(), actorID: "public", action: "certificate.verified", subjectID: result.traineeID, detail: code.description)
                )
                return page("verified", result.model, title: "Certificate \(code.description)", exchange)
            }
        }
    }

    struct HomeModel {
        var home: String?
    }

    struct VerifyModel {
        var typed = ""
        var problem: String?
    }
}
