import Logging
import Synchronization
import Testing

@testable import WaymarkWeb

/// Lines kept in memory, as a `TextOutputStream` the log handlers can write to.
final class CapturedLines: TextOutputStream, Sendable {
    private let lines = Mutex<[String]>([])

    func write(_ string: String) {
        lines.withLock { $0.append(string) }
    }

    /// Each line without its timestamp (everything up to the first space), which differs by the clock.
    var written: [String] {
        lines.withLock { $0 }.map { line in String(line.drop(while: { $0 != " " })) }
    }
}

@Suite struct TextLogHandlerTests {
    /// The text log reads exactly as swift-log's own handler writes it, metadata and all, though
    /// the metadata is only turned into text when a line is written.
    @Test func writesTheLinesStreamLogHandlerWrites() {
        let ours = CapturedLines()
        let theirs = CapturedLines()
        var text = Logger(label: "waymark.test", factory: { TextLogHandler(label: $0, stream: ours) })
        var stream = Logger(label: "waymark.test", factory: { StreamLogHandler(label: $0, stream: theirs, metadataProvider: nil) })
        text[metadataKey: "hb.request.id"] = "abc123"
        stream[metadataKey: "hb.request.id"] = "abc123"
        text[metadataKey: "route"] = "/one"
        stream[metadataKey: "route"] = "/one"
        text.logLevel = .info
        stream.logLevel = .info
        text.info("GET /modules/:module 200", metadata: ["route": "/modules/:module", "status": "200"])
        stream.info("GET /modules/:module 200", metadata: ["route": "/modules/:module", "status": "200"])
        text.debug("not written")
        stream.debug("not written")
        text.warning("no metadata of its own")
        stream.warning("no metadata of its own")
        #expect(ours.written.count == 2)
        #expect(ours.written == theirs.written)
        #expect(ours.written.first?.contains("hb.request.id=abc123 route=/modules/:module status=200") == true)
    }
}
