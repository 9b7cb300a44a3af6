import Foundation
import Testing
import WaymarkCurriculum

@testable import WaymarkWeb

/// Ordering questions are shown in an order that is not the answer, and the same each time.
@Suite struct ShownOrderTests {
    @Test func noBundledOrderingQuestionIsShownInItsCorrectOrder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let curriculum = try CurriculumLoader().load(from: root, displayRoot: ".").curriculum
        var seen = 0
        for programme in curriculum.programmes {
            for assessment in programme.assessments.values {
                for question in assessment.questions {
                    guard case .ordering(let items) = question.kind else { continue }
                    seen += 1
                    let shown = ShownOrder.items(items, questionID: question.id).map(\.id)
                    #expect(shown != items.map(\.id), "\(assessment.id)/\(question.id) is shown in its answer's order")
                    #expect(Set(shown) == Set(items.map(\.id)))
                    #expect(ShownOrder.items(items, questionID: question.id).map(\.id) == shown, "the order changed between two showings")
                }
            }
        }
        #expect(seen >= 7, "the bundled checks hold ordering questions")
    }

    @Test(arguments: 2...9)
    func itemsWrittenInOrderAreNeverShownInOrder(count: Int) {
        for question in ["steps", "meeting", "a", "before-advice", "q-\(count)"] {
            let ids = (1...count).map { "step-\($0)" }
            let shown = ShownOrder.items(ids, questionID: question)
            #expect(shown != ids, "\(question) with \(count) items")
            #expect(shown.sorted() == ids.sorted())
        }
    }
}
