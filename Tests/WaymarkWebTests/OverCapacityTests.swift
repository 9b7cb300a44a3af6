import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkTestSupport

@testable import WaymarkWeb

/// Over capacity, people are told at once to come back, never left waiting to time out.
@Suite struct OverCapacityTests {
    /// Opens `count` keep-alive connections one after another, sends `path` on each and keeps
    /// them all open; prints, per connection, the status line, the Retry-After header, whether
    /// the server closed it, and the milliseconds the answer took. Then, with all of them
    /// closed, asks once more on a new connection.
    static let script = """
        import socket, sys, time
        port, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        def ask(s, path):
            start = time.monotonic()
            s.sendall(f"GET {path} HTTP/1.1\\r\\nHost: waymark\\r\\n\\r\\n".encode())
            s.settimeout(10)
            data = b""
            while b"\\r\\n\\r\\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            head = data.split(b"\\r\\n\\r\\n")[0].decode("latin-1").split("\\r\\n")
            headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
            return head[0], headers.get("Retry-After", headers.get("retry-after", "-")), round((time.monotonic() - start) * 1000)
        held = []
        for _ in range(count):
            s = socket.create_connection(("127.0.0.1", port))
            held.append(s)
            status, retry, ms = ask(s, path)
            s.settimeout(2)
            try:
                rest = s.recv(1 << 20)
                while rest:
                    rest = s.recv(1 << 20)
                closed = "closed"
            except socket.timeout:
                closed = "open"
            print(f"{status}|{retry}|{closed}|{ms}")
        health = socket.create_connection(("127.0.0.1", port))
        print("healthz " + ask(health, "/healthz")[0])
        for s in held + [health]:
            s.close()
        time.sleep(0.5)
        again = socket.create_connection(("127.0.0.1", port))
        print("again " + ask(again, path)[0])
        """

    @Test func beyondItsConnectionsTheServerSaysComeBackSoonAndClosesThem() async throws {
        let test = try await WebTestApp()
        var options = WebAppConfiguration(host: "127.0.0.1", port: 0, secureCookies: false)
        options.maxConnections = 3
        // A real server, not HummingbirdTesting's live one: that one drops the configuration's
        // connection counting when it picks a port.
        let listening = AsyncStream<Int>.makeStream()
        let app = try buildApplication(
            options,
            web: test.web,
            onServerRunning: { channel in
                listening.continuation.yield(channel.localAddress?.port ?? 0)
                listening.continuation.finish()
            }
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var ports = listening.stream.makeAsyncIterator()
            let port = try #require(await ports.next())
            let finished = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Finished, any Error>) in
                Thread.detachNewThread {
                    done.resume(with: Result { try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.script, String(port), "6", "/login"]) })
                }
            }
            group.cancelAll()
            #expect(finished.status == 0, "\(finished.stderr)")
            let lines = finished.stdout.split(separator: "\n").map(String.init)
            let answers = lines.filter { $0.hasPrefix("HTTP/") }.map { $0.split(separator: "|").map(String.init) }
            #expect(answers.count == 6, "\(lines)")
            #expect(answers.prefix(3).allSatisfy { $0.first == "HTTP/1.1 200 OK" && $0[2] == "open" }, "\(answers)")
            for answer in answers.dropFirst(3) {
                #expect(answer.first == "HTTP/1.1 503 Service Unavailable", "\(answer)")
                #expect(answer.count == 4 && answer[1] == "10", "Retry-After: \(answer)")
                #expect(answer.count == 4 && answer[2] == "closed", "the connection is freed: \(answer)")
                #expect(answer.count == 4 && (Int(answer[3]) ?? .max) < 2_000, "answered at once: \(answer)")
            }
            #expect(lines.contains("healthz HTTP/1.1 200 OK"), "\(lines)")
            #expect(lines.contains("again HTTP/1.1 200 OK"), "once connections close, pages are served again: \(lines)")
        }
    }

    @Test func theComeBackWordsAreKindAndSayWhen() {
        let capacity = ConnectionCapacity(served: 1)
        #expect(capacity.accepted == 17, "a tenth more, and at least 16, are told to come back")
        #expect(ConnectionCapacity(served: 1_000).accepted == 1_100)
        let error = WebError.busy(retryAfter: capacity.retryAfter)
        #expect(error.status == .serviceUnavailable)
        #expect(error.explanation.contains("Wait about 10 seconds"))
        #expect(error.explanation.contains("it is not something you did"))
    }
}
