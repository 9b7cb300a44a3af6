import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signing keys in a data folder.
///
/// `keys/` (mode 0700) holds `signing-key.json` (mode 0600, the only place the private key is
/// ever written) and `public-keys.json`, every public key still published. Rotating makes a new
/// signing key and keeps the old public key published, so credentials signed before still
/// verify; retiring removes an old public key, after which credentials signed with it no longer
/// verify. The old private key is not kept: nothing needs it once a new key signs.
public struct KeyStore: Sendable {
    /// The `keys` folder.
    public let folder: URL

    /// The keys kept in `dataDirectory/keys`.
    public init(dataDirectory: URL) {
        folder = dataDirectory.appendingPathComponent("keys", isDirectory: true)
    }

    var privateFile: URL { folder.appendingPathComponent("signing-key.json") }
    var publicFile: URL { folder.appendingPathComponent("public-keys.json") }

    /// The key to sign with now, made (with mode 0600) the first time it is asked for.
    public func signingKey(at now: Date = Date()) throws -> SigningKey {
        if let key = try loadSigningKey() { return key }
        let key = SigningKey.generate(at: now)
        // link(2) fails if another process made the key first: then use theirs.
        if try writePrivate(key, replacing: false) {
            try publish(key)
            return key
        }
        guard let theirs = try loadSigningKey() else { throw KeyStoreError("The signing key could not be created in \(folder.path).") }
        return theirs
    }

    /// `signingKey(at:)` for async code: the key file is read (and, the first time, written and
    /// synced) on a Dispatch thread, so the threads that answer requests never wait on the disk.
    public func readSigningKey(at now: Date = Date()) async throws -> SigningKey {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try signingKey(at: now) }) }
        }
    }

    /// Makes a new signing key; the old public key stays published. Returns the new key.
    @discardableResult
    public func rotate(at now: Date = Date()) throws -> SigningKey {
        _ = try signingKey(at: now)
        let key = SigningKey.generate(at: now)
        try publish(key)
        _ = try writePrivate(key, replacing: true)
        return key
    }

    /// Stops publishing an old public key: credentials signed with it stop verifying.
    /// The key that signs now cannot be retired (rotate first).
    public func retire(kid: String) throws {
        let active = try loadSigningKey()
        guard active?.kid != kid else {
            throw KeyStoreError("Key \(kid) is the one signing now. Rotate first ('waymark keys rotate'), then retire it.")
        }
        var published = try loadPublished()
        guard published.contains(where: { $0.kid == kid }) else {
            throw KeyStoreError("There is no published key \(kid). See the keys with 'waymark keys list'.")
        }
        published.removeAll { $0.kid == kid }
        try savePublished(published)
    }

    /// Every published key, the one signing now first, then newest first. The signing key is
    /// put first by name, not by its date: dates are kept to the second, and a DID document's
    /// first key is the one verifiers such as openbadgeslib take for the issuer's.
    public func publishedKeys() throws -> [PublishedKey] {
        let active = try loadSigningKey()
        var keys = try loadPublished()
        if let active, !keys.contains(where: { $0.kid == active.kid }) {
            keys.append(StoredPublicKey(kid: active.kid, x: active.publicJWK.x, created: active.createdAt))
        }
        func order(_ key: StoredPublicKey) -> (Int, Date, String) { (key.kid == active?.kid ? 1 : 0, key.created, key.kid) }
        return keys.sorted { order($0) > order($1) }.map {
            PublishedKey(kid: $0.kid, createdAt: $0.created, isSigning: $0.kid == active?.kid, jwk: JSONWebKey.published(x: $0.x))
        }
    }

    /// The JWK Set to publish at `/.well-known/jwks.json`: every published public key.
    public func jwks() throws -> JSONWebKeySet {
        JSONWebKeySet(keys: try publishedKeys().map(\.jwk))
    }

    // MARK: Files

    private struct StoredPrivateKey: Codable {
        var kid: String
        var created: Date
        /// The 32-byte Ed25519 seed, base64url.
        var d: String
    }

    private struct StoredPublicKey: Codable {
        var kid: String
        var x: String
        var created: Date
    }

    private struct PublishedFile: Codable {
        var keys: [StoredPublicKey]
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private func ensureFolder() throws {
        do {
            // The data folder too, when this is the first thing made in it: 0700, as the store makes it.
            let dataFolder = folder.deletingLastPathComponent()
            if !FileManager.default.fileExists(atPath: dataFolder.path) {
                try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyStoreError("Cannot create the keys folder \(folder.path): \(error.localizedDescription)")
        }
        // createDirectory leaves an existing folder as it was: tighten it every time.
        chmod(folder.path, 0o700)
    }

    private func loadSigningKey() throws -> SigningKey? {
        var status = stat()
        guard stat(privateFile.path, &status) == 0 else { return nil }
        guard status.st_mode & 0o077 == 0 else {
            throw KeyStoreError(
                "\(privateFile.path) can be read by others (mode \(String(status.st_mode & 0o777, radix: 8))). Make it private with: chmod 600 \(privateFile.path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: privateFile.path),
            let stored = try? Self.decoder.decode(StoredPrivateKey.self, from: data),
            let seed = Base64URL.decode(stored.d),
            let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else {
            throw KeyStoreError("\(privateFile.path) is not a Waymark signing key.")
        }
        return SigningKey(privateKey: privateKey, createdAt: stored.created)
    }

    /// Writes the private key through a new file made with mode 0600 (never wider, not even for
    /// a moment), then moves it into place. Returns false when not `replacing` and a key exists.
    private func writePrivate(_ key: SigningKey, replacing: Bool) throws -> Bool {
        try ensureFolder()
        let stored = StoredPrivateKey(kid: key.kid, created: key.createdAt, d: Base64URL.encode(key.seed))
        let data = try Self.encoder.encode(stored)
        let temporary = folder.appendingPathComponent(".signing-key-\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw KeyStoreError("Cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        defer { unlink(temporary.path) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0 else { throw KeyStoreError("Cannot write \(temporary.path).") }
        if replacing {
            guard rename(temporary.path, privateFile.path) == 0 else {
                throw KeyStoreError("Cannot replace \(privateFile.path): \(String(cString: strerror(errno)))")
            }
            return true
        }
        if link(temporary.path, privateFile.path) == 0 { return true }
        if errno == EEXIST { return false }
        throw KeyStoreError("Cannot write \(privateFile.path): \(String(cString: strerror(errno)))")
    }

    private func loadPublished() throws -> [StoredPublicKey] {
        guard let data = FileManager.default.contents(atPath: publicFile.path) else { return [] }
        guard let file = try? Self.decoder.decode(PublishedFile.self, from: data) else {
            throw KeyStoreError("\(publicFile.path) is not a list of Waymark public keys.")
        }
        return file.keys
    }

    private func savePublished(_ keys: [StoredPublicKey]) throws {
        try ensureFolder()
        do {
            try Self.encoder.encode(PublishedFile(keys: keys)).write(to: publicFile, options: .atomic)
        } catch {
            throw KeyStoreError("Cannot write \(publicFile.path): \(error.localizedDescription)")
        }
    }

    private func publish(_ key: SigningKey) throws {
        var keys = try loadPublished()
        guard !keys.contains(where: { $0.kid == key.kid }) else { return }
        keys.append(StoredPublicKey(kid: key.kid, x: key.publicJWK.x, created: key.createdAt))
        try savePublished(keys)
    }
}

/// A public key that verifiers can fetch.
public struct PublishedKey: Sendable, Hashable {
    /// Its id (RFC 7638 thumbprint).
    public var kid: String
    /// When it was made.
    public var createdAt: Date
    /// Whether it is the key signing new credentials now.
    public var isSigning: Bool
    /// The public key as a JWK.
    public var jwk: JSONWebKey
}

/// A key file that cannot be read or written, said so that an administrator can act on it.
public struct KeyStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension JSONWebKey {
    /// The published JWK for a stored public key (its kid recomputed from `x`, never trusted from the file).
    static func published(x: String) -> JSONWebKey {
        JSONWebKey(kty: "OKP", crv: "Ed25519", x: x, kid: thumbprint(x: x), alg: "EdDSA", use: "sig")
    }

    init(kty: String, crv: String, x: String, kid: String?, alg: String?, use: String?) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.kid = kid
        self.alg = alg
        self.use = use
    }
}
