import Foundation
import Hummingbird
import WaymarkCertificates
import WaymarkCredentials
import WaymarkStore

/// The two pictures a badge comes as, each with the signed credential baked in.
enum BadgeFormat: String, CaseIterable {
    case png, svg

    var contentType: String { self == .png ? "image/png" : "image/svg+xml" }
}

extension Web {
    /// The holder's own badge: `/certificate/badge.png` and `/certificate/badge.svg`. Only the
    /// signed-in trainee's current certificate, and only while it is valid: a suspended, revoked
    /// or expired certificate has no badge to download.
    func addBadgeRoutes(to router: Router<WebContext>) {
        let trainee = group(router, .only([.trainee]))
        for format in BadgeFormat.allCases {
            trainee.get(RouterPath("/certificate/badge.\(format.rawValue)")) { exchange in
                try await badge(format, exchange)
            }
        }
    }

    private func badge(_ format: BadgeFormat, _ exchange: Exchange) async throws -> Response {
        guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
        guard let code = CertificateEvents.current(view.events), let certificate = try await store.certificate(code: code),
            certificate.traineeID == view.person.id, certificate.status(at: now()) == .valid
        else {
            return page(
                "message",
                MessageModel(
                    heading: "There is no badge to download",
                    text:
                        "A badge can be downloaded only while your certificate is valid. Your certificate page says where it stands and what to do next."
                ),
                title: "No badge to download",
                exchange,
                status: .notFound
            )
        }
        let content = Self.badgeContent(certificate, issuer: certificates.issuer, dates: dates)
        guard let credential = try await certificates.signedCredential(code: code) else { throw WebError.notFound }
        let bytes: [UInt8]
        do {
            switch format {
            case .png: bytes = try BakedBadge.png(content, credential: credential)
            case .svg: bytes = Array(try BakedBadge.svg(content, credential: credential).utf8)
            }
        } catch {
            return page(
                "message",
                MessageModel(heading: "This picture cannot be made", text: CertificateModel.badgeProblem(error)),
                title: "This picture cannot be made",
                exchange,
                status: .conflict
            )
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: format.contentType,
                .contentDisposition: "attachment; filename=\"badge-\(code).\(format.rawValue)\"",
                .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// What the badge picture says about a certificate: the organisation, the certificate, the
    /// holder's name as on the certificate, the day it was issued, its code and where to check it.
    static func badgeContent(_ certificate: CertificateRecord, issuer: CredentialIssuer, dates: WebDates) -> BadgeContent {
        var site = issuer.baseURL
        for scheme in ["https://", "http://"] where site.hasPrefix(scheme) { site.removeFirst(scheme.count) }
        return BadgeContent(
            organisation: issuer.name,
            title: certificate.title,
            holder: certificate.holderName,
            issued: "Issued \(dates.day(certificate.issuedAt))",
            code: certificate.code,
            checkAt: "\(site)/verify"
        )
    }
}
