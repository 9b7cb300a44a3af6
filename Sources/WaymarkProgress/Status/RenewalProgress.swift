import Foundation

/// How far a certificate holder is with renewing: when renewal opens and what it still needs.
public struct RenewalProgress: Sendable, Hashable {
    /// When renewal opens (some months before the certificate stops being valid).
    public var opensOn: Date
    /// Whether renewal is open now (it stays open once the certificate has expired).
    public var isOpen: Bool
    /// CPD hours since the certificate was issued, then one refresher check per module,
    /// as countable steps ("renewal:cpd", "renewal:module:listening").
    public var requirements: [RequirementProgress]
    /// Whether renewal is open and every requirement is met, so a coordinator can renew.
    public var isMet: Bool

    /// A value with every field given.
    public init(opensOn: Date, isOpen: Bool, requirements: [RequirementProgress], isMet: Bool) {
        self.opensOn = opensOn
        self.isOpen = isOpen
        self.requirements = requirements
        self.isMet = isMet
    }
}
