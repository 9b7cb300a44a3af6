import Foundation

/// libxml2's schema messages made shorter and plainer.
///
/// libxml2 writes `Element '{urn:waymark:curriculum:1}module', attribute 'requires': [facet
/// 'pattern'] The value 'A' is not accepted by the pattern '[a-z0-9][a-z0-9\-]*'.` A trainer needs
/// `<module> attribute 'requires': 'A' is not a valid id: use lower-case letters, digits and dashes.`
struct SchemaMessages {
    /// The message to show.
    var text: String
    /// The attribute the message is about, if any, to point at it.
    var attribute: String?
    /// A second message libxml2 adds after a facet error about the same value.
    var isFollowUp: Bool

    static func plain(_ raw: String) -> SchemaMessages {
        var message = removingNamespaces(raw)
        message = message.replacingOccurrences(of: #"\[facet '[^']*'\] "#, with: "", options: .regularExpression)

        var subject = ""
        var attribute: String? = nil
        // "Element 'x', attribute 'y': rest" or "Element 'x': rest"
        if let match = message.range(of: #"^Element '([^']*)'(, attribute '([^']*)')?: "#, options: .regularExpression) {
            let head = String(message[match])
            message = String(message[match.upperBound...])
            let quoted = head.split(separator: "'", omittingEmptySubsequences: false)
            let element = quoted.count > 1 ? String(quoted[1]) : ""
            if quoted.count > 3, head.contains(", attribute '") {
                attribute = String(quoted[3])
                subject = "<\(element)> attribute '\(quoted[3])': "
            } else {
                subject = "<\(element)>: "
            }
        }
        return SchemaMessages(text: subject + rephrase(message, attribute: attribute), attribute: attribute, isFollowUp: isFollowUpMessage(raw))
    }

    /// Whether libxml2's message is the vaguer second one it adds after a facet error; cheap
    /// enough to ask of every message, including those never shown.
    static func isFollowUpMessage(_ raw: String) -> Bool {
        raw.contains("is not a valid value of the")
    }

    private static func removingNamespaces(_ text: String) -> String {
        text.replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
    }

    private static func rephrase(_ message: String, attribute: String?) -> String {
        if message.contains("this underruns the allowed minimum length of '1'") {
            return "must not be empty."
        }
        if message.contains("is not accepted by the pattern '(https?://|mailto:)") {
            return "\(quotedValue(message)) is not allowed: links must start with https://, http:// or mailto:."
        }
        if message.contains("is not accepted by the pattern '[a-z0-9][a-z0-9\\-]*'") {
            return "\(quotedValue(message)) is not a valid id: use lower-case letters, digits and dashes, like \"listening-check\"."
        }
        if message.contains("is not accepted by the pattern '[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-]+)*\\.xml'") {
            return "\(quotedValue(message)) is not a file path inside the programme folder, like \"units/listening.xml\"."
        }
        if message.hasPrefix("Duplicate key-sequence ["), let end = message.range(of: "] in unique") {
            let value = message[message.index(message.startIndex, offsetBy: "Duplicate key-sequence [".count)..<end.lowerBound]
            return "the id \(value) is used twice in this file. Every id must be different."
        }
        if message.hasPrefix("The value '"),
            message.contains("is greater than the maximum value allowed")
                || message.contains("is less than the minimum value allowed")
        {
            return message.replacingOccurrences(of: "The value ", with: "")
        }
        if message == "No matching global declaration available for the validation root." {
            return
                "this is not a Waymark element. A file must start with <programme>, <unit> or <assessment> in the namespace urn:waymark:curriculum:1."
        }
        return message
    }

    private static func quotedValue(_ message: String) -> String {
        guard let start = message.range(of: "'") else { return "This value" }
        guard let end = message[start.upperBound...].range(of: "' is not") else { return "This value" }
        return "'\(message[start.upperBound..<end.lowerBound])'"
    }
}
