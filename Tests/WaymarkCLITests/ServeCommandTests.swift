import Foundation
import Testing
import WaymarkTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `waymark serve` as a person starts it: the binary, on a data folder, answering over HTTP.
/// The web tests run the app inside the test process; only this runs it the way `serve` does,
/// with Swift's tasks on NIO's event loops and bcrypt on the blocking pool.
@Suite struct ServeCommandTests {
    static let password = "a long enough secret"

    @Test func aTraineeSignsInAndSeesTheirNextStepFromTheRunningBinary() async throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let email = "dan.murphy@demo.waymark.invalid"
        let set = try runWaymark(["users", "set-password", "--data", data.path, "--email", email, "--password-stdin"], input: Self.password + "\n")
        #expect(set.status == 0, "\(set.stderr)")

        let server = try RunningServer(data: data)
        defer { server.stop() }
        let base = try await server.ready()

        let (dashboard, response) = try await signIn(base, email: email, password: Self.password)
        #expect(response.statusCode == 200)
        #expect(response.url?.path == "/dashboard")
        let page = String(decoding: dashboard, as: UTF8.self)
        #expect(page.contains("<h1"))
        #expect(page.contains("Sign out"))
        // A wrong password goes through bcrypt on the blocking pool too, and is refused.
        let (_, refused) = try await signIn(base, email: email, password: "not the right password")
        #expect(refused.statusCode == 401)

        #expect(server.stop() == 0)
    }

    /// Settings that could leave the server unsafe or unable to start are refused before it
    /// starts, saying what to give instead.
    @Test func refusesSettingsItCannotUse() throws {
        let data = DataFolder()
        for (arguments, words) in [
            (["--trusted-proxy", "10.0.0.2", "load-balancer"], "'load-balancer' is not an IP address"),
            (["--session-idle-minutes", "0"], "from 1 to 720 minutes"),
            (["--connection-idle-seconds", "0"], "--connection-idle-seconds must be from 1"),
            (["--max-connections", "0"], "--max-connections must be from 1"),
            (["--log-format", "yaml"], "Unknown log format 'yaml'"),
            (["--metrics-token", "short"], "at least 24 characters"),
            (["--metrics-port", "70000"], "between 1 and 65535"),
            (["--port", "9100", "--metrics-port", "9100"], "must differ from the site's port"),
        ] {
            let result = try runWaymark(["serve", "--data", data.path] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
        }
    }

    /// With --log-format json each log line is a JSON object, and a request's line carries the
    /// id its answer did; --metrics-port serves the metrics on the loopback address, without a
    /// token, while the site's own port does not serve them at all.
    @Test func jsonLogLinesAndTheMetricsPortFromTheRunningBinary() async throws {
        let data = DataFolder()
        let metricsPort = try freePort()
        let server = try RunningServer(data: data, arguments: ["--log-format", "json", "--metrics-port", String(metricsPort)])
        defer { server.stop() }
        let base = try await server.ready()
        let session = URLSession(configuration: .ephemeral)
        let (_, response) = try await session.data(from: base.appendingPathComponent("no-such-page"))
        let answer = try #require(response as? HTTPURLResponse)
        #expect(answer.statusCode == 404)
        let id = try #require(answer.value(forHTTPHeaderField: "X-Request-Id"))
        let (_, unserved) = try await session.data(from: base.appendingPathComponent("metrics"))
        #expect((unserved as? HTTPURLResponse)?.statusCode == 404)
        let (metrics, _) = try await session.data(from: try #require(URL(string: "http://127.0.0.1:\(metricsPort)/metrics")))
        #expect(String(decoding: metrics, as: UTF8.self).contains(#"waymark_http_requests_total{route="unmatched",method="GET",status="404"} 2"#))

        let entries = try server.log.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(entries.contains { $0["message"] as? String == "Server started and listening on 127.0.0.1:\(metricsPort)" })
        let request = try #require(entries.first { $0["request_id"] as? String == id })
        #expect(request["level"] as? String == "info")
        #expect((request["metadata"] as? [String: Any])?["status"] as? String == "404")
        #expect(server.stop() == 0)
    }

    /// Fetches the sign-in form for its token, sends it, and follows where it leads.
    func signIn(_ base: URL, email: String, password: String) async throws -> (Data, HTTPURLResponse) {
        let session = URLSession(configuration: .ephemeral)
        let (form, _) = try await session.data(from: base.appendingPathComponent("login"))
        let csrf = try #require(String(decoding: form, as: UTF8.self).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        var request = URLRequest(url: base.appendingPathComponent("login"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let fields = ["csrf": String(csrf), "email": email, "password": password]
        request.httpBody = Data(
            fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&").utf8
        )
        let (body, response) = try await session.data(for: request)
        return (body, try #require(response as? HTTPURLResponse))
    }
}

/// `waymark serve` started on a free port, stopped with SIGTERM.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let port: Int
    let output: URL

    init(data: DataFolder, arguments: [String] = ["--log-level", "warning"]) throws {
        let binary = try #require(builtWaymark())
        port = try freePort()
        output = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = try FileHandle(forWritingTo: output)
        process.executableURL = binary
        process.arguments = ["serve", "--data", data.path, "--port", String(port)] + arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// The server's address, once its health check answers (at most 60 s).
    func ready() async throws -> URL {
        let base = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let (_, response) = try? await URLSession(configuration: .ephemeral).data(from: base.appendingPathComponent("healthz")),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return base
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        throw ServerDidNotStart(log: log)
    }

    /// What the server has written so far, its log and the lines it printed.
    var log: String {
        (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// Stops the server as Ctrl-C would; its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: output)
        return process.terminationStatus
    }
}

struct ServerDidNotStart: Error, CustomStringConvertible {
    var log: String
    var description: String { "waymark serve did not answer: \(log)" }
}

/// A port nobody is listening on, from the kernel.
func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
