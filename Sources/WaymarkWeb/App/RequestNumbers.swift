import Foundation

/// Numbers that arrive in an address or a form, read with bounds. Anyone can send any text, so a
/// number is only used once it is known to be small enough that no sum or product made from it
/// can overflow (an overflow stops the whole server, not just one request).
enum RequestNumbers {
    /// A whole number written as plain digits, within `range`; nil for anything else (signs,
    /// spaces inside, letters, or too many digits).
    static func whole(_ text: String?, in range: ClosedRange<Int>) -> Int? {
        guard let digits = text?.trimmingCharacters(in: .whitespaces), !digits.isEmpty,
            digits.utf8.count <= 18, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int(digits), range.contains(value)
        else { return nil }
        return value
    }

    /// A number with an optional decimal point or comma ("1.5", "1,5"), within `range`; nil for
    /// anything else, including exponents ("1e-320"), "nan" and "inf".
    static func decimal(_ text: String?, in range: ClosedRange<Double>) -> Double? {
        guard let written = text?.trimmingCharacters(in: .whitespaces), !written.isEmpty, written.utf8.count <= 20 else { return nil }
        let plain = written.replacingOccurrences(of: ",", with: ".")
        let points = plain.utf8.filter { $0 == UInt8(ascii: ".") }.count
        let digits = plain.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        guard points <= 1, digits > 0, digits + points == plain.utf8.count, let value = Double(plain), value.isFinite, range.contains(value)
        else { return nil }
        return value
    }
}
