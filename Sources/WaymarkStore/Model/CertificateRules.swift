@_exported import WaymarkCertificates

extension CertificateChange {
    /// The certificate rules (see `transition`), refusing in the store's own terms so that
    /// callers see the same `StoreError.refused` whichever layer decided.
    func check(_ certificate: CertificateRecord, traineeID: String, programmeID: String) throws -> (state: CertificateState, reason: String?)? {
        do {
            return try transition(from: certificate, traineeID: traineeID, programmeID: programmeID)
        } catch let refusal as CertificateRefusal {
            throw StoreError.refused(refusal.sentence)
        }
    }
}
