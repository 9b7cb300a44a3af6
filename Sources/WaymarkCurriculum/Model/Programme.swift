/// A pathway: recruitment checks, training modules, supervised practice and the certificate.
public struct Programme: Sendable, Hashable {
    /// Stable key, such as "peer-mentoring".
    public var id: String
    /// The version trainers give this edition, such as "2026.1"; events record it.
    public var version: String
    /// The name people see.
    public var title: String
    /// A sentence or two about who it is for.
    public var summary: [Inline]
    /// Checks made before training opens, in order.
    public var recruitment: [RecruitmentCheck]
    /// Training modules, in the order trainers listed them.
    public var modules: [Module]
    /// What supervised practice asks for, if the programme has practice.
    public var practice: PracticeRequirements?
    /// The certificate earned at the end.
    public var certificate: CertificateSpec
    /// The units' reading, by unit id.
    public var units: [String: Unit]
    /// The assessments, by assessment id.
    public var assessments: [String: Assessment]

    /// The module with this id, if there is one.
    public func module(_ id: String) -> Module? {
        modules.first { $0.id == id }
    }

    /// The reading for a module, when its unit file loaded.
    public func unit(for module: Module) -> Unit? {
        module.unitID.flatMap { units[$0] }
    }

    /// The assessment for a module, when it has one that loaded.
    public func assessment(for module: Module) -> Assessment? {
        module.assessmentID.flatMap { assessments[$0] }
    }

    /// Every reflection prompt, in units and in assessments, by id.
    public var reflectionPromptIDs: [String] {
        let inUnits = modules.compactMap { unit(for: $0) }.flatMap { $0.reflections.map(\.id) }
        let inAssessments = modules.compactMap { assessment(for: $0) }.flatMap { assessment in
            assessment.questions.compactMap { question -> String? in
                if case .reflection = question.kind { return question.id }
                return nil
            }
        }
        return inUnits + inAssessments
    }

    /// Makes a value with every field given.
    public init(
        id: String,
        version: String,
        title: String,
        summary: [Inline],
        recruitment: [RecruitmentCheck],
        modules: [Module],
        practice: PracticeRequirements?,
        certificate: CertificateSpec,
        units: [String: Unit],
        assessments: [String: Assessment]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.summary = summary
        self.recruitment = recruitment
        self.modules = modules
        self.practice = practice
        self.certificate = certificate
        self.units = units
        self.assessments = assessments
    }
}

/// One recruitment check, such as references or the DBS check.
public struct RecruitmentCheck: Sendable, Hashable {
    /// Stable key.
    public var id: String
    /// What people see.
    public var title: String
    /// How many are needed (two references, say).
    public var count: Int
    /// Vetting checks hold criminal-record data and are handled with extra care.
    public var kind: Kind

    /// Whether a check is ordinary, a vetting (DBS) check, or the application form, which the
    /// applicant completes by sending it in.
    public enum Kind: String, Sendable, Hashable {
        case standard
        case vetting
        case application
    }

    /// Makes a value with every field given.
    public init(
        id: String,
        title: String,
        count: Int,
        kind: Kind
    ) {
        self.id = id
        self.title = title
        self.count = count
        self.kind = kind
    }
}

/// A training module: a unit to read and usually an assessment to pass.
public struct Module: Sendable, Hashable {
    /// Stable key.
    public var id: String
    /// The unit file, relative to the programme folder.
    public var unitPath: String
    /// The id inside that unit file, once it has loaded.
    public var unitID: String?
    /// The assessment to pass, if any.
    public var assessmentID: String?
    /// Modules that must be completed first.
    public var requires: [String]
    /// Whether applicants may start it before recruitment is complete.
    public var isOpenToApplicants: Bool
    /// Whether the certificate can be earned without it.
    public var isOptional: Bool

    /// Makes a value with every field given.
    public init(
        id: String,
        unitPath: String,
        unitID: String?,
        assessmentID: String?,
        requires: [String],
        isOpenToApplicants: Bool,
        isOptional: Bool
    ) {
        self.id = id
        self.unitPath = unitPath
        self.unitID = unitID
        self.assessmentID = assessmentID
        self.requires = requires
        self.isOpenToApplicants = isOpenToApplicants
        self.isOptional = isOptional
    }
}

/// What supervised practice asks for.
public struct PracticeRequirements: Sendable, Hashable {
    /// The module whose completion opens practice; nil means practice opens with training.
    public var opensAfter: String?
    /// Countersigned hours needed.
    public var minimumHours: Double?
    /// Supervision sessions needed, and the longest gap allowed between them.
    public var supervision: SupervisionRule?
    /// Accepted reflections needed.
    public var minimumReflections: Int?

    /// Makes a value with every field given.
    public init(
        opensAfter: String?,
        minimumHours: Double?,
        supervision: SupervisionRule?,
        minimumReflections: Int?
    ) {
        self.opensAfter = opensAfter
        self.minimumHours = minimumHours
        self.supervision = supervision
        self.minimumReflections = minimumReflections
    }
}

/// How often a mentor meets their supervisor.
public struct SupervisionRule: Sendable, Hashable {
    /// Sessions needed before the certificate.
    public var sessions: Int
    /// Longest gap between sessions, in days, before a mentor counts as overdue.
    public var maximumGapDays: Int?

    /// Makes a value with every field given.
    public init(
        sessions: Int,
        maximumGapDays: Int?
    ) {
        self.sessions = sessions
        self.maximumGapDays = maximumGapDays
    }
}

/// The certificate a programme leads to.
public struct CertificateSpec: Sendable, Hashable {
    /// Its name, such as "Certified Peer Mentor".
    public var title: String
    /// How long it stays valid; nil means it does not expire.
    public var validForMonths: Int?
    /// What holding it means, for the credential and the verify page.
    public var description: [Inline]
    /// What was done to earn it.
    public var criteria: [Inline]
    /// What renewing it asks for, if it can be renewed.
    public var renewal: RenewalRule?

    /// Makes a value with every field given.
    public init(
        title: String,
        validForMonths: Int?,
        description: [Inline],
        criteria: [Inline],
        renewal: RenewalRule?
    ) {
        self.title = title
        self.validForMonths = validForMonths
        self.description = description
        self.criteria = criteria
        self.renewal = renewal
    }
}

/// What a holder does to renew a certificate.
public struct RenewalRule: Sendable, Hashable {
    /// Hours of continuing professional development.
    public var cpdHours: Double?
    /// Modules to take again.
    public var refresherModules: [String]
    /// How many months before expiry renewal opens.
    public var opensMonthsBefore: Int

    /// Makes a value with every field given.
    public init(
        cpdHours: Double?,
        refresherModules: [String],
        opensMonthsBefore: Int
    ) {
        self.cpdHours = cpdHours
        self.refresherModules = refresherModules
        self.opensMonthsBefore = opensMonthsBefore
    }
}
