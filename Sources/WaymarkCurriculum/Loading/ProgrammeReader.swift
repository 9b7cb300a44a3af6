import WaymarkXML

/// A programme file read on its own, before its units and assessments are attached.
struct ProgrammeFile: Sendable {
    var programme: Programme
    var id: IDAnchor
    /// Where each module is written, and its attributes, for cross-file diagnostics.
    var modules: [String: ModuleAnchors]
    var practiceOpensAfter: DeferredLocation?
    var renewalRefresher: DeferredLocation?
}

/// The places in a `<module>` element that cross-file problems point at.
struct ModuleAnchors: Sendable {
    var element: DeferredLocation
    var unit: DeferredLocation
    var assessment: DeferredLocation
    var requires: DeferredLocation
}

extension FileReader {
    mutating func readProgramme(_ root: ParsedElement) -> ProgrammeFile {
        let recruitment =
            child(root, "recruitment").map { recruitment in
                children(recruitment, "check").map { check in
                    RecruitmentCheck(
                        id: check.attribute("id") ?? "",
                        title: TextReader.folded(check.attribute("title") ?? ""),
                        count: int(check, "count") ?? 1,
                        kind: check.attribute("kind").flatMap(RecruitmentCheck.Kind.init(rawValue:)) ?? .standard
                    )
                }
            } ?? []

        var modules: [Module] = []
        var anchors: [String: ModuleAnchors] = [:]
        for element in child(root, "training").map({ children($0, "module") }) ?? [] {
            let module = Module(
                id: element.attribute("id") ?? "",
                unitPath: (element.attribute("unit") ?? "").trimmingWhitespace,
                unitID: nil,
                assessmentID: element.attribute("assessment")?.trimmingWhitespace,
                requires: idList(element, "requires"),
                isOpenToApplicants: bool(element, "open-to-applicants", default: false),
                isOptional: bool(element, "optional", default: false)
            )
            modules.append(module)
            anchors[module.id] = ModuleAnchors(
                element: element.deferredLocation,
                unit: element.deferredLocation(ofAttribute: "unit"),
                assessment: element.deferredLocation(ofAttribute: "assessment"),
                requires: element.deferredLocation(ofAttribute: "requires")
            )
        }

        let practiceElement = child(root, "practice")
        let practice = practiceElement.map { practice in
            PracticeRequirements(
                opensAfter: practice.attribute("opens-after")?.trimmingWhitespace,
                minimumHours: child(practice, "hours").flatMap { double($0, "minimum") },
                supervision: child(practice, "supervision").map {
                    SupervisionRule(sessions: int($0, "sessions") ?? 1, maximumGapDays: int($0, "max-gap-days"))
                },
                minimumReflections: child(practice, "reflections").flatMap { int($0, "minimum") }
            )
        }

        let certificateElement = child(root, "certificate")
        let renewalElement = certificateElement.flatMap { child($0, "renewal") }
        let certificate = CertificateSpec(
            title: TextReader.folded(certificateElement?.attribute("title") ?? ""),
            validForMonths: certificateElement.flatMap { int($0, "valid-for-months") },
            description: certificateElement.flatMap { child($0, "description") }.map(TextReader.inlines) ?? [],
            criteria: certificateElement.flatMap { child($0, "criteria") }.map(TextReader.inlines) ?? [],
            renewal: renewalElement.map { renewal in
                RenewalRule(
                    cpdHours: double(renewal, "cpd-hours"),
                    refresherModules: idList(renewal, "refresher"),
                    opensMonthsBefore: int(renewal, "opens-months-before") ?? 3
                )
            }
        )
        if let renewalElement, certificate.validForMonths == nil {
            warning(renewalElement, "This certificate never expires (no valid-for-months), so it is never renewed.")
        }

        let id = root.attribute("id") ?? ""
        return ProgrammeFile(
            programme: Programme(
                id: id,
                version: (root.attribute("version") ?? "").trimmingWhitespace,
                title: title(child(root, "title")),
                summary: child(root, "summary").map(TextReader.inlines) ?? [],
                recruitment: recruitment,
                modules: modules,
                practice: practice,
                certificate: certificate,
                units: [:],
                assessments: [:]
            ),
            id: IDAnchor(id: id, file: path, location: root.deferredLocation(ofAttribute: "id")),
            modules: anchors,
            practiceOpensAfter: practiceElement.flatMap {
                $0.attribute("opens-after") != nil ? $0.deferredLocation(ofAttribute: "opens-after") : nil
            },
            renewalRefresher: renewalElement.flatMap { $0.attribute("refresher") != nil ? $0.deferredLocation(ofAttribute: "refresher") : nil }
        )
    }
}
