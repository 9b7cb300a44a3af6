import Foundation
import Hummingbird
import NIOPosix
import WaymarkActions
import WaymarkCredentials
import WaymarkStore

extension Web {
    /// The public face of certificates: the verify page, the printable certificate, the signed
    /// credential, its status and the public keys. None of it needs an account, and none of it
    /// says anything about a person beyond the certificate.
    func addCertificateRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)

        everyone.get("/verify/:code") { exchange in
            let typed = try exchange.parameter("code").removingPercentEncoding ?? ""
            var model = VerifyModel(typed: typed)
            let moment = now()
            switch try await certificates.lookUp(typed, from: exchange.lookupAddress, via: .page, at: moment, counted: !exchange.context.isHeadRequest) {
            case .found(let certificate):
                return page("verified", CertificatePageModel(certificate, dates: dates), title: "Certificate \(certificate.code)", exchange)
            case .tooMany:
                throw WebError.tooManyRequests(retryAfter: Certificates<Store>.secondsUntilLookupsReopen(at: moment))
            case .search(.typo):
                model.problem = "This code has a typo: one of the characters is wrong. Check it against the certificate and try again."
            case .search(.notFound(let code)):
                model.problem =
                    "We have no certificate with the code \(code.description). Check the code, or ask the holder for their certificate link."
            case .search(.malformed), .search(.found):
                model.problem = "That does not look like a Waymark certificate code. Codes look like WM-7KQ2-9XHP-3D8M-TB4N-Q."
            }
            return page("verify", model, title: "Check a certificate", exchange, status: .notFound)
        }

        everyone.get("/certificates/:code") { exchange in
            let moment = now()
            guard try await certificates.admitLookup(from: exchange.lookupAddress, at: moment) else {
                throw WebError.tooManyRequests(retryAfter: Certificates<Store>.secondsUntilLookupsReopen(at: moment))
            }
            guard case .code(let code) = CertificateCode.read(try exchange.parameter("code")),
                let certificate = try await certificates.printable(code: code.description, at: moment)
            else { throw WebError.notFound }
            if !exchange.context.isHeadRequest { try await store.recordLookup(code: code.description, via: .page, at: moment) }
            return page("printable", CertificatePageModel(certificate, dates: dates), title: certificate.title, exchange)
        }

        // /credentials/<code>.jwt (signed) and /credentials/<code>.json (the same, unsigned).
        // A HEAD (see AccessGroup.on) is not counted as a lookup: nothing was read.
        everyone.get("/credentials/:file") { exchange in
            try await credentialFile(exchange, counted: !exchange.context.isHeadRequest)
        }

        // The same parameter name as above: the router keeps one name per position.
        everyone.get("/credentials/:file/status") { exchange in
            let moment = now()
            if let refused = try await machineLookupRefused(exchange, at: moment, withBody: true) { return refused }
            guard case .code(let code) = CertificateCode.read(try exchange.parameter("file")),
                let status = try await certificates.status(code: code.description, at: moment)
            else { throw WebError.notFound }
            if !exchange.context.isHeadRequest { try await store.recordLookup(code: code.description, via: .status, at: moment) }
            return json(status.json(), type: "application/json")
        }

        everyone.get("/.well-known/jwks.json") { exchange in
            try await publishedKeys(exchange, type: "application/jwk-set+json") { try certificates.jwks().json() }
        }

        // Only when the issuer is a did:web (`--issuer-did`); the same keys as the JWK Set.
        everyone.get("/.well-known/did.json") { exchange in
            try await publishedKeys(exchange, type: "application/did+json") { try certificates.didDocument()?.json() }
        }
    }

    /// The signed credential (`CODE.jwt`) or the same unsigned (`CODE.json`); HEAD and GET share it.
    private func credentialFile(_ exchange: Exchange, counted: Bool) async throws -> Response {
        let moment = now()
        if let refused = try await machineLookupRefused(exchange, at: moment, withBody: counted) { return refused }
        let file = try exchange.parameter("file")
        let isJWT = file.hasSuffix(".jwt")
        guard isJWT || file.hasSuffix(".json"), case .code(let code) = CertificateCode.read(String(file.dropLast(isJWT ? 4 : 5))) else {
            throw WebError.notFound
        }
        if isJWT {
            guard let jwt = try await certificates.signedCredential(code: code.description) else { throw WebError.notFound }
            if counted { try await store.recordLookup(code: code.description, via: .credential, at: moment) }
            return Response(
                status: .ok,
                headers: [.contentType: "application/vc+jwt", .contentDisposition: "attachment; filename=\"\(code.description).jwt\""],
                body: .init(byteBuffer: ByteBuffer(string: jwt))
            )
        }
        guard let credential = try await certificates.credential(code: code.description) else { throw WebError.notFound }
        if counted { try await store.recordLookup(code: code.description, via: .credential, at: now()) }
        return json(credential.json(), type: "application/vc+ld+json")
    }

    /// Counts a lookup by a program (a credential, a status document) against the client's
    /// address, with the pages' limit; past it, a 429 in plain text with `Retry-After`, since
    /// what asked reads no HTML page. Nil when the lookup may go ahead.
    private func machineLookupRefused(_ exchange: Exchange, at moment: Date, withBody: Bool) async throws -> Response? {
        guard try await !certificates.admitLookup(from: exchange.lookupAddress, at: moment) else { return nil }
        let seconds = Certificates<Store>.secondsUntilLookupsReopen(at: moment)
        let words = "Too many lookups from your address in a short time. Please try again in \(seconds) second\(seconds == 1 ? "" : "s").\n"
        return Response(
            status: .tooManyRequests,
            headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: String(seconds), .cacheControl: "no-store"],
            body: withBody ? .init(byteBuffer: ByteBuffer(string: words)) : .init()
        )
    }

    /// The public keys, read from the key files on the thread pool rather than the event loops
    /// (nil: not published here). Verifiers keep them but ask each time (`no-cache`); the ETag,
    /// from the bytes, lets one that has them already be answered 304, until a key is rotated.
    private func publishedKeys(_ exchange: Exchange, type: String, _ read: @escaping @Sendable () throws -> Data?) async throws -> Response {
        guard let data = try await NIOThreadPool.singleton.runIfActive(read) else { throw WebError.notFound }
        var response = json(data, type: type)
        let etag = ConditionalRequest.tag(of: data)
        response.headers[.eTag] = etag
        if ConditionalRequest.isCurrent(exchange.request, etag: etag, modified: nil) { return ConditionalRequest.notModified(response.headers) }
        return response
    }

    private func json(_ data: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A certificate as the verify page and the printable certificate show it: holder, achievement,
/// issuer, dates and status, with links. Nothing else about the person.
struct CertificatePageModel {
    var code: String
    var holder: String
    /// False once the certificate names nobody (withdrawn): the page then says only that it is no longer valid.
    var hasHolder: Bool
    var achievement: String
    var description: String
    var criteria: String
    var issuer: String
    var issued: String
    var validUntil: String?
    var status: String
    /// Only a valid certificate may look like one on paper; any other shows its status as large as the title.
    var isValid: Bool
    var statusClass: String
    var explanation: String
    var supersededBy: String?
    var verifyURL: String
    var jwtURL: String
    var jsonURL: String
    var certificateURL: String
    /// The verify address as a QR code (SVG), for a phone to check the paper; empty if the
    /// address were ever too long for one.
    var qrSVG: String

    init(_ certificate: PublicCertificate, dates: WebDates) {
        code = certificate.code
        holder = certificate.holderName
        hasHolder = !certificate.holderName.isEmpty && certificate.status != .withdrawn
        achievement = certificate.title
        description = certificate.description
        criteria = certificate.criteria
        issuer = certificate.issuerName
        issued = dates.day(certificate.issuedAt)
        validUntil = certificate.validUntil.map(dates.day)
        status = certificate.status.label
        isValid = certificate.status == .valid
        supersededBy = certificate.supersededBy
        verifyURL = certificate.verifyURL
        jwtURL = "/credentials/\(certificate.code).jwt"
        jsonURL = "/credentials/\(certificate.code).json"
        certificateURL = "/certificates/\(certificate.code)"
        qrSVG = (try? QRCode(text: certificate.verifyURL))?.svg(label: "QR code: scan it to check this certificate at \(certificate.verifyURL)") ?? ""
        switch certificate.status {
        case .valid: (statusClass, explanation) = ("good", "This certificate is genuine and valid today.")
        case .expired: (statusClass, explanation) = ("bad", "This certificate was valid, but its end date has passed.")
        case .suspended: (statusClass, explanation) = ("bad", "This certificate is on hold and is not valid at the moment.")
        case .revoked: (statusClass, explanation) = ("bad", "This certificate has been withdrawn and is no longer valid.")
        case .superseded: (statusClass, explanation) = ("old", "This certificate was renewed and replaced by a newer one.")
        case .withdrawn: (statusClass, explanation) = ("bad", "This certificate is no longer valid.")
        }
    }
}

extension Web.Exchange {
    /// The address a public lookup is counted against (see `ClientAddress`); requests that name
    /// none share one count.
    var lookupAddress: String { context.clientAddress ?? "unknown" }
}
