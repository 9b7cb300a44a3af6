/// What can go wrong in the store, in words a person can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Someone else appended to this trainee's record first; reload and try again.
    case conflict
    /// The email address belongs to someone already.
    case duplicateEmail(String)
    /// No such person, trainee or record.
    case notFound(String)
    /// The request breaks a rule of the record (such as an update to an event): it may be
    /// allowed another time, when the record has changed.
    case refused(String)
    /// The request itself is wrong whatever the record holds: it names something the programme
    /// does not have, or a value out of range. Pages check these first, so only a hand-made
    /// request gets this far.
    case invalid(String)
    /// The database could not be opened or written.
    case unavailable(String)

    public var description: String {
        switch self {
        case .conflict: "Someone else changed this record at the same moment. Please try again."
        case .duplicateEmail(let email): "Someone already uses the email address \(email)."
        case .notFound(let what): "\(what) was not found."
        case .refused(let why), .invalid(let why): why
        case .unavailable(let why): "The database is not available: \(why)"
        }
    }
}
