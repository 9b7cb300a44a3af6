import Foundation
import Testing

@testable import WaymarkXML

/// Parses a document from a string, returning its diagnostics when it fails.
func parseFailure(_ text: String, options: XMLParseOptions = XMLParseOptions()) -> [Diagnostic]? {
    do {
        _ = try SafeXML.parse(Array(text.utf8), displayPath: "test.xml", options: options)
        return nil
    } catch {
        return error.diagnostics
    }
}

@Suite struct SafeXMLTests {
    @Test func readsAWellFormedDocument() throws {
        let document = try SafeXML.parse(Array("<unit xmlns=\"urn:x\" id=\"a\"><title>Hi</title></unit>".utf8), displayPath: "ok.xml")
        let root = try #require(document.root)
        #expect(root.name == "unit")
        #expect(root.namespaceURI == "urn:x")
        #expect(root.attribute("id") == "a")
        #expect(root.attribute("missing") == nil)
        #expect(root.children.map(\.text) == ["Hi"])
    }

    @Test func refusesAnExternalEntityWithoutReadingIt() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE unit [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <unit>&secret;</unit>
            """
        let diagnostics = try #require(parseFailure(text))
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].line == 2)
        #expect(diagnostics[0].message.contains("DOCTYPE"))
        #expect(!diagnostics.description.contains("root:"))
    }

    @Test func externalEntityIsNeverExpandedEvenWhenDoctypesAreAllowed() throws {
        let text = """
            <!DOCTYPE unit [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <unit>&secret;</unit>
            """
        let document = try SafeXML.parse(Array(text.utf8), displayPath: "x.xml", options: XMLParseOptions(allowsDoctype: true))
        #expect(try #require(document.root).text == "")
    }

    @Test func refusesABillionLaughsQuickly() throws {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<lolz>&lol9;</lolz>\n"
        let started = ContinuousClock.now
        let diagnostics = try #require(parseFailure(text))
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(diagnostics.map(\.line) == [2])
        #expect(diagnostics[0].message.contains("DOCTYPE"))
    }

    @Test func refusesAFileOverTheSizeLimitBeforeParsing() throws {
        let text = "<unit>" + String(repeating: "a", count: 2_000) + "</unit>"
        let diagnostics = try #require(parseFailure(text, options: XMLParseOptions(maximumBytes: 1_000)))
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("limit"))
    }

    @Test func refusesAFileOverTheSizeLimitOnDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-big-\(UUID()).xml")
        try Data(("<unit>" + String(repeating: "a", count: 11_000_000) + "</unit>").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ParseFailure.self) { try SafeXML.parse(contentsOf: url, displayPath: "big.xml") }
        do {
            _ = try SafeXML.parse(contentsOf: url, displayPath: "big.xml")
        } catch {
            #expect(error.diagnostics[0].description == "big.xml:1:1: error: This file is 11 MB; the limit is 10 MB. Split it into smaller files.")
        }
    }

    @Test func explainsInvalidUTF8WithItsPosition() throws {
        var bytes = Array("<unit>\n  <title>caf".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</title>\n</unit>".utf8)
        do {
            _ = try SafeXML.parse(bytes, displayPath: "bad.xml")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.diagnostics[0].line == 2)
            #expect(error.diagnostics[0].message.contains("not valid UTF-8"))
        }
    }

    @Test(arguments: ["", "   \n  "])
    func explainsAnEmptyFile(text: String) throws {
        let diagnostics = try #require(parseFailure(text))
        #expect(diagnostics.map(\.description) == ["test.xml:1:1: error: This file is empty. It needs an XML document such as <unit>…</unit>."])
    }

    @Test func explainsATruncatedFile() throws {
        let diagnostics = try #require(parseFailure("<unit id=\"a\">\n  <section>\n    <p>Half a sent"))
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics[0].line == 3)
        #expect(diagnostics.contains { $0.message.contains("is closed") })
    }

    @Test func reportsMismatchedTagsWithLineAndColumn() throws {
        let diagnostics = try #require(parseFailure("<unit>\n  <title>Hi</titel>\n</unit>"))
        #expect(diagnostics[0].line == 2)
        #expect(diagnostics[0].column > 1)
        #expect(diagnostics[0].message == "</titel> does not match <title>, opened on line 2.")
    }

    @Test func countsLinesPastSixtyFiveThousand() throws {
        let text = "<unit>" + String(repeating: "\n", count: 70_000) + "  <title>x</title>\n  <oops>\n</unit>"
        let diagnostics = try #require(parseFailure(text))
        // The mismatch is found at </unit> on line 70003; <oops> was opened on line 70002.
        #expect(diagnostics[0].line == 70_003)
        #expect(diagnostics[0].message == "</unit> does not match <oops>, opened on line 70002.")
    }

    @Test func findsTheExactColumnOfElementsAndAttributes() throws {
        let text = """
            <?xml version="1.0"?>
            <!-- a comment with <fake> tags -->
            <programme id="p">
              <training><module id="a"/>  <module
                  id="b" unit="u.xml"/><![CDATA[ <not-a-tag> ]]></training>
            </programme>
            """
        let document = try SafeXML.parse(Array(text.utf8), displayPath: "p.xml")
        let training = try #require(document.root?.children.first)
        let modules = training.children
        #expect(training.location == SourceLocation(line: 4, column: 3))
        #expect(modules[0].location == SourceLocation(line: 4, column: 13))
        #expect(modules[1].location == SourceLocation(line: 4, column: 31))
        #expect(modules[1].location(ofAttribute: "unit") == SourceLocation(line: 5, column: 14))
        #expect(modules[1].location(ofAttribute: "id") == SourceLocation(line: 5, column: 7))
    }

    @Test func deferredLocationsAgreeWithExactOnesForEveryElement() throws {
        let text = """
            <?xml version="1.0"?>
            <!-- <decoy/> -->
            <a x="1"><b/><c y='>'><d/><d
              z="2"/></c><![CDATA[<e/>]]><?pi <f/>?><g><h/></g>
            <i>text &amp; more</i></a>
            """
        let document = try SafeXML.parse(Array(text.utf8), displayPath: "d.xml")
        var pending = [try #require(document.root)]
        var checked = 0
        while let element = pending.popLast() {
            #expect(element.deferredLocation.resolve() == element.location, "<\(element.name)>")
            #expect(element.deferredLocation(ofAttribute: "z").resolve() == element.location(ofAttribute: "z"))
            checked += 1
            pending += element.children
        }
        #expect(checked == 8)  // <e/> and <f/> sit in CDATA and a processing instruction
        let secondD = try #require(document.root?.children[1].children[1])
        #expect(secondD.deferredLocation(ofAttribute: "z").resolve() == SourceLocation(line: 4, column: 3))
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let document = try SafeXML.parse(Array("<a><b>café</b><c/></a>".utf8), displayPath: "a.xml")
        let c = try #require(document.root?.children.last)
        #expect(c.location == SourceLocation(line: 1, column: 15))
    }

    @Test func keepsErrorsOfParallelParsesApart() async throws {
        // Each task's document has its error on a different line; a shared handler would mix them up.
        try await withThrowingTaskGroup(of: (Int, [Int]).self) { group in
            for line in 1...40 {
                group.addTask {
                    let text = "<unit>" + String(repeating: "\n", count: line) + "<oops></unit>"
                    return (line + 1, parseFailure(text)?.map(\.line) ?? [])
                }
            }
            for try await (expected, lines) in group {
                #expect(lines.first == expected)
                #expect(lines.allSatisfy { $0 == expected })
            }
        }
    }
}
