import Logging

/// swift-log's `StreamLogHandler` text on standard error, with the metadata kept as it is until a
/// line is written. `StreamLogHandler` turns all its metadata into text each time a key is set,
/// and every request sets its id (Hummingbird, then `RequestLogMiddleware`): about 5% of a page's
/// CPU in a profile of the unit page under load, for lines that at the usual level are never
/// written. The lines are the same: the kept metadata goes with each line, where
/// `StreamLogHandler` merges it as it would its own.
struct TextLogHandler: LogHandler {
    private var base: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        base = StreamLogHandler.standardError(label: label)
    }

    /// Writing to `stream` instead (tests compare its lines with `StreamLogHandler`'s).
    init(label: String, stream: any TextOutputStream & Sendable) {
        base = StreamLogHandler(label: label, stream: stream, metadataProvider: nil)
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        base.log(event: event)
    }
}
