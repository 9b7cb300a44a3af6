import Foundation
import WaymarkCredentials
import WaymarkStore

/// The status part of `waymark credentials verify`: every entry of the credential's
/// `credentialStatus` is checked. A `BitstringStatusListEntry` by fetching its list, checking
/// the list's signature with the same published keys, and reading the bit; an older
/// credential's `1EdTechRevocationList` by fetching Waymark's status document.
struct CredentialStatusCheck {
    let keys: JSONWebKeySet
    let now: Date
    /// Lists already at hand (signed, as files), by the URL inside them: not fetched.
    var given: [String: String] = [:]

    /// The `id` inside a signed list, unchecked (it is checked with the rest when used).
    static func listID(_ jwt: String) -> String? {
        let parts = jwt.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]) else { return nil }
        return (try? JSONDecoder().decode(BitstringStatusListCredential.self, from: payload))?.id
    }

    /// What to say about a status that passed; throws the `VerificationFailure` of the first
    /// entry that fails. `document` is Waymark's own status document to read as well.
    func check(_ credential: OpenBadgeCredential, document: String?) async throws -> String {
        var said: [String] = []
        var lists = given
        for entry in credential.credentialStatus {
            if let (purpose, index, url) = entry.bitstring {
                if lists[url] == nil { lists[url] = try await fetch(url, what: "the \(purpose.rawValue) list") }
                switch StatusListCheck.list(lists[url] ?? "", keys: keys, url: url, issuer: credential.issuer.id, purpose: purpose, now: now) {
                case .failure(let failure): throw failure
                case .success(let bits):
                    if let failure = StatusListCheck.bit(index, of: bits, purpose: purpose) { throw failure }
                    said.append("not in the \(purpose.rawValue) list")
                }
            } else if entry.type == "1EdTechRevocationList" {
                said.append(try await waymarkDocument(entry.id, for: credential))
            } else {
                throw VerificationFailure.statusUnavailable("Waymark cannot read a status of type \(entry.type)")
            }
        }
        if let document { said.append(try await waymarkDocument(document, for: credential)) }
        guard !said.isEmpty else { throw VerificationFailure.statusUnavailable("the credential names no status to check") }
        return said.joined(separator: "; ")
    }

    private func waymarkDocument(_ source: String, for credential: OpenBadgeCredential) async throws -> String {
        guard let document = CredentialStatusDocument.parse(Data(try await fetch(source, what: "the status").utf8)) else {
            throw VerificationFailure.statusUnavailable("\(source) is not a Waymark status document")
        }
        if let failure = document.failure(for: credential) { throw failure }
        return document.label.lowercased()
    }

    private func fetch(_ source: String, what: String) async throws -> String {
        do {
            return String(decoding: try await Fetch.read(source, what: what), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch let failure as CommandFailure {
            throw VerificationFailure.statusUnavailable(failure.description)
        }
    }
}
