import Foundation

/// Waymark ids from source names: lower-case letters, digits and dashes, at most 64 characters.
enum Slug {
    static func make(_ text: String, fallback: String) -> String {
        // "choiceMultiple" and "ChoiceA" read as two words: choice-multiple, choice-a.
        var spaced = ""
        var previous: Character?
        for character in text {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
                spaced.append(" ")
            }
            spaced.append(character)
            previous = character
        }
        let folded = spaced.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        if slug.count > 56 {
            slug = String(slug.prefix(56))
            while slug.last == "-" { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : slug
    }
}

/// Hands out ids that are unique within one scope, adding "-2", "-3" to repeats in source order.
struct UniqueIDs {
    private var used: Set<String> = []

    mutating func claim(_ base: String) -> String {
        var candidate = base
        var counter = 1
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }
}
