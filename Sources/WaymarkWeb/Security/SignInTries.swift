import Foundation
import WaymarkStore

/// One sign-in's place in the back-off for its account and its address (see `BackOff`).
struct SignInTries<Store: WebStore> {
    let store: Store
    let throttle: SignInThrottle
    let email: String
    let address: String
    let now: Date

    /// The email hashed: whatever length it is typed at, the key stays small.
    var accountKey: String { "signin:account:\(Tokens.hash(email))" }
    var addressKey: String { "signin:address:\(address)" }

    /// Counts this try for the account and the address before the password is checked, so
    /// guesses sent all at once are counted as they arrive. Returns when to come back if either
    /// must wait first (and then counts nothing).
    func count() async throws -> Date? {
        let account = try await store.countAttempt(
            key: accountKey,
            at: now,
            forgetAfter: throttle.perAccount.forgetAfter,
            wait: { [throttle] in throttle.perAccount.wait(afterTries: $0) }
        )
        if case .waitUntil(let until) = account { return until }
        let address = try await store.countAttempt(
            key: addressKey,
            at: now,
            forgetAfter: throttle.perAddress.forgetAfter,
            wait: { [throttle] in throttle.perAddress.wait(afterTries: $0) }
        )
        if case .waitUntil(let until) = address {
            // This try is not checked, so it was no guess at the account either.
            try await store.uncountAttempt(key: accountKey)
            return until
        }
        return nil
    }

    /// The password was never checked (the server was too busy): this try was no guess, so it
    /// counts for neither the account nor the address.
    func notChecked() async throws {
        try await store.uncountAttempt(key: accountKey)
        try await store.uncountAttempt(key: addressKey)
    }

    /// The right password: the account starts afresh, and the address's count drops by this
    /// try (people sharing an address who sign in correctly are not guessing).
    func succeeded() async throws {
        try await store.clearCounter(key: accountKey)
        try await store.uncountAttempt(key: addressKey)
    }
}
