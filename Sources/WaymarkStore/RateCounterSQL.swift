import Foundation

/// The rate counters' SQL (hits per key, and sign-in tries), written once for both stores. For
/// tries, `window_start` is the time of the last counted try and `count` the tries in a row.
enum RateCounterSQL {
    /// Counts one more hit in one statement (so two servers counting at once both count),
    /// starting a new window when the last one has passed; returns the count.
    static func hit(key: String, window: TimeInterval, at: Date) -> SQLStatement {
        let now = at.timeIntervalSince1970
        return """
            INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (\(key), \(now), 1, \(now + window))
            ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN rate_counters.window_start + \(window) <= excluded.window_start THEN 1 ELSE rate_counters.count + 1 END,
                window_start = CASE WHEN rate_counters.window_start + \(window) <= excluded.window_start
                    THEN excluded.window_start ELSE rate_counters.window_start END,
                forget_at = CASE WHEN rate_counters.window_start + \(window) <= excluded.window_start
                    THEN excluded.forget_at ELSE rate_counters.forget_at END
            RETURNING count
            """
    }

    static func counter(key: String) -> SQLStatement {
        "SELECT window_start, count FROM rate_counters WHERE key = \(key)"
    }

    static func clear(key: String) -> SQLStatement {
        "DELETE FROM rate_counters WHERE key = \(key)"
    }

    /// Sets a counter to `tries` counted at `now`, whatever it was.
    static func setTries(key: String, tries: Int, at now: Double, forgetAfter: TimeInterval) -> SQLStatement {
        """
        INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (\(key), \(now), \(tries), \(now + forgetAfter))
        ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count, forget_at = excluded.forget_at
        """
    }

    /// A first try, unless another server has just counted one; returns a row when counted.
    static func firstTry(key: String, at now: Double, forgetAfter: TimeInterval) -> SQLStatement {
        """
        INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (\(key), \(now), 1, \(now + forgetAfter))
        ON CONFLICT (key) DO NOTHING RETURNING 1
        """
    }

    /// Compare-and-swap: `tries` counted at `now`, only if the counter is still as read
    /// (`last`, `count`); returns a row when swapped.
    static func swapTries(key: String, last: Double, count: Int, tries: Int, at now: Double, forgetAfter: TimeInterval) -> SQLStatement {
        """
        UPDATE rate_counters SET window_start = \(now), count = \(tries), forget_at = \(now + forgetAfter)
        WHERE key = \(key) AND window_start = \(last) AND count = \(count) RETURNING 1
        """
    }

    static func uncount(key: String) -> SQLStatement {
        "UPDATE rate_counters SET count = count - 1 WHERE key = \(key) AND count > 0"
    }

    /// Deletes a few counters whose window has passed (they count as nothing already). Every
    /// write that may make a counter deletes more than the one it makes, so however many keys
    /// anyone tries, the table holds little beyond the counters still in their window, and no
    /// request does more than a bounded piece of the cleaning. Rows another server is changing
    /// are passed over, not waited for, and a counter brought back to life meanwhile is kept:
    /// the outer condition is checked again on the row as it is now.
    static func forgetPast(at now: Double) -> SQLStatement {
        """
        DELETE FROM rate_counters WHERE forget_at <= \(now) AND key IN (
            SELECT key FROM rate_counters WHERE forget_at <= \(now) LIMIT \(RateCounters.forgottenPerWrite)\(.forUpdateSkipLocked)
        )
        """
    }
}
