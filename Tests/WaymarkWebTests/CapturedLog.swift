import Logging
import Synchronization

/// A log that keeps what was written to it, for tests that read their log lines back.
final class CapturedLog: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata

        var requestID: String? { metadata["hb.request.id"]?.description }
    }

    private let kept = Mutex<[Entry]>([])

    var entries: [Entry] { kept.withLock { $0 } }

    /// Every line, as text with its metadata, for searching for what must never be there.
    var everything: String {
        entries.map { entry in "\(entry.message) \(entry.metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " "))" }.joined(separator: "\n")
    }

    /// A logger at `level` writing here.
    func logger(level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: "waymark.test") { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func keep(_ entry: Entry) {
        kept.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.keep(Entry(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { _, new in new }))
        }
    }
}
