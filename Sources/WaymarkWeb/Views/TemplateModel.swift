import Mustache

/// Values a page model works out (such as "has this form any errors?"). Mustache reads models
/// through `Mirror`, which sees only stored properties, so computed ones are offered here.
protocol ComputedForTemplate {
    var computed: [String: Any] { get }
}

/// A page model as templates see it: its computed values first, then its stored properties.
struct TemplateModel: MustacheParent {
    let base: Any
    /// The token every form on the page must carry (the session's, or the anonymous form cookie's).
    var csrf: String = ""

    func child(named name: String) -> Any? {
        if name == "csrf" { return csrf }
        if let value = (base as? ComputedForTemplate)?.computed[name] { return value }
        for child in Mirror(reflecting: base).children where child.label == name {
            return Self.unwrap(child.value)
        }
        return nil
    }

    /// Optional values reach templates as present or absent, never as "Optional(...)".
    static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrap($0.value) }
    }
}

extension Web.LoginModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension Web.SetupModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension Web.InviteModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension ReflectionModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension PracticeModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension ReviewModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors] }
}

extension CurriculumModel: ComputedForTemplate {
    var computed: [String: Any] { ["refused": refused] }
}

extension PeopleModel: ComputedForTemplate {
    var computed: [String: Any] { ["hasErrors": hasErrors, "roleChoices": roleChoices] }
}
