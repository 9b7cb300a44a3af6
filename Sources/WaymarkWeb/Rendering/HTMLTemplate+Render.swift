/// HTML Waymark produced itself (a page inside the layout), written straight into the page's
/// buffer where a template inserts it unescaped.
protocol HTMLFragment {
    func write(to writer: inout HTMLWriter)
}

extension HTMLTemplate {
    /// Appends the template rendered with `model` (a page model, `TemplateModel` or `Layout`).
    ///
    /// Values are read and shown as swift-mustache reads and shows them, so both give the same
    /// bytes: lookups climb the stack of open sections, a flag section is an `if`, a list section
    /// repeats, any other present value becomes the innermost value, and absent values show nothing.
    func render(_ model: some TemplateFields, into writer: inout HTMLWriter) {
        var stack: [TemplateValue] = [.model(model)]
        stack.reserveCapacity(8)
        render(stack: &stack, into: &writer)
    }

    private func render(stack: inout [TemplateValue], into writer: inout HTMLWriter) {
        for segment in segments {
            switch segment {
            case .text(let bytes):
                writer.raw(bytes)
            case .value(let lookup, let escaped):
                Self.write(Self.resolve(lookup, in: stack), escaped: escaped, into: &writer)
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

    private func renderSection(_ value: TemplateValue, stack: inout [TemplateValue], into writer: inout HTMLWriter) {
        switch value {
        case .absent: return
        case .flag(let flag): if flag { render(stack: &stack, into: &writer) }
        case .list(let list):
            list.forEachItem { item in
                stack.append(item)
                render(stack: &stack, into: &writer)
                stack.removeLast()
            }
        default:
            stack.append(value)
            render(stack: &stack, into: &writer)
            stack.removeLast()
        }
    }

    private func renderInverted(_ value: TemplateValue, stack: inout [TemplateValue], into writer: inout HTMLWriter) {
        switch value {
        case .absent: render(stack: &stack, into: &writer)
        case .flag(let flag): if !flag { render(stack: &stack, into: &writer) }
        case .list(let list) where list.isEmpty:
            stack.append(value)
            render(stack: &stack, into: &writer)
            stack.removeLast()
        default: return
        }
    }

    private static func resolve(_ lookup: Lookup, in stack: [TemplateValue]) -> TemplateValue {
        var value = TemplateValue.absent
        if lookup.path.isEmpty {
            value = stack.last ?? .absent
        } else if lookup.anchored {
            value = descend(lookup.path.dropFirst(), from: stack.last?.field(lookup.path[0]) ?? .absent)
        } else {
            // The innermost value that has the first name answers, even if the rest is missing.
            for frame in stack.reversed() {
                let first = frame.field(lookup.path[0])
                if case .absent = first { continue }
                value = descend(lookup.path.dropFirst(), from: first)
                break
            }
        }
        for transform in lookup.transforms.reversed() {
            switch (transform, value) {
            case ("empty", .text(let text)): value = .flag(text.isEmpty)
            case ("empty", .list(let list)): value = .flag(list.isEmpty)
            case ("count", .list(let list)): value = .number(list.count)
            default: return .absent
            }
        }
        return value
    }

    /// The rest of a dotted name (`b.c` of `a.b.c`), read from the value `a` named.
    private static func descend(_ path: ArraySlice<String>, from start: TemplateValue) -> TemplateValue {
        var value = start
        for name in path {
            if case .absent = value { return .absent }
            value = value.field(name)
        }
        return value
    }

    private static func write(_ value: TemplateValue, escaped: Bool, into writer: inout HTMLWriter) {
        let text: String
        switch value {
        case .absent: return
        case .text(let string): text = string
        case .number(let number): text = String(number)
        case .flag(let flag): text = flag ? "true" : "false"
        case .fragment(let fragment):
            guard escaped else { return fragment.write(to: &writer) }
            var inner = HTMLWriter(capacity: 1_024)
            fragment.write(to: &inner)
            text = String(buffer: inner.buffer)
        case .other(let other): text = String(describing: (other as? OptionalValue)?.wrappedValue ?? other)
        default: text = value.anyValue.map { String(describing: $0) } ?? ""
        }
        if escaped { writer.escaped(text) } else { writer.raw(text) }
    }
}

/// Lets a value shown with `String(describing:)` drop one level of Optional, as swift-mustache does.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self }
}
