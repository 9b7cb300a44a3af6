import WaymarkXML

/// Joins programmes to their units and assessments and makes the checks that need more than
/// one file: missing files, unknown or circular prerequisites, duplicate ids, unknown ids.
struct CurriculumLinker {
    let files: CurriculumFiles
    let outcomes: [FileOutcome]
    /// Where a problem is written is worked out only for the problems kept.
    private(set) var diagnostics = DiagnosticCollector()

    init(files: CurriculumFiles, outcomes: [FileOutcome]) {
        self.files = files
        self.outcomes = outcomes
    }

    mutating func link() -> [Programme] {
        var programmeFiles: [String: ProgrammeFile] = [:]
        var unitsByFolder: [String: [(relative: String, file: UnitFile)]] = [:]
        var assessmentsByFolder: [String: [AssessmentFile]] = [:]
        for outcome in outcomes {
            switch outcome.content {
            case .programme(let programme): programmeFiles[outcome.file.programmeFolder] = programme
            case .unit(let unit): unitsByFolder[outcome.file.programmeFolder, default: []].append((outcome.file.relativePath, unit))
            case .assessment(let assessment): assessmentsByFolder[outcome.file.programmeFolder, default: []].append(assessment)
            case .none: break
            }
        }

        var programmes: [Programme] = []
        var programmeIDs: [String: IDAnchor] = [:]
        for folder in files.programmeFolders {
            guard let programmeFile = programmeFiles[folder] else { continue }
            if let first = programmeIDs[programmeFile.id.id] {
                error(programmeFile.id, "The programme id '\(first.id)' is already used by \(first.reference). Every programme needs its own id.")
            } else {
                programmeIDs[programmeFile.id.id] = programmeFile.id
            }
            if programmeFile.id.id != folder, !programmeFile.id.id.isEmpty {
                warning(
                    programmeFile.id,
                    "The folder is called '\(folder)' but the programme id is '\(programmeFile.id.id)'. Give them the same name so its assessments are easy to find."
                )
            }
            programmes.append(
                linkProgramme(programmeFile, folder: folder, units: unitsByFolder[folder] ?? [], assessments: assessmentsByFolder[folder] ?? [])
            )
        }

        for folder in files.assessmentFolders where !files.programmeFolders.contains(folder) {
            for assessment in assessmentsByFolder[folder] ?? [] {
                error(
                    assessment.id,
                    "There is no programme folder Curriculum/\(folder)/ for this assessment. Assessments/<name>/ belongs to Curriculum/<name>/."
                )
            }
        }
        for folder in files.foldersWithoutProgramme {
            let message = "The folder Curriculum/\(folder)/ has no programme.xml, so its units belong to nothing."
            diagnostics.add(.error, "\(files.displayRoot)Curriculum/\(folder)/programme.xml", at: { .startOfFile }, { message })
        }
        return programmes
    }

    private mutating func linkProgramme(
        _ programmeFile: ProgrammeFile,
        folder: String,
        units: [(relative: String, file: UnitFile)],
        assessments: [AssessmentFile]
    ) -> Programme {
        var programme = programmeFile.programme
        let path = programmeFile.id.file

        // Units: ids unique in the programme, each module's file present.
        var unitIDs: [String: IDAnchor] = [:]
        var unitsByPath: [String: UnitFile] = [:]
        for (relative, unit) in units {
            unitsByPath[relative] = unit
            if let first = unitIDs[unit.id.id] {
                error(unit.id, "The unit id '\(unit.id.id)' is already used by \(first.reference). Every unit needs its own id.")
                continue
            }
            unitIDs[unit.id.id] = unit.id
            programme.units[unit.id.id] = unit.unit
        }
        var assessmentIDs: [String: IDAnchor] = [:]
        for assessment in assessments {
            if let first = assessmentIDs[assessment.id.id] {
                error(
                    assessment.id,
                    "The assessment id '\(assessment.id.id)' is already used by \(first.reference). Every assessment needs its own id."
                )
                continue
            }
            assessmentIDs[assessment.id.id] = assessment.id
            programme.assessments[assessment.id.id] = assessment.assessment
        }

        // Reflection prompts are keyed by id in a trainee's record, across units and assessments.
        var reflectionIDs: [String: IDAnchor] = [:]
        for anchor in units.flatMap(\.file.reflections) + assessments.flatMap(\.reflections) {
            if let first = reflectionIDs[anchor.id] {
                error(
                    anchor,
                    "The reflection id '\(anchor.id)' is already used by \(first.reference). Reflection ids must differ across the whole programme."
                )
            } else {
                reflectionIDs[anchor.id] = anchor
            }
        }

        let moduleIDs = Set(programme.modules.map(\.id))
        var usedUnits = Set<String>()
        var usedAssessments = Set<String>()
        for index in programme.modules.indices {
            let module = programme.modules[index]
            guard let anchors = programmeFile.modules[module.id] else { continue }
            if let unit = unitsByPath[module.unitPath] {
                programme.modules[index].unitID = unit.id.id
                usedUnits.insert(module.unitPath)
            } else if !files.all.contains(where: { $0.programmeFolder == folder && $0.kind == .unit && $0.relativePath == module.unitPath }) {
                let message =
                    "The unit file '\(module.unitPath)' does not exist. Looked for \(files.displayRoot)Curriculum/\(folder)/\(module.unitPath)."
                diagnostics.add(.error, path, at: { anchors.unit.resolve() }, { message })
            }
            if let assessmentID = module.assessmentID {
                if assessmentIDs[assessmentID] != nil {
                    usedAssessments.insert(assessmentID)
                } else {
                    let message = {
                        "There is no assessment with id '\(assessmentID)' in Assessments/\(folder)/.\(Self.suggestion(for: assessmentID, among: assessmentIDs.keys))"
                    }
                    diagnostics.add(.error, path, at: { anchors.assessment.resolve() }, message)
                }
            }
            for required in module.requires where !moduleIDs.contains(required) {
                let message = {
                    "Module '\(module.id)' requires '\(required)', but there is no module with that id.\(Self.suggestion(for: required, among: moduleIDs))"
                }
                diagnostics.add(.error, path, at: { anchors.requires.resolve() }, message)
            }
        }
        reportCycles(in: programme.modules, anchors: programmeFile.modules, path: path)

        if let opensAfter = programme.practice?.opensAfter, !moduleIDs.contains(opensAfter), let location = programmeFile.practiceOpensAfter {
            let message = {
                "Practice opens after '\(opensAfter)', but there is no module with that id.\(Self.suggestion(for: opensAfter, among: moduleIDs))"
            }
            diagnostics.add(.error, path, at: { location.resolve() }, message)
        }
        for refresher in programme.certificate.renewal?.refresherModules ?? [] where !moduleIDs.contains(refresher) {
            if let location = programmeFile.renewalRefresher {
                let message = {
                    "The refresher module '\(refresher)' does not exist.\(Self.suggestion(for: refresher, among: moduleIDs))"
                }
                diagnostics.add(.error, path, at: { location.resolve() }, message)
            }
        }

        for (relative, unit) in units where !usedUnits.contains(relative) && unitIDs[unit.id.id]?.isSame(as: unit.id) == true {
            warning(unit.id, "No module in \(path) uses this unit, so trainees will never see it.")
        }
        for assessment in assessments
        where !usedAssessments.contains(assessment.id.id) && assessmentIDs[assessment.id.id]?.isSame(as: assessment.id) == true {
            warning(assessment.id, "No module in \(path) uses this assessment, so trainees will never take it.")
        }
        return programme
    }

    /// Reports each circle of prerequisites once, at the first module of the circle as written.
    ///
    /// A depth-first walk kept in a list of its own rather than by recursion: a long chain of
    /// prerequisites would otherwise take a stack frame per module, and a programme of 20,000
    /// modules could overflow the thread's stack and stop the whole process.
    private mutating func reportCycles(in modules: [Module], anchors: [String: ModuleAnchors], path: String) {
        let requires = Dictionary(modules.map { ($0.id, $0.requires) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(modules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Bool] = [:]  // false: on the current path, true: finished
        var stack: [String] = []  // the current path
        var positions: [String: Int] = [:]  // where each module on the current path is in `stack`
        var walk: [(id: String, nextEdge: Int)] = []
        var reported = Set<Set<String>>()
        var found = DiagnosticCollector()

        func enter(_ id: String) {
            state[id] = false
            positions[id] = stack.count
            stack.append(id)
            walk.append((id, 0))
        }
        for module in modules where state[module.id] == nil {
            enter(module.id)
            while let top = walk.last {
                let edges = requires[top.id] ?? []
                guard top.nextEdge < edges.count else {
                    walk.removeLast()
                    stack.removeLast()
                    positions[top.id] = nil
                    state[top.id] = true
                    continue
                }
                walk[walk.count - 1].nextEdge += 1
                let next = edges[top.nextEdge]
                guard requires[next] != nil else { continue }
                if state[next] == false, let start = positions[next] {
                    let circle = Array(stack[start...])
                    guard reported.insert(Set(circle)).inserted else { continue }
                    let first = circle.min { (order[$0] ?? 0) < (order[$1] ?? 0) } ?? next
                    let rotated = rotate(circle, toStartAt: first)
                    let path_ = (rotated + [first]).joined(separator: " → ")
                    let location = anchors[first]?.requires ?? anchors[first]?.element
                    found.add(
                        .error,
                        path,
                        at: { location?.resolve() ?? .startOfFile },
                        { "These prerequisites go round in a circle: \(path_). None of these modules could ever be started." }
                    )
                } else if state[next] == nil {
                    enter(next)
                }
            }
        }
        diagnostics.add(contentsOf: found)
    }

    private func rotate(_ circle: [String], toStartAt first: String) -> [String] {
        guard let index = circle.firstIndex(of: first) else { return circle }
        return Array(circle[index...] + circle[..<index])
    }

    private static func suggestion(for id: String, among candidates: some Collection<String>) -> String {
        let close =
            candidates
            .map { ($0, EditDistance.between(id, $0)) }
            .filter { $0.1 <= max(1, id.count / 3) && $0.1 < id.count }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }
        return close.map { " Did you mean '\($0.0)'?" } ?? ""
    }

    private mutating func error(_ anchor: IDAnchor, _ message: @autoclosure () -> String) {
        diagnostics.add(.error, anchor.file, at: { anchor.location.resolve() }, message)
    }

    private mutating func warning(_ anchor: IDAnchor, _ message: @autoclosure () -> String) {
        diagnostics.add(.warning, anchor.file, at: { anchor.location.resolve() }, message)
    }
}

/// How many single-character edits turn one id into another, for "did you mean" hints.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
