import Foundation

/// How sign-in slows guessing down without ever locking the right password out. The first few
/// tries in a row go through at once; after that each try must wait, twice as long as the one
/// before, up to a longest wait. A wait always ends, so the person who knows their password
/// always gets in, while a guesser gets only a few dozen tries an hour.
public struct BackOff: Sendable, Hashable {
    /// Tries in a row that need no wait.
    public var freeTries: Int
    /// The wait after the last free try; each try after it doubles the wait.
    public var firstWait: TimeInterval
    /// No wait is longer than this.
    public var longestWait: TimeInterval
    /// After this long without a try, counting starts again from nothing.
    public var forgetAfter: TimeInterval

    public init(freeTries: Int, firstWait: TimeInterval, longestWait: TimeInterval, forgetAfter: TimeInterval) {
        self.freeTries = freeTries
        self.firstWait = firstWait
        self.longestWait = longestWait
        self.forgetAfter = forgetAfter
    }

    /// How long the next try must wait after the `tries`th try in a row.
    public func wait(afterTries tries: Int) -> TimeInterval {
        guard tries >= freeTries else { return 0 }
        // Capped before the power, so no number of tries can overflow anything.
        let doublings = Double(min(tries - freeTries, 40))
        return min(longestWait, firstWait * pow(2, doublings))
    }

    /// One account: 5 tries at once, then 2 s, 4 s, 8 s... up to 5 minutes between tries.
    public static let perAccount = BackOff(freeTries: 5, firstWait: 2, longestWait: 5 * 60, forgetAfter: 3_600)
    /// One address: many people may share it (an office, a prison's or a probation service's
    /// network), so 30 tries at once, then 2 s doubling up to 15 minutes.
    public static let perAddress = BackOff(freeTries: 30, firstWait: 2, longestWait: 15 * 60, forgetAfter: 3_600)
}

/// The back-off for each account and for each address that sign-in uses.
public struct SignInThrottle: Sendable, Hashable {
    public var perAccount: BackOff
    public var perAddress: BackOff

    public init(perAccount: BackOff = .perAccount, perAddress: BackOff = .perAddress) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// Whole seconds from `now` until `until`, at least 1 (for `Retry-After`).
    static func secondsToWait(from now: Date, until: Date) -> Int {
        max(1, Int(min(max(until.timeIntervalSince(now), 0), 86_400).rounded(.up)))
    }

    /// "8 seconds", "3 minutes": how long until `until`, in words.
    static func waitInWords(from now: Date, until: Date) -> String {
        waitInWords(seconds: secondsToWait(from: now, until: until))
    }

    /// "8 seconds", "3 minutes": a wait of `seconds` (at least 1), in words.
    static func waitInWords(seconds: Int) -> String {
        let seconds = max(1, seconds)
        if seconds < 60 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
