import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkCredentials

/// Waymark's credential beside Open Badges 3.0 credentials written by 1EdTech (from `WAYMARK_FIXTURES`).
@Suite(.enabled(if: ConformanceFiles.requested, Comment(rawValue: ConformanceFiles.skipReason)))
struct CredentialConformanceTests {
    @Test func hasEveryFieldOfTheSimpleOpenBadgesFixtureWithTheSameShape() throws {
        let fixture = try object(Data(contentsOf: try ConformanceFiles.url("openbadges/credentials/1edtech_ob3_simple_eddsa-rdfc-2022.json")))
        let ours = try object(OpenBadgeCredential(certificate: certificate(), issuer: issuer).json())
        let theirs = jsonShape(fixture).filter { !$0.key.hasPrefix("proof") }  // the VC-JWT is our proof
        let mine = jsonShape(ours)
        for (path, kind) in theirs.sorted(by: { $0.key < $1.key }) {
            #expect(mine[path] == kind, "\(path): the fixture has a \(kind), ours has \(mine[path] ?? "nothing")")
        }
    }

    @Test func hasTheContextsTypesAndRequiredMembersOfOpenBadges3() throws {
        for name in ["1edtech_ob3_simple_eddsa-rdfc-2022.json", "1edtech_ob3_complete.json"] {
            let fixture = try object(Data(contentsOf: try ConformanceFiles.url("openbadges/credentials/\(name)")))
            let ours = try object(OpenBadgeCredential(certificate: certificate(), issuer: issuer).json())
            let fixtureContexts = try #require(fixture["@context"] as? [String])
            #expect(Array(fixtureContexts.prefix(2)) == ours["@context"] as? [String])
            #expect(fixture["type"] as? [String] == ours["type"] as? [String])
            let subject = try #require(ours["credentialSubject"] as? [String: Any])
            let fixtureSubject = try #require(fixture["credentialSubject"] as? [String: Any])
            #expect(subject["type"] as? [String] == fixtureSubject["type"] as? [String])
            let achievement = try #require(subject["achievement"] as? [String: Any])
            let fixtureAchievement = try #require(fixtureSubject["achievement"] as? [String: Any])
            #expect(achievement["type"] as? [String] == fixtureAchievement["type"] as? [String])
            for key in ["id", "name", "description", "criteria"] {
                #expect(achievement[key] != nil && fixtureAchievement[key] != nil, "achievement.\(key)")
            }
            let profile = try #require(ours["issuer"] as? [String: Any])
            #expect(profile["type"] as? [String] == ["Profile"])
        }
    }
}
