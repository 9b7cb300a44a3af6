import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// Moodle's cloze (embedded answers), gapselect and ordering, on small banks written for these
/// tests: every form that comes in, and every cloze Moodle itself would refuse.
@Suite struct MoodleBlanksTests {
    func importing(_ questions: String) throws -> ImportOutcome {
        let folder = try TemporaryFolder()
        try folder.write("bank.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n\(questions)\n</quiz>\n")
        return QuestionBankImport.moodle([ImportInput(url: folder.url.appendingPathComponent("bank.xml"), displayPath: "bank.xml")], options: options())
    }

    func cloze(_ text: String, type: String = "cloze") -> String {
        """
          <question type="\(type)">
            <name><text>Gaps</text></name>
            <questiontext format="html"><text><![CDATA[\(text)]]></text></questiontext>
          </question>
        """
    }

    func blanks(_ question: Question) throws -> (text: [BlanksPiece], blanks: [Blank]) {
        guard case .blanks(let text, let blanks) = question.kind else {
            Issue.record("expected blanks, got \(question.kind.typeName)")
            throw CancellationError()
        }
        return (text, blanks)
    }

    @Test func everyEmbeddedFormComesIn() throws {
        let text = ##"""
            <p>Call {2:NUMERICAL:=999:0#Yes~%50%112:0.5#Also works} first. Tell your {1:MULTICHOICE:=supervisor#Right~friend#No},
            the {:MCV:=same~next} day. It is {:SA:=safe*#Good~%50%secure~%-50%risky}, {:SHORTANSWER_C:=DBS} and {:MCHS:=a~%50%b}.
            Escaped: {:SAC:=a\}b\#c\~d\/e\"f\\g}. Short: {:NM:=3,5:0,1} {:MC:=x~y} {:MULTICHOICE_S:=p~q} {:MULTICHOICE_H:=r~s} {:MULTICHOICE_VS:=t~u}</p>
            """##
        let outcome = try importing(cloze(text))
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt == [.text("Fill in the blanks.")])
        let (pieces, found) = try blanks(question)
        #expect(pieces.blankNumbers == Array(1...12))
        #expect(pieces.first == .words([.text("Call ")]))
        #expect(found.map(\.marks) == [2] + Array(repeating: 1, count: 11))
        #expect(
            found[0].answer
                == .number([NumericAnswer(value: 999, tolerance: 0, weight: 100, feedback: "Yes"), NumericAnswer(value: 112, tolerance: 0.5, weight: 50, feedback: "Also works")])
        )
        #expect(
            found[1].answer
                == .choose([BlankOption(text: "supervisor", isCorrect: true, weight: nil, feedback: "Right"), BlankOption(text: "friend", isCorrect: false, weight: nil, feedback: "No")])
        )
        #expect(
            found[3].answer
                == .typed(
                    [
                        AcceptedAnswer(text: "safe*", weight: 100, feedback: "Good"), AcceptedAnswer(text: "secure", weight: 50, feedback: nil),
                        AcceptedAnswer(text: "risky", weight: 0, feedback: nil),
                    ],
                    caseSensitive: false
                )
        )
        #expect(found[4].answer == .typed([AcceptedAnswer(text: "DBS", weight: 100, feedback: nil)], caseSensitive: true))
        #expect(
            found[5].answer
                == .choose([BlankOption(text: "a", isCorrect: true, weight: 100, feedback: nil), BlankOption(text: "b", isCorrect: false, weight: 50, feedback: nil)])
        )
        #expect(found[6].answer == .typed([AcceptedAnswer(text: #"a}b#c~d/e"f\g"#, weight: 100, feedback: nil)], caseSensitive: true))
        #expect(found[7].answer == .number([NumericAnswer(value: 3.5, tolerance: 0.1, weight: 100, feedback: nil)]))
        let item = try #require(outcome.report.items.first)
        #expect(item.status == .importedWithWarnings)
        #expect(item.waymarkType == "blanks")
        #expect(item.messages.contains("Blank 3 was shown in Moodle as radio buttons (MULTICHOICE_V); Waymark shows it as a list in the sentence."))
        #expect(item.messages.contains("Blank 6's options were shuffled in Moodle; Waymark lists them in the order they were written."))
        #expect(item.messages.contains("Blank 4: the answer \"risky\" took marks away (-50%); Waymark gives it 0."))
        // Marked as Moodle marks it: blank 1 is worth 2 of 13 marks.
        #expect(score(question, .blanks(["1": "999"])).percent == 15.385)
        #expect(Scoring.score(question, answer: .blanks(["7": #"a}b#c~d/e"f\g"#])).blanks[6].outcome == .correct)
    }

    @Test func theOldTypeNameMultianswerComesInToo() throws {
        let outcome = try importing(cloze("A mentor {1:SHORTANSWER:=listens} more.", type: "multianswer"))
        try expectValid(outcome)
        #expect(try blanks(try onlyQuestion(outcome)).text == [.words([.text("A mentor ")]), .blank(1), .words([.text(" more.")])])
    }

    @Test(arguments: [
        (
            "No gaps here.",
            #"The question text has no embedded answer (such as {1:SHORTANSWER:=answer}). Moodle refuses it too: "Invalid embedded answers (Cloze) question (The question text must include at least one embedded answer.).""#
        ),
        (
            "Say {1:SHORTANSWER:%50%half~nothing}.",
            #"Blank 1, {1:SHORTANSWER:%50%half~nothing}: no answer is worth 100% (mark the right one with = or %100%). Moodle refuses it too: "Invalid embedded answers (Cloze) question (One of the answers should have a score of 100% so it is possible to get full marks for this question.).""#
        ),
        (
            "Pick {1:MULTICHOICE:=only}.",
            #"Blank 1, {1:MULTICHOICE:=only}: a list needs at least two options to choose from. Moodle refuses it too: "Invalid embedded answers (Cloze) question (This type of question requires at least 2 choices).""#
        ),
        (
            "Count {1:NUMERICAL:=ten}.",
            #"Blank 1, {1:NUMERICAL:=ten}: the answer "ten" is not a number. Moodle refuses it too: "Invalid embedded answers (Cloze) question (The answer must be a number, for example -1.234 or 3e8, or '*'.).""#
        ),
    ])
    func aClozeMoodleRefusesIsRefusedNamingTheFault(text: String, message: String) throws {
        let outcome = try importing(cloze(text))
        let item = try #require(outcome.report.items.first)
        #expect(item.status == .skipped)
        #expect(item.messages == [message])
    }

    @Test func somethingInBracesThatIsNotAnEmbeddedAnswerIsNamed() throws {
        let outcome = try importing(cloze("Say {1:SHORTANSWER=x} and {1:SA:=y}."))
        try expectValid(outcome)
        let item = try #require(outcome.report.items.first)
        #expect(item.messages == [#""{1:SHORTANSWER=x}" looks like an embedded answer but does not follow Moodle's syntax, so it stays in the text, as Moodle shows it."#])
        #expect(try blanks(try onlyQuestion(outcome)).text.first == .words([.text("Say {1:SHORTANSWER=x} and ")]))
    }

    @Test func multiResponseIsSkippedByName() throws {
        let outcome = try importing(cloze("Tick {1:SA:=x} and {1:MULTIRESPONSE:=a~=b~c}."))
        let item = try #require(outcome.report.items.first)
        #expect(item.status == .skipped)
        #expect(
            item.messages == [
                "Blank 2 is MULTIRESPONSE (tick every right answer): a Waymark blank takes one answer, so the question was skipped. Make it a multiple-choice question of its own, or a MULTICHOICE blank."
            ]
        )
    }

    static let gapselect = """
          <question type="gapselect">
            <name><text>Where to meet</text></name>
            <questiontext format="html"><text><![CDATA[<p>Meet in a [[1]] place and tell your [[2]]. A [[1]] place is best. [[x]] stays.</p>]]></text></questiontext>
            <shuffleanswers>1</shuffleanswers>
            <selectoption><text>public</text><group>1</group></selectoption>
            <selectoption><text>supervisor</text><group>2</group></selectoption>
            <selectoption><text>private</text><group>1</group></selectoption>
            <selectoption><text>friend</text><group>2</group></selectoption>
          </question>
        """

    @Test func gapselectBecomesAListPerGap() throws {
        let outcome = try importing(Self.gapselect)
        try expectValid(outcome)
        let (text, found) = try blanks(try onlyQuestion(outcome))
        #expect(text.blankNumbers == [1, 2, 3])
        #expect(text.last == .words([.text(" place is best. [[x]] stays.")]))
        let places: BlankAnswer = .choose([
            BlankOption(text: "public", isCorrect: true, weight: nil, feedback: nil), BlankOption(text: "private", isCorrect: false, weight: nil, feedback: nil),
        ])
        #expect(found.map(\.answer) == [
            places,
            .choose([BlankOption(text: "supervisor", isCorrect: true, weight: nil, feedback: nil), BlankOption(text: "friend", isCorrect: false, weight: nil, feedback: nil)]),
            places,
        ])
        #expect(outcome.report.items.first?.messages == ["Moodle shuffled the choices in each list; Waymark lists them in the order they were written."])
    }

    @Test func aGapWithNoChoiceBehindItIsRefused() throws {
        let broken = Self.gapselect.replacingOccurrences(of: "tell your [[2]]", with: "tell your [[5]]")
        let item = try #require(try importing(broken).report.items.first)
        #expect(item.status == .skipped)
        #expect(item.messages == ["The text has [[5]], but there are only 4 choices. Moodle would not save it either."])
        let alone = Self.gapselect.replacingOccurrences(of: "<text>friend</text><group>2</group>", with: "<text>friend</text><group>3</group>")
        let lonely = try #require(try importing(alone).report.items.first)
        #expect(lonely.messages == ["[[2]] has only one choice in its group (2), so there is nothing to choose between."])
    }

    @Test func orderingComesInInItsRightOrder() throws {
        let outcome = try importing(
            """
              <question type="ordering">
                <name><text>Steps</text></name>
                <questiontext format="html"><text>Put these in order.</text></questiontext>
                <gradingtype>ABSOLUTE_POSITION</gradingtype>
                <answer fraction="2"><text>Tell Jay you must pass it on</text></answer>
                <answer fraction="1"><text>Listen</text></answer>
                <answer fraction="3"><text>Tell your supervisor</text></answer>
              </question>
              <question type="ordering">
                <name><text>Relative</text></name>
                <questiontext format="html"><text>Order these.</text></questiontext>
                <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>
                <selecttype>RANDOM</selecttype>
                <answer><text>One</text></answer>
                <answer><text>Two</text></answer>
              </question>
              <question type="ordering">
                <name><text>Lonely</text></name>
                <questiontext format="html"><text>Order this.</text></questiontext>
                <answer><text>One</text></answer>
              </question>
            """
        )
        let questions = try #require(outcome.assessment?.questions)
        #expect(questions.map(\.kind.typeName) == ["ordering", "ordering"])
        guard case .ordering(let items) = questions[0].kind else { return }
        #expect(items.map(\.text.plainText) == ["Listen", "Tell Jay you must pass it on", "Tell your supervisor"])
        #expect(outcome.report.items[0].status == .imported)
        #expect(
            outcome.report.items[1].messages == [
                "Moodle marked this question by RELATIVE_NEXT_EXCLUDE_LAST; Waymark gives a share for each item in its right place (Moodle's ABSOLUTE_POSITION), so scores may differ.",
                "Moodle showed only some of the items each time (RANDOM); Waymark shows them all.",
            ]
        )
        #expect(outcome.report.items[2].status == .skipped)
        #expect(outcome.report.items[2].messages == ["An ordering question needs at least two items to put in order; this one has 1."])
    }
}
