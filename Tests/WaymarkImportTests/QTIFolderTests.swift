import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport

/// A folder holding QTI packages: each manifest is read for its items, and neither the manifest
/// nor the package's other files (tests, metadata) count as skipped questions.
@Suite struct QTIFolderTests {
    static func item(_ identifier: String, _ title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="\(identifier)" title="\(title)" adaptive="false" timeDependent="false">
          <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
            <correctResponse><value>A</value></correctResponse>
          </responseDeclaration>
          <itemBody>
            <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
              <prompt>\(title)?</prompt>
              <simpleChoice identifier="A">Yes</simpleChoice>
              <simpleChoice identifier="B">No</simpleChoice>
            </choiceInteraction>
          </itemBody>
          <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
        </assessmentItem>
        """
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
          <resources>
            <resource identifier="t" type="imsqti_test_xmlv2p2" href="test.xml"/>
            <resource identifier="r1" type="imsqti_item_xmlv2p2" href="items/listen.xml"/>
            <resource identifier="r2" type="imsqti_item_xmlv2p2" href="items/trust.xml"/>
          </resources>
        </manifest>
        """

    /// bank/pkg is a package (manifest, test, two items and an item it does not list);
    /// bank/loose.xml is an item outside it; bank/notes.xml is not QTI at all.
    func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("bank/pkg/imsmanifest.xml", Self.manifest)
        try folder.write(
            "bank/pkg/test.xml",
            #"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="t" title="T"/>"#
        )
        try folder.write("bank/pkg/items/listen.xml", Self.item("listen", "Do you listen"))
        try folder.write("bank/pkg/items/trust.xml", Self.item("trust", "Do you keep trust"))
        try folder.write("bank/pkg/items/unlisted.xml", Self.item("unlisted", "Not listed"))
        try folder.write("bank/loose.xml", Self.item("loose", "Loose item"))
        try folder.write("bank/notes.xml", "<notes>Written by the trainer.</notes>")
        return folder
    }

    @Test func aPackageInAFolderIsReadFromItsManifestAndNothingElseCountsAsSkipped() throws {
        let folder = try folder()
        let outcome = QuestionBankImport.qti([ImportInput(url: folder.url.appendingPathComponent("bank"), displayPath: "bank")], options: options())
        try expectValid(outcome)
        #expect(outcome.report.items.map(\.place) == ["bank/loose.xml:7", "bank/pkg/items/listen.xml:7", "bank/pkg/items/trust.xml:7"])
        #expect(outcome.report.skippedCount == 0)
        #expect(outcome.report.exitStatus == 0)
        #expect(
            outcome.report.notes == [
                "bank/notes.xml: not read, as it is not a QTI item (it holds a <notes>).",
                "bank/pkg/imsmanifest.xml: read as a QTI content package listing 2 items; the manifest itself is not a question.",
                "bank/pkg/imsmanifest.xml:4: the test test.xml was not read: Waymark imports the items the package lists, not a test's sections or rules.",
            ]
        )
    }

    @Test func aPackageFolderNamedDirectlySaysItWasReadAsAPackage() throws {
        let folder = try folder()
        let outcome = QuestionBankImport.qti([ImportInput(url: folder.url.appendingPathComponent("bank/pkg"), displayPath: "pkg")], options: options())
        try expectValid(outcome)
        #expect(outcome.report.items.map(\.name) == ["Do you listen", "Do you keep trust"])
        #expect(outcome.report.exitStatus == 0)
        #expect(outcome.report.notes.first == "pkg/imsmanifest.xml: read as a QTI content package listing 2 items; the manifest itself is not a question.")
    }

    @Test func aFileThatIsNotAnItemIsStillRefusedWhenNamedOnItsOwn() throws {
        let folder = try folder()
        let outcome = QuestionBankImport.qti([ImportInput(url: folder.url.appendingPathComponent("bank/notes.xml"), displayPath: "notes.xml")], options: options())
        #expect(outcome.report.items.map(\.status) == [.skipped])
        #expect(outcome.report.exitStatus == 1)
    }
}
