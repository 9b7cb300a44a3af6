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
        ops.withUnsafeBufferPointer { ops in
            bytes.withUnsafeBytes { bytes in
                lookups.withUnsafeBufferPointer { lookups in
                    Renderer(ops: ops, bytes: bytes, lookups: lookups).run(0..<ops.count, stack: &stack, into: &writer)
                }
            }
        }
    }

    /// Walks the steps through pointers into the template's arrays, so nothing is copied or
    /// retained per step.
    private struct Renderer {
        let ops: UnsafeBufferPointer<Op>
        let bytes: UnsafeRawBufferPointer
        let lookups: UnsafeBufferPointer<Lookup>

        func run(_ range: Range<Int>, stack: inout [TemplateValue], into writer: inout HTMLWriter) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch ops[index] {
                case .text(let start, let end):
                    writer.raw(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                case .value(let lookup, let escaped):
                    HTMLTemplate.write(HTMLTemplate.resolve(lookups[lookup], in: stack), escaped: escaped, into: &writer)
                case .section(let lookup, let end, let inverted):
                    let value = HTMLTemplate.resolve(lookups[lookup], in: stack)
                    let body = index + 1..<end
                    if inverted {
                        runInverted(body, value, stack: &stack, into: &writer)
                    } else {
                        runSection(body, value, stack: &stack, into: &writer)
                    }
                    index = end
                    continue
                }
                index += 1
            }
        }

        private func runSection(_ body: Range<Int>, _ value: TemplateValue, stack: inout [TemplateValue], into writer: inout HTMLWriter) {
            switch value {
            case .absent: return
            case .flag(let flag): if flag { run(body, stack: &stack, into: &writer) }
            case .list(let list):
                list.forEachItem { item in
                    stack.append(item)
                    run(body, stack: &stack, into: &writer)
                    stack.removeLast()
                }
            default:
                stack.append(value)
                run(body, stack: &stack, into: &writer)
                stack.removeLast()
            }
        }

        private func runInverted(_ body: Range<Int>, _ value: TemplateValue, stack: inout [TemplateValue], into writer: inout HTMLWriter) {
            switch value {
            case .absent: run(body, stack: &stack, into: &writer)
            case .flag(let flag): if !flag { run(body, stack: &stack, into: &writer) }
            case .list(let list) where list.isEmpty:
                stack.append(value)
                run(body, stack: &stack, into: &writer)
                stack.removeLast()
            default: return
            }
        }
    }

    fileprivate static func resolve(_ lookup: Lookup, in stack: [TemplateValue]) -> TemplateValue {
        var value = TemplateValue.absent
        if lookup.path.isEmpty {
            value = stack.last ?? .absent
        } else if lookup.anchored {
            value = descend(lookup.path.dropFirst(), from: stack.last?.field(lookup.path[0]) ?? .absent)
        } else {
            // The innermost value that has the first name answers, even if the rest is missing.
            // Indices, not `stack.reversed()`: iterating would copy (and retain) every frame.
            var index = stack.count
            while index > 0 {
                index -= 1
                let first = stack[index].field(lookup.path[0])
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

    fileprivate static func write(_ value: TemplateValue, escaped: Bool, into writer: inout HTMLWriter) {
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
