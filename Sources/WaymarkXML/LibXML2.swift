import CLibXML2

/// The one place that starts libxml2 and collects its errors.
///
/// libxml2 keeps a default error handler per thread. Waymark never uses it: every parser context
/// and every schema validation context gets its own handler pointing at its own `LibXMLErrors`,
/// so documents parsed at the same time on different threads never see each other's errors.
/// All of this happens inside synchronous functions, so nothing is held across an `await`.
enum LibXML2 {
    /// `xmlInitParser` must run once before libxml2 is used from several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised.
    static func ensureInitialised() {
        _ = initialised
    }
}

/// One error as libxml2 reported it, copied out of libxml2's memory.
struct LibXMLError {
    var code: Int32
    var isWarning: Bool
    var line: Int
    var column: Int
    var message: String
    /// For validation errors: the element the error is about.
    var node: UnsafeMutableRawPointer?
}

/// Collects the errors of one parse or one validation.
final class LibXMLErrors {
    var errors: [LibXMLError] = []
    /// Set when the document had a DOCTYPE and those are refused.
    var refusedDoctype: SourceLocation?

    func record(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        var message = raw.message.map { String(cString: $0) } ?? "unknown XML error"
        while message.last?.isWhitespace == true { message.removeLast() }
        errors.append(
            LibXMLError(
                code: raw.code,
                isWarning: raw.level == XML_ERR_WARNING,
                line: Int(raw.line),
                column: Int(raw.int2),
                message: message,
                node: raw.node
            )
        )
    }
}

/// Receives parser errors. libxml2 passes the parser context as user data; its `_private`
/// field holds the `LibXMLErrors` of this parse.
let parserErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = context.pointee._private else { return }
    Unmanaged<LibXMLErrors>.fromOpaque(collector).takeUnretainedValue().record(error)
}

/// Receives schema errors; the user data is the `LibXMLErrors` itself.
let collectorErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<LibXMLErrors>.fromOpaque(userData).takeUnretainedValue().record(error)
}

/// Stops the parser at `<!DOCTYPE`, before any entity in the internal subset is declared,
/// so entity expansion attacks and external DTDs never get a chance to run.
let refuseDoctypeHandler: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = context.pointee._private {
        let location = SourceLocation(
            line: Int(context.pointee.input?.pointee.line ?? 1),
            column: 1
        )
        Unmanaged<LibXMLErrors>.fromOpaque(collector).takeUnretainedValue().refusedDoctype = location
    }
    xmlStopParser(context)
}
