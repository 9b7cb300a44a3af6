import ArgumentParser
import Configuration
import Foundation

/// What the README's table and the tests need to know of any setting, whatever its type.
protocol SettingDescription: Sendable {
    /// The command-line option that gives it, like `--port`; nil when only the environment may
    /// (a password must not show in `ps` or in shell history).
    var flag: String? { get }
    /// The environment variable that gives it when the flag does not, like `WAYMARK_PORT`.
    var variable: String { get }
    /// One line saying what it is, with its default.
    var help: String { get }
}

/// One setting, declared once: its flag, its environment variable, its default, and how its
/// text is read and checked. `read` is given the text and what it came from (the flag or the
/// variable), so that a problem names what the person set.
struct Setting<Value: Sendable>: SettingDescription {
    let flag: String?
    let variable: String
    let help: String
    let defaultValue: Value
    let read: @Sendable (_ text: String, _ origin: String) throws -> Value

    init(
        flag: String?,
        variable: String,
        help: String,
        default defaultValue: Value,
        read: @escaping @Sendable (_ text: String, _ origin: String) throws -> Value
    ) {
        self.flag = flag
        self.variable = variable
        self.help = help
        self.defaultValue = defaultValue
        self.read = read
    }

    /// The option's help in `--help`: this setting's one line, and the variable that gives it
    /// too, so the two can never say different things.
    var argumentHelp: ArgumentHelp {
        ArgumentHelp("\(help) Or set \(variable)\(Value.self == Bool.self ? "=1" : "").")
    }

    /// Where swift-configuration finds it: `WAYMARK_SMTP_HOST` is the key waymark.smtp.host,
    /// which its environment provider spells `WAYMARK_SMTP_HOST` again.
    var key: ConfigKey { Self.key(variable) }

    static func key(_ variable: String) -> ConfigKey {
        ConfigKey(variable.lowercased().split(separator: "_").map(String.init))
    }
}

/// How settings' text is read: the checks several settings share, each problem in plain words.
enum SettingText {
    /// The text as it is.
    @Sendable static func text(_ text: String, _ origin: String) -> String { text }

    /// On only when the variable is 1, as the flag is when given.
    @Sendable static func switchedOn(_ text: String, _ origin: String) -> Bool { text == "1" }

    /// A whole number. Only a variable can hold words where a number belongs (the flag's own
    /// parser refuses them), so that problem names the variable.
    @Sendable static func wholeNumber(_ text: String, _ origin: String, notANumber: String = "must be a number.") throws -> Int {
        guard let number = Int(text) else { throw ValidationError("\(origin) \(notANumber)") }
        return number
    }

    /// A whole number from `range`; `outOfRange` says which numbers do.
    static func number(
        in range: ClosedRange<Int>,
        notANumber: String = "must be a number.",
        outOfRange: String
    ) -> @Sendable (String, String) throws -> Int {
        { text, origin in
            let number = try wholeNumber(text, origin, notANumber: notANumber)
            guard range.contains(number) else { throw ValidationError(outOfRange) }
            return number
        }
    }

    /// A whole number read as `number`, kept optional for a setting whose default is none.
    static func optionalNumber(in range: ClosedRange<Int>, outOfRange: String) -> @Sendable (String, String) throws -> Int? {
        let read = number(in: range, outOfRange: outOfRange)
        return { text, origin in try read(text, origin) }
    }

    /// Addresses separated by commas or spaces (the flag's several values arrive joined by commas).
    @Sendable static func list(_ text: String, _ origin: String) -> [String] {
        text.split { $0 == "," || $0 == " " }.map(String.init)
    }
}
