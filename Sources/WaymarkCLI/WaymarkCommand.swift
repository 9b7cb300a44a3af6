import ArgumentParser
import WaymarkWeb

/// `waymark`: the root command.
public struct WaymarkCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Recruit, train and certify peer mentors in criminal justice.",
        subcommands: [
            ServeCommand.self, ValidateCommand.self, ImportCommand.self, UsersCommand.self, PeopleCommand.self, TraineesCommand.self,
            DemoCommand.self, PurgeCommand.self, CertificatesCommand.self, CredentialsCommand.self, KeysCommand.self, MigrateCommand.self,
            ExportCommand.self, BackupCommand.self, RestoreCommand.self, PreviewCommand.self, CurriculumCommand.self,
            MailCommand.self,
        ]
    )

    public init() {}

    /// What must happen before any Swift task runs: `serve` runs tasks on NIO's event loops
    /// (see `ServingThreads.adopt`). Other commands keep Swift's own threads.
    public static func prepare(arguments: [String]) {
        if arguments.first == "serve" {
            _ = ServingThreads.adopt()
        }
    }

    /// Runs the command line and returns the process exit code: 0 success, 1 a failed check,
    /// 2 a usage error (unknown option, a folder that does not exist).
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            Console.error(failure.description)
            return 1
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Console.error(message) }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
