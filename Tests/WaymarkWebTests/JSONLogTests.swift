import Foundation
import Logging
import Synchronization
import Testing

@testable import WaymarkWeb

@Suite struct JSONLogTests {
    final class Lines: Sendable {
        let kept = Mutex<[String]>([])
        func append(_ line: String) { kept.withLock { $0.append(line) } }
        var all: [String] { kept.withLock { $0 } }
    }

    /// Each entry is one line of JSON that parses back to what was logged, whatever the
    /// message holds: quotes, backslashes, line breaks, control characters, other scripts.
    @Test func eachEntryIsOneLineOfJSONThatReadsBack() throws {
        let lines = Lines()
        var logger = Logger(label: "waymark") { label in JSONLogHandler(label: label, write: lines.append) }
        logger.logLevel = .debug
        logger[metadataKey: "hb.request.id"] = "0123abcd"
        let message = "He said \"no\"\nthen left\\ \t\u{01} \u{2028} Zoë ✓"
        logger.warning(
            "\(message)",
            metadata: ["route": "/trainees/{trainee}", "nested": ["list": ["a\"b", "c"], "count": .stringConvertible(3)]]
        )
        logger.debug("second")
        let written = lines.all
        #expect(written.count == 2)
        for line in written {
            #expect(!line.contains("\n"))
            #expect(!line.contains("\u{2028}"))
        }
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(entry["message"] as? String == message)
        #expect(entry["level"] as? String == "warning")
        #expect(entry["label"] as? String == "waymark")
        #expect(entry["request_id"] as? String == "0123abcd")
        let time = try #require(entry["time"] as? String)
        #expect(try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(time).timeIntervalSinceNow > -60)
        let metadata = try #require(entry["metadata"] as? [String: Any])
        #expect(metadata["hb.request.id"] == nil)
        #expect(metadata["route"] as? String == "/trainees/{trainee}")
        let nested = try #require(metadata["nested"] as? [String: Any])
        #expect(nested["list"] as? [String] == ["a\"b", "c"])
        #expect(nested["count"] as? String == "3")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "second")
    }

    /// --log-format takes text or json only; text stays the readable default.
    @Test func theFormatsAreTextAndJSON() {
        #expect(LogFormat(rawValue: "json") == .json)
        #expect(LogFormat(rawValue: "text") == .text)
        #expect(LogFormat(rawValue: "yaml") == nil)
        #expect(LogFormat.json.logger(label: "x", level: .error).logLevel == .error)
    }
}
