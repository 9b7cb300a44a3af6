import WaymarkCertificates
import WaymarkProgress
import WaymarkStore

/// What a coordinator can do to a certificate that was issued, offered only where it fits the
/// certificate's state: the same rules the store applies before a change lands.
enum CertificateAction: String, CaseIterable {
    case suspend
    case reinstate
    case revoke

    /// The actions that fit a certificate in this state, in the order the page offers them.
    static func fitting(_ state: CertificateState) -> [CertificateAction] {
        switch state {
        case .active: [.suspend, .revoke]
        case .suspended: [.reinstate, .revoke]
        case .revoked, .withdrawn: []
        }
    }

    /// Why this action does not fit, in words for the coordinator. Nothing is changed.
    func notFitting(_ state: CertificateState) -> String {
        switch (self, state) {
        case (_, .revoked): "This certificate was revoked, so it cannot be changed any more. Nothing was changed."
        case (_, .withdrawn): "This certificate is no longer valid and names nobody, so it cannot be changed. Nothing was changed."
        case (.reinstate, _): "This certificate is not on hold, so there is nothing to reinstate. Nothing was changed."
        case (.suspend, _): "This certificate is on hold already. You can reinstate it or revoke it. Nothing was changed."
        case (.revoke, _): "This certificate cannot be revoked now. Nothing was changed."
        }
    }

    /// The event that records the action.
    func event(code: String) -> EventKind {
        switch self {
        case .suspend: .certificateSuspended(code: code)
        case .reinstate: .certificateReinstated(code: code)
        case .revoke: .certificateRevoked(code: code)
        }
    }
}
