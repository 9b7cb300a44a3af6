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
    func render<Model: TemplateFields>(_ model: Model, into writer: inout HTMLWriter) {
        withUnsafePointer(to: model) { model in
            var stack: [TemplateFrame] = [.model(UnsafeRawPointer(model), Model.self)]
            stack.reserveCapacity(8)
            ops.withUnsafeBufferPointer { ops in
                bytes.withUnsafeBytes { bytes in
                    lookups.withUnsafeBufferPointer { lookups in
                        Renderer(ops: ops, bytes: bytes, lookups: lookups).run(0..<ops.count, stack: &stack, into: &writer)
                    }
                }
            }
        }
    }

    /// Walks the steps through pointers into the template's arrays, so nothing is copied or
    /// retained per step; frames point at the values they show (see `TemplateFrame`), so opening
    /// a section copies nothing either.
    private struct Renderer {
        let ops: UnsafeBufferPointer<Op>
        let bytes: UnsafeRawBufferPointer
        let lookups: UnsafeBufferPointer<Lookup>

        func run(_ range: Range<Int>, stack: inout [TemplateFrame], into writer: inout HTMLWriter) {
            var index = range.lowerBound
            while index < range.upperBound {
                switch ops[index] {
                case .text(let start, let end):
                    writer.raw(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                case .value(let lookup, let escaped):
                    HTMLTemplate.write(HTMLTemplate.resolve(lookups, lookup, in: stack), escaped: escaped, into: &writer)
                case .section(let lookup, let end, let inverted):
                    let value = HTMLTemplate.resolve(lookups, lookup, in: stack)
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

        // Values are consumed, not copied: each copy of a TemplateValue retains what it holds.
        private func runSection(_ body: Range<Int>, _ value: consuming TemplateValue, stack: inout [TemplateFrame], into writer: inout HTMLWriter) {
            switch consume value {
            case .absent: return
            case .flag(let flag): if flag { run(body, stack: &stack, into: &writer) }
            case .list(let list):
                list.forEachFrame { frame in
                    stack.append(frame)
                    run(body, stack: &stack, into: &writer)
                    stack.removeLast()
                }
            case let other:
                run(body, opening: other, stack: &stack, into: &writer)
            }
        }

        private func runInverted(_ body: Range<Int>, _ value: consuming TemplateValue, stack: inout [TemplateFrame], into writer: inout HTMLWriter) {
            switch consume value {
            case .absent: run(body, stack: &stack, into: &writer)
            case .flag(let flag): if !flag { run(body, stack: &stack, into: &writer) }
            case .list(let list) where list.isEmpty: run(body, opening: .list(list), stack: &stack, into: &writer)
            default: return
            }
        }

        /// Runs the body with `value` as the innermost value.
        private func run(_ body: Range<Int>, opening value: consuming TemplateValue, stack: inout [TemplateFrame], into writer: inout HTMLWriter) {
            withUnsafePointer(to: value) { value in
                stack.append(TemplateFrame(value))
                run(body, stack: &stack, into: &writer)
                stack.removeLast()
            }
        }
    }

    /// Reads the lookup's parts where the template keeps them: passing a `Lookup` along copied
    /// (and retained) its strings and arrays on every tag.
    fileprivate static func resolve(_ lookups: UnsafeBufferPointer<Lookup>, _ lookup: Int, in stack: [TemplateFrame]) -> TemplateValue {
        var value = TemplateValue.absent
        if let first = lookups[lookup].first {
            if lookups[lookup].anchored {
                if let frame = stack.last { value = frame.field(first) }
            } else {
                // The innermost value that has the first name answers, even if the rest is missing.
                var index = stack.count
                while index > 0 {
                    index -= 1
                    value = stack[index].field(first)
                    if case .absent = value { continue }
                    break
                }
            }
            if !lookups[lookup].rest.isEmpty { value = descend(lookups, lookup, from: value) }
        } else if let frame = stack.last {
            value = frame.value
        }
        // Transforms are written outermost first and apply innermost first.
        var transform = lookups[lookup].transforms.count
        while transform > 0 {
            transform -= 1
            value = apply(lookups[lookup].transforms[transform], to: value)
        }
        return value
    }

    private static func apply(_ transform: Lookup.Transform, to value: consuming TemplateValue) -> TemplateValue {
        switch consume value {
        case .text(let text) where transform == .empty: .flag(text.isEmpty)
        case .list(let list) where transform == .empty: .flag(list.isEmpty)
        case .list(let list) where transform == .count: .number(list.count)
        default: .absent
        }
    }

    /// The rest of a dotted name (`b.c` of `a.b.c`), read from the value `a` named.
    private static func descend(_ lookups: UnsafeBufferPointer<Lookup>, _ lookup: Int, from start: consuming TemplateValue) -> TemplateValue {
        var value = start
        for index in lookups[lookup].rest.indices {
            if case .absent = value { return .absent }
            value = value.field(lookups[lookup].rest[index])
        }
        return value
    }

    fileprivate static func write(_ value: consuming TemplateValue, escaped: Bool, into writer: inout HTMLWriter) {
        switch consume value {
        case .absent: return
        case .text(let text): escaped ? writer.escaped(text) : writer.raw(text)
        case .number(let number): writer.raw(String(number))
        case .flag(let flag): writer.raw(flag ? "true" : "false")
        case .fragment(let fragment):
            guard escaped else { return fragment.write(to: &writer) }
            var inner = HTMLWriter(capacity: 1_024)
            fragment.write(to: &inner)
            writer.escaped(inner.text)
        case .other(let other): write(String(describing: (other as? OptionalValue)?.wrappedValue ?? other), escaped: escaped, into: &writer)
        case .model(let model): write(String(describing: model), escaped: escaped, into: &writer)
        case .list(let list): write(String(describing: list), escaped: escaped, into: &writer)
        }
    }

    private static func write(_ text: String, escaped: Bool, into writer: inout HTMLWriter) {
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
