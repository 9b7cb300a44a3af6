import ArgumentParser
import Configuration
import Foundation
import WaymarkActions
import WaymarkCertificates
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore
import WaymarkWeb

/// `waymark certificates ...`: issue, list and manage certificates.
struct CertificatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificates",
        abstract: "Issue, list, renew, suspend, reinstate and revoke certificates, and see how often each was checked.",
        subcommands: [
            ListCertificates.self, IssueCertificate.self, RenewCertificate.self, SuspendCertificate.self, ReinstateCertificate.self,
            RevokeCertificate.self, CertificateLookups.self,
        ]
    )
}

/// `--base-url` and `--issuer-name`: how credentials name the site and the organisation.
struct SiteOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: WaymarkSettings.baseURL.argumentHelp)
    var baseURL: String?

    @Option(name: .customLong("issuer-name"), help: WaymarkSettings.issuerName.argumentHelp)
    var issuerName: String?

    @Flag(help: WaymarkSettings.issuerDID.argumentHelp)
    var issuerDID = false

    /// The issuer credentials name: from these flags, else the environment, else the defaults,
    /// with the same site address as `serve` (`WaymarkSettings.siteAddress`).
    var issuer: CredentialIssuer {
        get throws { try issuer(environment: nil) }
    }

    /// The issuer, with the variables of `environment` (a test's) in place of the process's.
    func issuer(environment: (any ConfigProvider)?) throws -> CredentialIssuer {
        let settings = WaymarkSettings(
            environment: environment,
            flags: [
                (WaymarkSettings.baseURL, baseURL), (WaymarkSettings.issuerName, issuerName), (WaymarkSettings.issuerDID, issuerDID ? "1" : nil),
            ]
        )
        return CredentialIssuer(
            name: settings.text(WaymarkSettings.issuerName),
            baseURL: try settings.siteAddress(),
            asDID: try settings.value(WaymarkSettings.issuerDID)
        )
    }
}

/// `waymark certificates list`.
struct ListCertificates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List certificates: code, holder, achievement, status, valid until and how often each was checked (counted per day, in UTC)."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Only this programme.")
    var programme: String?

    func run() async throws {
        let dates = try data.settings.dates()
        try await data.withStore(creating: false) { store in
            let now = Date()
            var rows: [[String]] = []
            for certificate in try await store.certificates(programmeID: programme) {
                let lookups = try await store.lookupCount(code: certificate.code)
                rows.append([
                    certificate.code, certificate.holderName, certificate.title, certificate.status(at: now).label,
                    certificate.validUntil.map(dates.day) ?? "does not expire",
                    lookups.count == 0 ? "never" : "\(lookups.count)×, last \(lookups.lastDay.map(Dates.countedDay) ?? "")",
                ])
            }
            if rows.isEmpty {
                print("No certificates yet. Issue one with 'waymark certificates issue --email ...', or try 'waymark demo'.")
                return
            }
            print(Table.render(header: ["CODE", "HOLDER", "ACHIEVEMENT", "STATUS", "VALID UNTIL", "CHECKED"], rows: rows), terminator: "")
            print("\(rows.count) certificate\(rows.count == 1 ? "" : "s")")
        }
    }
}

/// `waymark certificates issue --email ...`.
struct IssueCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a certificate to a trainee the engine says is eligible; otherwise say what is still missing."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var site: SiteOptions

    @Option(help: "The trainee's email.")
    var email: String

    @Option(help: "The programme (default: the trainee's only one).")
    var programme: String?

    func run() async throws {
        let dates = try data.settings.dates()
        try await data.withStore(creating: false) { store in
            let (trainee, programme) = try await CertificateCommandSupport.traineeAndProgramme(
                email: email,
                programmeID: programme,
                store: store,
                curriculum: curriculum
            )
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            let certificate = try await storeFailure { try await certificates.issue(to: trainee.id, on: programme, by: "cli", at: Date()) }
            print(
                "Issued \(certificate.code) to \(certificate.holderName): \(certificate.title)\(certificate.validUntil.map { ", valid until \(dates.day($0))" } ?? "")."
            )
            print("Verify at \(certificates.issuer.verifyURL(certificate.code))")
        }
    }
}

/// `waymark certificates renew CODE`.
struct RenewCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew a certificate when renewal is open and met: a new code replaces the old one, which shows as superseded."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var site: SiteOptions

    @Argument(help: "The certificate code.")
    var code: String

    func run() async throws {
        let dates = try data.settings.dates()
        try await data.withStore(creating: false) { store in
            let (old, programme) = try await CertificateCommandSupport.certificate(code, store: store, curriculum: curriculum)
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            let renewed = try await storeFailure { try await certificates.renew(old.code, of: old.traineeID, on: programme, by: "cli", at: Date()) }
            print(
                "Renewed: \(renewed.code) replaces \(old.code) for \(renewed.holderName)\(renewed.validUntil.map { ", valid until \(dates.day($0))" } ?? "")."
            )
        }
    }
}

/// `waymark certificates suspend CODE --reason ...`.
struct SuspendCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend a certificate (the reason is never shown publicly).")

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var site: SiteOptions
    @Argument(help: "The certificate code.") var code: String
    @Option(help: "Why (kept for coordinators; never shown publicly).") var reason: String

    func run() async throws {
        try await CertificateCommandSupport.change(code, data: data, curriculum: curriculum, site: site) { certificates, certificate, programme in
            try await certificates.change(.certificateSuspended(code: certificate.code), of: certificate.traineeID, on: programme, by: "cli", reason: reason, at: Date())
            return "Suspended \(certificate.code). Verifiers now see it as suspended."
        }
    }
}

/// `waymark certificates reinstate CODE`.
struct ReinstateCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reinstate", abstract: "Lift a suspension.")

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var site: SiteOptions
    @Argument(help: "The certificate code.") var code: String
    @Option(help: "Why (optional).") var reason: String?

    func run() async throws {
        try await CertificateCommandSupport.change(code, data: data, curriculum: curriculum, site: site) { certificates, certificate, programme in
            try await certificates.change(.certificateReinstated(code: certificate.code), of: certificate.traineeID, on: programme, by: "cli", reason: reason, at: Date())
            return "Reinstated \(certificate.code)."
        }
    }
}

/// `waymark certificates revoke CODE --reason ...`.
struct RevokeCertificate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a certificate for good (the reason is never shown publicly)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var site: SiteOptions
    @Argument(help: "The certificate code.") var code: String
    @Option(help: "Why (kept for coordinators; never shown publicly).") var reason: String

    func run() async throws {
        try await CertificateCommandSupport.change(code, data: data, curriculum: curriculum, site: site) { certificates, certificate, programme in
            try await certificates.change(.certificateRevoked(code: certificate.code), of: certificate.traineeID, on: programme, by: "cli", reason: reason, at: Date())
            return "Revoked \(certificate.code). Verifiers now see it as revoked."
        }
    }
}

/// Runs a store operation, turning a refusal into a plain failure.
@discardableResult
func storeFailure<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StoreError {
        throw CommandFailure(error.description)
    } catch let error as KeyStoreError {
        throw CommandFailure(error.description)
    }
}

/// Finding the trainee, certificate and programme a certificate command is about.
enum CertificateCommandSupport {
    /// Finds the certificate a code names, makes one change to it through the trainee's record
    /// (which also builds the status lists it changes, naming the site `site` gives), and prints
    /// what `apply` says happened; a refusal is a plain failure.
    static func change(
        _ code: String,
        data: DataOptions,
        curriculum: CurriculumOptions,
        site: SiteOptions,
        _ apply: (Certificates<AnyWaymarkStore>, CertificateRecord, Programme) async throws -> String
    ) async throws {
        try await data.withStore(creating: false) { store in
            let (certificate, programme) = try await certificate(code, store: store, curriculum: curriculum)
            let certificates = try Certificates(store: store, keys: data.keyStore, issuer: site.issuer)
            print(try await storeFailure { try await apply(certificates, certificate, programme) })
        }
    }

    static func traineeAndProgramme(
        email: String,
        programmeID: String?,
        store: AnyWaymarkStore,
        curriculum: CurriculumOptions
    ) async throws
        -> (Person, Programme)
    {
        guard let trainee = try await store.person(email: email) else { throw CommandFailure("There is no one with the email \(email).") }
        let enrolled = try await store.enrolments(traineeID: trainee.id).map(\.programmeID)
        let chosen: String
        if let programmeID {
            guard enrolled.contains(programmeID) else { throw CommandFailure("\(trainee.name) is not on the programme '\(programmeID)'.") }
            chosen = programmeID
        } else {
            guard let only = enrolled.first else { throw CommandFailure("\(trainee.name) is not on any programme.") }
            guard enrolled.count == 1 else {
                throw CommandFailure("\(trainee.name) is on several programmes (\(enrolled.joined(separator: ", "))); choose one with --programme.")
            }
            chosen = only
        }
        return (trainee, try programme(chosen, curriculum: curriculum))
    }

    static func certificate(_ typed: String, store: AnyWaymarkStore, curriculum: CurriculumOptions) async throws -> (CertificateRecord, Programme) {
        switch CertificateCode.read(typed) {
        case .malformed: throw CommandFailure("'\(typed)' is not a certificate code (they look like WM-7KQ2-9XHP-3D8M-TB4N-Q).")
        case .typo: throw CommandFailure("The code '\(typed)' has a typo: please check it.")
        case .code(let code):
            guard let certificate = try await store.certificate(code: code.description) else {
                throw CommandFailure("There is no certificate \(code.description).")
            }
            return (certificate, try programme(certificate.programmeID, curriculum: curriculum))
        }
    }

    static func programme(_ id: String, curriculum: CurriculumOptions) throws -> Programme {
        guard let programme = try curriculum.load().programme(id) else { throw CommandFailure("The curriculum has no programme '\(id)'.") }
        return programme
    }
}
