import Mustache

/// A page model as templates see it, with the page's form token. Page models answer lookups
/// through generated switches (TemplateLookups.swift); Mirror is only the fallback.
struct TemplateModel: MustacheParent {
    let base: Any
    /// The token every form on the page must carry (the session's, or the anonymous form cookie's).
    var csrf: String = ""
    /// The model's generated lookups, found once rather than on every name a template reads.
    private let parent: MustacheParent?

    init(base: Any, csrf: String = "") {
        self.base = base
        self.csrf = csrf
        parent = base as? MustacheParent
    }

    func child(named name: String) -> Any? {
        if name == "csrf" { return csrf }
        if let parent { return parent.child(named: name) }
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
