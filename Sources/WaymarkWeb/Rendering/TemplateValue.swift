/// A value as a template sees it. Page models hand their fields over already sorted into these
/// cases (each model's `readField`), so rendering never asks a value what it is: dynamic casts
/// were the largest cost left in rendering.
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
    func field(_ key: TemplateKey) -> TemplateValue {
        if case .model(let model) = self { return model.field(key) }
        if case .other(let other) = self { return TemplateValue(any: Self.mirrored(key.string, of: other)) }
        return .absent
    }

    /// A stored property by name, through Mirror, for values without their own lookups; an
    /// optional that is nil is absent, as in swift-mustache.
    static func mirrored(_ name: String, of value: Any) -> Any? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: child.value)
        guard mirror.displayStyle == .optional else { return child.value }
        return mirror.children.first?.value
    }
}

/// A name a template reads, found among the `TemplateName`s once when the template loads,
/// so a lookup is a jump through a switch on a number rather than a string compared with each
/// field's name in turn. Names no page model has (`name` is nil) are still read by their string.
struct TemplateKey: Sendable {
    var name: TemplateName?
    var string: String

    init(_ string: String) {
        self.string = string
        name = TemplateName(rawValue: string)
    }
}

/// A page model whose fields templates read. Each model answers through `readField`, a switch
/// over the names it has, written beside the model: the compiler checks that each name reads a
/// real property of a type templates can show, and the same switch tells the template-fields test
/// which names a model has and what each holds.
protocol TemplateFields: TemplateValueConvertible {
    /// Hands the field called `name` to `reader`; names the model does not have are passed by.
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>)

    /// A field of the model at `model`, read where the model lives: calling a method on a list's
    /// item copied the whole item (retaining every string in it) to read one field.
    static func field(_ key: TemplateKey, of model: UnsafePointer<Self>) -> TemplateValue
}

/// What a model's `readField` hands the field it found to: rendering reads the value, the
/// template-fields test notes its type.
protocol TemplateFieldReader<Model> {
    associatedtype Model
    mutating func read<Value: TemplateValueConvertible>(_ field: (UnsafePointer<Model>) -> Value)
}

/// Reads one field's value while a page renders.
private struct TemplateValueReader<Model>: TemplateFieldReader {
    let model: UnsafePointer<Model>
    var value = TemplateValue.absent

    mutating func read<Value: TemplateValueConvertible>(_ field: (UnsafePointer<Model>) -> Value) {
        value = field(model).templateValue
    }
}

extension TemplateFields {
    var templateValue: TemplateValue { .model(self) }

    static func field(_ key: TemplateKey, of model: UnsafePointer<Self>) -> TemplateValue {
        guard let name = key.name else { return .absent }
        var reader = TemplateValueReader(model: model)
        readField(name, with: &reader)
        return reader.value
    }

    func field(_ key: TemplateKey) -> TemplateValue {
        withUnsafePointer(to: self) { Self.field(key, of: $0) }
    }

    fileprivate static func field(_ key: TemplateKey, ofModelAt model: UnsafeRawPointer) -> TemplateValue {
        field(key, of: model.assumingMemoryBound(to: Self.self))
    }

    static func withFrame(_ item: UnsafePointer<Self>, _ body: (TemplateFrame) -> Void) {
        body(.model(UnsafeRawPointer(item), Self.self))
    }
}

/// One open section as name lookups see it. It only points at what it shows, so opening a
/// section over a list item neither copies the item nor retains what the item holds; whoever
/// opens a frame keeps its value alive until the section ends.
enum TemplateFrame {
    /// A page model where it already lives (a list's item, the page's model).
    case model(UnsafeRawPointer, any TemplateFields.Type)
    /// A value held by the renderer that has fields (a model, or one read through Mirror).
    case value(UnsafePointer<TemplateValue>)
    /// A value held by the renderer without fields (text, a number...): lookups pass it by
    /// without copying it out to ask.
    case leaf(UnsafePointer<TemplateValue>)

    /// A frame for the value at `value`.
    init(_ value: UnsafePointer<TemplateValue>) {
        switch value.pointee {
        case .model, .other: self = .value(value)
        default: self = .leaf(value)
        }
    }

    func field(_ key: TemplateKey) -> TemplateValue {
        switch self {
        case .model(let model, let type): type.field(key, ofModelAt: model)
        case .value(let value): value.pointee.field(key)
        case .leaf: .absent
        }
    }

    /// What `{{.}}` shows.
    var value: TemplateValue {
        switch self {
        case .model(let model, let type): type.value(of: model)
        case .value(let value), .leaf(let value): value.pointee
        }
    }
}

extension TemplateFields {
    fileprivate static func value(of model: UnsafeRawPointer) -> TemplateValue {
        .model(model.assumingMemoryBound(to: Self.self).pointee)
    }
}

/// A type a page model's field can have.
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
    /// Calls `body` with a frame showing the value at `item`, for each item of a list section.
    static func withFrame(_ item: UnsafePointer<Self>, _ body: (TemplateFrame) -> Void)
}

extension TemplateValueConvertible {
    static func withFrame(_ item: UnsafePointer<Self>, _ body: (TemplateFrame) -> Void) {
        withUnsafePointer(to: item.pointee.templateValue) { body(TemplateFrame($0)) }
    }
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
    /// Calls `body` with a frame for each item, in order.
    func forEachFrame(_ body: (TemplateFrame) -> Void)
}

extension Array: TemplateList where Element: TemplateValueConvertible {
    func forEachFrame(_ body: (TemplateFrame) -> Void) {
        withUnsafeBufferPointer { items in
            guard let first = items.baseAddress else { return }
            for offset in 0..<items.count { Element.withFrame(first + offset, body) }
        }
    }
}
