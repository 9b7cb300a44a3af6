import ArgumentParser
import Foundation
import WaymarkActions
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkStore

/// `waymark users ...`: people and their roles.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add and list the people who use Waymark.",
        subcommands: [AddUser.self, ListUsers.self, SetPassword.self]
    )
}

/// `waymark users add`.
struct AddUser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person. The password is asked for, or read from standard input with --password-stdin; never given as an option."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(help: "A role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). Repeat for several roles.")
    var role: [Role] = []

    @Option(help: "Their email address; they sign in with it.")
    var email: String

    @Option(help: "Their name, as it appears on pages and certificates.")
    var name: String

    @Option(help: "For trainees: the programme to join (default: the only one, or peer-mentoring).")
    var programme: String?

    @Option(help: "For trainees: their supervisor's email.")
    var supervisor: String?

    @Flag(help: "Read the password from the first line of standard input.")
    var passwordStdin = false

    @Flag(help: "Add the person without a password; they set one through an invite link.")
    var noPassword = false

    func validate() throws {
        guard !role.isEmpty else { throw ValidationError("Give at least one --role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")).") }
        guard email.contains("@"), !email.contains(" ") else { throw ValidationError("'\(email)' does not look like an email address.") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty.") }
        if passwordStdin && noPassword { throw ValidationError("Use either --password-stdin or --no-password, not both.") }
    }

    func run() async throws {
        let passwordHash = try noPassword ? nil : Passwords().hash(readPassword())
        try await data.withStore(creating: true) { store in
            let now = Date()
            var enrolOn: Programme?
            if role.contains(.trainee) {
                enrolOn = try chooseProgramme(in: curriculum.load())
            }
            let person: Person
            do {
                person = try await store.addPerson(NewPerson(name: name, email: email, roles: Set(role), passwordHash: passwordHash), at: now)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            if let enrolOn {
                var supervisorID: String?
                if let supervisor {
                    guard let found = try await store.person(email: supervisor), found.roles.contains(.supervisor) else {
                        throw CommandFailure("\(person.name) was added, but there is no supervisor with the email \(supervisor).")
                    }
                    supervisorID = found.id
                }
                try await Enrolments(store: store).enrol(person.id, on: enrolOn, supervisorID: supervisorID, at: now)
            }
            let roles = person.roles.sorted().map(\.rawValue).joined(separator: ", ")
            print("Added \(person.name) <\(person.email)> as \(roles)\(enrolOn.map { " on \"\($0.title)\"" } ?? "").")
        }
    }

    private func readPassword() throws -> String {
        let password: String?
        if passwordStdin {
            password = Console.readLine()
        } else if Console.inputIsTerminal {
            let first = Console.readSecret(prompt: "Password for \(email): ")
            let second = Console.readSecret(prompt: "Type it again: ")
            guard first == second else { throw CommandFailure("The two passwords are different. Nothing was added.") }
            password = first
        } else {
            throw ValidationError("Standard input is not a terminal: give the password on standard input with --password-stdin.")
        }
        guard let password, !password.isEmpty else { throw CommandFailure("No password was given. Nothing was added.") }
        if let problem = Passwords.problem(with: password, name: name, email: email) { throw CommandFailure(problem + " Nothing was added.") }
        return password
    }

    private func chooseProgramme(in curriculum: Curriculum) throws -> Programme {
        if let programme {
            guard let found = curriculum.programme(programme) else {
                throw ValidationError("There is no programme '\(programme)'. Programmes: \(curriculum.programmes.map(\.id).joined(separator: ", ")).")
            }
            return found
        }
        if let only = curriculum.programmes.first, curriculum.programmes.count == 1 { return only }
        if let main = curriculum.programme("peer-mentoring") { return main }
        throw ValidationError("Say which programme with --programme: \(curriculum.programmes.map(\.id).joined(separator: ", ")).")
    }
}

/// `waymark users list`.
struct ListUsers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List people and their roles.")

    @OptionGroup var data: DataOptions

    @Option(help: "Only people with this role.")
    var role: Role?

    func run() async throws {
        let people = try await data.withStore(creating: false) { store in try await store.people(withRole: role) }
        let rows = people.map { [$0.name, $0.email, $0.roles.sorted().map(\.rawValue).joined(separator: ", "), $0.isActive ? "" : "deactivated"] }
        print(Table.render(header: ["NAME", "EMAIL", "ROLES", ""], rows: rows), terminator: "")
    }
}

/// `waymark users set-password`.
struct SetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-password",
        abstract: "Set a person's password (asked for, or from standard input)."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The person's email address.")
    var email: String

    @Flag(help: "Read the password from the first line of standard input.")
    var passwordStdin = false

    func run() async throws {
        try await data.withStore(creating: false) { store in
            guard let person = try await store.person(email: email) else { throw CommandFailure("There is nobody with the email \(email).") }
            let password: String?
            if passwordStdin {
                password = Console.readLine()
            } else if Console.inputIsTerminal {
                password = Console.readSecret(prompt: "New password for \(person.email): ")
            } else {
                throw ValidationError("Standard input is not a terminal: give the password on standard input with --password-stdin.")
            }
            guard let password, !password.isEmpty else { throw CommandFailure("No password was given. Nothing changed.") }
            if let problem = Passwords.problem(with: password, name: person.name, email: person.email) {
                throw CommandFailure(problem + " Nothing changed.")
            }
            try await store.setPassword(personID: person.id, hash: Passwords().hash(password), by: "cli", at: Date())
            print("The password for \(person.email) is set.")
        }
    }
}
