import Foundation
import Testing
import WaymarkCurriculum

/// The loader accepts exactly the pictures `/media/` serves: a picture that could never be shown
/// is refused where it is written.
@Suite struct PictureFormatTests {
    func question(_ src: String) -> String {
        """
              <true-false id="q1" answer="true"><prompt>Look: <image src="\(src)" alt="A sign"/></prompt></true-false>
        """
    }

    @Test(arguments: ["media/a-check/sign.svg", "media/a-check/sign.PNG", "media/a-check/sign.jpeg", "media/a-check/sign.webp"])
    func aPictureTheSiteServesIsAccepted(src: String) throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question(src))))
        #expect(try folder.lines() == [])
    }

    @Test(arguments: ["media/a-check/sign.bmp", "media/a-check/sign.tiff", "media/a-check/sign"])
    func aPictureTheSiteWouldNeverServeIsRefused(src: String) throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question(src))))
        let lines = try folder.lines()
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "error: Waymark shows only .jpg, .jpeg, .png, .gif, .webp or .svg pictures, so \(src) would never be shown. Save it in one of those formats."
                )
            },
            "\(lines)"
        )
        let checked = CurriculumLoader().checkAssessment(Array(Tiny.assessment("a-check", questions: question(src)).utf8), displayPath: "a.xml")
        #expect(checked.diagnostics.contains { $0.severity == .error && $0.message.contains("would never be shown") })
    }

    @Test func everyFormatHasTheMediaTypeItIsServedAs() {
        #expect(PictureFormat.mediaType(ofPath: "media/x/flag.SVG") == "image/svg+xml")
        #expect(PictureFormat.mediaType(ofPath: "media/x/flag.jpg") == "image/jpeg")
        #expect(PictureFormat.mediaType(ofPath: "media/x.y/flag") == nil)
        #expect(PictureFormat.isDrawing("media/x/flag.svg"))
        #expect(!PictureFormat.isDrawing("media/x/flag.png"))
    }
}
