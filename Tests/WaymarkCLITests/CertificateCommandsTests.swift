import Foundation
import Testing
import WaymarkCredentials
import WaymarkStore

@Suite struct CertificateCommandsTests {
    @Test func theDemoCertificatesAreListedWithTheirStatus() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let list = try runWaymark(["certificates", "list", "--data", data.path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasPrefix("CODE  "))
        #expect(list.stdout.hasSuffix("5 certificates\n"))
        for (holder, status) in [("Jamal Reid", "Valid"), ("Maya Patel", "Suspended"), ("Nathan Brooks", "Revoked"), ("Liam Doyle", "Expired")] {
            let line = list.stdout.split(separator: "\n").first { $0.contains(holder) } ?? ""
            #expect(line.hasPrefix("WM-"), "\(holder) has no certificate")
            #expect(line.contains("  Certified Peer Mentor  \(status)  "), "\(line)")
        }
        // Reasons for a suspension or revocation are for coordinators' records, not lists.
        #expect(!list.stdout.contains("concern"))
    }

    @Test func issuingSaysWhatIsMissingWhenNotEligible() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        // Harry Singh is part-way through practice; Isla Campbell is ready.
        let refused = try runWaymark(["certificates", "issue", "--data", data.path, "--email", "harry.singh@demo.waymark.invalid"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("Not ready for a certificate yet. Still missing:\n  - "))
        #expect(refused.stderr.contains("supervision session"))

        let issued = try runWaymark(["certificates", "issue", "--data", data.path, "--email", "isla.campbell@demo.waymark.invalid"])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.hasPrefix("Issued WM-"))
        let again = try runWaymark(["certificates", "issue", "--data", data.path, "--email", "isla.campbell@demo.waymark.invalid"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("holds one already"))
    }

    @Test func anExportedCredentialVerifiesFromFilesAndKeysAreNeverPrinted() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let list = try runWaymark(["certificates", "list", "--data", data.path]).stdout
        let code = try #require(list.split(separator: "\n").first { $0.contains("Jamal Reid") }?.split(separator: " ").first.map(String.init))
        let jwt = data.url.appendingPathComponent("c.jwt").path
        let jwks = data.url.appendingPathComponent("jwks.json").path
        let status = data.url.appendingPathComponent("status.json").path
        #expect(try runWaymark(["credentials", "export", code, "--data", data.path, "--out", jwt]).status == 0)
        #expect(try runWaymark(["keys", "jwks", "--data", data.path, "--out", jwks]).status == 0)
        #expect(try runWaymark(["credentials", "status", code, "--data", data.path, "--out", status]).status == 0)
        var lists: [String] = []
        for purpose in ["revocation", "suspension"] {
            let file = data.url.appendingPathComponent("\(purpose).jwt").path
            #expect(try runWaymark(["credentials", "status-list", purpose, "--data", data.path, "--out", file]).status == 0)
            lists += ["--status-list", file]
        }
        // Without the lists at hand it would fetch them from the site, which is not running.
        let offline = try runWaymark(["credentials", "verify", jwt, "--jwks", jwks])
        #expect(offline.status == 1)
        #expect(offline.stderr.contains("status     FAILED: The status could not be checked"))
        let verified = try runWaymark(["credentials", "verify", jwt, "--jwks", jwks, "--status", status] + lists)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("  signature  ok"))
        #expect(verified.stdout.hasSuffix("This credential is genuine and current.\n"))

        let keyFile = try String(contentsOf: data.url.appendingPathComponent("keys/signing-key.json"), encoding: .utf8)
        let secret = try #require(keyFile.split(separator: "\"").drop { $0 != "d" }.dropFirst(2).first.map(String.init))
        let keys = try runWaymark(["keys", "list", "--data", data.path])
        let rotated = try runWaymark(["keys", "rotate", "--data", data.path])
        for output in [keys.stdout, rotated.stdout, try String(contentsOfFile: jwks, encoding: .utf8)] {
            #expect(!output.contains(secret))
        }
        // The credential signed before the rotation still verifies against the new key set.
        #expect(try runWaymark(["keys", "jwks", "--data", data.path, "--out", jwks]).status == 0)
        #expect(try runWaymark(["credentials", "verify", jwt, "--jwks", jwks, "--status", status] + lists).status == 0)
        // The demo's suspended certificate fails on its bit in the suspension list.
        let maya = try #require(list.split(separator: "\n").first { $0.contains("Maya Patel") }?.split(separator: " ").first.map(String.init))
        #expect(try runWaymark(["credentials", "export", maya, "--data", data.path, "--out", jwt]).status == 0)
        let suspended = try runWaymark(["credentials", "verify", jwt, "--jwks", jwks] + lists)
        #expect(suspended.status == 1)
        #expect(suspended.stderr.contains("status     FAILED: The issuer has suspended this certificate."))
    }
}

@Suite struct CertificateLookupsCommandTests {
    @Test func aCertificatesLookupsAreShownDayByDayWithoutWhoLooked() async throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let list = try runWaymark(["certificates", "list", "--data", data.path]).stdout
        let code = try #require(list.split(separator: "\n").first { $0.contains("Jamal Reid") }?.split(separator: " ").first.map(String.init))
        #expect(try runWaymark(["certificates", "lookups", code, "--data", data.path]).stdout == "\(code) has not been checked yet.\n")

        let store = try await StoreLocation.sqlite(path: data.url.appendingPathComponent("waymark.sqlite").path).open()
        let day = Date(timeIntervalSince1970: 1_790_000_000)  // 21 Sep 2026, 14:13 UTC
        for via in [LookupChannel.page, .page, .status] { try await store.recordLookup(code: code, via: via, at: day) }
        try await store.recordLookup(code: code, via: .credential, at: day.addingTimeInterval(86_400))
        await store.close()

        let shown = try runWaymark(["certificates", "lookups", code.lowercased(), "--data", data.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(
            shown.stdout == """
                DAY (UTC)    PAGE  CREDENTIAL  STATUS  IN ALL
                22 Sep 2026  0     1           0       1
                21 Sep 2026  2     0           1       3
                4 lookups in all

                """
        )
        let other = CertificateCode.random().description
        let unknown = try runWaymark(["certificates", "lookups", other, "--data", data.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("There is no certificate with the code \(other)."))
    }
}

@Suite struct EmbeddedProofCommandTests {
    @Test(arguments: [
        ("DataIntegrityProof", "eddsa-rdfc-2022"), ("DataIntegrityProof", "ecdsa-sd-2023"), ("Ed25519Signature2020", nil),
    ] as [(String, String?)])
    func verifyingAnEmbeddedProofNamesItAndSaysWhatWaymarkChecks(type: String, cryptosuite: String?) throws {
        let data = DataFolder()
        try FileManager.default.createDirectory(at: data.url, withIntermediateDirectories: true)
        let file = data.url.appendingPathComponent("credential.json")
        let suite = cryptosuite.map { #","cryptosuite":"\#($0)""# } ?? ""
        let credential = #"""
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"],
             "issuer":{"id":"https://example.org"},"proof":{"type":"\#(type)"\#(suite),"proofPurpose":"assertionMethod","proofValue":"z3F"}}
            """#
        try Data(credential.utf8).write(to: file)
        let result = try runWaymark(["credentials", "verify", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("format     FAILED: This credential carries an embedded proof (\(type)"), "\(result.stderr)")
        if let cryptosuite { #expect(result.stderr.contains("with the cryptosuite \(cryptosuite)")) }
        #expect(result.stderr.contains("Waymark checks only VC-JWT (jwt_vc_json) signatures"))
        #expect(result.stderr.contains("signature  not checked"))
    }
}
