import ArgumentParser
import Foundation
import WaymarkCredentials

/// `waymark keys ...`: the Ed25519 keys that sign credentials.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "The keys that sign credentials: list, rotate, retire, publish.",
        discussion: "The signing key is made on first use in <data>/keys/signing-key.json (mode 0600). Private keys are never printed.",
        subcommands: [ListKeys.self, RotateKeys.self, RetireKey.self, ExportJWKS.self]
    )
}

extension DataOptions {
    /// The key store in the data folder.
    var keyStore: KeyStore { KeyStore(dataDirectory: url) }
}

/// Where the keys are: only the data folder. Keys never live in the database, so the keys
/// commands do not offer --database.
struct KeyFolderOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data folder holding keys/ (default: ./data, or WAYMARK_DATA).")
    var directory: String?

    var settings: WaymarkSettings { WaymarkSettings(flags: [(WaymarkSettings.data, directory)]) }

    var keyStore: KeyStore { KeyStore(dataDirectory: URL(fileURLWithPath: settings.text(WaymarkSettings.data), isDirectory: true)) }
}

/// `waymark keys list`.
struct ListKeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the published keys, saying which one signs now.")

    @OptionGroup var data: KeyFolderOptions

    func run() throws {
        let dates = try data.settings.dates()
        let keys = try keyFailure {
            _ = try data.keyStore.signingKey()
            return try data.keyStore.publishedKeys()
        }
        let rows = keys.map { [$0.kid, dates.day($0.createdAt), $0.isSigning ? "signing" : "published"] }
        print(Table.render(header: ["KEY ID", "CREATED", "USE"], rows: rows), terminator: "")
    }
}

/// `waymark keys rotate`.
struct RotateKeys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Make a new signing key. Old public keys stay published, so credentials signed before still verify."
    )

    @OptionGroup var data: KeyFolderOptions

    func run() throws {
        let key = try keyFailure { try data.keyStore.rotate() }
        print("New signing key \(key.kid). Earlier keys stay published; remove one with 'waymark keys retire KEY-ID'.")
    }
}

/// `waymark keys retire KID`.
struct RetireKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Stop publishing an old key. Credentials signed with it will no longer verify."
    )

    @OptionGroup var data: KeyFolderOptions

    // A key id is base64url, so one in 64 starts with "-": taken as it is, not as an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The key id, as 'waymark keys list' shows it.", valueName: "kid"))
    var kids: [String] = []

    var kid: String { kids.first ?? "" }

    func validate() throws {
        guard kids.count == 1 else { throw ValidationError("Give one key id, as 'waymark keys list' shows it.") }
    }

    func run() throws {
        try keyFailure { try data.keyStore.retire(kid: kid) }
        print("Key \(kid) is no longer published. Credentials signed with it no longer verify.")
    }
}

/// `waymark keys jwks [--out FILE]`.
struct ExportJWKS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jwks",
        abstract: "Write the public keys as a JWK Set (what /.well-known/jwks.json serves)."
    )

    @OptionGroup var data: KeyFolderOptions

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let set = try keyFailure {
            _ = try data.keyStore.signingKey()
            return try data.keyStore.jwks()
        }
        try Output.write(set.json() + Data("\n".utf8), to: out)
    }
}

/// Runs a key operation, turning a key file problem into a plain failure.
@discardableResult
func keyFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as KeyStoreError {
        throw CommandFailure(error.description)
    }
}

/// The same, for work that waits (building a status list reads the store, then signs).
func keyFailure<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as KeyStoreError {
        throw CommandFailure(error.description)
    }
}

/// Writing a command's result to a file or standard output.
enum Output {
    /// Writes `data` to `path`, or to standard output when there is none.
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("Cannot write \(path): \(error.localizedDescription)")
        }
    }
}
