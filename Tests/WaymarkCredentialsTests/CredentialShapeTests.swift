import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkCredentials

/// Waymark's credential beside an Open Badges 3.0 credential this project wrote from the
/// specification (`Tests/Samples/openbadges`).
@Suite struct CredentialShapeTests {
    func sample() throws -> [String: Any] {
        try object(Data(contentsOf: SampleFiles.url("openbadges/open-badge-credential.json")))
    }

    func ours() throws -> [String: Any] {
        try object(OpenBadgeCredential(certificate: certificate(), issuer: issuer).json())
    }

    @Test func hasEveryMemberOfTheSampleWithTheSameKindOfValue() throws {
        let theirs = jsonShape(try sample())
        let mine = jsonShape(try ours())
        #expect(theirs.count > 20, "the sample is the whole credential")
        for (path, kind) in theirs.sorted(by: { $0.key < $1.key }) {
            #expect(mine[path] == kind, "\(path): the sample has a \(kind), ours has \(mine[path] ?? "nothing")")
        }
    }

    @Test func hasTheContextsAndTypesOpenBadges3AsksForInOrder() throws {
        let sample = try sample()
        let ours = try ours()
        #expect(ours["@context"] as? [String] == sample["@context"] as? [String])
        #expect(ours["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        let subject = try #require(ours["credentialSubject"] as? [String: Any])
        #expect(subject["type"] as? [String] == ["AchievementSubject"])
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement["type"] as? [String] == ["Achievement"])
        let profile = try #require(ours["issuer"] as? [String: Any])
        #expect(profile["type"] as? [String] == ["Profile"])
    }

    @Test func datesAreRFC3339InUTCWithWholeSeconds() throws {
        let ours = try ours()
        for key in ["validFrom", "validUntil"] {
            let value = try #require(ours[key] as? String, "\(key)")
            #expect(value.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression) != nil, "\(key): \(value)")
        }
    }

    @Test func saysNothingAboutTheHolderButTheirName() throws {
        let text = String(decoding: OpenBadgeCredential(certificate: certificate(), issuer: issuer).json(), as: UTF8.self)
        #expect(!text.contains("trainee-1"), "the trainee's id is in the credential")
        #expect(text.range(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]+"#, options: .regularExpression) == nil, "an email address is in the credential")
        #expect(text.contains("Jamal Reid"))
    }
}
