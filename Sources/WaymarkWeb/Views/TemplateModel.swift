/// A page model as templates see it, with the page's form token. Page models answer lookups
/// through their own `readField` switches; Mirror is only the fallback.
struct TemplateModel: TemplateFields {
    let base: Any
    /// The token every form on the page must carry (the session's, or the anonymous form cookie's).
    var csrf: String = ""
    /// The model's lookups, found once rather than on every name a template reads.
    private let fields: PageModelFields?

    init(base: Any, csrf: String = "") {
        self.base = base
        self.csrf = csrf
        fields = (base as? any TemplateFields).map { Self.store($0) }
    }

    private static func store(_ model: some TemplateFields) -> PageModelFields {
        PageModelStorage(model)
    }

    /// Only the token: the page model's own names depend on which model it holds.
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        if name == .csrf { reader.read { $0.pointee.csrf } }
    }

    static func field(_ key: TemplateKey, of model: UnsafePointer<Self>) -> TemplateValue {
        if key.name == .csrf { return .text(model.pointee.csrf) }
        if let value = model.pointee.fields?.field(key) { return value }
        for child in Mirror(reflecting: model.pointee.base).children where child.label == key.string {
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

/// A page model's lookups, whatever its type.
private protocol PageModelFields: AnyObject {
    func field(_ key: TemplateKey) -> TemplateValue
}

/// The page model kept at one address for the page's life, so each lookup reads it in place;
/// reading it out of an existential copied the whole model on every name.
private final class PageModelStorage<Model: TemplateFields>: PageModelFields {
    private let model: UnsafeMutablePointer<Model>

    init(_ value: Model) {
        model = .allocate(capacity: 1)
        model.initialize(to: value)
    }

    deinit {
        model.deinitialize(count: 1)
        model.deallocate()
    }

    func field(_ key: TemplateKey) -> TemplateValue {
        Model.field(key, of: model)
    }
}
