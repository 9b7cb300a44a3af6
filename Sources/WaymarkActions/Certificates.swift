import Foundation
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkCredentials
import WaymarkProgress
import WaymarkStore

/// Certificates for the web routes and the commands: issuing and renewing with fresh codes,
/// finding what someone typed, public lookups (rate-limited and counted), and each certificate's
/// credential, signed credential and status, exactly as the routes serve them.
public struct Certificates<Store: TraineeRecordStore>: Sendable {
    /// Where certificates and records are kept.
    public let store: Store
    /// The signing keys.
    public let keys: KeyStore
    /// Who issues, and the public address.
    public let issuer: CredentialIssuer
    /// Public lookups allowed per address per minute.
    public var lookupsPerMinute = 30

    /// Certificates kept in `store`, signed with `keys`, issued by `issuer`.
    public init(store: Store, keys: KeyStore, issuer: CredentialIssuer) {
        self.store = store
        self.keys = keys
        self.issuer = issuer
    }

    /// Issues a certificate with a new code when the engine says the trainee is eligible;
    /// otherwise throws `StoreError.refused` saying what is missing. `mail` (telling the holder)
    /// is written to the outbox in the same transaction as the certificate.
    public func issue(
        to traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date,
        mail: [OutboxDraft] = []
    ) async throws -> CertificateRecord {
        let code = CertificateCode.random().description
        try await TraineeRecords(store: store).issueCertificate(code: code, for: traineeID, on: programme, by: actorID, at: now, mail: mail)
        await publishStatusListsAfterChange(at: now)
        return try await stored(code)
    }

    /// Renews a certificate with a new code when renewal is open and met; the old one becomes
    /// superseded and links to the new one.
    public func renew(
        _ previousCode: String,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date
    ) async throws
        -> CertificateRecord
    {
        let code = CertificateCode.random().description
        try await TraineeRecords(store: store).renewCertificate(previousCode, newCode: code, for: traineeID, on: programme, by: actorID, at: now)
        await publishStatusListsAfterChange(at: now)
        return try await stored(code)
    }

    /// Records a suspension, reinstatement or revocation (`event`) and then builds the status
    /// lists it changed, so the next verifier is told at once.
    public func change(
        _ event: EventKind,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String?,
        at now: Date
    ) async throws {
        _ = try await TraineeRecords(store: store).record(event, for: traineeID, on: programme, by: actorID, reason: reason, at: now)
        await publishStatusListsAfterChange(at: now)
    }

    private func stored(_ code: String) async throws -> CertificateRecord {
        guard let certificate = try await store.certificate(code: code) else { throw StoreError.notFound("Certificate \(code)") }
        return certificate
    }

    /// The certificate for a code as someone typed it (forgivingly), without logging: for pages
    /// that are not public lookups, such as the holder's own dashboard.
    public func find(_ typed: String) async throws -> CertificateSearch {
        switch CertificateCode.read(typed) {
        case .malformed: return .malformed
        case .typo: return .typo
        case .code(let code):
            guard let certificate = try await store.certificate(code: code.description) else { return .notFound(code) }
            return .found(certificate)
        }
    }

    /// Counts one public lookup (of any kind: the verify page, the printable certificate, the
    /// credential, its status) from `address`: false once that address has made more than
    /// `lookupsPerMinute` this minute, and then nothing must be read or logged for it.
    public func admitLookup(from address: String, at now: Date) async throws -> Bool {
        try await store.allowLookup(address: address, at: now, limit: lookupsPerMinute, window: Self.lookupWindow)
    }

    /// Whole seconds from `now` until the next minute, when a refused address may look again
    /// (for `Retry-After`): at least 1.
    public static func secondsUntilLookupsReopen(at now: Date) -> Int {
        let seconds = now.timeIntervalSince1970
        guard seconds.isFinite else { return Int(lookupWindow) }
        let next = (seconds / lookupWindow).rounded(.down) * lookupWindow + lookupWindow
        return max(1, min(Int(lookupWindow), Int((next - seconds).rounded(.up))))
    }

    /// The window public lookups are counted in, in seconds.
    static var lookupWindow: TimeInterval { 60 }

    /// A public lookup by someone at `address`: refused when that address has made more than
    /// `lookupsPerMinute` lookups this minute; otherwise the certificate, and the lookup is counted.
    /// `counted` is false for a HEAD request, which reads nothing.
    public func lookUp(_ typed: String, from address: String, via channel: LookupChannel, at now: Date, counted: Bool = true) async throws -> PublicLookup {
        guard try await admitLookup(from: address, at: now) else { return .tooMany }
        let search = try await find(typed)
        if case .found(let certificate) = search {
            if counted { try await store.recordLookup(code: certificate.code, via: channel, at: now) }
            return .found(PublicCertificate(certificate, issuer: issuer, now: now))
        }
        return .search(search)
    }

    /// The printable certificate's contents (`/certificates/<code>`), or nil. Not a public lookup:
    /// admit one with `admitLookup` and count it with `store.recordLookup` if the page is public.
    public func printable(code: String, at now: Date) async throws -> PublicCertificate? {
        try await store.certificate(code: code).map { PublicCertificate($0, issuer: issuer, now: now) }
    }

    /// The unsigned credential of a certificate (`/credentials/<code>.json`), or nil. A
    /// withdrawn certificate names nobody, so there is no credential to give: its status still
    /// says it is no longer valid, for anyone holding an earlier copy.
    public func credential(code: String) async throws -> OpenBadgeCredential? {
        guard let certificate = try await store.certificate(code: code), certificate.state != .withdrawn else { return nil }
        return OpenBadgeCredential(certificate: certificate, issuer: issuer)
    }

    /// The credential signed with the key signing now (`/credentials/<code>.jwt`), or nil.
    public func signedCredential(code: String) async throws -> String? {
        guard let credential = try await credential(code: code) else { return nil }
        let key = try await keys.readSigningKey()
        return try VCJWT.sign(credential, with: key, keyID: issuer.keyID(key.kid))
    }

    /// The status document (`/credentials/<code>/status`), or nil.
    public func status(code: String, at now: Date) async throws -> CredentialStatusDocument? {
        try await store.certificate(code: code).map { CredentialStatusDocument(certificate: $0, issuer: issuer, now: now) }
    }

    /// The signed status list `list` for `purpose` as `/status-lists/<list>/<purpose>` serves it,
    /// or nil when there is no such list. Normally the copy built in the wake of the last change;
    /// built here only when that did not happen (the change was made where the keys are not,
    /// or the server stopped in between), the copy is a day old, or it was signed by a key that
    /// is no longer the one signing (after `keys rotate`, so that retiring the old key later
    /// leaves no list only it could vouch for).
    public func statusList(_ list: Int, purpose: StatusPurpose, at now: Date) async throws -> StoredStatusList.Built? {
        guard let stored = try await store.statusList(list, purpose: purpose) else { return nil }
        if let built = stored.built, !stored.needsBuilding(for: issuer.id),
            now.timeIntervalSince(built.at) < BitstringStatusListCredential.rebuildAfterSeconds
        {
            let signing = try await keys.readSigningKey()
            if VCJWT.keyID(of: built.jwt) == issuer.keyID(signing.kid) { return built }
        }
        return try await build(list, purpose: purpose, at: now)
    }

    /// Builds, signs and keeps every status list a change has made out of date, and returns how
    /// many it built.
    @discardableResult
    public func publishStatusLists(at now: Date) async throws -> Int {
        var built = 0
        for stored in try await store.statusLists() where stored.needsBuilding(for: issuer.id) {
            _ = try await build(stored.list, purpose: stored.purpose, at: now)
            built += 1
        }
        return built
    }

    /// After a change has been written: the change stands whatever happens here, and a list
    /// that could not be built now is built when it is next asked for.
    private func publishStatusListsAfterChange(at now: Date) async {
        _ = try? await publishStatusLists(at: now)
    }

    private func build(_ list: Int, purpose: StatusPurpose, at now: Date) async throws -> StoredStatusList.Built {
        let bits = try await store.statusListBits(list, purpose: purpose)
        let credential = try BitstringStatusListCredential(
            list: list,
            purpose: purpose,
            bits: try StatusBitstring(setting: bits.setIndexes),
            issuer: issuer,
            now: now
        )
        let key = try await keys.readSigningKey()
        let jwt = try VCJWT.sign(credential, with: key, keyID: issuer.keyID(key.kid))
        let built = StoredStatusList.Built(jwt: jwt, version: bits.version, at: now, issuerID: issuer.id)
        try await store.saveStatusList(list, purpose: purpose, built: built)
        return built
    }

    /// The issuer's DID document (`/.well-known/did.json`), or nil when the issuer is not a DID.
    public func didDocument() throws -> DIDDocument? {
        guard let did = issuer.did else { return nil }
        return DIDDocument(did: did, keys: try jwks())
    }

    /// The public keys (`/.well-known/jwks.json`).
    public func jwks() throws -> JSONWebKeySet {
        _ = try keys.signingKey()
        return try keys.jwks()
    }
}

/// What a typed code found. The record is for coordinators' pages; public pages use `PublicLookup`.
public enum CertificateSearch: Sendable, Hashable {
    /// The certificate.
    case found(CertificateRecord)
    /// A well-formed code that no certificate has.
    case notFound(CertificateCode)
    /// The check character does not match: "this code has a typo".
    case typo
    /// Not a certificate code.
    case malformed
}

/// What a public lookup found.
public enum PublicLookup: Sendable, Hashable {
    /// What the public may see of the certificate, with its status now.
    case found(PublicCertificate)
    /// No certificate: not found (with the code read), a typo, or not a code.
    case search(CertificateSearch)
    /// Too many lookups from this address this minute: ask kindly to wait.
    case tooMany
}
