import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

@testable import WaymarkCredentials

let day: TimeInterval = 86_400
let start = Date(timeIntervalSince1970: 1_790_000_000)
let issuer = CredentialIssuer(name: "Northside Mentoring", baseURL: "https://mentors.example.org/")

/// A throwaway data folder, removed afterwards.
final class TemporaryFolder: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-credentials-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A certificate record as the store would return it.
func certificate(
    code: String = CertificateCode.random().description,
    issuedAt: Date = start,
    validUntil: Date? = start + 730 * day
) -> CertificateRecord {
    CertificateRecord(
        code: code,
        traineeID: "trainee-1",
        programmeID: "peer-mentoring",
        programmeVersion: "2026.1",
        holderName: "Jamal Reid",
        title: "Certified Peer Mentor",
        description: "The holder has completed training and supervised practice as a peer mentor in criminal justice.",
        criteria: "Passed nine training modules with their checks.",
        issuedAt: issuedAt,
        validUntil: validUntil
    )
}

/// The JSON object of a credential.
func object(_ data: Data) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}

/// The fixtures folder beside the project: ../shared/fixtures/openbadges.
let openBadgesFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/openbadges")
