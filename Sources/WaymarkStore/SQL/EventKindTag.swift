/// The `kind` column's values, matched without making a String.
enum EventKindTag: CaseIterable {
    case applicationSubmitted, checkRecorded, suitabilityDecided, unitRead, assessmentAttempted, anotherTryAllowed, reflectionSubmitted
    case reflectionReviewed, practiceLogged, practiceCountersigned, supervisionRecorded, cpdLogged, certificateIssued
    case certificateRenewed, certificateSuspended, certificateReinstated, certificateRevoked, paused, resumed, withdrawn
    case personalDataErased

    var name: String {
        switch self {
        case .applicationSubmitted: "application-submitted"
        case .checkRecorded: "check-recorded"
        case .suitabilityDecided: "suitability-decided"
        case .unitRead: "unit-read"
        case .assessmentAttempted: "assessment-attempted"
        case .anotherTryAllowed: "another-try-allowed"
        case .reflectionSubmitted: "reflection-submitted"
        case .reflectionReviewed: "reflection-reviewed"
        case .practiceLogged: "practice-logged"
        case .practiceCountersigned: "practice-countersigned"
        case .supervisionRecorded: "supervision-recorded"
        case .cpdLogged: "cpd-logged"
        case .certificateIssued: "certificate-issued"
        case .certificateRenewed: "certificate-renewed"
        case .certificateSuspended: "certificate-suspended"
        case .certificateReinstated: "certificate-reinstated"
        case .certificateRevoked: "certificate-revoked"
        case .paused: "paused"
        case .resumed: "resumed"
        case .withdrawn: "withdrawn"
        case .personalDataErased: "personal-data-erased"
        }
    }

    private static let names: [(bytes: [UInt8], tag: EventKindTag)] = allCases.map { (Array($0.name.utf8), $0) }

    init?(bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes else { return nil }
        guard let match = Self.names.first(where: { $0.bytes.count == bytes.count && $0.bytes.elementsEqual(bytes) }) else { return nil }
        self = match.tag
    }
}

extension EventKindTag {
    private static let byName: [String: EventKindTag] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// The tag stored as this text, or nil.
    init?(name: String) {
        guard let tag = Self.byName[name] else { return nil }
        self = tag
    }
}
