import WaymarkCurriculum
import WaymarkXML

/// The preview's first page: every programme, its pathway drawn as a list in order, and a link
/// to each unit and check; the problems of every file above them.
struct PreviewIndexModel {
    struct ProgrammeModel {
        var id: String
        var title: String
        var version: String
        var recruitment: [RecruitmentItem]
        var modules: [ModuleItem]
        var practice: [String]
        var certificate: String
    }

    struct RecruitmentItem {
        var title: String
        var note: String?
    }

    struct ModuleItem {
        var title: String
        var unitHref: String?
        var checkHref: String?
        var checkTitle: String?
        /// The modules to finish first, by title.
        var needs: String?
        var notes: [String]
        /// Where to read the problems that stop one of its pages, if any do.
        var problemsHref: String?
    }

    var folder: String
    var problemsHeading: String?
    var problemLines: [String]
    var programmes: [ProgrammeModel]

    init(_ loaded: PreviewFolder.Loaded, folder: String) {
        self.folder = folder
        guard let report = loaded.report else {
            problemsHeading = "The folder cannot be read"
            problemLines = [loaded.folderProblem ?? ""]
            programmes = []
            return
        }
        problemLines = report.diagnostics.map(\.description)
        let errors = report.errorCount
        let warnings = report.warningCount
        if errors > 0 {
            problemsHeading = "\(errors) problem\(errors == 1 ? "" : "s") to fix"
        } else if warnings > 0 {
            problemsHeading = "\(warnings) thing\(warnings == 1 ? "" : "s") worth a look (trainees can still use every page)"
        }
        let errorFiles = Set(report.diagnostics.filter { $0.severity == .error }.map(\.file))
        programmes = report.curriculum.programmes.map { Self.programme($0, errorFiles: errorFiles, root: loaded.root) }
    }

    private static func programme(_ programme: Programme, errorFiles: Set<String>, root: String) -> ProgrammeModel {
        let files = PreviewFiles(programme, root: root)
        let titles = Dictionary(programme.modules.map { ($0.id, title(of: $0, in: programme)) }, uniquingKeysWith: { first, _ in first })
        let modules = PathwayOrder.modules(programme).map { module in
            let link = PreviewLinks.module(programme.id, module.id)
            let unitHref = programme.unit(for: module).map { _ in link }
            let assessment = programme.assessment(for: module)
            var notes: [String] = []
            if module.isOpenToApplicants { notes.append("Open to applicants: they can start it before their recruitment checks are done.") }
            if module.isOptional { notes.append("Optional: the certificate does not need it.") }
            if module.assessmentID != nil, assessment == nil { notes.append("Its check did not load.") }
            if programme.unit(for: module) == nil { notes.append("Its unit did not load.") }
            let unitBroken = errorFiles.contains { files.isPart($0, of: module, check: false) }
            let checkBroken = module.assessmentID != nil && errorFiles.contains { files.isPart($0, of: module, check: true) }
            return ModuleItem(
                title: titles[module.id] ?? module.id,
                unitHref: unitHref,
                checkHref: assessment.map { _ in link + "/check" },
                checkTitle: assessment?.title,
                needs: module.requires.isEmpty ? nil : inWords(module.requires.map { "“\(titles[$0] ?? $0)”" }),
                notes: notes,
                problemsHref: unitBroken ? link : (checkBroken ? link + "/check" : nil)
            )
        }
        return ProgrammeModel(
            id: programme.id,
            title: programme.title,
            version: programme.version,
            recruitment: programme.recruitment.map { check in
                RecruitmentItem(title: check.title, note: recruitmentNote(check))
            },
            modules: modules,
            practice: programme.practice.map { practice(of: $0, titles: titles) } ?? [],
            certificate: certificate(programme.certificate, titles: titles)
        )
    }

    /// "A", "A and B", "A, B and C".
    private static func inWords(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    private static func title(of module: Module, in programme: Programme) -> String {
        programme.unit(for: module)?.title ?? module.id
    }

    private static func recruitmentNote(_ check: RecruitmentCheck) -> String? {
        switch check.kind {
        case .application: "done when the applicant sends the application form"
        case .vetting: "the DBS check: done when a coordinator saves the DBS record"
        case .standard: check.count > 1 ? "\(check.count) needed, recorded by a coordinator" : "recorded by a coordinator"
        }
    }

    private static func practice(of practice: PracticeRequirements, titles: [String: String]) -> [String] {
        var lines: [String] = []
        if let after = practice.opensAfter { lines.append("Opens after “\(titles[after] ?? after)”.") }
        if let hours = practice.minimumHours { lines.append("At least \(hours.formatted()) hours, countersigned by a supervisor.") }
        if let supervision = practice.supervision {
            let gap = supervision.maximumGapDays.map { ", no more than \($0) days apart" } ?? ""
            lines.append("\(supervision.sessions) supervision session\(supervision.sessions == 1 ? "" : "s")\(gap).")
        }
        if let reflections = practice.minimumReflections {
            lines.append("\(reflections) reflection\(reflections == 1 ? "" : "s") read and accepted by a trainer.")
        }
        return lines
    }

    private static func certificate(_ certificate: CertificateSpec, titles: [String: String]) -> String {
        var text = "“\(certificate.title)”, " + (certificate.validForMonths.map { "valid for \($0) months" } ?? "with no end date")
        if let renewal = certificate.renewal {
            var asks: [String] = []
            if let hours = renewal.cpdHours { asks.append("\(hours.formatted()) hours of CPD (learning done after qualifying)") }
            if !renewal.refresherModules.isEmpty {
                let checks = inWords(renewal.refresherModules.map { "“\(titles[$0] ?? $0)”" })
                asks.append("taking the check\(renewal.refresherModules.count == 1 ? "" : "s") of \(checks) again")
            }
            if !asks.isEmpty { text += "; renewing it asks for " + asks.joined(separator: " and ") }
        }
        return text + "."
    }
}

/// The problems that stop a preview page, in place of the page.
struct PreviewProblemsModel {
    var what: String
    var lines: [String]
}

/// Where the preview's pages are. Every page of a module sits under its programme, as module ids
/// need only be different within one programme.
enum PreviewLinks {
    static func module(_ programmeID: String, _ moduleID: String) -> String {
        "/programmes/\(programmeID)/modules/\(moduleID)"
    }
}

/// A programme's modules in the order a trainee can take them: as the trainer listed them, except
/// that a module comes after every module it needs. A circle of prerequisites (an error the
/// loader reports) is cut where it closes. Walked with a stack of its own, not by recursion, as
/// a chain of prerequisites can be thousands long.
enum PathwayOrder {
    static func modules(_ programme: Programme) -> [Module] {
        let modules = programme.modules
        let index = Dictionary(modules.indices.map { (modules[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Array(repeating: false, count: modules.count)
        var order: [Module] = []
        order.reserveCapacity(modules.count)
        for root in modules.indices where !seen[root] {
            seen[root] = true
            var stack = [(module: root, nextNeed: 0)]
            while let (current, need) = stack.popLast() {
                let requires = modules[current].requires
                guard need < requires.count else {
                    order.append(modules[current])
                    continue
                }
                stack.append((current, need + 1))
                if let needed = index[requires[need]], !seen[needed] {
                    seen[needed] = true
                    stack.append((needed, 0))
                }
            }
        }
        return order
    }
}
