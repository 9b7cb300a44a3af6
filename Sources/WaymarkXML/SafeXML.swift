import CLibXML2
import Foundation

/// How strictly to read a document, and how much of the machine one document may take.
public struct XMLParseOptions: Sendable {
    /// The largest file read, in bytes; bigger files are refused before parsing.
    public var maximumBytes: Int
    /// The most elements a document may have; counted in the text before libxml2 builds its tree,
    /// which costs a few hundred bytes an element (a 9 MB file of `<p>a</p>` took 570 MB).
    public var maximumElements: Int
    /// Whether a `<!DOCTYPE>` is allowed. Even then no entity is substituted and no DTD is loaded.
    public var allowsDoctype: Bool

    /// The defaults: 10 MB, 20,000 elements (the largest bundled file has about 80), no DOCTYPE.
    public init(maximumBytes: Int = 10_000_000, maximumElements: Int = 20_000, allowsDoctype: Bool = false) {
        self.maximumBytes = maximumBytes
        self.maximumElements = maximumElements
        self.allowsDoctype = allowsDoctype
    }
}

/// Reads XML with libxml2 in its safest configuration.
///
/// Network access off, no entity substitution, no DTD loading or validation, no XInclude,
/// never `XML_PARSE_HUGE`; big line numbers on; DOCTYPE refused unless asked for.
public enum SafeXML {
    static let parserOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue
    )

    /// Reads the file at `url`, naming it `displayPath` in every diagnostic. Only an ordinary
    /// file is read; with `followingLinks` false, not a link either.
    public static func parse(
        contentsOf url: URL,
        displayPath: String,
        options: XMLParseOptions = XMLParseOptions(),
        followingLinks: Bool = true
    ) throws(ParseFailure) -> ParsedDocument {
        let bytes: [UInt8]
        switch FileBytes.load(url.path, limit: options.maximumBytes, followingLinks: followingLinks) {
        case .bytes(let read):
            bytes = read
        case .tooLarge(let size):
            throw ParseFailure([.error(displayPath, .startOfFile, tooLargeMessage(size: size, limit: options.maximumBytes))])
        case .unreadable(let reason):
            throw ParseFailure([.error(displayPath, .startOfFile, "This file cannot be opened (\(reason)). Check that it exists and can be read.")])
        }
        return try parse(bytes, displayPath: displayPath, options: options)
    }

    /// Reads a document held in memory, naming it `displayPath` in every diagnostic.
    public static func parse(
        _ bytes: [UInt8],
        displayPath: String,
        options: XMLParseOptions = XMLParseOptions()
    ) throws(ParseFailure) -> ParsedDocument {
        LibXML2.ensureInitialised()
        if bytes.count > options.maximumBytes {
            throw ParseFailure([.error(displayPath, .startOfFile, tooLargeMessage(size: bytes.count, limit: options.maximumBytes))])
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw ParseFailure([.error(displayPath, .startOfFile, "This file is empty. It needs an XML document such as <unit>…</unit>.")])
        }
        if hasMoreElements(bytes, than: options.maximumElements) {
            throw ParseFailure([
                .error(
                    displayPath,
                    .startOfFile,
                    "This file has more than \(options.maximumElements) elements (tags such as <p>), which is the limit. Split it into smaller files."
                )
            ])
        }
        guard let context = xmlNewParserCtxt() else {
            throw ParseFailure([.error(displayPath, .startOfFile, "Out of memory while starting the XML parser.")])
        }
        defer { xmlFreeParserCtxt(context) }

        let collector = LibXMLErrors()
        // The collector outlives the parse: it is a local kept alive until the end of this function.
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.serror = parserErrorHandler
        if !options.allowsDoctype {
            context.pointee.sax.pointee.internalSubset = refuseDoctypeHandler
        }

        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, nil, parserOptions)
                }
            }
        }
        withExtendedLifetime(collector) {}

        if let doctype = collector.refusedDoctype {
            if let document { xmlFreeDoc(document) }
            throw ParseFailure([
                .error(displayPath, doctype, "A <!DOCTYPE> is not allowed in Waymark files. Remove the DOCTYPE line and any entity declarations.")
            ])
        }
        let problems = collector.errors.map { diagnostic(for: $0, in: displayPath) }
        guard let document, context.pointee.wellFormed != 0, xmlDocGetRootElement(document) != nil else {
            if let document { xmlFreeDoc(document) }
            let errors = problems.filter { $0.severity == .error }
            throw ParseFailure(errors.isEmpty ? [.error(displayPath, .startOfFile, "This file is not a complete XML document.")] : errors)
        }
        return ParsedDocument(document: document, bytes: bytes, path: displayPath, warnings: problems)
    }

    /// Whether the text has more than `limit` start tags, counting no further than that.
    private static func hasMoreElements(_ bytes: [UInt8], than limit: Int) -> Bool {
        var count = 0
        SourceText(bytes: bytes).forEachTag { tag in
            if case .start = tag { count += 1 }
            return count <= limit
        }
        return count > limit
    }

    private static func tooLargeMessage(size: Int, limit: Int) -> String {
        "This file is \(megabytes(size)) MB; the limit is \(megabytes(limit)) MB. Split it into smaller files."
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    private static func diagnostic(for error: LibXMLError, in path: String) -> Diagnostic {
        Diagnostic(
            error.isWarning ? .warning : .error,
            file: path,
            at: SourceLocation(line: max(error.line, 1), column: max(error.column, 1)),
            ParserMessages.plain(error.message)
        )
    }
}
