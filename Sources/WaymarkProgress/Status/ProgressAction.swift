import Foundation

/// Something a trainee asks to do with their own progress. The web asks `TraineeAccess` about
/// each one before it shows or records anything, so links a page did not offer do not work either.
public enum ProgressAction: Sendable, Hashable {
    /// Read a module's unit, or mark it read.
    case readUnit(moduleID: String)
    /// Look at a module's check, or at the result of a try.
    case openCheck(moduleID: String)
    /// Send answers to a module's check, which counts as a try.
    case sendCheck(moduleID: String)
    /// Write, save or send a reflection.
    case writeReflection(promptID: String)
    /// Log practice hours, or have a supervision session recorded.
    case logPractice
    /// Log CPD hours toward renewing a certificate.
    case logCPD
}

/// A module named for a person: its id for links, its unit's title for words.
public struct ModuleName: Sendable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// Why the rules say "not now" to a `ProgressAction`, with what the trainee needs to move on.
public enum Refusal: Sendable, Hashable {
    /// The programme has no module or reflection by that id.
    case unknown
    /// The module opens once recruitment is complete and a coordinator has decided.
    case waitingForRecruitment
    /// These modules must be finished first, in the programme's order.
    case finishFirst([ModuleName])
    /// The check's cool-down ends at this time.
    case coolingDown(until: Date)
    /// Every try at the check is used; a coordinator can allow another.
    case noTriesLeft
    /// Practice opens once this module is finished (nil: once training is open).
    case practiceNotOpen(after: ModuleName?)
    /// The programme has no practice to log.
    case noPractice
    /// CPD counts toward renewing a certificate, and there is none to renew with it yet.
    case noCertificateToRenew
}
