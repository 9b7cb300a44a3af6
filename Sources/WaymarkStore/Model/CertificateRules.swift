import WaymarkCertificates

/// Runs a certificate rule (`CertificateChange.transition`, `CertificateEligibility.change`),
/// refusing in the store's own terms so that callers see the same `StoreError.refused`
/// whichever layer decided.
public func inStoreTerms<T>(_ rule: () throws -> T) throws -> T {
    do {
        return try rule()
    } catch let refusal as CertificateRefusal {
        throw StoreError.refused(refusal.sentence)
    }
}

extension CertificateChange {
    /// The certificate rules (see `transition`), refused as a `StoreError`.
    func check(_ certificate: CertificateRecord, traineeID: String, programmeID: String) throws -> (state: CertificateState, reason: String?)? {
        try inStoreTerms { try transition(from: certificate, traineeID: traineeID, programmeID: programmeID) }
    }
}
