import Foundation
import Testing
import WaymarkTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `waymark preview` as a trainer starts it: the binary, on a curriculum folder, answering over HTTP.
@Suite struct PreviewCommandTests {
    @Test func previewsTheBundledCurriculumOnThisComputerOnly() async throws {
        let port = try freePort()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-preview-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        let binary: URL = try #require(builtWaymark())
        process.executableURL = binary
        process.arguments = ["preview", repositoryRoot.path, "--port", String(port)]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let base = try #require(URL(string: "http://127.0.0.1:\(port)/"))
        var index: String?
        let deadline = Date().addingTimeInterval(60)
        while index == nil, Date() < deadline, process.isRunning {
            if let (body, response) = try? await URLSession(configuration: .ephemeral).data(from: base),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                index = String(decoding: body, as: UTF8.self)
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let page = try #require(index, "\((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        #expect(page.contains("nothing you do here is saved; this is how trainees will see it."))
        #expect(page.contains("Peer Mentoring in Criminal Justice"))
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(log.contains("Previewing \(repositoryRoot.path) at http://127.0.0.1:\(port)"))
        #expect(!log.contains("Warning"))
    }

    @Test func refusesAFolderItCannotPreviewAndWarnsBeforeOpeningToOtherComputers() throws {
        let missing = try runWaymark(["preview", "/no/such/folder", "--host", "0.0.0.0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("The folder '/no/such/folder' does not exist."))
        #expect(missing.stderr.contains("Warning: the preview is open to other computers at 0.0.0.0. It has no sign-in"))

        let empty = DataFolder()
        try FileManager.default.createDirectory(at: empty.url, withIntermediateDirectories: true)
        let noCurriculum = try runWaymark(["preview", empty.path])
        #expect(noCurriculum.status == 2)
        #expect(noCurriculum.stderr.contains("has no Curriculum folder"))
        #expect(try runWaymark(["preview", "--port", "0"]).status == 2)
    }
}
