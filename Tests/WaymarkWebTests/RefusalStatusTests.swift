import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkStore

@testable import WaymarkWeb

/// A refusal from the store is an answer with its own status and kind page, not a 500.
@Suite struct RefusalStatusTests {
    @Test(arguments: [
        (StoreError.notFound("Trainee"), 404),
        (StoreError.conflict, 409),
        (StoreError.duplicateEmail("a@example.org"), 409),
        (StoreError.refused("An event cannot be changed."), 409),
        (StoreError.invalid("The programme has no assessment called 'nope'."), 400),
        (StoreError.unavailable("no connection"), 503),
    ])
    func aStoreRefusalHasItsOwnStatus(_ error: StoreError, _ code: Int) throws {
        let refusal = try #require(WebError(refusal: error))
        #expect(refusal.status.code == code)
        #expect(!refusal.explanation.contains("no connection"))  // what the store said stays in the log
    }

    @Test func aBusyPasswordQueueSaysWhenToComeBack() throws {
        let refusal = try #require(WebError(refusal: PasswordWork.Busy(retryAfter: 7)))
        #expect(refusal.status == .serviceUnavailable)
        #expect(refusal.retryAfter == 7)
    }

    @Test func anErrorThatIsNoRefusalStaysAnInternalProblem() {
        struct Broken: Error {}
        #expect(WebError(refusal: Broken()) == nil)
    }

    /// A request that cannot be understood (a parameter of the wrong kind, a body that does not
    /// decode) is the sender's mistake: a 400 with the kind page, not "something went wrong".
    @Test func aRequestThatCannotBeUnderstoodIsA400WithAKindPage() async throws {
        struct Wanted: Decodable { var count: Int }
        struct Broken: Error {}
        let app = try await WebTestApp()
        let router = try WebApplication.router(app.web)
        router.get("/test-number/:count") { _, context -> String in
            String(try context.parameters.require("count", as: Int.self))
        }
        router.get("/test-decoding") { _, _ -> String in
            String(try JSONDecoder().decode(Wanted.self, from: Data("{\"count\": \"many\"}".utf8)).count)
        }
        router.get("/test-broken") { _, _ -> String in throw Broken() }
        try await Application(router: router, logger: WebTestApp.quietLogger).test(.router) { client in
            #expect(try await client.execute(uri: "/test-number/12", method: .get).status == .ok)
            for path in ["/test-number/twelve", "/test-decoding"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .badRequest, "\(path)")
                #expect(String(buffer: response.body).contains("We could not understand that request"), "\(path)")
            }
            #expect(try await client.execute(uri: "/test-broken", method: .get).status == .internalServerError)
        }
    }
}
