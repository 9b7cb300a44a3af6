/// Small helpers for plain, kind wording: quoted titles, counts and hours people read easily.
enum Words {
    /// A title in double quotes.
    static func quoted(_ title: String) -> String { "\"\(title)\"" }

    /// A number of hours without needless decimals: 12, 2.5, 0.75.
    static func hours(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// "1 more supervision session", "3 more supervision sessions".
    static func more(_ count: Double, _ singular: String, _ plural: String) -> String {
        "\(hours(count)) more \(count == 1 ? singular : plural)"
    }

    /// "References" → "references", but "DBS check" stays as written.
    static func inSentence(_ title: String) -> String {
        guard let first = title.first, first.isUppercase else { return title }
        let second = title.dropFirst().first
        if let second, second.isUppercase { return title }
        return first.lowercased() + title.dropFirst()
    }
}
