import Mustache

/// A value as a template sees it. Page models hand their fields over already sorted into these
/// cases (TemplateLookups.swift, generated), so rendering never asks a value what it is: dynamic
/// casts were the largest cost left in rendering.
enum TemplateValue {
    /// Missing, or an optional that is nil: shows nothing, opens inverted sections.
    case absent
    case text(String)
    case flag(Bool)
    case number(Int)
    /// A page model: sections open it, names are looked up in it.
    case model(any TemplateFields)
    /// A list: sections repeat for each item.
    case list(any TemplateList)
    /// HTML Waymark rendered itself (a page inside the layout).
    case fragment(any HTMLFragment)
    /// Anything else, shown with `String(describing:)` as swift-mustache would.
    case other(Any)

    /// Sorts a value whose type is only known at run time (models read through Mirror).
    init(any value: Any?) {
        switch value {
        case .none: self = .absent
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let model as any TemplateFields: self = .model(model)
        case let list as any TemplateList: self = .list(list)
        case let fragment as any HTMLFragment: self = .fragment(fragment)
        case .some(let other): self = .other(other)
        }
    }

    /// The value as swift-mustache reads it (the reference renderer in tests).
    var anyValue: Any? {
        switch self {
        case .absent: nil
        case .text(let text): text
        case .flag(let flag): flag
        case .number(let number): number
        case .model(let model): model
        case .list(let list): list
        case .fragment(let fragment): fragment
        case .other(let other): other
        }
    }

    /// A field by name; only models have fields.
    func field(_ name: String) -> TemplateValue {
        if case .model(let model) = self { return model.field(name) }
        if case .other(let other) = self { return TemplateValue(any: Self.mirrored(name, of: other)) }
        return .absent
    }

    /// A stored property by name, through Mirror, for values without generated lookups; an
    /// optional that is nil is absent, as in swift-mustache.
    static func mirrored(_ name: String, of value: Any) -> Any? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: child.value)
        guard mirror.displayStyle == .optional else { return child.value }
        return mirror.children.first?.value
    }
}

/// A page model whose fields templates read (conformances are generated).
protocol TemplateFields: MustacheParent, TemplateValueConvertible {
    func field(_ name: String) -> TemplateValue
}

extension TemplateFields {
    var templateValue: TemplateValue { .model(self) }

    /// swift-mustache reads the same fields, for the tests that compare the two renderers.
    func child(named name: String) -> Any? {
        field(name).anyValue
    }
}

/// A type a page model's field can have.
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .flag(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .number(self) }
}

extension Double: TemplateValueConvertible {
    var templateValue: TemplateValue { .other(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    var templateValue: TemplateValue { self?.templateValue ?? .absent }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    var templateValue: TemplateValue { .list(self) }
}

extension PageContent: TemplateValueConvertible {
    var templateValue: TemplateValue { .fragment(self) }
}

/// A list a section repeats over.
protocol TemplateList {
    var isEmpty: Bool { get }
    var count: Int { get }
    func forEachItem(_ body: (TemplateValue) -> Void)
}

extension Array: TemplateList where Element: TemplateValueConvertible {
    func forEachItem(_ body: (TemplateValue) -> Void) {
        for item in self { body(item.templateValue) }
    }
}
