import Foundation
import HTTPTypes
import Hummingbird

/// Which address a request comes from, for throttling. Behind a load balancer every request
/// comes from the balancer; it names the real client in `X-Forwarded-For`. Anyone can send that
/// header, so it is only believed when the request comes from a proxy named with
/// `--trusted-proxy`, and then only the part that proxy wrote.
public enum ClientAddress {
    /// The client's address: the peer's own, unless the peer is a trusted proxy; then the last
    /// address in `X-Forwarded-For` that is not itself a trusted proxy (the addresses before it
    /// were written by whoever sent the request, and could be anything).
    static func resolve(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.last(where: { !trustedProxies.contains($0) }) else { return peer }
        return looksLikeAnAddress(client) ? client : peer
    }

    /// IPv4 or IPv6 text: digits, hex letters, dots and colons, no longer than an IPv6 address.
    public static func looksLikeAnAddress(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 45
            && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == "." || $0 == ":" }
    }
}

/// Sets each request's client address (see `ClientAddress`).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty else { return try await next(request, context) }
        var context = context
        let forwarded = HTTPField.Name("X-Forwarded-For").map { request.headers[values: $0] } ?? []
        context.clientAddress = ClientAddress.resolve(peer: context.clientAddress, forwardedFor: forwarded, trustedProxies: trustedProxies)
        return try await next(request, context)
    }
}
