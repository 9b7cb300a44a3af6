import Foundation

/// The fields of a submitted URL-encoded form. Repeated names (checkboxes) keep every value.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    /// Every name and value in the order sent, for a form kept to be sent again.
    public private(set) var pairs: [(name: String, value: String)] = []

    /// Parses `application/x-www-form-urlencoded` text.
    public init(_ body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
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

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
