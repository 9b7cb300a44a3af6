/// What changes between two curricula, by the ids progress refers to: programmes, modules, the
/// units they read, the checks (assessments) they end with, the checks' questions and pass
/// marks. Titles and wording count as a change of the thing they belong to; ids never change,
/// so an id that is gone is something removed and a new id is something added.
///
/// Pure: it compares two loaded values and reads no file, so `waymark curriculum diff` and the
/// curriculum page show the same list.
public struct CurriculumDiff: Sendable, Equatable {
    /// Added, removed or changed.
    public enum Kind: String, Sendable, Equatable, Codable {
        case added, removed, changed
    }

    /// What a change is about.
    public enum Subject: String, Sendable, Equatable, Codable {
        case programme, module, unit, check, question
        case passMark = "pass-mark"

        /// The word for it in a sentence.
        public var word: String {
            switch self {
            case .programme: "Programme"
            case .module: "Module"
            case .unit: "Reading"
            case .check: "Check"
            case .question: "Question"
            case .passMark: "Pass mark"
            }
        }
    }

    /// One change.
    public struct Change: Sendable, Equatable, Codable {
        public var programmeID: String
        public var subject: Subject
        /// The id of what changed (a question's id is `check-id/question-id`).
        public var id: String
        public var kind: Kind
        /// What changed, in a few words ("70% → 80%", "its wording").
        public var detail: String
        /// The modules whose trainees the change reaches: the module itself, or the modules that
        /// read the unit or end with the check.
        public var moduleIDs: [String]
        /// For a module added as required: everyone in progress on the programme now has it to do.
        public var reachesEveryone: Bool

        /// The change in one plain sentence.
        public var sentence: String {
            let what = "\(subject.word) \(id)"
            switch kind {
            case .added: return "\(what) is new" + (detail.isEmpty ? "." : ": \(detail).")
            case .removed: return "\(what) is taken away" + (detail.isEmpty ? "." : ": \(detail).")
            case .changed: return "\(what) changes: \(detail)."
            }
        }
    }

    /// Every change, programme by programme, in the order the programme lists its modules.
    public var changes: [Change]

    /// Whether the two are the same in everything compared.
    public var isEmpty: Bool { changes.isEmpty }

    /// The changes from `old` to `new`.
    public static func between(_ old: Curriculum, _ new: Curriculum) -> CurriculumDiff {
        var changes: [Change] = []
        for programme in old.programmes where new.programme(programme.id) == nil {
            changes.append(Change(programme: programme.id, .programme, programme.id, .removed, "with its \(programme.modules.count) modules"))
        }
        for programme in new.programmes {
            guard let before = old.programme(programme.id) else {
                changes.append(Change(programme: programme.id, .programme, programme.id, .added, "with \(programme.modules.count) modules"))
                continue
            }
            changes += ProgrammeDiff(old: before, new: programme).changes()
        }
        return CurriculumDiff(changes: changes)
    }
}

extension CurriculumDiff.Change {
    init(
        programme: String,
        _ subject: CurriculumDiff.Subject,
        _ id: String,
        _ kind: CurriculumDiff.Kind,
        _ detail: String,
        modules: [String] = [],
        everyone: Bool = false
    ) {
        self.init(programmeID: programme, subject: subject, id: id, kind: kind, detail: detail, moduleIDs: modules, reachesEveryone: everyone)
    }
}
