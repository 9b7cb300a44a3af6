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
}
