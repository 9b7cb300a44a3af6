import Foundation

/// The fields of a submitted URL-encoded form. Repeated names (checkboxes) keep every value.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    /// Every name and value in the order sent, for a form kept to be sent again.
    public private(set) var pairs: [(name: String, value: String)] = []
    /// Whether some part could not be read as text: a `%` not followed by two hex digits, or
    /// bytes that are not UTF-8. Such a form is refused whole rather than kept cut or changed.
    public private(set) var isUnreadable = false

    /// Parses `application/x-www-form-urlencoded` text.
    public init(_ body: String) {
        self.init(bytes: Array(body.utf8))
    }

    /// Parses a form body as it arrived, byte for byte, so nothing is replaced before it is read.
    public init(bytes body: [UInt8]) {
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let name, let value else {
                isUnreadable = true
                continue
            }
            values[name, default: []].append(value)
            pairs.append((name, value))
        }
    }

    /// The value of a field (the last one if repeated); nil when absent.
    public subscript(_ name: String) -> String? {
        values[name]?.last
    }

    /// The value with surrounding spaces removed; nil when absent or blank.
    public func trimmed(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a repeated field, in order.
    public func all(_ name: String) -> [String] {
        values[name] ?? []
    }

    /// `+` is a space and `%XX` a byte; nil when an escape is broken or the bytes are not UTF-8.
    /// A `%00` stays a NUL, so the rules for text can refuse it with a word instead of losing it.
    private static func decode(_ text: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard text.endIndex - index > 2, let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
