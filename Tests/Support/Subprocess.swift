import Foundation
import Synchronization

/// What a finished program printed, and how it ended.
public struct Finished: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program to the end. Its output goes through temporary files rather than pipes:
/// Foundation's `readDataToEndOfFile` traps on an interrupted read (EINTR) when child
/// processes end during it, which happened once tests started several programs at a time.
public func runProgram(
    _ executable: URL,
    _ arguments: [String],
    input: String? = nil,
    in directory: URL? = nil,
    environment: [String: String] = [:],
    mergeOutput: Bool = false
) throws -> Finished {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("stdout")
    let errURL = folder.appendingPathComponent("stderr")
    let inURL = folder.appendingPathComponent("stdin")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let stdin = try FileHandle(forReadingFrom: inURL)
    defer {
        try? out.close()
        try? err.close()
        try? stdin.close()
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    process.standardInput = stdin
    process.standardOutput = out
    process.standardError = mergeOutput ? out : err
    // One start at a time: Foundation's `Process.run()` crashed in CI (a bad read in its memcpy)
    // when two tests started programs at once from different threads while the test process
    // held over a thousand descriptors. Waiting for the programs still overlaps.
    try processStarts.withLock { _ in try process.run() }
    process.waitUntilExit()
    return Finished(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    )
}

/// Held while a program starts (see `runProgram`).
private let processStarts = Mutex(())
