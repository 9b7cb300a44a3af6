import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport

/// Question text in Moodle's other formats (Markdown, plain text), Moodle 1.x pictures and LaTeX
/// maths, on small banks written for these tests.
@Suite struct MoodleTextFormatTests {
    /// A bank of one question of `type` whose text is `text` in `format`, with `extra` inside.
    static func bank(_ text: String, format: String, type: String = "description", extra: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="\(type)">
            <name><text>Formatted</text></name>
            <questiontext format="\(format)"><text><![CDATA[\(text)]]></text></questiontext>
            \(extra)
          </question>
        </quiz>
        """
    }

    func importBank(_ bank: String) throws -> ImportOutcome {
        let folder = try TemporaryFolder()
        try folder.write("bank.xml", bank)
        return QuestionBankImport.moodle([ImportInput(url: folder.url.appendingPathComponent("bank.xml"), displayPath: "bank.xml")], options: options("fmt"))
    }

    @Test func markdownBecomesTheSafeSubsetAndTheReportSaysSo() throws {
        let markdown = """
            # Before you **start**

            Read *this* first, then [the guide](https://example.org/guide) and <https://example.org/x>.
            Use `waymark` and snake_case_names as typed; \\*not emphasis\\*.

            - one
            - two __strong__
            """
        let outcome = try importBank(Self.bank(markdown, format: "markdown"))
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(
            question.prompt == [
                .strong([.text("Before you "), .strong([.text("start")])]), .text(" Read "), .emphasis([.text("this")]),
                .text(" first, then "), .link(href: "https://example.org/guide", [.text("the guide")]), .text(" and "),
                .link(href: "https://example.org/x", [.text("https://example.org/x")]),
                .text(". Use waymark and snake_case_names as typed; *not emphasis*. • one • two "), .strong([.text("strong")]),
            ]
        )
        #expect(!question.prompt.plainText.contains("#"))
        #expect(!question.prompt.plainText.contains("**"))
        #expect(
            outcome.report.items[0].messages == [
                "Text written in Markdown was converted to Waymark's text (bold, italics, links and pictures kept).",
                "A heading was written as bold text: a Waymark prompt, choice or feedback is a single paragraph with no headings.",
                "Code formatting was dropped, keeping its text: Waymark text has no code style.",
                "A list was written as one run of text: a Waymark prompt, choice or feedback is a single paragraph.",
            ]
        )
        #expect(outcome.report.items[0].status == .importedWithWarnings)
    }

    @Test func aMarkdownTableAndQuoteAreKeptAsTextAndNamed() throws {
        let outcome = try importBank(Self.bank("| Day | Time |\n|-----|:----:|\n| Mon | 10 |\n\n> Be kind.\n\n---", format: "markdown"))
        try expectValid(outcome)
        #expect(try onlyQuestion(outcome).prompt == [.text("| Day | Time | | Mon | 10 | Be kind.")])
        #expect(
            outcome.report.items[0].messages == [
                "Text written in Markdown was converted to Waymark's text (bold, italics, links and pictures kept).",
                "A table was kept as plain text, with its | marks: Waymark text has no tables.",
                "A quotation (>) was kept as ordinary text: a Waymark prompt, choice or feedback has no quotes.",
                "A line across the page (---) was dropped: Waymark text has no rules.",
            ]
        )
    }

    @Test func emptyFieldsInAnotherFormatSayNothing() throws {
        let outcome = try importBank(
            Self.bank("Plain *words*", format: "html", extra: #"<generalfeedback format="markdown"><text></text></generalfeedback>"#)
        )
        #expect(outcome.report.items[0].messages == [])
    }

    @Test func hostileMarkdownCostsAMomentAndKeepsItsText() throws {
        let unclosed = String(repeating: "*a [b _d ", count: 5_000)
        let nested = String(repeating: "**", count: 2_000) + "deep" + String(repeating: "**", count: 2_000)
        let started = ContinuousClock.now
        let outcome = try importBank(Self.bank(unclosed + "\n\n" + nested, format: "markdown"))
        #expect(ContinuousClock.now - started < .seconds(20))
        let prompt = try onlyQuestion(outcome).prompt.plainText
        #expect(prompt.contains("deep"))
        #expect(prompt.hasPrefix("*a [b _d "))
    }

    @Test func htmlInsideMarkdownMeetsTheHTMLRules() throws {
        let outcome = try importBank(Self.bank("Say <b>hello</b> &amp; <script>alert(1)</script>[bad](javascript:alert(2))", format: "markdown"))
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt == [.text("Say "), .strong([.text("hello")]), .text(" & bad")])
        let messages = outcome.report.items[0].messages
        #expect(messages.contains("HTML Waymark does not keep was dropped with everything inside it: <script>."))
        #expect(messages.contains { $0.hasPrefix("The link to javascript:alert(2) was dropped") })
        #expect(!String(decoding: try #require(outcome.xml), as: UTF8.self).contains("script"))
    }

    @Test func plainTextIsShownAsTypedAndSaysItsLineBreaksBecameSpaces() throws {
        let outcome = try importBank(Self.bank("Is 3 < 4 & **true**?\nSay so.", format: "plain_text", type: "truefalse", extra: """
            <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
            """))
        try expectValid(outcome)
        #expect(try onlyQuestion(outcome).prompt == [.text("Is 3 < 4 & **true**? Say so.")])
        #expect(
            outcome.report.items[0].messages == [
                "Text written as plain text is shown exactly as typed; its line breaks became spaces, as a Waymark prompt, choice or feedback is one paragraph."
            ]
        )
        let xml = String(decoding: try #require(outcome.xml), as: UTF8.self)
        #expect(xml.contains("<prompt>Is 3 &lt; 4 &amp; **true**? Say so.</prompt>"))
    }

    @Test func moodleAutoFormatReadsLikeHTMLWithNothingToSay() throws {
        let outcome = try importBank(Self.bank("First line\nsecond <em>line</em>", format: "moodle_auto_format"))
        #expect(try onlyQuestion(outcome).prompt == [.text("First line second "), .emphasis([.text("line")])])
        #expect(outcome.report.items[0].messages == [])
    }

    static let dot = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).base64EncodedString()

    @Test func aLegacyPictureIsKeptBesideTheAssessmentAndAsksForAltText() throws {
        let outcome = try importBank(
            Self.bank("<p>What does this sign mean?</p>", format: "html", extra: "<image>pics/exit sign.png</image><image_base64>\(Self.dot)</image_base64>")
        )
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt == [.text("What does this sign mean? "), .image(src: "media/fmt/exit-sign.png", alt: "")])
        #expect(outcome.media.map(\.path) == ["media/fmt/exit-sign.png"])
        #expect(outcome.media.first?.bytes == [UInt8](try #require(Data(base64Encoded: Self.dot))))
        #expect(
            outcome.report.items[0].messages == [
                "The image exit sign.png has no alt text, so people who cannot see it will miss it. Add one in the written file."
            ]
        )
    }

    @Test func aLegacyPictureNotInTheFileIsNamed() throws {
        let outcome = try importBank(Self.bank("Look.", format: "html", extra: "<image>course/files/map.jpg</image>"))
        try expectValid(outcome)
        #expect(try onlyQuestion(outcome).prompt == [.text("Look.")])
        #expect(outcome.media.isEmpty)
        #expect(
            outcome.report.items[0].messages == [
                "The picture course/files/map.jpg was not in the file (Moodle 1.x kept it with the course), so it was left out."
            ]
        )
    }

    @Test(arguments: [#"Work out \(x^2 + 1\) for x = 2."#, #"Solve \[ 2x = 4 \]"#, "Is $$\\frac{1}{2}$$ a half?"])
    func latexMathsIsNamedInTheReport(text: String) throws {
        let outcome = try importBank(Self.bank(text, format: "html"))
        try expectValid(outcome)
        #expect(try onlyQuestion(outcome).prompt.plainText == text)
        #expect(outcome.report.items[0].messages.contains { $0.hasPrefix("It uses LaTeX maths") && $0.contains("shows as typed") })
    }

    @Test(arguments: ["It costs $5 or $6.", #"A lone \( with no end"#, "Plain words."])
    func textWithoutMathsSaysNothingAboutIt(text: String) throws {
        let outcome = try importBank(Self.bank(text, format: "html"))
        #expect(outcome.report.items[0].messages == [])
    }
}
