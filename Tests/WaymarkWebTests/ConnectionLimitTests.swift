import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkTestSupport

@testable import WaymarkWeb

/// What a connection can cost the server: tested over real sockets (python3's, as the tests
/// already need it), since only they can send half a request or lie about a body's length.
@Suite struct ConnectionLimitTests {
    /// Sends `request` to the port, waits up to `wait` seconds for the server to answer or close,
    /// and returns the first line of the answer ("" if none), the seconds taken and whether the
    /// server closed the connection.
    func exchange(port: Int, _ request: String, wait: Double) async throws -> (statusLine: String, seconds: Double, closed: Bool) {
        let script = """
            import socket, sys, time
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
            s.settimeout(float(sys.argv[3]))
            start, data, closed = time.monotonic(), b"", False
            try:
                while b"\\r\\n" not in data or sys.argv[4] == "until-closed":
                    chunk = s.recv(65536)
                    if not chunk:
                        closed = True
                        break
                    data += chunk
            except socket.timeout:
                pass
            print(data.split(b"\\r\\n")[0].decode("latin-1"))
            print(round(time.monotonic() - start, 3))
            print("closed" if closed else "open")
            """
        let mode = request.hasSuffix("\\r\\n\\r\\n") || request.contains("Content-Length") ? "first-line" : "until-closed"
        // Waited for on a thread of its own: blocking one of Swift's few task threads could
        // starve the server being tested.
        let finished = try await withCheckedThrowingContinuation { (done: CheckedContinuation<Finished, any Error>) in
            Thread.detachNewThread {
                done.resume(with: Result { try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, String(port), request, String(wait), mode]) })
            }
        }
        let lines = finished.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(finished.status == 0, "\(finished.stderr)")
        guard lines.count >= 3 else { return ("", 0, false) }
        return (lines[0], Double(lines[1]) ?? 0, lines[2] == "closed")
    }

    /// A form that says it is 50 MB is answered 413 at once, without waiting for a byte of it.
    @Test func aFormDeclaredTooLargeIsRefusedBeforeItsBodyIsRead() async throws {
        let app = try await WebTestApp()
        try await app.testLive { browser in
            let port = try #require(browser.client.port)
            let answer = try await exchange(
                port: port,
                "POST /login HTTP/1.1\\r\\nHost: waymark\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\nContent-Length: 52428800\\r\\n\\r\\ncsrf=x",
                wait: 5
            )
            // No byte of the body is ever sent: any answer at all came before the body was read.
            #expect(answer.statusLine.hasPrefix("HTTP/1.1 413 "), "\(answer.statusLine.debugDescription) after \(answer.seconds) s")
        }
    }

    /// A connection that stops sending, half-way through its request or between requests, is
    /// closed after the idle time instead of holding a file open for ever.
    @Test func aStalledOrIdleConnectionIsClosed() async throws {
        let test = try await WebTestApp()
        let options = WebAppConfiguration(host: "127.0.0.1", port: 0, secureCookies: false, connectionIdleTimeout: 1)
        let app = try buildApplication(options, web: test.web, logger: WebTestApp.quietLogger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let halfSent = try await exchange(port: port, "GET /login HTTP/1.1\\r\\nHost: waymark\\r\\nX-Slow: ", wait: 6)
            #expect(halfSent.closed, "a half-sent request was left open for \(halfSent.seconds) s")
            #expect(halfSent.seconds < 4)
            let idle = try await exchange(port: port, "", wait: 6)
            #expect(idle.closed && idle.seconds < 4, "an idle connection was left open for \(idle.seconds) s")
            // (The test client's own connection is idle too by now: a new one asks for a page.)
            let page = try await exchange(port: port, "GET /login HTTP/1.1\\r\\nHost: waymark\\r\\n\\r\\n", wait: 6)
            #expect(page.statusLine == "HTTP/1.1 200 OK")
        }
    }
}
