import Foundation
import Hummingbird
import WaymarkCertificates
import WaymarkCredentials
import WaymarkStore

extension Web {
    /// The W3C Bitstring Status Lists, `/status-lists/<list>/<purpose>`: every certificate's
    /// revocation and suspension bits, signed by the issuer, for any verifier. A list names no
    /// one and is the same for every certificate in it, so it is not counted as a lookup and has
    /// no rate limit; it may be cached for five minutes (`ttl` says the same inside it).
    func addStatusListRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)

        everyone.get("/status-lists/:list/:purpose") { exchange in
            guard let list = RequestNumbers.whole(try exchange.parameter("list"), in: 1...1_000_000),
                let purpose = StatusPurpose(rawValue: try exchange.parameter("purpose")),
                let built = try await certificates.statusList(list, purpose: purpose, at: now())
            else { throw WebError.notFound }
            return Self.statusListResponse(built, ifNoneMatch: exchange.request.headers[.ifNoneMatch])
        }
    }

    /// The signed list with what caches need: its ETag (from its bytes, so every server gives
    /// the same one for the same list), when it was built, and how long it may be kept. A
    /// client that has it already (`If-None-Match`) is told so without the body.
    static func statusListResponse(_ built: StoredStatusList.Built, ifNoneMatch: String?) -> Response {
        let etag = ConditionalRequest.tag(of: Data(built.jwt.utf8))
        let headers: HTTPFields = [
            .contentType: "application/vc+jwt",
            .cacheControl: "public, max-age=\(BitstringStatusListCredential.cacheSeconds)",
            .eTag: etag,
            .lastModified: HTTPDates.format(built.at),
        ]
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: built.jwt)))
    }
}
