import Foundation
import Testing
import WaymarkCurriculum

/// The `<blanks>` question as a trainer writes it by hand, and every mistake named where it was made.
@Suite struct BlanksTests {
    static let question = """
          <blanks id="gaps" points="2">
            <prompt>Fill in the gaps.</prompt>
            <text>Call {{1}} first. Tell your <em>supervisor</em> the {{2}} day, at your {{3}}.</text>
            <blank n="1"><number value="999" feedback="Yes."/></blank>
            <blank n="2" marks="2">
              <choose>
                <option correct="true" feedback="Right.">same</option>
                <option>next</option>
              </choose>
            </blank>
            <blank n="3" case-sensitive="true">
              <accept>Project</accept>
              <accept weight="50" feedback="Nearly.">office*</accept>
            </blank>
          </blanks>
        """

    func lines(_ question: String) throws -> [String] {
        try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question))).lines()
    }

    @Test func readsTheTextAndEachBlank() throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: Self.question)))
        let report = try folder.load()
        #expect(report.diagnostics.map(\.description) == [])
        let question = try #require(report.curriculum.programmes.first?.assessments["a-check"]?.questions.first)
        #expect(question.kind.typeName == "blanks")
        #expect(question.points == 2)
        guard case .blanks(let text, let blanks) = question.kind else {
            Issue.record("not a blanks question")
            return
        }
        #expect(
            text == [
                .words([.text("Call ")]), .blank(1),
                .words([.text(" first. Tell your "), .emphasis([.text("supervisor")]), .text(" the ")]), .blank(2),
                .words([.text(" day, at your ")]), .blank(3), .words([.text(".")]),
            ]
        )
        #expect(
            blanks == [
                Blank(number: 1, marks: 1, answer: .number([NumericAnswer(value: 999, tolerance: 0, weight: 100, feedback: "Yes.")])),
                Blank(
                    number: 2,
                    marks: 2,
                    answer: .choose([
                        BlankOption(text: "same", isCorrect: true, weight: nil, feedback: "Right."),
                        BlankOption(text: "next", isCorrect: false, weight: nil, feedback: nil),
                    ])
                ),
                Blank(
                    number: 3,
                    marks: 1,
                    answer: .typed(
                        [AcceptedAnswer(text: "Project", weight: 100, feedback: nil), AcceptedAnswer(text: "office*", weight: 50, feedback: "Nearly.")],
                        caseSensitive: true
                    )
                ),
            ]
        )
    }

    @Test func blanksAreKeptInTheOrderTheyStandInTheText() throws {
        let question = Self.question.replacingOccurrences(of: "Call {{1}} first.", with: "Call {{7}} first.")
            .replacingOccurrences(of: #"<blank n="1">"#, with: #"<blank n="7">"#)
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question)))
        let report = try folder.load()
        #expect(report.diagnostics.map(\.description) == [])
        guard case .blanks(let text, let blanks)? = report.curriculum.programmes.first?.assessments["a-check"]?.questions.first?.kind else {
            Issue.record("not a blanks question")
            return
        }
        #expect(text.blankNumbers == [7, 2, 3])
        #expect(blanks.map(\.number) == [7, 2, 3])
    }

    @Test func aMarkerWithNoBlankAndABlankNotUsedAreNamed() throws {
        let question = Self.question.replacingOccurrences(of: "at your {{3}}", with: "at your {{4}}")
        #expect(
            try lines(question) == [
                #"Assessments/p/a-check.xml:6:5: error: The text has a blank {{4}}, but there is no <blank n="4"> saying what fills it."#,
                "Assessments/p/a-check.xml:14:12: error: Blank 3 is not used: the text has no {{3}}. Add {{3}} to the text where it goes, or remove this blank.",
            ]
        )
    }

    @Test func aMarkerUsedTwiceABlankDefinedTwiceAndNoMarkersAtAll() throws {
        let twice = Self.question.replacingOccurrences(of: "Call {{1}} first.", with: "Call {{1}} or {{1}} first.")
        #expect(try lines(twice) == ["Assessments/p/a-check.xml:6:5: error: The text has {{1}} more than once. Each blank goes in one place; number the other one differently."])
        let defined = Self.question.replacingOccurrences(of: #"<blank n="3" case-sensitive="true">"#, with: #"<blank n="2" case-sensitive="true">"#)
        let definedLines = try lines(defined)
        #expect(definedLines.contains("Assessments/p/a-check.xml:14:12: error: There are two blanks numbered 2. Give each <blank> its own n."), "\(definedLines)")
        #expect(definedLines.contains(#"Assessments/p/a-check.xml:6:5: error: The text has a blank {{3}}, but there is no <blank n="3"> saying what fills it."#))
        let none = """
              <blanks id="gaps">
                <prompt>Fill in the gaps.</prompt>
                <text>Nothing to fill in here.</text>
                <blank n="1"><accept>x</accept></blank>
              </blanks>
            """
        #expect(
            try lines(none) == [
                "Assessments/p/a-check.xml:6:5: error: The text has no blanks. Write {{1}} where the first blank goes, {{2}} for the second, and so on.",
                "Assessments/p/a-check.xml:7:12: error: Blank 1 is not used: the text has no {{1}}. Add {{1}} to the text where it goes, or remove this blank.",
            ]
        )
    }

    @Test func aMarkerInsideEmphasisIsNotABlank() throws {
        let hidden = Self.question.replacingOccurrences(of: "Call {{1}} first.", with: "Call <em>{{1}}</em> first.")
        let found = try lines(hidden)
        #expect(found.first == "Assessments/p/a-check.xml:6:5: error: A blank marker such as {{1}} is inside <em>, <strong> or <link>. Put each blank outside them, in the plain text.")
    }

    @Test func listsNeedTwoDifferentOptionsAndARightOne() throws {
        let empty = Self.question.replacingOccurrences(of: """
                    <option correct="true" feedback="Right.">same</option>
                    <option>next</option>
            """, with: "")
        #expect(try lines(empty) == ["Assessments/p/a-check.xml:9:7: error: Blank 2 has an empty list. A list needs at least two <option>s to choose from."])
        let one = Self.question.replacingOccurrences(of: "<option>next</option>", with: "")
        #expect(try lines(one) == ["Assessments/p/a-check.xml:9:7: error: Blank 2 has only one option. A list needs at least two <option>s to choose from."])
        let noneRight = Self.question.replacingOccurrences(of: #"<option correct="true" feedback="Right.">"#, with: "<option>")
        #expect(try lines(noneRight) == [#"Assessments/p/a-check.xml:9:7: error: Blank 2 has no right option. Mark one with correct="true" (or weight="100")."#])
        let twice = Self.question.replacingOccurrences(of: "<option>next</option>", with: "<option>Same</option>")
        #expect(try lines(twice) == [#"Assessments/p/a-check.xml:11:9: error: Blank 2 lists "Same" twice. Each option in a list must read differently."#])
    }

    @Test func typedAndNumberBlanksNeedAFullMarksAnswer() throws {
        let typed = Self.question.replacingOccurrences(of: "<accept>Project</accept>", with: "")
        #expect(try lines(typed) == ["Assessments/p/a-check.xml:14:5: error: Blank 3 has no right answer: no <accept> is worth full marks (weight 100)."])
        let number = Self.question.replacingOccurrences(of: #"<number value="999" feedback="Yes."/>"#, with: #"<number value="999" weight="50"/>"#)
        #expect(try lines(number) == ["Assessments/p/a-check.xml:7:5: error: Blank 1 has no right answer: no <number> is worth full marks (weight 100)."])
    }

    @Test(arguments: [#"weight="150""#, #"weight="-10""#])
    func aWeightOutsideZeroToAHundredIsRefusedByTheSchema(weight: String) throws {
        let question = Self.question.replacingOccurrences(of: #"weight="50""#, with: weight)
        let found = try lines(question)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("Assessments/p/a-check.xml:16:") == true, "\(found)")
    }

    @Test func anEmptyBlankIsRefusedByTheSchema() throws {
        let question = Self.question.replacingOccurrences(of: #"<blank n="1"><number value="999" feedback="Yes."/></blank>"#, with: #"<blank n="1"></blank>"#)
        // Said once, by the schema: no second message about a right answer it could not have.
        #expect(try lines(question) == ["Assessments/p/a-check.xml:7:5: error: <blank>: Missing child element(s). Expected is one of ( accept, number, choose )."])
    }
}
