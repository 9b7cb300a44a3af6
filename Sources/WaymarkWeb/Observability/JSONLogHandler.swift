import Foundation
import Logging
import Synchronization

/// Writes each log entry as one line of JSON: `time`, `level`, `label`, `message`, the
/// `request_id` when the entry belongs to a request, and the rest of the metadata under
/// `metadata`. Log collectors read it without guessing; quotes, backslashes and line breaks in
/// a message are escaped, so one entry is always one line.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    /// A handler writing to standard error, as the text format does.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, metadataProvider: metadataProvider, write: Self.standardError)
    }

    /// A handler giving each line (without its line break) to `write`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let requestID = all.removeValue(forKey: RequestLogMiddleware.metadataKey)
        var line = "{\"time\":\(JSONText.string(Self.timestamp(Date()))),\"level\":\(JSONText.string(event.level.rawValue))"
        line += ",\"label\":\(JSONText.string(label)),\"message\":\(JSONText.string(event.message.description))"
        if let requestID { line += ",\"request_id\":\(JSONText.string(requestID.description))" }
        if !all.isEmpty { line += ",\"metadata\":\(JSONText.value(.dictionary(all)))" }
        line += "}"
        write(line)
    }

    /// ISO 8601 in UTC with milliseconds, as log tools expect.
    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// One write per line, under a lock, so lines from different requests never interleave.
    private static let output = Mutex(())
    static let standardError: @Sendable (String) -> Void = { line in
        output.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}

/// JSON text for log lines, written by hand so that a line costs no encoder.
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Other control characters, and the two line separators some readers split on.
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func value(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): string(text)
        case .stringConvertible(let convertible): string(convertible.description)
        case .array(let values): "[" + values.map(Self.value).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { string($0.key) + ":" + Self.value($0.value) }.joined(separator: ",") + "}"
        }
    }
}
