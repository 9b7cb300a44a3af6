import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// A QTI content package: its manifest names the items, which are read from where it says.
@Suite struct QTIPackageTests {
    /// Items written for this test (not fixtures): a package with one supported item, an
    /// interaction Waymark lacks, custom response processing, and a picture in the package.
    @Test func aContentPackageImportsItsItemsAndSkipsWhatItCannot() throws {
        let package = try TemporaryFolder()
        try package.write(
            "pkg/imsmanifest.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
              <resources>
                <resource identifier="r1" type="imsqti_item_xmlv2p2" href="items/pick.xml"><file href="items/pick.xml"/></resource>
                <resource identifier="r2" type="imsqti_item_xmlv2p2" href="items/hotspot.xml"/>
                <resource identifier="r3" type="imsqti_item_xmlv3p0" href="items/custom.xml"/>
              </resources>
            </manifest>
            """
        )
        try package.write(
            "pkg/items/pick.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="pickOne" title="Pick one" adaptive="false" timeDependent="false">
              <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
                <correctResponse><value>B</value></correctResponse>
              </responseDeclaration>
              <itemBody>
                <p>Look at <img src="../media/sign.png" alt="a sign"/> and <script>alert(1)</script><a href="javascript:alert(2)">this</a>.<a href="../../secret.txt"> </a></p>
                <choiceInteraction responseIdentifier="RESPONSE" maxChoices="1">
                  <simpleChoice identifier="A">Stop</simpleChoice>
                  <simpleChoice identifier="B"><strong>Go</strong> &amp; see</simpleChoice>
                </choiceInteraction>
              </itemBody>
              <responseProcessing template="http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct"/>
            </assessmentItem>
            """
        )
        try package.write("pkg/media/sign.png", "\u{89}PNG not really")
        try package.write(
            "pkg/items/hotspot.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="spot" title="Spot it" adaptive="false" timeDependent="false">
              <itemBody>
                <hotspotInteraction responseIdentifier="RESPONSE" maxChoices="1"><object data="x.png" type="image/png"/></hotspotInteraction>
              </itemBody>
            </assessmentItem>
            """
        )
        try package.write(
            "pkg/items/custom.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="custom" title="Custom rules">
              <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
                <qti-correct-response><qti-value>A</qti-value></qti-correct-response>
              </qti-response-declaration>
              <qti-item-body>
                <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
                  <qti-simple-choice identifier="A">A</qti-simple-choice>
                  <qti-simple-choice identifier="B">B</qti-simple-choice>
                </qti-choice-interaction>
              </qti-item-body>
              <qti-response-processing>
                <qti-response-condition/>
              </qti-response-processing>
            </qti-assessment-item>
            """
        )
        try package.write("secret.txt", "not for the output")
        let input = ImportInput(url: package.url.appendingPathComponent("pkg/imsmanifest.xml"), displayPath: "pkg/imsmanifest.xml")
        let outcome = QuestionBankImport.qti([input], options: options("pkg"))
        try expectValid(outcome)
        #expect(outcome.report.items.map(\.status) == [.importedWithWarnings, .skipped, .skipped])
        #expect(outcome.report.items.map(\.place) == ["pkg/items/pick.xml:8", "pkg/items/hotspot.xml:4", "pkg/items/custom.xml:12"])
        #expect(outcome.report.items.map(\.name) == ["Pick one", "Spot it", "Custom rules"])
        #expect(outcome.report.items[1].type == "hotspotInteraction")
        #expect(outcome.report.items[1].messages == ["Waymark has no question like QTI's <hotspotInteraction>, so it was skipped."])
        #expect(outcome.report.items[2].messages.first?.hasPrefix("The item has its own response processing rules") == true)
        #expect(outcome.report.exitStatus == 3)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt == [.text("Look at "), .image(src: "media/pkg/sign.png", alt: "a sign"), .text(" and this.")])
        #expect(outcome.media.map(\.path) == ["media/pkg/sign.png"])
        #expect(
            outcome.report.items[0].messages == [
                "The link to javascript:alert(2) was dropped, keeping its text: Waymark links only to http, https and mailto addresses.",
                "The link to ../../secret.txt was dropped, keeping its text: Waymark links only to http, https and mailto addresses.",
                "HTML Waymark does not keep was dropped with everything inside it: <script>.",
            ]
        )
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("expected single-choice")
            return
        }
        #expect(choices[1].text == [.strong([.text("Go")]), .text(" & see")])
        let xml = String(decoding: try #require(outcome.xml), as: UTF8.self)
        #expect(xml.contains(#"<choice id="b" correct="true"><strong>Go</strong> &amp; see</choice>"#))
        #expect(!xml.contains("script"))
    }
}
