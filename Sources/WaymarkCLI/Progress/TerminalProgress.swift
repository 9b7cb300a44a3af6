import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line on standard error that says how far long work has got ("Copying people: 1,200 of
/// 5,000 rows"), redrawn in place. It draws only for a person watching a terminal: in a script,
/// a pipe, a log file, under `TERM=dumb` or `--format json` it writes nothing, so output that
/// programs read stays exactly as it was.
final class TerminalProgress: Sendable {
    /// Where the line goes; standard error unless a test listens.
    typealias Writer = @Sendable (String) -> Void

    private struct Drawn {
        var lastDraw: ContinuousClock.Instant?
        var width = 0
        var finished = false
    }

    private let writer: Writer?
    /// Redrawing more often than this only flickers, and costs the work it reports on.
    private let interval: Duration
    private let clock = ContinuousClock()
    private let drawn = Mutex(Drawn())

    /// A progress line that draws when standard error is a terminal, unless `quiet`.
    convenience init(quiet: Bool = false) {
        self.init(writer: Self.isWatched(quiet: quiet) ? Self.standardError : nil)
    }

    /// A progress line written through `writer`, or nothing at all when `writer` is nil.
    init(writer: Writer?, interval: Duration = .milliseconds(100)) {
        self.writer = writer
        self.interval = interval
    }

    /// Whether anyone is there to read it.
    var isShown: Bool { writer != nil }

    /// Whether a person is watching: standard error is a terminal that can move back along a line.
    static func isWatched(quiet: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return false }
        return environment["TERM"] != "dumb"
    }

    /// Says how far `task` has got: "task: done of total unit". Drawn at most once per interval,
    /// and always when the work is complete.
    func report(_ task: String, done: Int, of total: Int, unit: String) {
        guard writer != nil else { return }
        let whole = max(total, 0)
        let part = min(max(done, 0), whole)
        let percent = whole == 0 ? 100 : part * 100 / whole
        show(
            "\(task): \(Self.grouped(part)) of \(Self.grouped(whole)) \(unit) (\(percent)%)",
            force: part == whole
        )
    }

    /// Says how much of a file has been copied: "task: 1.2 of 40.0 MB".
    func report(_ task: String, bytes done: UInt64, of total: UInt64) {
        guard writer != nil else { return }
        let part = min(done, total)
        show("\(task): \(Self.megabytes(part)) of \(Self.megabytes(total)) MB", force: part == total)
    }

    /// Says which step the work is on, when it cannot be counted ("Checking the database").
    func step(_ text: String) {
        show(text + "…", force: true)
    }

    /// Clears the line, so what the command prints next starts on a clean line.
    func finish() {
        guard let writer else { return }
        let width = drawn.withLock { state -> Int in
            defer { state.finished = true; state.width = 0 }
            return state.finished ? 0 : state.width
        }
        if width > 0 { writer("\r" + String(repeating: " ", count: width) + "\r") }
    }

    private func show(_ line: String, force: Bool) {
        guard let writer else { return }
        let now = clock.now
        let padding: Int? = drawn.withLock { state in
            if !force, let last = state.lastDraw, last.duration(to: now) < interval { return nil }
            state.lastDraw = now
            state.finished = false
            defer { state.width = line.count }
            return max(state.width - line.count, 0)
        }
        guard let padding else { return }
        writer("\r" + line + String(repeating: " ", count: padding))
    }

    private static let standardError: Writer = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Bytes as megabytes with one decimal place, "0.3".
    static func megabytes(_ bytes: UInt64) -> String {
        let tenths = bytes / 100_000
        return "\(grouped(Int(clamping: tenths / 10))).\(tenths % 10)"
    }

    /// 12345 as "12,345": a long number read at a glance.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
