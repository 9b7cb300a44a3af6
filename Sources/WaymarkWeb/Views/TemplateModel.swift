/// A page model as templates see it, with the page's form token. Page models answer lookups
/// through generated switches (TemplateLookups.swift); Mirror is only the fallback.
struct TemplateModel: TemplateFields {
    let base: Any
    /// The token every form on the page must carry (the session's, or the anonymous form cookie's).
    var csrf: String = ""
    /// The model's generated lookups, found once rather than on every name a template reads.
    private let fields: (any TemplateFields)?

    init(base: Any, csrf: String = "") {
        self.base = base
        self.csrf = csrf
        fields = base as? any TemplateFields
    }

    func field(_ name: String) -> TemplateValue {
        if name == "csrf" { return .text(csrf) }
        if let fields { return fields.field(name) }
        for child in Mirror(reflecting: base).children where child.label == name {
            return TemplateValue(any: Self.unwrap(child.value))
        }
        return .absent
    }

    /// Optional values reach templates as present or absent, never as "Optional(...)".
    static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { unwrap($0.value) }
    }
}
