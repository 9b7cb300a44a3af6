import ArgumentParser
import Foundation
import WaymarkActions
import WaymarkCertificates
import WaymarkCredentials
import WaymarkStore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `waymark credentials ...`: the signed Open Badges credentials.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Export and verify signed Open Badges 3.0 credentials.",
        subcommands: [ExportCredential.self, CredentialStatus.self, ExportStatusList.self, VerifyCredential.self]
    )
}

/// `waymark credentials export CODE [--out FILE] [--json]`.
struct ExportCredential: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a certificate's credential signed as a VC-JWT (what /credentials/<code>.jwt serves), or unsigned with --json."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: "The certificate code.")
    var code: String

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Write the unsigned credential JSON instead of the signed JWT.")
    var json = false

    func run() async throws {
        try await data.withStore(creating: false) { store in
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            let certificate: CertificateRecord
            switch try await certificates.find(code) {
            case .found(let found): certificate = found
            case .notFound(let code): throw CommandFailure("There is no certificate \(code.description).")
            case .typo: throw CommandFailure("The code '\(code)' has a typo: please check it.")
            case .malformed: throw CommandFailure("'\(code)' is not a certificate code.")
            }
            let credential = try OpenBadgeCredential(certificate: certificate, issuer: site.issuer)
            if json {
                try Output.write(credential.json() + Data("\n".utf8), to: out)
            } else {
                let jwt = try keyFailure {
                    let key = try data.keyStore.signingKey()
                    return try VCJWT.sign(credential, with: key, keyID: site.issuer.keyID(key.kid))
                }
                try Output.write(Data((jwt + "\n").utf8), to: out)
            }
        }
    }
}

/// `waymark credentials status CODE [--out FILE]`.
struct CredentialStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Write a certificate's status document (what /credentials/<code>/status serves)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: "The certificate code.")
    var code: String

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() async throws {
        try await data.withStore(creating: false) { store in
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            guard case .found(let certificate) = try await certificates.find(code) else { throw CommandFailure("There is no certificate '\(code)'.") }
            let document = try CredentialStatusDocument(certificate: certificate, issuer: site.issuer, now: Date())
            try Output.write(document.json() + Data("\n".utf8), to: out)
        }
    }
}

/// `waymark credentials status-list revocation|suspension [--list N] [--out FILE]`.
struct ExportStatusList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-list",
        abstract: "Write a signed W3C Bitstring Status List (what /status-lists/<list>/<purpose> serves), built again first if a change came since."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: "revocation or suspension.")
    var purpose: String

    @Option(help: "Which list (from 1; each holds 131,072 certificates).")
    var list = 1

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() async throws {
        guard let purpose = StatusPurpose(rawValue: purpose) else { throw CommandFailure("The purpose is revocation or suspension, not '\(purpose)'.") }
        try await data.withStore(creating: false) { store in
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            guard let built = try await keyFailure({ try await certificates.statusList(list, purpose: purpose, at: Date()) }) else {
                throw CommandFailure("There is no status list \(list): no certificate has a bit in it.")
            }
            try Output.write(Data((built.jwt + "\n").utf8), to: out)
        }
    }
}

/// `waymark credentials verify FILE-OR-URL [--jwks FILE-OR-URL] [--status FILE-OR-URL]`.
struct VerifyCredential: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed credential: its signature against the issuer's published keys, its dates and its status (the W3C Bitstring Status Lists it names).",
        discussion: "Says which check failed. Exits 0 when the credential is genuine and current, 1 otherwise."
    )

    @Argument(help: "The credential (.jwt) as a file or an http(s) URL. A JSON credential with an embedded proof is named but not checked.")
    var credential: String

    @Option(help: "The issuer's keys (a JWK Set or a DID document) as a file or URL (default: the issuer's /.well-known/jwks.json, or its DID document for a did:web).")
    var jwks: String?

    @Option(help: "Also Waymark's status document for this certificate, as a file or URL (/credentials/<code>/status), which also says whether it was replaced by a renewal.")
    var status: String?

    @Option(
        name: .customLong("status-list"),
        help: "A signed status list as a file or URL, used instead of fetching the list at the address inside it (repeat for each)."
    )
    var statusLists: [String] = []

    func run() async throws {
        let dates = try WaymarkSettings().dates()
        let bytes = try await Fetch.read(credential, what: "the credential")
        let jwt = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let now = Date()
        var report = CheckReport()
        // A JSON credential with its proof inside: named, since only VC-JWT can be checked here.
        if let proofs = EmbeddedProof.proofs(in: bytes) {
            report.fail(.embeddedProof(proofs))
            throw CommandFailure(report.text)
        }
        guard let unverified = VCJWT.unverifiedCredential(jwt) else {
            report.fail(.malformed("it is not a compact JWS holding an Open Badges credential"))
            throw CommandFailure(report.text)
        }
        // A did:web issuer's keys are in its DID document; any other issuer's at its JWK Set.
        let keysSource = jwks ?? DIDDocument.url(of: unverified.issuer.id) ?? "\(unverified.issuer.id)/.well-known/jwks.json"
        let keyBytes = try await Fetch.read(keysSource, what: "the issuer's keys")
        guard let keySet = JSONWebKeySet.parse(keyBytes) ?? DIDDocument.parse(keyBytes)?.keySet else {
            throw CommandFailure("\(keysSource) is neither a JWK Set nor a DID document.")
        }
        switch VCJWT.verify(jwt, keys: keySet, now: now) {
        case .failed(let failure):
            report.fail(failure)
            throw CommandFailure(report.text)
        case .valid(let verified, let kid):
            report.header = "\(verified.name), held by \(verified.credentialSubject.name), issued by \(verified.issuer.name)"
            report.pass(
                upTo: "dates",
                notes: [
                    "key": kid,
                    "dates": "valid from \(verified.validFromDate.map(dates.day) ?? verified.validFrom)"
                        + (verified.validUntilDate.map { " until \(dates.day($0))" } ?? ", does not expire"),
                ]
            )
            let statusNote: String
            do {
                var given: [String: String] = [:]
                for source in statusLists {
                    let jwt = String(decoding: try await Fetch.read(source, what: "the status list"), as: UTF8.self)
                    guard let url = CredentialStatusCheck.listID(jwt) else { throw CommandFailure("\(source) is not a signed status list.") }
                    given[url] = jwt
                }
                statusNote = try await CredentialStatusCheck(keys: keySet, now: now, given: given).check(verified, document: status)
            } catch let failure as VerificationFailure {
                report.fail(failure)
                throw CommandFailure(report.text)
            }
            report.pass(upTo: "status", notes: ["status": statusNote])
            print(report.text + "This credential is genuine and current.")
        }
    }
}

/// The checks of a verification, in order, each passed, failed or not reached.
struct CheckReport {
    static let checks = ["format", "key", "signature", "claims", "dates", "status"]
    var header: String?
    private var lines: [String] = []
    private var done = 0

    /// Marks every check up to and including `check` as passed.
    mutating func pass(upTo check: String, notes: [String: String] = [:]) {
        guard let end = Self.checks.firstIndex(of: check) else { return }
        while done <= end {
            let name = Self.checks[done]
            lines.append(Self.line(name, "ok" + (notes[name].map { " (\($0))" } ?? "")))
            done += 1
        }
    }

    /// Marks the checks before the failed one as passed, the failed one as failed, the rest as not checked.
    mutating func fail(_ failure: VerificationFailure) {
        guard let index = Self.checks.firstIndex(of: failure.check) else { return }
        if index > 0 { pass(upTo: Self.checks[index - 1]) }
        lines.append(Self.line(failure.check, "FAILED: \(failure.description)"))
        done = index + 1
        for name in Self.checks.dropFirst(done) { lines.append(Self.line(name, "not checked")) }
        done = Self.checks.count
    }

    var text: String {
        (header.map { "Credential: \($0)\n" } ?? "Credential check\n") + lines.joined(separator: "\n") + "\n"
    }

    private static func line(_ name: String, _ result: String) -> String {
        "  " + name.padding(toLength: 11, withPad: " ", startingAt: 0) + result
    }
}

/// Reading a file or fetching an http(s) URL.
enum Fetch {
    /// The bytes at `source`: an http(s) URL is fetched, anything else is read as a file path.
    static func read(_ source: String, what: String) async throws -> Data {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            guard let url = URL(string: source) else { throw CommandFailure("'\(source)' is not a URL.") }
            do {
                let (data, response) = try await URLSession.shared.data(from: url)
                if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                    throw CommandFailure("Fetching \(what) from \(source) answered HTTP \(http.statusCode).")
                }
                return data
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("Cannot fetch \(what) from \(source): \(error.localizedDescription)")
            }
        }
        guard let data = FileManager.default.contents(atPath: source) else { throw CommandFailure("Cannot read \(what) from the file \(source).") }
        return data
    }
}
