import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Moodle 1.x kept a question's picture outside its text: `<image>` names the file and
/// `<image_base64>` holds its bytes. Moodle's own import adds it to the end of the question text
/// as `<img src="@@PLUGINFILE@@/name">`; this does the same, so the picture goes through the same
/// path as any other embedded one (saved beside the assessment, alt text asked for).
extension MoodleReader {
    /// The picture's file name, when the question has one.
    func legacyPictureName(_ question: ParsedElement) -> String? {
        let path = (child(question, "image")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty else { return nil }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The picture's bytes, when the export holds them.
    func legacyPictureBytes(_ question: ParsedElement) -> [UInt8]? {
        guard let encoded = child(question, "image_base64")?.text,
            let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), !data.isEmpty
        else { return nil }
        return [UInt8](data)
    }

    /// The prompt with the legacy picture after it, or with a warning when the export named a
    /// picture but did not hold it.
    func withLegacyPicture(_ prompt: [Inline], _ question: ParsedElement, converter: inout RichTextConverter) -> [Inline] {
        guard let name = legacyPictureName(question) else { return prompt }
        guard legacyPictureBytes(question) != nil else {
            let path = (child(question, "image")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            converter.note("The picture \(path) was not in the file (Moodle 1.x kept it with the course), so it was left out.")
            return prompt
        }
        let src = "@@PLUGINFILE@@/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)
        let picture = converter.inlines([.element("img", attributes: ["src": src, "alt": ""], children: [])])
        return InlineFolding.normalise(prompt + [.text(" ")] + picture)
    }
}
