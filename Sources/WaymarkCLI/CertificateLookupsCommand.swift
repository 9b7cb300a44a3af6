import ArgumentParser
import Foundation
import WaymarkCredentials
import WaymarkStore

/// `waymark certificates lookups CODE`: how often a certificate was checked, day by day.
struct CertificateLookups: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookups",
        abstract: "How often a certificate was checked, day by day (UTC): on its page, as a credential, by its status.",
        discussion: "Waymark counts lookups per day and kind only: who looked, and when in the day, is never kept."
    )

    @OptionGroup var data: DataOptions

    @Argument(help: "The certificate's code, as printed on it (case and dashes do not matter).")
    var code: String

    @Option(help: "How many of the most recent days with lookups to show (default 30).")
    var days: Int = 30

    func validate() throws {
        guard (1...3_660).contains(days) else { throw ValidationError("--days must be from 1 to 3660.") }
    }

    func run() async throws {
        let code: CertificateCode
        switch CertificateCode.read(self.code) {
        case .code(let read): code = read
        case .typo: throw CommandFailure("This code has a typo: one of the characters is wrong. Check it against the certificate.")
        case .malformed: throw CommandFailure("'\(self.code)' does not look like a certificate code. Codes look like WM-7KQ2-9XHP-3D8M-TB4N-Q.")
        }
        try await data.withStore(creating: false) { store in
            guard try await store.certificate(code: code.description) != nil else {
                throw CommandFailure("There is no certificate with the code \(code.description).")
            }
            let counted = try await store.lookupDays(code: code.description, limit: days)
            guard !counted.isEmpty else {
                print("\(code.description) has not been checked yet.")
                return
            }
            let rows = counted.map { day in
                [Dates.countedDay(day.day), String(day.page), String(day.credential), String(day.status), String(day.total)]
            }
            print(Table.render(header: ["DAY (UTC)", "PAGE", "CREDENTIAL", "STATUS", "IN ALL"], rows: rows), terminator: "")
            let total = try await store.lookupCount(code: code.description)
            print("\(total.count) lookup\(total.count == 1 ? "" : "s") in all")
        }
    }
}
