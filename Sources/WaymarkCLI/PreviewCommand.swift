import ArgumentParser
import Foundation
import Logging
import WaymarkWeb

/// `waymark preview [DIR]`: every unit and check of a curriculum folder as a trainee sees them,
/// with no accounts and no database. Nothing is saved.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show every unit and check of a curriculum folder as trainees see them. Nothing is saved.",
        discussion: """
            DIR holds Curriculum/ and Assessments/ (without DIR, the same folder `waymark validate` uses). \
            Open the address it prints. A file you change shows when you load the page again; a file with \
            problems shows the same messages as `waymark validate` in place of its page. There are no \
            accounts: it listens only on this computer (127.0.0.1) unless --host says otherwise.
            """
    )

    @Argument(help: "A folder holding Curriculum/ and Assessments/.")
    var directory: String?

    @Option(help: "The address to listen on (default 127.0.0.1, this computer only).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (default 8090).")
    var port = 8090

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("The port must be between 1 and 65535.") }
    }

    func run() async throws {
        if !Self.isLoopback(host) {
            Console.error(
                "Warning: the preview is open to other computers at \(host). It has no sign-in: anyone who can reach it can read every unit and check, right answers included."
            )
        }
        let location = try CurriculumLocation.resolve(directory)
        var logger = Logger(label: "waymark.preview")
        logger.logLevel = .warning
        let preview = try await Preview(directory: location.url, displayRoot: location.display, logger: logger)
        let first = await preview.check()
        if let problem = first.folderProblem { throw ValidationError(problem) }
        let shown = ["0.0.0.0", "::", "[::]"].contains(host) ? "localhost" : (host.contains(":") ? "[\(host)]" : host)
        let problems = first.problems == 0 ? "" : "\nThe curriculum has \(first.problems) problem\(first.problems == 1 ? "" : "s"): the preview shows them."
        let line = "Previewing \(location.display) at http://\(shown):\(port)  (nothing is saved; stop it with Ctrl-C)\(problems)\n"
        try await preview.serve(host: host, port: port) {
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// Addresses only this computer can reach.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
