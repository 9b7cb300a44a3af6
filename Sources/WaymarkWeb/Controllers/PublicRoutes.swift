import Foundation
import Hummingbird
import WaymarkStore

extension Web {
    func addPublicRoutes(to router: Router<WebContext>, stylesheet: ByteBuffer) {
        let everyone = group(router, .everyone)

        everyone.get("/") { exchange in
            page("home", HomeModel(home: exchange.context.person.map(Navigation.home)), title: "Waymark", exchange)
        }

        everyone.get("/healthz") { exchange in
            do {
                try await store.checkReachable()
            } catch {
                // A load balancer reads 503 as "send people to another server for now".
                metrics.noteIfDatabaseFailed(error)
                exchange.context.logger.error("Health check: \(error)")
                return Response(
                    status: .serviceUnavailable,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n"))
                )
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }

        // The stylesheet is built into the program, so its tag is worked out once: after an
        // hour a phone asks again and, until Waymark is upgraded, gets a 304 and no download.
        let stylesheetTag = ConditionalRequest.tag(of: stylesheet.readableBytesView)
        let stylesheetHeaders: HTTPFields = [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600", .eTag: stylesheetTag]
        everyone.get("/static/waymark.css") { exchange in
            if ConditionalRequest.isCurrent(exchange.request, etag: stylesheetTag, modified: nil) {
                return ConditionalRequest.notModified(stylesheetHeaders)
            }
            return Response(status: .ok, headers: stylesheetHeaders, body: .init(byteBuffer: stylesheet))
        }

        everyone.get("/verify") { exchange in
            if let code = exchange.query("code")?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
                return redirect("/verify/\(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? "")")
            }
            return page("verify", VerifyModel(), title: "Check a certificate", exchange)
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
