/// libxml2's parser messages rewritten for people who write curriculum, not XML parsers.
enum ParserMessages {
    static func plain(_ message: String) -> String {
        if message.hasPrefix("Input is not proper UTF-8") {
            let bytes = message.range(of: "Bytes: ").map { String(message[$0.upperBound...]) } ?? ""
            return "This file is not valid UTF-8 text\(bytes.isEmpty ? "" : " (bytes \(bytes))"). Save it as UTF-8 in your editor."
        }
        if message.hasPrefix("Premature end of data in tag ") {
            // "Premature end of data in tag unit line 2"
            let rest = message.dropFirst("Premature end of data in tag ".count).split(separator: " ")
            if rest.count >= 3, rest[1] == "line" {
                return "The file ends before <\(rest[0])> (opened on line \(rest[2])) is closed. Is the file cut short?"
            }
        }
        if message.hasPrefix("Opening and ending tag mismatch: ") {
            // "Opening and ending tag mismatch: section line 5 and unit"
            let parts = message.dropFirst("Opening and ending tag mismatch: ".count).split(separator: " ")
            if parts.count >= 5, parts[1] == "line", parts[3] == "and" {
                return "</\(parts[4])> does not match <\(parts[0])>, opened on line \(parts[2])."
            }
        }
        if message.hasPrefix("Entity '"), message.hasSuffix("' not defined") {
            return "\(message). Write the character itself, or &amp; &lt; &gt; &quot; &apos;."
        }
        if message == "Extra content at the end of the document" {
            return "There is more after the end of the document. A file holds exactly one <programme>, <unit> or <assessment>."
        }
        return message
    }
}
