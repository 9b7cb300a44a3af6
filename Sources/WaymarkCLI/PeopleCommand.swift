import ArgumentParser
import Foundation
import WaymarkActions
import WaymarkStore

/// `waymark people ...`: a person's rights under UK GDPR, from the command line.
struct PeopleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "A person's rights: a copy of everything held about them, or erasure of their personal data.",
        subcommands: [ExportPerson.self, ErasePerson.self]
    )
}

/// `waymark people export --email`.
struct ExportPerson: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Everything Waymark holds about a person, as JSON (for a subject access request). Written in the audit log.",
        discussion: "The same copy an admin gets from the person's page. It holds their DBS record and everything they wrote: keep it safe."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The person's email address.")
    var email: String

    @Option(help: "Write the JSON to this file (never over an existing one) instead of standard output.")
    var out: String?

    func run() async throws {
        // Before the store is read: a copy that cannot be written is no copy, and is not logged as one.
        if let out, FileManager.default.fileExists(atPath: out) { throw CommandFailure("\(out) exists already. Nothing was written.") }
        let progress = TerminalProgress()
        defer { progress.finish() }
        progress.step("Gathering everything held about \(email)")
        let json = try await data.withStore(creating: false) { store in
            guard let person = try await store.person(email: email) else { throw CommandFailure("There is nobody with the email \(email).") }
            guard let copy = try await storeFailure({ try await PersonRights(store: store).copy(of: person.id, by: "cli", at: Date()) })
            else { throw CommandFailure("There is nobody with the email \(email).") }
            return try copy.json()
        }
        progress.finish()
        guard let out else {
            FileHandle.standardOutput.write(json + Data("\n".utf8))
            return
        }
        // Readable only by its owner: it holds a person's whole record, their DBS record too.
        guard FileManager.default.createFile(atPath: out, contents: json, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("Cannot write \(out). Nothing was written.")
        }
        print("Wrote everything held about \(email) to \(out). The audit log records that you did.")
    }
}

/// `waymark people erase --email`.
struct ErasePerson: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person's personal data (their right to erasure). Asks first; it cannot be undone.",
        discussion: """
            Blanks their name, email address and every text written about them (reflections and drafts, feedback, notes, \
            reasons, answers, the DBS record and working notes), signs them out everywhere and ends their invite links. \
            Their certificates name nobody and say only that they are no longer valid. The shape of the record stays, \
            and the audit log keeps the erasure. One transaction: if anything fails, nothing changes.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The person's email address.")
    var email: String

    @Flag(help: "Do not ask: for scripts (standard input is not a terminal).")
    var yes = false

    func run() async throws {
        try await data.withStore(creating: false) { store in
            guard let person = try await store.person(email: email) else { throw CommandFailure("There is nobody with the email \(email).") }
            if !yes {
                guard Console.inputIsTerminal else {
                    throw ValidationError("Standard input is not a terminal: add --yes to erase \(person.name)'s personal data without being asked.")
                }
                Console.error("This erases \(person.name)'s personal data for good. To go ahead, type their email address again:")
                guard NewPerson.normalised(email: Console.readLine() ?? "") == person.email else {
                    throw CommandFailure("That is not their email address. Nothing was erased.")
                }
            }
            try await storeFailure { try await PersonRights(store: store).erase(person.id, by: "cli", at: Date()) }
            print("Erased the personal data of \(person.email). Their record keeps its shape; the audit log says when.")
        }
    }
}
