import Foundation

/// The changes within one programme that both curricula have.
struct ProgrammeDiff {
    var old: Programme
    var new: Programme

    func changes() -> [CurriculumDiff.Change] {
        var changes: [CurriculumDiff.Change] = []
        if old.title != new.title || old.version != new.version {
            var parts: [String] = []
            if old.version != new.version { parts.append("version \(old.version) → \(new.version)") }
            if old.title != new.title { parts.append("its title") }
            changes.append(.init(programme: new.id, .programme, new.id, .changed, parts.joined(separator: ", ")))
        }
        changes += moduleChanges()
        changes += unitChanges()
        changes += checkChanges()
        return changes
    }

    private func moduleChanges() -> [CurriculumDiff.Change] {
        var changes: [CurriculumDiff.Change] = []
        for module in old.modules where new.module(module.id) == nil {
            changes.append(.init(programme: new.id, .module, module.id, .removed, "", modules: [module.id]))
        }
        for module in new.modules {
            guard let before = old.module(module.id) else {
                let detail = module.isOptional ? "optional" : "required"
                changes.append(.init(programme: new.id, .module, module.id, .added, detail, modules: [module.id], everyone: !module.isOptional))
                continue
            }
            var parts: [String] = []
            if before.isOptional != module.isOptional { parts.append(module.isOptional ? "now optional" : "now required") }
            if before.requires != module.requires {
                parts.append(module.requires.isEmpty ? "needs no module first" : "needs \(module.requires.joined(separator: ", ")) first")
            }
            if before.isOpenToApplicants != module.isOpenToApplicants {
                parts.append(module.isOpenToApplicants ? "now open to applicants" : "no longer open to applicants")
            }
            if before.unitID != module.unitID { parts.append("reads \(module.unitID ?? "no unit") instead of \(before.unitID ?? "no unit")") }
            if before.assessmentID != module.assessmentID {
                parts.append("ends with \(module.assessmentID.map { "the check \($0)" } ?? "no check") instead of \(before.assessmentID.map { "the check \($0)" } ?? "no check")")
            }
            if !parts.isEmpty {
                changes.append(.init(programme: new.id, .module, module.id, .changed, parts.joined(separator: "; "), modules: [module.id]))
            }
        }
        return changes
    }

    private func unitChanges() -> [CurriculumDiff.Change] {
        var changes: [CurriculumDiff.Change] = []
        for id in old.units.keys.sorted() where new.units[id] == nil {
            changes.append(.init(programme: new.id, .unit, id, .removed, "", modules: modules(reading: id, in: old)))
        }
        for id in new.units.keys.sorted() {
            guard let unit = new.units[id] else { continue }
            guard var before = old.units[id] else {
                changes.append(.init(programme: new.id, .unit, id, .added, "", modules: modules(reading: id, in: new)))
                continue
            }
            // Where a file sits is not a change to what a trainee reads.
            before.sourcePath = unit.sourcePath
            guard before != unit else { continue }
            var parts: [String] = []
            if before.title != unit.title { parts.append("its title") }
            if before.sections != unit.sections || before.objectives != unit.objectives || before.minutes != unit.minutes { parts.append("its reading") }
            if before.reflections != unit.reflections { parts.append("its reflections") }
            changes.append(.init(programme: new.id, .unit, id, .changed, parts.joined(separator: ", "), modules: modules(reading: id, in: new)))
        }
        return changes
    }

    private func checkChanges() -> [CurriculumDiff.Change] {
        var changes: [CurriculumDiff.Change] = []
        for id in old.assessments.keys.sorted() where new.assessments[id] == nil {
            changes.append(.init(programme: new.id, .check, id, .removed, "", modules: modules(endingWith: id, in: old)))
        }
        for id in new.assessments.keys.sorted() {
            guard let check = new.assessments[id] else { continue }
            let reached = modules(endingWith: id, in: new)
            guard let before = old.assessments[id] else {
                changes.append(.init(programme: new.id, .check, id, .added, "\(check.questions.count) questions", modules: reached))
                continue
            }
            var parts: [String] = []
            if before.title != check.title { parts.append("its title") }
            if before.introduction != check.introduction { parts.append("its introduction") }
            if before.maximumAttempts != check.maximumAttempts {
                parts.append("tries allowed \(before.maximumAttempts.map(String.init) ?? "any") → \(check.maximumAttempts.map(String.init) ?? "any")")
            }
            if before.coolDownHours != check.coolDownHours {
                parts.append("wait between tries \(before.coolDownHours ?? 0) → \(check.coolDownHours ?? 0) hours")
            }
            if !parts.isEmpty { changes.append(.init(programme: new.id, .check, id, .changed, parts.joined(separator: ", "), modules: reached)) }
            if before.passMark != check.passMark {
                changes.append(.init(programme: new.id, .passMark, id, .changed, "\(Self.percent(before.passMark)) → \(Self.percent(check.passMark))", modules: reached))
            }
            changes += questionChanges(before, check, modules: reached)
        }
        return changes
    }

    private func questionChanges(_ before: Assessment, _ check: Assessment, modules: [String]) -> [CurriculumDiff.Change] {
        var changes: [CurriculumDiff.Change] = []
        let old = Dictionary(before.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(check.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for question in before.questions where new[question.id] == nil {
            changes.append(.init(programme: self.new.id, .question, "\(check.id)/\(question.id)", .removed, "", modules: modules))
        }
        for question in check.questions {
            let id = "\(check.id)/\(question.id)"
            guard let was = old[question.id] else {
                changes.append(.init(programme: self.new.id, .question, id, .added, question.kind.typeName, modules: modules))
                continue
            }
            guard was != question else { continue }
            var parts: [String] = []
            if was.points != question.points { parts.append("points \(Self.number(was.points)) → \(Self.number(question.points))") }
            if was.prompt != question.prompt { parts.append("its wording") }
            if was.kind != question.kind { parts.append(was.kind.typeName == question.kind.typeName ? "its answers" : "now \(question.kind.typeName)") }
            if was.feedback != question.feedback { parts.append("its feedback") }
            if was.tags != question.tags { parts.append("its tags") }
            changes.append(.init(programme: self.new.id, .question, id, .changed, parts.joined(separator: ", "), modules: modules))
        }
        return changes
    }

    private func modules(reading unitID: String, in programme: Programme) -> [String] {
        programme.modules.filter { $0.unitID == unitID }.map(\.id)
    }

    private func modules(endingWith checkID: String, in programme: Programme) -> [String] {
        programme.modules.filter { $0.assessmentID == checkID }.map(\.id)
    }

    static func percent(_ value: Double) -> String {
        number(value) + "%"
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
