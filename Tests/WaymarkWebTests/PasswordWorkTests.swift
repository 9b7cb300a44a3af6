import Foundation
import Synchronization
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

#if canImport(Glibc)
import Glibc
#endif

/// bcrypt runs on lanes of its own with a bounded queue, so a crowd signing in can never
/// starve pages or pile up work without end.
@Suite struct PasswordWorkTests {
    /// Holds a lane until released, as a very slow bcrypt would.
    final class Gate: Sendable {
        private let opened = Mutex(false)
        func open() { opened.withLock { $0 = true } }
        func wait() {
            while !opened.withLock({ $0 }) { usleep(1_000) }
        }
    }

    /// Waits (briefly) until `work` has admitted `count`.
    static func waitUntil(_ work: PasswordWork, admitted count: Int) async throws {
        for _ in 0..<2_000 where work.admitted != count { try await Task.sleep(for: .milliseconds(1)) }
        #expect(work.admitted == count)
    }

    @Test func runsBelowThePagesPriorityAndOnFewerThreadsThanTheCores() async throws {
        let work = PasswordWork()
        #expect(work.lanes >= 1)
        #expect(work.lanes < max(2, ProcessInfo.processInfo.activeProcessorCount), "a core is always left for pages")
        #if os(Linux)
        let nice = try await work.run { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(nice == 10)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == 0, "the caller's thread keeps its priority")
        #endif
    }

    @Test func refusesAtOnceWhenTheQueueIsFullAndSaysWhenToComeBack() async throws {
        let work = PasswordWork(lanes: 1, longestWait: 0)
        let gate = Gate()
        let held = Task { try await work.run { gate.wait() } }
        try await Self.waitUntil(work, admitted: 1)
        let started = ContinuousClock.now
        await #expect(throws: PasswordWork.Busy(retryAfter: 1)) { try await work.run { 1 } }
        #expect(started.duration(to: .now) < .seconds(1), "refused at once, not after waiting")
        gate.open()
        try await held.value
        try await Self.waitUntil(work, admitted: 0)
        #expect(try await work.run { 2 } == 2, "once the lane is free, work runs again")
    }

    @Test func queuesWhatCanStartSoonAndRunsItInTurn() async throws {
        let work = PasswordWork(lanes: 1, longestWait: 10)
        let gate = Gate()
        let held = Task { try await work.run { gate.wait() } }
        try await Self.waitUntil(work, admitted: 1)
        let queued = Task { try await work.run { 3 } }
        try await Self.waitUntil(work, admitted: 2)
        gate.open()
        try await held.value
        #expect(try await queued.value == 3)
    }

    /// A sign-in that finds bcrypt's queue full gets the sign-in page back at once, with what
    /// was typed, a plain reason and `Retry-After`; the try counts against no one.
    @Test func aSignInInABusyMomentIsAskedToTryAgainSoon() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        let work = PasswordWork(lanes: 1, longestWait: 0)
        let web = try await app.variant(passwordWork: work)
        let gate = Gate()
        let held = Task { try await work.run { gate.wait() } }
        defer { gate.open() }
        try await Self.waitUntil(work, admitted: 1)
        try await app.test(web) { browser in
            let busy = try await browser.signIn("trainee@example.org")
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "1")
            #expect(busy.html.contains("A lot of people are signing in at this moment"))
            #expect(busy.html.contains(#"value="trainee@example.org""#))
            gate.open()
            try await held.value
            try await Self.waitUntil(work, admitted: 0)
            #expect(try await browser.signIn("trainee@example.org").status == .seeOther)
        }
        #expect(web.passwordChecks.count == 2)
    }
}
