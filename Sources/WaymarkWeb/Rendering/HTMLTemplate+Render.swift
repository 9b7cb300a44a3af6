import Mustache

/// HTML Waymark produced itself (a page inside the layout), written straight into the page's
/// buffer where a template inserts it unescaped.
protocol HTMLFragment {
    func write(to writer: inout HTMLWriter)
}

extension HTMLTemplate {
    /// Appends the template rendered with `model` (a page model, `TemplateModel` or `Layout`).
    ///
    /// Values are read and shown as swift-mustache reads and shows them, so both give the same
    /// bytes: lookups climb the stack of open sections, a Bool section is an `if`, a list section
    /// repeats, any other present value becomes the innermost value, and absent values show nothing.
    func render(_ model: Any, into writer: inout HTMLWriter) {
        var stack: [Frame] = [Frame(model)]
        stack.reserveCapacity(8)
        render(stack: &stack, into: &writer)
    }

    private func render(stack: inout [Frame], into writer: inout HTMLWriter) {
        for segment in segments {
            switch segment {
            case .text(let bytes):
                writer.raw(bytes)
            case .value(let lookup, let escaped):
                if let value = Self.resolve(lookup, in: stack) { Self.write(value, escaped: escaped, into: &writer) }
            case .section(let lookup, let inner, let inverted):
                let value = Self.resolve(lookup, in: stack)
                if inverted {
                    inner.renderInverted(value, stack: &stack, into: &writer)
                } else {
                    inner.renderSection(value, stack: &stack, into: &writer)
                }
            }
        }
    }

    private func renderSection(_ value: Any?, stack: inout [Frame], into writer: inout HTMLWriter) {
        guard let value else { return }
        if value is String {
            // Text is the commonest section value ("show this if present"); it is no list.
            stack.append(.leaf(value))
            render(stack: &stack, into: &writer)
            stack.removeLast()
        } else if let flag = value as? Bool {
            if flag { render(stack: &stack, into: &writer) }
        } else if let sequence = value as? any MustacheSequence {
            renderEach(sequence, stack: &stack, into: &writer)
        } else {
            stack.append(Frame(value))
            render(stack: &stack, into: &writer)
            stack.removeLast()
        }
    }

    private func renderEach<Items: Sequence>(_ items: Items, stack: inout [Frame], into writer: inout HTMLWriter) {
        for item in items {
            stack.append(Frame(item))
            render(stack: &stack, into: &writer)
            stack.removeLast()
        }
    }

    private func renderInverted(_ value: Any?, stack: inout [Frame], into writer: inout HTMLWriter) {
        guard let value else { return render(stack: &stack, into: &writer) }
        if let flag = value as? Bool {
            if !flag { render(stack: &stack, into: &writer) }
        } else if let sequence = value as? any MustacheSequence, Self.isEmpty(sequence) {
            stack.append(Frame(value))
            render(stack: &stack, into: &writer)
            stack.removeLast()
        }
    }

    private static func isEmpty<Items: Sequence>(_ items: Items) -> Bool {
        var iterator = items.makeIterator()
        return iterator.next() == nil
    }

    private static func resolve(_ lookup: Lookup, in stack: [Frame]) -> Any? {
        var value: Any?
        if lookup.path.isEmpty {
            value = stack.last?.value
        } else if lookup.anchored {
            value = stack.last?.child(named: lookup.path[0]).flatMap { descend(lookup.path.dropFirst(), from: $0) }
        } else {
            // The innermost frame that has the first name answers, even if the rest is missing.
            for frame in stack.reversed() {
                if let first = frame.child(named: lookup.path[0]) {
                    value = descend(lookup.path.dropFirst(), from: first)
                    break
                }
            }
        }
        guard var value else { return nil }
        for transform in lookup.transforms.reversed() {
            guard let transformable = value as? MustacheTransformable, let transformed = transformable.transform(transform) else { return nil }
            value = transformed
        }
        return value
    }

    /// The rest of a dotted name (`b.c` of `a.b.c`), read from the value `a` named.
    private static func descend(_ path: ArraySlice<String>, from start: Any) -> Any? {
        var value = start
        for name in path {
            guard let next = Frame(value).child(named: name) else { return nil }
            value = next
        }
        return value
    }

    private static func write(_ value: Any, escaped: Bool, into writer: inout HTMLWriter) {
        switch value {
        case let text as String:
            if escaped { writer.escaped(text) } else { writer.raw(text) }
        case let number as Int:
            writer.raw(String(number))
        case let fragment as HTMLFragment where !escaped:
            fragment.write(to: &writer)
        default:
            let text = String(describing: (value as? OptionalValue)?.wrappedValue ?? value)
            if escaped { writer.escaped(text) } else { writer.raw(text) }
        }
    }
}

/// A value on the stack of open sections, with how to look names up in it worked out once:
/// dynamic casts to protocols cost more than anything else in rendering, so each value is cast
/// once when its section opens, not for every name read from it.
enum Frame {
    /// A page model, answering through its generated lookups.
    case model(MustacheParent)
    /// Text, numbers, flags and lists: nothing to look up inside.
    case leaf(Any)
    /// Anything else, read through Mirror as swift-mustache would.
    case reflected(Any)

    init(_ value: Any) {
        if let model = value as? MustacheParent {
            self = .model(model)
        } else if value is String || value is Int || value is Bool || value is Double {
            self = .leaf(value)
        } else {
            self = .reflected(value)
        }
    }

    var value: Any {
        switch self {
        case .model(let model): model
        case .leaf(let value), .reflected(let value): value
        }
    }

    /// A field by name; an optional field that is nil is absent.
    func child(named name: String) -> Any? {
        switch self {
        case .model(let model):
            return model.child(named: name)
        case .leaf:
            return nil
        case .reflected(let value):
            guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: child.value)
            guard mirror.displayStyle == .optional else { return child.value }
            return mirror.children.first?.value
        }
    }
}

/// Lets a value shown with `String(describing:)` drop one level of Optional, as swift-mustache does.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self }
}
