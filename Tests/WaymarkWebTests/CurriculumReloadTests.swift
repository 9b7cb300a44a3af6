import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

#if canImport(Glibc)
import Glibc
#endif

/// A reload that is stuck cannot hold up anyone else, and pictures are served only from
/// ordinary files inside the curriculum folder.
@Suite struct CurriculumReloadTests {
    @Test func signInStillWorksWhileAReloadIsStuckAndASecondReloadIsTurnedAwayKindly() async throws {
        let gate = Gate()
        let temporary = try await TemporaryStore(.sqlite)
        let report = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".")
        // A reload that waits until the test lets it go, as one stuck on a bad file would.
        let holder = CurriculumHolder(report.curriculum, loadedAt: Date()) { directory throws(CurriculumFolderError) in
            gate.arrive()
            gate.waitForRelease()
            return try CurriculumLoader().load(from: directory, displayRoot: ".")
        }
        let web = Web(
            store: temporary.store,
            curriculum: holder,
            curriculumDirectory: repositoryRoot,
            pages: try await Pages.load(),
            keys: KeyStore(dataDirectory: temporary.folder),
            issuer: CredentialIssuer(name: "Test", baseURL: "http://127.0.0.1:8080"),
            passwords: Passwords(cost: 4)
        )
        let hash = Passwords(cost: 4).hash(WebTestApp.password)
        for (name, email, role) in [("Cora", "coordinator@example.org", Role.coordinator), ("Ola", "other@example.org", .coordinator)] {
            _ = try await temporary.store.addPerson(NewPerson(name: name, email: email, roles: [role], passwordHash: hash), at: Date())
        }
        let app = try buildApplication(WebTestApp.configuration, web: web, logger: WebTestApp.quietLogger)
        try await app.test(.router) { client in
            let first = Browser(client)
            let second = Browser(client)
            try await first.signIn("coordinator@example.org")
            try await second.signIn("other@example.org")
            try await first.get("/curriculum")
            try await second.get("/curriculum")

            let stuck = Task { try await first.post("/curriculum/reload") }
            #expect(await gate.hasArrived(within: .seconds(10)))

            let refused = try await within(.seconds(10)) { try await second.post("/curriculum/reload") }
            #expect(refused?.status == .conflict)
            #expect(refused?.html.contains("A reload is already running. Try again in a minute.") == true)

            // Signing in checks a password with bcrypt, on the pool the reload used to share.
            let signedIn = try await within(.seconds(10)) { try await Browser(client).signIn("other@example.org") }
            #expect(signedIn?.status == .seeOther || signedIn?.status == .found)

            gate.release()
            #expect(try await stuck.value.location == "/curriculum?notice=reloaded")
        }
        gate.release()
        await temporary.remove()
    }

    @Test func aPictureIsServedOnlyFromAnOrdinaryFileInsideTheFolder() async throws {
        let copy = try CurriculumCopy()
        let outside = try copy.addPicturesFairAndFoul()
        defer { try? FileManager.default.removeItem(at: outside) }

        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let served = try await browser.get("/media/peer-mentoring/media/door.png")
            #expect(served.status == .ok)
            #expect(Data(served.html.utf8).count > 0)
            #expect(try await browser.get("/media/peer-mentoring/media/secret.png").status == .notFound)
            let pipe = try await within(.seconds(10)) { try await browser.get("/media/peer-mentoring/media/pipe.png") }
            #expect(pipe?.status == .notFound)
        }
    }
}

/// Runs `body` and waits for it at most `limit`; nil if it has not finished by then (it is left
/// running, so that a regression fails the test instead of hanging it).
func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
    let task = Task { try await body() }
    let deadline = ContinuousClock.now + limit
    let finished = Finished()
    Task {
        _ = try? await task.value
        finished.mark()
    }
    while !finished.isSet, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
    guard finished.isSet else {
        Issue.record("did not finish within \(limit)")
        return nil
    }
    return try await task.value
}

private final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    var isSet: Bool { lock.withLock { set } }
    func mark() { lock.withLock { set = true } }
}

/// Holds a reload on its thread until the test lets it go.
private final class Gate: @unchecked Sendable {
    private let arrived = Finished()
    private let released = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var open = false

    func arrive() { arrived.mark() }

    func waitForRelease() {
        // Checked again after each wake so that one release lets every waiter go.
        while !lock.withLock({ open }) { _ = released.wait(timeout: .now() + 0.05) }
    }

    func release() {
        lock.withLock { open = true }
        released.signal()
    }

    func hasArrived(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !arrived.isSet, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return arrived.isSet
    }
}
