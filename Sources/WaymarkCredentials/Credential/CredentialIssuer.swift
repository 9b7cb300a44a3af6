import Foundation
import WaymarkCertificates

/// Who issues Waymark's credentials, and where its public pages live. Every URL a credential
/// names is made here, so pages, credentials and routes always agree.
public struct CredentialIssuer: Sendable, Hashable {
    /// The organisation's name, as the issuer Profile shows it.
    public var name: String
    /// The public address of the site, without a trailing slash: `https://mentors.example.org`.
    public var baseURL: String
    /// The issuer as a `did:web` (`did:web:mentors.example.org`), when it is named so
    /// (`--issuer-did`): its DID document at `/.well-known/did.json` lists the keys, so verifiers
    /// that resolve DIDs find them without being handed the JWK Set.
    public var did: String?

    /// An issuer at this address (a trailing slash is dropped), named by the address or, with
    /// `asDID` (and an address a did:web can name), by its did:web.
    public init(name: String, baseURL: String, asDID: Bool = false) {
        self.name = name
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        did = asDID ? Self.didWeb(of: base) : nil
    }

    /// The did:web of a site address (did:web 1.0 §3.2): the host, its port after `%3A`, then
    /// the path's segments, each after a colon. Nil when the address is not http(s) with a host.
    public static func didWeb(of baseURL: String) -> String? {
        guard let url = URLComponents(string: baseURL), ["https", "http"].contains(url.scheme?.lowercased() ?? ""),
            let host = url.host, !host.isEmpty
        else { return nil }
        var parts = [host.lowercased() + (url.port.map { "%3A\($0)" } ?? "")]
        parts += url.path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting([":"])) ?? String($0) }
        return "did:web:" + parts.joined(separator: ":")
    }

    /// The issuer Profile's id: the did:web, or else the site address.
    public var id: String { did ?? baseURL }
    /// What a token's header names its key by: the key's DID URL (`did:web:…#<thumbprint>`)
    /// when the issuer is a DID, else the thumbprint.
    public func keyID(_ thumbprint: String) -> String { did.map { "\($0)#\(thumbprint)" } ?? thumbprint }
    /// Where the DID document is: `/.well-known/did.json` (at the address's path when it has one).
    public var didDocumentURL: String {
        URLComponents(string: baseURL).map { $0.path.isEmpty || $0.path == "/" } ?? true
            ? "\(baseURL)/.well-known/did.json" : "\(baseURL)/did.json"
    }
    /// Where the public keys are: `/.well-known/jwks.json`.
    public var jwksURL: String { "\(baseURL)/.well-known/jwks.json" }
    /// The verify page of a certificate, which is also its credential's `id`: `/verify/<code>`.
    public func verifyURL(_ code: String) -> String { "\(baseURL)/verify/\(code)" }
    /// The printable certificate: `/certificates/<code>`.
    public func certificateURL(_ code: String) -> String { "\(baseURL)/certificates/\(code)" }
    /// The signed credential: `/credentials/<code>.jwt`.
    public func credentialJWTURL(_ code: String) -> String { "\(baseURL)/credentials/\(code).jwt" }
    /// The unsigned credential: `/credentials/<code>.json`.
    public func credentialJSONURL(_ code: String) -> String { "\(baseURL)/credentials/\(code).json" }
    /// The machine-readable status: `/credentials/<code>/status`.
    public func statusURL(_ code: String) -> String { "\(baseURL)/credentials/\(code)/status" }
    /// A W3C Bitstring Status List: `/status-lists/<list>/<purpose>`.
    public func statusListURL(list: Int, purpose: StatusPurpose) -> String { "\(baseURL)/status-lists/\(list)/\(purpose.rawValue)" }
    /// The achievement of a programme: `/achievements/<programme id>`.
    public func achievementURL(_ programmeID: String) -> String { "\(baseURL)/achievements/\(programmeID)" }
    /// The credential subject's id: the holder of this certificate, naming nothing else about them.
    public func holderID(_ code: String) -> String { "\(verifyURL(code))#holder" }
}
