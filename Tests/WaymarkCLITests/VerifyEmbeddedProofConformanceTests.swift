import Foundation
import Testing
import WaymarkTestSupport

/// `waymark credentials verify` on Open Badges credentials written by 1EdTech (from
/// `WAYMARK_FIXTURES`), which carry Data Integrity proofs: it names them and says what it checks.
@Suite(.enabled(if: ConformanceFiles.requested, Comment(rawValue: ConformanceFiles.skipReason)))
struct VerifyEmbeddedProofConformanceTests {
    @Test(arguments: ["1edtech_ob3_simple_eddsa-rdfc-2022.json", "1edtech_ob3_complete.json"])
    func a1EdTechCredentialsProofIsNamed(name: String) throws {
        let file = try ConformanceFiles.url("openbadges/credentials/\(name)")
        let result = try runWaymark(["credentials", "verify", file.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("format     FAILED: This credential carries an embedded proof (DataIntegrityProof with the cryptosuite eddsa-rdfc-2022)."),
            "\(result.stderr)"
        )
        #expect(result.stderr.contains("Waymark checks only VC-JWT (jwt_vc_json) signatures"))
    }
}
