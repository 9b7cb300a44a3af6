import Logging

/// How `waymark serve` writes its log (`--log-format`): readable text (the default), or one
/// JSON object a line for a log collector.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json

    /// A logger writing in this format at `level`.
    public func logger(label: String, level: Logger.Level) -> Logger {
        var logger =
            switch self {
            case .text: Logger(label: label, factory: { TextLogHandler(label: $0) })
            case .json: Logger(label: label, factory: { JSONLogHandler(label: $0) })
            }
        logger.logLevel = level
        return logger
    }
}
