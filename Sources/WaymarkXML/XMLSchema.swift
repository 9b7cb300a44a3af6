import CLibXML2

/// A compiled XML Schema (XSD), shared by every validation.
///
/// libxml2 only reads a compiled schema while validating, so one instance can serve validations
/// on several threads at once; each validation has its own context and its own error handler.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr

    /// Compiles a schema held in memory. `path` names it in diagnostics.
    public init(bytes: [UInt8], path: String) throws(ParseFailure) {
        LibXML2.ensureInitialised()
        let collector = LibXMLErrors()
        let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                xmlSchemaSetParserStructuredErrors(parser, collectorErrorHandler, Unmanaged.passUnretained(collector).toOpaque())
                return xmlSchemaParse(parser)
            }
        }
        withExtendedLifetime(collector) {}
        guard let compiled else {
            let problems = collector.errors.map {
                Diagnostic.error(path, SourceLocation(line: max($0.line, 1), column: max($0.column, 1)), $0.message)
            }
            throw ParseFailure(problems.isEmpty ? [.error(path, .startOfFile, "The schema could not be compiled.")] : problems)
        }
        schema = compiled
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Every way the document breaks the schema, located at the element or attribute concerned.
    public func validate(_ document: ParsedDocument) -> [Diagnostic] {
        var collector = DiagnosticCollector()
        validate(document, into: &collector)
        return collector.finished().diagnostics
    }

    /// Adds every way the document breaks the schema to `diagnostics`, working out the place and
    /// the words only of those it keeps.
    public func validate(_ document: ParsedDocument, into diagnostics: inout DiagnosticCollector) {
        guard let context = xmlSchemaNewValidCtxt(schema) else {
            diagnostics.add(.error(document.path, .startOfFile, "Out of memory while starting schema validation."))
            return
        }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = LibXMLErrors()
        xmlSchemaSetValidStructuredErrors(context, collectorErrorHandler, Unmanaged.passUnretained(collector).toOpaque())
        _ = xmlSchemaValidateDoc(context, document.document)
        withExtendedLifetime(collector) {}

        var previousNode: UnsafeMutableRawPointer? = nil
        for error in collector.errors {
            // libxml2 follows a facet error with a second, vaguer one about the same value.
            if SchemaMessages.isFollowUpMessage(error.message), error.node != nil, error.node == previousNode { continue }
            previousNode = error.node
            guard diagnostics.keepsMore(in: document.path) else {
                diagnostics.add(error.isWarning ? .warning : .error, document.path, at: { .startOfFile }, { "" })
                continue
            }
            let message = SchemaMessages.plain(error.message)
            let location: SourceLocation
            if let raw = error.node {
                let node = raw.assumingMemoryBound(to: xmlNode.self)
                if let attribute = message.attribute {
                    location = document.location(ofAttribute: attribute, in: node)
                } else {
                    location = document.location(of: node)
                }
            } else {
                location = SourceLocation(line: max(error.line, 1), column: 1)
            }
            diagnostics.add(Diagnostic(error.isWarning ? .warning : .error, file: document.path, at: location, message.text))
        }
    }
}
