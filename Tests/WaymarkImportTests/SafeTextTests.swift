import Testing
import WaymarkCurriculum

@testable import WaymarkImport

/// Moodle's HTML is cut down to the safe subset, and what is dropped is named.
@Suite struct SafeTextTests {
    func convert(_ html: String) -> (inlines: [Inline], warnings: [String]) {
        var converter = RichTextConverter(media: MediaStore(folder: "media/t")) { _ in nil }
        let inlines = converter.inlines(HTMLFragment.parse(html))
        var warnings: [String] = []
        converter.flushWarnings(into: &warnings)
        return (inlines, warnings)
    }

    @Test func keepsEmphasisStrongAndWebLinks() {
        let result = convert(
            #"<p>Be <i>kind</i>, <b>clear</b> and <a href="https://example.org/x?a=1&amp;b=2">read this</a>.</p><p>Next&nbsp;line</p>"#
        )
        #expect(
            result.inlines == [
                .text("Be "), .emphasis([.text("kind")]), .text(", "), .strong([.text("clear")]), .text(" and "),
                .link(href: "https://example.org/x?a=1&b=2", [.text("read this")]), .text(". Next line"),
            ]
        )
        #expect(result.warnings == [])
    }

    @Test func dropsScriptsStylesAndUnsafeLinksSayingWhat() {
        let result = convert(
            #"<div style="color:red"><span class="x">Hi</span><script>alert("x")</script><style>p{}</style> <a href="javascript:alert(1)">there</a><table><tr><td>cell</td></tr></table></div>"#
        )
        #expect(result.inlines == [.text("Hi there cell")])
        #expect(
            result.warnings == [
                "The link to javascript:alert(1) was dropped, keeping its text: Waymark links only to http, https and mailto addresses.",
                "HTML Waymark does not keep was dropped, keeping its text: <div>, <span>, <table>, <tr>, <td>.",
                "HTML Waymark does not keep was dropped with everything inside it: <script>, <style>.",
                "Styles (style=\"...\") were dropped: Waymark text has no colours, fonts or alignment.",
            ]
        )
    }

    @Test func writesAListAsOneRunOfText() {
        let result = convert("<p>Pick:</p><ul><li>one<li>two</ul>")
        #expect(result.inlines == [.text("Pick: • one • two")])
        #expect(result.warnings == ["A list was written as one run of text: a Waymark prompt, choice or feedback is a single paragraph."])
    }

    @Test func escapesWhatItWrites() {
        let xml = AssessmentWriter.inlines([.text("a < b & \"c\""), .link(href: "https://x.org/?q=\"1\"&r", [.text("x")])])
        #expect(xml == #"a &lt; b &amp; "c"<link href="https://x.org/?q=&quot;1&quot;&amp;r">x</link>"#)
        // Every digit is kept: the writer never rounds (NumberPrecisionTests).
        #expect(AssessmentWriter.number(33.333333333) == "33.333333333")
        #expect(AssessmentWriter.number(-50) == "-50")
        #expect(AssessmentWriter.number(0.05) == "0.05")
    }
}
