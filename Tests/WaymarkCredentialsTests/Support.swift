import Foundation
import WaymarkCertificates
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
        validUntil: validUntil,
        statusSlot: StatusListSlot(list: 1, index: 40_711)
    )
}

/// The JSON object of a credential.
func object(_ data: Data) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}

/// Every key path in a JSON value, with the kind of value found there ("string", "array"...).
/// Arrays of objects contribute their elements' paths under "path[]".
func jsonShape(_ value: Any, at path: String = "") -> [String: String] {
    var result: [String: String] = [:]
    switch value {
    case let object as [String: Any]:
        if !path.isEmpty { result[path] = "object" }
        for (key, inner) in object {
            result.merge(jsonShape(inner, at: path.isEmpty ? key : "\(path).\(key)")) { first, _ in first }
        }
    case let array as [Any]:
        result[path] = "array"
        for element in array where element is [String: Any] {
            result.merge(jsonShape(element, at: "\(path)[]")) { first, _ in first }
        }
    case is String: result[path] = "string"
    case is NSNumber: result[path] = "number"
    default: result[path] = "other"
    }
    return result
}
