import Foundation
import Logging
import ServiceLifecycle
import WaymarkStore

/// The emails nobody's action causes, written when they fall due: supervision overdue (to the
/// supervisor, at most weekly), a certificate ending within three months (to its holder, once
/// per certificate), and new applications (to each coordinator, one digest at most daily).
/// Every server may run this at once: the database keeps one message per `onceKey`, and
/// `enqueue` skips a person written the same kind inside its quiet time.
struct OutboxReminders<Store: OutboxStore & PeopleStore>: Sendable {
    let store: Store
    let words: MailWords

    static var week: TimeInterval { 7 * 86_400 }
    static var day: TimeInterval { 86_400 }

    /// Writes the reminders due at `now`; returns how many.
    @discardableResult
    func write(at now: Date) async throws -> Int {
        var written = 0
        let overdue = try await store.supervisorsWithOverdueMentors(at: now)
        written += try await store.enqueue(
            overdue.map { words.supervisionOverdue($0, week: Self.number(now, per: Self.week)) },
            quietSince: now.addingTimeInterval(-Self.week),
            at: now
        )
        let expiring = try await store.certificatesExpiring(at: now, before: Self.threeMonths(after: now))
        written += try await store.enqueue(expiring.map(words.certificateExpiring), quietSince: nil, at: now)
        for coordinator in try await store.people(withRole: .coordinator) where coordinator.isActive {
            let last = try await store.lastMessage(kind: .newApplications, personID: coordinator.id)
            if let last, last > now.addingTimeInterval(-Self.day) { continue }
            let count = try await store.applicationsSent(after: last ?? now.addingTimeInterval(-Self.day))
            guard count > 0 else { continue }
            written += try await store.enqueue(
                [words.newApplications(to: coordinator, count: count, day: Self.number(now, per: Self.day))],
                quietSince: now.addingTimeInterval(-Self.day),
                at: now
            )
        }
        return written
    }

    /// Which week or day (counted from 1970) `date` falls in.
    static func number(_ date: Date, per length: TimeInterval) -> Int {
        Int(exactly: (date.timeIntervalSince1970 / length).rounded(.down)) ?? 0
    }

    static func threeMonths(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(byAdding: .month, value: 3, to: date) ?? date.addingTimeInterval(92 * 86_400)
    }
}

/// Runs `OutboxReminders` every hour while the server runs (only where email is set up: with
/// no sender, reminders would pile up to arrive late, all at once).
struct OutboxRemindersService<Store: OutboxStore & PeopleStore>: Service {
    let reminders: OutboxReminders<Store>
    let ready: Readiness
    let logger: Logger

    func run() async throws {
        await ready.repeatUntilShutdown(every: .seconds(3_600)) {
            do {
                let written = try await reminders.write(at: Date())
                if written > 0 { logger.info("Wrote \(written) reminder emails to the outbox.") }
            } catch {
                logger.error("Reminder emails could not be written: \(error)")
            }
            return false
        }
    }
}
