import Foundation
import WaymarkStore

/// Who issues Waymark's credentials, and where its public pages live. Every URL a credential
/// names is made here, so pages, credentials and routes always agree.
public struct CredentialIssuer: Sendable, Hashable {
    /// The organisation's name, as the issuer Profile shows it.
    public var name: String
    /// The public address of the site, without a trailing slash: `https://mentors.example.org`.
    public var baseURL: String

    /// An issuer at this address (a trailing slash is dropped).
    public init(name: String, baseURL: String) {
        self.name = name
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// The issuer Profile's id: the site address.
    public var id: String { baseURL }
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
