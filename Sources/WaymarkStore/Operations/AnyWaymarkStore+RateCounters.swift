import Foundation

extension AnyWaymarkStore {
    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await backend.bookkeepingWrite { db in
            let count = try await db.fetchFirstRow(RateCounterSQL.hit(key: key, window: window, at: at))?.optional("count", as: Int.self) ?? 0
            try await db.perform(RateCounterSQL.forgetPast(at: at.timeIntervalSince1970))
            return count <= limit
        }
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await backend.read { db in
            guard let row = try await db.fetchFirstRow(RateCounterSQL.counter(key: key)) else { return false }
            let start: Double = try row.required("window_start")
            let count: Int = try row.required("count")
            return start + window > at.timeIntervalSince1970 && count >= limit
        }
    }

    public func clearCounter(key: String) async throws {
        try await backend.write { db in _ = try await db.perform(RateCounterSQL.clear(key: key)) }
    }

    /// Counted by compare-and-swap: the count lands only if nobody counted since it was read,
    /// otherwise it reads again. On PostgreSQL no lock is held across round trips, so a burst of
    /// tries on one account never queues behind a held row until it times out; SQLite's one
    /// writer makes every swap land the first time.
    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        let now = at.timeIntervalSince1970
        for _ in 0..<1_000 {
            let outcome: AttemptCount? = try await backend.writeStatementByStatement { db in
                guard let counted = try await Self.countOnce(db, key: key, at: now, forgetAfter: forgetAfter, wait: wait) else { return nil }
                if case .counted = counted { try await db.perform(RateCounterSQL.forgetPast(at: now)) }
                return counted
            }
            if let outcome { return outcome }
        }
        throw StoreError.unavailable("too many sign-in tries at once for one key")
    }

    /// One read and one swap; nil when another try was counted in between. A counter at zero
    /// (its tries all taken back) has no try to wait after, as if it were not there.
    private static func countOnce(
        _ db: any SQLSession,
        key: String,
        at now: Double,
        forgetAfter: TimeInterval,
        wait: (Int) -> TimeInterval
    ) async throws -> AttemptCount? {
        guard let row = try await db.fetchFirstRow(RateCounterSQL.counter(key: key)) else {
            let made = try await db.perform(RateCounterSQL.firstTry(key: key, at: now, forgetAfter: forgetAfter))
            return made == 1 ? .counted(number: 1) : nil
        }
        let last: Double = try row.required("window_start")
        let count: Int = try row.required("count")
        var tries = 0
        if last + forgetAfter > now {
            // No wait is owed before the free tries are used up. Checked apart from the time:
            // a try that waited in line arrives with an earlier `now` than the last one counted,
            // and must not be told to wait for a moment already past.
            let owed = wait(count)
            if count > 0, owed > 0, last + owed > now { return .waitUntil(Date(timeIntervalSince1970: last + owed)) }
            tries = min(max(count, 0), 1_000_000)
        }
        tries += 1
        // Never moved back in time by a try that started earlier but arrived later.
        let counted = max(last, now)
        let swapped = try await db.perform(
            RateCounterSQL.swapTries(key: key, last: last, count: count, tries: tries, at: counted, forgetAfter: forgetAfter)
        )
        return swapped == 1 ? .counted(number: tries) : nil
    }

    public func uncountAttempt(key: String) async throws {
        try await backend.write { db in _ = try await db.perform(RateCounterSQL.uncount(key: key)) }
    }
}
